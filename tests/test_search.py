"""Full-text search: the letter, its notes and the references page are in the index."""

import json

import pytest


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))


def sections_containing(index, phrase) -> list[str]:
    return [doc["location"] for doc in index["docs"] if phrase in doc["text"]]


@pytest.mark.parametrize(
    "phrase, location",
    [
        ("Halili", "#notes"),  # only in a note
        ("sticker regime", "#letter"),
        ("Botsan-Kharchenko", "#letter"),
        ("Elissa Slotkin", "#signatories"),
        ("1600 Pennsylvania Avenue NW", "#addressees"),
    ],
)
def test_letter_phrases_lead_to_their_section(index, site, phrase, location):
    """A phrase is found in exactly the section of the letter that holds it, and that anchor exists."""
    on_the_letter = [loc for loc in sections_containing(index, phrase) if loc.startswith("#")]
    assert on_the_letter == [location]
    assert site.html("index.html").find(id=location.lstrip("#")) is not None


def test_references_page_is_searchable(index):
    """The works cited are found on the references page as well as in the notes."""
    for phrase in ["ALBANIA DAILY NEWS", "Insider Paper", "Eduart Halili"]:
        assert "references/" in sections_containing(index, phrase), phrase


def test_index_holds_the_original_characters(index):
    """Curly quotes and accented names are indexed as written, and no permalink mark is."""
    text = " ".join(doc["text"] for doc in index["docs"])
    for phrase in ["Kosova’s PM", "“encouraging and Supporting”", "Lajčák", "Nebojša"]:
        assert phrase in text
    assert "¶" not in text
