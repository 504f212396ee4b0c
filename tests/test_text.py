"""The letter's text as published: every word, capital and mark of the original."""

import hashlib

from letter_source import GOLDEN, letter_lines
from helpers import EDITION_HEADINGS, element_lines, rendered_letter_lines

def test_letter_matches_the_original_line_for_line(edition):
    """Headline, date, each address line, salutation, paragraphs and signature equal the source."""
    assert rendered_letter_lines(edition.site.article("index.html")) == edition.lines


def test_wrapped_lines_are_not_paragraph_breaks(site):
    """The PDF's mid-sentence wraps are joined: 'Alexander Botsan-Kharchenko' is one paragraph."""
    paragraphs = [p.get_text() for p in site.article("index.html").find_all("p", recursive=False)]
    for phrase in ["Alexander Botsan-Kharchenko", "Kosovars and Serbians until", "dialogue between Kosovo"]:
        assert sum(phrase in p for p in paragraphs) == 1, phrase


def test_original_spelling_is_kept(site):
    """Nothing is corrected silently: the original's own spellings and marks are there."""
    text = site.article("index.html").get_text()
    for original in [
        "our ally Kosova",
        "The Honorable Anthony Blinken",
        "covered up with a stick for",
        "an interim-agreement was brokered",
        "Miroslav Lajčák",
        "Nebojša Stefanović",
        "Serbia’s armed forces",
        "“sticker regime,”",
        "territory – a move",
    ]:
        assert original in text, original
    assert "'" not in text and '"' not in text, "straight quotes in the letter"


def test_addresses_are_address_blocks(site):
    """Each address is one block with a line break per line, not a paragraph per line."""
    article = site.article("index.html")
    for anchor, first, lines in [("to-president", "The Honorable Joseph R. Biden, Jr.", 5),
                                 ("to-secretary", "The Honorable Anthony Blinken", 5)]:
        block = article.find(id=anchor)
        assert "address" in block["class"]
        assert element_lines(block)[0] == first
        assert len(block.find_all("br")) == lines - 1


def test_edition_headings_are_the_only_additions(site):
    """The headline is the page title; the section headings are the edition's own."""
    article = site.article("index.html")
    assert [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h1")] == [letter_lines()[0]]
    assert [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")] == EDITION_HEADINGS


# The SHA-256 of the source text as it reached the project (../shared/source/letter.txt,
# beside the checkout only on the editors' machines). The golden file must stay that text.
SOURCE_SHA256 = "6ec3d3eb4fb58e96d7c1fb67dfcbf1672e3226e9bc47534d47806e3b2b809724"


def test_golden_file_is_the_source():
    """tests/golden/letter.txt is byte for byte the source text: an edit to it would let a
    changed letter pass the tests above."""
    assert hashlib.sha256(GOLDEN.read_bytes()).hexdigest() == SOURCE_SHA256
