"""Notes as editors write them (tests/editor_inputs.py): every citation form and entry type, any
web address, awkward keys and fields, read in a site built once with all of them."""

import json
import re

import pytest

from conftest import Site, copy_project, mkdocs_build
from editor_inputs import ENTRIES, NOTES, PAGE, SECOND_PAGE
from helpers import URL_ENTRIES


def add_editor_inputs(project):
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + "\n\n".join(ENTRIES.values()) + "\n", encoding="utf-8")
    (project / "docs" / "forms.md").write_text(PAGE, encoding="utf-8")
    (project / "docs" / "second.md").write_text(SECOND_PAGE, encoding="utf-8")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  - About this edition: about.md\n",
        "  - About this edition: about.md\n  - Forms: forms.md\n  - Second: second.md\n"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    project = add_editor_inputs(copy_project(tmp_path_factory.mktemp("editor")))
    result = mkdocs_build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return Site(result.site)


def text_of(element) -> str:
    """Text as a reader sees it: runs of spaces and line breaks are one space, a no-break
    space stays what it is."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).strip()


def notes_of(site, page="forms/index.html") -> dict:
    return {li["id"].removeprefix("fn:"): li for li in site.article(page).select("div.footnote > ol > li")}


def note_body(item) -> str:
    """A note's text without the edition's links (to its entries, and back to its marker)."""
    item = item.__copy__()
    for link in item.select("a.note-entry, a.footnote-backref"):
        link.decompose()
    return re.sub(r"\s*References entries:[\s,]*$", "", text_of(item))


@pytest.mark.parametrize("label, body, expected", NOTES, ids=[f"[^{n[0]}]: {n[1]}" for n in NOTES])
def test_note_reads_in_the_letters_form(editor_site, label, body, expected):
    assert note_body(notes_of(editor_site)[label]) == expected


@pytest.mark.parametrize("key", sorted(URL_ENTRIES))
def test_web_address_is_published_exactly(editor_site, key):
    """The link's href and its visible text are the `url` field, character for character."""
    label = next(label for label, body, _ in NOTES if body == f"@{key}")
    links = [a for a in notes_of(editor_site)[label].find_all("a") if not a.get("class")]
    assert [(a["href"], a.get_text()) for a in links] == [(URL_ENTRIES[key], URL_ENTRIES[key])]


def test_an_archived_copy_is_linked_with_robust_links_attributes(editor_site):
    """The live link names its archived copy and the day it was taken, and the copy names the live page."""
    live, copy = [a for a in notes_of(editor_site)["29"].find_all("a") if not a.get("class")]
    assert live["href"] == "https://www.rferl.org/a/kosovo_attacked/31477999.html"
    assert live["data-versionurl"] == copy["href"] and live["data-versiondate"] == "2021-10-05"
    assert copy["data-originalurl"] == live["href"] and copy["data-versiondate"] == "2021-10-05"
    entry = editor_site.html("references/index.html").find(id="archived")
    assert "archived October 5, 2021, https://web.archive.org/web/" in text_of(entry)


def test_no_archive_is_invented(editor_site):
    """Without archiveurl in the .bib, no note says "archived"."""
    for label, body, _ in NOTES:
        if "@archived" not in body:
            assert "archived" not in note_body(notes_of(editor_site)[label]), label


def test_each_work_in_a_note_links_to_its_entry(editor_site):
    """One link per work, to its entry on the references page, which exists."""
    references = editor_site.html("references/index.html")
    for label, body, _ in NOTES:
        keys = [m[1] for m in re.finditer(r"@([\w.:-]+[\w])", body)]
        links = [a["href"] for a in notes_of(editor_site)[label].select("a.note-entry")]
        assert links == [f"../references/#{key}" for key in keys], label
        for key in keys:
            assert references.find(id=key) is not None, key


def test_references_page_lists_each_cited_work_once_with_every_note(editor_site):
    """Every note that cites a work links back to it, by the number the reader sees, naming
    the page where notes of several pages cite it, in the navigation's order."""
    references = editor_site.html("references/index.html")
    works = references.select("p.work")
    cited = {key for _, body, _ in NOTES for key in re.findall(r"@([\w.:-]+[\w])", body)}
    assert sorted(w["id"] for w in works) == sorted(cited | {"rferl2021kosovo", "insiderpaper2021serbian",
                                                              "halili2021russian", "eeas2021dialogue"})
    insider = references.find(id="insiderpaper2021serbian").find_next_sibling("p", class_="cited-in")
    assert text_of(insider) == "Cited in note 3 (Letter), note 26 (Forms) and note 1 (Second)."
    assert [a["href"] for a in insider.find_all("a")] == ["../#fn:3", "../forms/#fn:26", "../second/#fn:3"]
    post = references.find(id="post").find_next_sibling("p", class_="cited-in")
    assert text_of(post) == "Cited in note 21 (Forms) and note 28 (Forms)."
    assert [a["href"] for a in post.find_all("a")] == ["../forms/#fn:21", "../forms/#fn:insider"]


def test_a_crossref_parent_is_used_but_not_listed(editor_site):
    """The parent of a cited entry counts as cited (no warning) and gives the child its book."""
    assert editor_site.html("references/index.html").find(id="crossref_parent") is None
    assert "in The Collection" in note_body(notes_of(editor_site)["13"])


def test_references_are_ordered_by_family_name_not_given_name(editor_site):
    """Drita Berisha before Arta Krasniqi before Noel Malcolm: family names, not given names."""
    order = [w["id"] for w in editor_site.html("references/index.html").select("p.work")]
    assert order.index("month_macro") < order.index("single_braces") < order.index("book")
    assert order.index("author_title") < order.index("crossref_child") < order.index("halili2021russian")


def test_literal_at_and_code_are_never_citations(editor_site):
    text = editor_site.article("forms/index.html").get_text()
    assert "Write to press@example.org or @theinsiderpaper;" in text
    assert "code stays code: [^4]: @halili2021russian." in text
    assert editor_site.article("forms/index.html").find("pre").get_text() == \
        "[^4]: @halili2021russian and [@eeas2021dialogue]\n"


def test_json_ld_citations_read_as_the_notes_do(editor_site):
    """The letter's JSON-LD names each cited work as its note does: LaTeX read, quotes kept."""
    # The letter's own JSON-LD lists the works the letter's notes cite.
    script = editor_site.html("index.html").find("script", type="application/ld+json")
    works = {w["name"]: w for w in json.loads(script.string)["citation"]}
    assert "Kosovo Police Say Interior Ministry Offices Attacked In Volatile North" in works
    insider = next(w for name, w in works.items() if name.startswith("JUST IN"))
    assert "Kosova’s PM Albin Kurti Accused Serbia of “encouraging and Supporting” Attacks" in insider["name"]
    assert insider["publisher"] == {"name": "Twitter"} and insider["datePublished"] == "2021-09-25"


def test_keys_that_start_other_keys_resolve_whole_in_every_build(tmp_path):
    """`rferl2021` beside `rferl2021kosovo`: the same page whatever the hash seed."""
    pages = []
    for seed in ["1", "2", "3"]:
        (tmp_path / seed).mkdir()
        project = add_editor_inputs(copy_project(tmp_path / seed))
        # A hash seed is fixed when Python starts: each build is a Python of its own.
        result = mkdocs_build(project, tmp_path / f"site{seed}", env={"PYTHONHASHSEED": seed}, in_process=False)
        assert result.returncode == 0, result.output
        pages.append((result.site / "forms" / "index.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1] == pages[2]
    assert "A Shorter Key" in pages[0] and "kosovo</a>" not in pages[0]


@pytest.mark.parametrize("width", [375, 1440])
def test_every_notes_entry_links_follow_its_text_without_an_indent(editor_site, browser, width):
    """Long addresses, two works in a note ("References entries: …"), a locator, notes on a
    second page: each note's first references link follows its text, or starts the next line
    flush with it."""
    from conftest import served
    from helpers import ENTRY_LINK_PLACES, assert_entry_links_follow_their_text

    with served(editor_site.root) as url:
        page = browser.new_page(base_url=url, viewport={"width": width, "height": 740})
        for path in ["forms/", "second/"]:
            page.goto(path)
            places = page.evaluate(ENTRY_LINK_PLACES)
            assert len(places) >= (10 if path == "forms/" else 1), path
            assert_entry_links_follow_their_text(places)
        page.close()


@pytest.mark.parametrize("path", ["forms/", "references/"])
def test_long_web_addresses_wrap_on_a_phone(editor_site, browser, path):
    """At 375 px a long address breaks across lines: no sideways scroll."""
    from conftest import served

    with served(editor_site.root) as url:
        page = browser.new_page(base_url=url, viewport={"width": 375, "height": 740})
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('article a[href^=http]')]"
                               ".map(a => a.getBoundingClientRect().right))")
        assert widest <= 375
        page.close()
