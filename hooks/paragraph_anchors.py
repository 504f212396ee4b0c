"""A short, stable anchor and a permalink for every paragraph of a page that asks for them.

A page with `paragraph_anchors: true` in its front matter gets, on each top-level
paragraph, an `id` (an id written in the Markdown is kept; the others are numbered
p1, p2, … in reading order) and a permalink. A numbered paragraph's permalink shows its
number in the margin (drawn by CSS, so it stays out of copied text and the search index)
and carries the paragraph's citation, which docs/javascripts/paragraph_tools.js offers to
copy; a paragraph with an id of its own shows ¶ on hover and on keyboard focus.
"""

import logging
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from letter_description import SAFE_LOADER
from reference_checks import read_text


NUMBERED = re.compile(r"p(\d+)")
FIRST_WORDS = 6


class _ParagraphAnchors(Treeprocessor):
    enabled = False
    cite = None  # number -> the paragraph's citation, for the page being rendered
    found: dict[str, str] = {}  # anchor -> first words, for the page being rendered

    def run(self, root):
        self.found = {}
        if not self.enabled:
            return
        paragraphs = [child for child in root if child.tag == "p" and not _is_raw_html(child)]
        taken = {p.get("id") for p in paragraphs if p.get("id")}
        number = 0
        for paragraph in paragraphs:
            if "editorial" in (paragraph.get("class") or "").split():
                continue  # the edition's own remark: no number, and it moves none
            anchor = paragraph.get("id")
            if anchor is None:
                number += 1
                while f"p{number}" in taken:  # a number pinned in the Markdown is not given twice
                    number += 1
                anchor = f"p{number}"
                paragraph.set("id", anchor)
            pinned = NUMBERED.fullmatch(anchor)
            if pinned:
                number = max(number, int(pinned[1]))
                _add_permalink(paragraph, int(pinned[1]), self.cite(int(pinned[1])) if self.cite else None)
                self.found[anchor] = " ".join("".join(paragraph.itertext()).split()[:FIRST_WORDS])
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


log = logging.getLogger("mkdocs.hooks.paragraph_anchors")


def on_config(config):
    config.markdown_extensions.append(_extension)


def on_page_markdown(markdown, page, config, files):
    # MkDocs renders each page right after this event: the flag is the current page's.
    _extension.processor.enabled = bool(page.meta.get("paragraph_anchors"))
    _extension.processor.cite = config["sources"].paragraph_citation
    return markdown


# --- Published anchors stay where they are ------------------------------------------------

RECORD = "paragraph-anchors.yml"


def on_page_content(html, page, config, files):
    found = _extension.processor.found
    if not found:
        return html
    record_path = Path(config.config_file_path).parent / RECORD
    record = (yaml.load(read_text(record_path, RECORD, what="the record of published anchors"), Loader=SAFE_LOADER)
              or {}) if record_path.exists() else {}
    published = record.get(page.file.src_uri) or {}
    where = f"docs/{page.file.src_uri}"
    dropped = [f"#{anchor} (“{words} …”)" for anchor, words in published.items() if anchor not in found]
    moved = [f"#{anchor} from “{words} …” to “{found[anchor]} …”"
             for anchor, words in published.items() if anchor in found and found[anchor] != words]
    if dropped or moved:
        raise PluginError(
            f"{where}: published anchors would break. "
            + (f"Dropped: {'; '.join(dropped)}. " if dropped else "")
            + (f"Moved: {'; '.join(moved)}. " if moved else "")
            + "Links to them are out in the world. Keep each on its paragraph by pinning it on the line after "
            "that paragraph ({ #p5 }), or mark a paragraph the edition adds as its own with { .editorial } "
            "(it gets no number)."
        )
    for anchor, words in found.items():
        if anchor not in published:
            log.warning("%s: the new anchor #%s (“%s …”) is not in %s. Add `%s: %s` under `%s:` there "
                        "once it is published.", where, anchor, words, RECORD, anchor, words, page.file.src_uri)
    return html
