"""Every file an editor keeps, damaged in each of seven ways: the build refuses it with one
message naming the file, or builds a correct site; never a traceback from the plugin."""

import random

import pytest

from conftest import PROJECT_PARTS, ROOT, mkdocs_build


def editor_files() -> list[str]:
    """Every file of the project a build reads, found by walking the project's parts."""
    found = []
    for part in PROJECT_PARTS:
        path = ROOT / part
        found += [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return [path.relative_to(ROOT).as_posix() for path in found if "__pycache__" not in path.parts]


# A syntax error of each kind of file, by its extension: what an editor's slip looks like there.
SYNTAX_ERRORS = {
    ".yml": lambda text: text + "\nbroken: [unclosed\n",
    ".toml": lambda text: text + "\n[unclosed\n",
    ".bib": lambda text: text.rstrip().removesuffix("}") + "\n",
    ".csl": lambda text: text.replace("</macro>", "</macr>", 1),
    ".svg": lambda text: text.replace("/>", ">", 1),
    ".html": lambda text: text + "\n{% if page %}\n",
    ".md": lambda text: "---\nletter: [unclosed\n---\n" + text.split("\n---\n", 1)[-1],
    ".css": lambda text: text + "\n.x { background: url(",
    ".js": lambda text: text + "\nfunction (\n",
}


def damage(path, how: str) -> None:
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "cut in half":
        path.write_bytes(data[:len(data) // 2])
    elif how == "random bytes":
        path.write_bytes(random.Random(str(path.name)).randbytes(256))
    elif how == "a Latin-1 byte":
        path.write_bytes(data.replace(b"\n", b"\n\xe9 ", 1))
    elif how == "a syntax error":
        path.write_text(SYNTAX_ERRORS[path.suffix](data.decode("utf-8")), encoding="utf-8")
    elif how == "deleted":
        path.unlink()
    elif how == "a folder in its place":
        path.unlink()
        path.mkdir()
        (path / "stray.txt").write_text("x", encoding="utf-8")


DAMAGES = ["empty", "cut in half", "random bytes", "a Latin-1 byte", "a syntax error", "deleted", "a folder in its place"]
CASES = [(name, how) for name in editor_files() for how in DAMAGES]


def test_the_table_holds_every_kind_of_editor_file():
    """A new kind of file in the project needs its syntax error here."""
    assert {name.rsplit("/", 1)[-1].rpartition(".")[2] for name in editor_files()} <= {
        suffix.lstrip(".") for suffix in SYNTAX_ERRORS}
    assert len(CASES) >= 7 * 16


# Where the damage shows first in another file, the refusal names that file, and says what it lacks.
SHOWN_ELSEWHERE = {
    # The letter plugin's own section is cut off: MkDocs builds without it, and the strict build
    # stops at the links to the downloads the plugin makes.
    ("mkdocs.yml", "cut in half"): "Doc file 'cite.md' contains a link 'letter.bib', but the target is not found",
    ("docs/index.md", "empty"): "docs/about.md: \\pdf_edition links the letter's PDF, but no page describes a letter.",
    ("docs/about.md", "empty"): "docs/index.md, front matter 'readings': the marks beside the readings kept as "
                                "written link to the page that lists them, and no page of docs/ holds \\readings.",
    ("docs/references.md", "empty"): "No page contains \\works_cited: the notes have no references page to link to.",
    ("docs/references.md", "cut in half"): "No page contains \\works_cited",
    # Without the print rules WeasyPrint sets the whole page, navigation and all, and its links
    # to the other pages would be file: addresses in the PDF.
    ("docs/stylesheets/letter.css", "empty"): "letter.pdf: a link to “file:",
    ("docs/stylesheets/letter.css", "cut in half"): "letter.pdf: a link to “file:",
    # MkDocs then uses the theme's own main.html, which writes no policy.
    ("overrides/main.html", "deleted"): "does not carry the site's Content-Security-Policy first in its <head> (the "
                                        "template in overrides/ writes it",
}


@pytest.mark.parametrize("name, how", CASES, ids=[f"{n} {h}" for n, h in CASES])
def test_a_damaged_editor_file(scratch, tmp_path, name, how):
    damage(scratch / name, how)
    result = mkdocs_build(scratch, tmp_path / "site")
    if name == "mkdocs.yml" and how == "a folder in its place":
        # MkDocs opens its configuration before any plugin is loaded, and ends in its own traceback.
        assert "IsADirectoryError" in result.output and "letter_edition" not in result.output, result.output
        return
    assert "Traceback" not in result.output, result.output
    if result.returncode == 0:
        # A correct build: the damage is what the editor saved, published as it is and checked by the net.
        assert (result.site / "index.html").exists()
        assert "WARNING" not in result.output and "ERROR" not in result.output, result.output
        assert broken_pages(result.site) == []
        return
    # MkDocs names its configuration file "the configuration file", or the setting ("Config value 'site_name'").
    names = ["mkdocs.yml", "configuration", "Config value"] if name == "mkdocs.yml" else [name, name.removeprefix("docs/")]
    assert SHOWN_ELSEWHERE.get((name, how), "\0") in result.output or any(
        f"{shown}" in result.output for shown in names), result.output
    if "Aborted with a BuildError" in result.output:  # (a strict build stopped by warnings has written its site)
        assert not (result.site / "index.html").exists(), "nothing is published"


def broken_pages(site) -> list[str]:
    """What a reader would find broken, read with a parser apart from the build's own net: a
    page without the policy first in its head, or one that loads a file the site lacks."""
    from bs4 import BeautifulSoup

    from letter_edition.net.policy import CONTENT_SECURITY_POLICY

    broken = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        first = soup.head.find(True) if soup.head else None
        if first is None or first.get("http-equiv") != "Content-Security-Policy" or \
                first.get("content") != CONTENT_SECURITY_POLICY:
            broken.append(f"{name}: no policy first in its head")
        for element in soup.select("link[href], script[src], img[src]"):
            address = (element.get("href") or element.get("src")).split("#")[0].split("?")[0]
            if element.name == "link" and not {"stylesheet", "icon"} & set(element.get("rel") or []):
                continue
            if "://" in address or address.startswith("data:") or not address:
                continue
            target = site / address.lstrip("/") if address.startswith("/") else page.parent / address
            if not target.resolve().is_file():
                broken.append(f"{name}: loads {address}, which is not published")
    return broken


def test_the_letter_as_built_is_not_broken(site):
    assert broken_pages(site.root) == []


def test_an_empty_page_does_not_carry_the_page_before(scratch, tmp_path):
    """Markdown runs no tree step on an empty page: what the page before it found (the letter's
    anchors: about.md is read right after index.md) is not its own."""
    (scratch / "docs" / "about.md").write_text("", encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert "Traceback" not in result.output
    assert "docs/about.md: the new anchor" not in result.output, result.output


def test_a_script_or_stylesheet_mkdocs_yml_lists_must_be_in_docs(scratch, tmp_path):
    """Found where mkdocs.yml is read, before the site folder is cleaned, naming the entry."""
    from helpers import edit

    edit(scratch / "mkdocs.yml", "extra_javascript:\n", "extra_javascript:\n  - javascripts/gone.js\n")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/javascripts/gone.js: file not found. Restore the file mkdocs.yml lists under extra_javascript "
            "(git checkout -- docs/javascripts/gone.js).") in result.output, result.output


def test_an_unforeseen_fault_in_a_step_is_one_message_naming_the_step(scratch, tmp_path, monkeypatch):
    """A step that fails in a way nobody foresaw: one line naming the step, the traceback only under --verbose."""
    from letter_edition import plugin

    def broken(*args, **kwargs):
        raise KeyError("nobody foresaw this")

    monkeypatch.setattr(plugin, "trim_theme_css", broken)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    assert ("The letter plugin stopped while finishing and checking the built site: KeyError: 'nobody foresaw this'"
            in result.output), result.output


def test_the_traceback_of_an_unforeseen_fault_is_shown_under_verbose(caplog):
    """`mkdocs build --verbose` shows MkDocs' debug messages: the traceback is one of them."""
    import logging

    from mkdocs.exceptions import PluginError

    from letter_edition.plugin import step

    class Plugin:
        @step("doing one thing")
        def on_event(self):
            return {}["missing"]

    with caplog.at_level(logging.DEBUG, logger="mkdocs"), pytest.raises(PluginError) as raised:
        Plugin().on_event()
    assert str(raised.value).startswith("The letter plugin stopped while doing one thing: KeyError: 'missing'.")
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.levelno == logging.DEBUG and "doing one thing" in record.getMessage()
