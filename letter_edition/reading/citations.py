r"""Which notes cite which works: read once from each page's Markdown, used by every step.

A note is a footnote definition. Its body cites works the way pandoc reads citations:

    [^4]: @halili2021russian
    [^4]: See @halili2021russian, p. 4.
    [^4]: [@halili2021russian, para. 3]
    [^5]: @eeas2021dialogue; see also @insiderpaper2021serbian.

A key is what BibTeX allows (letters, digits, `_`, and `. : - / + # $ % & ? < > ~` between
them), or any key in braces (`@{odd key}`). Code (spans and fenced blocks) is never read,
and `\@` is a literal `@`. A citation anywhere but in a note is a fault: the notes are
the letter's only citations.
"""

import re
from dataclasses import dataclass, field

from ..markdown_code import CODE_SPAN, FENCE, code_lines

# pandoc's citation key: a word character, then word characters or single punctuation
# marks between word characters; or anything but braces inside `@{…}`.
KEY = r"(?:\{(?P<braced>[^{}\s][^{}]*)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))"
CITATION = re.compile(r"(?<![\w\\])@" + KEY)
NOTE = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]?(?P<body>.*)$")
LIST_ITEM = re.compile(r" {0,3}([-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Cite:
    key: str
    line: int  # in the page's Markdown, counted from 1 (the front matter included)


@dataclass
class Note:
    page: str  # the page's source path, e.g. "index.md"
    label: str  # the footnote's label: its anchor is #fn:label
    number: int  # the number a reader sees: Python-Markdown numbers notes in definition order
    line: int
    body: str  # the note's text as written, continuation lines joined
    cites: list[Cite] = field(default_factory=list)
    end_line: int = 0  # its last line

    def __post_init__(self):
        self.end_line = self.end_line or self.line

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(c.key for c in self.cites))


@dataclass
class PageCitations:
    notes: list[Note]
    stray: list[Cite]  # citations outside any note: faults


def read_page(markdown: str, page: str, first_line: int = 1) -> PageCitations:
    """The notes of one page and the citations in each, and any citation outside a note.
    Lines are counted from `first_line` (where the Markdown starts in its file)."""
    lines = markdown.split("\n")
    fenced = {number + first_line - 1 for number in code_lines(lines)}
    notes, stray = [], []
    current, after_blank, in_list = None, True, False
    for number, line in enumerate(lines, start=first_line):
        blank, indented = not line.strip(), line.startswith(("    ", "\t"))
        start = None if number in fenced else NOTE.match(line)
        if number in fenced:
            current = None
        elif start:
            current = Note(page, start["label"], len(notes) + 1, number, start["body"].strip())
            current.cites += cites_in(start["body"], number)
            notes.append(current)
        elif current is not None and not blank and (indented or not (after_blank or _starts_block(line))):
            current.body += " " + line.strip()  # the note goes on: a continuation or its next paragraph
            current.cites += cites_in(line, number)
            current.end_line = number
        elif blank:
            pass
        elif indented and after_blank and not in_list:
            current = None  # an indented code block
        else:
            current = None
            in_list = bool(LIST_ITEM.match(line)) or (in_list and not after_blank)
            stray += cites_in(line, number)
        after_blank = blank
    return PageCitations(notes, stray)


def link_targets(text: str) -> list[str]:
    """The destinations of a note's Markdown links (`[words](address)`, `<https://…>`) and of
    its raw HTML addresses (`href="…"`), as written."""
    text = CODE_SPAN.sub(lambda m: " " * len(m[0]), text)
    found = []
    start = text.find("](")
    while start >= 0:
        index, depth = start + 2, 1
        while index < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            index += 1
        destination = text[start + 2:index - 1].strip()
        if destination.startswith("<"):
            destination = destination[1:destination.find(">")] if ">" in destination else destination[1:]
        found.append(destination.split(' "')[0].split(" '")[0])
        start = text.find("](", index)
    found += AUTOLINK.findall(text)
    found += [m[1] or m[2] for m in HTML_ADDRESS.finditer(text)]
    return found


AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
HTML_ADDRESS = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def cites_in(text: str, line: int) -> list[Cite]:
    text = CODE_SPAN.sub(lambda m: " " * len(m[0]), text)
    return [Cite(m["braced"] or m["key"], line) for m in CITATION.finditer(text)]


def _starts_block(line: str) -> bool:
    return bool(re.match(r" {0,3}(#|>|[-*+] |\d+[.)] |\[\^|\||\{)", line))


# --- All pages ----------------------------------------------------------------------------


@dataclass
class Citations:
    """Every note of every page that cites a work, in reading order."""

    notes: list[Note]

    def cited_keys(self) -> list[str]:
        return list(dict.fromkeys(key for note in self.notes for key in note.keys))

    def notes_citing(self, key: str) -> list[Note]:
        return [note for note in self.notes if key in note.keys]

    def pages(self) -> list[str]:
        return list(dict.fromkeys(note.page for note in self.notes))
