"""Every published file is checked by the kind of its served type: a document a browser
renders or runs is held to the rules for pages, a stylesheet to the stylesheet rule, and a
type the net does not know is refused; at the door (docs/, naming file and line) and at the end."""

import gzip
import json

import pytest

from conftest import NODE_TOOLS, mkdocs_build, require, site_scripts
from letter_edition.net.file_kinds import kind_of, kind_of_type, served_type
from letter_edition.net.published_check import check_site

# (a file's name, the kind the net checks it as: None where it is refused)
KINDS = [
    ("index.html", "page"), ("x.htm", "page"), ("x.shtml", "page"), ("y.xhtml", "page"), ("y.xht", "page"),
    ("z.xml", "xml"), ("feed.rss", "xml"), ("feed.atom", "xml"), ("t.xsl", "xml"), ("d.rdf", "xml"),
    ("i.svg", "svg"), ("i.svgz", "svg"), ("I.SVG", "svg"),
    ("s.css", "stylesheet"), ("a.js", "script"), ("m.mjs", "script"),
    ("d.json", "json"), ("bundle.js.map", "json"), ("site.webmanifest", "json"), ("x.jsonld", "json"),
    ("letter.bib", "bibtex"), ("letter.ris", "ris"), ("letter.pdf", "pdf"),
    ("a.png", "inert"), ("a.jpg", "inert"), ("a.gif", "inert"), ("a.webp", "inert"), ("a.avif", "inert"),
    ("a.ico", "inert"), ("f.woff2", "inert"), ("f.woff", "inert"), ("f.ttf", "inert"), ("f.otf", "inert"),
    ("v.mp4", "inert"), ("v.webm", "inert"), ("s.mp3", "inert"), ("a.zip", "inert"), ("sitemap.xml.gz", "inert"),
    # Not a kind the net knows: refused.
    ("notes.txt", None), ("data.csv", None), ("x.swf", None), ("m.wasm", None), ("x.py", None), ("x.foo", None),
    ("README", None), ("x.md", None), ("a.tgz", None), ("x.exe", None),
]


@pytest.mark.parametrize("name, kind", KINDS, ids=[k[0] for k in KINDS])
def test_the_kind_of_a_file(name, kind):
    assert kind_of(name) == kind, served_type(name)


def host_types() -> dict[str, str]:
    """Each extension's type as a host using mime-db serves it (GitHub Pages; the choice among
    types that share an extension as jshttp's mime-types makes it)."""
    path = NODE_TOOLS / "mime-db" / "db.json"
    require(path.exists(), "mime-db")
    db = json.loads(path.read_text(encoding="utf-8"))
    preference = ["nginx", "apache", None, "iana"]
    chosen: dict[str, str] = {}
    for content_type, info in db.items():
        for extension in info.get("extensions", []):
            if extension in chosen:
                before = preference.index(db[chosen[extension]].get("source"))
                now = preference.index(info.get("source"))
                if chosen[extension] != "application/octet-stream" and (
                        before > now or (before == now and chosen[extension].startswith("application/"))):
                    continue
            chosen[extension] = content_type
    return chosen


def test_no_file_is_treated_as_more_harmless_than_the_host_serves_it():
    """For every extension mime-db knows, the net checks a file as the host's type makes it:
    never as inert where a browser would render or run it, never by another kind's rules."""
    hosts = host_types()
    assert len(hosts) > 1000
    wrong = []
    for extension, content_type in sorted(hosts.items()):
        ours, theirs = kind_of(f"a.{extension}"), kind_of_type(content_type)
        if ours is not None and ours != theirs and not (ours in ("bibtex", "ris") and theirs is None):
            wrong.append(f".{extension}: the host serves {content_type} ({theirs}), the net reads {ours}")
    assert wrong == []


# --- At the door: the editor's files in docs/, each by its kind -----------------------------

# (a file put in docs/, its content, what the build says: the door's words with the line, or None where published)
DOCS_FILES = [
    ("x.htm", "<p>Hello</p>\n<script>alert(1)</script>\n", "docs/x.htm, line 2: a <script> element"),
    ("x.shtml", "<p onclick='alert(1)'>x</p>\n", "docs/x.shtml, line 1: an event-handler attribute onclick"),
    ("y.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><body>\n<script>alert(1)</script></body></html>\n',
     "docs/y.xhtml, line 2: a <script> element"),
    ("z.xml", '<?xml version="1.0"?>\n<doc>\n<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>\n'
              "</doc>\n", "docs/z.xml, line 3: a <script> element"),
    ("feed.rss", '<rss>\n<a xmlns="http://www.w3.org/1999/xhtml" href="javascript:alert(1)">x</a></rss>\n',
     "docs/feed.rss, line 2: <a href=“javascript:alert(1)”>"),
    ("t.xml", '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://x.example.org/t.xsl"?>\n<d/>\n',
     "docs/t.xml, line 2: a stylesheet instruction"),
    ("i.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
     "docs/i.svg, line 2: a <script> element"),
    ("j.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n', "docs/j.svg, line 1: an event-handler"),
    ("k.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<a>\n'
              '<set attributeName="xlink:href" to="javascript:alert(1)"/>\n<text>x</text></a></svg>\n',
     "docs/k.svg, line 3: an <set> that changes a link"),
    ("l.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<a><animate attributeName="href" values="0;javascript:alert(1)"/>'
              "</a></svg>\n", "docs/l.svg, line 2: <animate values=“0;javascript:alert(1)”> in SVG"),
    ("m.svg", '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject>\n<div xmlns="http://www.w3.org/1999/xhtml">'
              '<iframe src="x.html"/></div></foreignObject></svg>\n', "docs/m.svg, line 2: a <iframe> element"),
    ("n.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://x.example.org/p.png"/></svg>\n',
     "docs/n.svg, line 2: <image> loads “https://x.example.org/p.png” from another host"),
    ("o.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<style>@import url(https://x.example.org/a.css);</style></svg>\n',
     "docs/o.svg, line 2: a stylesheet loads “https://x.example.org/a.css” from another host"),
    ("p.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<path d="M0 0"\n', "docs/p.svg, line 2: not well-formed XML"),
    ("q.svgz", gzip.compress(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', mtime=0),
     "docs/q.svgz, line 1: an event-handler"),
    ("s.css", "p { color: red; }\n.x {\n  background-image: url(https://x.example.org/b.png);\n}\n",
     "docs/s.css, line 3: a stylesheet loads “https://x.example.org/b.png” from another host"),
    ("t.css", "\n@import url(//x.example.org/a.css);\n", "docs/t.css, line 2: a stylesheet loads “//x.example.org/a.css”"),
    ("u.css", '.x { background: image-set("https://x.example.org/a.png" 1x); }\n',
     "docs/u.css, line 1: a stylesheet loads “https://x.example.org/a.png” from another host"),
    ("v.css", "@font-face { font-family: X;\n src: url(data:font/woff2;base64,AAAA); }\n",
     "docs/v.css, line 2: a stylesheet loads “data:font/woff2;base64,AAAA”, which the pages' policy (font-src 'self')"),
    ("w.css", "@import 'https://x.example.org/a.css';\n", "docs/w.css, line 1: a stylesheet loads “https://x.example.org"),
    ("x.css", b"p { content: '\xe9'; }\n", "docs/x.css, line 1: not UTF-8 (byte 0xE9)"),
    ("d.json", '{"url": "javascript:alert(1)"}', "docs/d.json: “url”: “javascript:alert(1)”"),
    ("notes.txt", "Some notes.\n", "docs/notes.txt: a file served as text/plain, which is not a kind this site publishes"),
    ("x.foo", "?", "docs/x.foo: a file served as an unknown type, which is not a kind this site publishes"),
    ("b.js", b"var x = '\xe9';\n", "docs/b.js, line 1: not UTF-8 (byte 0xE9)"),
    # Published as they are.
    ("ok.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">'
               '<a xlink:href="https://example.org/"><path d="M0 0h8v8z" style="fill: red"/></a>'
               '<image href="data:image/png;base64,AAAA"/><use href="#x"/></svg>', None),
    ("ok.css", ".x { background: url(../images/favicon.svg), url('data:image/svg+xml;utf8,<svg "
               "xmlns=%22http://www.w3.org/2000/svg%22/>'); }\n", None),
    ("ok.htm", "<!doctype html><title>x</title><p><a href='https://example.org/'>a</a></p>", None),
    ("ok.xml", '<?xml version="1.0"?><doc><item href="https://example.org/">x</item></doc>', None),
    ("ok.png", b"\x89PNG\r\n\x1a\n", None),
    ("ok.woff2", b"wOF2", None),
]


def _in_docs(scratch, name, content):
    path = scratch / "docs" / "extra" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return f"extra/{name}"


@pytest.mark.parametrize("name, content, said", DOCS_FILES, ids=[d[0] for d in DOCS_FILES])
def test_a_file_of_docs_is_checked_by_its_kind_at_the_door(scratch, tmp_path, name, content, said):
    _in_docs(scratch, name, content)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert "Traceback" not in result.output, result.output
    if said is None:
        assert result.returncode == 0, result.output
        assert (result.site / "extra" / name).read_bytes() == (scratch / "docs" / "extra" / name).read_bytes()
        return
    assert result.returncode != 0
    said = said.replace("docs/", "docs/extra/", 1)
    assert said in result.output, result.output
    assert "A file of docs/ holds what this site never publishes" in result.output
    assert not (result.site / "index.html").exists(), "found before the site folder is cleaned"


# --- At the end: the same files, put straight into a built site (past the door) ------------


@pytest.mark.parametrize("name, content, said", [d for d in DOCS_FILES if d[2] and "UTF-8" not in d[2]],
                         ids=[d[0] for d in DOCS_FILES if d[2] and "UTF-8" not in d[2]])
def test_the_net_checks_every_published_file_by_its_kind(built, net_cache, name, content, said):
    (built / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    problems = check_site(built, site_scripts(built), project=net_cache)
    # The net names a page's problem without its line, and calls a script in an HTML page inline.
    what = said.split(": ", 1)[1]
    assert any(problem.startswith(name) and (what in problem or what.replace("a <script> element", "an inline script")
                                             in problem) for problem in problems), problems


def test_a_file_the_net_does_not_know_is_refused_whatever_its_content(built, net_cache):
    for name in ["payload", "x.php", "page.asp", "a.jsp"]:
        (built / name).write_text("<script>alert(1)</script>", encoding="utf-8")
    problems = check_site(built, set(), project=net_cache)
    for name in ["payload", "x.php", "page.asp", "a.jsp"]:
        assert any(problem.startswith(f"{name}: a file served as") for problem in problems), (name, problems)


def test_a_link_to_another_file_is_refused(built, net_cache):
    (built / "linked.css").symlink_to("/etc/passwd")
    assert check_site(built, site_scripts(built), project=net_cache) == [
        "linked.css: a link to another file, which a host may not serve as the site's own"]


def test_every_file_the_built_letter_publishes_is_of_a_known_kind(site):
    kinds = {path.relative_to(site.root).as_posix(): kind_of(path.name) for path in site.root.rglob("*") if path.is_file()}
    assert None not in kinds.values(), [name for name, kind in kinds.items() if kind is None]
