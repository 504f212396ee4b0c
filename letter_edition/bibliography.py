"""references.bib as the build reads it: entries found by a scan, parsed only where needed.

An editor may keep a whole library in references.bib. The file is scanned once (a regular
expression over the text: every entry's key, type and first line), which costs little
however large it is; pybtex parses only the entries the build needs, in either mode (the
cited works and the entries they `crossref`; sources.py names the uncited ones in the
default mode). pandoc is then handed a BibTeX file of exactly the cited works, written
from the fields as the editor wrote them (not re-escaped), with three adjustments that keep
a field as written: titles are braced (never re-cased), a month name becomes its number
(pandoc drops `month = {September}`), and quote marks and a bare `$` travel as private-use
characters (pandoc would turn typed quotes into nested ones and `$…` into mathematics);
`restore()` turns them back.

An archived copy (`archiveurl`, `archivedate`, as EDITING.md says) has no CSL variable
pandoc would fill, so it travels to pandoc as `library` (CSL's call-number), already
worded ("October 5, 2021, <address>"); the style prints it after the work's address, and
pandoc_notes.py makes the address a link.
"""

import datetime
import re
from dataclasses import dataclass, field

from pybtex.database import Entry

from .addresses import ADDRESS_FIELDS
from .field_text import for_pandoc, quote_ligatures

ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]*)", re.MULTILINE)
NOT_ENTRIES = {"string", "preamble", "comment"}
TITLE_FIELDS = {"title", "subtitle", "titleaddon", "booktitle", "booksubtitle", "maintitle", "journaltitle",
                "journal", "journalsubtitle", "shorttitle", "series", "eventtitle", "issuetitle"}
MONTHS = {name: str(number) for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")], start=1) for name in names}
# Characters pandoc would read as markup in a field, each carried as a private-use character.
# A quote mark or `$` after a backslash is a LaTeX command (\"o, \'e, \$) and stays.
CARRIED = {'“': "\ue001", '”': "\ue002", "‘": "\ue003", "’": "\ue004", '"': "\ue005", "'": "\ue006",
           "$": "\ue007"}
CARRIED_RE = re.compile(r"(?<!\\)[“”‘’\"'$]")
RESTORE = {v: k for k, v in CARRIED.items()}


@dataclass(frozen=True)
class RawEntry:
    key: str
    type: str
    file: str  # as shown in messages, e.g. "references.bib"
    source: str = field(repr=False)  # the whole file's text
    start: int = 0  # where the entry starts in it
    end: int = 0  # and where the next one starts

    @property
    def line(self) -> int:
        """The line the entry starts on (counted when asked: a library has thousands)."""
        return self.source.count("\n", 0, self.start) + 1

    @property
    def text(self) -> str:
        """The entry as written, up to the next entry."""
        return self.source[self.start:self.end]


@dataclass
class Bibliography:
    files: list[str]
    entries: dict[str, RawEntry]  # every entry of every file, in file order
    strings: list[RawEntry]  # @string definitions, in file order
    parsed: dict[str, Entry] = field(default_factory=dict)

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


# --- What pandoc is handed ----------------------------------------------------------------


def bibtex_text(entries: dict[str, Entry], carry: bool = False) -> str:
    """A BibTeX file of these entries, each field as written; for pandoc (`carry`), with the
    adjustments the module's docstring lists."""
    return "\n".join(_entry_text(key, entry, carry) for key, entry in entries.items())


def inherit_titles(entries: dict[str, Entry]) -> None:
    """A part takes its whole's title as its booktitle (`@incollection` in a `@book`), as
    biblatex's crossref inheritance does and pandoc's does not."""
    for entry in entries.values():
        parent = entries.get(entry.fields.get("crossref", ""))
        if parent is not None and "booktitle" not in entry.fields and "title" in parent.fields:
            entry.fields["booktitle"] = parent.fields["title"]


def _entry_text(key: str, entry: Entry, carry: bool) -> str:
    fields = []
    for role, persons in entry.persons.items():
        names = " and ".join(str(person) for person in persons)
        fields.append((role, for_pandoc(names) if carry else names))
    archive = archived_copy(entry)
    if carry and archive:
        fields.append(("library", f"{long_date(archive[1])}, {archive[0]}"))
    for name, value in entry.fields.items():
        lower = name.lower()
        if carry and not handed_to_pandoc(entry, name):
            continue
        if carry and lower == "month" and value.strip().lower().rstrip(".") in MONTHS:
            value = MONTHS[value.strip().lower().rstrip(".")]
        if carry and lower in ADDRESS_FIELDS:  # an address is handed over as written
            value = value.strip()
        elif carry:
            value = _carried(for_pandoc(value))
        if lower in TITLE_FIELDS and not _fully_braced(value):
            value = "{" + value + "}"
        fields.append((lower, value))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry.type}{{{key},\n{body}\n}}\n"


def handed_to_pandoc(entry: Entry, name: str) -> bool:
    """Whether a field is handed to pandoc as written: not the archived copy (handed over as
    `library`, already worded), nor a report's organization beside its institution (pandoc
    would join the two as one publisher, "Institution; Organization")."""
    lower = name.lower()
    if lower in ("archiveurl", "archivedate", "library"):
        return False
    return not (lower == "organization" and entry.type.lower() == "report" and "institution" in entry.fields)


def archived_copy(entry: Entry) -> tuple[str, datetime.date] | None:
    """An entry's archived copy: its address and the date it was taken, where both are given."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    if "archiveurl" not in fields or "archivedate" not in fields:
        return None
    return fields["archiveurl"].strip(), datetime.date.fromisoformat(fields["archivedate"].strip("{} "))


def long_date(date: datetime.date) -> str:
    """A date as the notes and the edition give it: "October 5, 2021"."""
    return f"{date:%B} {date.day}, {date.year}"


def _carried(value: str) -> str:
    """LaTeX's quote ligatures as the quotes they print, then every quote mark and `$` carried."""
    value = quote_ligatures(value)
    return CARRIED_RE.sub(lambda m: CARRIED[m[0]], value)


def _fully_braced(value: str) -> bool:
    if not value.startswith("{") or not value.endswith("}"):
        return False
    depth = 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(value) - 1:
            return False
    return True


def restore(text: str) -> str:
    """pandoc's output with the carried characters turned back into what the editor typed."""
    return text.translate(str.maketrans(RESTORE)) if any(c in text for c in RESTORE) else text


