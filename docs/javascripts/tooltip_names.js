// Material's note tooltips are dialogs without a name; name each after its note
// ("Note 3") so a screen reader announces what opened.
new MutationObserver(() => {
  for (const tooltip of document.querySelectorAll(".md-tooltip2[role=dialog]:not([aria-label])")) {
    const opener = document.querySelector(`[aria-controls="${tooltip.id}"]`)
    tooltip.setAttribute("aria-label", opener ? `Note ${opener.textContent.trim()}` : "Note")
  }
}).observe(document.body, { childList: true, subtree: true })
