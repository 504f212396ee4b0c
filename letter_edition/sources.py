"""The editor's sources, read and checked once per build, as one object every step reads.

`read_sources` reads the bibliography, the note style and every page's Markdown; checks
them (checks.py); has every note, every cited work and the letter's own citation formatted
in one pandoc run (pandoc_notes.py); and checks that nothing the editor wrote was dropped
on the way (field_text.py). It knows nothing of MkDocs: `Project` says where the files are.

A fault in any of them is a SourceError with one message.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import csl_items
from .bibliography import Bibliography, archived_copy, bibtex_text, inherit_titles, scan
from .checks import check_citations, check_entries, check_style, check_unique_keys, parse_entries, shown, warn_uncited
from .citations import Citations, Note
from .errors import SourceError
from .letter_description import Letter, letter_entry, read_letter
from .names import WORKS_CITED, paragraph_anchor
from .pages import PageSource, read_page_source
from .pandoc_notes import Formatted, check_formatted, format_all, plain_text
from .reader import read_text

log = logging.getLogger(__name__)

# The letter cited at a paragraph, formatted once; the number is put in for each paragraph.
PARAGRAPH_PLACEHOLDER = "9999"


def paragraph_citation(letter: Letter) -> str:
    """The letter cited at a paragraph, as a note cites: formatted once, its number put in later."""
    return f"@{letter.key}, para. {PARAGRAPH_PLACEHOLDER}"


@dataclass(frozen=True)
class Project:
    """Where the editor's files are, and how the site is published."""
    root: Path  # the folder of mkdocs.yml
    docs: Path
    bib_files: list[Path]
    style: Path
    library: bool  # references.bib is a library: uncited entries are allowed
    site_url: str = ""
    use_directory_urls: bool = True
    reading_order: tuple[str, ...] = ()  # the pages in the navigation's order (the rest follow, by name)


@dataclass
class Sources:
    bibliography: Bibliography
    citations: Citations
    cited: list[str]  # the cited works' keys, in the order they are first cited
    letter: Letter | None
    formatted: Formatted
    pages: dict[str, PageSource]  # every page of docs/, by source path
    cited_bibtex: str  # the cited works, for mkdocs-bibtex to load
    _short_names: dict[str, str] | None = field(default=None, repr=False)

    @property
    def references_page(self) -> str | None:
        """The page with \\works_cited, where the references entries are."""
        return next((uri for uri, page in self.pages.items() if WORKS_CITED in page.body), None)

    def notes_of(self, uri: str) -> list[Note]:
        return [note for note in self.citations.notes if note.page == uri]

    def paragraph_citation(self, number: int) -> str | None:
        """The letter's citation with a paragraph as its locator, as plain text: the Cite page's
        citation and style, with "para. 3" and the paragraph's own address (where known)."""
        if self.letter is None:
            return None
        text = plain_text(self.formatted.notes[paragraph_citation(self.letter)]).replace(PARAGRAPH_PLACEHOLDER,
                                                                                           str(number))
        if self.letter.url:
            text = text.replace(self.letter.url, f"{self.letter.url}#{paragraph_anchor(number)}")
        return text

    def first_author(self, key: str) -> dict:
        """A cited work's first author (or editor), as CSL gives a name; {} where none."""
        item = self.formatted.items.get(key, {})
        names = item.get("author") or item.get("editor") or []
        return names[0] if names else {}

    def short_name(self, key: str) -> str:
        """How a link names a cited work: its first author's family name, else its title's
        start; where two cited works would share that name, with the year, and where they
        share the year too, with the start of the title ("Smith, “Border Regimes…”")."""
        if self._short_names is None:
            self._short_names = short_names({key: self.formatted.items.get(key, {}) for key in self.cited},
                                            self.first_author)
        return self._short_names.get(key, key)

    def exported_bibtex(self) -> str:
        """The cited works as the editor wrote them (and the @strings and parents they use)."""
        keys = self.bibliography.with_parents(self.cited)
        parts = [raw.text.rstrip() + "\n" for raw in self.bibliography.strings]
        parts += [self.bibliography.entries[key].text.rstrip() + "\n" for key in keys]
        return "\n".join(parts)


def read_sources(project: Project) -> Sources:
    style = check_style(project.style, project.root)
    bibliography = _read_bibliography(project.bib_files, project.root)

    docs_name = shown(project.docs, project.root)
    pages, letter = {}, None
    order = {uri: number for number, uri in enumerate(project.reading_order)}
    found = sorted(project.docs.rglob("*.md"), key=lambda path: (
        order.get(path.relative_to(project.docs).as_posix(), len(order)), path.relative_to(project.docs).as_posix()))
    for path in found:
        page, warnings = read_page_source(path, project.docs, docs_name)
        for warning in warnings:
            log.warning("%s", warning)
        pages[page.uri] = page
        if "letter" in page.meta and letter is None:
            url = urljoin(project.site_url, page_url(page.uri, project.use_directory_urls)) if project.site_url else None
            letter = read_letter(page.meta["letter"], page.body, page.uri, url, page.where)
    notes = [note for page in pages.values() for note in page.notes if note.cites]
    citations = Citations(notes)
    check_citations([(uri, page.stray) for uri, page in pages.items() if page.stray], notes, bibliography, docs_name)

    cited = citations.cited_keys()
    needed = bibliography.with_parents(cited)
    # Only the works the notes need are parsed and checked, in either mode: in the default
    # mode the others are named (the first ten) as uncited, which fails the strict build.
    parsed = parse_entries([bibliography.entries[key] for key in needed], bibliography.strings)
    check_entries(parsed, bibliography)
    if not project.library:
        warn_uncited(bibliography, set(needed))
    if letter is not None and letter.key in bibliography.entries:
        raise SourceError(f"{bibliography.where(letter.key)}: the key '{letter.key}' is the one this site "
                          "gives the letter itself. Give that entry another key.")

    for_pandoc = {key: parsed[key] for key in needed}
    inherit_titles(for_pandoc)
    cited_bibtex = bibtex_text(for_pandoc)
    if letter is not None:
        for_pandoc[letter.key] = letter_entry(letter)
    bodies = [note.body for note in notes] + ([paragraph_citation(letter)] if letter else [])
    bibtex = bibtex_text(for_pandoc, carry=True)
    formatted = format_all(bodies, [*cited, *([letter.key] if letter else [])], bibtex, style, project.root,
                           _archives(for_pandoc))
    check_formatted(formatted, notes, cited, {key: parsed[key] for key in needed}, bibliography, style, project.root,
                    docs_name, [bibtex.encode(), style.encode(), "\0".join(bodies).encode()])
    return Sources(bibliography, citations, cited, letter, formatted, pages, cited_bibtex)


def short_names(items: dict[str, dict], first_author) -> dict[str, str]:
    """Each work's name on a link, told apart from every other cited work's (see short_name)."""
    names = {key: _author_or_title(item, first_author(key), 4) for key, item in items.items()}
    for base in [name for name, count in Counter(names.values()).items() if count > 1]:
        keys = [key for key, name in names.items() if name == base]
        with_year = {key: f"{base} {csl_items.year(items[key]) or 'n.d.'}" for key in keys}
        for key in keys:
            same_year = [k for k in keys if with_year[k] == with_year[key]]
            if len(same_year) == 1:
                names[key] = with_year[key]
                continue
            for words in range(3, 40):  # as many of the title's words as tell them apart
                titled = {k: f"{base}, “{_title_start(items[k], words)}”" for k in same_year}
                if len(set(titled.values())) == len(same_year) or words == 39:
                    names[key] = titled[key] if len(set(titled.values())) == len(same_year) else key
                    break
    return names


def _author_or_title(item: dict, author: dict, words: int) -> str:
    name = author.get("family") or author.get("literal")
    return name if name else _title_start(item, words)


def _title_start(item: dict, words: int) -> str:
    title = (item.get("title") or item.get("id", "")).split()
    return " ".join(title[:words]) + ("…" if len(title) > words else "")



def page_url(uri: str, use_directory_urls: bool = True) -> str:
    """A page's address relative to the site's root: `index.md` "", `about.md` "about/" (or
    "about.html" where the site does not use directory addresses)."""
    stem = uri.removesuffix(".md")
    if use_directory_urls and (stem == "index" or stem.endswith("/index")):
        return stem.removesuffix("index")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def _archives(entries) -> dict[str, tuple[str, str]]:
    """Each cited work's live address -> its archived copy's address and date."""
    found = {}
    for entry in entries.values():
        copy = archived_copy(entry)
        url = next((value for name, value in entry.fields.items() if name.lower() == "url"), None)
        if copy and url:
            found[url.strip()] = (copy[0], copy[1].isoformat())
    return found


def _read_bibliography(paths: list[Path], root: Path) -> Bibliography:
    entries, strings, names = [], [], []
    for path in paths:
        name = shown(path, root)
        found, defined = scan(read_text(path, name, what="the bibliography"), name)
        entries += found
        strings += defined
        names.append(name)
    check_unique_keys(entries)
    return Bibliography(names, {entry.key: entry for entry in entries}, strings)
