"""Only web addresses are published as links: the rule, and where an editor's files meet it."""

import pytest

from letter_edition.addresses import ADDRESS_FIELDS, PAGE, doi_problem, eprint_problem, field_problems, problem
from conftest import mkdocs_build
from helpers import edit, failed_build, line_of
ADDRESSES = [
    ("https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html", True, True),
    ("http://example.org", True, True),
    ("HTTPS://EXAMPLE.ORG/", True, True),
    ("https://example.org/a_b%20c?x=1&y=2#top", True, True),
    ("https://www.eeas.europa.eu/eeas/belgrade-pristina_dialogue-chief%20negotiators_en?lang=en&x=a~b#top", True, True),
    ("https://example.org/search?q=a+b&lang=sq&x=%C3%AB=1", True, True),
    ("https://example.org/Prishtinë/ë_1", True, True),
    ("https://web.archive.org/web/20211005000000/https://www.rferl.org/a/x.html", True, True),
    ("mailto:press@example.org", False, True),
    ("references/#halili2021russian", False, True),
    ("#fn:3", False, True),
    ("../letter.pdf#p3", False, True),
    # Schemes that run code or load a document: refused however they are written.
    ("javascript:alert(document.domain)", False, False),
    ("  JaVaScript:alert(document.domain)", False, False),
    ("\tjavascript:alert(1)", False, False),
    ("java\tscript:alert(1)", False, False),
    ("java\nscript:alert(1)", False, False),
    ("java&#x09;script:alert(1)", False, False),
    ("java&#9;script:alert(1)", False, False),
    ("&#106;avascript:alert(1)", False, False),
    ("javascript&colon;alert(1)", False, False),
    ("JAVASCRIPT:alert(1)", False, False),
    ("data:text/html,<script>alert(1)</script>", False, False),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False, False),
    ("vbscript:msgbox(1)", False, False),
    ("file:///etc/passwd", False, False),
    ("ftp://example.org/file", False, False),
    ("blob:https://example.org/1", False, False),
    ("x-invented-tomorrow:run", False, False),
    # Web addresses a browser would read otherwise than they look.
    ("https://example.org/a b", False, False),
    ("https://example.org/a\u200bb", False, False),  # a zero-width space
    ("https://example.org/\x00", False, False),
    ("https://example.org/\u2028", False, False),
    ('https://example.org/"onmouseover="alert(1)', False, False),
    ("https://exa<mple.org/", False, False),
    ("https://example.org\\@evil.example/", False, False),
    ("https:///no-host", False, False),
    ("https:example.org", False, False),
    ("example.org/no-scheme", False, True),  # within the site, a relative link
]


@pytest.mark.parametrize("address, from_bib, from_page", ADDRESSES, ids=[repr(a[0])[1:40] for a in ADDRESSES])
def test_the_rule(address, from_bib, from_page):
    assert (problem(address) is None) is from_bib
    assert (problem(address, PAGE, relative=True) is None) is from_page


@pytest.mark.parametrize("doi, allowed", [
    ("10.1000/xyz123", True), ("10.1080/14683857.2021.1976945", True), ("https://doi.org/10.1000/xyz", True),
    ("javascript:alert(1)", False), ("10.1000/a b", False), ("doi:10.1000/x", False), ("11.1000/x", False),
    ("10.1000", False),
])
def test_a_doi_is_a_doi_or_a_web_address(doi, allowed):
    assert (doi_problem(doi) is None) is allowed


@pytest.mark.parametrize("eprint, allowed", [
    ("2101.00001", True), ("hep-th/9901001", True), ("arXiv:2101.00001", False), ("https://arxiv.org/abs/2101.00001", True),
    ("javascript:alert(1)", False), ("2101.00001 x", False), ("a<b", False),
])
def test_an_eprint_is_an_identifier_or_a_web_address(eprint, allowed):
    assert (eprint_problem(eprint) is None) is allowed


def test_one_list_of_address_fields_is_read_at_the_door_the_downloads_and_the_net():
    """The door (bibtex_checks.py), what pandoc is handed (pandoc_input.py) and the net
    (published_check.py) ask addresses.py; none keeps a list."""
    import inspect

    from letter_edition.net import published_check
    from letter_edition.notes import pandoc_input
    from letter_edition.reading import bibtex_checks

    assert set(ADDRESS_FIELDS) >= {"url", "urlraw", "archiveurl", "pdf", "file", "doi", "eprint"}
    for module in (bibtex_checks, published_check, pandoc_input):
        text = inspect.getsource(module)
        assert "ADDRESS_FIELDS =" not in text and '"archiveurl", "urlraw"' not in text, module.__name__
    assert all(field_problems(name, "javascript:alert(1)") for name in ADDRESS_FIELDS)


# --- At the door: references.bib ----------------------------------------------------------

HALILI_FIELDS = "  journaltitle = {ALBANIA DAILY NEWS},\n"


@pytest.mark.parametrize("fields, field, shown, reason", [
    ("  url = {https://example.org/a},\n  archiveurl = {javascript:alert(document.domain)},\n  archivedate = {2021-10-05},\n",
     "archiveurl", "javascript:alert(document.domain)", "its scheme 'javascript:' is not one this site publishes"),
    ("  url = {https://example.org/a},\n  archiveurl = {  JaVaScript:alert(document.domain)},\n  archivedate = {2021-10-05},\n",
     "archiveurl", "JaVaScript:alert(document.domain)", "its scheme 'JaVaScript:'"),
    ("  url = {https://example.org/a},\n  archiveurl = {data:text/html,<script>alert(1)</script>},\n  archivedate = {2021-10-05},\n",
     "archiveurl", "data:text/html,<script>alert(1)</script>", "holds the character '<'"),
    ("  url = {javascript:alert(1)},\n", "url", "javascript:alert(1)", "its scheme 'javascript:'"),
    ("  url = {https://example.org/a b},\n", "url", "https://example.org/a b", "it holds a space"),
    ("  url = {java&#x09;script:alert(1)},\n", "url", "java&#x09;script:alert(1)", "invisible character (U+0009)"),
    ("  doi = {javascript:alert(1)},\n", "doi", "javascript:alert(1)", "its scheme 'javascript:'"),
    ("  note = {See \\href{javascript:alert(1)}{here}},\n", "note", "javascript:alert(1)", "its scheme"),
    ("  howpublished = {\\url{javascript:alert(1)}},\n", "howpublished", "javascript:alert(1)", "its scheme"),
    ("  pdf = {javascript:alert(1)},\n", "pdf", "javascript:alert(1)", "its scheme 'javascript:'"),
    ("  file = {Full Text PDF:files/12/halili.pdf:application/pdf},\n", "file",
     "Full Text PDF:files/12/halili.pdf:application/pdf", "it names a file on the editor's machine"),
    ("  file = {:C\\:/Users/editor/halili.pdf:PDF},\n", "file", ":C\\:/Users/editor/halili.pdf:PDF",
     "it names a file on the editor's machine"),
    ("  file = {file:///home/editor/halili.pdf},\n", "file", "file:///home/editor/halili.pdf", "its scheme 'file:'"),
    ("  file = {javascript:alert(1)},\n", "file", "javascript:alert(1)", "its scheme 'javascript:'"),
    ("  eprint = {javascript:alert(1)},\n", "eprint", "javascript:alert(1)", "its scheme 'javascript:'"),
    ("  eprint = {2101.00001 <script>},\n", "eprint", "2101.00001 <script>", "it holds a space"),
    ("  titleaddon = {{See \\url{data:text/html,x}}},\n", "titleaddon", "data:text/html,x", "its scheme 'data:'"),
    ("  urlraw = {vbscript:x},\n", "urlraw", "vbscript:x", "its scheme 'vbscript:'"),
], ids=["archiveurl javascript", "archiveurl spaces and case", "archiveurl data", "url javascript", "url space",
        "url entity", "doi", "\\href", "\\url", "pdf", "file zotero", "file jabref", "file url", "file javascript",
        "eprint javascript", "eprint markup", "\\url in a titleaddon", "urlraw"])
def test_an_address_in_references_bib_stops_the_build_naming_file_line_and_field(scratch, tmp_path, fields, field,
                                                                               shown, reason):
    edit(scratch / "references.bib", HALILI_FIELDS, HALILI_FIELDS + fields)
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "references.bib", f"  {field} = ")
    assert (f"ERROR   -  references.bib, line {line}: entry 'halili2021russian', field '{field}': “{shown}” is not "
            "an address this site publishes: ") in result.output
    assert reason in result.output
    assert not (result.site / "index.html").exists()


# --- At the door: the pages ----------------------------------------------------------------


@pytest.mark.parametrize("text, reason", [
    ("see [here](javascript:alert(13)).", "<a href=“javascript:alert(13)”>: its scheme 'javascript:'"),
    ("see [here](java&#x09;script:alert(13)).", "invisible character (U+0009)"),
    ("see <a href=\"  JaVaScript:alert(13)\">here</a>.", "it holds a space"),
    ("see <https://example.org/a%20b> and <ftp://example.org/file>.", "its scheme 'ftp:'"),
    ("![x](data:image/svg+xml,<svg onload=alert(1)>)", "<img src="),
    ("<img src=x onerror=\"alert(9)\">", "an event-handler attribute onerror=“alert(9)” on <img>"),
    ("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "xlink:href"),
    ("<script>alert(1)</script>", "a <script> element"),
    ("<iframe src=\"https://example.org/\"></iframe>", "a <iframe> element"),
], ids=["markdown link", "tab as entity", "raw html, spaces", "autolink", "image", "onerror", "svg xlink", "script",
        "iframe"])
def test_a_link_or_script_in_a_note_or_page_stops_the_build_naming_the_line(scratch, tmp_path, text, reason):
    edit(scratch / "docs" / "about.md", "## How the notes are made", f"{text}\n\n## How the notes are made")
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "docs" / "about.md", text.split("(")[0][:12] if "(" in text else text[:12])
    assert "A page's text holds what this site never publishes:" in result.output
    assert f"docs/about.md, line {line}: " in result.output and reason in result.output
    assert not (result.site / "about" / "index.html").exists()


def test_a_note_with_a_javascript_link_stops_the_build(scratch, tmp_path):
    """A note's own words may link (`see [here](…)`); the address meets the same rule."""
    edit(scratch / "docs" / "index.md", "[^5]: @eeas2021dialogue", "[^5]: @eeas2021dialogue; see [here](javascript:alert(13)).")
    result = failed_build(scratch, tmp_path)
    assert "javascript:alert(13)" in result.output and "its scheme 'javascript:'" in result.output


def test_a_mail_address_and_links_within_the_site_are_published(scratch, tmp_path):
    edit(scratch / "docs" / "about.md", "## How the notes are made",
         "Write to <mailto:press@example.org> or see [note 3](index.md#fn:3).\n\n## How the notes are made")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("repository", ["javascript:alert(1)", "https://example.org/a b"])
def test_the_edition_repository_is_an_address_too(scratch, tmp_path, repository):
    result = mkdocs_build(scratch, tmp_path / "site", env={"EDITION_REPOSITORY": repository})
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "EDITION_REPOSITORY" in result.output and "is not an address this site publishes" in result.output
