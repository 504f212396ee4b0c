r"""The references page, and the links between it and the notes that cite its works.

Which notes cite which works comes from the manuscript, read once (reading/citations.py),
and each entry's text from the notes stage (notes/typeset.py). From them
- each note gets a link to the entry of each work it cites on the references page;
- `\works_cited` on the references page becomes an entry for each cited work, anchored by
  its key, ordered by the first author's family name (else the title), with links back to
  every note that cites it ("note 3", and the page where notes of several pages cite it);
- `\notes_without_address` becomes links to the notes none of whose works has a web
  address.
The links are Markdown links between the pages' source files, which MkDocs turns into the
site's addresses (and checks).
"""


from .. import csl_items
from ..addresses import relative_address
from ..markers import (CITED_IN, NOTE_ENTRIES, NOTE_ENTRY, NOTE_ID, NOTES_WITHOUT_ADDRESS, ONE_ENTRY, SEARCH_EXCLUDE,
                       SEVERAL_ENTRIES, WORK, WORKS_CITED)
from ..text_forms import literal, sort_form

# An en space sets the link off from the note; where the line breaks there, the space stays
# at the end of the text and the link starts the next line flush (a margin would indent it).
EN_SPACE = "\u2002"


def entry_links(uri: str, typeset) -> dict[str, str]:
    """The links of each citing note of the page to its works' references entries, by the
    note's label, as Markdown to follow the note's text."""
    notes = typeset.notes_of(uri)
    if not notes or typeset.references_page is None:
        return {}
    target = relative_address(typeset.references_page, uri)
    links = {}
    for note in notes:
        if len(note.keys) == 1:
            links[note.label] = f"[{ONE_ENTRY}]({target}#{note.keys[0]}){{ .{NOTE_ENTRY} {SEARCH_EXCLUDE} }}"
        else:
            links[note.label] = (f'<span class="{NOTE_ENTRIES}" {SEARCH_EXCLUDE}>{SEVERAL_ENTRIES} ' + ", ".join(
                f"[{literal(typeset.short_name(key))}]({target}#{key}){{ .{NOTE_ENTRY} }}"
                for key in note.keys) + "</span>")
    return {label: EN_SPACE + markdown for label, markdown in links.items()}


def write_works_cited(markdown: str, uri: str, typeset, page_title) -> str:
    """`page_title(uri)`: how the navigation names a page ("Letter")."""
    if WORKS_CITED not in markdown:
        return markdown
    cited = sorted(typeset.cited, key=lambda key: _sort_key(typeset, key))
    several_pages = len(typeset.citations.pages()) > 1
    blocks = []
    for key in cited:
        links = _note_links(typeset.citations.notes_citing(key), uri, several_pages, page_title)
        blocks.append(f"{typeset.formatted.entries[key]}\n{{ #{key} .{WORK} {SEARCH_EXCLUDE} }}\n\n"
                      f"Cited in {and_list(links)}.\n{{ .{CITED_IN} }}")
    return markdown.replace(WORKS_CITED, "\n\n".join(blocks))


def write_notes_without_address(markdown: str, uri: str, typeset, page_title) -> str:
    if NOTES_WITHOUT_ADDRESS not in markdown:
        return markdown
    items = typeset.formatted.items
    notes = [note for note in typeset.citations.notes if not any(items.get(k, {}).get("URL") for k in note.keys)]
    links = _note_links(notes, uri, len(typeset.citations.pages()) > 1, page_title)
    return markdown.replace(NOTES_WITHOUT_ADDRESS, and_list(links) if notes else "none")


def _note_links(notes, uri: str, with_page: bool, page_title) -> list[str]:
    def link(note):
        where = f" ({page_title(note.page)})" if with_page else ""
        return f"[note {note.number}{where}]({relative_address(note.page, uri)}#{NOTE_ID.format(note.label)})"

    return [link(note) for note in notes]


def _sort_key(typeset, key: str) -> tuple[str, str, str]:
    """A bibliography's order: by the first author's family name, else by title; one author's
    works by year, then by title."""
    author, item = typeset.first_author(key), typeset.formatted.items.get(key, {})
    first = " ".join(filter(None, [author.get("family") or author.get("literal"), author.get("given")]))
    year = csl_items.year(item) or ""
    title = item.get("title", "")
    return sort_form(first or title), year, sort_form(title)


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
