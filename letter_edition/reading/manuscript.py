"""The editor's files, read and checked once per build, as the one object the later stages read.

`read_manuscript` reads the note style, the bibliography and every page's Markdown (each
through the one reader), and checks them: the style is CSL, each key is used once, every
citation stands in a note and names an entry, and each entry a note needs parses. It knows
nothing of MkDocs: `BuildSettings` says where the files are. The notes stage
(notes/typeset.py) formats what it returns.

A fault in any of them is a SourceError with one message.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from pybtex.database import Entry

from ..addresses import page_url
from ..errors import SourceError
from ..markers import WORKS_CITED
from .bibliography import Bibliography, scan
from .bibtex_checks import check_entries, check_unique_keys, parse_entries
from .citation_checks import check_citations, warn_uncited
from .citations import Citations, Note
from .letter_description import Letter, read_letter
from .note_style import check_style
from .pages import PageText, read_page_text
from .reader import read_text, shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildSettings:
    """Where the editor's files are, and how the site is published."""
    project: Path  # the folder of mkdocs.yml
    docs: Path
    bib_files: list[Path]
    style: Path
    uncited_allowed: bool  # references.bib is a library: entries no note cites are allowed
    site_url: str = ""
    use_directory_urls: bool = True
    reading_order: tuple[str, ...] = ()  # the pages in the navigation's order (the rest follow, by name)


@dataclass
class Manuscript:
    """The editor's files, read and checked."""
    project: Path  # the folder of mkdocs.yml, where the cache is kept
    docs_name: str  # the docs folder, as messages name it
    style: str  # the CSL style's text
    bibliography: Bibliography
    pages: dict[str, PageText]  # every page of the docs folder, by its path there
    letter: Letter | None
    citations: Citations
    cited: list[str]  # the cited works' keys, in the order they are first cited
    needed: dict[str, Entry]  # the cited works and the entries they `crossref`, parsed

    @property
    def references_page(self) -> str | None:
        """The page with \\works_cited, where the references entries are."""
        return next((uri for uri, page in self.pages.items() if WORKS_CITED in page.body), None)

    def notes_of(self, uri: str) -> list[Note]:
        return [note for note in self.citations.notes if note.page == uri]

    def exported_bibtex(self) -> str:
        """The cited works as the editor wrote them (and the @strings and parents they use)."""
        keys = self.bibliography.with_parents(self.cited)
        parts = [raw.text.rstrip() + "\n" for raw in self.bibliography.strings]
        parts += [self.bibliography.entries[key].text.rstrip() + "\n" for key in keys]
        return "\n".join(parts)


def read_manuscript(settings: BuildSettings) -> Manuscript:
    style = check_style(settings.style, settings.project)
    bibliography = _read_bibliography(settings.bib_files, settings.project)
    docs_name = shown(settings.docs, settings.project)
    pages, letter = _read_pages(settings, docs_name)

    notes = [note for page in pages.values() for note in page.notes if note.cites]
    citations = Citations(notes)
    check_citations([(uri, page.stray) for uri, page in pages.items() if page.stray], notes, bibliography, docs_name)
    cited = citations.cited_keys()
    keys = bibliography.with_parents(cited)
    # Only the works the notes need are parsed and checked, in either mode: in the default
    # mode the others are named (the first ten) as uncited, which fails the strict build.
    needed = parse_entries([bibliography.entries[key] for key in keys], bibliography.strings)
    check_entries(needed, bibliography)
    if not settings.uncited_allowed:
        warn_uncited(bibliography, set(keys))
    if letter is not None and letter.key in bibliography.entries:
        raise SourceError(f"{bibliography.where(letter.key)}: the key '{letter.key}' is the one this site "
                          "gives the letter itself. Give that entry another key.")
    return Manuscript(settings.project, docs_name, style, bibliography, pages, letter, citations, cited,
                      {key: needed[key] for key in keys})


def _read_pages(settings: BuildSettings, docs_name: str) -> tuple[dict[str, PageText], Letter | None]:
    """Every page, in reading order, and the letter that the first page to describe one describes."""
    pages, letter = {}, None
    order = {uri: number for number, uri in enumerate(settings.reading_order)}

    def place(path: Path):
        uri = path.relative_to(settings.docs).as_posix()
        return order.get(uri, len(order)), uri

    for path in sorted(settings.docs.rglob("*.md"), key=place):
        page, warnings = read_page_text(path, settings.docs, docs_name)
        for warning in warnings:
            log.warning("%s", warning)
        pages[page.uri] = page
        if "letter" in page.meta and letter is None:
            url = urljoin(settings.site_url, page_url(page.uri, settings.use_directory_urls)) \
                if settings.site_url else None
            letter = read_letter(page.meta["letter"], page.headline, page.uri, url, page.where)
    return pages, letter


def _read_bibliography(paths: list[Path], project: Path) -> Bibliography:
    entries, strings, names = [], [], []
    for path in paths:
        name = shown(path, project)
        found, defined = scan(read_text(path, name, what="the bibliography"), name)
        entries += found
        strings += defined
        names.append(name)
    check_unique_keys(entries)
    return Bibliography(names, {entry.key: entry for entry in entries}, strings)
