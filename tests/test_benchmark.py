"""The benchmark runs from a clean checkout and writes its figures; it is not judged here."""

import json
import subprocess
import sys

import pytest

from conftest import CHROMIUM, NO_BROWSER, ROOT, require

pytestmark = pytest.mark.browser  # Chromium, Lighthouse and Node.js from the npm registry

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
# The letter page, once: enough to show the benchmark runs (every page and the test
# edition's letter page, three rounds each, take four minutes more).
PAGES = ["/"]


def test_benchmark_runs_once_and_writes_its_figures(tmp_path):
    require(CHROMIUM is not None, "Chromium", NO_BROWSER)
    require(LIGHTHOUSE.exists(), "Lighthouse")
    output = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--repeat", "1", "--lighthouse-rounds", "1",
         "--output", str(output), "--pages", *PAGES],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(output.read_text(encoding="utf-8"))
    assert results["build"]["runs"] == 1
    assert results["build"]["full_seconds"] > 0 and results["build"]["bare_material_seconds"] > 0
    assert results["build"]["compiling_seconds"] > 0 and results["build"]["compiling_ratio"] > 0
    assert results["build"]["empty_cache_seconds"] > 0
    assert len(results["serve_rebuild"]["runs"]) == 1 and len(results["serve_rebuild"]["builds"]) == 1
    assert 0 < results["serve_rebuild"]["median_build_seconds"] <= results["serve_rebuild"]["median_seconds"]
    pages = set(PAGES)
    assert set(results["weight"]) == pages
    assert all(w["bytes"] > 0 and w["requests"] > 0 for w in results["weight"].values())
    assert set(results["lighthouse"]) == pages
    rounds = results["lighthouse_rounds"]
    assert len(rounds) == 1 and all(set(round_) == pages for round_ in rounds)
    assert results["lighthouse"] == rounds[0]
    assert results["lighthouse_version"].startswith("13."), "the current major"
    for scores in results["lighthouse"].values():
        assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
        assert all(0 <= score <= 100 for score in scores.values())
    assert set(results["library"]["build_seconds"]) == {"4", "500", "5000"}
    assert results["library"]["serve_rebuild_seconds"] > 0
    uncited = results["library"]["uncited"]
    assert uncited["entries"] == 15000 and uncited["warn_seconds"] > 0 and uncited["allow_seconds"] > 0
    assert results["scale"]["build_seconds"] > 0 and results["scale"]["pdf_pages"] >= 1
    assert results["pdf"]["cold_seconds"] > 0 and results["pdf"]["bytes"] > 0 and 1 <= results["pdf"]["pages"] <= 4
    assert "| / |" in run.stdout, "the table is printed"


def test_the_table_gives_each_pages_lowest_score_over_the_rounds():
    from benchmarks.run import CATEGORIES, lowest_scores

    rounds = [{"/": dict.fromkeys(CATEGORIES, 100)}, {"/": {**dict.fromkeys(CATEGORIES, 100), "performance": 99}},
              {"/": dict.fromkeys(CATEGORIES, 100)}]
    assert lowest_scores(rounds) == {"/": {**dict.fromkeys(CATEGORIES, 100), "performance": 99}}
