"""A strict build stops, naming the cause, rather than publish a page with a fault."""

from conftest import mkdocs_build


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unknown_citation_key_fails_the_build(scratch, tmp_path):
    """A note citing a key that references.bib lacks stops the build and names the key."""
    edit(scratch / "docs" / "index.md", "[^4]: @halili2021russian", "[^4]: @halili2021russain")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert "halili2021russain" in result.output


def test_uncited_entry_fails_the_build(scratch, tmp_path):
    """A work in references.bib that no note cites would be listed for nothing: the build stops."""
    edit(scratch / "references.bib", "@online{eeas2021dialogue,",
         "@misc{unused2021,\n  title = {{Unused}},\n}\n\n@online{eeas2021dialogue,")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert "'unused2021' is not cited by any note" in result.output


def test_dead_link_fails_the_build(scratch, tmp_path):
    edit(scratch / "docs" / "references.md", "\\works_cited", "[Gone](gone.md)\n\n\\works_cited")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert "gone.md" in result.output


def test_dead_anchor_fails_the_build(scratch, tmp_path):
    edit(scratch / "docs" / "references.md", "\\works_cited", "[See](index.md#p99)\n\n\\works_cited")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0
    assert "#p99" in result.output
