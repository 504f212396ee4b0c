"""The site as a reader uses it, in Chromium: notes, deep links, search, palette, phone, keyboard."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, TimeoutError, expect

# Every page of the site (test_every_page_is_checked keeps this list complete).
PAGES = ["", "references/", "cite/", "about/", "404.html"]


def test_every_page_is_checked(site):
    served = sorted(p.removesuffix("index.html") for p in site.pages())
    assert served == sorted(PAGES)


IN_VIEW_BELOW_HEADER = """selector => {
    const target = document.querySelector(selector), header = document.querySelector(".md-header")
    if (!target) return false
    const top = target.getBoundingClientRect().top
    return top >= header.getBoundingClientRect().bottom - 1 && top < window.innerHeight
}"""


# How long a test waits for a state before it calls it absent: long enough for a busy machine.
STATE_TIMEOUT = 15_000


def is_in_view_below_header(page: Page, selector: str) -> bool:
    """Whether the element's top is on screen and not under the sticky header (waits for scrolling)."""
    try:
        page.wait_for_function(IN_VIEW_BELOW_HEADER, arg=selector, timeout=STATE_TIMEOUT)
    except TimeoutError:
        return False
    return True


def test_note_marker_shows_its_note_and_links_both_ways(page: Page):
    """Hovering marker 3 shows note 3; clicking goes to the note; its back-link returns."""
    page.goto("./")
    marker = page.locator("#fnref\\:3 a")
    marker.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Insider Paper, “JUST IN Serbian Military")
    expect(tooltip).to_have_attribute("aria-label", "Note 3")

    marker.click()
    page.wait_for_function("location.hash === '#fn:3'")
    assert is_in_view_below_header(page, "#fn\\:3")

    page.locator("#fn\\:3 a.footnote-backref").click()
    page.wait_for_function("location.hash === '#fnref:3'")
    assert is_in_view_below_header(page, "#fnref\\:3")


def test_deep_links_show_their_paragraph_below_the_header(browser, edition, edition_url):
    """Opening the letter page at #p3 (or any part) puts that part in view, not under the
    sticky header; on both editions."""
    page = browser.new_page(base_url=edition_url)
    for anchor in edition.paragraph_anchors:
        page.goto(f"./#{anchor}")
        page.wait_for_load_state("load")
        assert is_in_view_below_header(page, f"[id='{anchor}']"), anchor
        page.goto("about:blank")
    page.close()


def test_search_lands_on_the_paragraph_note_or_entry(browser, edition, edition_url):
    """A search offers the very place as a result, with a readable title, and leads there."""
    page = browser.new_page(base_url=edition_url)
    for query, path, anchor, title in edition.searches:
        page.goto("./")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially(query)
        result = page.locator(f".md-search-result__link[href$='#{anchor}']").filter(has_text=title).first
        expect(result).to_be_visible()
        expect(result).to_contain_text(title)
        result.click()
        page.wait_for_function("a => decodeURIComponent(location.hash) === '#' + a", arg=anchor)
        assert urlsplit(page.url).path == path, query
        assert is_in_view_below_header(page, f"[id='{anchor}']"), query
    page.close()


def test_cited_in_links_land_on_their_notes(browser, edition, edition_url):
    """Each 'Cited in note n' on the references page opens its page at note n."""
    page = browser.new_page(base_url=edition_url)
    page.goto("references/")
    targets = page.eval_on_selector_all(".cited-in a", "links => links.map(a => [a.innerText, a.getAttribute('href')])")
    assert len(targets) == sum(len(keys) for notes in edition.cites().values() for keys in notes.values())
    for text, href in targets[:: max(1, len(targets) // 6)]:  # half a dozen of them, spread over the page
        page.goto("references/")
        page.locator(f".cited-in a[href='{href}']").first.click()
        number = text.removeprefix("note ").split(" ")[0]
        page.wait_for_function(f"location.hash === '#fn:{number}'")
        assert is_in_view_below_header(page, f"#fn\\:{number}"), href
    page.close()


def toggle_palette_through_a_reload(page: Page):
    """Light, then dark by the toggle, still dark after a reload, then light again."""
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label[title='Switch to light mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_palette_toggle_switches_and_survives_a_reload(page: Page):
    page.goto("./")
    toggle_palette_through_a_reload(page)


@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_palette_follows_the_system_setting(new_context, system, scheme):
    """Until the reader chooses, the palette is the system's."""
    page = new_context(color_scheme=system).new_page()
    page.goto("./")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


DRAWER_AT_REST = """open => {
    const drawer = document.querySelector(".md-sidebar--primary")
    const running = drawer.getAnimations().some(a => a.playState === "running")
    const left = drawer.getBoundingClientRect().left
    return document.getElementById("__drawer").checked === open && !running && (open ? left === 0 : left < 0)
}"""


def test_phone_width_has_no_sideways_scroll_and_a_working_drawer(browser, edition, edition_url):
    """On every page of both editions: the menu button opens the drawer; a tap on the dimmed
    page beside it closes it."""
    page = browser.new_page(base_url=edition_url, viewport={"width": 375, "height": 740})
    for path in edition.site.pages():
        page.goto(path.removesuffix("index.html"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function(DRAWER_AT_REST, arg=True)
        drawer = page.locator(".md-sidebar--primary").bounding_box()
        # Where a reader taps to close it: on the dimmed page, right of the drawer.
        page.mouse.click((drawer["x"] + drawer["width"] + 375) / 2, 400)
        page.wait_for_function(DRAWER_AT_REST, arg=False)
    page.close()


def focus_ring(page: Page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return {cls: e.className, href: e.getAttribute('href'), tag: e.tagName,
                           outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                           shadow: s.boxShadow !== 'none'} }"""
    )


def test_keyboard_reaches_skip_link_search_notes_and_permalinks(page: Page):
    """Tab alone reaches each of them, and each shows a visible focus ring."""
    page.goto("./")
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(focus_ring(page))

    def first(predicate):
        return next((r for r in reached if predicate(r)), None)

    skip = reached[0]
    assert "md-skip" in skip["cls"]
    search = first(lambda r: "md-search__input" in r["cls"])
    marker = first(lambda r: "footnote-ref" in r["cls"])
    permalink = first(lambda r: "paragraph-link" in r["cls"])
    stops = {"skip link": skip, "search": search, "note marker": marker, "paragraph permalink": permalink}
    for name, stop in stops.items():
        assert stop is not None, f"Tab never reached the {name}"
        assert stop["outline"] or stop["shadow"], f"no visible focus ring on the {name}"


OPACITY = "selector => getComputedStyle(document.querySelector(selector)).opacity"


@pytest.mark.parametrize("anchor", ["date", "salutation"])
def test_paragraph_permalink_shows_on_hover_and_on_focus(page: Page, anchor):
    """A part with its own anchor (not a numbered paragraph): the ¶ is hidden until the reader
    points at it or tabs to the link."""
    page.goto("./")
    link = f"[id='{anchor}'] > .paragraph-link"
    assert page.evaluate(OPACITY, link) == "0"
    page.locator(f"[id='{anchor}']").hover()
    page.wait_for_function(f"s => ({OPACITY})(s) === '1'", arg=link)
    page.mouse.move(0, 0)
    page.wait_for_function(f"s => ({OPACITY})(s) === '0'", arg=link)
    page.locator(link).focus()
    page.wait_for_function(f"s => ({OPACITY})(s) === '1'", arg=link)
    assert page.evaluate("s => getComputedStyle(document.querySelector(s), '::after').content", link) == '"¶"'


# The policy the README tells a host to send.
STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
RECORD_VIOLATIONS = """window.__violations = []
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))"""


@pytest.fixture(scope="module")
def strict_csp_url(site):
    from conftest import served

    with served(site.root, {"Content-Security-Policy": STRICT_CSP}) as url:
        yield url


@pytest.fixture
def strict_page(browser, strict_csp_url):
    context = browser.new_context(base_url=strict_csp_url)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def test_strict_csp_is_sent_by_the_test_server(strict_page):
    """The check below is real: the served pages carry the policy."""
    page, _ = strict_page
    response = page.goto("./")
    assert response.headers["content-security-policy"] == STRICT_CSP


@pytest.mark.parametrize("path", PAGES)
def test_pages_log_no_errors_ask_no_other_host_and_keep_a_strict_csp(strict_page, path):
    """Served with the README's policy: no console error, no broken rule, and every request
    goes to the site on 127.0.0.1."""
    page, errors = strict_page
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path)
    page.wait_for_load_state("networkidle")  # the search worker's requests too
    assert errors == []
    assert page.evaluate("window.__violations") == []
    others = [url for url in requests if not re.match(r"(http://127\.0\.0\.1:\d+/|data:)", url)]
    assert others == []


def test_search_tooltips_and_palette_work_under_a_strict_csp(strict_page):
    """Search finds a name, note 3's tooltip opens, and the palette toggle switches."""
    page, errors = strict_page
    page.goto("./")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Halili")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")

    page.locator("#fnref\\:3 a").hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text("Insider Paper")

    toggle_palette_through_a_reload(page)
    assert page.evaluate("window.__violations") == []
    assert errors == []
