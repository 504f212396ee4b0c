"""Search that lands on the place: a paragraph, a note, a references entry.

Material's search indexes a page by its headings, so a phrase of the letter leads to the
section "Letter" and a name in a note to "Notes". Each numbered paragraph ("Letter,
paragraph 5" -> #p5), each note ("Note 4" -> #fn:4, the note's label) and each entry of the references page
gets an entry of its own, added to Material's index after Material has written it. The
build marks those places, and its own controls ("References entry", "↩"), with
`data-search-exclude`, which Material's search leaves out of its own entries: the section
"Letter" does not hold the letter's text a second time (every page loads the index).
"""

import html
import json
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..markers import FOOTNOTE_BACKREF, NOTE_ENTRIES, NOTE_ENTRY, NOTE_ID, PERMALINK, READING_MARK, WORK, paragraph_number

# The edition's own controls inside a place, which no one searches for.
APPARATUS = f"a.{PERMALINK}, a.{NOTE_ENTRY}, .{NOTE_ENTRIES}, a.{FOOTNOTE_BACKREF}, a.{READING_MARK}"


@dataclass(frozen=True)
class Place:
    kind: str  # "paragraph", "note" or "entry"
    anchor: str  # its id: "p3", "fn:3", a work's key
    number: int  # the paragraph's or note's number; 0 for an entry
    text: str  # as a reader reads it, the edition's controls left out


def places_in(content: str) -> list[Place]:
    """A page's numbered paragraphs (p#p3), notes (li#fn:…) and references entries (p.work)."""
    found, notes = [], 0
    tree = LexborHTMLParser(f"<body>{content}</body>")
    for node in tree.css("p[id], li[id]"):
        anchor = node.attributes.get("id") or ""
        classes = (node.attributes.get("class") or "").split()
        if node.tag == "p" and paragraph_number(anchor) is not None:
            found.append(Place("paragraph", anchor, paragraph_number(anchor), _text(node)))
        elif node.tag == "li" and anchor.startswith(NOTE_ID.format("")):
            notes += 1
            found.append(Place("note", anchor, notes, _text(node)))
        elif node.tag == "p" and WORK in classes and anchor:
            found.append(Place("entry", anchor, 0, _text(node)))
    return found


def _text(node) -> str:
    copy = LexborHTMLParser(f"<body>{node.html}</body>")
    for control in copy.css(APPARATUS):
        control.decompose()
    return " ".join(copy.body.text(deep=True).split())


def index_entry(place: Place, page_title: str, page_url: str, numbered: bool, short_name) -> dict:
    """A place as an entry of Material's index; `numbered`: the page numbers its paragraphs,
    and its notes are "Note 4" (elsewhere "Page, note 4")."""
    if place.kind == "paragraph":
        title = f"{page_title}, paragraph {place.number}"
    elif place.kind == "note":
        title = f"Note {place.number}" if numbered else f"{page_title}, note {place.number}"
    else:
        title = f"{page_title}: {short_name(place.anchor)}"
    # The index holds HTML: the text is escaped, as Material escapes a page's text.
    return {"location": f"{page_url}#{place.anchor}", "title": html.escape(title, quote=False),
            "text": f"<p>{html.escape(place.text, quote=False)}</p>"}


def extend_search_index(index: Path, entries: list[dict]) -> None:
    """Material's index, with an entry of its own for each place (after Material wrote it)."""
    if not index.exists():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] += entries
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
