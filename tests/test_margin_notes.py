"""Notes in the margin, on both editions (the letter and the test edition at scale), at every
wide width and in both palettes, measured in Chromium: each note level with its marker, or
just below the note above, in order; none overlaps another note, the footer, the navigation
buttons or anything else; hidden from screen readers, which read the list; the page never
scrolls sideways; a note with no room near its marker stays in its tooltip and the list;
every link names its work. Cumulative layout shift 0 as the longest page loads."""

import pytest

from conftest import served
from editions import built_path

WIDTHS = [1220, 1440, 1920]

# Every margin note, and every other element of the page whose box it meets: its ancestors
# (the page's columns), its own contents and the other margin notes (compared apart) aside.
MEASURED = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX} }
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
  const all = [...document.querySelectorAll("body *")]
  // What stands on the page: not an invisible box, nor one that floats over the page as it
  // scrolls (the sticky header, the "Copied" dialog), which a note passes under by design.
  const floating = all.filter(e => ["fixed", "sticky"].includes(getComputedStyle(e).position))
  const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "contents"
           && s.opacity !== "0" && !floating.some(f => f.contains(e)) }
  const notes = [...document.querySelectorAll(".margin-note")]
  const others = all.filter(e => !e.closest(".margin-note") && shown(e)).map(e => [e, box(e)])
  return notes.map(note => {
    const b = box(note)
    const marker = document.getElementById("fnref:" + note.dataset.note)
    return {number: note.querySelector(".margin-note__number").textContent, hidden: note.hidden, ...b,
            marker: marker.getBoundingClientRect().top + scrollY, text: note.textContent,
            unread: note.getAttribute("aria-hidden"), focusable: note.querySelectorAll('a:not([tabindex="-1"])').length,
            article: document.querySelector("article").getBoundingClientRect().right + scrollX,
            links: [...note.querySelectorAll("a.note-entry")].map(a => a.textContent),
            overlaps: note.hidden ? [] : others.filter(([e, box]) => !e.contains(note) && meets(b, box))
                        .map(([e]) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : ""))}
  })
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_margin_notes_never_collide(browser, edition, edition_url, width, scheme):
    context = browser.new_context(base_url=edition_url, color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    for uri, written in edition.notes.items():
        path = built_path(uri)
        page.goto(path.removesuffix("index.html"))
        page.wait_for_function(f"document.querySelectorAll('.margin-note').length === {len(written)}")
        notes = page.evaluate(MEASURED)
        assert [note["number"] for note in notes] == [str(n) for n in range(1, len(written) + 1)], "in order"
        shown = [note for note in notes if not note["hidden"]]
        assert shown, f"{path}: no note in the margin"
        for above, below in zip(shown, shown[1:]):
            assert below["top"] > above["bottom"], f"{path}: notes {above['number']} and {below['number']} overlap"
        below = float("-inf")  # the bottom of the note above
        for note in shown:
            assert note["overlaps"] == [], f"{path}, note {note['number']} overlaps {note['overlaps']}"
            assert note["marker"] - 1 <= note["top"] <= note["marker"] + 450 + 1, \
                f"{path}, note {note['number']} stands apart from its marker (half the window's 900 px)"
            assert note["top"] <= max(note["marker"], below + 10) + 1, "as near its marker as the note above allows"
            assert note["article"] <= note["left"] and note["right"] <= width, f"{path}, note {note['number']}"
            assert note["unread"] == "true" and note["focusable"] == 0, "screen readers read the list instead"
            below = note["bottom"]
        if edition.name == "letter":
            assert len(shown) == 5 and "Insider Paper" in shown[2]["text"], "all five beside their markers"
        assert page.locator("div.footnote li").count() == len(written), "the list of notes stays"
        footer = page.evaluate("document.querySelector('.md-footer').getBoundingClientRect().top + scrollY")
        assert all(note["bottom"] <= footer for note in shown), path
        for note in notes:  # a note that cannot stand in the margin is still read in the list
            assert page.locator(f"[id='fn:{note['number']}']").count() == 1 or note["hidden"] is False
            assert len(set(note["links"])) == len(note["links"]), f"{path}, note {note['number']}: {note['links']}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} scrolls sideways"
    context.close()


def test_a_paragraph_with_more_notes_than_room_keeps_the_rest_in_the_list(browser, scale):
    """The test edition's third page closes with a short paragraph of six notes: those that
    would run over the footer are not set in the margin, and each is still in the list."""
    with served(scale.site.root) as url:
        page = browser.new_page(base_url=url, viewport={"width": 1440, "height": 900})
        page.goto("context/")
        page.wait_for_function("document.querySelectorAll('.margin-note').length === 6")
        notes = page.evaluate(MEASURED)
        assert [note["number"] for note in notes] == ["1", "2", "3", "4", "5", "6"]
        assert any(note["hidden"] for note in notes) and not all(note["hidden"] for note in notes)
        assert page.locator("div.footnote li").count() == 6
        page.close()


@pytest.mark.parametrize("width", [375, 1440])
def test_no_layout_shift_on_the_longest_page(browser, edition, edition_url, width):
    """Cumulative layout shift 0 as the letter page (the test edition's: 28 notes) loads."""
    page = browser.new_page(base_url=edition_url, viewport={"width": width, "height": 900})
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value
    }).observe({type: 'layout-shift', buffered: true})""")
    page.goto("./")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    assert page.evaluate("window.__shift") == 0
    page.close()
