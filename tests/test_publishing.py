"""What every published page declares, and loads: language, name, description, nothing remote."""

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
    """`mkdocs serve` rebuilds on edits to references.bib, the CSL style and the hooks."""
    from mkdocs.config import load_config

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {str(path) for path in config.watch}
    for part in ["references.bib", "styles", "hooks"]:
        assert str(ROOT / part) in watched, part


def test_theme_css_keeps_only_what_the_pages_can_use(site):
    """The theme's stylesheet loses rules for features the site does not use, and keeps the rest,
    including those for classes its scripts add (tooltips, search results)."""
    import material

    theme_css = next((Path(material.__file__).parent / "templates").glob("assets/stylesheets/main.*.min.css"))
    built = site.root / "assets" / "stylesheets" / theme_css.name
    kept = built.read_text(encoding="utf-8")
    assert len(kept) < 0.75 * len(theme_css.read_text(encoding="utf-8"))
    for used in [".md-tooltip2--bottom", ".md-search-result__meta", ".md-typeset .footnote", ".md-nav__link"]:
        assert used in kept, used
    for unused in [".tabbed-set", ".admonition-title", ".task-list-control", ".highlighttable"]:
        assert unused not in kept, unused
