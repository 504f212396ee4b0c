"""Citing the letter: metadata for reference managers, a ready citation, and downloads."""

import json

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from conftest import ROOT, Site, mkdocs_build
from helpers import rendered_letter_lines

SIGNATORIES = ["Ritchie Torres", "Jim Himes", "Elissa Slotkin", "Joe Courtney", "Mondaire Jones",
               "Carolyn B. Maloney", "James P. McGovern"]
TITLE = "The United States has always and must continue to stand with our ally Kosova"
SITE_URL = "https://example.org/kosovo-letter/"


def meta(html, name) -> list[str]:
    return [tag["content"] for tag in html.find_all("meta", attrs={"name": name})]


def json_ld(html) -> dict:
    return json.loads(html.find("script", type="application/ld+json").string)


def ris_records(text: str) -> list[dict[str, list[str]]]:
    """RIS records from TY to ER: each line 'XX  - value'."""
    records, record = [], None
    for line in text.splitlines():
        tag, value = line[:2], line[6:]
        assert line[2:6] == "  - ", f"not a RIS line: {line!r}"
        if tag == "TY":
            record = {}
        record.setdefault(tag, []).append(value)
        if tag == "ER":
            records.append(record)
            record = None
    assert record is None, "a record without ER"
    return records


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Site:
    """The site built as published, with its address known."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("hosted"), env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.output
    return Site(result.site)


# --- Metadata -----------------------------------------------------------------------------


def test_highwire_tags_describe_the_letter(site):
    letter = site.html("index.html")
    assert meta(letter, "citation_title") == [TITLE]
    assert meta(letter, "citation_author") == SIGNATORIES
    assert meta(letter, "citation_publication_date") == ["2021/10/04"]


def test_description_agrees_with_the_text(site):
    """The title is the headline, the authors sign in this order, the date is the dateline."""
    lines = rendered_letter_lines(site.article("index.html"))
    assert lines[0] == TITLE and lines[1] == "October 4, 2021"
    signature = lines[-1]
    positions = [signature.index(name) for name in SIGNATORIES]
    assert positions == sorted(positions)


def test_urls_in_metadata_only_when_the_address_is_known(site, hosted):
    assert meta(site.html("index.html"), "citation_public_url") == []
    letter = hosted.html("index.html")
    assert meta(letter, "citation_public_url") == [SITE_URL]
    assert meta(letter, "citation_abstract_html_url") == [SITE_URL]
    assert json_ld(letter)["url"] == SITE_URL


def test_json_ld_is_a_message_with_senders_recipients_and_citations(site):
    data = json_ld(site.html("index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Message"
    assert data["headline"] == TITLE and data["dateSent"] == "2021-10-04"
    assert [s["name"] for s in data["sender"]] == SIGNATORIES
    assert [r["name"] for r in data["recipient"]] == ["Joseph R. Biden, Jr.", "Antony Blinken"]
    works = {w["name"]: w for w in data["citation"]}
    assert len(works) == 4
    assert works["Kosovo Police Say Interior Ministry Offices Attacked In Volatile North"]["url"] == (
        "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html")
    assert sum("url" in w for w in works.values()) == 1
    assert works["Russian Ambassador Presence at North Border Worries Kosovo Presidency"]["author"] == [
        {"name": "Eduart Halili"}]


def test_every_page_can_be_shared(site, hosted):
    """Description, Open Graph and Twitter card on every page; a canonical link once hosted."""
    for page in site.pages():
        html = site.html(page)
        for prop in ["og:title", "og:description", "og:site_name", "og:type"]:
            assert html.find("meta", property=prop)["content"].strip(), f"{page}: {prop}"
        # A card for shared links on every page a link is shared to (test_sharing.py), none on the error page.
        assert meta(html, "twitter:card") == ["summary" if page == "404.html" else "summary_large_image"], page
        assert meta(html, "description")[0].strip(), page
    for page in ["index.html", "references/index.html", "cite/index.html", "about/index.html"]:
        html = hosted.html(page)
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical.startswith(SITE_URL), page
        assert html.find("meta", property="og:url")["content"] == canonical, page
    assert site.html("index.html").find("meta", property="og:title")["content"] == TITLE


# --- Cite this letter ---------------------------------------------------------------------


def test_ready_citation_in_the_notes_style(site, hosted):
    expected = ("Ritchie Torres, Jim Himes, Elissa Slotkin, Joe Courtney, Mondaire Jones, Carolyn B. "
                "Maloney, and James P. McGovern, “The United States has always and must continue to "
                "stand with our ally Kosova,” letter to Joseph R. Biden, Jr., President of the United "
                "States, and Antony Blinken, Secretary of State, October 4, 2021")
    citation = site.article("cite/index.html").select_one(".ready-citation")
    assert " ".join(citation.get_text().split()) == expected
    hosted_citation = hosted.article("cite/index.html").select_one(".ready-citation")
    assert " ".join(hosted_citation.get_text().split()) == f"{expected}, {SITE_URL}"
    assert hosted_citation.find("a")["href"] == SITE_URL


def test_downloads_are_linked_from_the_cite_page(site):
    links = {a["href"] for a in site.article("cite/index.html").find_all("a")}
    assert {"../letter.bib", "../letter.ris", "../letter.json", "../references.bib"} <= links


def test_bibtex_download(site):
    entries = parse_string((site.root / "letter.bib").read_text(encoding="utf-8"), "bibtex").entries
    (entry,) = entries.values()
    assert entry.fields["title"] == "{" + TITLE + "}"
    assert entry.fields["date"] == "2021-10-04" and entry.fields["year"] == "2021"
    assert [" ".join(p.first_names + p.middle_names + p.last_names) for p in entry.persons["author"]] == SIGNATORIES


def test_ris_download(site):
    (record,) = ris_records((site.root / "letter.ris").read_text(encoding="utf-8"))
    assert record["TY"] == ["PCOMM"]
    assert record["TI"] == [TITLE]
    assert record["DA"] == ["2021/10/04/"] and record["PY"] == ["2021"]
    assert record["AU"][0] == "Torres, Ritchie" and record["AU"][-1] == "McGovern, James P."
    assert len(record["AU"]) == 7


def test_csl_json_download(site):
    (item,) = json.loads((site.root / "letter.json").read_text(encoding="utf-8"))
    assert item["type"] == "personal_communication"
    assert item["title"] == TITLE
    assert item["issued"] == {"date-parts": [[2021, 10, 4]]}
    assert [f"{a['given']} {a['family']}" for a in item["author"]] == SIGNATORIES


def test_references_bib_download_is_the_cited_works_as_written(site):
    """Each cited work's entry, character for character as in references.bib."""
    download = (site.root / "references.bib").read_text(encoding="utf-8")
    source = (ROOT / "references.bib").read_text(encoding="utf-8")
    entries = [part.strip() for part in download.split("\n@") if part.strip()]
    assert len(entries) == 4
    for entry in entries:
        assert ("@" + entry.removeprefix("@")) in source
    assert len(parse_string(download, "bibtex").entries) == 4


def test_one_description_feeds_everything(scratch, tmp_path):
    """Changing the letter's description changes the tags, JSON-LD, citation and every download."""
    page = scratch / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("  date: 2021-10-04", "  date: 2021-10-05").replace("    - Jim Himes\n", "")
    page.write_text(text, encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    built = Site(result.site)
    letter = built.html("index.html")
    assert meta(letter, "citation_publication_date") == ["2021/10/05"]
    assert "Jim Himes" not in meta(letter, "citation_author") and len(meta(letter, "citation_author")) == 6
    assert json_ld(letter)["dateSent"] == "2021-10-05"
    assert "October 5, 2021" in built.article("cite/index.html").select_one(".ready-citation").get_text()
    assert "Himes" not in (result.site / "letter.bib").read_text(encoding="utf-8")
    assert "DA  - 2021/10/05/" in (result.site / "letter.ris").read_text(encoding="utf-8")
    assert json.loads((result.site / "letter.json").read_text(encoding="utf-8"))[0]["issued"] == {
        "date-parts": [[2021, 10, 5]]}


# --- About this edition -------------------------------------------------------------------


def test_about_page_names_the_notes_without_a_web_address(site):
    about = site.article("about/index.html")
    links = [(a.get_text(), a["href"]) for a in about.find_all("a") if "#fn:" in a["href"]]
    assert links == [("note 3", "../#fn:3"), ("note 4", "../#fn:4"), ("note 5", "../#fn:5")]
    text = about.get_text()
    for topic in ["plain-text copy", "Kosova", "Anthony Blinken", "17 U.S.C. § 105", "BibTeX"]:
        assert topic in text, topic


# A name as signed, as BibTeX writes it, or given by parts: written, family, given, suffix.
NAMES = [
    ("Ritchie Torres", "Torres", "Ritchie", ""),
    ("Carolyn B. Maloney", "Maloney", "Carolyn B.", ""),
    ("Donald M. Payne, Jr.", "Payne", "Donald M.", "Jr."),
    ("Payne, Jr., Donald M.", "Payne", "Donald M.", "Jr."),
    ("{given: Debbie, family: Wasserman Schultz}", "Wasserman Schultz", "Debbie", ""),
]


def test_signatory_names_are_right_in_every_export(scratch, tmp_path):
    """Each form of name, given as the second to sixth signatories in one build: family and
    given right in letter.json, letter.ris, letter.bib and the citation tags."""
    edit = scratch / "docs" / "index.md"
    text = edit.read_text(encoding="utf-8")
    signed = ["Jim Himes", "Elissa Slotkin", "Joe Courtney", "Mondaire Jones", "Carolyn B. Maloney"]
    for name, (written, *_) in reversed(list(zip(signed, NAMES, strict=True))):  # Maloney's place first
        text = text.replace(f"    - {name}\n", f"    - {written}\n", 1)
    edit.write_text(text, encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    authors = json.loads((result.site / "letter.json").read_text(encoding="utf-8"))[0]["author"]
    ris = (result.site / "letter.ris").read_bytes().decode("utf-8").split("\r\n")
    persons = parse_string((result.site / "letter.bib").read_text(encoding="utf-8"), "bibtex") \
        .entries["torres2021kosova"].persons["author"]
    assert len(authors) == len(persons) == 7
    for place, (written, family, given, suffix) in enumerate(NAMES, start=1):
        expected = {"family": family, "given": given, **({"suffix": suffix} if suffix else {})}
        assert authors[place] == expected, written
        assert [line for line in ris if line.startswith("AU  - ")][place] == \
            f"AU  - {', '.join(filter(None, [family, given, suffix]))}", written
        person = persons[place]
        assert " ".join(person.last_names) == family and " ".join(person.first_names + person.middle_names) == given
        assert " ".join(person.lineage_names) == suffix, written


def test_letter_json_names_the_recipients(site):
    item = json.loads((site.root / "letter.json").read_text(encoding="utf-8"))[0]
    assert item["recipient"] == [{"literal": "Joseph R. Biden, Jr."}, {"literal": "Antony Blinken"}]


def test_an_address_with_underscores_is_given_exactly_everywhere(scratch, tmp_path):
    """A GitHub Pages repository named kosovo_serbia_letter: no backslash anywhere."""
    site_url = "https://example.github.io/kosovo_serbia_letter/"
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": site_url})
    assert result.returncode == 0, result.output
    cite = BeautifulSoup((result.site / "cite" / "index.html").read_text(encoding="utf-8"), "lxml")
    [link] = cite.select(".ready-citation a")
    assert link["href"] == site_url and link.get_text() == site_url
    assert parse_string((result.site / "letter.bib").read_text(encoding="utf-8"), "bibtex") \
        .entries["torres2021kosova"].fields["url"] == site_url
    assert json.loads((result.site / "letter.json").read_text(encoding="utf-8"))[0]["URL"] == site_url
    assert f"UR  - {site_url}\r\n" in (result.site / "letter.ris").read_bytes().decode("utf-8")
    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find("meta", attrs={"name": "citation_public_url"})["content"] == site_url
    assert "\\" not in (result.site / "letter.bib").read_text(encoding="utf-8")


def test_json_ld_of_classic_bibtex_fields_reads_as_the_note(scratch, tmp_path):
    """`journal`, `year`, `month` and LaTeX in a title: the JSON-LD says what the note says."""
    bib = scratch / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{halili2021russian")
    end = text.index("\n}", start) + 2
    bib.write_text(text[:start] + r"""@article{halili2021russian,
  author  = {Halili, Eduart},
  title   = {{Russian Ambassador \emph{Presence}---at North ``Border''}},
  journal = {ALBANIA DAILY NEWS},
  year    = {2021},
  month   = sep,
}""" + text[end:], encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    note = " ".join(letter.find(id="fn:4").get_text().split())
    assert note.startswith("Eduart Halili, “Russian Ambassador Presence—at North “Border”,” ALBANIA DAILY NEWS, "
                           "September 2021")
    works = json.loads(letter.find("script", type="application/ld+json").string)["citation"]
    halili = next(w for w in works if w["author"] == [{"name": "Eduart Halili"}])
    assert halili["name"] == "Russian Ambassador Presence—at North “Border”"
    assert halili["publisher"] == {"name": "ALBANIA DAILY NEWS"} and halili["datePublished"] == "2021-09"


def test_the_test_edition_carries_none_of_the_letters_facts(scale):
    """Its key and keywords come from its own description: the letter's are not in the code."""
    import io

    from pypdf import PdfReader

    root = scale.site.root
    assert "@misc{tester2021," in (root / "letter.bib").read_text(encoding="utf-8")
    assert json.loads((root / "letter.json").read_text(encoding="utf-8"))[0]["id"] == "tester2021"
    keywords = (PdfReader(io.BytesIO((root / "letter.pdf").read_bytes())).metadata or {}).get("/Keywords")
    assert not keywords, keywords
    for name in ["letter.bib", "letter.ris", "letter.json"]:
        text = (root / name).read_text(encoding="utf-8")
        assert "torres" not in text.lower() and "Kosov" not in text, name


def test_the_letters_key_and_keywords_are_its_descriptions(site):
    import io

    from pypdf import PdfReader

    assert "@misc{torres2021kosova," in (site.root / "letter.bib").read_text(encoding="utf-8")
    assert PdfReader(io.BytesIO((site.root / "letter.pdf").read_bytes())).metadata["/Keywords"] == "Kosovo, Serbia"
