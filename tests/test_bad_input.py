"""Faulty input stops the build with one clear message, never a traceback, and publishes nothing."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import mkdocs_build
from helpers import edit, errors, failed_build, line_of


# --- references.bib -----------------------------------------------------------------------


def test_unclosed_brace(scratch, tmp_path):
    """Names the file, the line, the entry, and what to look for."""
    edit(scratch / "references.bib", "{{Insider Paper}},", "{{Insider Paper},")
    result = failed_build(scratch, tmp_path)
    assert not (result.site / "index.html").exists(), "nothing is published"
    assert errors(result) == [
        "ERROR: references.bib, line 22: syntax error in entry 'insiderpaper2021serbian' (from line 15): "
        "'}' expected. Look there for an unclosed brace or a missing comma between fields."
    ]


def test_missing_comma(scratch, tmp_path):
    edit(scratch / "references.bib", "journaltitle = {ALBANIA DAILY NEWS},", "journaltitle = {ALBANIA DAILY NEWS}")
    result = failed_build(scratch, tmp_path)
    assert "references.bib, line 26: syntax error in entry 'halili2021russian' (from line 22)" in result.output
    assert "missing comma" in result.output


def test_repeated_key(scratch, tmp_path):
    edit(scratch / "references.bib", "@article{halili2021russian,", "@article{rferl2021kosovo,")
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [
        "ERROR: references.bib, line 22: the key 'rferl2021kosovo' is used twice (lines 7 and 22). "
        "Give each work one entry with its own key."
    ]


def test_unknown_key(scratch, tmp_path):
    """A note citing a key references.bib lacks: the page and line, the key, and the likely one."""
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian", "[^4]: @halili2021russain")
    result = failed_build(scratch, tmp_path)
    assert not (result.site / "index.html").exists(), "no page with a raw @key is published"
    line = line_of(scratch / "docs" / "index.md", "[^4]: @halili2021russain")
    assert f"docs/index.md, line {line}: 'halili2021russain' (did you mean 'halili2021russian'?)" in result.output
    assert "Correct the key, or add an entry for the work to references.bib." in result.output


def test_uncited_entry(scratch, tmp_path):
    """A work no note cites is a warning, which the strict build turns into a failure."""
    edit(scratch / "references.bib", "@online{eeas2021dialogue,",
         "@misc{unused2021,\n  title = {{Unused}},\n}\n\n@online{eeas2021dialogue,")
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [
        "WARNING: references.bib, line 29: entry 'unused2021' is not cited by any note, so the references "
        "page would list it for nothing. Cite it in a note ([^n]: @unused2021) or remove it (or, for a "
        "library, set uncited: allow under the letter plugin in mkdocs.yml)."
    ]


def test_missing_bibliography(scratch, tmp_path):
    (scratch / "references.bib").unlink()
    result = failed_build(scratch, tmp_path)
    assert "references.bib' isn't an existing file" in result.output


def test_bibliography_not_utf8(scratch, tmp_path):
    path = scratch / "references.bib"
    path.write_bytes(path.read_bytes().replace("RFE/RL’s".encode(), "RFE/RL’s".encode("cp1252")))
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [
        "ERROR: references.bib, line 8: not UTF-8 (byte 0x92). Save the file with UTF-8 encoding."
    ]


def test_entry_without_title(scratch, tmp_path):
    edit(scratch / "references.bib",
         "  title        = {{Russian Ambassador Presence at North Border Worries Kosovo Presidency}},\n", "")
    result = failed_build(scratch, tmp_path)
    assert "references.bib, line 22: entry 'halili2021russian' has no title." in result.output


@pytest.mark.parametrize("date", ["2021-09-31", "26 September 2021", "2021/09/26"])
def test_unreadable_date(scratch, tmp_path, date):
    edit(scratch / "references.bib", "date         = {2021-09-26},", f"date         = {{{date}}},")
    result = failed_build(scratch, tmp_path)
    assert (f"references.bib, line 22: entry 'halili2021russian' has date = {{{date}}}, which is not a date "
            "the note style can read. Write it as YYYY-MM-DD, YYYY-MM or YYYY") in result.output


# --- The CSL style ------------------------------------------------------------------------


def test_missing_style(scratch, tmp_path):
    (scratch / "styles" / "letter-notes.csl").unlink()
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [
        "ERROR: styles/letter-notes.csl: file not found. "
        "Restore the note style (git checkout -- styles/letter-notes.csl)."
    ]


def test_malformed_style(scratch, tmp_path):
    """The message names the line of the broken tag."""
    style = scratch / "styles" / "letter-notes.csl"
    line = style.read_text(encoding="utf-8").split("</macro>")[0].count("\n") + 1
    edit(style, "</macro>", "</macr>")
    result = failed_build(scratch, tmp_path)
    assert f"styles/letter-notes.csl, line {line}: not well-formed XML (mismatched tag" in result.output


def test_style_that_is_not_csl(scratch, tmp_path):
    (scratch / "styles" / "letter-notes.csl").write_text("<html><body>not a style</body></html>\n", encoding="utf-8")
    result = failed_build(scratch, tmp_path)
    assert "styles/letter-notes.csl: not a CSL style with a <bibliography><layout>" in result.output


def test_style_that_pandoc_warns_about(scratch, tmp_path):
    """A style pandoc can read but not use (an undefined macro) fails the strict build."""
    edit(scratch / "styles" / "letter-notes.csl", '<text macro="outlet"/>', '<text macro="no-such-macro"/>')
    result = failed_build(scratch, tmp_path)
    assert "WARNING: pandoc, formatting the notes with the CSL style: Citeproc: undefined macro no-such-macro" in (
        errors(result))
    assert "[WARNING]" not in result.output, "pandoc's own lines are not printed as well"


# --- Links --------------------------------------------------------------------------------


def test_dead_link(scratch, tmp_path):
    edit(scratch / "docs" / "references.md", "\\works_cited", "[Gone](gone.md)\n\n\\works_cited")
    result = failed_build(scratch, tmp_path)
    assert "contains a link 'gone.md'" in result.output


def test_dead_anchor(scratch, tmp_path):
    edit(scratch / "docs" / "references.md", "\\works_cited", "[See](index.md#p99)\n\n\\works_cited")
    result = failed_build(scratch, tmp_path)
    assert "does not contain an anchor '#p99'" in result.output


# --- The PDF -----------------------------------------------------------------------------


def test_the_pdf_library_or_pango_missing_is_one_clear_line(monkeypatch, tmp_path):
    """Without WeasyPrint, or without the Pango it loads, the message says what to install."""
    import sys

    from letter_edition.publishing import letter_pdf
    from letter_edition.errors import EditionError as PluginError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` fails, as when missing
    with pytest.raises(PluginError, match=r"^letter\.pdf could not be made .*pip install .*apt-get install libpango"):
        letter_pdf.render(tmp_path / "index.html", "letter", {})
    monkeypatch.setattr(letter_pdf, "package_init", lambda name: None)
    with pytest.raises(PluginError, match=r"^letter\.pdf is made with WeasyPrint, which is not installed"):
        letter_pdf.weasyprint_init()


def test_a_card_that_cannot_be_made_is_one_clear_line(scratch, tmp_path, monkeypatch):
    """WeasyPrint fails to set a card for shared links: one line naming the card's page, no site."""
    import shutil

    import weasyprint

    def fails(*args, **kwargs):
        raise ValueError("cannot set this card")

    monkeypatch.setattr(weasyprint.Document, "write_pdf", fails)
    shutil.rmtree(scratch / ".cache")
    result = failed_build(scratch, tmp_path)
    assert "The card for shared links of docs/index.md could not be made: ValueError: cannot set this card" \
        in result.output
    assert "This is a fault of the build" not in result.output
    assert not (result.site / "index.html").exists()


def test_a_pdf_that_cannot_be_made_fails_the_build_and_is_not_published(scratch, tmp_path, monkeypatch):
    """WeasyPrint fails to set the page (a missing system font, a bug): the build fails with one
    line naming the PDF, and writes no letter.pdf."""
    import shutil

    import weasyprint

    def fails(*args, **kwargs):
        raise ValueError("cannot set this page")

    monkeypatch.setattr(weasyprint.Document, "write_pdf", fails)
    for kept in (scratch / ".cache" / "letter").glob("pdf*"):  # no PDF kept from before (the cards are)
        kept.unlink()
    result = failed_build(scratch, tmp_path)
    assert "letter.pdf could not be made from index.html" in result.output
    assert "Nothing was published" in result.output
    assert "holds what this site never publishes" not in result.output, "the PDF is not the editor's content"
    assert not (result.site / "letter.pdf").exists() and not (result.site / "index.html").exists()


def test_a_short_name_too_long_for_a_phone(scratch, tmp_path):
    edit(scratch / "mkdocs.yml", "short_name: Kosovo–Serbia letter", "short_name: The Kosovo–Serbia border letter of 2021")
    result = failed_build(scratch, tmp_path)
    assert "short_name “The Kosovo–Serbia border letter of 2021” has 39 characters" in result.output


@pytest.mark.parametrize("name", ["Kosovo “letter” \\ 2021", "a/*b*/c; } x"])
def test_a_short_name_with_css_characters_shows_as_written(scratch, tmp_path, name):
    """Quotes, a backslash, a comment or a brace in the short name stay text: the rule holds."""
    from letter_edition.publishing.own_assets import minify_css
    from letter_edition.publishing.added_css import phone_css as _phone_css
    import tinycss2

    rule = minify_css(_phone_css(name))
    [media] = tinycss2.parse_stylesheet(rule, skip_whitespace=True)
    [_, before] = tinycss2.parse_rule_list(media.content, skip_whitespace=True)
    [content] = [d for d in tinycss2.parse_blocks_contents(before.content, skip_whitespace=True)
                 if d.type == "declaration" and d.name == "content"]
    assert [t.value for t in content.value if t.type == "string"] == [name, ""]


# --- Field content ------------------------------------------------------------------------

MARKUP_TITLE = r"<script>alert(1)</script> <b>bold</b> *star* _under_ [brackets] @at back{\textbackslash}slash"
MARKUP_TEXT = r"<script>alert(1)</script> <b>bold</b> *star* _under_ [brackets] @at back\slash"


@pytest.fixture
def odd_site(scratch, tmp_path):
    """A build whose note 4 has markup-like characters and LaTeX accents in its fields."""
    bib = scratch / "references.bib"
    edit(bib, "Russian Ambassador Presence at North Border Worries Kosovo Presidency", MARKUP_TITLE)
    edit(bib, "author       = {Halili, Eduart},", r"author       = {Laj{\v{c}}{\'a}k, Miroslav},")
    edit(bib, "Kosovo Police Say Interior Ministry", "Nebojša Stefanović Says Interior Ministry")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    return result.site


def read(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml")


def test_field_content_is_text_in_notes_and_references(odd_site):
    """`<script>`, `<b>`, `*`, `_`, `[ ]`, `@` and a backslash show as written, and do nothing."""
    note = read(odd_site, "index.html").find(id="fn:4")
    entry = read(odd_site, "references/index.html").find(id="halili2021russian")
    for element in (note, entry):
        assert MARKUP_TEXT in element.get_text()
        assert element.find(["script", "b", "em", "strong"]) is None
        assert [a.get("class") for a in element.find_all("a")] in ([["note-entry"], ["footnote-backref"]], [])


def test_field_content_is_text_in_search_and_exports(odd_site):
    index = json.loads((odd_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The index holds HTML-escaped text, which the search box shows as written: in the entries
    # for each note and references entry, and in Material's own (the section "Notes" leaves
    # its notes to their entries).
    assert "<script>" not in " ".join(doc["text"] for doc in index["docs"])
    places = [doc for doc in index["docs"] if "fn:" in doc["location"] or "references/#" in doc["location"]]
    with_markup = [doc for doc in places if "alert(1)" in doc["text"]]
    assert with_markup, "a note or entry holding the field is indexed"
    for doc in with_markup:
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; *star* _under_" in doc["text"]
        assert "<script>" not in doc["text"] + doc["title"]
    ld = json.loads(read(odd_site, "index.html").find("script", type="application/ld+json").string)
    assert MARKUP_TEXT in [work["name"] for work in ld["citation"]]


def test_characters_survive(odd_site):
    """LaTeX accents become the Unicode letters; Unicode in the .bib stays as it is."""
    note = read(odd_site, "index.html").find(id="fn:4").get_text().strip()
    assert note.startswith("Miroslav Lajčák, “")
    assert "Nebojša Stefanović Says" in read(odd_site, "index.html").find(id="fn:1").get_text()
    index = json.loads((odd_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Miroslav Lajčák" in text and "Nebojša Stefanović" in text
    ld = json.loads(read(odd_site, "index.html").find("script", type="application/ld+json").string)
    assert {"name": "Miroslav Lajčák"} in [a for work in ld["citation"] for a in work.get("author", [])]


def test_entry_with_the_letters_own_key(scratch, tmp_path):
    """The letter is cited as 'torres2021kosova'; a work in references.bib may not take that key."""
    edit(scratch / "references.bib", "@article{halili2021russian,", "@article{torres2021kosova,")
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian", "[^4]: @torres2021kosova")
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [
        "ERROR: references.bib, line 22: the key 'torres2021kosova' is the one this site gives the letter "
        "itself. Give that entry another key."
    ]


@pytest.mark.parametrize("old, new, message", [
    ("  date: 2021-10-04\n", "", "'date' is missing or not a date"),
    ("      role: Secretary of State\n", "", "each recipient needs a name and a role"),
])
def test_incomplete_description_of_the_letter(scratch, tmp_path, old, new, message):
    """The letter's front matter feeds its citation; a gap in it is named, not a traceback."""
    edit(scratch / "docs" / "index.md", old, new)
    result = failed_build(scratch, tmp_path)
    assert f"docs/index.md, front matter 'letter': {message}" in result.output


# --- Citations as editors might mistype them ----------------------------------------------


def test_citation_in_the_text_is_stopped_naming_file_and_line(scratch, tmp_path):
    """pandoc's in-text form `[@key]` is not how this edition cites: one message, file and line."""
    edit(scratch / "docs" / "index.md", "supporting Serbia’s tactics.[^4]", "supporting Serbia’s tactics [@halili2021russian].")
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian\n", "")
    result = failed_build(scratch, tmp_path)
    [message] = errors(result)
    assert message.startswith("ERROR: Citations outside a note:")
    line = line_of(scratch / "docs" / "index.md", "supporting Serbia’s tactics [@halili2021russian]")
    assert f"docs/index.md, line {line}: '@halili2021russian'" in result.output
    assert "[^6]: @key" in result.output and "\\@" in result.output


def test_a_handle_in_prose_says_how_to_write_a_literal_at(scratch, tmp_path):
    edit(scratch / "docs" / "about.md", "## How the notes are made", "Insider Paper posts as @theinsiderpaper.\n\n## How the notes are made")
    result = failed_build(scratch, tmp_path)
    assert "docs/about.md, line" in result.output and "'@theinsiderpaper'" in result.output
    assert "write \\@" in result.output


def test_a_key_in_the_wrong_case_is_named_with_the_right_one(scratch, tmp_path):
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian", "[^4]: @Halili2021Russian")
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "docs" / "index.md", "[^4]: @Halili2021Russian")
    assert f"docs/index.md, line {line}: 'Halili2021Russian' (did you mean 'halili2021russian'?)" in result.output


def test_a_note_label_defined_twice(scratch, tmp_path):
    first = line_of(scratch / "docs" / "index.md", "[^4]: @halili2021russian")
    edit(scratch / "docs" / "index.md", "[^5]: @eeas2021dialogue", "[^4]: @eeas2021dialogue")
    result = failed_build(scratch, tmp_path)
    assert errors(result) == [f"ERROR: docs/index.md, line {first + 1}: the note [^4] is defined twice (lines "
                              f"{first} and {first + 1}). Give each note its own label."]


def test_front_matter_that_is_not_yaml(scratch, tmp_path):
    """An unclosed quote in the letter's description: the file, the line, and what is wrong."""
    edit(scratch / "docs" / "index.md", "  genre: letter", '  genre: "letter')
    result = failed_build(scratch, tmp_path)
    [message] = errors(result)
    assert message.startswith("ERROR: docs/index.md, line ")
    assert "the front matter is not valid YAML" in message


def test_a_page_not_in_utf8(scratch, tmp_path):
    about = scratch / "docs" / "about.md"
    about.write_bytes(about.read_text(encoding="utf-8").replace("’", "'").replace("“", '"').replace("”", '"')
                      .replace("–", "-").replace("§", "S").encode("utf-8").replace(b"letter", "lettér".encode("cp1252"), 1))
    result = failed_build(scratch, tmp_path)
    [message] = errors(result)
    assert re.match(r"ERROR: docs/about\.md, line \d+: not UTF-8 \(byte 0xE9\)\. Save the file with UTF-8 encoding\.", message)


def test_a_pages_headline_and_description_with_markup_characters(scratch, tmp_path):
    """`" < > &` in a headline and a description are escaped in every <meta> of the head."""
    headline = 'The "United" States <always> & Kosova'
    edit(scratch / "docs" / "index.md", "# The United States has always and must continue to stand with our ally Kosova",
         f"# {headline}")
    edit(scratch / "docs" / "about.md", "  About this edition of the letter", '  About "this" <edition> & the letter')
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    about = BeautifulSoup((result.site / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find("meta", attrs={"name": "citation_title"})["content"] == headline
    assert letter.find("meta", property="og:title")["content"] == headline
    assert about.find("meta", attrs={"name": "description"})["content"].startswith('About "this" <edition> & the letter')
    assert about.find("meta", property="og:description")["content"].startswith('About "this" <edition> & the letter')
    for meta in letter.find_all("meta") + about.find_all("meta"):
        assert set(meta.attrs) <= {"name", "property", "content", "charset", "http-equiv"}, meta
