"""letter.pdf, the letter as the build prints it: read back with pypdf and checked with qpdf
(through pikepdf) as a reader, a screen reader and a reference manager would meet it."""

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import Site, mkdocs_build
from helpers import EDITION_HEADINGS

POINTS_PER_INCH = 72
PAPERS = {"letter": (8.5 * POINTS_PER_INCH, 11 * POINTS_PER_INCH), "A4": (595.28, 841.89)}


@pytest.fixture(scope="session")
def pdf_path(site) -> Path:
    return site.root / "letter.pdf"


@pytest.fixture(scope="session")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="session")
def a4(site) -> PdfReader:
    """The same page set on A4, as the hook sets it on US Letter."""
    from letter_edition.publishing.letter_pdf import render

    pdf, _ = render(site.root / "index.html", "A4", {})
    return PdfReader(io.BytesIO(pdf))


def is_footer(line: str) -> bool:
    """The running footer every page carries: the edition's name and version, the page number."""
    return " · edition " in line


def page_lines(reader: PdfReader) -> list[list[str]]:
    """Each page's lines as laid out (pypdf's layout mode reads them in the order they
    stand), without the running footer and blank lines; read once for each PDF."""
    if id(reader) not in _LINES:
        _LINES[id(reader)] = (reader, _page_lines(reader))
    return _LINES[id(reader)][1]


_LINES: dict[int, tuple] = {}  # the reader is kept with its lines, so that its id is not reused


def _page_lines(reader: PdfReader) -> list[list[str]]:
    pages = []
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in page.extract_text(extraction_mode="layout").splitlines()]
        pages.append([line for line in lines if line and not is_footer(line)])
    return pages


def words(lines: list[str]) -> list[str]:
    """The words of lines of print: a line that ends in a hyphen goes on without a space (the
    PDF breaks lines at the hyphens of words like Kosovo-Serbia, and never hyphenates), as
    does one that ends in a web address's slash or in a page range's dash (100–101)."""
    text = ""
    for line in lines:
        joined = text.endswith(("-", "/")) or (text.endswith("–") and text[-2:-1].isdigit())
        text += line if joined else " " + line
    return text.split()


def letter_and_notes(reader: PdfReader) -> tuple[list[str], list[str]]:
    lines = [line for page in page_lines(reader) for line in page]
    cut = lines.index("NOTES")
    letter = [line for line in lines[:cut] if line not in {h.upper() for h in EDITION_HEADINGS}]
    return letter, lines[cut + 1:]


@pytest.fixture(scope="session")
def edition_pdfs(edition) -> dict[str, PdfReader]:
    """Each edition's letter.pdf, and its letter page set on A4 as the build sets it on US Letter."""
    from letter_edition.publishing.letter_pdf import render

    pdf, _ = render(edition.site.root / "index.html", "A4", {})
    return {"letter": PdfReader(edition.site.root / "letter.pdf"), "A4": PdfReader(io.BytesIO(pdf))}


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_the_pdf_holds_the_letter_word_for_word(edition, edition_pdfs, paper):
    """Extracted with pypdf, the text before the notes is the letter: every word and mark of
    the original, nothing more (no number, mark or control of the web page)."""
    letter, _ = letter_and_notes(edition_pdfs[paper])
    assert words(letter) == " ".join(edition.lines).split()


def test_the_pdf_holds_every_note_with_its_address_as_a_link(edition, edition_pdfs):
    """The notes, in order, each with its text and, where the note gives a web address, that
    address, which is also a link."""
    reader = edition_pdfs["letter"]
    _, printed = letter_and_notes(reader)
    text = " ".join(words(printed))
    notes = edition.notes["index.md"]
    positions = [text.index(f"{number}. {note}") for number, note in notes.items()]
    assert positions == sorted(positions)
    addresses = [a["href"] for a in edition.site.html("index.html").select(".footnote li a[href^='http']")]
    assert addresses, "the notes give web addresses"
    links = {annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
             if "/URI" in annotation.get_object().get("/A", {})}
    for address in addresses:
        assert address in text and address in links, address


def test_note_markers_link_to_their_notes(edition, edition_pdfs):
    reader = edition_pdfs["letter"]
    internal = [annotation.get_object()["/Dest"] for page in reader.pages for annotation in page.get("/Annots", [])
                if "/Dest" in annotation.get_object()]
    assert internal == [f"fn:{number}" for number in edition.notes["index.md"]]


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_at_most_four_pages_on_either_paper(reader, a4, paper):
    pdf = reader if paper == "letter" else a4
    assert 1 <= len(pdf.pages) <= 4


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_every_page_is_on_its_paper(edition_pdfs, paper):
    for page in edition_pdfs[paper].pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(PAPERS[paper], abs=1), paper


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_no_note_is_split_across_pages(edition, edition_pdfs, paper):
    """Each note stands whole on one page, in the notes at the end."""
    pages = [" ".join(words(lines)) for lines in page_lines(edition_pdfs[paper])]
    for number, note in edition.notes["index.md"].items():
        assert sum(f"{number}. {note}" in page for page in pages) == 1, number


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_the_closing_and_signatures_stay_with_the_last_paragraph(edition, edition_pdfs, paper):
    """No page of signatures alone: the thanks, the signature block and the end of the letter's
    last paragraph share a page."""
    pages = [" ".join(words(lines)) for lines in page_lines(edition_pdfs[paper])]
    last, thanks, signature = edition.lines[-3:]
    [page] = [page for page in pages if thanks in page]
    assert " ".join(last.split()[-4:]) in page and signature in page


def test_the_pdf_has_no_screen_chrome(edition, edition_pdfs):
    """No header, navigation, search, footer links or edition controls: only the letter, its
    section labels and notes, and the running footer."""
    text = " ".join(line for page in page_lines(edition_pdfs["letter"]) for line in page)
    # The letter's readings kept as written carry a mark, "ed." (the test edition's notes name
    # editors: "ed. Liri Hoxha").
    marks = ["ed."] if edition.name == "letter" else []
    for chrome in ["Skip to content", "Search", "Cite this letter", "References entr", "Copy link", "PDF,",
                   "Previous", "Next", "Made with", *marks]:
        assert chrome not in text, chrome


def test_fonts_are_embedded(reader):
    fonts = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
            fonts[str(font["/BaseFont"])] = descriptor["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), name


def test_metadata_comes_from_the_letters_description(reader, site):
    """Title, the seven signatories, subject (to whom), language and date: the same as the
    letter page's citation tags, read from the same description."""
    head = site.html("index.html").head
    tags = [(meta["name"], meta["content"]) for meta in head.find_all("meta", attrs={"name": True})]
    authors = [content for name, content in tags if name == "citation_author"]
    assert len(authors) == 7
    info = reader.metadata
    assert info.title == dict(tags)["citation_title"]
    assert info.author == ", ".join(authors)
    assert info.subject == dict(tags)["DC.description"]
    assert info.subject.startswith("Letter to Joseph R. Biden, Jr., President of the United States, and Antony Blinken")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert info.creation_date.date().isoformat() == dict(tags)["DC.date"] == "2021-10-04"


def test_bookmarks_for_the_parts(edition, edition_pdfs):
    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    found = list(titles(edition_pdfs["letter"].outline))
    assert [title for title in found if title in EDITION_HEADINGS] == EDITION_HEADINGS


def test_named_destinations_for_every_paragraph_and_note(edition, edition_pdfs):
    """letter.pdf#p3 opens at paragraph 3, letter.pdf#fn:3 at note 3: each destination is on
    the page that holds the start of its paragraph or note."""
    reader = edition_pdfs["letter"]
    destinations = reader.named_destinations
    pages = [" ".join(words(lines)) for lines in page_lines(reader)]
    article = edition.site.article("index.html")
    starts = {anchor: " ".join(article.find(id=anchor).get_text().split()[:4])
              for anchor in edition.paragraph_anchors if anchor[1:].isdigit()}
    starts |= {f"fn:{number}": f"{number}. " + " ".join(note.split()[:3])
               for number, note in edition.notes["index.md"].items()}
    for anchor, start in starts.items():
        assert anchor in destinations, anchor
        page = reader.get_destination_page_number(destinations[anchor])
        assert start in pages[page], anchor


def test_tagged_for_screen_readers(pdf_path):
    """Tagged (PDF/UA-1 as WeasyPrint writes it): a structure tree with the headline, the four
    part headings, paragraphs and the list of notes; the title shown, not the file name;
    every link described. qpdf finds no fault in the file."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        assert pdf.check_pdf_syntax() == []
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) and bool(root.ViewerPreferences.DisplayDocTitle)
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        kinds = []

        def walk(element):
            if "/S" in element:
                kinds.append(str(element.S))
            children = element.get("/K")
            for child in children if isinstance(children, pikepdf.Array) else [children]:
                if isinstance(child, pikepdf.Dictionary):
                    walk(child)

        walk(root.StructTreeRoot)
        assert kinds.count("/H1") == 1 and kinds.count("/H2") == 4 and kinds.count("/LI") == 5
        assert kinds.count("/P") >= 10 and "/L" in kinds
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                assert str(annotation.get("/Contents", "")).strip(), "a link without a description"


def pdf_link(site, page: str):
    [link] = site.html(page).select("a.pdf-edition")
    return link


@pytest.mark.parametrize("page, href", [("index.html", "letter.pdf"), ("cite/index.html", "../letter.pdf"),
                                        ("about/index.html", "../letter.pdf")])
def test_pages_link_the_pdf_with_its_pages_and_size(site, reader, pdf_path, page, href):
    """"PDF, 3 pages, 25 KiB": the figures read from the file itself."""
    link = pdf_link(site, page)
    assert link["href"] == href and link["type"] == "application/pdf"
    size = round(pdf_path.stat().st_size / 1024)
    assert " ".join(link.get_text().split()) == f"PDF, {len(reader.pages)} pages, {size} KiB"


def test_the_letter_page_head_names_the_pdf(site):
    head = site.html("index.html").head
    assert head.find("meta", attrs={"name": "citation_pdf_url"})["content"] == "letter.pdf"
    assert head.find("meta", attrs={"name": "DC.relation"})["content"] == "letter.pdf"


def test_pdf_address_is_absolute_where_the_site_address_is_known(scratch, tmp_path):
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": "https://example.org/kosovo_letter/"})
    assert result.returncode == 0, result.output
    from bs4 import BeautifulSoup

    head = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml").head
    assert head.find("meta", attrs={"name": "citation_pdf_url"})["content"] == "https://example.org/kosovo_letter/letter.pdf"
    assert (result.site / "letter.pdf").read_bytes().startswith(b"%PDF-")


def test_the_page_says_it_is_a_letter(site):
    """Dublin Core beside Google Scholar's tags: a letter, by the seven signatories, on its date,
    to its addressees, so that a reference manager files it as a letter."""
    head = site.html("index.html").head
    tags = [(meta["name"], meta["content"]) for meta in head.find_all("meta", attrs={"name": True})]
    dc = dict(tags)
    assert dc["DC.type"] == "letter"
    assert dc["DC.title"] == dc["citation_title"]
    assert [c for n, c in tags if n == "DC.creator"] == [c for n, c in tags if n == "citation_author"]
    assert dc["DC.date"] == "2021-10-04" and dc["DC.language"] == "en"
    assert "Antony Blinken, Secretary of State" in dc["DC.description"]
    about = site.article("about/index.html").get_text()
    for name, _ in tags:
        if name.startswith(("DC.", "citation_")) and name not in ("citation_language", "citation_publication_date",
                                                                  "citation_public_url", "citation_abstract_html_url"):
            assert name in about, f"the About page does not name {name}"


def test_csl_json_names_the_recipients(site):
    [letter] = json.loads((site.root / "letter.json").read_text(encoding="utf-8"))
    assert [r["literal"] for r in letter["recipient"]] == ["Joseph R. Biden, Jr.", "Antony Blinken"]
    # CSL's type for a letter; its genre says which kind.
    assert letter["type"] == "personal_communication" and letter["genre"].startswith("letter")


# --- Cost -------------------------------------------------------------------------------------


def pdf_entries(project: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (project / ".cache" / "letter").glob("pdf-*.pdf")}


def test_a_repeat_build_reuses_the_pdf_and_an_edit_makes_a_new_one(scratch, tmp_path):
    """The PDF is kept in .cache/letter/ by a hash of what it is made from: an unchanged
    build reads it back (no new entry, the entry untouched); a .bib edit or a print-style edit
    makes a new one."""
    first = mkdocs_build(scratch, tmp_path / "one")
    assert first.returncode == 0, first.output
    kept = pdf_entries(scratch)
    assert len(kept) == 1
    again = mkdocs_build(scratch, tmp_path / "two")
    assert again.returncode == 0, again.output
    assert pdf_entries(scratch) == kept
    assert (tmp_path / "one" / "letter.pdf").read_bytes() == (tmp_path / "two" / "letter.pdf").read_bytes()
    for count in (scratch / ".cache" / "letter").glob("pdf-pages-*"):  # a cache half lost
        count.unlink()
    recount = mkdocs_build(scratch, tmp_path / "recount")
    assert recount.returncode == 0, recount.output
    pages = len(PdfReader(tmp_path / "recount" / "letter.pdf").pages)
    assert f"PDF, {pages} pages," in " ".join(pdf_link(Site(tmp_path / "recount"), "index.html").get_text().split())
    bib = scratch / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("ALBANIA DAILY NEWS", "Albania Daily News"), encoding="utf-8")
    edited = mkdocs_build(scratch, tmp_path / "three")
    assert edited.returncode == 0, edited.output
    assert len(pdf_entries(scratch)) == 2
    _, printed = letter_and_notes(PdfReader(tmp_path / "three" / "letter.pdf"))
    assert "Albania Daily News" in " ".join(words(printed))
    css = scratch / "docs" / "stylesheets" / "letter.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n@media print { .md-typeset p { word-spacing: 0.1em } }\n",
                   encoding="utf-8")
    restyled = mkdocs_build(scratch, tmp_path / "four")
    assert restyled.returncode == 0, restyled.output
    assert len(pdf_entries(scratch)) == 3  # the print style is one of its inputs
    assert (tmp_path / "four" / "letter.pdf").read_bytes() != (tmp_path / "three" / "letter.pdf").read_bytes()


def test_awkward_web_addresses_are_links_exactly_as_written(tmp_path):
    """Addresses with `_ % & ~ # + ?`, an encoded space and a non-ASCII letter (the editor
    inputs' table) are kept in the PDF's links character for character; the non-ASCII
    letter as a PDF link must be written, in UTF-8 percent-encoding."""
    from html import escape
    from urllib.parse import quote

    from letter_edition.publishing.letter_pdf import render
    from helpers import URL_ENTRIES

    addresses = sorted(set(URL_ENTRIES.values()))
    assert any("_" in a and "%" in a and "&" in a and "~" in a and "#" in a for a in addresses)
    assert any(not a.isascii() for a in addresses)
    items = "".join(f'<li><a href="{escape(a)}">{escape(a)}</a></li>' for a in addresses)
    page = tmp_path / "notes.html"
    page.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head>'
                    f"<body><ol>{items}</ol></body></html>", encoding="utf-8")
    pdf, _ = render(page, "letter", {})
    links = {str(annotation.get_object()["/A"]["/URI"]) for page_ in PdfReader(io.BytesIO(pdf)).pages
             for annotation in page_.get("/Annots", [])}
    assert links == {quote(a, safe="".join(chr(c) for c in range(33, 127))) for a in addresses}
