""".cache/letter/ cannot lie: a damaged or foreign entry is discarded and made again, and the
site published is the one a clean build publishes."""

import pytest

from letter_edition.caches import build_cache
from conftest import mkdocs_build
from helpers import site_files

KINDS = ["pandoc", "formatted-checked", "own-css", "theme-css", "script-words", "pdf", "pdf-pages", "pdf-actions",
         "template", "stylesheet-check", "extra-settings"]


def damaged(data: bytes, how: str, other: bytes) -> bytes:
    return {"empty": b"", "cut short": data[: len(data) // 2], "random bytes": bytes(range(256)) * 8,
            "another entry's content": other}[how]


DAMAGE = ["empty", "cut short", "random bytes", "another entry's content"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_entry_is_not_read(tmp_path, how):
    root = tmp_path
    first = build_cache.cached(root, "pandoc", [b"one"], lambda: "the answer")
    other = build_cache.entry(root, "pandoc", [b"two"])
    build_cache.cached(root, "pandoc", [b"two"], lambda: "another answer")
    path = build_cache.entry(root, "pandoc", [b"one"])
    path.write_bytes(damaged(path.read_bytes(), how, other.read_bytes()))
    made = []
    assert build_cache.cached(root, "pandoc", [b"one"], lambda: made.append(1) or "the answer") == first
    assert made == [1], "made again"
    assert build_cache.cached(root, "pandoc", [b"one"], lambda: made.append(2) or "x") == first and made == [1]


def test_an_entry_is_checked_against_its_own_kind(tmp_path):
    """An entry renamed into another kind's place is not that kind's answer."""
    build_cache.cached(tmp_path, "own-css", [b"x"], lambda: "a{b:c}")
    source, target = build_cache.entry(tmp_path, "own-css", [b"x"]), build_cache.entry(tmp_path, "theme-css", [b"x"])
    target.write_bytes(source.read_bytes())
    assert build_cache.read_entry(target, "theme-css") is None


def entries(project):
    folder = project / ".cache" / "letter"
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != "cited.bib")


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_cache_publishes_the_clean_site(clean, tmp_path, how):
    """Every entry of every kind damaged the same way: the build makes each again, says so in
    one line each, and publishes the site byte for byte as a clean build does."""
    import shutil

    project, expected = clean
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    kept = entries(copy)
    assert {path.name.rsplit("-", 1)[0] for path in kept} >= set(KINDS)
    for number, path in enumerate(kept):
        other = kept[(number + 1) % len(kept)].read_bytes()
        path.write_bytes(damaged(path.read_bytes(), how, other))
    (copy / ".cache" / "letter" / "cited.bib").write_bytes(damaged(b"@misc{x}", how, b"\xff\xfe"))
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    discarded = [line for line in result.output.splitlines() if "was damaged or not its own" in line]
    assert len(discarded) >= len(KINDS)
    assert site_files(tmp_path / "site") == expected


def test_the_cache_folder_can_be_deleted_at_any_time(clean, tmp_path):
    import shutil

    project, expected = clean
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    shutil.rmtree(copy / ".cache")
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert site_files(tmp_path / "site") == expected
