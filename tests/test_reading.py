"""Reading the letter as a scholarly edition: numbered paragraphs that can be cited, the linked
part marked, a letter's headline, the edition's own logo. In Chromium, at three widths."""

import pytest
from playwright.sync_api import Page, expect

from helpers import ENTRY_LINK_PLACES, assert_entry_links_follow_their_text, violations

WIDTHS = [1440, 1920, 375]
PARAGRAPHS = [f"p{n}" for n in range(1, 8)]


@pytest.fixture
def reader(browser, base_url):
    """A reader's browser that may use the clipboard; `reader(width, **options)`."""
    contexts = []

    def open_page(width: int, **options) -> Page:
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900},
                                      permissions=["clipboard-read", "clipboard-write"], **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_numbered_paragraph_shows_its_number_beside_its_text(reader, width):
    page = reader(width)
    page.goto("./")
    for number, anchor in enumerate(PARAGRAPHS, start=1):
        link = page.locator(f"#{anchor} > a.paragraph-number")
        expect(link).to_be_visible()
        shown = page.evaluate("a => getComputedStyle(a, '::after').content", link.element_handle())
        assert shown == f'"{number}"'
        box = link.bounding_box()
        text = page.evaluate(f"""() => {{ const r = document.createRange();
            r.selectNodeContents(document.getElementById('{anchor}').firstChild); return r.getBoundingClientRect().left }}""")
        assert box["x"] + box["width"] <= text + 1, f"{anchor}: the number overlaps the text"
        assert box["x"] >= 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_number_is_not_copied_with_the_text(reader):
    page = reader(1440)
    page.goto("./")
    copied = page.evaluate("""() => { const s = getSelection(); s.selectAllChildren(document.getElementById('p3'));
                                      return s.toString() }""")
    assert copied.startswith("Kosovo reciprocated") and "3Kosovo" not in copied


def copied_text(page: Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def citation_of(page: Page, number: int) -> str:
    return (f"Ritchie Torres, Jim Himes, Elissa Slotkin, Joe Courtney, Mondaire Jones, Carolyn B. Maloney, and "
            f"James P. McGovern, “The United States has always and must continue to stand with our ally Kosova,” "
            f"letter to Joseph R. Biden, Jr., President of the United States, and Antony Blinken, Secretary of "
            f"State, October 4, 2021, para. {number}, {page.url.split('#')[0]}#p{number}")


def test_copy_link_and_citation_with_a_mouse(reader):
    page = reader(1440)
    page.goto("./")
    page.locator("#p3 > .paragraph-number").click()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert copied_text(page) == page.url.split("#")[0] + "#p3"
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator(".paragraph-tools button").nth(1)).to_have_text("Copied")
    assert copied_text(page) == citation_of(page, 3)


def test_copy_citation_with_the_keyboard(reader):
    """Tab to the number, Enter opens the menu on its first button, Tab, Enter copies; Escape closes."""
    page = reader(1440)
    page.goto("./")
    page.locator("#p5 > .paragraph-number").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Copy link")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".paragraph-tools button").nth(1)).to_have_text("Copied")
    assert copied_text(page) == citation_of(page, 5)
    page.keyboard.press("Escape")
    expect(page.locator(".paragraph-tools")).to_have_count(0)
    expect(page.locator("#p5 > .paragraph-number")).to_be_focused()


def test_copy_link_by_touch(reader):
    page = reader(375, has_touch=True, is_mobile=True)
    page.goto("./")
    page.locator("#p6 > .paragraph-number").tap()
    page.get_by_role("button", name="Copy link").tap()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert copied_text(page) == page.url.split("#")[0] + "#p6"
    menu = page.locator(".paragraph-tools").bounding_box()
    assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 375


def test_without_javascript_the_number_is_a_plain_link(reader):
    page = reader(1440, java_script_enabled=False)
    page.goto("./")
    link = page.locator("#p3 > a.paragraph-number")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_function("location.hash === '#p3'")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_linked_part_is_marked_and_meets_contrast(browser, base_url, axe_source, scheme):
    """A paragraph, a note and a references entry, each opened by its link."""
    # bypass_csp: axe-core is injected into the page, which the page's own policy forbids.
    context = browser.new_context(base_url=base_url, color_scheme=scheme, viewport={"width": 1440, "height": 900},
                                  bypass_csp=True)
    context.add_init_script(axe_source)
    page = context.new_page()
    for target in ["/#p3", "/#fn:3", "/references/#halili2021russian"]:
        page.goto("." + target)
        anchor = target.split("#")[1]
        marked = page.evaluate("id => getComputedStyle(document.getElementById(id)).backgroundColor", anchor)
        assert marked not in ("rgba(0, 0, 0, 0)", "transparent"), target
        header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        page.wait_for_function("([id, h]) => { const t = document.getElementById(id).getBoundingClientRect().top;"
                               " return t >= h - 1 && t < innerHeight }", arg=[anchor, header])
        assert violations(page, None) == [], target
        page.goto("about:blank")  # the next target is opened, not scrolled to
    context.close()


@pytest.mark.parametrize("width", [1440, 375])
def test_a_text_fragment_link_lands_on_its_words(reader, width):
    """A link to words, as Chromium's "Copy link to highlight" makes it: the letter opens with
    the paragraph holding them on screen below the header, and no script of the site stands
    in the browser's way."""
    page = reader(width)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto("./#:~:text=sticker%20regime")
    page.wait_for_function("""() => {
        const words = document.getElementById("p4").getBoundingClientRect()
        return words.top >= document.querySelector(".md-header").getBoundingClientRect().bottom - 1
            && words.top < innerHeight
    }""")
    assert page.evaluate("scrollY") > 0 and errors == []


def test_the_headline_is_in_full_text_colour(page: Page):
    page.goto("./")
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('article h1')).color,
                                      getComputedStyle(document.getElementById('p1')).color]""")
    assert colours[0] == colours[1]


def test_the_header_logo_is_the_envelope(page: Page):
    page.goto("./")
    assert page.locator(".md-header .md-logo img").get_attribute("src").endswith("images/favicon.svg")


def site_names() -> tuple[str, str]:
    from mkdocs.config import load_config

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.site_name, config.plugins["letter"].config.short_name


@pytest.mark.parametrize("width, scheme", [(375, "light"), (375, "dark"), (1440, "light"), (1920, "dark")])
def test_the_header_names_the_site_whole_at_every_width(reader, width, scheme):
    """On a phone the header shows the short name (from mkdocs.yml), whole; on wide screens the
    long one, whole. Either way a screen reader hears the title say the long name once and the
    header never the short one."""
    long_name, short_name = site_names()
    page = reader(width, color_scheme=scheme, has_touch=width < 600, is_mobile=width < 600)
    page.goto("./")
    title = page.locator(".md-header__topic").first
    expect(title).to_be_visible()
    drawn = title.locator(".md-ellipsis").evaluate("e => getComputedStyle(e, '::before').content")
    if width < 600:
        assert drawn == f'"{short_name}" / ""'
    else:
        assert drawn == "none"
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), "the name is cut off"
    assert page.locator(".md-header").bounding_box()["height"] == title.bounding_box()["height"]
    assert title.aria_snapshot().count(long_name) == 1
    assert short_name not in page.locator(".md-header").aria_snapshot()


READINGS = [("Kosova", "h1"), ("Anthony", "#to-secretary"), ("with a stick", "#p4")]


@pytest.mark.parametrize("word, where", READINGS)
def test_readings_kept_as_written_carry_an_editorial_mark_beside_them(site, word, where):
    """The mark follows the word, adds no text to the letter, and leads to the About page's remark."""
    article = site.article("index.html")
    element = article.select_one(where)
    mark = element.select_one("a.reading-mark")
    assert mark is not None and mark.get_text() == ""
    assert str(mark.previous_sibling).endswith(word)
    assert mark["href"] == "about/#how-the-text-was-transcribed"
    assert mark["aria-label"].startswith("Editorial remark: ") and word in mark["aria-label"]
    about = site.article("about/index.html").get_text()
    assert mark["aria-label"].removeprefix("Editorial remark: ").rstrip(".") in " ".join(about.split())


def test_the_editorial_mark_is_visible_and_apart_from_the_text(page: Page):
    page.goto("./")
    mark = page.locator("#to-secretary .reading-mark")
    expect(mark).to_be_visible()
    assert page.evaluate("m => getComputedStyle(m, '::after').content", mark.element_handle()) == '"ed."'
    assert page.evaluate("m => getComputedStyle(m).fontStyle", mark.element_handle()) == "italic"


def test_a_tap_on_a_note_marker_shows_the_note_in_place(reader):
    """Touch: the first tap shows note 3 beside its marker, the page stays; a second tap goes to it."""
    page = reader(375, has_touch=True, is_mobile=True)
    page.goto("./")
    marker = page.locator("#fnref\\:3 a")
    marker.tap()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_contain_text("Insider Paper, “JUST IN Serbian Military")
    assert page.evaluate("location.hash") == ""
    box = tooltip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    marker.tap()
    page.wait_for_function("location.hash === '#fn:3'")


@pytest.mark.parametrize("width", [375, 1440])
def test_a_notes_entry_link_follows_its_text_without_an_indent(reader, width):
    """In the notes list the link comes right after the note's text or, where it wraps, starts
    the next line flush with the text."""
    page = reader(width)
    page.goto("./")
    places = page.evaluate(ENTRY_LINK_PLACES)
    assert len(places) == 5
    assert_entry_links_follow_their_text(places)


@pytest.mark.parametrize("width", [375, 1024])
def test_narrower_windows_keep_tooltips_and_the_list(reader, width):
    page = reader(width)
    page.goto("./")
    page.locator("#fnref\\:3 a").hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text("Insider Paper")
    assert page.locator(".margin-note").count() == 0


def test_the_table_of_contents_is_in_the_left_navigation(reader):
    page = reader(1440)
    page.goto("./")
    toc = page.locator(".md-nav--primary .md-nav--secondary")
    expect(toc).to_be_visible()
    expect(toc).to_contain_text("Signatories")


def test_the_margin_column_is_there_from_the_first_paint(site):
    """A browser may paint the letter before it has read the notes at its end (on a busy
    machine it does, and the paragraphs then narrow and move: a layout shift). So the
    column for notes hangs on a mark that comes first in the article, on pages with notes only."""
    import tinycss2

    for page in site.pages():
        article = site.html(page).find("article")
        first = article.find(True)
        has_notes = article.find(class_="footnote") is not None
        assert (first.get("class") == ["margin-notes-column"] and first.has_attr("hidden")) == has_notes, page
    css = (site.root / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    wide = [rule for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
            if rule.type == "at-rule" and "76.25em" in tinycss2.serialize(rule.prelude)]
    columns = [inner for rule in wide for inner in tinycss2.parse_rule_list(rule.content, skip_whitespace=True)
               if inner.type == "qualified-rule" and "margin-right" in tinycss2.serialize(inner.content)]
    assert [tinycss2.serialize(rule.prelude).strip() for rule in columns] == [
        ".md-content__inner:has(> .margin-notes-column)"]
