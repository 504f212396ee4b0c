"""A second engine: ProperDocs, the maintained fork of MkDocs 1.6, builds the letter through the
same plugin, page for page as MkDocs does. Only the generator tag may differ (and the PDF's
Creator, which WeasyPrint takes from it). This is the edition's tested way to build once
Material's support ends (May 2027)."""

import io
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import copy_project


def without_generator(html: bytes) -> str:
    page = BeautifulSoup(html.decode("utf-8"), "lxml")
    for tag in page.find_all("meta", attrs={"name": "generator"}):
        tag.decompose()
    return str(page)


def pdf_pages(data: bytes) -> tuple:
    """A PDF as a reader meets it: its metadata but the Creator, each page's text, every link."""
    from pypdf import PdfReader

    from letter_edition.net.published_check import pdf_actions

    reader = PdfReader(io.BytesIO(data))
    metadata = {key: value for key, value in (reader.metadata or {}).items() if key != "/Creator"}
    return metadata, [page.extract_text() for page in reader.pages], pdf_actions(data)


def test_properdocs_builds_the_same_site(tmp_path, site):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=300,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    built = tmp_path / "site"
    files = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    generators = set()
    for name in files:
        ours, theirs = (site.root / name).read_bytes(), (built / name).read_bytes()
        if name.endswith(".html"):
            generators.add(BeautifulSoup(theirs.decode("utf-8"), "lxml").find("meta", attrs={"name": "generator"})
                           ["content"])
            assert without_generator(ours) == without_generator(theirs), name
        elif name.endswith(".pdf"):
            assert pdf_pages(ours) == pdf_pages(theirs)
        else:
            assert ours == theirs, name
    assert [generator.split(",")[0] for generator in generators] == ["mkdocs-ProperDocs 1.6.7"]
