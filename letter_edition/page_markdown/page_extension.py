"""The Markdown extension the build adds to MkDocs' Markdown: what it does to a page's tree.

Four tree steps, after Python-Markdown has made the page's elements (footnotes and
attribute lists included) and before MkDocs reads its anchors (5) and makes its links the
site's addresses (0):
1. paragraph_anchors.py: each paragraph's anchor and permalink, on a page that asks;
2. editorial_marks.py: the marks beside readings kept as written;
3. the notes and the footnotes' back-links are left out of Material's own search entries
   (each note has an entry of its own: search_places.py);
4. a table column aligned in Markdown (`| :--: |`) gets a class, not the inline style
   Python-Markdown writes, which the pages' policy (style-src 'self') would block: the
   rules for those classes are in docs/stylesheets/letter.css.
The plugin tells the extension, before each page is rendered, what that page asks for.
"""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..markers import FOOTNOTE_BACKREF, NOTE_ID, SEARCH_EXCLUDE, TEXT_ALIGN, TEXT_ALIGNMENTS
from .editorial_marks import EditorialMarks
from .paragraph_anchors import ParagraphAnchors


class NotesOutOfSearch(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if (element.tag == "li" and (element.get("id") or "").startswith(NOTE_ID.format(""))) or (
                    element.tag == "a" and FOOTNOTE_BACKREF in (element.get("class") or "").split()):
                element.set(SEARCH_EXCLUDE, "")


class AlignedCells(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            align = _text_align(element.get("style"))
            if align is not None:
                del element.attrib["style"]
                element.set("class", " ".join(filter(None, [element.get("class"), TEXT_ALIGN.format(align)])))


def _text_align(style: str | None) -> str | None:
    """The alignment of a style that is a text alignment and nothing else ("text-align: left;")."""
    if not style:
        return None
    import tinycss2

    parts = [d for d in tinycss2.parse_declaration_list(style, skip_comments=True, skip_whitespace=True)]
    if len(parts) != 1 or parts[0].type != "declaration" or parts[0].lower_name != "text-align" or parts[0].important:
        return None
    values = [token for token in parts[0].value if token.type != "whitespace"]
    if len(values) == 1 and values[0].type == "ident" and values[0].lower_value in TEXT_ALIGNMENTS:
        return values[0].lower_value
    return None


class PageExtension(Extension):
    def __init__(self):
        super().__init__()
        self.anchors = ParagraphAnchors()
        self.marks = EditorialMarks()
        self.notes = NotesOutOfSearch()
        self.aligned = AlignedCells()

    def extendMarkdown(self, md):
        for processor in (self.anchors, self.marks, self.notes, self.aligned):
            processor.md = md
        # After attr_list (8), so ids written in the Markdown are seen; before MkDocs
        # collects anchors (5), so links to #p3 are validated.
        md.treeprocessors.register(self.anchors, "paragraph_anchors", 7)
        md.treeprocessors.register(self.marks, "editorial_marks", 6.5)
        md.treeprocessors.register(self.notes, "notes_out_of_search", 6)
        md.treeprocessors.register(self.aligned, "aligned_cells", 5.5)

    def prepare(self, anchors: bool, cite, readings, about: str | None, where: str) -> None:
        """What the page about to be rendered asks for, and nothing left of the page before
        (Markdown runs no tree step at all on an empty page)."""
        self.anchors.enabled, self.anchors.cite, self.anchors.found = anchors, cite, {}
        self.marks.fault = None
        self.marks.readings, self.marks.about, self.marks.where = readings, about, where
