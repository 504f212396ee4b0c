"""references.bib checked before anything is built: each entry the build needs parsed alone.

An editor changes references.bib by hand, often pasting another's export. A fault in it
would otherwise end the build in a traceback from pybtex or pandoc, or publish a note that
reads `@key`. Here each fault stops the build with one message that names the file, the
line and the key, and says what to do; under `mkdocs serve` it leaves the last good build
served.
"""

import datetime
import re

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.scanner import PybtexSyntaxError

from .. import addresses
from ..errors import SourceError

DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


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
                f"{raw.file}, line {raw.line_of(name)}: entry '{key}', field '{name}': “{address}” is not an "
                f"address this site publishes: {reason}. Give a web address (https://…), or remove the field."
            )


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
