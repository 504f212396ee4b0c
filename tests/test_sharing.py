"""A shared link shows a card: every page names a 1200 × 630 image made from its own words, which
link previews find as they read pages, and which decodes at the size the page declares."""

import hashlib
import io
import json
import os
import shutil
import subprocess
from collections import Counter
from urllib.parse import urljoin

import pytest
from PIL import Image

from conftest import NODE_TOOLS, ROOT, mkdocs_build, require

SITE_URL = "https://example.org/kosovo-letter/"
# What a card may weigh: a link preview fetches it on every share.
CARD_BUDGET = 300 * 1024
LETTER_WORDS = ["Kosov", "Torres", "Himes", "Biden", "Blinken", "Serbia"]


def card_tags(page) -> dict[str, str]:
    """A page's card, as its tags give it (og:image… and twitter:…)."""
    found = {}
    for tag in page.select("meta[property^='og:image'], meta[name^='twitter:']"):
        found[tag.get("property") or tag.get("name")] = tag["content"]
    return found


def card_file(site, page_path: str, address: str):
    """The file a card's address on a page leads to (relative, or under SITE_URL)."""
    if address.startswith(SITE_URL):
        return site.root / address.removeprefix(SITE_URL)
    return site.root / urljoin(page_path, address)


def luminance(colour) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other) -> float:
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shared_pages(site) -> list[str]:
    return [path for path in site.pages() if path != "404.html"]


def test_every_page_has_a_card_of_its_own(edition):
    """Each page: the tags, a PNG that decodes at the size they declare, under the budget, named by
    its content, and a text a screen reader reads in place of the card."""
    site, names = edition.site, set()
    for path in shared_pages(site):
        page = site.html(path)
        tags = card_tags(page)
        assert tags["twitter:card"] == "summary_large_image", path
        assert tags["twitter:image"] == tags["og:image"] and tags["twitter:image:alt"] == tags["og:image:alt"], path
        assert tags["og:image:type"] == "image/png", path
        file = card_file(site, path, tags["og:image"])
        data = file.read_bytes()
        assert len(data) < CARD_BUDGET, (path, len(data))
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.format == "PNG" and image.size == (int(tags["og:image:width"]), int(tags["og:image:height"])) \
            == (1200, 630), path
        assert file.name.split(".")[-2] == hashlib.sha256(data).hexdigest()[:10], file.name
        site_name = page.select_one("meta[property='og:site_name']")["content"]
        alt = tags["og:image:alt"]
        assert alt.endswith(" · " + site_name), alt
        names.add(file.name)
        if path == "index.html":  # the letter: headline, date, signatories, the site's name
            headline = page.select_one("article h1").get_text(" ", strip=True).removesuffix("¶").strip()
            assert alt.startswith(headline + " · "), alt
            date = page.select_one("meta[name='citation_publication_date']")
            if date is not None:
                year, month, day = map(int, date["content"].split("/"))
                assert f" {day}, {year} · " in alt, alt
            for author in page.select("meta[name='citation_author']"):
                assert author["content"].split(",")[0] in alt, (author["content"], alt)
        else:
            assert alt.split(" · ")[0] in page.title.get_text(), (alt, page.title)
    assert len(names) == len(shared_pages(site)), "a page shares another's card"
    if edition.name == "scale":  # the test edition's cards hold none of the letter's words
        for path in shared_pages(site):
            alt = card_tags(site.html(path))["og:image:alt"]
            assert not [word for word in LETTER_WORDS if word in alt], alt


def test_the_card_text_passes_the_contrast_rule(edition):
    """Every colour that covers a part of the card (its text and rules, not the soft edges of
    letters) stands at 4.5:1 or more against the paper."""
    site = edition.site
    for path in shared_pages(site):
        image = Image.open(card_file(site, path, card_tags(site.html(path))["og:image"])).convert("RGB")
        counts = Counter(image.get_flattened_data())
        paper, _ = counts.most_common(1)[0]
        marks = [colour for colour, count in counts.items() if colour != paper and count > 0.002 * 1200 * 630]
        assert marks, "a card with nothing on it"
        low = [(colour, round(contrast(colour, paper), 2)) for colour in marks if contrast(colour, paper) < 4.5]
        assert low == [], (path, low)


def test_a_long_or_marked_up_title_still_makes_a_card_of_its_words(tmp_path):
    """An editor's title as long as a paragraph, or with markup in it: a card of the right size,
    its words as written (the markup is text: nothing is fetched, which would stop the card)."""
    from letter_edition.publishing.social_cards import make_card

    for title in ["Word " * 80, '<img src="https://example.org/x.png"> & <b>bold</b> “quoted”']:
        card = make_card((title, "October 4, 2021", "A. Name and B. Name", "Site"), "index.md", "docs/index.md",
                         tmp_path)
        image = Image.open(io.BytesIO(card.png))
        assert image.size == (1200, 630) and len(card.png) < CARD_BUDGET
        assert card.alt == f"{title} · October 4, 2021 · A. Name and B. Name · Site"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    from conftest import Site

    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("hosted-cards"), env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.output
    return Site(result.site)


def test_the_card_address_is_absolute_where_the_site_address_is_known(hosted):
    for path in shared_pages(hosted):
        address = card_tags(hosted.html(path))["og:image"]
        assert address.startswith(SITE_URL + "cards/") and card_file(hosted, path, address).is_file(), address


@pytest.mark.browser
def test_link_previews_find_the_card(edition):
    """open-graph-scraper, which link previews use, reads each page's card: its address, its size
    and its text; the image at that address decodes at that size."""
    require(shutil.which("node") is not None and (NODE_TOOLS / "open-graph-scraper").exists(), "open-graph-scraper")
    site = edition.site
    pages = shared_pages(site)
    script = ("const ogs = require('open-graph-scraper'); const fs = require('fs');"
              "Promise.all(JSON.parse(process.argv[1]).map(f => ogs({ html: fs.readFileSync(f, 'utf8') })"
              ".then(r => r.result))).then(rs => console.log(JSON.stringify(rs)));")
    result = subprocess.run(["node", "-e", script, json.dumps([str(site.root / path) for path in pages])],
                            cwd=NODE_TOOLS.parent, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NODE_PATH": str(NODE_TOOLS)})
    assert result.returncode == 0, result.stderr
    for path, found in zip(pages, json.loads(result.stdout)):
        assert found["twitterCard"] == "summary_large_image", path
        image = found["ogImage"][0]
        declared = card_tags(site.html(path))
        assert image["url"] == declared["og:image"] and image["alt"] == declared["og:image:alt"], path
        picture = Image.open(card_file(site, path, image["url"]))
        assert picture.size == (int(image["width"]), int(image["height"])) == (1200, 630), path
