r"""The references page, and the links between it and the notes that cite its works.

A note is a footnote whose body is one reference to a key in references.bib:

    [^3]: @insiderpaper2021serbian

From those lines, read from every page's Markdown, this hook
- adds to each note a link to its work's entry on the references page;
- replaces `\works_cited` on the references page with an entry for each work in
  references.bib, anchored by its key, with links back to every note that cites it;
- replaces `\notes_without_address` with links to the notes whose work has no `url`.
The entries' text is left as `@key` for mkdocs-bibtex to format, like the notes.
"""

import logging
import posixpath
import re
from dataclasses import dataclass

from mkdocs.plugins import event_priority

from event_order import WRITE_CITATIONS

log = logging.getLogger("mkdocs.hooks.works_cited")

MARKER = r"\works_cited"
WITHOUT_ADDRESS = r"\notes_without_address"
NOTE_LINE = re.compile(r"^\[\^(?P<note>[^\]\s]+)\]:[ \t]*@(?P<key>[\w:-]+)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Note:
    page_uri: str  # the citing page's source path, e.g. "index.md"
    number: str  # the footnote's label, e.g. "3"
    key: str


_notes: list[Note] = []
_references_uri: str | None = None


def on_files(files, config):
    global _notes, _references_uri
    _notes, _references_uri = [], None
    for file in files.documentation_pages():
        source = file.content_string
        _notes += [Note(file.src_uri, m["note"], m["key"]) for m in NOTE_LINE.finditer(source)]
        if MARKER in source:
            _references_uri = file.src_uri
    if _notes and _references_uri is None:
        log.warning("No page contains %s: the notes have no references page to link to.", MARKER)


@event_priority(WRITE_CITATIONS)
def on_page_markdown(markdown, page, config, files):
    markdown = _link_notes_to_entries(markdown, page)
    markdown = _write_works_cited(markdown, page, config)
    return _write_notes_without_address(markdown, page, config)


def _link_notes_to_entries(markdown, page):
    if _references_uri is None:
        return markdown
    target = _relative(_references_uri, page.file.src_uri)

    def with_link(match):
        return f"{match[0]} [References entry]({target}#{match['key']}){{ .note-entry }}"

    return NOTE_LINE.sub(with_link, markdown)


def _write_works_cited(markdown, page, config):
    if MARKER not in markdown:
        return markdown
    entries = config.plugins["bibtex"].registry.bib_data.entries
    # Uncited entries are reported by hooks/reference_checks.py; the page lists what is cited.
    cited = sorted((key for key in entries if any(n.key == key for n in _notes)), key=lambda k: _sort_key(entries[k]))
    blocks = [_entry(key, page) for key in cited]
    return markdown.replace(MARKER, "\n\n".join(blocks))


def _entry(key, page):
    links = _note_links([note for note in _notes if note.key == key], page)
    return f"@{key}\n{{ #{key} .work }}\n\nCited in {_and_list(links)}.\n{{ .cited-in }}"


def _write_notes_without_address(markdown, page, config):
    if WITHOUT_ADDRESS not in markdown:
        return markdown
    entries = config.plugins["bibtex"].registry.bib_data.entries
    notes = [note for note in _notes if note.key in entries and "url" not in entries[note.key].fields]
    return markdown.replace(WITHOUT_ADDRESS, _and_list(_note_links(notes, page)) if notes else "none")


def _note_links(notes, page):
    return [f"[note {n.number}]({_relative(n.page_uri, page.file.src_uri)}#fn:{n.number})" for n in notes]


def _sort_key(entry):
    """A bibliography's order: by the first author's family name, else by title."""
    authors = entry.persons.get("author")
    first = " ".join(authors[0].last_names + authors[0].first_names) if authors else entry.fields.get("title", "")
    return first.replace("{", "").replace("}", "").casefold()


def _and_list(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _relative(target_uri, from_uri):
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")
