"""Leave out of the theme's stylesheet the rules no page of this site can use.

Material's main stylesheet styles every feature it offers (admonitions, tabs, code,
diagrams, cards, …); this site uses a few. After the build, a rule is kept when every class
its selector requires is on some built page or named in the site's scripts (which add
classes as a reader opens a tooltip, a search result or the drawer); the others go. That
takes about a third off the stylesheet the letter page loads.

The trimmed stylesheet gets a name from its own content and every page links that name:
a browser or cache that holds the theme's full file (or an earlier trim) under the
theme's name never serves it in its place.

Deliberately conservative: classes inside :not(…), :is(…) and other parentheses, and rules
inside at-rules other than @media and @supports, are always kept.
"""

import hashlib
import logging
import re
from pathlib import Path

import tinycss2
from mkdocs.plugins import event_priority

from build_cache import cached, source_of
from event_order import TRIM_THEME_CSS

log = logging.getLogger("mkdocs.hooks.unused_theme_css")

THEME_CSS = "assets/stylesheets/main.*.min.css"
GROUPING = {"media", "supports"}
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
SCRIPT_SRC = re.compile(r'<script\b[^>]*\ssrc="([^"]+)"')


@event_priority(TRIM_THEME_CSS)
def on_post_build(config):
    site = Path(config.site_dir)
    root = Path(config.config_file_path).parent
    for css in site.glob(THEME_CSS):
        used = _Used(site)
        original = css.read_text(encoding="utf-8")
        inputs = [original.encode(), used.fingerprint(), source_of(__file__), tinycss2.__version__.encode()]
        trimmed = cached(root, "theme-css", inputs, lambda: _trim(original, used))
        renamed = css.with_name(f"main.{hashlib.sha256(trimmed.encode()).hexdigest()[:8]}.min.css")
        css.unlink()
        css.with_name(css.name + ".map").unlink(missing_ok=True)  # it maps the full file
        renamed.write_text(trimmed, encoding="utf-8")
        _relink(site, css.name, renamed.name)
        log.debug("%s -> %s: %d of %d characters kept", css.name, renamed.name, len(trimmed), len(original))


def _relink(site: Path, old: str, new: str) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if old in html:
            page.write_text(html.replace(old, new), encoding="utf-8")


class _Used:
    """The classes on the built pages, and the words in the scripts those pages load.

    Read with two regular expressions, not a full parse: the pages are the theme's and
    Python-Markdown's output (attributes in double quotes), and a word taken for a class
    by mistake only keeps a rule."""

    def __init__(self, site: Path):
        self.classes: set[str] = set()
        scripts: set[Path] = set()
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            for names in CLASS_ATTRIBUTE.findall(html):
                self.classes.update(names.split())
            scripts.update((page.parent / src.split("?")[0]).resolve()
                           for src in SCRIPT_SRC.findall(html) if "://" not in src)
        self.words = set()
        for script in scripts:
            if script.is_file():
                self.words.update(re.findall(r"[\w-]+", script.read_text(encoding="utf-8")))
        self._answers: dict[str, bool] = {}

    def fingerprint(self) -> bytes:
        """What the answers depend on: the classes and the scripts' words."""
        return "\n".join(sorted(self.classes) + ["\0"] + sorted(self.words)).encode()

    def __contains__(self, name: str) -> bool:
        if name not in self._answers:
            # A script that builds a class from a prefix ("md-tooltip2--" + side) names the prefix.
            self._answers[name] = (
                name in self.classes
                or name in self.words
                or any(name[:i] in self.words for i in range(1, len(name)) if name[i - 1] in "-_")
            )
        return self._answers[name]


def _trim(css: str, used: _Used) -> str:
    return _rule_list(tinycss2.parse_stylesheet(css, skip_comments=True), used)


def _rule_list(rules, used: _Used) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, used)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _rule_list(tinycss2.parse_rule_list(rule.content), used)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type in ("at-rule", "error"):
            out.append(rule.serialize())
    return "".join(out)


def _selectors(prelude) -> list[list]:
    """A selector list split at its top-level commas (commas in :is(…) stay inside)."""
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _can_match(selector, used: _Used) -> bool:
    """Whether every class the selector requires (outside brackets) is in use."""
    classes = [
        token.value
        for dot, token in zip(selector, selector[1:])
        if dot.type == "literal" and dot.value == "." and token.type == "ident"
    ]
    return all(name in used for name in classes)
