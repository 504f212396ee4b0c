"""Leave out of the theme's stylesheet the rules no page of this site can use.

Material's main stylesheet styles every feature it offers (admonitions, tabs, code,
diagrams, cards, …); this site uses a few. After the build, a rule is kept when every class
its selector requires is on some built page or named in the site's scripts (which add
classes as a reader opens a tooltip, a search result or the drawer); the others go. That
takes about a third off the stylesheet the letter page loads.

Deliberately conservative: classes inside :not(…), :is(…) and other parentheses, and rules
inside at-rules other than @media and @supports, are always kept.
"""

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.unused_theme_css")

THEME_CSS = "assets/stylesheets/main.*.min.css"
# Strings and comments are skipped whole, so that a brace inside one is not taken for a block.
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|/\*.*?\*/|[{}]', re.DOTALL)
GROUPING = ("@media", "@supports")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
IN_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def on_post_build(config):
    site = Path(config.site_dir)
    for css in site.glob(THEME_CSS):
        used = _Used(site)
        original = css.read_text(encoding="utf-8")
        trimmed = _trim(original, used)
        css.write_text(trimmed, encoding="utf-8")
        log.debug("%s: %d of %d characters kept", css.name, len(trimmed), len(original))


class _Used:
    """The classes on the built pages, and the words in the scripts those pages load."""

    def __init__(self, site: Path):
        pages = _Pages()
        for page in site.rglob("*.html"):
            pages.base = page.parent
            pages.feed(page.read_text(encoding="utf-8"))
        self.classes = pages.classes
        self.words = set()
        for script in pages.scripts:
            if script.is_file():
                self.words.update(re.findall(r"[\w-]+", script.read_text(encoding="utf-8")))

        self._answers: dict[str, bool] = {}

    def __contains__(self, name: str) -> bool:
        if name not in self._answers:
            # A script that builds a class from a prefix ("md-tooltip2--" + side) names the prefix.
            self._answers[name] = (
                name in self.classes
                or name in self.words
                or any(name[:i] in self.words for i in range(1, len(name)) if name[i - 1] in "-_")
            )
        return self._answers[name]


class _Pages(HTMLParser):
    def __init__(self):
        super().__init__()
        self.base = Path()
        self.classes: set[str] = set()
        self.scripts: set[Path] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        src = attrs.get("src")
        if tag == "script" and src and "://" not in src:
            self.scripts.add((self.base / src.split("?")[0]).resolve())


def _trim(css: str, used: _Used) -> str:
    text, _ = _rule_list(css, 0, used)
    return text


def _rule_list(css: str, start: int, used: _Used) -> tuple[str, int]:
    """The kept text of the rules from `start` up to the `}` closing their block (or the end)."""
    out, prelude_start, position = [], start, start
    while (token := TOKEN.search(css, position)) is not None:
        position = token.end()
        if token[0] == "}":
            out.append(css[prelude_start:token.start()])
            return "".join(out), token.end()
        if token[0] != "{":
            continue
        head = css[prelude_start:token.start()]
        # Statements ending in ";" before the prelude (@charset, @import) are kept as they are.
        statements, _, prelude = head.rpartition(";")
        out.append(statements + (";" if statements else ""))
        if prelude.lstrip().startswith(GROUPING):
            inner, position = _rule_list(css, token.end(), used)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        else:
            end = _block_end(css, token.end())
            selectors = _kept_selectors(prelude, used) if not prelude.lstrip().startswith("@") else prelude
            if selectors:
                out.append(f"{selectors}{{{css[token.end():end]}}}")
            position = end + 1
        prelude_start = position
    out.append(css[prelude_start:])
    return "".join(out), len(css)


def _block_end(css: str, start: int) -> int:
    """Where the block opened just before `start` closes."""
    depth, position = 1, start
    while (token := TOKEN.search(css, position)) is not None:
        position = token.end()
        if token[0] == "{":
            depth += 1
        elif token[0] == "}":
            depth -= 1
            if depth == 0:
                return token.start()
    return len(css)


def _kept_selectors(prelude: str, used: _Used) -> str:
    return ",".join(s for s in _split_top_level(prelude) if _can_match(s, used))


def _can_match(selector: str, used: _Used) -> bool:
    bare = selector
    while (shorter := IN_BRACKETS.sub("", bare)) != bare:
        bare = shorter
    return all(name in used for name in CLASS.findall(bare))


def _split_top_level(prelude: str) -> list[str]:
    if "(" not in prelude and "[" not in prelude:
        return prelude.split(",")
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
