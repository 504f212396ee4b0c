r"""Readings a reader may take for errors, marked beside the text, never changed in it.

The letter's page lists them in its front matter (`readings:`: the words, the element they
stand in, and the edition's remark). After each such word the page gets a small, visibly
editorial mark (an empty link, drawn by CSS: the letter's text is unchanged) that names the
remark and leads to it on "About this edition", where `\readings` becomes the list.

The marks are put in the page's element tree as Markdown renders it, by the element's id,
so words after an inline element are found, an attribute that merely ends in an id
(`data-id="p4"`) is not taken for it, and the link is a link between source pages that
MkDocs turns into the site's address, whatever its `use_directory_urls`.

`\edition` on a page becomes the imprint's sentence (reading/imprint.py): what the edition
says of itself, in the edition's voice like the remarks.
"""

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from ..errors import EditionError
from ..markers import EDITION, READING_MARK, READINGS, REMARKS_ANCHOR
from ..reading.imprint import Imprint
from ..reading.page_settings import Reading


class EditorialMarks(Treeprocessor):
    """Runs on each page; `readings`, `about` and `where` are set for the page about to be
    rendered. A reading it cannot find is kept in `fault` (Markdown would hide an exception
    raised here in its own), for the plugin to report."""

    def __init__(self, md=None):
        super().__init__(md)
        self.readings: list[Reading] = []
        self.about: str | None = None  # the link to the About page's list, from this page
        self.where = ""
        self.fault: EditionError | None = None

    def run(self, root):
        self.fault = None
        for reading in self.readings:
            element = _element(root, reading.at)
            if element is None:
                self.fault = EditionError(f"{self.where}: the reading “{reading.text}” is said to stand in "
                                          f"#{reading.at}, which the page does not have.")
            elif not _mark_after(element, reading.text, _mark(reading, self.about)):
                self.fault = EditionError(f"{self.where}: the reading “{reading.text}” is not in #{reading.at}.")
            if self.fault:
                return


def _element(root, at: str):
    """The element a reading stands in: its id, or "headline" for the page's h1."""
    for element in root.iter():
        if (at == "headline" and element.tag == "h1") or element.get("id") == at:
            return element
    return None


def _mark(reading: Reading, about: str | None):
    remark = f"Editorial remark: {reading.remark}."
    return etree.Element("a", {"class": READING_MARK, "href": f"{about or ''}#{REMARKS_ANCHOR}",
                               "title": remark, "aria-label": remark})


def _mark_after(element, words: str, mark) -> bool:
    """Put `mark` right after the first place `words` end in the element's text."""
    segments = []  # (text, where it is: (element, "text") or (element, "tail"))

    def walk(node):
        segments.append((node.text or "", (node, "text")))
        for child in node:
            walk(child)
            segments.append((child.tail or "", (child, "tail")))

    walk(element)
    text = "".join(part for part, _ in segments)
    found = text.find(words)
    if found < 0:
        return False
    end, offset = found + len(words), 0
    for part, (owner, slot) in segments:
        if offset + len(part) >= end:
            cut = end - offset
            mark.tail = part[cut:]
            if slot == "text":
                owner.text = part[:cut]
                owner.insert(0, mark)
            else:
                owner.tail = part[:cut]
                parent = next(p for p in element.iter() if owner in list(p))
                parent.insert(list(parent).index(owner) + 1, mark)
            return True
        offset += len(part)
    return False


def write_readings_list(markdown: str, readings: list[Reading]) -> str:
    """`\\readings` becomes the list of the edition's remarks."""
    if READINGS not in markdown:
        return markdown
    listed = [f"- {reading.remark}" for reading in readings]
    for index in range(len(listed) - 1):
        listed[index] += ";"
    if listed:
        listed[-1] += "."
    return markdown.replace(READINGS, "\n".join(listed))


def write_edition_sentence(markdown: str, imprint: Imprint) -> str:
    return markdown.replace(EDITION, imprint.sentence) if EDITION in markdown else markdown
