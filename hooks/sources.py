"""The editor's sources, read and checked once per build, as one object every hook reads.

On `config` (before mkdocs-bibtex, and before the site folder is cleaned) this hook reads
the bibliography, the note style and every page's Markdown; checks them
(hooks/reference_checks.py); and has every note, every cited work and the letter's own
citation formatted in one pandoc run (hooks/note_text.py). The result is put on the config
as `config["sources"]`: the hooks after it read it from there.

A fault in any of them stops the build with one message; under `mkdocs serve` the last
good build stays served meanwhile (MkDocs would otherwise hold every request until the
next good build).
"""

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils.meta import YAML_RE

import bibtex_adapter
from build_cache import kept_file
from bibliography import Bibliography, archived_copy, bibtex_text, inherit_titles, scan
from citations import Citations, read_page
from event_order import READ_SOURCES
from letter_description import CITATION_KEY, Letter, front_matter, letter_entry, read_letter
from note_text import Formatted, check_formatted, format_all
from page_settings import PageSettingError, check_front_matter
from site_settings import read_settings
from reference_checks import (SourceError, check_citations, check_note_labels, check_entries, check_style, check_unique_keys,
                              parse_entries, read_text, shown, warn_uncited)

log = logging.getLogger("mkdocs.hooks.sources")

WORKS_CITED = r"\works_cited"
# The letter cited at a paragraph, formatted once; the number is put in for each paragraph.
PARAGRAPH_PLACEHOLDER = "9999"
PARAGRAPH_CITATION = f"@{CITATION_KEY}, para. {PARAGRAPH_PLACEHOLDER}"


@dataclass
class Sources:
    bibliography: Bibliography
    citations: Citations
    cited: list[str]  # the cited works' keys, in the order they are first cited
    letter: Letter | None
    formatted: Formatted
    references_page: str | None  # the page with \works_cited
    page_titles: dict[str, str]  # each page's headline, by source path
    page_meta: dict[str, dict]  # each page's front matter, by source path

    def paragraph_citation(self, number: int) -> str | None:
        """The letter's citation with a paragraph as its locator, as plain text: the Cite page's
        citation and style, with "para. 3" and the paragraph's own address (where known)."""
        if self.letter is None:
            return None
        markdown = self.formatted.notes[PARAGRAPH_CITATION]
        text = html.unescape(re.sub(r"<[^>]+>", "", markdown)).replace(PARAGRAPH_PLACEHOLDER, str(number))
        if self.letter.url:
            text = text.replace(self.letter.url, f"{self.letter.url}#p{number}")
        return text

    def first_author(self, key: str) -> dict:
        """A cited work's first author (or editor), as CSL gives a name; {} where none."""
        item = self.formatted.items.get(key, {})
        names = item.get("author") or item.get("editor") or []
        return names[0] if names else {}

    def short_name(self, key: str) -> str:
        """How a link names a cited work: its first author's family name, else its title's start."""
        author = self.first_author(key)
        name = author.get("family") or author.get("literal")
        if name:
            return name
        words = self.formatted.items.get(key, {}).get("title", key).split()
        return " ".join(words[:4]) + ("…" if len(words) > 4 else "")

    def exported_bibtex(self) -> str:
        """The cited works as the editor wrote them (and the @strings and parents they use)."""
        keys = self.bibliography.with_parents(self.cited)
        parts = [raw.text.rstrip() + "\n" for raw in self.bibliography.strings]
        parts += [self.bibliography.entries[key].text.rstrip() + "\n" for key in keys]
        return "\n".join(parts)


@event_priority(READ_SOURCES)
def on_config(config):
    settings, errors, warnings = read_settings(config.extra, config.config_file_path)
    if errors:
        raise SourceError("\n".join(errors))
    for warning in warnings:
        log.warning("%s", warning)
    config["site_settings"] = settings
    try:
        config["sources"] = read_sources(config)
    except SourceError:
        raise
    except PluginError as error:  # a fault in the editor's files, found before anything is built
        raise SourceError(str(error)) from None
    return config


def on_serve(server, config, builder):
    def build_or_keep_last_good():
        try:
            builder()
        except Abort as abort:
            # MkDocs has logged the cause. A fault in the editor's files is found before the
            # site folder is cleaned, so the last good build is still there to serve.
            if not isinstance(abort.__context__, SourceError):
                raise
            log.error("Not rebuilt: the last good build is still served. Fix the error above and save.")

    server.builder = build_or_keep_last_good
    return server


def read_sources(config) -> Sources:
    root = Path(config.config_file_path).parent
    options = bibtex_adapter.options(config)
    library = _library_mode(config)
    style = check_style(options.csl_file, root)
    bibliography = _read_bibliography(options.bib_files, root)

    docs = Path(config.docs_dir)
    docs_name = shown(docs, root)
    notes, stray, titles, metas, letter, references_page = [], [], {}, {}, None, None
    for path in sorted(docs.rglob("*.md")):
        uri = path.relative_to(docs).as_posix()
        text = read_text(path, f"{docs_name}/{uri}", what="the page")
        meta = metas[uri] = front_matter(text, f"{docs_name}/{uri}")
        try:
            for warning in check_front_matter(meta, f"{docs_name}/{uri}"):
                log.warning("%s", warning)
        except PageSettingError as error:
            raise SourceError(str(error)) from None
        page = read_page(text, uri)
        check_note_labels(page.notes, f"{docs_name}/{uri}")
        notes += [note for note in page.notes if note.cites]
        if page.stray:
            stray.append((uri, page.stray))
        body = text[match.end():] if (match := YAML_RE.match(text)) else text
        headline = re.search(r"^# (.+)$", body, re.MULTILINE)
        titles[uri] = headline[1].strip() if headline else uri
        if "letter" in meta and letter is None:
            url = urljoin(config.site_url, File(uri, "", "", config.use_directory_urls).url) if config.site_url else None
            letter = read_letter(meta["letter"], body, uri, url)
        if WORKS_CITED in text:
            references_page = uri
    citations = Citations(notes)
    check_citations(stray, notes, bibliography, docs_name)

    cited = citations.cited_keys()
    needed = bibliography.with_parents(cited)
    # Only the works the notes need are parsed and checked, in either mode: in the default
    # mode the others are named (the first ten) as uncited, which fails the strict build.
    parsed = parse_entries([bibliography.entries[key] for key in needed], bibliography.strings)
    check_entries(parsed, bibliography)
    if not library:
        warn_uncited(bibliography, set(needed))
    if CITATION_KEY in bibliography.entries:
        raise SourceError(f"{bibliography.where(CITATION_KEY)}: the key '{CITATION_KEY}' is the one this site "
                          "gives the letter itself. Give that entry another key.")

    for_pandoc = {key: parsed[key] for key in needed}
    inherit_titles(for_pandoc)
    bibtex_adapter.name_pybtex_parts()
    bibtex_adapter.load_only(config, kept_file(root, "cited.bib", bibtex_text(for_pandoc)))
    bibtex_adapter.leave_pages_alone(config)
    if letter is not None:
        for_pandoc[CITATION_KEY] = letter_entry(letter)
    bodies = [note.body for note in notes] + ([PARAGRAPH_CITATION] if letter else [])
    bibtex = bibtex_text(for_pandoc, carry=True)
    formatted = format_all(bodies, [*cited, *([CITATION_KEY] if letter else [])], bibtex, style, root,
                           _archives(for_pandoc))
    check_formatted(formatted, notes, cited, {key: parsed[key] for key in needed}, bibliography, style, root,
                    [bibtex.encode(), style.encode(), "\0".join(bodies).encode()])
    return Sources(bibliography, citations, cited, letter, formatted, references_page, titles, metas)


def _archives(entries) -> dict[str, tuple[str, str]]:
    """Each cited work's live address -> its archived copy's address and date."""
    found = {}
    for entry in entries.values():
        copy = archived_copy(entry)
        url = next((value for name, value in entry.fields.items() if name.lower() == "url"), None)
        if copy and url:
            found[url.strip()] = (copy[0], copy[1].isoformat())
    return found


def _library_mode(config) -> bool:
    return config["site_settings"].references.uncited == "allow"


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
