"""The Markdown extension the build adds to MkDocs' Markdown: what it does to a page's tree.

Three tree steps, after Python-Markdown has made the page's elements (footnotes and
attribute lists included) and before MkDocs reads its anchors (5) and makes its links the
site's addresses (0):
1. paragraph_anchors.py: each paragraph's anchor and permalink, on a page that asks;
2. editorial_marks.py: the marks beside readings kept as written;
3. the notes and the footnotes' back-links are left out of Material's own search entries
   (each note has an entry of its own: search_places.py).
The plugin tells the extension, before each page is rendered, what that page asks for.
"""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from .editorial_marks import EditorialMarks
from .names import FOOTNOTE_BACKREF, SEARCH_EXCLUDE
from .paragraph_anchors import ParagraphAnchors


class NotesOutOfSearch(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if (element.tag == "li" and (element.get("id") or "").startswith("fn:")) or (
                    element.tag == "a" and FOOTNOTE_BACKREF in (element.get("class") or "").split()):
                element.set(SEARCH_EXCLUDE, "")


class PageExtension(Extension):
    def __init__(self):
        super().__init__()
        self.anchors = ParagraphAnchors()
        self.marks = EditorialMarks()
        self.notes = NotesOutOfSearch()

    def extendMarkdown(self, md):
        for processor in (self.anchors, self.marks, self.notes):
            processor.md = md
        # After attr_list (8), so ids written in the Markdown are seen; before MkDocs
        # collects anchors (5), so links to #p3 are validated.
        md.treeprocessors.register(self.anchors, "paragraph_anchors", 7)
        md.treeprocessors.register(self.marks, "editorial_marks", 6.5)
        md.treeprocessors.register(self.notes, "notes_out_of_search", 6)

    def prepare(self, anchors: bool, cite, readings, about: str | None, where: str) -> None:
        """What the page about to be rendered asks for."""
        self.anchors.enabled, self.anchors.cite = anchors, cite
        self.marks.readings, self.marks.about, self.marks.where = readings, about, where
