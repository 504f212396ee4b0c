"""The docs tell their readers the truth: every path they name exists, the README's commands
are the ones CI and the publish workflow run, and each document stays with its reader."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import own_imports, package_modules

README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
DOCS = ["README.md", "EDITING.md", "ARCHITECTURE.md", "benchmarks/README.md"]
CODE = re.compile(r"`([^`]+)`")


def table_rows(text: str) -> list[list[str]]:
    """The cells of every Markdown table row, header and rule rows left out."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.fullmatch(r"[|\s:-]+", line):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def named_paths() -> list[str]:
    """What the first column of ARCHITECTURE.md's tables of files and modules names, as paths in the checkout."""
    tables = section("## Where things are", ARCHITECTURE) + section("## The plugin, stage by stage", ARCHITECTURE)
    return [name for row in table_rows(tables) for name in CODE.findall(row[0]) if "/" in name or "." in name]


def test_the_file_table_names_only_what_exists():
    paths = named_paths()
    assert len(paths) > 20
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert missing == []



def test_every_module_and_test_file_is_in_the_file_table():
    paths = set(named_paths())
    for name, path in package_modules().items():
        if name.endswith(".__init__"):  # a stage folder's: empty, a module is imported by its own name
            assert path.read_text(encoding="utf-8") == "", name
            continue
        assert path.relative_to(ROOT).as_posix() in paths, name
    tests_row = next(row for row in table_rows(ARCHITECTURE) if row[0] == "`tests/`")[1]
    for test in sorted((ROOT / "tests").glob("test_*.py")):
        topic = test.stem.removeprefix("test_").replace("_", " ")
        assert re.search(rf"\b{topic}\b", tests_row, re.IGNORECASE), test.name


def test_the_plugin_is_listed_and_every_module_is_used():
    """mkdocs.yml lists the plugin and no hooks; every module is reached from plugin.py."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^  - letter:$", config, re.MULTILINE) and "hooks:" not in config
    reached, pending = {"plugin", "__init__"}, ["plugin"]
    while pending:
        for module, _, _ in own_imports(pending.pop()):
            if module not in reached:
                reached.add(module)
                pending.append(module)
    assert {name for name in package_modules() if not name.endswith(".__init__")} == reached


def test_paths_named_in_comments_exist():
    """A comment naming a module, style or test (`letter_edition/….py`) names one that is there."""
    for source in ["pyproject.toml", "mkdocs.yml", "styles/letter-notes.csl", ".ci/run", ".ci/install-test-tools",
                   ".ci/install-system-libraries", ".github/workflows/publish.yml", "overrides/main.html",
                   "paragraph-anchors.yml", "references.bib", *DOCS,
                   *(path.relative_to(ROOT).as_posix() for path in package_modules().values())]:
        text = (ROOT / source).read_text(encoding="utf-8")
        for named in re.findall(r"\b((?:letter_edition|styles|tests|overrides|docs)/[\w./-]+\.(?:py|csl|html|css|js|md))\b(?![.\w])",
                                text):
            assert (ROOT / named).exists(), f"{source} names {named}"
        assert "hooks/" not in text, f"{source} names hooks/, which is gone"


def section(title: str, document: str = README) -> str:
    """A document's text (the README's) from a `## ` heading to the next (or the end)."""
    text = document[document.index(title):]
    end = text.find("\n## ", 1)
    return text if end < 0 else text[:end]


def commands(section_title: str) -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", section(section_title), re.DOTALL)


def test_ci_runs_the_readmes_test_command_and_tool_script():
    serve, test, tools = commands("## Two commands")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test.replace("pip install", "pip install --quiet") in run
    assert tools in run
    for command in (serve, test):
        assert "-c constraints.txt" in command, command
        assert "sudo" not in command


def test_every_install_uses_the_locked_versions():
    """pip always installs with `-c constraints.txt`; the file pins every package exactly."""
    for source in [*DOCS, ".ci/run", ".github/workflows/publish.yml", "benchmarks/run.py"]:
        for install in re.findall(r"pip install[^\n`]*", (ROOT / source).read_text(encoding="utf-8")):
            assert "-c constraints.txt" in install, f"{source}: {install}"
    pins = [line for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[\w.-]+==[\w.+-]+", pin) for pin in pins), pins
    names = {pin.split("==")[0].lower().replace("_", "-") for pin in pins}
    for needed in ["mkdocs", "mkdocs-material", "mkdocs-bibtex", "pybtex", "pypandoc-binary", "tinycss2",
                   "pytest", "playwright"]:
        assert needed in names, needed


@pytest.fixture
def publishable(scratch) -> Path:
    (scratch / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "build-site", scratch / ".ci" / "build-site")
    return scratch


def build_site(project: Path, target: str) -> subprocess.CompletedProcess:
    [command] = commands("## Publishing")[:1]
    assert command.startswith("SITE_URL=") and command.endswith(" bash .ci/build-site"), command
    env = {**os.environ, "MKDOCS": str(Path(sys.executable).parent / "mkdocs"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["bash", ".ci/build-site", target], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_publish_build_puts_a_passing_build_in_place(publishable):
    (publishable / "site").mkdir()
    (publishable / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = build_site(publishable, "site")
    assert result.returncode == 0, result.stderr
    assert (publishable / "site" / "index.html").exists()
    assert not (publishable / "site" / "stale.html").exists()
    assert sorted(p.name for p in publishable.iterdir() if p.name.startswith("site")) == ["site"]


def test_publish_build_never_replaces_the_last_good_site_with_a_failed_one(publishable):
    """A strict build that fails on a warning (a dead link) leaves the published folder as
    it was, and leaves none of its own output behind."""
    (publishable / "site").mkdir()
    (publishable / "site" / "index.html").write_text("the last good build", encoding="utf-8")
    about = publishable / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[dead](nowhere.md)\n", encoding="utf-8")
    result = build_site(publishable, "site")
    assert result.returncode != 0
    assert "nowhere.md" in result.stdout + result.stderr
    assert (publishable / "site" / "index.html").read_text(encoding="utf-8") == "the last good build"
    assert sorted(p.name for p in publishable.iterdir() if p.name.startswith("site")) == ["site"]


def test_every_locked_version_installs_on_the_oldest_supported_python():
    """Each pinned package admits the oldest Python pyproject.toml allows (3.11.0), so the
    README's commands work on any Python 3.11, Debian 12's 3.11.2 among them."""
    import tomllib
    from importlib.metadata import PackageNotFoundError, metadata

    from packaging.specifiers import SpecifierSet

    oldest = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    oldest = oldest.removeprefix(">=").strip() + ".0" if oldest.count(".") == 1 else oldest.removeprefix(">=")
    too_new = []
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            try:
                requires = metadata(name)["Requires-Python"]
            except PackageNotFoundError:
                continue
            if requires and oldest not in SpecifierSet(requires):
                too_new.append(f"{name} {version} needs Python {requires}")
    assert too_new == []


def test_the_readme_is_a_newcomers():
    """What it is, the two commands, a note and a source, linking, publishing: short."""
    assert README.count("\n") < 250
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    assert headings == ["Two commands", "Adding a note and a source", "Linking to a paragraph",
                        "What the build guarantees", "Publishing", "Where to read more"], headings
    notes = section("## Adding a note and a source")
    assert "marker" in notes and "[^6]" in notes and "definition" in notes and "[^6]: @" in notes


def test_each_document_has_its_readers_part():
    editing = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for title in ["## Citing a source", "## Changing how the letter is cited", "## Readings kept as written",
                  "## The plugin's options", "## Adding a paragraph", "## When the build fails"]:
        assert title in editing, title
    assert "## Where things are" in ARCHITECTURE and "## Where things are" not in README
    benchmarks = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "Latest run" in benchmarks and "Latest run" not in README


def test_no_test_module_imports_another():
    """Tests share helpers through tests/helpers.py (and fixtures), never by importing a test module."""
    import ast

    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            assert not [name for name in names if name.split(".")[0].startswith("test_")], path.name
