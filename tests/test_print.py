"""Printing the letter, or saving it as PDF, gives the letter and its notes, not the website."""

import io

import pytest
from pypdf import PdfReader

from letter_source import letter_lines, notes
from test_notes import KNOWN_ADDRESSES

SCREEN_CHROME = ["Skip to content", "Table of contents", "Search", "Switch to", "Next", "Made with",
                 "References entry", "↩", "¶"]


def squeezed(text: str) -> str:
    """Text without white space, so a PDF's line breaks do not count as differences."""
    return "".join(text.split())


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, browser, base_url):
    page = browser.new_page(base_url=base_url)
    page.goto("./")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format=request.param, print_background=False)))
    page.close()
    return pdf


def test_print_has_every_part_of_the_letter(printed):
    text = squeezed("".join(p.extract_text() for p in printed.pages))
    for line in letter_lines():
        assert squeezed(line) in text, line


def test_print_has_every_note_with_its_web_address(printed):
    text = squeezed("".join(p.extract_text() for p in printed.pages))
    for number, note in notes().items():
        expected = note + (", " + KNOWN_ADDRESSES[number] if number in KNOWN_ADDRESSES else "")
        assert squeezed(expected) in text, f"note {number}"


def test_print_has_no_screen_chrome(printed):
    text = "".join(p.extract_text() for p in printed.pages)
    for chrome in SCREEN_CHROME:
        assert chrome not in text, chrome
    assert "Letter on the Kosovo–Serbia border crisis" not in text, "the site's header was printed"


def test_print_keeps_each_note_on_one_page(printed):
    """No note is split from its number: each note's text stands whole on one page."""
    pages = [squeezed(p.extract_text()) for p in printed.pages]
    for number, note in notes().items():
        assert any(squeezed(note) in page for page in pages), f"note {number} is split across pages"


def test_print_fits_on_four_pages(printed):
    assert len(printed.pages) <= 4
