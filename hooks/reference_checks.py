"""Check references.bib, the CSL style and the citations before anything is built.

An editor changes these by hand. A fault in them would otherwise end the build in a
traceback from pybtex or pandoc, or publish a note that reads `@key`. Here each fault
stops the build with one message that names the file, the line and the key where known,
and says what to do. The checks run on `config`, before the site folder is cleaned, and
under `mkdocs serve` such a fault leaves the last good build served (MkDocs would otherwise
hold every request until the next good build).
"""

import datetime
import difflib
import logging
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pybtex.errors
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs_bibtex.citation import CitationBlock, InlineReference
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.scanner import PybtexSyntaxError

from event_order import CHECK_SOURCES

log = logging.getLogger("mkdocs.hooks.reference_checks")

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"
ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]+)", re.MULTILINE)
DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


class SourceError(PluginError):
    """A fault in a file the editor maintains; the message is all the editor needs.

    Raised before the site folder is cleaned: the last good build is still there."""


@event_priority(CHECK_SOURCES)
def on_config(config):
    root = Path(config.config_file_path).parent
    bibtex = config.plugins["bibtex"].config
    bib_path = root / bibtex.bib_file
    entries = check_bibliography(bib_path, root)
    check_style(root / bibtex.csl_file, root)
    check_citations(Path(config.docs_dir), entries, bib_path, root)
    # mkdocs-bibtex hands the style's path to pandoc as written, which pandoc reads from the
    # folder mkdocs runs in; from beside mkdocs.yml it is found wherever that is.
    bibtex.csl_file = str(root / bibtex.csl_file)
    return config


def on_serve(server, config, builder):
    def build_or_keep_last_good():
        try:
            builder()
        except Abort as abort:
            # MkDocs has logged the cause; only a fault in the editor's files keeps the
            # last build (MkDocs loads this module once per `mkdocs serve`).
            if not isinstance(abort.__context__, SourceError):
                raise
            log.error("Not rebuilt: the last good build is still served. Fix the error above and save.")

    server.builder = build_or_keep_last_good
    return server


# --- references.bib -----------------------------------------------------------------------


def check_bibliography(path: Path, root: Path) -> dict[str, int]:
    """The entries' keys with the line each starts on; a SourceError for the first fault."""
    name = _shown(path, root)
    text = _read_utf8(path, name, what="the bibliography")
    starts = [(text.count("\n", 0, m.start()) + 1, m["key"]) for m in ENTRY_START.finditer(text)]
    _check_unique_keys(starts, name)
    try:
        with _strict_pybtex():
            data = BibtexParser().parse_string(text)
    except PybtexSyntaxError as error:
        raise SourceError(_syntax_message(error, starts, name)) from None
    except BibliographyDataError as error:
        raise SourceError(f"{name}: {error}.") from None
    lines = {key.casefold(): line for line, key in starts}
    for key, entry in data.entries.items():
        _check_entry(key, entry, f"{name}, line {lines.get(key.casefold(), '?')}")
    return {key: lines.get(key.casefold(), 0) for key in data.entries}


def _read_utf8(path: Path, name: str, what: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{name}: file not found. Restore {what} (git checkout -- {name}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"{name}, line {line}: not UTF-8 (byte 0x{data[error.start]:02X}). "
            "Save the file with UTF-8 encoding."
        ) from None


def _check_unique_keys(starts, name):
    first_line = {}
    for line, key in starts:
        if key.casefold() in first_line:
            raise SourceError(
                f"{name}, line {line}: the key '{key}' is used twice (lines {first_line[key.casefold()]} "
                f"and {line}). Give each work one entry with its own key."
            )
        first_line[key.casefold()] = line


def _syntax_message(error, starts, name):
    line = error.lineno
    inside = [(start, key) for start, key in starts if start < line] or starts[:1]
    where = f" in entry '{inside[-1][1]}' (from line {inside[-1][0]})" if inside else ""
    return (
        f"{name}, line {line}: syntax error{where}: {error.args[0]}. "
        "Look there for an unclosed brace or a missing comma between fields."
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


def check_style(path: Path, root: Path) -> None:
    name = _shown(path, root)
    text = _read_utf8(path, name, what="the note style")
    try:
        style = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, _ = error.position
        raise SourceError(f"{name}, line {line}: not well-formed XML ({error}). Fix the markup there.") from None
    if style.tag != f"{CSL_NAMESPACE}style" or style.find(f"{CSL_NAMESPACE}bibliography/{CSL_NAMESPACE}layout") is None:
        raise SourceError(
            f"{name}: not a CSL style with a <bibliography><layout>, from which the notes are "
            "formatted. Restore it (git checkout -- " + name + ")."
        )


# --- Citations in the pages ---------------------------------------------------------------


def check_citations(docs: Path, entries: dict[str, int], bib_path: Path, root: Path) -> None:
    known = {key.casefold() for key in entries}
    cited, unknown = set(), []
    for page in sorted(docs.rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for key in _cited_keys(line):
                cited.add(key.casefold())
                if key.casefold() not in known:
                    unknown.append(f"{_shown(page, root)}, line {number}: '{key}'{_suggestion(key, entries)}")
    bib_name = _shown(bib_path, root)
    if unknown:
        raise SourceError(
            f"Citations of keys that {bib_name} does not have:\n  "
            + "\n  ".join(unknown)
            + f"\nCorrect the key, or add an entry for the work to {bib_name}."
        )
    for key, line in entries.items():
        if key.casefold() not in cited:
            log.warning(
                "%s, line %s: entry '%s' is not cited by any note, so the references page would "
                "list it for nothing. Cite it in a note ([^n]: @%s) or remove it.",
                bib_name, line, key, key,
            )


def _cited_keys(line: str) -> list[str]:
    """The keys mkdocs-bibtex would look up in this line, found as it finds them."""
    blocks = [c.key for block in CitationBlock.from_markdown(line) for c in block.citations]
    inline = [ref.key for ref in InlineReference.from_markdown(line)]
    return blocks + inline


def _suggestion(key, entries):
    close = difflib.get_close_matches(key, list(entries), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
