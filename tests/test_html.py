"""The Nu Html Checker finds no error in the site's own markup."""

import json
import shutil
import subprocess

import pytest

from conftest import NODE_TOOLS, require

pytestmark = pytest.mark.browser  # Java and the Nu Html Checker from the npm registry

VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material's base.html puts autocomplete="off" on its two checkbox toggles (drawer and
# search). These are the theme's, not this project's: exactly those messages are excused.
THEME_AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
THEME_TOGGLES = ('data-md-toggle="drawer"', 'data-md-toggle="search"')


def is_theme_toggle(message) -> bool:
    return message["message"].startswith(THEME_AUTOCOMPLETE) and any(
        toggle in message.get("extract", "") for toggle in THEME_TOGGLES
    )


def test_no_html_errors(edition):
    require(VNU.exists(), "The Nu Html Checker")
    require(shutil.which("java") is not None, "Java")
    site = edition.site
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    checked = {m["url"] for m in messages}
    errors = [
        f"{m['url'].removeprefix(site.root.as_uri())}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not is_theme_toggle(m)
    ]
    assert errors == []
    excused = [m for m in messages if is_theme_toggle(m)]
    assert len(excused) <= 2 * len(site.pages()), "the excuse must cover only the theme's two toggles"
    assert checked, "the checker read no page"
