r"""Everything a citer needs, made from the one description of the letter.

The letter's page describes the letter in its front matter (`letter:` with date, genre,
signatories, recipients); its title is the page's headline. From that description this
hook makes, at build time:
- the citation tags (Highwire Press `citation_*`) and a schema.org JSON-LD block on the
  letter's page, read by reference managers and scholarly search engines;
- a ready citation in the notes' own style, put where a page says `\cite_letter`: the
  letter is added to mkdocs-bibtex's bibliography and formatted with the notes;
- the downloads `letter.bib`, `letter.ris` and `letter.json` (CSL-JSON), and a copy of
  `references.bib`, beside the site's pages.
"""

import datetime
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as BibtexWriter
from pybtex.richtext import Text

from event_order import WRITE_CITATIONS

log = logging.getLogger("mkdocs.hooks.letter_citation")

MARKER = r"\cite_letter"
CITATION_KEY = "torres2021kosova"


@dataclass(frozen=True)
class Letter:
    title: str
    date: datetime.date
    genre: str
    signatories: list[str]
    recipients: list[dict]
    url: str | None  # the letter's page, where the site's address is known
    page_uri: str

    @property
    def addressed_to(self) -> str:
        """'Letter to A, role, and B, role', as the citation's description of the work."""
        people = [f"{r['name']}, {r['role']}" for r in self.recipients]
        listed = people[0] if len(people) == 1 else ", ".join(people[:-1]) + ", and " + people[-1]
        return f"{self.genre} to {listed}"


_letter: Letter | None = None


# --- Reading the description --------------------------------------------------------------


def on_files(files, config):
    global _letter
    _letter = _read_letter(files, config)
    if _letter is None:
        return files
    _add_to_bibliography(_letter, config.plugins["bibtex"].registry)
    exports = {
        "letter.bib": _bibtex(_letter),
        "letter.ris": _ris(_letter),
        "letter.json": json.dumps([_csl_json(_letter)], ensure_ascii=False, indent=2) + "\n",
        "references.bib": (Path(config.config_file_path).parent / config.plugins["bibtex"].config.bib_file)
        .read_text(encoding="utf-8"),
    }
    for name, content in exports.items():
        files.append(File.generated(config, name, content=content))
    return files


def _read_letter(files, config) -> Letter | None:
    for file in files.documentation_pages():
        markdown, meta = get_data(file.content_string)
        if "letter" not in meta:
            continue
        return _letter_from(meta["letter"], markdown, file, config)
    return None


def _letter_from(description, markdown, file, config) -> Letter:
    where = f"docs/{file.src_uri}, front matter 'letter'"
    if not isinstance(description, dict):
        raise PluginError(f"{where}: expected a mapping of date, genre, signatories and recipients.")
    for field, kind in [("date", datetime.date), ("genre", str), ("signatories", list), ("recipients", list)]:
        if not isinstance(description.get(field), kind):
            raise PluginError(f"{where}: '{field}' is missing or not a {kind.__name__} (see README).")
    for recipient in description["recipients"]:
        if not (isinstance(recipient, dict) and isinstance(recipient.get("name"), str)
                and isinstance(recipient.get("role"), str)):
            raise PluginError(f"{where}: each recipient needs a name and a role, e.g. "
                              "{name: Antony Blinken, role: Secretary of State}.")
    headline = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    if headline is None:
        raise PluginError(f"docs/{file.src_uri}: the letter's page has no '# headline' to take its title from.")
    url = urljoin(config.site_url, file.url) if config.site_url else None
    return Letter(
        title=headline[1].strip(),
        date=description["date"],
        genre=description["genre"],
        signatories=[str(name) for name in description["signatories"]],
        recipients=[dict(r) for r in description["recipients"]],
        url=url,
        page_uri=file.src_uri,
    )


# --- The exports --------------------------------------------------------------------------


def _csl_json(letter: Letter) -> dict:
    item = {
        "id": CITATION_KEY,
        "type": "personal_communication",
        "title": letter.title,
        "author": [_csl_name(name) for name in letter.signatories],
        "issued": {"date-parts": [[letter.date.year, letter.date.month, letter.date.day]]},
        "genre": letter.addressed_to,
        "language": "en",
    }
    if letter.url:
        item["URL"] = letter.url
    return item


def _csl_name(name: str) -> dict:
    person = Person(name)
    return {"family": " ".join(person.last_names), "given": " ".join(person.first_names + person.middle_names)}


def _bibtex(letter: Letter) -> str:
    return BibtexWriter().to_string(BibliographyData({CITATION_KEY: _bibtex_entry(letter)}))


def _bibtex_entry(letter: Letter) -> Entry:
    fields = {
        # Braced so that a reference manager keeps the title's own capitalization.
        "title": "{" + letter.title + "}",
        "date": letter.date.isoformat(),
        "year": str(letter.date.year),
        "howpublished": letter.addressed_to,
        "language": "english",
    }
    if letter.url:
        fields["url"] = letter.url
    return Entry("misc", fields=fields, persons={"author": [Person(name) for name in letter.signatories]})


def _add_to_bibliography(letter: Letter, registry) -> None:
    """The letter is formatted by mkdocs-bibtex with the notes, from its BibTeX export."""
    existing = registry.bib_data.entries.get(CITATION_KEY)
    # Under `mkdocs serve`, mkdocs-bibtex keeps its bibliography between builds, with the
    # letter added by the last one.
    if existing is not None and not getattr(existing, "is_the_letter", False):
        raise PluginError(
            f"references.bib has an entry '{CITATION_KEY}', the key this site gives the letter "
            "itself. Give that entry another key."
        )
    entry = _bibtex_entry(letter)
    entry.is_the_letter = True
    registry.bib_data.entries[CITATION_KEY] = entry
    registry.__dict__.pop("bib_data_bibtex", None)  # mkdocs-bibtex's cached BibTeX of it


def _ris(letter: Letter) -> str:
    lines = [("TY", "PCOMM"), ("TI", letter.title)]
    lines += [("AU", f"{n['family']}, {n['given']}") for n in map(_csl_name, letter.signatories)]
    lines += [("PY", str(letter.date.year)), ("DA", letter.date.strftime("%Y/%m/%d/")),
              ("M3", letter.addressed_to), ("LA", "en")]
    if letter.url:
        lines.append(("UR", letter.url))
    lines.append(("ER", ""))
    # RIS: a two-letter tag, two spaces, a hyphen, a space; each line ends in CR LF.
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


# --- The pages ----------------------------------------------------------------------------


@event_priority(WRITE_CITATIONS)
def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    if _letter is None:
        log.warning("docs/%s uses %s, but no page describes the letter.", page.file.src_uri, MARKER)
        return markdown
    return markdown.replace(MARKER, f"@{CITATION_KEY}\n{{ .ready-citation }}")


def on_page_context(context, page, config, nav):
    if _letter is None or page.file.src_uri != _letter.page_uri:
        return context
    page.meta["share_title"] = _letter.title
    page.meta["citation_tags"] = _highwire_tags(_letter)
    page.meta["json_ld"] = _json_ld(_letter, config)
    return context


def _highwire_tags(letter: Letter) -> list[tuple[str, str]]:
    tags = [("citation_title", letter.title)]
    tags += [("citation_author", name) for name in letter.signatories]
    tags += [("citation_publication_date", letter.date.strftime("%Y/%m/%d")), ("citation_language", "en")]
    if letter.url:
        tags += [("citation_public_url", letter.url), ("citation_abstract_html_url", letter.url)]
    return tags


def _json_ld(letter: Letter, config) -> str:
    entries = config.plugins["bibtex"].registry.bib_data.entries
    data = {
        "@context": "https://schema.org",
        "@type": "Message",
        "headline": letter.title,
        "name": letter.title,
        "dateSent": letter.date.isoformat(),
        "inLanguage": "en",
        "sender": [{"@type": "Person", "name": name} for name in letter.signatories],
        "recipient": [
            {"@type": "Person", "name": r["name"], "jobTitle": r["role"]} for r in letter.recipients
        ],
        "citation": [_json_ld_work(entry) for key, entry in entries.items() if key != CITATION_KEY],
    }
    if letter.url:
        data["url"] = letter.url
    # Escaped so that no field can close the <script> element it is written into.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _json_ld_work(entry) -> dict:
    work = {"@type": "CreativeWork", "name": _unbraced(entry.fields.get("title", ""))}
    authors = entry.persons.get("author", [])
    if authors:
        work["author"] = [{"name": _unbraced(" ".join(p.first_names + p.middle_names + p.last_names))}
                          for p in authors]
    outlet = entry.fields.get("journaltitle") or entry.fields.get("organization")
    if outlet:
        work["publisher"] = {"name": _unbraced(outlet)}
    if "date" in entry.fields:
        work["datePublished"] = entry.fields["date"]
    if "url" in entry.fields:
        work["url"] = entry.fields["url"]
    return work


def _unbraced(text: str) -> str:
    """A BibTeX field as plain Unicode text: LaTeX accents decoded, braces gone."""
    if "\\" in text:  # the LaTeX decoder takes a while to load: only for fields that need it
        return Text.from_latex(text).render_as("text")
    return text.replace("{", "").replace("}", "")
