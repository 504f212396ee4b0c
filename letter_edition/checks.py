"""Check references.bib, the CSL style and the citations before anything is built.

An editor changes these by hand. A fault in them would otherwise end the build in a
traceback from pybtex or pandoc, or publish a note that reads `@key`. Here each fault
stops the build with one message that names the file, the line and the key where known,
and says what to do. sources.py calls these checks before anything is built, and under
`mkdocs serve` such a fault leaves the last good build served.
"""

import datetime
import difflib
import logging
import re
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.scanner import PybtexSyntaxError

from . import addresses
from .citations import link_targets
from .errors import SourceError
from .reader import parse_xml, read_text

log = logging.getLogger(__name__)

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"
DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


# --- references.bib -----------------------------------------------------------------------


def check_unique_keys(entries) -> None:
    """No key twice (in any case: pandoc would see two works, BibTeX one)."""
    first = {}
    for entry in entries:
        seen = first.get(entry.key.casefold())
        if seen is not None:
            lines = f"lines {seen.line} and {entry.line}" if seen.file == entry.file else \
                f"{seen.file}, line {seen.line}, and here"
            raise SourceError(
                f"{entry.file}, line {entry.line}: the key '{entry.key}' is used twice ({lines}). "
                "Give each work one entry with its own key."
            )
        first[entry.key.casefold()] = entry


def parse_entries(raw_entries, strings) -> dict:
    """The pybtex entries of these raw entries, each parsed alone (a fault names its entry
    and line), with the file's @string definitions known to each."""
    parser = BibtexParser()
    with _strict_pybtex():
        for raw in [*strings, *raw_entries]:
            try:
                parser.parse_string(raw.text)
            except PybtexSyntaxError as error:
                line = raw.line + error.lineno - 1
                # Each entry is parsed alone, so an unclosed brace ends at the next entry.
                problem = "'}' expected" if error.args[0] == "premature end of file" else error.args[0]
                raise SourceError(
                    f"{raw.file}, line {line}: syntax error in entry '{raw.key}' (from line {raw.line}): "
                    f"{problem}. Look there for an unclosed brace or a missing comma between fields."
                ) from None
            except BibliographyDataError as error:
                raise SourceError(f"{raw.file}, line {raw.line}: {error}.") from None
    return dict(parser.data.entries)


def check_entries(parsed: dict, bibliography) -> None:
    for key, entry in parsed.items():
        _check_entry(key, entry, bibliography.where(key))
        _check_addresses(key, entry, bibliography.entries[key])


def _check_addresses(key, entry, raw) -> None:
    """Every address an entry gives is one this site publishes (addresses.py), or the build
    stops naming the file, the line and the field."""
    for name, value in entry.fields.items():
        for address, reason in addresses.field_problems(name, value):
            raise SourceError(
                f"{raw.file}, line {field_line(raw, name)}: entry '{key}', field '{name}': “{address}” is not an "
                f"address this site publishes: {reason}. Give a web address (https://…), or remove the field."
            )


def field_line(raw, name: str) -> int:
    """The line of an entry on which a field starts (the entry's first line where not found)."""
    field = re.compile(rf"(?:^|[\s,{{]){re.escape(name.lower())}\s*=")
    for offset, line in enumerate(raw.text.lower().split("\n")):
        if field.search(line):
            return raw.line + offset
    return raw.line


def _check_entry(key, entry, where):
    if not entry.fields.get("title", "").strip("{} "):
        raise SourceError(f"{where}: entry '{key}' has no title. A note needs one: add title = {{{{…}}}}.")
    date = entry.fields.get("date")
    if date is not None and not _is_date(date):
        raise SourceError(
            f"{where}: entry '{key}' has date = {{{date}}}, which is not a date the note style can "
            "read. Write it as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2021-09-25."
        )
    fields = {name.lower(): value for name, value in entry.fields.items()}
    if ("archiveurl" in fields) != ("archivedate" in fields):
        raise SourceError(f"{where}: entry '{key}' names an archived copy without its "
                          f"{'date' if 'archiveurl' in fields else 'address'}. Give both archiveurl and "
                          "archivedate (YYYY-MM-DD), or neither.")
    if "archivedate" in fields and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["archivedate"].strip("{} ")) \
            or "archivedate" in fields and not _is_date(fields["archivedate"]):
        raise SourceError(f"{where}: entry '{key}' has archivedate = {{{fields['archivedate']}}}. Write the day "
                          "the copy was taken as YYYY-MM-DD, e.g. 2021-10-05.")
    year = entry.fields.get("year")
    if year is not None and not re.fullmatch(r"\d{4}", year.strip("{} ")):
        raise SourceError(f"{where}: entry '{key}' has year = {{{year}}}. Write a four-digit year, e.g. 2021.")


def _is_date(text: str) -> bool:
    match = DATE.fullmatch(text.strip("{} "))
    if match is None:
        return False
    try:
        datetime.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return False
    return True


class _strict_pybtex:
    """pybtex raises on a fault instead of printing a warning and going on."""

    def __enter__(self):
        self._was = pybtex.errors.strict
        pybtex.errors.set_strict_mode(True)

    def __exit__(self, *exc):
        pybtex.errors.set_strict_mode(self._was)


# --- The CSL style ------------------------------------------------------------------------


def check_style(path: Path, root: Path) -> str:
    """The note style's text, once it is known to be a CSL style."""
    name = shown(path, root)
    text = read_text(path, name, what="the note style")
    style = parse_xml(text, name)
    if style.tag != f"{CSL_NAMESPACE}style" or style.find(f"{CSL_NAMESPACE}bibliography/{CSL_NAMESPACE}layout") is None:
        raise SourceError(
            f"{name}: not a CSL style with a <bibliography><layout>, from which the notes are "
            "formatted. Restore it (git checkout -- " + name + ")."
        )
    return text


# --- Citations in the pages ---------------------------------------------------------------


def check_note_labels(notes, where: str) -> None:
    """A label given to two notes of a page would publish only the second; an empty note
    would publish an empty item in the list of notes."""
    first = {}
    for note in notes:
        if not note.body.strip():
            raise SourceError(f"{where}, line {note.line}: the note [^{note.label}] is empty. Write its text "
                              f"(or its citation, [^{note.label}]: @key), or remove it and its marker.")
        if note.label in first:
            raise SourceError(f"{where}, line {note.line}: the note [^{note.label}] is defined twice (lines "
                              f"{first[note.label]} and {note.line}). Give each note its own label.")
        first[note.label] = note.line


def check_citations(pages, notes, bibliography, docs_name: str) -> None:
    """Every citation is in a note, and every cited key is in the bibliography (as written:
    pandoc tells `Halili2021` from `halili2021`)."""
    stray = [f"{docs_name}/{page}, line {cite.line}: '@{cite.key}'" for page, found in pages for cite in found]
    if stray:
        raise SourceError(
            "Citations outside a note:\n  " + "\n  ".join(stray) + "\nThe letter's sources are cited in its "
            "notes: put a note marker ([^6]) in the text and the citation in the note ([^6]: @key). "
            "For an @ that is not a citation, write \\@."
        )
    for note in notes:
        for target in link_targets(note.body):
            reason = addresses.problem(target, addresses.PAGE, relative=True)
            if reason:
                raise SourceError(f"{docs_name}/{note.page}, line {note.line}: the note [^{note.label}] links "
                                  f"“{target}”, which is not an address this site publishes: {reason}. "
                                  "Give a web address (https://…), or remove the link.")
        repeated = next((cite for index, cite in enumerate(note.cites)
                         if cite.key in [c.key for c in note.cites[:index]]), None)
        if repeated is not None:
            raise SourceError(f"{docs_name}/{note.page}, line {repeated.line}: the note [^{note.label}] cites "
                              f"'{repeated.key}' twice. Cite each work once in a note ([^{note.label}]: "
                              f"@{repeated.key}, p. 4).")
    unknown = [
        f"{docs_name}/{note.page}, line {cite.line}: '{cite.key}'{_suggestion(cite.key, bibliography.entries)}"
        for note in notes for cite in note.cites if cite.key not in bibliography.entries
    ]
    if unknown:
        files = " and ".join(dict.fromkeys(bibliography.files))
        raise SourceError(
            f"Citations of keys that {files} does not have:\n  " + "\n  ".join(unknown)
            + f"\nCorrect the key, or add an entry for the work to {files}."
        )


# Past this many, uncited entries are counted in one warning rather than listed one by one.
UNCITED_LISTED = 10


def warn_uncited(bibliography, cited: set[str]) -> None:
    uncited = [entry for key, entry in bibliography.entries.items() if key not in cited]
    for entry in uncited[:UNCITED_LISTED]:
        log.warning(
            "%s, line %s: entry '%s' is not cited by any note, so the references page would "
            "list it for nothing. Cite it in a note ([^n]: @%s) or remove it (or, for a library, "
            "set uncited: allow under the letter plugin in mkdocs.yml).",
            entry.file, entry.line, entry.key, entry.key,
        )
    if len(uncited) > UNCITED_LISTED:
        log.warning("%d more entries are not cited by any note. If references.bib is a library, set "
                    "uncited: allow under the letter plugin in mkdocs.yml.", len(uncited) - UNCITED_LISTED)


def _suggestion(key, entries):
    same = [known for known in entries if known.casefold() == key.casefold()]
    close = same or difflib.get_close_matches(key, list(entries), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
