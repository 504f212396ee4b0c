"""Each page's Markdown as the build reads it, once: front matter, body, headline, notes.

The body is the text after the front matter, split as MkDocs splits it (a first line of
`---`, YAML up to a line of `---` or `...`, and the blank lines after it), so that a line
of the body is the same line in the Markdown MkDocs renders: the notes read here are put
in place there without reading the page again.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from .citation_checks import check_note_labels
from .citations import Cite, Note, read_page
from .page_settings import PageSettingError, check_front_matter
from .reader import parse_yaml, read_text

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
HEADLINE = re.compile(r"^# (.+)$", re.MULTILINE)


@dataclass
class PageText:
    uri: str  # the page's path in docs/, e.g. "index.md"
    where: str  # as messages name it, e.g. "docs/index.md"
    meta: dict  # its front matter
    body: str  # the Markdown after the front matter, as MkDocs renders it
    body_line: int  # the line of the file on which the body starts, counted from 1
    notes: list[Note] = field(default_factory=list)  # every note, lines counted in the file
    stray: list[Cite] = field(default_factory=list)  # citations outside a note: faults

    @property
    def headline(self) -> str | None:
        return headline(self.body)


def read_page_text(path: Path, docs: Path, docs_name: str) -> tuple[PageText, list[str]]:
    """One page of docs/, read and checked, and the warnings its front matter gives."""
    uri = path.relative_to(docs).as_posix()
    where = f"{docs_name}/{uri}"
    text = read_text(path, where, what="the page")
    meta, body, body_line = split_front_matter(text, where)
    try:
        warnings = check_front_matter(meta, where)
    except PageSettingError as error:
        raise SourceError(str(error)) from None
    found = read_page(body, uri, first_line=body_line)
    check_note_labels(found.notes, where)
    return PageText(uri, where, meta, body, body_line, found.notes, found.stray), warnings


def split_front_matter(text: str, where: str) -> tuple[dict, str, int]:
    """The front matter, the body and the body's first line; a clear message, naming the line,
    where the front matter is not YAML (MkDocs would drop it silently and publish it as text)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    data = parse_yaml(match.group(1), where, what="the front matter", first_line=2)
    if not isinstance(data, dict):
        return {}, text, 1
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return data, body, text[:match.end()].count("\n") + (len(rest) - len(body)) + 1


def headline(markdown: str) -> str | None:
    """A page's `# headline`, the first one."""
    found = HEADLINE.search(markdown)
    return found[1].strip() if found else None
