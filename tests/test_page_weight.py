"""The page weight, the one budget that is the same on every run, is held here, not only
printed by the benchmark: each page on the wire as a static host with gzip serves it."""

import pytest

from benchmarks.run import WEIGHT_BUDGET, static_weight


def test_the_letter_page_weighs_within_its_budget(site):
    weight = static_weight(site.root, "index.html")
    assert weight["bytes"] <= WEIGHT_BUDGET, f"{weight['bytes'] / 1024:.1f} KiB of {WEIGHT_BUDGET / 1024:.0f} KiB"


@pytest.mark.parametrize("page", ["about/index.html", "cite/index.html", "references/index.html", "404.html"])
def test_no_page_weighs_more_than_the_letter_page_budget(site, page):
    assert static_weight(site.root, page)["bytes"] <= WEIGHT_BUDGET


def test_the_weight_counts_what_a_page_loads(tmp_path, site):
    """A heavier stylesheet makes a heavier page: the measure reads what the page loads."""
    import random
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    before = static_weight(copy, "index.html")
    css = copy / "stylesheets" / "letter.css"
    css.write_bytes(css.read_bytes() + random.Random(1).randbytes(16 * 1024))  # 16 KiB gzip cannot shrink
    assert static_weight(copy, "index.html")["bytes"] >= before["bytes"] + 16 * 1024
