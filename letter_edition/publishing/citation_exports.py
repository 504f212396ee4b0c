r"""Everything a citer needs, made from the one description of the letter.

The letter's page describes the letter in its front matter (reading/letter_description.py);
the notes stage (notes/typeset.py) has the letter formatted with the notes. From it come, at build
time:
- the citation tags (Highwire Press `citation_*`) and a schema.org JSON-LD block on the
  letter's page, read by reference managers and scholarly search engines; the JSON-LD
  lists the works the notes cite, with the notes' own text;
- a ready citation in the notes' own style, put where a page says `\cite_letter`;
- the downloads `letter.bib`, `letter.ris` and `letter.json` (CSL-JSON), and the cited
  works as BibTeX (`references.bib`, as the editor wrote them), beside the site's pages.
"""

import json
import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from ..addresses import relative_address
from ..csl_items import date_parts
from ..markers import CITE_LETTER, READY_CITATION
from ..reading.letter_description import Letter
from .letter_pdf import PDF

log = logging.getLogger(__name__)


# --- The exports --------------------------------------------------------------------------


def downloads(typeset) -> dict[str, str]:
    """The files a citer downloads, by name: the letter as BibTeX, RIS and CSL-JSON, and the
    cited works as BibTeX, as the editor wrote them."""
    letter = typeset.letter
    exports = {"references.bib": typeset.exported_bibtex()}
    if letter is not None:
        exports |= {
            "letter.bib": typeset.letter_bibtex,
            "letter.ris": _ris(letter),
            "letter.json": json.dumps([_csl_json(letter)], ensure_ascii=False, indent=2) + "\n",
        }
    return exports


def _csl_json(letter: Letter) -> dict:
    item = {
        "id": letter.key,
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


def write_ready_citation(markdown: str, where: str, typeset) -> str:
    """`\\cite_letter` on a page becomes the letter's citation in the notes' style."""
    if CITE_LETTER not in markdown:
        return markdown
    if typeset.letter is None:
        log.warning("%s uses %s, but no page describes the letter.", where, CITE_LETTER)
        return markdown
    ready = typeset.formatted.entries[typeset.letter.key]
    return markdown.replace(CITE_LETTER, f"{ready}\n{{ .{READY_CITATION} }}")


@dataclass(frozen=True)
class LetterTags:
    """What the letter's page says of itself in its <head> (overrides/main.html writes them)."""
    share_title: str
    citation_tags: list[tuple[str, str]]  # (name, content) of each <meta>
    json_ld: str


def letter_tags(typeset, page_url: str) -> LetterTags:
    """The letter page's tags; `page_url`: the page's address relative to the site's root."""
    letter = typeset.letter
    # The PDF beside the page: absolute where the site's address is known.
    pdf = urljoin(letter.url, PDF) if letter.url else relative_address(PDF, page_url)
    own = dict.fromkeys(key for note in typeset.notes_of(letter.page_uri) for key in note.keys)
    return LetterTags(letter.title, _highwire_tags(letter, pdf) + _dublin_core_tags(letter, pdf),
                      _json_ld(letter, [typeset.formatted.items[key] for key in own]))


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
    parts = date_parts(item)
    if parts:
        work["datePublished"] = "-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts))
    if item.get("URL"):
        work["url"] = item["URL"]
    return work
