"""references.bib as a library: thousands of entries, of which the letter cites four."""

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from conftest import mkdocs_build
from benchmarks.run import library_bib  # the benchmark's own library, so both read the same

CITED = {"rferl2021kosovo", "insiderpaper2021serbian", "halili2021russian", "eeas2021dialogue"}


def with_library(project, uncited: int, mode: str):
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + library_bib(uncited), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("uncited: warn", f"uncited: {mode}"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def library_site(tmp_path_factory):
    from conftest import copy_project

    project = with_library(copy_project(tmp_path_factory.mktemp("library")), 5000, "allow")
    result = mkdocs_build(project, project.parent / "site")
    return result


def test_library_mode_builds_quietly(library_site):
    """5,000 uncited entries: the strict build passes and says nothing about them."""
    assert library_site.returncode == 0, library_site.output
    assert "WARNING" not in library_site.output


def test_library_mode_publishes_only_the_cited_works(library_site):
    references = BeautifulSoup((library_site.site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert {p["id"] for p in references.select("p.work")} == CITED
    download = parse_string((library_site.site / "references.bib").read_text(encoding="utf-8"), "bibtex")
    assert set(download.entries) == CITED
    assert "library00042" not in (library_site.site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_uncited_entries_fail_the_strict_build_by_default(scratch, tmp_path):
    """Without library mode each uncited entry is a warning: the first ten named, the rest counted."""
    result = mkdocs_build(with_library(scratch, 25, "warn"), tmp_path / "site")
    assert result.returncode == 1
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 11
    assert "entry 'library00000' is not cited by any note" in warnings[0]
    assert "15 more entries are not cited by any note" in warnings[-1]


def test_an_unknown_mode_is_one_message(scratch, tmp_path):
    result = mkdocs_build(with_library(scratch, 0, "sometimes"), tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "uncited" in result.output and "'sometimes'" in result.output and "('warn', 'allow')" in result.output
