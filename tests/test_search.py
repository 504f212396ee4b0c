"""Full-text search: the letter, its notes and the references page are in the index."""

import json

import pytest


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))


def edition_index(edition):
    return json.loads((edition.site.root / "search" / "search_index.json").read_text(encoding="utf-8"))


def sections_containing(index, phrase) -> list[str]:
    return [doc["location"] for doc in index["docs"] if phrase in doc["text"]]


def test_phrases_lead_to_their_place_once(edition):
    """A phrase is found in the paragraph or note that holds it, and only there: the section
    around it (Material's own entry) leaves the text to the place, so no result is doubled.
    Each anchor exists."""
    index = edition_index(edition)
    for phrase, locations in edition.phrases:
        on_the_letter = [loc for loc in sections_containing(index, phrase) if loc.startswith("#")]
        assert on_the_letter == locations, phrase
        for location in locations:
            assert edition.site.html("index.html").find(id=location.lstrip("#")) is not None


def test_every_paragraph_note_and_entry_is_a_place_of_its_own(edition):
    """Each numbered paragraph of the letter page, each note of every page and each references
    entry has an entry in the index, titled so that it can be told apart from every other."""
    titles = {doc["location"]: doc["title"] for doc in edition_index(edition)["docs"]}
    paragraphs = [anchor for anchor in edition.paragraph_anchors if anchor[1:].isdigit()]
    for anchor in paragraphs:
        assert titles[f"#{anchor}"] == f"Letter, paragraph {anchor[1:]}"
    for uri, notes in edition.notes.items():
        page = "" if uri == "index.md" else uri.removesuffix(".md") + "/"
        for number in notes:
            expected = f"Note {number}" if uri == "index.md" else f"{page.title().rstrip('/')}, note {number}"
            assert titles[f"{page}#fn:{number}"] == expected
    entries = [title for location, title in titles.items() if location.startswith("references/#")]
    assert len(entries) == len(edition.keys()) == len(set(entries)), entries


def test_places_have_readable_titles(index):
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["#p4"] == "Letter, paragraph 4"
    assert titles["#fn:4"] == "Note 4"
    assert titles["references/#insiderpaper2021serbian"] == "References: Insider Paper"


def test_index_holds_no_interface_words(edition):
    """The edition's controls are not text of the letter: no "References entry", no "↩"."""
    text = " ".join(doc["text"] for doc in edition_index(edition)["docs"])
    assert "References entr" not in text and "↩" not in text


def test_references_page_is_searchable(index):
    """The works cited are found at their entries on the references page, as well as in the notes."""
    for phrase in ["ALBANIA DAILY NEWS", "Insider Paper", "Eduart Halili"]:
        found = [loc for loc in sections_containing(index, phrase) if loc.startswith("references/")]
        assert len(found) == 1 and found[0].startswith("references/#"), phrase
    intro = next(doc for doc in index["docs"] if doc["location"] == "references/")
    assert "The works cited in the letter’s notes" in intro["text"]


def test_index_holds_the_original_characters(index):
    """Curly quotes and accented names are indexed as written, and no permalink mark is."""
    text = " ".join(doc["text"] for doc in index["docs"])
    for phrase in ["Kosova’s PM", "“encouraging and Supporting”", "Lajčák", "Nebojša"]:
        assert phrase in text
    assert "¶" not in text
