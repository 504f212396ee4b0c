"""The notes stage: the manuscript with every note, cited work and the letter's citation formatted.

`typeset_notes` hands pandoc the cited works (pandoc_input.py), has every note, every
references entry and the letter's own citation formatted in one run (pandoc_notes.py), and
checks that nothing the editor wrote was dropped (fidelity.py). What it returns is the
manuscript with the formatted text beside it: the one object the Markdown, publishing and
search steps read.
"""

from collections import Counter
from dataclasses import dataclass, field, fields

from .. import csl_items
from ..markers import paragraph_anchor
from ..reading.manuscript import Manuscript
from .fidelity import check_formatted
from .pandoc_input import (PARAGRAPH_PLACEHOLDER, archives, bibtex_text, handed_fields, inherit_titles, letter_entry,
                           paragraph_citation)
from .pandoc_notes import Formatted, format_all


@dataclass
class Typeset(Manuscript):
    formatted: Formatted
    cited_bibtex: str  # the cited works, for mkdocs-bibtex to load
    letter_bibtex: str | None  # the letter as a BibTeX entry, offered as letter.bib
    _short_names: dict[str, str] | None = field(default=None, repr=False)

    def paragraph_citation(self, number: int) -> str | None:
        """The letter's citation with a paragraph as its locator, as plain text: the Cite page's
        citation and style, with "para. 3" and the paragraph's own address (where known)."""
        if self.letter is None:
            return None
        text = self.formatted.note_texts[paragraph_citation(self.letter)].replace(PARAGRAPH_PLACEHOLDER, str(number))
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


def typeset_notes(manuscript: Manuscript) -> Typeset:
    letter = manuscript.letter
    for_pandoc = dict(manuscript.needed)
    inherit_titles(for_pandoc)
    handed = handed_fields({key: for_pandoc[key] for key in manuscript.cited})
    cited_bibtex = bibtex_text(for_pandoc)
    letter_bibtex = None
    if letter is not None:
        for_pandoc[letter.key] = letter_entry(letter)
        letter_bibtex = bibtex_text({letter.key: for_pandoc[letter.key]})
    notes = manuscript.citations.notes
    bodies = [note.body for note in notes] + ([paragraph_citation(letter)] if letter else [])
    bibtex = bibtex_text(for_pandoc, carry=True)
    formatted = format_all(bodies, [*manuscript.cited, *([letter.key] if letter else [])], bibtex, manuscript.style,
                           manuscript.project, archives(for_pandoc))
    check_formatted(manuscript, formatted, handed,
                    [bibtex.encode(), manuscript.style.encode(), "\0".join(bodies).encode()])
    read = {f.name: getattr(manuscript, f.name) for f in fields(Manuscript)}
    return Typeset(**read, formatted=formatted, cited_bibtex=cited_bibtex, letter_bibtex=letter_bibtex)


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
