"""Nothing the editor wrote is dropped on the way to the page (field_text.py says how it is read).

What pandoc read of each cited work, each note and each references entry is checked against
references.bib and the notes as written; and no note is left without text. The check runs
once for each answer of pandoc: a repeat build finds its mark in the cache.
"""

import json

from ..caches.build_cache import cached_bytes, code_of, has_entry
from ..errors import SourceError
from ..reading.manuscript import Manuscript
from . import field_text
from .pandoc_notes import Formatted


def check_formatted(manuscript: Manuscript, formatted: Formatted, handed: dict[str, dict[str, str]],
                    inputs: list[bytes]) -> None:
    """`handed`: each cited work's fields as pandoc was handed them; `inputs`: what pandoc was
    handed, so that the mark names this answer to these inputs."""
    raw = [manuscript.bibliography.entries[key].text.encode() for key in manuscript.needed]
    answer = json.dumps([formatted.notes, formatted.entries, formatted.items], sort_keys=True).encode()
    inputs = [*inputs, *raw, answer, code_of(__file__), code_of(field_text.__file__)]
    if has_entry(manuscript.project, "formatted-checked", inputs):
        return
    try:
        _check_formatted(manuscript, formatted, handed)
    except field_text.DroppedText as error:
        raise SourceError(str(error)) from None
    cached_bytes(manuscript.project, "formatted-checked", inputs, lambda: b"checked")


def _check_formatted(manuscript: Manuscript, formatted: Formatted, handed: dict[str, dict[str, str]]) -> None:
    entries, docs_name = manuscript.needed, manuscript.docs_name
    printed = field_text.style_variables(manuscript.style)

    def where_in(key):
        raw = manuscript.bibliography.entries[key]
        return lambda field: f"{raw.file}, line {raw.line_of(field)}"

    def written(key) -> set[str]:
        return {f.lower() for f in entries[key].fields} | set(entries[key].persons)

    for key in manuscript.cited:
        item = formatted.items.get(key, {})
        field_text.check_read(key, handed[key], dict(entries[key].persons), item, where_in(key))
        published = field_text.PrintedText(f"The references entry of '{key}'", formatted.entry_texts.get(key, ""))
        field_text.check_printed(key, item, written(key), printed, published, where_in(key))
    for note in manuscript.citations.notes:
        text = formatted.note_texts[note.body]
        where = f"{docs_name}/{note.page}, line {note.line}"
        if not text.strip():
            raise SourceError(f"{where}: note [^{note.label}] publishes no text: “{note.body}”. "
                              "Cite a work the way pandoc reads citations ([^n]: @key), or write the note's text.")
        published = field_text.PrintedText(f"Note {note.number} ({where})", text)
        for key in note.keys:
            field_text.check_printed(key, formatted.items.get(key, {}), written(key), printed, published, where_in(key))
        field_text.check_note_words(note.body, note.keys, published)
