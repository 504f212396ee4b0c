"""references.bib as the build reads it: entries found by a scan, parsed only where needed.

An editor may keep a whole library in references.bib. The file is scanned once (a regular
expression over the text: every entry's key, type and first line), which costs little
however large it is; pybtex parses only the entries the build needs (bibtex_checks.py), in
either mode: the cited works and the entries they `crossref`. manuscript.py names the
uncited ones in the default mode.
"""

import re
from dataclasses import dataclass, field


ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]*)", re.MULTILINE)
NOT_ENTRIES = {"string", "preamble", "comment"}


@dataclass(frozen=True)
class RawEntry:
    key: str
    type: str
    file: str  # as shown in messages, e.g. "references.bib"
    file_text: str = field(repr=False)  # the whole file's text
    start: int = 0  # where the entry starts in it
    end: int = 0  # and where the next one starts

    @property
    def line(self) -> int:
        """The line the entry starts on (counted when asked: a library has thousands)."""
        return self.file_text.count("\n", 0, self.start) + 1

    @property
    def text(self) -> str:
        """The entry as written, up to the next entry."""
        return self.file_text[self.start:self.end]

    def line_of(self, name: str) -> int:
        """The line on which a field starts (the entry's first line where not found)."""
        field = re.compile(rf"(?:^|[\s,{{]){re.escape(name.lower())}\s*=")
        for offset, line in enumerate(self.text.lower().split("\n")):
            if field.search(line):
                return self.line + offset
        return self.line


@dataclass
class Bibliography:
    files: list[str]
    entries: dict[str, RawEntry]  # every entry of every file, in file order
    strings: list[RawEntry]  # @string definitions, in file order

    def where(self, key: str) -> str:
        entry = self.entries[key]
        return f"{entry.file}, line {entry.line}"

    def with_parents(self, keys: list[str]) -> list[str]:
        """The keys and, after them, the entries they `crossref` (and those entries' parents)."""
        found = list(dict.fromkeys(keys))
        for key in found:  # grows as parents are found
            parent = _crossref(self.entries[key].text) if key in self.entries else None
            if parent and parent in self.entries and parent not in found:
                found.append(parent)
        return found


def scan(text: str, name: str) -> tuple[list[RawEntry], list[RawEntry]]:
    """The entries and @string definitions of one file, each with where it stands."""
    starts = [(m.start(), m["key"], m["type"].lower()) for m in ENTRY_START.finditer(text)]
    ends = [start for start, _, _ in starts[1:]] + [len(text)]
    entries, strings = [], []
    for (start, key, kind), end in zip(starts, ends):
        if kind == "string":
            strings.append(RawEntry(key, kind, name, text, start, end))
        elif kind not in NOT_ENTRIES:
            entries.append(RawEntry(key, kind, name, text, start, end))
    return entries, strings


def _crossref(text: str) -> str | None:
    match = re.search(r"\bcrossref\s*=\s*[{\"]\s*([^}\"\s]+)\s*[}\"]", text, re.IGNORECASE)
    return match[1] if match else None
