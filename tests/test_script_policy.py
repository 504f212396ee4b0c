"""No injected script runs: every channel an editor's files offer, tried with hostile payloads,
in Chromium with no header sent (GitHub Pages sends none): the build refuses the input, or
publishes it as text, and the policy every page carries blocks whatever might slip through."""

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import Site, mkdocs_build, served
from letter_edition.net.policy import CONTENT_SECURITY_POLICY
from helpers import edit, violations

PAYLOADS = ['"><script>alert(1)</script>', "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>",
            "[here](javascript:alert(4))"]
PAYLOAD = " ".join(PAYLOADS)


def site_name(project):
    name = "Letter on the Kosovo–Serbia border crisis, October 4, 2021"
    edit(project / "mkdocs.yml", f"site_name: {name}\n", f"site_name: '{PAYLOAD.replace(chr(39), chr(39) * 2)} {name}'\n")


def site_description(project):
    edit(project / "mkdocs.yml", "site_description: >-\n", f"site_description: >-\n  {PAYLOAD}\n")


def page_description(project):
    edit(project / "docs" / "about.md", "description: >-\n", f"description: >-\n  {PAYLOAD}\n")


def page_title(project):
    edit(project / "docs" / "about.md", "description: >-\n", f"title: '{PAYLOAD}'\ndescription: >-\n")


def headline(project):
    edit(project / "docs" / "about.md", "# About this edition", f"# About this edition {PAYLOAD}")


def page_text(project):
    edit(project / "docs" / "about.md", "## How the notes are made", f"{PAYLOAD}\n\n## How the notes are made")


def bib_field(project):
    edit(project / "references.bib", "Russian Ambassador Presence", PAYLOAD.replace("%", "\\%") + " Russian Ambassador Presence")


def note_text(project):
    edit(project / "docs" / "index.md", "[^5]: @eeas2021dialogue", f"[^5]: @eeas2021dialogue {PAYLOAD}")


def copyright_setting(project):
    edit(project / "mkdocs.yml", "nav:\n", f"copyright: '{PAYLOAD}'\n\nnav:\n")


# The channels through which the build publishes a payload as text, and those it refuses.
PUBLISHED_AS_TEXT = [site_name, site_description, page_description, bib_field]
REFUSED = [page_title, headline, page_text, note_text, copyright_setting]


def visit_every_page(browser, url, site):
    """Each page loaded and its search used: the dialogs seen and the policy's violations."""
    context = browser.new_context(base_url=url)
    context.add_init_script("window.__violations = [];"
                            "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))")
    dialogs, violations = [], []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in site.pages():
        page.goto(path.removesuffix("index.html"))
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("alert")
        page.locator(".md-search-result__meta").wait_for()
        page.keyboard.press("Escape")
        violations += page.evaluate("window.__violations")
    context.close()
    return dialogs, violations


@pytest.mark.parametrize("channel", REFUSED, ids=[channel.__name__ for channel in REFUSED])
def test_a_channel_that_would_run_a_payload_is_refused(scratch, tmp_path, channel):
    """The payloads in a page's title, headline, text or note, or in a theme setting written
    as HTML: one message, and nothing published."""
    channel(scratch)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output, result.output
    assert "ERROR" in result.output
    assert not (result.site / "about" / "index.html").exists() and not (result.site / "index.html").exists()


def test_no_payload_runs_through_the_channels_that_publish_it_as_text(scratch, tmp_path, browser):
    """Every payload in the site's name and description, a page's description and a field of
    references.bib, all at once: each shows as text where it is published, and in Chromium,
    with no header sent, no page opens a dialog or breaks its policy, its search used too."""
    for channel in PUBLISHED_AS_TEXT:
        channel(scratch)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = Site(result.site)
    letter, about = site.html("index.html"), site.html("about/index.html")
    assert PAYLOAD in letter.select_one(".md-header__topic").get_text(), "the site's name"
    assert PAYLOAD in letter.find("meta", property="og:site_name")["content"]
    assert PAYLOAD in site.html("404.html").find("meta", attrs={"name": "description"})["content"], "site description"
    assert PAYLOAD in about.find("meta", attrs={"name": "description"})["content"], "the page's description"
    assert PAYLOAD in " ".join(letter.find(id="fn:4").get_text().split()), "the field"
    with served(result.site) as url:
        assert visit_every_page(browser, url, site) == ([], [])


@pytest.fixture
def doctored(tmp_path, site):
    """The built letter with scripts put into its page after the build, as if something had
    slipped past every check: only the page's own policy stands in their way."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    index = copy / "index.html"
    html = index.read_text(encoding="utf-8")
    html = html.replace("</article>", '<script>alert("inline")</script><img src=x onerror="alert(\'handler\')">'
                                      '<a id="run" href="javascript:alert(\'link\')">run</a></article>', 1)
    index.write_text(html, encoding="utf-8")
    return copy


def test_the_pages_own_policy_blocks_what_slipped_through_with_no_header_sent(browser, doctored):
    with served(doctored) as url:
        context = browser.new_context(base_url=url)
        context.add_init_script("window.__violations = [];"
                                "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))")
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        response = page.goto("./")
        assert "content-security-policy" not in response.headers
        page.wait_for_load_state("networkidle")
        page.locator("#run").click()
        page.wait_for_function("() => window.__violations.length >= 3")
        violations = page.evaluate("window.__violations")
        context.close()
    assert dialogs == []
    assert set(violations) <= {"script-src-elem", "script-src-attr", "script-src"} and len(violations) >= 3


def test_every_page_carries_the_policy_first_in_its_head(site):
    for page in site.pages():
        head = site.html(page).head
        first = head.find(True)
        assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", page
        assert first["content"] == CONTENT_SECURITY_POLICY


def test_the_readme_gives_the_same_policy():
    from conftest import ROOT

    README = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in README


def test_site_name_with_markup_shows_as_text(scratch, tmp_path):
    site_name(scratch)
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert PAYLOAD in html.select_one(".md-header__topic").get_text()
    assert html.find("script", string=lambda s: s and "alert" in s) is None
