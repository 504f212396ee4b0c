"""The references page: each work once, anchored by its key, linked both ways with its notes."""

from pybtex.database import parse_file

from conftest import ROOT
from test_notes import note_text, rendered_notes


def bib_keys() -> set[str]:
    return set(parse_file(ROOT / "references.bib").entries)


def works(site):
    return site.article("references/index.html").select("p.work")


def test_each_work_is_listed_once_under_its_key(site):
    """Four entries, one per work in references.bib, each with its BibTeX key as anchor."""
    ids = [work["id"] for work in works(site)]
    assert len(ids) == 4
    assert sorted(ids) == sorted(bib_keys())


def test_entries_are_in_bibliography_order(site):
    """Sorted by author, or by title where a work has none."""
    firsts = [work.get_text().lstrip("“") for work in works(site)]
    assert firsts == sorted(firsts, key=str.casefold)


def test_entries_read_as_the_notes_do(site):
    """An entry's text is the text of the notes that cite it."""
    notes = rendered_notes(site)
    for work in works(site):
        citing = [n for n, item in notes.items() if item.select_one("a.note-entry")["href"].endswith("#" + work["id"])]
        assert citing
        for number in citing:
            assert " ".join(work.get_text().split()) == note_text(notes[number])


def test_entries_link_back_to_every_note_that_cites_them(site):
    """'Cited in note 1 and note 2': one link per note, to the note on the letter."""
    cited_in = {}
    for work in works(site):
        links = work.find_next_sibling("p", class_="cited-in").find_all("a")
        cited_in[work["id"]] = [(a.get_text(), a["href"]) for a in links]
    assert cited_in == {
        "rferl2021kosovo": [("note 1", "../#fn:1"), ("note 2", "../#fn:2")],
        "insiderpaper2021serbian": [("note 3", "../#fn:3")],
        "halili2021russian": [("note 4", "../#fn:4")],
        "eeas2021dialogue": [("note 5", "../#fn:5")],
    }
    letter = site.html("index.html")
    for links in cited_in.values():
        for _, href in links:
            assert letter.find(id=href.split("#")[1]) is not None, href


def test_each_note_links_to_its_entry(site):
    """A note's 'References entry' link leads to its work's anchor on the references page."""
    references = site.html("references/index.html")
    expected = {"1": "rferl2021kosovo", "2": "rferl2021kosovo", "3": "insiderpaper2021serbian",
                "4": "halili2021russian", "5": "eeas2021dialogue"}
    for number, item in rendered_notes(site).items():
        href = item.select_one("a.note-entry")["href"]
        assert href == f"references/#{expected[number]}"
        assert references.find(id=expected[number]) is not None


def test_references_page_is_generated():
    """The page's Markdown holds no entry: the list is made from references.bib at build time."""
    markdown = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
    assert "\\works_cited" in markdown
    assert not any(key in markdown for key in bib_keys())
