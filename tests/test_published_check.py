"""The net at the end: whatever reaches the built site, nothing unsafe is published."""

import shutil

import pytest

from conftest import site_scripts
from letter_edition.net.published_check import Findings, check_page, check_pdf_actions, check_site, pdf_actions
from helpers import edit, failed_build, line_of

SITE_SCRIPTS = {"assets/javascripts/bundle.js"}

# (HTML on a page, what the net says, or None where it is published)
PAGES = [
    ('<img src=x onerror="alert(1)">', "an event-handler attribute onerror"),
    ("<svg onload=alert(1)></svg>", "an event-handler attribute onload"),
    ('<p ONCLICK="alert(1)">x</p>', "an event-handler attribute onclick"),
    ('<a href="javascript:alert(1)">x</a>', "its scheme 'javascript:'"),
    ('<a href="  JaVaScript:alert(1)">x</a>', "it holds a space"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "invisible character (U+0009)"),
    ('<a href="data:text/html,x">x</a>', "its scheme 'data:'"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "xlink:href"),
    ('<form action="javascript:alert(1)"></form>', "<form action="),
    ('<button formaction="javascript:alert(1)">x</button>', "<button formaction="),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x">', "<img srcset="),
    ('<a href="https://example.org/" data-versionurl="javascript:alert(1)">x</a>', "data-versionurl"),
    ('<a href="https://example.org/" data-originalurl="vbscript:x">x</a>', "data-originalurl"),
    ("<script>alert(1)</script>", "an inline script"),
    ('<script src="https://cdn.example.org/x.js"></script>', "loads “https://cdn.example.org/x.js” from another host"),
    ('<script src="javascripts/other.js"></script>', "which is not one of the site's scripts"),
    ('<script type="module">import("x")</script>', "an inline script"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "from another host"),
    ('<img src="//tracker.example.org/pixel.gif">', "from another host"),
    ('<iframe src="about.html"></iframe>', "a <iframe> element"),
    ('<object data="x.swf"></object>', "a <object> element"),
    ('<embed src="x.swf">', "a <embed> element"),
    ('<base href="https://example.org/">', "a <base> element"),
    ('<meta http-equiv="refresh" content="0; url=https://example.org/">', "redirect"),
    # What the pages' own policy would block in a reader's browser, read from the policy.
    ('<span style="color: red">x</span>', "an inline style=“color: red” on <span>, which the pages' policy "
                                          "(style-src 'self') blocks"),
    ('<p STYLE="">x</p>', "an inline style=“” on <p>"),
    ("<style>p { color: red }</style>", "a <style> element (“p { color: red }”), which the pages' policy"),
    ('<svg><rect style="fill: red"/></svg>', "an inline style=“fill: red” on <rect>"),
    ('<script src="data:text/javascript,alert(1)"></script>', "which the pages' policy (script-src 'self') blocks"),
    ('<link rel="stylesheet" href="data:text/css,p{}">', "which the pages' policy (style-src 'self') blocks"),
    ('<video src="data:video/mp4;base64,AAAA"></video>', "which the pages' policy (media-src 'self') blocks"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', "from another host"),
    ('<link rel="modulepreload" href="https://cdn.example.org/m.js">', "from another host"),
    ('<svg><image href="https://x.example.org/p.png"/></svg>', "<image> loads “https://x.example.org/p.png” from another host"),
    # In SVG, a script address in any attribute, and an animation that sets a link.
    ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
     "<animate values=“javascript:alert(1)”> in SVG"),
    ('<svg><a><set attributeName="xlink:href" to="https://example.org/"/><text>x</text></a></svg>',
     "an <set> that changes a link"),
    ('<svg><a><animate attributeName="HREF" from="#" to="data:text/html,x"/></a></svg>', "in SVG: its scheme 'data:'"),
    ('<svg><foo bar=" javascript:alert(1)"/></svg>', "<foo bar=“javascript:alert(1)”> in SVG"),
    ('<svg><a href="vbscript:x"><text>x</text></a></svg>', "its scheme 'vbscript:'"),
    # Published as they are.
    ('<img src="data:image/png;base64,AAAA" alt="">', "<img src=“data:image/png;base64,AAAA”>: its scheme 'data:'"),
    ('<svg><image href="data:image/png;base64,AAAA"/></svg>', None),
    ('<svg viewBox="0 0 8 8" aria-label="Note: 3"><path d="M0 0h8v8z"/><use href="#x"/></svg>', None),
    ('<td class="text-align-center">x</td>', None),
    ('<a href="https://example.org/a_b%20c?x=1&amp;y=2#top">x</a>', None),
    ('<a href="mailto:press@example.org">x</a>', None),
    ('<a href="../references/#halili2021russian">x</a>', None),
    ('<link rel="canonical" href="https://example.org/letter/">', None),
    ('<script src="assets/javascripts/bundle.js"></script>', None),
    ('<script type="application/ld+json">{"url": "https://example.org/"}</script>', None),
    ("<!-- <script>alert(1)</script> -->", None),
    ("<p class='one two'>onload=alert(1) as words</p>", None),
]


@pytest.mark.parametrize("html, said", PAGES, ids=[p[0][:40] for p in PAGES])
def test_the_net_on_a_page(html, said):
    findings = Findings()
    check_page(f"<!doctype html><html><head></head><body>{html}</body></html>", "index.html", findings, SITE_SCRIPTS,
               page="index.html")
    if said is None:
        assert findings.problems == []
    else:
        assert any(said in problem for problem in findings.problems), findings.problems


def test_the_built_site_passes(built, net_cache):
    assert check_site(built, site_scripts(built), project=net_cache) == []


@pytest.mark.parametrize("file, old, new, said", [
    ("letter.ris", "TY  - PCOMM\r\n", "TY  - PCOMM\r\nUR  - javascript:alert(1)\r\n", "letter.ris, line 2: UR"),
    ("letter.json", '"language": "en"', '"language": "en", "URL": "javascript:alert(1)"', "letter.json: “URL”"),
    ("letter.bib", "language = {english}", "language = {english},\n  url = {javascript:alert(1)}",
     "letter.bib: entry 'torres2021kosova', field 'url'"),
    ("references.bib", "date         = {2021-09-26},", "date = {2021-09-26}, url = {data:text/html,x},",
     "references.bib: entry 'halili2021russian', field 'url'"),
    ("references.bib", "date         = {2021-09-26},", "date = {2021-09-26}, file = {javascript:alert(1)},",
     "references.bib: entry 'halili2021russian', field 'file'"),
    ("references.bib", "date         = {2021-09-26},", "date = {2021-09-26}, eprint = {vbscript:x},",
     "references.bib: entry 'halili2021russian', field 'eprint'"),
    ("references.bib", "date         = {2021-09-26},", "date = {2021-09-26}, note = {\\url{javascript:x}},",
     "references.bib: entry 'halili2021russian', field 'note'"),
    ("index.html", '"inLanguage": "en"', '"inLanguage": "en", "sameAs": "javascript:alert(1)"',
     "index.html, JSON-LD: “sameAs”"),
    ("search/search_index.json", '"docs":[', '"docs":[{"location":"","title":"x","text":"<img src=x onerror=alert(1)>"},',
     "search/search_index.json, “” text: an event-handler attribute onerror"),
    ("search/search_index.json", '"docs":[', '"docs":[{"location":"javascript:alert(1)","title":"x","text":""},',
     "location “javascript:alert(1)”"),
])
def test_the_net_reads_the_downloads_the_json_ld_and_the_search_index(built, net_cache, file, old, new, said):
    path = built / file
    text = path.read_bytes().decode("utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    problems = check_site(built, site_scripts(built), project=net_cache)
    assert any(said in problem for problem in problems), problems


def pdf_of(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


@pytest.mark.parametrize("href, said", [
    ("javascript:alert(1)", "its scheme 'javascript:'"),
    ("file:///etc/passwd", "its scheme 'file:'"),
    ("https://example.org/a%20b", None),
])
def test_the_net_reads_every_link_of_the_pdf(href, said):
    findings = Findings()
    check_pdf_actions(pdf_actions(pdf_of(f'<a href="{href}">link</a>')), "letter.pdf", findings)
    assert (findings.problems == []) if said is None else said in findings.problems[0]


def test_the_letter_pdf_links_only_web_addresses_and_its_own_places(site):
    actions = pdf_actions((site.root / "letter.pdf").read_bytes())
    assert {kind for kind, _ in actions} <= {"/URI", "/GoTo"}
    assert "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html" in [v for _, v in actions]


# --- Whole builds: what slips past the door is stopped at the end --------------------------


def test_html_in_the_theme_settings_is_stopped_and_nothing_is_published(scratch, tmp_path):
    """Material writes `copyright` as HTML into every page's footer: a handler there passes no
    door, and the net stops it, naming each page; the site folder is left empty."""
    edit(scratch / "mkdocs.yml", "nav:\n", "copyright: '<img src=x onerror=alert(10)>'\n\nnav:\n")
    result = failed_build(scratch, tmp_path)
    assert "Not published: the built site holds what this site never publishes." in result.output
    for page in ["index.html", "about/index.html", "404.html"]:
        assert f"{page}: an event-handler attribute onerror=“alert(10)” on <img>" in result.output
    assert list(result.site.iterdir()) == []


def test_a_script_from_another_host_is_stopped(scratch, tmp_path):
    edit(scratch / "mkdocs.yml", "extra_javascript:\n", "extra_javascript:\n  - https://cdn.example.org/x.js\n")
    result = failed_build(scratch, tmp_path)
    assert "index.html: <script> loads “https://cdn.example.org/x.js” from another host" in result.output
    assert list(result.site.iterdir()) == []


def test_the_publishing_build_keeps_the_last_good_site(scratch, tmp_path):
    """`.ci/build-site` puts a build in place only when it passed."""
    import subprocess
    import sys
    from pathlib import Path

    from conftest import ROOT

    (scratch / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "build-site", scratch / ".ci" / "build-site")
    env = {"MKDOCS": str(Path(sys.executable).parent / "mkdocs"), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    good = subprocess.run(["bash", ".ci/build-site"], cwd=scratch, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = (scratch / "site" / "index.html").read_bytes()
    edit(scratch / "mkdocs.yml", "nav:\n", "copyright: '<img src=x onerror=alert(10)>'\n\nnav:\n")
    bad = subprocess.run(["bash", ".ci/build-site"], cwd=scratch, env=env, capture_output=True, text=True)
    assert bad.returncode != 0 and "Not published" in bad.stdout + bad.stderr
    assert (scratch / "site" / "index.html").read_bytes() == before
    assert [p.name for p in scratch.iterdir() if p.name.startswith("site.new")] == []


# --- The policy at the door: what a reader's browser would not show is not published ------


@pytest.mark.parametrize("markdown, said", [
    ('The <span style="color: red">red</span> words.', "an inline style=“color: red” on <span>"),
    ("A paragraph.\n{ style=\"color: red\" }", "an inline style=“color: red” on <p>"),
    ("<style>p { color: red }</style>", "a <style> element"),
])
def test_what_the_policy_blocks_is_refused_where_the_editor_wrote_it(scratch, tmp_path, markdown, said):
    """Under `mkdocs serve` (no policy) the words would show red; published, they would not."""
    edit(scratch / "docs" / "about.md", "## How the notes are made", f"{markdown}\n\n## How the notes are made")
    result = failed_build(scratch, tmp_path)
    line = line_of(scratch / "docs" / "about.md", markdown.split("\n")[-1])
    assert f"docs/about.md, line {line}: {said}" in result.output, result.output
    assert "the pages' policy (style-src 'self') blocks" in result.output


def test_a_column_aligned_in_markdown_is_published_with_a_class(scratch, tmp_path):
    """Python-Markdown writes style="text-align: …" on an aligned column; the page gets a class
    with a rule in the site's stylesheet instead, which the policy allows."""
    from bs4 import BeautifulSoup

    from conftest import mkdocs_build

    edit(scratch / "mkdocs.yml", "  - attr_list ", "  - tables\n  - attr_list ")
    edit(scratch / "docs" / "about.md", "## How the notes are made",
         "| left | centre | right | plain |\n| :--- | :---: | ---: | --- |\n| a | b | c | d |\n\n## How the notes are made")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    cells = page.select("table td")
    assert [cell.get("class") for cell in cells] == [["text-align-left"], ["text-align-center"],
                                                     ["text-align-right"], None]
    assert not page.select("[style]")
    css = (result.site / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    for align in ("left", "center", "right"):
        assert f".md-typeset .text-align-{align}{{text-align: {align};}}" in css
