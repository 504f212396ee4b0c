"""Each guard handed its bad input directly, past the guards that stand before it.

A guard behind another is never reached by the inputs the first one stops: a whole build
cannot show it works. Here each one is called alone: the reader, the door for the files of
docs/, the record of anchors, the templates, the script pass, the net's rules for pages
(the policy, the loads, the policy tag), and the cache's check. (The address rule, the
fidelity check and the net's other rules have theirs in test_addresses.py,
test_field_text.py and test_published_check.py.)"""

from pathlib import Path

import pytest

from letter_edition.caches import build_cache
from letter_edition.reading import reader
from letter_edition.publishing.built_site import BuiltSite
from letter_edition.errors import SourceError
from letter_edition.reading.anchor_record import read_record
from letter_edition.net.policy import CONTENT_SECURITY_POLICY, Policy
from letter_edition.net.published_check import Findings, check_editor_file, check_page
from letter_edition.publishing.theme_scripts import ForeignScript, move_inline_scripts, read_shapes
from letter_edition.reading.theme_templates import Template, check_templates

# --- The reader: every fault one message naming the file (and the line) ----------------------


@pytest.mark.parametrize("make, read, said", [
    (lambda p: None, lambda p: reader.read_text(p, "x.yml", "the record"), "x.yml: file not found. Restore the record"),
    (lambda p: p.mkdir(), lambda p: reader.read_text(p, "x.yml", "the record"), "x.yml: a folder stands where the "
                                                                                "record should be"),
    (lambda p: p.write_bytes(b"a: 1\nb: \xe9\n"), lambda p: reader.read_text(p, "x.yml", "it"),
     "x.yml, line 2: not UTF-8 (byte 0xE9)"),
    (lambda p: p.write_text("a: 1\nb: [x\n"), lambda p: reader.parse_yaml(p.read_text(), "x.yml"),
     "x.yml, line 3: it is not valid YAML"),
    (lambda p: p.write_text("[a\nb = 1\n"), lambda p: reader.parse_toml(p.read_text(), "x.toml"),
     "x.toml: not valid TOML (Expected ']' at the end of a table declaration (at line 1, column 3))"),
    (lambda p: p.write_text("<a>\n<b></a>\n"), lambda p: reader.parse_xml(p.read_text(), "x.csl"),
     "x.csl, line 2: not well-formed XML (mismatched tag"),
    (lambda p: p.write_text('{"a":\n1,}'), lambda p: reader.parse_json(p.read_text(), "x.json"),
     "x.json, line 2: not valid JSON"),
])
def test_the_reader(tmp_path, make, read, said):
    path = tmp_path / "file"
    make(path)
    with pytest.raises(SourceError) as raised:
        read(path)
    assert str(raised.value).startswith(said), str(raised.value)


def test_the_reader_reads_text_as_mkdocs_does(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes("\ufeffa\r\nb\rc".encode("utf-8"))
    assert reader.read_text(path, "x.md", "the page") == "a\nb\nc"


@pytest.mark.parametrize("text, said", [
    ("{% if page %}\n<p>", "overrides/main.html, line 1: not a template the theme can use (Unexpected end of template"),
    ("<p>{{ page.title }</p>", "overrides/main.html, line 1: not a template the theme can use"),
])
def test_a_template_jinja_cannot_compile(text, said):
    from jinja2 import Environment

    with pytest.raises(SourceError) as raised:
        check_templates(Environment(), [Template("main.html", "overrides/main.html", text)])
    assert str(raised.value).startswith(said), str(raised.value)


@pytest.mark.parametrize("text", ["", "[a, b]", "index.md: [p1, p2]", "index.md:\n  - p1\n"])
def test_a_record_of_anchors_of_another_shape(tmp_path, text):
    (tmp_path / "paragraph-anchors.yml").write_text(text, encoding="utf-8")
    if not text:
        assert read_record(tmp_path) == {}
        return
    with pytest.raises(SourceError, match=r"^paragraph-anchors\.yml: each page's anchors are written under its path"):
        read_record(tmp_path)


# --- The door for the files of docs/ --------------------------------------------------------


@pytest.mark.parametrize("name, data, said", [
    ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     "docs/x.svg, line 2: a <script> element"),
    ("x.htm", b"<p>\n<script src='javascripts/letter.js'></script>", "docs/x.htm, line 2: a <script> element"),
    ("x.css", b"a {}\n@import 'https://x.example.org/a.css';", "docs/x.css, line 2: a stylesheet loads"),
    ("x.bin", b"\0\1", "docs/x.bin: a file served as application/octet-stream"),
])
def test_the_door_for_a_file_of_docs(name, data, said):
    with pytest.raises(SourceError) as raised:
        check_editor_file(name, data, f"docs/{name}")
    assert said in str(raised.value), str(raised.value)


# --- The script pass: only the theme's own inline scripts are moved --------------------------

THEME_TEMPLATE = Template("partials/javascripts/base.html", "material/partials/javascripts/base.html",
                          '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>')


def a_site(tmp_path: Path, script: str) -> BuiltSite:
    (tmp_path / "index.html").write_text(f"<!doctype html><html><head>{script}</head><body></body></html>",
                                         encoding="utf-8")
    return BuiltSite(tmp_path)


@pytest.mark.parametrize("script", [
    "<script>alert(1)</script>",
    '<script>__md_scope=new URL("."+alert(1)+"",location)</script>',  # the theme's shape, code in its hole
    '<script>__md_scope=new URL(".",location);alert(1)</script>',  # the theme's shape, and more after it
    '<script type="module">__md_scope=new URL(".",location)</script>',  # the theme's text, another kind of script
])
def test_the_script_pass_refuses_a_script_the_theme_does_not_write(tmp_path, script):
    with pytest.raises(ForeignScript):
        move_inline_scripts(a_site(tmp_path, script), read_shapes([THEME_TEMPLATE]))


def test_the_script_pass_moves_the_themes_own_script(tmp_path):
    site = a_site(tmp_path, '<script>__md_scope=new URL("..",location)</script>')
    [moved] = move_inline_scripts(site, read_shapes([THEME_TEMPLATE]))
    site.write()
    assert (tmp_path / moved).read_text(encoding="utf-8") == '__md_scope=new URL("..",location)'
    assert f'<script src="{moved}"></script>' in (tmp_path / "index.html").read_text(encoding="utf-8")


# --- The net's rules for pages, each alone ---------------------------------------------------


def test_a_page_the_theme_wrote_carries_the_policy_first(tmp_path):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    for head, carries in [(meta + "<title>x</title>", True), ("<title>x</title>" + meta, False), ("", False),
                          (meta.replace("'self'", "*", 1), False)]:
        findings = Findings()
        check_page(f"<!doctype html><html><head>{head}</head><body></body></html>", "index.html", findings, set(),
                   carries_policy=True)
        assert (findings.problems == []) is carries, (head, findings.problems)


def test_a_page_loads_only_files_the_site_publishes(tmp_path):
    (tmp_path / "there.css").write_text("", encoding="utf-8")
    findings = Findings()
    check_page('<link rel="stylesheet" href="there.css"><link rel="stylesheet" href="gone.css">'
               '<img src="/gone.png" alt="">', "index.html", findings, set(), page="index.html", root=tmp_path)
    assert findings.problems == ["index.html: <link> loads “gone.css”, which the site does not publish",
                                 "index.html: <img> loads “/gone.png”, which the site does not publish"]


@pytest.mark.parametrize("policy, inline_style, data_script", [
    (CONTENT_SECURITY_POLICY, False, False),
    ("default-src 'self'; style-src 'self' 'unsafe-inline'", True, False),
    ("default-src 'self'; script-src 'self' data:", False, True),
])
def test_the_net_reads_the_policy_it_enforces(policy, inline_style, data_script):
    """A change to the policy changes what the net refuses: it reads the policy, not a copy."""
    findings = Findings()
    check_page('<p style="color: red">x</p><script src="data:text/javascript,1"></script>', "index.html", findings,
               {"data:text/javascript,1"}, policy=Policy.parse(policy))
    text = "\n".join(findings.problems)
    assert ("an inline style" not in text) is inline_style, text
    assert ("(script-src" not in text) is data_script, text


# --- The cache's check ----------------------------------------------------------------------


@pytest.mark.parametrize("damage", [
    lambda data: data.replace(b"the answer", b"the answeR"),  # the content, its digest left as it was
    lambda data: data.replace(build_cache.MAGIC, b"letter-cache 0"),
    lambda data: data[:-1],
])
def test_the_cache_reads_no_entry_its_digest_does_not_vouch_for(tmp_path, damage):
    build_cache.cached(tmp_path, "pandoc", [b"in"], lambda: "the answer")
    path = build_cache.entry(tmp_path, "pandoc", [b"in"])
    path.write_bytes(damage(path.read_bytes()))
    assert build_cache.read_entry(path, "pandoc") is None
