// On a touch screen, tapping a note marker shows the note in place, as pointing at it does
// with a mouse; a second tap on the same marker goes to the note in the list of notes.
let lastPointer = "mouse"
document.addEventListener("pointerdown", event => { lastPointer = event.pointerType }, true)

for (const marker of document.querySelectorAll(".footnote-ref")) {
  marker.addEventListener("click", event => {
    if (lastPointer !== "touch" || marker.dataset.shown === "true") return
    event.preventDefault()
    marker.dataset.shown = "true"
    marker.focus()  // the theme shows a marker's note while the marker has focus
  })
  marker.addEventListener("blur", () => { delete marker.dataset.shown })
}
