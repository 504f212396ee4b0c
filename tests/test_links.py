"""A stable link to every part of the letter, and no link that leads nowhere."""

import posixpath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from conftest import Site, mkdocs_build
from helpers import edit

def test_sections_have_permalinks(edition):
    """The headline and each section heading carry an id and a permalink to it."""
    article = edition.site.article("index.html")
    for heading in article.find_all(["h1", "h2"]):
        assert heading.select_one("a.headerlink")["href"] == f"#{heading['id']}"
    assert [h["id"] for h in article.find_all("h2")] == edition.headings


def test_every_paragraph_has_a_short_anchor_and_a_permalink(edition):
    """Body paragraphs are numbered #p1, #p2, … in reading order; the others are named."""
    paragraphs = edition.site.article("index.html").find_all("p", recursive=False)
    assert [p["id"] for p in paragraphs] == edition.paragraph_anchors
    for paragraph in paragraphs:
        permalink = paragraph.select_one("a.paragraph-link")
        assert permalink["href"] == f"#{paragraph['id']}"
        assert permalink["aria-label"]
        assert permalink.get_text() == "", "the ¶ mark is drawn by CSS, not part of the text"


def test_the_letters_paragraphs_are_numbered_as_it_reads(site):
    """#p1 is the first body paragraph, #p6 the thanks, #p7 the signature block."""
    paragraphs = {p["id"]: p for p in site.article("index.html").find_all("p", recursive=False)}
    assert paragraphs["p1"].get_text().startswith("We write to urge you")
    assert paragraphs["p6"].get_text().startswith("Thank you for your time")
    assert paragraphs["p7"].get_text().startswith("Members of US Congress:")


def test_anchors_do_not_change_between_builds(edition, tmp_path):
    """A second build gives every element of the letter the same id."""
    again = mkdocs_build(edition.project, tmp_path / "again")
    assert again.returncode == 0, again.output

    def ids(html):
        return [el["id"] for el in html.select("article [id]")]

    assert ids(edition.site.html("index.html")) == ids(Site(again.site).html("index.html"))


def test_every_internal_link_and_fragment_resolves(edition):
    """Each link between the site's pages, and each #fragment, leads to an existing element."""
    site = edition.site
    parsed = {}  # each page read once
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
                if target not in parsed:
                    parsed[target] = {e["id"] for e in site.html(target).find_all(id=True)}
                assert url.fragment in parsed[target], f"{page}: {link['href']}"
            checked += 1
    assert checked > 50


# --- Published anchors never move silently -------------------------------------------------

NEW_PARAGRAPH = "A paragraph added between two others."


def test_a_paragraph_added_between_two_stops_the_build_naming_the_anchor(scratch, tmp_path):
    """Inserted before paragraph 5, it would take #p5: the build says which anchor and how to keep it."""
    edit(scratch / "docs" / "index.md", "We are encouraged", f"{NEW_PARAGRAPH}\n\nWe are encouraged")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "docs/index.md: published anchors would break (paragraph-anchors.yml records them)." in result.output
    assert ("Moved: #p5 from “We are encouraged by the interim …” to “A paragraph added between two others. …”; "
            "#p6 from “Thank you for your time and …” to “We are encouraged by the interim …”; #p7 from") in result.output
    assert "{ #p5 }" in result.output and "{ .editorial }" in result.output


def test_an_editorial_note_moves_no_anchor(scratch, tmp_path):
    """Marked `{ .editorial }`, the edition's own paragraph gets no number, and #p5–#p7 stay."""
    edit(scratch / "docs" / "index.md", "We are encouraged",
         f"Editorial note: {NEW_PARAGRAPH}\n{{ .editorial }}\n\nWe are encouraged")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find(id="p5").get_text().startswith("We are encouraged")
    assert letter.find("p", class_="editorial").find("a", class_="paragraph-number") is None


def test_a_pinned_anchor_stays_with_its_paragraph(scratch, tmp_path):
    """The editor's fix: pin #p5–#p7 on their paragraphs; the new paragraph gets #p8, and the
    build asks for it to be recorded (a warning, so the strict build fails until it is)."""
    page = scratch / "docs" / "index.md"
    edit(page, "We are encouraged", f"{NEW_PARAGRAPH}\n\nWe are encouraged")
    edit(page, "final resolution.\n", "final resolution.\n{ #p5 }\n")
    edit(page, "implications of the situation.\n", "implications of the situation.\n{ #p6 }\n")
    edit(page, "(Albanian Issues Caucus Members)\n", "(Albanian Issues Caucus Members)\n{ #p7 }\n")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 1
    assert "the new anchor #p8 (“A paragraph added between two others. …”) is not in paragraph-anchors.yml" \
        in result.output
    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find(id="p5").get_text().startswith("We are encouraged")
    assert letter.find(id="p8").get_text().startswith(NEW_PARAGRAPH)


def test_a_dropped_paragraph_stops_the_build(scratch, tmp_path):
    edit(scratch / "docs" / "index.md", "Thank you for your time and we look forward to an expeditious response "
         "given the security implications of the situation.\n\n", "")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 1
    assert "Moved: #p6 from “Thank you for your time and …” to “Members of US Congress: Ritchie Torres …”" \
        in result.output
    assert "Dropped: #p7 (“Members of US Congress: Ritchie Torres …”)" in result.output


# A note marker added to each of five recorded paragraphs, in a different place in each.
MARKERS = {
    "at the start": ("Kosovo reciprocated Serbia’s", "[^6]Kosovo reciprocated Serbia’s"),
    "after the first word": ("On Sunday, tensions", "On[^7] Sunday, tensions"),
    "among the first words": ("We write to urge you", "We write to urge[^8] you"),
    "in the middle": ("in reprisal of the policy.[^1]", "in reprisal of the policy.[^1][^9]"),
    "at the end": ("supporting Serbia’s tactics.[^4]", "supporting Serbia’s tactics.[^4][^10]"),
}


def test_a_note_marker_added_to_a_paragraph_moves_no_anchor(scratch, tmp_path):
    """A paragraph's first words, as the record reads them, leave out note markers: a marker
    added anywhere in a recorded paragraph is not a move."""
    notes = ""
    for number, (old, new) in enumerate(MARKERS.values(), start=6):
        edit(scratch / "docs" / "index.md", old, new)
        notes += f"\n[^{number}]: @halili2021russian"
    edit(scratch / "docs" / "index.md", "[^5]: @eeas2021dialogue", "[^5]: @eeas2021dialogue" + notes)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "anchor" not in result.output
    article = Site(result.site).article("index.html")
    for place, number in zip(MARKERS, range(6, 11)):
        marker = article.find(id=f"fnref:{number}")
        assert marker is not None and marker.find_parent("p").get("id", "").startswith("p"), place
