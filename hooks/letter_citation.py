r"""Everything a citer needs, made from the one description of the letter.

The letter's page describes the letter in its front matter (hooks/letter_description.py);
hooks/sources.py reads it and has the letter formatted with the notes. From it this hook
makes, at build time:
- the citation tags (Highwire Press `citation_*`) and a schema.org JSON-LD block on the
  letter's page, read by reference managers and scholarly search engines; the JSON-LD
  lists the works the notes cite, with the notes' own text;
- a ready citation in the notes' own style, put where a page says `\cite_letter`;
- the downloads `letter.bib`, `letter.ris` and `letter.json` (CSL-JSON), and the cited
  works as BibTeX (`references.bib`, as the editor wrote them), beside the site's pages.
"""

import json
import logging

from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from bibliography import bibtex_text
from event_order import WRITE_CITATIONS
from letter_description import CITATION_KEY, Letter, letter_entry
from letter_pdf import PDF

log = logging.getLogger("mkdocs.hooks.letter_citation")

MARKER = r"\cite_letter"


# --- The exports --------------------------------------------------------------------------


def on_files(files, config):
    sources = config["sources"]
    letter = sources.letter
    exports = {"references.bib": sources.exported_bibtex()}
    if letter is not None:
        exports |= {
            "letter.bib": bibtex_text({CITATION_KEY: letter_entry(letter)}),
            "letter.ris": _ris(letter),
            "letter.json": json.dumps([_csl_json(letter)], ensure_ascii=False, indent=2) + "\n",
        }
    for name, content in exports.items():
        files.append(File.generated(config, name, content=content))
    return files


def _csl_json(letter: Letter) -> dict:
    item = {
        "id": CITATION_KEY,
        "type": "personal_communication",
        "title": letter.title,
        "author": [_csl_name(name) for name in letter.signatories],
        "recipient": [{"literal": r["name"]} for r in letter.recipients],
        "issued": {"date-parts": [[letter.date.year, letter.date.month, letter.date.day]]},
        "genre": letter.addressed_to,
        "language": "en",
    }
    if letter.url:
        item["URL"] = letter.url
    return item


def _csl_name(name) -> dict:
    csl = {"family": name.family, "given": name.given}
    if name.suffix:
        csl["suffix"] = name.suffix
    return csl


def _ris(letter: Letter) -> str:
    lines = [("TY", "PCOMM"), ("TI", letter.title)]
    lines += [("AU", ", ".join(filter(None, [n.family, n.given, n.suffix]))) for n in letter.signatories]
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
    sources = config["sources"]
    if sources.letter is None:
        log.warning("docs/%s uses %s, but no page describes the letter.", page.file.src_uri, MARKER)
        return markdown
    return markdown.replace(MARKER, f"{sources.formatted.entries[CITATION_KEY]}\n{{ .ready-citation }}")


def on_config(config):
    # The theme writes the site's name and description into attributes and text unescaped
    # (autoescape is off): escaped once here, as markup, they are written as text everywhere.
    for name in ("site_name", "site_description"):
        if config[name]:
            config[name] = escape(config[name])
    return config


def on_page_context(context, page, config, nav):
    if isinstance(page.meta.get("description"), str):
        # Escaped once, as markup, so that the theme's <meta name="description"> and the
        # override's `| e` both write it right.
        page.meta["description"] = escape(page.meta["description"])
    sources = config["sources"]
    letter = sources.letter
    if letter is None or page.file.src_uri != letter.page_uri:
        return context
    page.meta["share_title"] = letter.title
    # The PDF beside the page: absolute where the site's address is known.
    pdf = urljoin(letter.url, PDF) if letter.url else get_relative_url(PDF, page.url)
    page.meta["citation_tags"] = _highwire_tags(letter, pdf) + _dublin_core_tags(letter, pdf)
    own = dict.fromkeys(key for note in sources.citations.notes if note.page == letter.page_uri for key in note.keys)
    page.meta["json_ld"] = _json_ld(letter, [sources.formatted.items[key] for key in own])
    return context


def _highwire_tags(letter: Letter, pdf: str) -> list[tuple[str, str]]:
    """Google Scholar's tags (Highwire Press): title, authors, date, the PDF."""
    tags = [("citation_title", letter.title)]
    tags += [("citation_author", name.display) for name in letter.signatories]
    tags += [("citation_publication_date", letter.date.strftime("%Y/%m/%d")), ("citation_language", "en")]
    if letter.url:
        tags += [("citation_public_url", letter.url), ("citation_abstract_html_url", letter.url)]
    return tags + [("citation_pdf_url", pdf)]


def _dublin_core_tags(letter: Letter, pdf: str) -> list[tuple[str, str]]:
    """Dublin Core: what the page is (a letter, which the Highwire tags cannot say, so that a
    reference manager does not file it as a journal article), by whom, when, to whom (in
    the description: Dublin Core has no element for a recipient) and its other form."""
    tags = [("DC.type", letter.genre), ("DC.title", letter.title)]
    tags += [("DC.creator", name.display) for name in letter.signatories]
    tags += [("DC.date", letter.date.isoformat()), ("DC.language", "en"),
             ("DC.description", letter.summary)]
    if letter.url:
        tags.append(("DC.identifier", letter.url))
    return tags + [("DC.relation", pdf)]


def _json_ld(letter: Letter, works: list[dict]) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Message",
        "headline": letter.title,
        "name": letter.title,
        "dateSent": letter.date.isoformat(),
        "inLanguage": "en",
        "sender": [{"@type": "Person", "name": name.display, "givenName": name.given, "familyName": name.family}
                   for name in letter.signatories],
        "recipient": [
            {"@type": "Person", "name": r["name"], "jobTitle": r["role"]} for r in letter.recipients
        ],
        "citation": [_json_ld_work(item) for item in works],
    }
    if letter.url:
        data["url"] = letter.url
    # Escaped so that no field can close the <script> element it is written into.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _json_ld_work(item: dict) -> dict:
    """A cited work from its CSL data: the text pandoc read from references.bib, as in the notes."""
    work = {"@type": "CreativeWork", "name": item.get("title", "")}
    authors = item.get("author") or []
    if authors:
        work["author"] = [{"name": a.get("literal") or " ".join(filter(None, [a.get("given"), a.get("family"),
                                                                             a.get("suffix")]))}
                          for a in authors]
    outlet = item.get("container-title") or item.get("publisher")
    if outlet:
        work["publisher"] = {"name": outlet}
    parts = (item.get("issued") or {}).get("date-parts") or []
    if parts and parts[0]:
        work["datePublished"] = "-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts[0]))
    if item.get("URL"):
        work["url"] = item["URL"]
    return work
