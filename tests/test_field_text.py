"""Nothing dropped: every field prints as the editor wrote it, or the build stops and says what."""

import pytest
from bs4 import BeautifulSoup

from letter_edition.notes import field_text
from conftest import mkdocs_build
from helpers import edit, failed_build, line_of
FIELDS = [
    (r"{\DJ}or{\dj}e Mihajlovi{\'c}", "Đorđe Mihajlović"),
    (r"{\L}{\'o}d{\'z} and {\l}", "Łódź and ł"),
    (r"{\o}resund and {\O}", "øresund and Ø"),
    (r"Stra{\ss}e", "Straße"),
    (r"{\ae}on and {\AE}", "æon and Æ"),
    (r"{\AA}ngstr{\"o}m and {\aa}", "Ångström and å"),
    (r"na{\"\i}ve", "naïve"),
    (r"{\i}ki and {\j}", "ıki and ȷ"),
    (r"\v{c}a\v{s}a", "čaša"),
    (r"caf\'{e}", "café"),
    (r"M\"uller", "Müller"),
    (r"Espa\~na", "España"),
    (r"gar\c{c}on", "garçon"),
    (r"Gda\'nsk \k{a}", "Gdańsk ą"),
    (r"Erd\H{o}s", "Erdős"),
    (r"Erdo\u{g}an", "Erdoğan"),
    (r"T\={o}ky\={o}", "Tōkyō"),
    (r"\.{Z}ycie", "Życie"),
    (r"{\`a} la {\^e}tre", "à la être"),
    (r"\v{S}ef{\v{c}}ovi{\v{c}}", "Šefčovič"),
    (r"Kosovo---Serbia", "Kosovo—Serbia"),
    (r"1999--2021", "1999–2021"),
    (r"Q\&A", "Q&A"),
    (r"50\% Done", "50% Done"),
    (r"\$5 Fee", "$5 Fee"),
    (r"\#1 Issue", "#1 Issue"),
    (r"snake\_case", "snake_case"),
    (r"U.S.~Policy", "U.S.\u00a0Policy"),
    (r"Up 50% in the North", "Up 50% in the North"),
    (r"{% raw %} Title", "% raw % Title"),
    (r"Plain $100 Fee", "Plain $100 Fee"),
    (r"``Double'' and `Single'", "“Double” and ‘Single'"),  # a quote mark typed as such stays as typed
    ("“Curly” and ‘Single’ and «Guillemets» and „Low“", "“Curly” and ‘Single’ and «Guillemets» and „Low“"),
    ("Straight \"Double\" and 'Single'", "Straight \"Double\" and 'Single'"),
    (r"{Nested {Braces {Deep}}}", "Nested Braces Deep"),
    (r"\emph{Sticker} Regime", "Sticker Regime"),
    (r"back{\textbackslash}slash", "back\\slash"),
    ("Москва и Приштина", "Москва и Приштина"),
    ("Ελληνικά Νέα", "Ελληνικά Νέα"),
]
# Names written in LaTeX, as the note prints them (given name first).
NAMES = [(r"{\DJ}uri{\'c}, Ivana", "Ivana Đurić"), (r"Laj{\v{c}}{\'a}k, Miroslav", "Miroslav Lajčák"),
         (r"{\v{S}}ef{\v{c}}ovi{\v{c}}, Maro{\v{s}}", "Maroš Šefčovič"), (r"M{\"u}ller-Stra{\ss}e, J{\"o}rg", "Jörg Müller-Straße")]


@pytest.mark.parametrize("latex, text", FIELDS, ids=[f[0][:30] for f in FIELDS])
def test_a_field_decoded_as_latex(latex, text):
    assert field_text.plain(latex) == field_text.normal(text)


@pytest.fixture(scope="module")
def fields_site(tmp_path_factory):
    """The letter, with a page citing one work for each field value and each name."""
    from conftest import copy_project

    project = tmp_path_factory.mktemp("fields") / "project"
    project.mkdir()
    copy_project(project)
    entries = [f"@online{{field{n},\n  title = {{{{{latex}}}}},\n  organization = {{Example}},\n}}\n"
               for n, (latex, _) in enumerate(FIELDS)]
    entries += [f"@online{{name{n},\n  author = {{{latex}}},\n  title = {{{{Name {n}}}}},\n  date = {{2021-09-2{n}}},\n}}\n"
                for n, (latex, _) in enumerate(NAMES)]
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + "\n".join(entries), encoding="utf-8")
    keys = [f"field{n}" for n in range(len(FIELDS))] + [f"name{n}" for n in range(len(NAMES))]
    page = ["# Fields", "", "Cited here." + "".join(f"[^{key}]" for key in keys), ""]
    page += [f"[^{key}]: @{key}" for key in keys]
    (project / "docs" / "fields.md").write_text("\n".join(page) + "\n", encoding="utf-8")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - About this edition: about.md",
                                                           "  - About this edition: about.md\n  - Fields: fields.md"),
                   encoding="utf-8")
    result = mkdocs_build(project, tmp_path_factory.mktemp("fields-site"))
    assert result.returncode == 0, result.output
    return result.site


def note_text(site, key: str) -> str:
    html = BeautifulSoup((site / "fields" / "index.html").read_text(encoding="utf-8"), "lxml")
    note = html.find(id=f"fn:{key}")
    for link in note.select("a.footnote-backref, .note-entries, a.note-entry"):
        link.decompose()
    return " ".join(note.get_text().split())


@pytest.mark.parametrize("number", range(len(FIELDS)), ids=[f[0][:30] for f in FIELDS])
def test_every_field_value_prints_as_written(fields_site, number):
    expected = FIELDS[number][1].replace("\u00a0", " ")
    assert note_text(fields_site, f"field{number}").replace("\u00a0", " ") == f"“{expected},” Example"


@pytest.mark.parametrize("number", range(len(NAMES)), ids=[n[1] for n in NAMES])
def test_every_name_prints_as_written(fields_site, number):
    assert note_text(fields_site, f"name{number}") == f"{NAMES[number][1]}, “Name {number},” September 2{number}, 2021"


def test_the_references_page_and_json_ld_print_them_too(fields_site):

    references = BeautifulSoup((fields_site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    text = " ".join(references.get_text().split()).replace("\u00a0", " ")
    for _, expected in FIELDS + NAMES:
        assert expected.replace("\u00a0", " ") in text, expected


# --- The check catches what nobody listed --------------------------------------------------


def item(**variables):
    return {"id": "k", "type": "webpage", **variables}


def where(field):
    return f"references.bib, line 9 ({field})"


def test_a_field_pandoc_reads_otherwise_is_named():
    with pytest.raises(field_text.DroppedText, match=r"references\.bib, line 9 \(title\): entry 'k', field 'title': "
                                                     r"the notes would not print “Đorđe” as written \(pandoc read “ore”\)"):
        field_text.check_read("k", {"title": r"{{\DJ}or{\dj}e}"}, {}, item(title="ore"), where)


def test_a_field_the_style_prints_but_the_note_lacks_is_named():
    published = field_text.PrintedText("Note 4 (docs/index.md, line 95)", "“Russian Ambassador,” ALBANIA DAILY NEWS")
    variables = {"title", "container-title", "issued", "author", "URL"}
    with pytest.raises(field_text.DroppedText, match=r"Note 4 \(docs/index\.md, line 95\) leaves out “Halili” "
                                                     r"\(entry 'k', field 'author'"):
        field_text.check_printed("k", item(title="Russian Ambassador", **{"container-title": "ALBANIA DAILY NEWS"},
                                           author=[{"family": "Halili", "given": "Eduart"}]),
                                 {"title", "author"}, variables, published, where)


def test_a_word_of_a_note_its_text_lacks_is_named():
    published = field_text.PrintedText("Note 4 (docs/index.md, line 95)", "Eduart Halili, “Title,” ALBANIA DAILY NEWS")
    with pytest.raises(field_text.DroppedText, match="leaves out “script” of what is written"):
        field_text.check_note_words("@halili2021russian <script>alert(1)</script>", ["halili2021russian"], published)
    field_text.check_note_words("See @halili2021russian, p. 4.", ["halili2021russian"],
                                field_text.PrintedText("Note 4", "See Eduart Halili, “Title,” 2021, 4."))


def test_a_style_that_recases_titles_stops_the_build(scratch, tmp_path):
    """Chicago's own styles re-case titles; the letter's titles keep their capitals, or the
    build names the note and what it would lose."""
    style = scratch / "styles" / "letter-notes.csl"
    edit(style, '<text variable="title" prefix="“" suffix=",”"/>',
         '<text variable="title" prefix="“" suffix=",”" text-case="lowercase"/>')
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "references.bib", "  title        = {{Kosovo Police")
    assert (f"The references entry of 'rferl2021kosovo' leaves out “Kosovo Police Say Interior Ministry Offices "
            f"Attacked In Volatile North” (entry 'rferl2021kosovo', field 'title', references.bib, line {line})"
            in result.output)


@pytest.mark.parametrize("note, said", [
    ("[^4]: @halili2021russian @halili2021russian", "the note [^4] cites 'halili2021russian' twice"),
    ("[^4]: @halili2021russian; @halili2021russian", "the note [^4] cites 'halili2021russian' twice"),
    ("[^4]: @halili2021russian <script>alert(1)</script>", "leaves out “Halili”"),
    ("[^4]: @halili2021russian <b>bold</b> words", "Note 4 (docs/index.md, line"),
    ("[^4]: [-@halili2021russian]", "leaves out “Halili”"),
    ("[^4]:", "the note [^4] is empty"),
], ids=["@a @a", "@a; @a", "script after a key", "HTML after a key", "author suppressed", "empty"])
def test_a_note_that_would_lose_its_text_stops_the_build(scratch, tmp_path, note, said):
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian", note)
    result = failed_build(scratch, tmp_path)
    assert said in result.output
    assert not (result.site / "index.html").exists()


def test_an_empty_note_anywhere_stops_the_build(scratch, tmp_path):
    edit(scratch / "docs" / "index.md", "[^5]: @eeas2021dialogue", "[^5]: @eeas2021dialogue\n[^6]:")
    edit(scratch / "docs" / "index.md", "solution is found.[^5]", "solution is found.[^5][^6]")
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "docs" / "index.md", "[^6]:")
    assert f"docs/index.md, line {line}: the note [^6] is empty." in result.output
