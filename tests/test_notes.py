"""The notes: at their places, numbered as written, their text from references.bib; on the
letter (its five notes, at the original's places) and on the test edition at scale."""

import re

from conftest import ROOT, mkdocs_build
from editions import built_path
from helpers import note_text, rendered_notes

URL = re.compile(r"https?://[^\s,;]+")


def test_notes_numbered_as_written(edition):
    """Each page's notes in order (the letter's 1–5: notes 1 and 2 cite the same work and stay two)."""
    for uri, notes in edition.notes.items():
        assert list(rendered_notes(edition.site, built_path(uri))) == list(notes), uri


def test_each_note_reads_as_the_original_note(edition):
    """Author, “Title,” outlet, date as the original gives them, then the known web address."""
    for uri, notes in edition.notes.items():
        for number, item in rendered_notes(edition.site, built_path(uri)).items():
            assert note_text(item) == notes[number], f"{uri}, note {number}"


def test_known_web_addresses_are_links(edition):
    """A note's web addresses are links to them; a note without one has no link out."""
    for uri, notes in edition.notes.items():
        for number, item in rendered_notes(edition.site, built_path(uri)).items():
            external = [a["href"] for a in item.find_all("a") if a["href"].startswith("http")]
            assert external == [url.rstrip(".") for url in URL.findall(notes[number])], f"{uri}, note {number}"


def text_before(marker) -> str:
    """The words a reader reads before a marker, other markers left out."""
    words = []
    for sibling in marker.previous_siblings:
        if getattr(sibling, "name", None) == "sup":
            continue
        words.insert(0, sibling if isinstance(sibling, str) else sibling.get_text())
    return " ".join("".join(words).split())


def test_markers_stand_where_the_original_puts_them(edition):
    """Each marker follows the words it follows in the source, and leads to its note."""
    for uri, places in edition.markers.items():
        article = edition.site.article(built_path(uri))
        for number, before in places.items():
            marker = article.find("sup", id=f"fnref:{number}")
            assert marker.get_text() == str(list(edition.notes[uri]).index(number) + 1)
            assert marker.a["href"] == f"#fn:{number}"
            assert text_before(marker).endswith(before), f"{uri}, note {number}"


def test_notes_keep_curly_quotes_and_apostrophes(site):
    """The .bib's “ ” ’ reach the reader, including note 3's nested quotes and its “Kosovo.,”."""
    text = note_text(rendered_notes(site)["3"])
    assert "Kosova’s PM" in text
    assert "of “encouraging and Supporting” Attacks" in text
    assert "State of Kosovo.,” Twitter" in text
    for item in rendered_notes(site).values():
        assert '"' not in note_text(item) and "'" not in note_text(item)


def test_no_note_text_is_typed_in_the_markdown():
    """The letter's Markdown holds only references; the notes' words come from references.bib."""
    markdown = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    definitions = re.findall(r"^\[\^(\d)\]:(.*)$", markdown, re.MULTILINE)
    assert [number for number, _ in definitions] == ["1", "2", "3", "4", "5"]
    assert all(re.fullmatch(r" @[\w-]+", body) for _, body in definitions)
    for phrase in ["Balkan Service", "Insider Paper", "Halili", "EEAS"]:
        assert phrase not in markdown


def test_no_unresolved_reference_is_published(edition):
    """No page shows a raw `@key`, a `[^n]` or a pandoc span."""
    site = edition.site
    for page in site.pages():
        text = site.html(page).get_text()
        assert not re.search(r"@\w|\[\^|\{\.nocase\}", text), page


def test_editing_a_source_changes_its_notes(scratch, tmp_path):
    """A title changed in references.bib is what the notes say after the next build."""
    bib = scratch / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Attacked In Volatile North", "Attacked In The North"),
        encoding="utf-8",
    )
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = (result.site / "index.html").read_text(encoding="utf-8")
    assert html.count("Attacked In The North,”") >= 2
    assert "Volatile" not in html
