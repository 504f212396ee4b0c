"""The plugin package: one adapter meets MkDocs, the core runs without it, every module loads once."""

import ast
import json
import subprocess
import sys

from conftest import ROOT
from helpers import STAGES, own_imports, package_modules

# The modules that meet MkDocs: the adapter, its options, and the adjustments to mkdocs-bibtex and MkDocs.
ADAPTER = {"plugin", "config", "bibtex_adapter", "mkdocs_adapter"}
# What a stage may call in an earlier one: the one reader, beside the caches every stage calls down into.
SHARED_HELPERS = {"reading.reader"}


def imported(module: str) -> set[str]:
    """The top-level packages a module of the package imports."""
    tree = ast.parse(package_modules()[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_adapter_imports_mkdocs():
    core = set(package_modules()) - ADAPTER
    assert core, "the package has a core"
    for module in sorted(core):
        assert not imported(module) & {"mkdocs", "mkdocs_bibtex", "material"}, module


def stage_of(module: str) -> int | None:
    """A module's place in the build's order; None for the top (the adapter and shared rules)."""
    folder = module.split(".")[0] if "." in module else None
    return STAGES.index(folder) if folder else None


def test_the_stages_have_their_folders_and_only_the_adapter_calls_them_all():
    modules = package_modules()
    assert {name.split(".")[0] for name in modules if "." in name} == set(STAGES)
    top = {name for name in modules if "." not in name} - {"__init__"}
    # At the top: the adapter, its options, and the rules every stage shares.
    assert top == ADAPTER | {"errors", "markers", "addresses", "text_forms", "csl_items", "markdown_code", "html_scripts"}, top
    for name in top - ADAPTER:
        assert all(stage_of(target) is None for target, _, _ in own_imports(name)), name


def test_data_walks_forward_through_the_stages():
    """A stage imports nothing from a later stage; from an earlier one, only the shared reader and
    the typed objects (classes) and constants it is handed, never a step to run again."""
    for name in package_modules():
        here = stage_of(name)
        if here is None:
            continue
        for target, names, _ in own_imports(name):
            there = stage_of(target)
            if there is None or there == here or STAGES[there] == "caches":
                continue
            assert there < here, f"{name} imports {target}, a later stage"
            if target in SHARED_HELPERS:
                continue
            steps = [n for n in names if not n[:1].isupper()]
            assert names and not steps, f"{name} calls {target}.{steps or '(the module)'}, an earlier stage's step"


def test_the_installed_package_holds_every_module_and_file(tmp_path):
    """A wheel of the project, as `pip install .` makes it, holds every module of every stage's
    folder and every file the package reads (not only what an editable install finds)."""
    import shutil
    import zipfile

    source = tmp_path / "project"  # built from a copy: the build writes its own folders beside it
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "letter_edition", source / "letter_edition", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                             "--wheel-dir", str(tmp_path / "wheel"), str(source)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    wheel = next((tmp_path / "wheel").glob("*.whl"))
    held = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("letter_edition/")}
    package = ROOT / "letter_edition"
    wanted = {path.relative_to(ROOT).as_posix() for path in package.rglob("*")
              if path.is_file() and "__pycache__" not in path.parts}
    assert wanted and wanted == held, sorted(wanted ^ held)


# The core, run on the project's docs/ and references.bib with MkDocs made unimportable.
CORE_ALONE = """
import json, sys
from pathlib import Path
for name in ("mkdocs", "mkdocs_bibtex", "material"):
    sys.modules[name] = None  # an import of any of them fails
from letter_edition.reading.manuscript import BuildSettings, read_manuscript
from letter_edition.notes.typeset import typeset_notes
from letter_edition.page_markdown.note_markdown import place_notes
from letter_edition.page_markdown.works_cited import entry_links, write_works_cited

root = Path(sys.argv[1])
typeset = typeset_notes(read_manuscript(BuildSettings(root, root / "docs", [root / "references.bib"],
                                                      root / "styles" / "letter-notes.csl", uncited_allowed=False)))
letter = typeset.pages["index.md"]
markdown = place_notes(letter.body, typeset.notes_of("index.md"), letter.body_line, typeset.formatted.notes,
                       entry_links("index.md", typeset), "x")
references = write_works_cited(typeset.pages["references.md"].body, "references.md", typeset, lambda uri: uri)
print(json.dumps({"letter": markdown, "references": references, "cited": typeset.cited,
                  "loaded": sorted(name for name, module in sys.modules.items()
                                   if module is not None and name.split(".")[0] in ("mkdocs", "material"))}))
"""


def test_the_core_runs_on_the_project_without_mkdocs(scratch):
    result = subprocess.run([sys.executable, "-c", CORE_ALONE, str(scratch)], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["cited"] == ["rferl2021kosovo", "insiderpaper2021serbian", "halili2021russian", "eeas2021dialogue"]
    assert "[^4]: Eduart Halili, “Russian Ambassador Presence at North Border Worries Kosovo Presidency,” ALBANIA " \
           "DAILY NEWS, September 26, 2021" in out["letter"].replace("&#", "").replace("38;", "&")
    assert "(references.md#halili2021russian)" in out["letter"]
    assert "{ #halili2021russian .work data-search-exclude }" in out["references"]
    assert "Cited in [note 1](index.md#fn:1) and [note 2](index.md#fn:2)." in out["references"]
    assert out["loaded"] == []


# A build, then every module of the package as Python holds it.
LOADED_ONCE = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
files = {}
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if "letter_edition" in path or name.split(".")[0] == "letter_edition":
        files.setdefault(path, []).append(name)
print(json.dumps(files))
"""


def test_every_module_loads_once_under_one_name(scratch, tmp_path):
    result = subprocess.run([sys.executable, "-c", LOADED_ONCE, str(tmp_path / "site")], cwd=scratch,
                            capture_output=True, text=True, timeout=120,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout.strip().splitlines()[-1])
    modules = {str(path) for path in package_modules().values()}
    assert set(files) == modules, sorted(modules ^ set(files))
    assert all(len(names) == 1 and names[0].startswith("letter_edition") for names in files.values()), files


# --- The built pages, read as a browser reads them ----------------------------------------

from bs4 import BeautifulSoup  # noqa: E402

from conftest import Site, mkdocs_build  # noqa: E402
from helpers import edit, linked_theme_stylesheets  # noqa: E402


def built(scratch, tmp_path) -> Site:
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    return Site(result.site)


def test_a_script_inside_a_comment_stays_a_comment(scratch, tmp_path):
    edit(scratch / "docs" / "about.md", "## How the notes are made",
         "<!-- <script>alert(1)</script> -->\n\n## How the notes are made")
    site = built(scratch, tmp_path)
    html = (site.root / "about" / "index.html").read_text(encoding="utf-8")
    assert "<!-- <script>alert(1)</script> -->" in html
    assert not [s for s in site.html("about/index.html").find_all("script") if "alert" in (s.string or "")]
    assert not [p for p in site.root.rglob("*.js") if "alert(1)" in p.read_text(encoding="utf-8")]


def test_a_class_in_single_quotes_keeps_its_theme_rules(scratch, tmp_path):
    """The theme's rules for a class a page uses are kept, however its attribute is quoted."""
    edit(scratch / "docs" / "about.md", "## How the notes are made",
         "<div class='admonition note'><p class='admonition-title'>Note</p></div>\n\n## How the notes are made")
    site = built(scratch, tmp_path)
    [main] = linked_theme_stylesheets(site)
    assert ".admonition-title" in (site.root / main).read_text(encoding="utf-8")


def readings(scratch, added: str):
    edit(scratch / "docs" / "index.md", "readings:\n", f"readings:\n{added}")


def test_words_after_an_inline_element_are_marked(scratch, tmp_path):
    """Words after note 1's marker (an element with its own closing tag) in paragraph 3, and
    after two line breaks in an address: the mark follows each."""
    readings(scratch, "  - text: In addition, reports reveal\n    at: p3\n    remark: after a marker\n"
                      "  - text: The White House\n    at: to-president\n    remark: after line breaks\n")
    page = built(scratch, tmp_path).html("index.html")
    for where, remark, words in [("p3", "after a marker", "In addition, reports reveal"),
                                 ("to-president", "after line breaks", "The White House")]:
        mark = page.find(id=where).find("a", class_="reading-mark", title=f"Editorial remark: {remark}.")
        assert mark is not None and mark.previous_sibling.endswith(words), where


def test_an_id_is_not_found_inside_another_attribute(scratch, tmp_path):
    """`data-id="p4"` before the paragraph #p4 is not #p4: the mark goes into the paragraph."""
    edit(scratch / "docs" / "index.md", "## Addressees", '<div data-id="p4">with a stick</div>\n\n## Addressees')
    site = built(scratch, tmp_path)
    mark = site.html("index.html").find("a", class_="reading-mark", title=lambda t: t and "stickers" in t)
    assert mark.find_parent("p")["id"] == "p4"


def test_marks_link_the_about_page_without_directory_addresses(scratch, tmp_path):
    edit(scratch / "mkdocs.yml", "site_url:", "use_directory_urls: false\nsite_url:")
    site = built(scratch, tmp_path)
    marks = site.html("index.html").find_all("a", class_="reading-mark")
    assert marks and {mark["href"] for mark in marks} == {"about.html#how-the-text-was-transcribed"}
    about = BeautifulSoup((site.root / "about.html").read_text(encoding="utf-8"), "lxml")
    assert about.find(id="how-the-text-was-transcribed") is not None


def test_the_theme_adds_the_same_files_with_its_hidden_folders_unlisted(tmp_path):
    """mkdocs_adapter.py: MkDocs adds the same theme files to the site, with the adjustment and without."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from letter_edition import mkdocs_adapter

    listed = []
    for adjusted in (False, True):
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        if adjusted:
            mkdocs_adapter.list_visible_theme_files(config.theme)
            mkdocs_adapter.list_visible_theme_files(config.theme)  # once only, however often asked
        env = config.theme.get_env()
        assert (type(env.loader).__name__ == "_VisibleFilesLoader") is adjusted
        files = Files([])
        files.add_files_from_theme(env, config)
        listed.append(sorted((file.src_uri, file.abs_src_path) for file in files))
    assert listed[0] == listed[1] and len(listed[0]) > 40
