r"""The references page, and the links between it and the notes that cite its works.

Which notes cite which works comes from the sources (sources.py): one reading of the
Markdown, the way the notes are formatted. From it
- each note gets a link to the entry of each work it cites on the references page;
- `\works_cited` on the references page becomes an entry for each cited work, anchored by
  its key, ordered by the first author's family name (else the title), with links back to
  every note that cites it ("note 3", and the page where notes of several pages cite it);
- `\notes_without_address` becomes links to the notes none of whose works has a web
  address.
The links are Markdown links between the pages' source files, which MkDocs turns into the
site's addresses (and checks).
"""

import posixpath

from . import csl_items
from .text_forms import sort_form
from .names import (CITED_IN, NOTE_ENTRIES, NOTE_ENTRY, NOTE_ID, NOTES_WITHOUT_ADDRESS, ONE_ENTRY, SEARCH_EXCLUDE,
                    SEVERAL_ENTRIES, WORK, WORKS_CITED)
from .pandoc_notes import literal

# An en space sets the link off from the note; where the line breaks there, the space stays
# at the end of the text and the link starts the next line flush (a margin would indent it).
EN_SPACE = "\u2002"


def link_notes_to_entries(markdown: str, uri: str, body_line: int, sources) -> str:
    """Each citing note of the page, with a link to each of its works' references entries."""
    notes = sources.notes_of(uri)
    if not notes or sources.references_page is None:
        return markdown
    target = relative(sources.references_page, uri)
    lines = markdown.split("\n")
    for note in notes:
        if len(note.keys) == 1:
            links = f"[{ONE_ENTRY}]({target}#{note.keys[0]}){{ .{NOTE_ENTRY} {SEARCH_EXCLUDE} }}"
        else:
            links = (f'<span class="{NOTE_ENTRIES}" {SEARCH_EXCLUDE}>{SEVERAL_ENTRIES} ' + ", ".join(
                f"[{literal(sources.short_name(key))}]({target}#{key}){{ .{NOTE_ENTRY} }}"
                for key in note.keys) + "</span>")
        lines[note.line - body_line] += EN_SPACE + links
    return "\n".join(lines)


def write_works_cited(markdown: str, uri: str, sources, page_title) -> str:
    """`page_title(uri)`: how the navigation names a page ("Letter")."""
    if WORKS_CITED not in markdown:
        return markdown
    cited = sorted(sources.cited, key=lambda key: _sort_key(sources, key))
    several_pages = len(sources.citations.pages()) > 1
    blocks = []
    for key in cited:
        links = _note_links(sources.citations.notes_citing(key), uri, several_pages, page_title)
        blocks.append(f"{sources.formatted.entries[key]}\n{{ #{key} .{WORK} {SEARCH_EXCLUDE} }}\n\n"
                      f"Cited in {and_list(links)}.\n{{ .{CITED_IN} }}")
    return markdown.replace(WORKS_CITED, "\n\n".join(blocks))


def write_notes_without_address(markdown: str, uri: str, sources, page_title) -> str:
    if NOTES_WITHOUT_ADDRESS not in markdown:
        return markdown
    items = sources.formatted.items
    notes = [note for note in sources.citations.notes if not any(items.get(k, {}).get("URL") for k in note.keys)]
    links = _note_links(notes, uri, len(sources.citations.pages()) > 1, page_title)
    return markdown.replace(NOTES_WITHOUT_ADDRESS, and_list(links) if notes else "none")


def _note_links(notes, uri: str, with_page: bool, page_title) -> list[str]:
    def link(note):
        where = f" ({page_title(note.page)})" if with_page else ""
        return f"[note {note.number}{where}]({relative(note.page, uri)}#{NOTE_ID.format(note.label)})"

    return [link(note) for note in notes]


def _sort_key(sources, key: str) -> tuple[str, str, str]:
    """A bibliography's order: by the first author's family name, else by title; one author's
    works by year, then by title."""
    author, item = sources.first_author(key), sources.formatted.items.get(key, {})
    first = " ".join(filter(None, [author.get("family") or author.get("literal"), author.get("given")]))
    year = csl_items.year(item) or ""
    title = item.get("title", "")
    return sort_form(first or title), year, sort_form(title)


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def relative(target_uri: str, from_uri: str) -> str:
    """A Markdown link from one source page to another (MkDocs makes it the site's address)."""
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")
