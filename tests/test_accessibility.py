"""axe-core finds no WCAG 2.1 A or AA violation on any page, in either palette.

Its best-practice rules run too: they include the dialog names Lighthouse checks.
"""

import pytest
from playwright.sync_api import Page

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page: Page, axe_source: str) -> list[str]:
    # Colours are measured once fades and transitions have ended.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULES)
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_violations(browser, edition, edition_url, axe_source, scheme, width):
    """Every page of both editions, on a desktop and on a phone, in the light and in the dark palette."""
    context = browser.new_context(base_url=edition_url, color_scheme=scheme, viewport={"width": width, "height": 800},
                                  bypass_csp=True)  # axe-core is injected, which the page's own policy forbids
    page = context.new_page()
    for path in edition.site.pages():
        page.goto(path.removesuffix("index.html"))
        assert violations(page, axe_source) == [], path
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
