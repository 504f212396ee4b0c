"""A short, stable anchor and a permalink for every paragraph of a page that asks for them.

A page with `paragraph_anchors: true` in its front matter gets, on each top-level
paragraph, an `id` (an id written in the Markdown is kept; the others are numbered
p1, p2, … in reading order) and a permalink. A numbered paragraph's permalink shows its
number in the margin (drawn by CSS, so it stays out of copied text and the search index)
and carries the paragraph's citation, which docs/javascripts/paragraph_tools.js offers to
copy; a paragraph with an id of its own shows ¶ on hover and on keyboard focus.
"""

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE


class _ParagraphAnchors(Treeprocessor):
    enabled = False
    cite = None  # number -> the paragraph's citation, for the page being rendered

    def run(self, root):
        if not self.enabled:
            return
        number = 0
        for paragraph in [child for child in root if child.tag == "p"]:
            if _is_raw_html(paragraph):
                continue
            if "id" not in paragraph.attrib:
                number += 1
                paragraph.set("id", f"p{number}")
                _add_permalink(paragraph, number, self.cite(number) if self.cite else None)
            else:
                _add_permalink(paragraph)


def _is_raw_html(paragraph):
    """A block of raw HTML (a comment, say) stands in the tree as a placeholder paragraph."""
    return len(paragraph) == 0 and HTML_PLACEHOLDER_RE.fullmatch((paragraph.text or "").strip())


def _add_permalink(paragraph, number: int | None = None, citation: str | None = None):
    anchor = paragraph.get("id")
    attributes = {
        "class": "headerlink paragraph-link",
        "href": f"#{anchor}",
        "title": "Link to this paragraph",
        "aria-label": f"Link to this paragraph (#{anchor})",
    }
    if number is not None:
        attributes |= {"class": "headerlink paragraph-link paragraph-number", "data-number": str(number),
                       "title": f"Paragraph {number}: link, or copy its link or citation",
                       "aria-label": f"Paragraph {number}"}
        if citation:
            attributes["data-citation"] = citation
    link = etree.SubElement(paragraph, "a", attributes)
    # The visible mark comes from CSS, so it stays out of copied text and the search index.
    link.text = ""


class _ParagraphAnchorsExtension(Extension):
    def __init__(self):
        super().__init__()
        self.processor = _ParagraphAnchors()

    def extendMarkdown(self, md):
        self.processor.md = md
        # After attr_list (8), so ids written in the Markdown are seen; before MkDocs
        # collects anchors (5), so links to #p3 are validated.
        md.treeprocessors.register(self.processor, "paragraph_anchors", 6)


_extension = _ParagraphAnchorsExtension()


def on_config(config):
    config.markdown_extensions.append(_extension)


def on_page_markdown(markdown, page, config, files):
    # MkDocs renders each page right after this event: the flag is the current page's.
    _extension.processor.enabled = bool(page.meta.get("paragraph_anchors"))
    _extension.processor.cite = config["sources"].paragraph_citation
    return markdown
