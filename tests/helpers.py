"""What the tests share: editing a project, reading a build and the pages it wrote, and the
checks run in a browser. Tests import these from here, never from another test module."""

import posixpath
import re
from pathlib import Path

from conftest import mkdocs_build
from editor_inputs import ENTRIES

# --- Editing a project, and what a faulty build says -----------------------------------------

def line_of(path, text) -> int:
    """The line of a file on which `text` starts."""
    content = path.read_text(encoding="utf-8")
    assert text in content, text
    return content[:content.index(text)].count("\n") + 1


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed_build(project, tmp_path):
    """Build, and check what every faulty build must do: fail, plainly, before writing pages."""
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


def errors(result) -> list[str]:
    """The messages the build logged at ERROR or WARNING, as `LEVEL: message`."""
    found = (re.match(r"(ERROR|WARNING)\s*-\s+(.*)", line) for line in result.output.splitlines())
    return [f"{m[1]}: {m[2]}" for m in found if m]


# --- The built site, as a reader's browser gets it ---------------------------------------


def linked_theme_stylesheets(site, stem: str = "main") -> set[str]:
    """One of the theme's stylesheets as each page links it, resolved against the page."""
    names = set()
    for page in site.pages():
        for link in site.html(page).find_all("link", rel="stylesheet"):
            if posixpath.basename(link["href"]).startswith(f"{stem}."):
                names.add(posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])).lstrip("/"))
    return names


def site_files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


# The edition's own headings on the letter page.
EDITION_HEADINGS = ["Addressees", "Letter", "Signatories", "Notes"]


LINE_BREAK = "\u2028"


def element_lines(element) -> list[str]:
    """An element's text as a reader sees it, one item per line (<br>), permalinks left out."""
    element = element.__copy__()
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    for br in element.find_all("br"):
        br.replace_with(LINE_BREAK)
    return [" ".join(line.split()) for line in element.get_text().split(LINE_BREAK)]


def rendered_letter_lines(article) -> list[str]:
    lines = []
    for element in article.find_all(["h1", "p"], recursive=False):
        lines += element_lines(element)
    return lines


def note_text(item) -> str:
    """A note as read: its text and web address, without the edition's links."""
    item = item.__copy__()
    for link in item.select("a.note-entry, .note-entries, a.footnote-backref"):
        link.decompose()
    return " ".join(item.get_text().split())


def rendered_notes(site, page: str = "index.html") -> dict[str, object]:
    items = site.article(page).select("div.footnote > ol > li")
    return {item["id"].removeprefix("fn:"): item for item in items}


# --- In a browser --------------------------------------------------------------------------

# Where each note's "References entry" link starts: after the visible end of the text before
# it (the space between them not counted), on the same line, or on the next line at the
# text's own left edge.
ENTRY_LINK_PLACES = """() => [...document.querySelectorAll(".footnote li")]
  .filter(note => note.querySelector("a.note-entry")).map(note => {
    const link = note.querySelector("a.note-entry")
    const text = document.createRange()
    text.setStart(note.querySelector("p"), 0)
    text.setEndBefore(link)
    while (/\\s$/.test(text.toString())) {  // leave the space out, wherever its node ends
        const end = text.endContainer, offset = text.endOffset
        if (end.nodeType === Node.TEXT_NODE && offset > 0) {
            text.setEnd(end, offset - 1)
        } else {
            const previous = end.nodeType === Node.TEXT_NODE ? end.previousSibling : end.childNodes[offset - 1]
            text.setEnd(previous, previous.nodeType === Node.TEXT_NODE ? previous.length : previous.childNodes.length)
        }
    }
    const lines = [...text.getClientRects()].filter(r => r.width > 0)
    const last = lines[lines.length - 1], box = link.getBoundingClientRect()
    return {note: note.id, sameLine: Math.abs(box.bottom - last.bottom) < 4, gap: box.left - last.right,
            indent: box.left - Math.min(...lines.map(r => r.left))}
})"""


def assert_entry_links_follow_their_text(places: list[dict]) -> None:
    for place in places:
        if place["sameLine"]:
            assert 5 <= place["gap"] <= 12, place  # set off by more than a word space
        else:
            assert abs(place["indent"]) < 0.5, place


# The rules axe-core checks: WCAG 2.1 A and AA, and its best practices.
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page, axe_source: str | None) -> list[str]:
    """axe-core's findings on the page; `axe_source` None where the context already loads it."""
    # Colours are measured once fades and transitions have ended.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    if axe_source is not None:
        page.add_script_tag(content=axe_source)
    # Only the violations are collected: the passes' details would double the run.
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           RULES)
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


# --- The editor's inputs ------------------------------------------------------------------

# The web addresses of the editor's inputs (editor_inputs.py), by key.
URL_ENTRIES = {key: re.search(r"\burl = \{([^}]*)\}", text)[1] for key, text in ENTRIES.items()
               if "url = {" in text and "archiveurl" not in text}


# --- The plugin package, as its files and imports say ---------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "letter_edition"
# The stages, in the order the build runs them; a module outside them sits at the top.
STAGES = ["reading", "notes", "page_markdown", "publishing", "net", "caches"]


def package_modules() -> dict[str, Path]:
    """Every module of the package by its dotted name under the package ("reading.reader")."""
    return {".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
            for path in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in path.parts}


def own_imports(module: str) -> list[tuple[str, list[str], bool]]:
    """The package's modules a module imports: (module, the names taken, whether at run time
    rather than under a function), resolved from relative imports."""
    import ast

    modules = package_modules()
    here = module.split(".")[:-1]
    tree = ast.parse(modules[module].read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = here[:len(here) - (node.level - 1)]
        target = [*base, *(node.module.split(".") if node.module else [])]
        for alias in node.names:
            name = ".".join([*target, alias.name])
            if name in modules:  # `from . import addresses`
                found.append((name, [], id(node) in top))
            elif ".".join(target) in modules:
                found.append((".".join(target), [alias.name], id(node) in top))
    return found


def wait_until(condition, timeout: float, what: str, alive=lambda: True):
    """Wait for a state (never for a time): `condition()` true, checked again and again until
    `timeout` seconds have passed; `alive()` false ends the wait at once (a process that died)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        assert alive(), f"stopped while waiting: {what}"
        time.sleep(0.1)
    raise AssertionError(f"{what} within {timeout} s")
