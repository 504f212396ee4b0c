r"""The references page, and the links between it and the notes that cite its works.

Which notes cite which works comes from `config["sources"]` (hooks/sources.py): one
reading of the Markdown, the way the notes are formatted. From it this hook
- adds to each note a link to the entry of each work it cites on the references page;
- replaces `\works_cited` on the references page with an entry for each cited work,
  anchored by its key, ordered by the first author's family name (else the title), with
  links back to every note that cites it ("note 3", and the page where notes of several
  pages cite it);
- replaces `\notes_without_address` with links to the notes none of whose works has a
  web address.
"""

import logging
import posixpath

from mkdocs.plugins import event_priority

from citations import read_page
from event_order import WRITE_LINKS
from note_text import literal

log = logging.getLogger("mkdocs.hooks.works_cited")

MARKER = r"\works_cited"
WITHOUT_ADDRESS = r"\notes_without_address"


def on_files(files, config):
    sources = config["sources"]
    if sources.citations.notes and sources.references_page is None:
        log.warning("No page contains %s: the notes have no references page to link to.", MARKER)
    return files


@event_priority(WRITE_LINKS)
def on_page_markdown(markdown, page, config, files):
    sources = config["sources"]
    markdown = _link_notes_to_entries(markdown, page, sources)
    markdown = _write_works_cited(markdown, page, sources, files)
    return _write_notes_without_address(markdown, page, sources, files)


EN_SPACE = "\u2002"


def _link_notes_to_entries(markdown, page, sources):
    notes = [note for note in sources.citations.notes if note.page == page.file.src_uri]
    if not notes or sources.references_page is None:
        return markdown
    target = _relative(sources.references_page, page.file.src_uri)
    lines = markdown.split("\n")
    where = {note.label: note.line - 1 for note in read_page(markdown, page.file.src_uri).notes}
    for note in notes:
        number = where[note.label]
        if len(note.keys) == 1:
            links = f"[References entry]({target}#{note.keys[0]}){{ .note-entry }}"
        else:
            links = "References entries: " + ", ".join(
                f"[{literal(sources.short_name(key))}]({target}#{key}){{ .note-entry }}"
                for key in note.keys)
        # An en space sets the link off from the note; where the line breaks there, the space
        # stays at the end of the text and the link starts the next line flush (a margin on
        # the link would indent it).
        lines[number] += EN_SPACE + links
    return "\n".join(lines)


def _write_works_cited(markdown, page, sources, files):
    if MARKER not in markdown:
        return markdown
    cited = sorted(sources.cited, key=lambda key: _sort_key(sources, key))
    several_pages = len(sources.citations.pages()) > 1
    blocks = []
    for key in cited:
        links = _note_links(sources.citations.notes_citing(key), page, sources, several_pages, files)
        blocks.append(f"{sources.formatted.entries[key]}\n{{ #{key} .work }}\n\nCited in {_and_list(links)}.\n"
                      "{ .cited-in }")
    return markdown.replace(MARKER, "\n\n".join(blocks))


def _write_notes_without_address(markdown, page, sources, files):
    if WITHOUT_ADDRESS not in markdown:
        return markdown
    items = sources.formatted.items
    notes = [note for note in sources.citations.notes if not any(items.get(k, {}).get("URL") for k in note.keys)]
    links = _note_links(notes, page, sources, len(sources.citations.pages()) > 1, files)
    return markdown.replace(WITHOUT_ADDRESS, _and_list(links) if notes else "none")


def _note_links(notes, page, sources, with_page, files=None):
    def link(note):
        where = f" ({_page_title(note.page, sources, files)})" if with_page else ""
        return f"[note {note.number}{where}]({_relative(note.page, page.file.src_uri)}#fn:{note.label})"

    return [link(note) for note in notes]


def _page_title(uri, sources, files):
    """A page as the navigation names it ("Letter"), else by its headline."""
    file = files.get_file_from_path(uri) if files is not None else None
    title = file.page.title if file is not None and file.page is not None else None
    return title or sources.page_titles.get(uri, uri)


def _sort_key(sources, key: str) -> str:
    """A bibliography's order: by the first author's family name, else by title."""
    author = sources.first_author(key)
    first = " ".join(filter(None, [author.get("family") or author.get("literal"), author.get("given")]))
    return (first or sources.formatted.items.get(key, {}).get("title", "")).casefold()


def _and_list(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _relative(target_uri, from_uri):
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")
