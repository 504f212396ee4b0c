"""Files as editors save them: a byte-order mark, CR LF or CR line ends read as MkDocs reads them."""

import shutil

import pytest

from conftest import mkdocs_build
from helpers import site_files
EDITOR_FILES = ["references.bib", "mkdocs.yml", "styles/letter-notes.csl", "paragraph-anchors.yml", "pyproject.toml",
                "docs/index.md", "docs/references.md", "docs/cite.md", "docs/about.md", "docs/stylesheets/letter.css",
                "docs/javascripts/margin_notes.js"]
SAVED_AS = {
    "a byte-order mark": lambda text: "\ufeff" + text,
    "CR LF": lambda text: text.replace("\n", "\r\n"),
    "a byte-order mark and CR LF": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "CR": lambda text: text.replace("\n", "\r"),
}


@pytest.mark.parametrize("how", SAVED_AS)
def test_every_editor_file_saved_another_way_gives_the_same_site(clean, tmp_path, how):  # noqa: F811
    project, expected = clean
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    for name in EDITOR_FILES:
        path = copy / name
        path.write_bytes(SAVED_AS[how](path.read_text(encoding="utf-8")).encode("utf-8"))
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert site_files(tmp_path / "site") == expected


@pytest.mark.parametrize("name, fault, said", [
    ("references.bib", "{{Insider Paper}},", "references.bib, line 22: syntax error in entry 'insiderpaper2021serbian'"),
    ("docs/index.md", "[^4]: @halili2021russian", "docs/index.md, line 97: 'halili2021russain'"),
])
def test_messages_name_the_line_an_editor_sees(scratch, tmp_path, name, fault, said):
    """Line numbers count CR LF and CR line ends as the editor's window shows them."""
    path = scratch / name
    text = path.read_text(encoding="utf-8")
    broken = text.replace(fault, fault.replace("}},", "},") if "}}" in fault else fault.replace("russian", "russain"))
    path.write_bytes(("\ufeff" + broken.replace("\n", "\r\n")).encode("utf-8"))
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0 and said in result.output, result.output
