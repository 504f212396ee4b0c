"""A short, stable anchor and a permalink for every paragraph of a page that asks for them.

A page with `paragraph_anchors: true` in its front matter gets, on each top-level
paragraph, an `id` (an id written in the Markdown is kept; the others are numbered
p1, p2, … in reading order) and a permalink. A numbered paragraph's permalink shows its
number in the margin (drawn by CSS, so it stays out of copied text and the search index)
and carries the paragraph's citation, which docs/javascripts/paragraph_tools.js offers to
copy; a paragraph with an id of its own shows ¶ on hover and on keyboard focus.

Published anchors stay where they are: `paragraph-anchors.yml` records each with the first
words of its paragraph as a reader reads them (note markers and the edition's marks left
out), and `check_record` stops a build that would move or drop one.
"""

import logging
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from ..errors import EditionError
from ..markers import (EDITORIAL, MARKER_ID, PARAGRAPH_LINK, PARAGRAPH_NUMBER, PERMALINK, READING_MARK, SEARCH_EXCLUDE,
                       paragraph_anchor, paragraph_number)
from ..reading.anchor_record import RECORD

log = logging.getLogger(__name__)

FIRST_WORDS = 6


class ParagraphAnchors(Treeprocessor):
    """Runs on each page; `enabled` and `cite` are set for the page about to be rendered."""

    def __init__(self, md=None):
        super().__init__(md)
        self.enabled = False
        self.cite = None  # number -> the paragraph's citation
        self.found: dict[str, str] = {}  # anchor -> first words, for the page rendered last

    def run(self, root):
        self.found = {}
        if not self.enabled:
            return
        paragraphs = [child for child in root if child.tag == "p" and not _is_raw_html(child)]
        taken = {p.get("id") for p in paragraphs if p.get("id")}
        number = 0
        for paragraph in paragraphs:
            if EDITORIAL in (paragraph.get("class") or "").split():
                continue  # the edition's own remark: no number, and it moves none
            anchor = paragraph.get("id")
            if anchor is None:
                number += 1
                while paragraph_anchor(number) in taken:  # a number pinned in the Markdown is not given twice
                    number += 1
                anchor = paragraph_anchor(number)
                paragraph.set("id", anchor)
            pinned = paragraph_number(anchor)
            if pinned is not None:
                number = max(number, pinned)
                self.found[anchor] = first_words(paragraph, self.md)
                # The paragraph has a search entry of its own (search_places.py).
                paragraph.set(SEARCH_EXCLUDE, "")
                _add_permalink(paragraph, pinned, self.cite(pinned) if self.cite else None)
            else:
                _add_permalink(paragraph)


def first_words(paragraph, md=None) -> str:
    """A paragraph's first words as a reader reads them: note markers, the edition's marks and
    raw HTML (a line break) left out."""
    parts = []

    def walk(element):
        if element.tag == "sup" and (element.get("id") or "").startswith(MARKER_ID):
            parts.append(" ")
        elif element.tag == "a" and {PERMALINK, READING_MARK} & set((element.get("class") or "").split()):
            pass
        else:
            parts.append(element.text or "")
            for child in element:
                walk(child)
        if element is not paragraph:
            parts.append(element.tail or "")

    walk(paragraph)
    text = HTML_PLACEHOLDER_RE.sub(" ", "".join(parts))
    return " ".join(text.split()[:FIRST_WORDS])


def _is_raw_html(paragraph):
    """A block of raw HTML (a comment, say) stands in the tree as a placeholder paragraph."""
    return len(paragraph) == 0 and HTML_PLACEHOLDER_RE.fullmatch((paragraph.text or "").strip())


def _add_permalink(paragraph, number: int | None = None, citation: str | None = None):
    anchor = paragraph.get("id")
    attributes = {
        "class": f"{PERMALINK} {PARAGRAPH_LINK}",
        "href": f"#{anchor}",
        "title": "Link to this paragraph",
        "aria-label": f"Link to this paragraph (#{anchor})",
    }
    if number is not None:
        attributes |= {"class": f"{PERMALINK} {PARAGRAPH_LINK} {PARAGRAPH_NUMBER}", "data-number": str(number),
                       "title": f"Paragraph {number}: link, or copy its link or citation",
                       "aria-label": f"Paragraph {number}"}
        if citation:
            attributes["data-citation"] = citation
    link = etree.SubElement(paragraph, "a", attributes)
    # The visible mark comes from CSS, so it stays out of copied text and the search index.
    link.text = ""


# --- Published anchors stay where they are ------------------------------------------------


def check_record(found: dict[str, str], record: dict[str, dict[str, str]], uri: str, where: str) -> None:
    """A page's anchors against those published: a moved or dropped one stops the build; a
    new one is a warning (the strict build fails until it is recorded)."""
    if not found:
        return
    published = record.get(uri, {})
    dropped = [f"#{anchor} (“{words} …”)" for anchor, words in published.items() if anchor not in found]
    moved = [f"#{anchor} from “{words} …” to “{found[anchor]} …”"
             for anchor, words in published.items() if anchor in found and found[anchor] != words]
    if dropped or moved:
        raise EditionError(
            f"{where}: published anchors would break ({RECORD} records them). "
            + (f"Dropped: {'; '.join(dropped)}. " if dropped else "")
            + (f"Moved: {'; '.join(moved)}. " if moved else "")
            + "Links to them are out in the world. Keep each on its paragraph by pinning it on the line after "
            "that paragraph ({ #p5 }), or mark a paragraph the edition adds as its own with { .editorial } "
            "(it gets no number)."
        )
    for anchor, words in found.items():
        if anchor not in published:
            log.warning("%s: the new anchor #%s (“%s …”) is not in %s. Add `%s: %s` under `%s:` there "
                        "once it is published.", where, anchor, words, RECORD, anchor, words, uri)

