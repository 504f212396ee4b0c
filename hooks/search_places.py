"""Search that lands on the place: a paragraph, a note, a references entry.

Material's search indexes a page by its headings, so a phrase of the letter leads to the
section "Letter" and a name in a note to "Notes". After Material has written its index, this
hook adds an entry for each numbered paragraph ("Letter, paragraph 5" -> #p5), each note
("Note 4" -> #fn:4) and each entry of the references page, and takes the edition's own
controls ("References entry", "↩") out of every entry's text. The index is extended, never
replaced: Material's own entries stay, less the paragraphs that now have an entry of their
own (the section "Letter" would otherwise hold the letter's text a second time, and every
page loads the index).
"""

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path


# What the edition adds to a note, which no one searches for.
INTERFACE = re.compile(r"\s*References entr(?:y|ies)(?::[^↩<]*?)?(?=\s*(?:↩|</p>|$))|\s*↩")
# Material's text of a section: paragraphs, and lists of paragraphs (no nesting of <p>).
BLOCK = re.compile(r"<p>(.*?)</p>", re.S)
EMPTY = re.compile(r"<li>\s*</li>|<(ol|ul)>\s*</\1>")
TAG = re.compile(r"<[^>]+>")


def on_config(config):
    config["search_places"] = []  # filled page by page, written into the index after the build
    return config


def on_page_context(context, page, config, nav):
    places = _Places()
    places.feed(page.content or "")
    places.close()
    for kind, anchor, number, text in places.found:
        config["search_places"].append(_entry(kind, anchor, number, text, page, config["sources"]))
    return context


def _entry(kind, anchor, number, text, page, sources):
    if kind == "paragraph":
        title = f"{page.title}, paragraph {number}"
    elif kind == "note":
        title = f"Note {number}" if page.meta.get("paragraph_anchors") else f"{page.title}, note {number}"
    else:
        title = f"{page.title}: {sources.short_name(anchor)}"
    # The index holds HTML: the text is escaped, as Material escapes a page's text.
    return {"location": f"{page.url}#{anchor}", "title": html.escape(title, quote=False),
            "text": f"<p>{html.escape(text, quote=False)}</p>"}


def extend_search_index(config):
    """Material's index, with an entry of its own for each place (after Material wrote it)."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    placed: dict[str, set[str]] = {}  # page -> the texts that have an entry of their own
    for place in config["search_places"]:
        placed.setdefault(place["location"].split("#")[0], set()).add(_plain(place["text"]))
    for doc in index["docs"]:
        doc["text"] = _without(INTERFACE.sub("", doc["text"]), placed.get(doc["location"].split("#")[0], set()))
    index["docs"] += config["search_places"]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _plain(text: str) -> str:
    return " ".join(html.unescape(TAG.sub("", text)).split())


def _without(text: str, placed: set[str]) -> str:
    """A section's text without the paragraphs found again as entries of their own."""
    if not placed:
        return text
    text = BLOCK.sub(lambda block: "" if _plain(block[1]) in placed else block[0], text)
    while EMPTY.search(text):
        text = EMPTY.sub("", text)
    return " ".join(text.split())


class _Places(HTMLParser):
    """A page's numbered paragraphs (p#p3), notes (li#fn:…) and references entries (p.work),
    with their text as a reader reads it (the edition's links and marks left out)."""

    SKIPPED = {"headerlink", "note-entry", "footnote-backref"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int, str]] = []
        self._open = None  # (kind, anchor, number, tag, depth, parts)
        self._skip = 0
        self._notes = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        anchor, classes = attrs.get("id") or "", (attrs.get("class") or "").split()
        if self._open is None:
            if tag == "p" and re.fullmatch(r"p\d+", anchor):
                self._open = ["paragraph", anchor, int(anchor[1:]), tag, 0, []]
            elif tag == "li" and anchor.startswith("fn:"):
                self._notes += 1
                self._open = ["note", anchor, self._notes, tag, 0, []]
            elif tag == "p" and "work" in classes and anchor:
                self._open = ["entry", anchor, 0, tag, 0, []]
        if self._open is not None:
            if tag == self._open[3]:
                self._open[4] += 1
            if self._skip or (tag == "a" and self.SKIPPED & set(classes)):
                self._skip += 1

    def handle_endtag(self, tag):
        if self._open is None:
            return
        if self._skip:
            self._skip -= 1
        if tag == self._open[3]:
            self._open[4] -= 1
            if self._open[4] == 0:
                kind, anchor, number, _, _, parts = self._open
                text = INTERFACE.sub("", " ".join("".join(parts).split()))
                self.found.append((kind, anchor, number, text))
                self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._skip:
            self._open[5].append(data)
