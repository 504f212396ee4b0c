// A numbered paragraph's number opens a small menu: "Copy link" and "Copy citation".
// Mouse, keyboard and touch alike: a click, Enter or a tap on the number opens it; Escape, a
// click elsewhere or a copy closes it. Without JavaScript the number is a plain link.
function paragraphAddress(link) {
  const canonical = document.querySelector("link[rel=canonical]")
  const page = canonical ? canonical.href : location.href.split("#")[0]
  return page.split("#")[0] + link.getAttribute("href")
}

function paragraphCitation(link) {
  // Built from the Cite page's citation and style; where the build did not know the
  // site's address, the address this page is read at is added, as the style would.
  const citation = link.dataset.citation || ""
  return citation.includes("://") ? citation : `${citation}, ${paragraphAddress(link)}`
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Where the Clipboard API is not offered (a page not served over HTTPS, say).
    const area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.className = "paragraph-tools__copy"
    document.body.append(area)
    area.select()
    const done = document.execCommand("copy")
    area.remove()
    return done
  }
}

function closeParagraphTools(focusNumber) {
  const open = document.querySelector(".paragraph-tools")
  if (!open) return
  const link = open.parentElement.querySelector(".paragraph-number")
  link.setAttribute("aria-expanded", "false")
  open.remove()
  if (focusNumber) link.focus()
}

function openParagraphTools(link) {
  closeParagraphTools(false)
  const number = link.dataset.number
  const menu = document.createElement("div")
  menu.className = "paragraph-tools"
  menu.setAttribute("role", "group")
  menu.setAttribute("aria-label", `Paragraph ${number}`)
  const status = document.createElement("span")
  status.className = "visually-hidden"
  status.setAttribute("role", "status")
  for (const [label, text] of [["Copy link", () => paragraphAddress(link)],
                               ["Copy citation", () => paragraphCitation(link)]]) {
    const button = document.createElement("button")
    button.type = "button"
    button.textContent = label
    button.addEventListener("click", async () => {
      const copied = await copyText(text())
      status.textContent = copied ? `${label.replace("Copy ", "")} of paragraph ${number} copied` : "Not copied"
      button.textContent = copied ? "Copied" : "Not copied"
      button.dataset.copied = text()
    })
    menu.append(button)
  }
  menu.append(status)
  link.after(menu)
  link.setAttribute("aria-expanded", "true")
  menu.querySelector("button").focus()
}

for (const link of document.querySelectorAll(".paragraph-number")) {
  link.setAttribute("aria-haspopup", "true")
  link.setAttribute("aria-expanded", "false")
  link.addEventListener("click", event => {
    event.preventDefault()
    history.replaceState(null, "", link.getAttribute("href"))
    if (link.getAttribute("aria-expanded") === "true") closeParagraphTools(true)
    else openParagraphTools(link)
  })
}
document.addEventListener("keydown", event => {
  if (event.key === "Escape" && document.querySelector(".paragraph-tools")) closeParagraphTools(true)
})
document.addEventListener("click", event => {
  if (!event.target.closest(".paragraph-tools, .paragraph-number")) closeParagraphTools(false)
})
