"""What every published page declares, and loads: language, name, description, nothing remote."""

import hashlib
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import mkdocs_build

# Elements through which a page makes the browser fetch something.
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data"}


def test_pages_are_english_with_name_and_description(site):
    for page in site.pages():
        html = site.html(page)
        assert html.html["lang"] == "en", page
        assert "Kosovo–Serbia" in html.title.get_text(), page
        assert html.find("meta", attrs={"name": "description"})["content"].strip(), page


def test_pages_load_nothing_from_other_hosts(site):
    """No web fonts, scripts, styles or images from anywhere but the site itself."""
    for page in site.pages():
        html = site.html(page)
        urls = [el[attr] for tag, attr in LOADING.items() for el in html.find_all(tag) if el.has_attr(attr)]
        urls += [link["href"] for link in html.find_all("link", href=True)
                 if not {"canonical", "prev", "next", "alternate"} & set(link.get("rel", []))]
        remote = [url for url in urls if urlsplit(url).netloc or url.startswith("//")]
        assert remote == [], page
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


@pytest.mark.parametrize("site_url", ["https://example.org/kosovo-letter/"])
def test_canonical_links_follow_site_url(scratch, tmp_path, site_url):
    """SITE_URL sets the canonical address, so a copy hosted anywhere names itself right."""
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": site_url})
    assert result.returncode == 0, result.output
    from bs4 import BeautifulSoup

    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    references = BeautifulSoup((result.site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find("link", rel="canonical")["href"] == site_url
    assert references.find("link", rel="canonical")["href"] == site_url + "references/"


def test_serve_watches_sources_beside_docs():
    """`mkdocs serve` rebuilds on edits to references.bib and the CSL style. Not on hooks:
    MkDocs 1.6 loads a hook once per serve, so a rebuild would run the old code."""
    from mkdocs.config import load_config

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {str(path) for path in config.watch}
    for part in ["references.bib", "styles", "overrides"]:
        assert str(ROOT / part) in watched, part
    assert str(ROOT / "hooks") not in watched


def theme_stylesheet() -> Path:
    import material

    return next((Path(material.__file__).parent / "templates").glob("assets/stylesheets/main.*.min.css"))


def linked_theme_stylesheets(site) -> set[str]:
    """The theme's main stylesheet as each page links it, resolved against the page."""
    names = set()
    for page in site.pages():
        for link in site.html(page).find_all("link", rel="stylesheet"):
            if "/main." in link["href"] or link["href"].startswith("main."):
                names.add(posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])).lstrip("/"))
    return names


def test_theme_css_keeps_only_what_the_pages_can_use(site):
    """The theme's stylesheet loses rules for features the site does not use, and keeps the rest,
    including those for classes its scripts add (tooltips, search results)."""
    [built] = linked_theme_stylesheets(site)
    kept = (site.root / built).read_text(encoding="utf-8")
    assert len(kept) < 0.75 * len(theme_stylesheet().read_text(encoding="utf-8"))
    for used in [".md-tooltip2--bottom", ".md-search-result__meta", ".md-typeset .footnote", ".md-nav__link",
                 "@media print", "@page"]:
        assert used in kept, used
    for unused in [".tabbed-set", ".admonition-title", ".task-list-control", ".highlighttable"]:
        assert unused not in kept, unused


def test_trimmed_theme_css_is_named_by_its_content(site):
    """Every page links one stylesheet whose name is its own content's hash, never the theme's
    name, so no cache can serve the full or an earlier trimmed copy in its place."""
    [built] = linked_theme_stylesheets(site)
    digest = hashlib.sha256((site.root / built).read_bytes()).hexdigest()[:8]
    assert posixpath.basename(built) == f"main.{digest}.min.css"
    assert not (site.root / "assets" / "stylesheets" / theme_stylesheet().name).exists()
    for page in site.pages():
        assert theme_stylesheet().name not in (site.root / page).read_text(encoding="utf-8"), page


def test_a_changed_stylesheet_gets_a_new_name(scratch, tmp_path, site):
    """A page that uses one more of the theme's classes keeps more rules: a new file, a new name."""
    about = scratch / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n!!! note\n    An admonition.\n", encoding="utf-8")
    (scratch / "mkdocs.yml").write_text(
        (scratch / "mkdocs.yml").read_text(encoding="utf-8").replace("  - attr_list ", "  - admonition\n  - attr_list "),
        encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    from conftest import Site

    [before], [after] = linked_theme_stylesheets(site), linked_theme_stylesheets(Site(result.site))
    assert before != after
    assert ".admonition-title" in (result.site / after).read_text(encoding="utf-8")


def test_every_page_runs_only_scripts_from_files(site):
    """Under `script-src 'self'` a browser runs no inline script: every script element has a
    `src` on the site, or is a data block (JSON, JSON-LD)."""
    for page in site.pages():
        for script in site.html(page).find_all("script"):
            if script.get("type") in ("application/json", "application/ld+json"):
                continue
            assert script.has_attr("src") and not script.get_text().strip(), (page, str(script)[:80])
            assert not urlsplit(script["src"]).netloc, page
        assert not site.html(page).find(style=True), f"{page}: an inline style attribute"
        assert not site.html(page).find("style"), f"{page}: a <style> element"


def edition_paragraph(site_root: Path):
    from bs4 import BeautifulSoup

    about = BeautifulSoup((site_root / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    return about.find(id="this-edition").find_next_sibling("p")


def test_about_page_gives_the_version_and_date_from_pyproject(site):
    import tomllib

    from conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    date = project["tool"]["edition"]["date"]
    text = edition_paragraph(site.root).get_text()
    assert f"version {project['project']['version']}" in text
    assert f"{date:%B} {date.day}, {date.year}" in text
    assert "published at" not in text, "no address is invented when SITE_URL is not set"
    assert "Corrections to the transcription since the first edition: none." in site.article("about/index.html").get_text()


def test_about_page_and_print_footer_name_the_addresses_when_known(scratch, tmp_path):
    """The publish workflow sets both; an address with `_` is given exactly."""
    site_url, repository = "https://example.org/kosovo_serbia_letter/", "https://github.com/example/kosovo_serbia_letter"
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": site_url, "EDITION_REPOSITORY": repository})
    assert result.returncode == 0, result.output
    links = [a["href"] for a in edition_paragraph(result.site).find_all("a")]
    assert links == [site_url, repository]
    css = (result.site / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    assert "@bottom-left" in css and r"kosovo\5f serbia\5f letter" in css


def test_a_version_bump_reaches_the_about_page(scratch, tmp_path):
    pyproject = scratch / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('version = "', 'version = "9.', 1), encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "version 9." in edition_paragraph(result.site).get_text()
