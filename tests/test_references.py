"""The references page: each work once, anchored by its key, linked both ways with its notes."""

import codecs
import re
import unicodedata

import latexcodec  # noqa: F401  (the "ulatex" codec)

from pybtex.database import parse_file

from conftest import ROOT
from editions import built_path
from helpers import note_text, rendered_notes


def bib_keys() -> set[str]:
    return set(parse_file(ROOT / "references.bib").entries)


def works(site):
    return site.article("references/index.html").select("p.work")


def test_each_work_is_listed_once_under_its_key(edition):
    """One entry per work in references.bib (the letter's four, the test edition's twenty),
    each with its BibTeX key as anchor."""
    ids = [work["id"] for work in works(edition.site)]
    assert len(ids) == len(set(ids)) == len(edition.keys())
    assert set(ids) == edition.keys()


def test_entries_are_in_bibliography_order(edition):
    """Sorted by the first author's family name, or by title where a work has none."""
    entries = parse_file(edition.project / "references.bib").entries

    def sort_name(key):
        persons = entries[key].persons.get("author") or entries[key].persons.get("editor") or []
        name = " ".join(persons[0].last_names) if persons else entries[key].fields["title"]
        letters = unicodedata.normalize("NFKD", codecs.decode(name, "ulatex").replace("Đ", "D").replace("đ", "d"))
        return "".join(c for c in letters if c.isalnum() or c == " ").casefold()

    names = [sort_name(work["id"]) for work in works(edition.site)]
    assert names == sorted(names)


def test_entries_read_as_the_notes_do(edition):
    """An entry's text is the text of each note that cites its work alone, with no locator."""
    entries = {work["id"]: " ".join(work.get_text().split()) for work in works(edition.site)}
    compared = 0
    for uri, bodies in edition.bodies().items():
        notes = rendered_notes(edition.site, built_path(uri))
        for label, body in bodies.items():
            if re.fullmatch(r"@[\w.:-]+", body):
                assert entries[body[1:]] == note_text(notes[label]), f"{uri}, note {label}"
                compared += 1
    assert compared >= 4


def expected_cited_in(edition) -> dict[str, list[tuple[str, str]]]:
    """Each work -> its notes as the references page must link them: "note 3" (with the page's
    name where notes of several pages cite works), to the note on its page."""
    titles = {"index.md": "Letter", "commentary.md": "Commentary", "context.md": "Context"}
    several = len(edition.notes) > 1
    found: dict[str, list[tuple[str, str]]] = {}
    for uri, notes in edition.cites().items():
        href = "../" + ("" if uri == "index.md" else uri.removesuffix(".md") + "/")
        for number, keys in notes.items():
            for key in keys:
                name = f"note {number}" + (f" ({titles[uri]})" if several else "")
                found.setdefault(key, []).append((name, f"{href}#fn:{number}"))
    return found


def test_entries_link_back_to_every_note_that_cites_them(edition):
    """'Cited in note 1 and note 2': one link per note, to the note on its page."""
    site = edition.site
    cited_in = {}
    for work in works(site):
        links = work.find_next_sibling("p", class_="cited-in").find_all("a")
        cited_in[work["id"]] = [(a.get_text(), a["href"]) for a in links]
    assert cited_in == expected_cited_in(edition)
    if edition.name == "letter":
        assert cited_in["rferl2021kosovo"] == [("note 1", "../#fn:1"), ("note 2", "../#fn:2")]
    for links in cited_in.values():
        for _, href in links:
            page = built_path("index.md" if href.startswith("../#") else href.split("/")[1] + ".md")
            assert site.html(page).find(id=href.split("#")[1]) is not None, href


def test_each_note_links_to_its_entry(edition):
    """A note's link to each work it cites leads to that work's anchor on the references page;
    where a note cites several works, each link names its work, and no two alike."""
    site = edition.site
    references = site.html("references/index.html")
    for uri, notes in edition.cites().items():
        prefix = "references/" if uri == "index.md" else "../references/"
        for number, item in rendered_notes(site, built_path(uri)).items():
            links = item.select("a.note-entry")
            assert [a["href"] for a in links] == [f"{prefix}#{key}" for key in notes[number]], f"{uri}, note {number}"
            names = [a.get_text() for a in links]
            assert len(set(names)) == len(names), f"{uri}, note {number}: {names}"
            for key in notes[number]:
                assert references.find(id=key) is not None


def test_references_page_is_generated():
    """The page's Markdown holds no entry: the list is made from references.bib at build time."""
    markdown = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
    assert "\\works_cited" in markdown
    assert not any(key in markdown for key in bib_keys())
