"""Printing the letter, or saving it as PDF, gives the letter and its notes, not the website."""

import io
import tomllib

import pytest
from pypdf import PdfReader

SCREEN_CHROME = ["Skip to content", "Table of contents", "Search", "Switch to", "Next", "Made with",
                 "References entry", "↩", "¶"]


def squeezed(text: str) -> str:
    """Text without white space, so a PDF's line breaks do not count as differences."""
    return "".join(text.split())


def site_name(edition) -> str:
    from mkdocs.config import load_config

    return load_config(str(edition.project / "mkdocs.yml")).site_name


def footer(edition, number: int, pages: int) -> list[str]:
    version = tomllib.loads((edition.project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    return [squeezed(f"{site_name(edition)} · edition {version}"), f"{number}/{pages}"]


def body(printed) -> str:
    """The printed text of all pages, each page's footer left out."""
    pdf, edition = printed
    text = []
    for number, page in enumerate(pdf.texts("layout"), start=1):
        page_text = squeezed(page)
        for part in footer(edition, number, len(pdf.pages)):  # the footer's, not a "2/3" in an address
            before, _, after = page_text.rpartition(part)
            page_text = before + after
        text.append(page_text)
    return "".join(text)


class Printed(PdfReader):
    """A printed PDF whose pages' text is extracted once in each mode."""

    def texts(self, mode: str = "plain") -> list[str]:
        extracted = self.__dict__.setdefault("_texts", {})
        if mode not in extracted:
            extracted[mode] = [page.extract_text(extraction_mode=mode) for page in self.pages]
        return extracted[mode]


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, browser, edition, edition_url):
    """The letter page as the browser prints it, on either paper, with its edition."""
    page = browser.new_page(base_url=edition_url)
    page.goto("./")
    page.emulate_media(media="print")
    pdf = Printed(io.BytesIO(page.pdf(format=request.param, print_background=False)))
    page.close()
    return pdf, edition


def test_print_has_every_part_of_the_letter(printed):
    text = body(printed)
    for line in printed[1].lines:
        assert squeezed(line) in text, line


def test_print_has_every_note_with_its_web_address(printed):
    text = body(printed)
    for number, note in printed[1].notes["index.md"].items():
        assert squeezed(note) in text, f"note {number}"


def test_print_has_no_screen_chrome(printed):
    pdf, edition = printed
    text = "".join(pdf.texts())
    for chrome in SCREEN_CHROME:
        assert chrome not in text, chrome
    assert squeezed(text).count(squeezed(site_name(edition))) == len(pdf.pages), \
        "the site's header was printed (its name belongs once in each page's footer)"


def test_print_keeps_each_note_on_one_page(printed):
    """No note is split from its number: each note's text stands whole on one page."""
    pdf, edition = printed
    pages = [squeezed(text) for text in pdf.texts()]
    for number, note in edition.notes["index.md"].items():
        assert any(squeezed(note) in page for page in pages), f"note {number} is split across pages"


def test_the_letter_prints_on_four_pages_at_most(printed):
    pdf, edition = printed
    if edition.name == "letter":
        assert len(pdf.pages) <= 4


def test_every_printed_page_says_which_edition_it_is(printed):
    """The footer names the edition (the site's name where its address is not known) and version."""
    pdf, edition = printed
    for number, page in enumerate(pdf.texts(), start=1):
        text = squeezed(page)
        for part in footer(edition, number, len(pdf.pages)):
            assert part in text, f"page {number}: {part}"


def test_closing_and_signatures_print_with_the_last_paragraph(printed):
    """Printed from the browser too, the thanks and the signature block share a page with the
    end of the letter's last paragraph: no page of signatures alone."""
    pdf, edition = printed
    pages = [squeezed(text) for text in pdf.texts("layout")]
    thanks, last, signature = edition.lines[-2], edition.lines[-3], edition.lines[-1]
    [page] = [page for page in pages if squeezed(thanks) in page]
    assert squeezed(" ".join(last.split()[-4:])) in page and squeezed(" ".join(signature.split()[-3:])) in page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_headline_and_section_labels_print_in_full_black(browser, base_url, scheme):
    """In either palette, the headline, the part labels, the letter and its notes print black."""
    page = browser.new_page(base_url=base_url, color_scheme=scheme)
    page.goto("./")
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll('article h1, article h2, article p')]
                                   .map(e => getComputedStyle(e).color)""")
    page.close()
    assert set(colours) == {"rgb(0, 0, 0)"}
