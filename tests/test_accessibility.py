"""axe-core finds no WCAG 2.1 A or AA violation on any page, in either palette.

Its best-practice rules run too: they include the dialog names Lighthouse checks.
"""

import pytest
from playwright.sync_api import Page
from helpers import violations

def test_the_check_finds_what_it_looks_for(new_context, axe_source):
    """Pale text and an image without words: both reported."""
    page = new_context().new_page()
    page.set_content('<html lang="en"><title>t</title><main><p style="color:#bbb;background:#fff">pale</p>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>')
    found = violations(page, axe_source)
    assert any(v.startswith("color-contrast:") for v in found) and any(v.startswith("image-alt:") for v in found)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_violations(browser, edition, edition_url, axe_source, scheme, width):
    """Every page of both editions, on a desktop and on a phone, in the light and in the dark palette."""
    context = browser.new_context(base_url=edition_url, color_scheme=scheme, viewport={"width": width, "height": 800},
                                  bypass_csp=True)  # axe-core is injected, which the page's own policy forbids
    context.add_init_script(axe_source)  # in every page the context opens
    page = context.new_page()
    for path in edition.site.pages():
        if edition.name == "scale" and path == "404.html":
            continue  # the letter's 404 page, the same template, is checked
        page.goto(path.removesuffix("index.html"))
        assert violations(page, None) == [], path
    context.close()


def open_note(page: Page):
    page.locator("#fnref\\:3 a").hover()
    page.locator(".md-tooltip2--active").wait_for()


def show_search_results(page: Page):
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Kosovo")
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("open_state", [open_note, show_search_results], ids=["note open", "search results"])
def test_no_violations_with_a_dialog_open(new_context, axe_source, scheme, open_state):
    """The note tooltip and the search are dialogs: named, and with readable text."""
    page = new_context(color_scheme=scheme).new_page()
    page.goto("./")
    open_state(page)
    assert violations(page, axe_source) == []
