"""The five notes: at the original's places, numbered as there, their text from references.bib."""

import re

from conftest import ROOT, mkdocs_build
from letter_source import notes

# The web addresses ../shared/source/sources.md gives; the other notes have none known.
KNOWN_ADDRESSES = {
    "1": "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html",
    "2": "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html",
}


def note_text(item) -> str:
    """A note as read: its text and web address, without the edition's links."""
    item = item.__copy__()
    for link in item.select("a.note-entry, a.footnote-backref"):
        link.decompose()
    return " ".join(item.get_text().split())


def rendered_notes(site) -> dict[str, object]:
    items = site.article("index.html").select("div.footnote > ol > li")
    return {item["id"].removeprefix("fn:"): item for item in items}


def test_five_notes_numbered_as_in_the_original(site):
    """Notes 1–5, in order; notes 1 and 2 cite the same work and stay two notes."""
    assert list(rendered_notes(site)) == ["1", "2", "3", "4", "5"]


def test_each_note_reads_as_the_original_note(site):
    """Author, “Title,” outlet, date as the original gives them, then the known web address."""
    for number, item in rendered_notes(site).items():
        expected = notes()[number]
        if number in KNOWN_ADDRESSES:
            expected += ", " + KNOWN_ADDRESSES[number]
        assert note_text(item) == expected, f"note {number}"


def test_known_web_addresses_are_links(site):
    """A note's web address is a link to it; a note without a known address has no link out."""
    for number, item in rendered_notes(site).items():
        external = [a["href"] for a in item.find_all("a") if a["href"].startswith("http")]
        assert external == ([KNOWN_ADDRESSES[number]] if number in KNOWN_ADDRESSES else []), number


def test_markers_stand_where_the_original_puts_them(site):
    """Each marker follows the sentence the original's digit was glued to, and leads to its note."""
    places = {
        "1": "in reprisal of the policy.",
        "2": "which thankfully did not explode.",
        "3": "to threaten Kosovo’s new policy.",
        "4": "legitimizing and supporting Serbia’s tactics.",
        "5": "until a more permanent solution is found.",
    }
    article = site.article("index.html")
    for number, before in places.items():
        marker = article.find("sup", id=f"fnref:{number}")
        assert marker.get_text() == number
        assert marker.a["href"] == f"#fn:{number}"
        assert marker.previous_sibling.endswith(before), number


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


def test_no_unresolved_reference_is_published(site):
    """No page shows a raw `@key`, a `[^n]` or a pandoc span."""
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
