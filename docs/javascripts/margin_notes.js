// Notes in the margin: where the window is wide enough for a margin column, each note
// stands beside the line of its marker. Notes that come close together stack in order,
// each as near its marker as the one above allows. A note that cannot stand near its
// marker (more than half a window below it, where a reader no longer sees the two together)
// or would run past the end of the article (over the footer and its buttons) is not set in
// the margin: its marker's tooltip and the list of notes still give it, and the page keeps
// its height. The list of notes stays where it is, and is what a screen reader reads: the
// margin copies are hidden from it.
const WIDE = matchMedia("(min-width: 76.25em)")
const GAP = 8  // pixels between two notes in the margin

function noteFor(marker) {
  const id = decodeURIComponent(marker.querySelector("a").getAttribute("href").slice(1))
  return document.getElementById(id)
}

function buildMarginNotes(article) {
  const notes = []
  for (const marker of article.querySelectorAll("sup[id^='fnref:']")) {
    const item = noteFor(marker)
    if (!item) continue
    const note = document.createElement("aside")
    note.className = "margin-note"
    note.dataset.note = marker.id.slice("fnref:".length)  // the note it copies
    note.setAttribute("aria-hidden", "true")
    const number = document.createElement("span")
    number.className = "margin-note__number"
    number.textContent = marker.textContent.trim()
    note.append(number)
    for (const part of item.querySelector("p").childNodes) {
      if (part.nodeType === Node.ELEMENT_NODE && part.matches(".footnote-backref")) continue
      note.append(part.cloneNode(true))
    }
    for (const link of note.querySelectorAll("a")) link.tabIndex = -1  // read once, in the list
    notes.push([marker, note])
  }
  return notes
}

function placeMarginNotes(article, notes) {
  const box = article.getBoundingClientRect()
  let below = -Infinity
  for (const [marker, note] of notes) {
    note.hidden = false
    const wanted = marker.getBoundingClientRect().top - box.top
    const top = Math.max(wanted, below)
    if (top - wanted > innerHeight / 2 || top + note.offsetHeight > box.height) {  // no room near its marker
      note.hidden = true
      continue
    }
    note.style.top = `${top}px`
    below = top + note.offsetHeight + GAP
  }
}

function marginNotes() {
  const article = document.querySelector("article.md-content__inner")
  if (!article || !article.querySelector(".footnote")) return
  let notes = []
  const layout = () => {
    for (const [, note] of notes) note.remove()
    notes = []
    if (!WIDE.matches) return
    notes = buildMarginNotes(article)
    for (const [, note] of notes) article.append(note)
    placeMarginNotes(article, notes)
  }
  layout()
  WIDE.addEventListener("change", layout)
  new ResizeObserver(() => WIDE.matches && placeMarginNotes(article, notes)).observe(article)
}

marginNotes()
