"""The citations in the pages checked: each in a note, each key in references.bib, each link one
this site publishes; and the entries no note cites named, where references.bib is not a library."""

import difflib
import logging

from .. import addresses
from ..errors import SourceError
from .citations import link_targets

log = logging.getLogger(__name__)


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
