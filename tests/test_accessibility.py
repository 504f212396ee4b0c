"""axe-core finds no WCAG 2.1 A or AA violation on any page, in either palette.

Its best-practice rules run too: they include the dialog names Lighthouse checks.
"""

import pytest
from playwright.sync_api import Page

from test_browser import PAGES

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
@pytest.mark.parametrize("path", PAGES)
def test_no_violations(new_context, axe_source, path, scheme, width):
    """On a desktop and on a phone, in the light and in the dark palette."""
    page = new_context(color_scheme=scheme, viewport={"width": width, "height": 800}).new_page()
    page.goto(path)
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_violations_with_a_note_open(new_context, axe_source, scheme):
    """The note tooltip is a dialog, and it has a name."""
    page = new_context(color_scheme=scheme).new_page()
    page.goto("./")
    page.locator("#fnref\\:3 a").hover()
    page.locator(".md-tooltip2--active").wait_for()
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_violations_with_search_results(new_context, axe_source, scheme):
    page = new_context(color_scheme=scheme).new_page()
    page.goto("./")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Kosovo")
    page.locator(".md-search-result__item").first.wait_for()
    assert violations(page, axe_source) == []
