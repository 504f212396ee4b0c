// Material's search and note tooltips are dialogs without a name. Name them, so that a
// screen reader announces what opened: "Search", "Note 3".
function nameDialogs() {
  for (const search of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
    search.setAttribute("aria-label", "Search")
  }
  for (const tooltip of document.querySelectorAll(".md-tooltip2[role=dialog]:not([aria-label])")) {
    const opener = document.querySelector(`[aria-controls="${tooltip.id}"]`)
    tooltip.setAttribute("aria-label", opener ? `Note ${opener.textContent.trim()}` : "Note")
  }
}
nameDialogs()
new MutationObserver(nameDialogs).observe(document.body, { childList: true, subtree: true })
