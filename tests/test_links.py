"""A stable link to every part of the letter, and no link that leads nowhere."""

import posixpath
from urllib.parse import urlsplit

from conftest import ROOT, Site, mkdocs_build

# Every part of the letter that can be linked to, in reading order.
PARAGRAPH_ANCHORS = ["date", "to-president", "to-secretary", "salutation"] + [f"p{n}" for n in range(1, 8)]


def test_sections_have_permalinks(site):
    """The headline and each section heading carry an id and a permalink to it."""
    article = site.article("index.html")
    for heading in article.find_all(["h1", "h2"]):
        assert heading.select_one("a.headerlink")["href"] == f"#{heading['id']}"
    assert [h["id"] for h in article.find_all("h2")] == ["addressees", "letter", "signatories", "notes"]


def test_every_paragraph_has_a_short_anchor_and_a_permalink(site):
    """Body paragraphs are #p1…#p5, the thanks #p6, the signature block #p7; the others are named."""
    paragraphs = site.article("index.html").find_all("p", recursive=False)
    ids = [p["id"] for p in paragraphs]
    assert ids == PARAGRAPH_ANCHORS
    assert paragraphs[4].get_text().startswith("We write to urge you")
    assert paragraphs[9].get_text().startswith("Thank you for your time")
    assert paragraphs[10].get_text().startswith("Members of US Congress:")
    for paragraph in paragraphs:
        permalink = paragraph.select_one("a.paragraph-link")
        assert permalink["href"] == f"#{paragraph['id']}"
        assert permalink["aria-label"]
        assert permalink.get_text() == "", "the ¶ mark is drawn by CSS, not part of the text"


def test_anchors_do_not_change_between_builds(site, tmp_path):
    """A second build gives every element of the letter the same id."""
    again = mkdocs_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output

    def ids(html):
        return [el["id"] for el in html.select("article [id]")]

    assert ids(site.html("index.html")) == ids(Site(again.site).html("index.html"))


def test_every_internal_link_and_fragment_resolves(site):
    """Each link between the site's pages, and each #fragment, leads to an existing element."""
    checked = 0
    for page in site.pages():
        for link in site.html(page).find_all("a", href=True):
            url = urlsplit(link["href"])
            if url.scheme or url.netloc:
                continue
            # The 404 page links from the site's root, as it is served at any path.
            base = "/" if url.path.startswith("/") else posixpath.dirname(page)
            target = posixpath.normpath(posixpath.join(base, url.path)).lstrip("/") if url.path else page
            if (site.root / target).is_dir():
                target = posixpath.join(target, "index.html")
            assert (site.root / target).is_file(), f"{page}: {link['href']}"
            if url.fragment:
                assert site.html(target).find(id=url.fragment) is not None, f"{page}: {link['href']}"
            checked += 1
    assert checked > 50
