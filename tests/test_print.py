"""Printing the letter, or saving it as PDF, gives the letter and its notes, not the website."""

import io
import tomllib

import pytest
from pypdf import PdfReader

from conftest import ROOT
from letter_source import letter_lines, notes
from test_notes import KNOWN_ADDRESSES

SCREEN_CHROME = ["Skip to content", "Table of contents", "Search", "Switch to", "Next", "Made with",
                 "References entry", "↩", "¶"]


VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SITE_NAME = "Letter on the Kosovo–Serbia border crisis, October 4, 2021"


def squeezed(text: str) -> str:
    """Text without white space, so a PDF's line breaks do not count as differences."""
    return "".join(text.split())


def footer(number: int, pages: int) -> list[str]:
    return [squeezed(f"{SITE_NAME} · edition {VERSION}"), f"{number}/{pages}"]


def body(printed) -> str:
    """The printed text of all pages, each page's footer left out."""
    text = []
    for number, page in enumerate(printed.pages, start=1):
        page_text = squeezed(page.extract_text(extraction_mode="layout"))
        for part in footer(number, len(printed.pages)):
            page_text = page_text.replace(part, "", 1)
        text.append(page_text)
    return "".join(text)


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, browser, base_url):
    page = browser.new_page(base_url=base_url)
    page.goto("./")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format=request.param, print_background=False)))
    page.close()
    return pdf


def test_print_has_every_part_of_the_letter(printed):
    text = body(printed)
    for line in letter_lines():
        assert squeezed(line) in text, line


def test_print_has_every_note_with_its_web_address(printed):
    text = body(printed)
    for number, note in notes().items():
        expected = note + (", " + KNOWN_ADDRESSES[number] if number in KNOWN_ADDRESSES else "")
        assert squeezed(expected) in text, f"note {number}"


def test_print_has_no_screen_chrome(printed):
    text = "".join(p.extract_text() for p in printed.pages)
    for chrome in SCREEN_CHROME:
        assert chrome not in text, chrome
    assert squeezed(text).count(squeezed(SITE_NAME)) == len(printed.pages), \
        "the site's header was printed (its name belongs once in each page's footer)"


def test_print_keeps_each_note_on_one_page(printed):
    """No note is split from its number: each note's text stands whole on one page."""
    pages = [squeezed(p.extract_text()) for p in printed.pages]
    for number, note in notes().items():
        assert any(squeezed(note) in page for page in pages), f"note {number} is split across pages"


def test_print_fits_on_four_pages(printed):
    assert len(printed.pages) <= 4


def test_every_printed_page_says_which_edition_it_is(printed):
    """The footer names the edition (the site's name where its address is not known) and version."""
    for number, page in enumerate(printed.pages, start=1):
        text = squeezed(page.extract_text())
        for part in footer(number, len(printed.pages)):
            assert part in text, f"page {number}: {part}"


def test_closing_and_signatures_print_with_the_last_paragraph(printed):
    """Printed from the browser too, the thanks and the signature block share a page with the
    end of the letter's last paragraph: no page of signatures alone."""
    pages = [squeezed(p.extract_text(extraction_mode="layout")) for p in printed.pages]
    [page] = [page for page in pages if squeezed("Thank you for your time") in page]
    assert squeezed("to find a peaceful and final resolution.") in page
    assert squeezed("(Albanian Issues Caucus Members)") in page


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
