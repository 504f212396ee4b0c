"""What pandoc is handed: a BibTeX file of exactly the cited works, and the letter as one more.

Each field is written as the editor wrote it (not re-escaped), with three adjustments that
keep a field as written: titles are braced (never re-cased), a month name becomes its
number (pandoc drops `month = {September}`), and quote marks and a bare `$` travel as
private-use characters (pandoc would turn typed quotes into nested ones and `$…` into
mathematics); `restore()` turns them back.

An archived copy (`archiveurl`, `archivedate`, as EDITING.md says) has no CSL variable
pandoc would fill, so it travels to pandoc as `library` (CSL's call-number variable),
already worded ("October 5, 2021, <address>"); the style prints it after the work's
address, and pandoc_notes.py makes the address a link.
"""

import datetime
import re

from pybtex.database import Entry, Person

from ..addresses import ADDRESS_FIELDS
from ..reading.letter_description import Letter
from ..text_forms import long_date
from .field_text import for_pandoc, quote_ligatures

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
# The letter cited at a paragraph, formatted once; the number is put in for each paragraph.
PARAGRAPH_PLACEHOLDER = "9999"


def paragraph_citation(letter: Letter) -> str:
    """The letter cited at a paragraph, as a note cites: formatted once, its number put in later."""
    return f"@{letter.key}, para. {PARAGRAPH_PLACEHOLDER}"


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


def handed_fields(entries: dict[str, Entry]) -> dict[str, dict[str, str]]:
    """Each entry's fields as pandoc is handed them as written (see handed_to_pandoc)."""
    return {key: {name: value for name, value in entry.fields.items() if handed_to_pandoc(entry, name)}
            for key, entry in entries.items()}


def archived_copy(entry: Entry) -> tuple[str, datetime.date] | None:
    """An entry's archived copy: its address and the date it was taken, where both are given."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    if "archiveurl" not in fields or "archivedate" not in fields:
        return None
    return fields["archiveurl"].strip(), datetime.date.fromisoformat(fields["archivedate"].strip("{} "))


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


def archives(entries: dict[str, Entry]) -> dict[str, tuple[str, str]]:
    """Each cited work's live address -> its archived copy's address and date."""
    found = {}
    for entry in entries.values():
        copy = archived_copy(entry)
        url = next((value for name, value in entry.fields.items() if name.lower() == "url"), None)
        if copy and url:
            found[url.strip()] = (copy[0], copy[1].isoformat())
    return found


def letter_entry(letter: Letter) -> Entry:
    """The letter as a BibTeX entry: formatted with the notes, and offered as `letter.bib`."""
    fields = {
        "title": "{" + letter.title + "}",  # braced: a reference manager keeps its capitals
        "date": letter.date.isoformat(),
        "year": str(letter.date.year),
        "howpublished": letter.addressed_to,
        "language": "english",
    }
    if letter.url:
        fields["url"] = letter.url
    return Entry("misc", fields=fields, persons={"author": [Person(name.bibtex) for name in letter.signatories]})
