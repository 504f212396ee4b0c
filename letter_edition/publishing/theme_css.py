"""Leave out of the theme's stylesheets the rules no page of this site can use.

Material's main stylesheet styles every feature it offers (admonitions, tabs, code,
diagrams, cards, …) and its palette stylesheet every colour; this site uses a few. After
the build, a rule is kept when every class its selector requires is on some built page or
named in the site's scripts (which add classes as a reader opens a tooltip, a search
result or the drawer; a name only ever written with a dot before it is a script looking
for that class, not adding it), and every attribute value it requires
([data-md-color-primary=red]) is on a page or in a script. Then a custom property (--md-admonition-icon--note: an icon
as a data address) is kept only when something kept, the site's own stylesheets or a
script refers to it. That takes about half off what the letter page loads of them.

Each trimmed stylesheet gets a name from its own content and every page links that name:
a browser or cache that holds the theme's full file (or an earlier trim) under the
theme's name never serves it in its place.

Deliberately conservative: classes inside :not(…), :is(…) and other parentheses, and rules
inside at-rules other than @media and @supports, are always kept.
"""

import hashlib
import logging
import re
from pathlib import Path

from ..caches.build_cache import cached, code_of, package_init

log = logging.getLogger(__name__)

THEME_CSS = ["assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css"]
GROUPING = {"media", "supports"}
# The attributes a theme selector compares with a value ([data-md-color-primary=red]): only
# their values on the pages matter, so editing a note's text does not make the pass run again.
SELECTOR_ATTRIBUTE = re.compile(r"\[([\w-]+)[~|^$*]?=")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
# A word in a script, unless a dot comes before it: ".highlight" in a script only looks
# for an element of that class (closest, querySelector) and never gives one that class.
SCRIPT_WORD = re.compile(r"(?<![\w.-])[\w-]+")


def trim_theme_css(site, project: Path) -> None:
    """The theme's stylesheets of the built site, trimmed and renamed, and every page relinked."""
    sheets = [css for pattern in THEME_CSS for css in sorted(site.root.glob(pattern))]
    if not sheets:
        return
    originals = [css.read_text(encoding="utf-8") for css in sheets]
    compared = set(SELECTOR_ATTRIBUTE.findall("".join(originals)))
    used = _Used(site, project, compared, own_css=[css for css in site.root.rglob("*.css") if css not in sheets])
    inputs = [*(text.encode() for text in originals), used.fingerprint(), code_of(__file__),
              code_of(package_init("tinycss2"))]
    trimmed = cached(project, "theme-css", inputs, lambda: "\0".join(_trim(originals, used))).split("\0")
    names = {}
    for css, original, text in zip(sheets, originals, trimmed):
        stem = css.name.split(".")[0]
        renamed = css.with_name(f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css")
        css.unlink()
        css.with_name(css.name + ".map").unlink(missing_ok=True)  # it maps the full file
        renamed.write_text(text, encoding="utf-8")
        names[css.relative_to(site.root).as_posix()] = renamed.relative_to(site.root).as_posix()
        log.debug("%s -> %s: %d of %d characters kept", css.name, renamed.name, len(text), len(original))
    _relink(site, names)


def _relink(site, names: dict[str, str]) -> None:
    """Each page's <link> to a theme stylesheet, to its trimmed file."""
    for page, tree in site.pages.items():
        for link in tree.css("link[href]"):
            target = site.resolve(page, link.attributes["href"])
            old = target.relative_to(site.root).as_posix() if target is not None else None
            if old in names:
                link.attrs["href"] = site.address(page, names[old])
                site.changed(page)


class _Used:
    """The classes and attribute values on the built pages (read by the HTML parser), the
    words in the scripts those pages load, and the custom properties the site's own
    stylesheets refer to."""

    def __init__(self, site, root: Path, compared: set[str], own_css: list[Path]):
        self.classes: set[str] = set()
        self.values: set[str] = set()
        scripts: set[Path] = set()
        for page, tree in site.pages.items():
            for node in tree.css("*"):
                for name, value in node.attributes.items():
                    if name == "class" and value:
                        self.classes.update(value.split())
                    elif name in compared and value is not None:
                        self.values.add(value)
            scripts.update(target for script in tree.css("script[src]")
                           if (target := site.resolve(page, script.attributes["src"] or "")) is not None)
        self.words = set()
        for script in sorted(scripts):
            if script.is_file():
                # Kept by the script's content: the theme's bundle is read the same at every build.
                code = script.read_bytes()
                words = cached(root, "script-words", [code, SCRIPT_WORD.pattern.encode()],
                               lambda: "\n".join(sorted(set(SCRIPT_WORD.findall(code.decode("utf-8"))))))
                self.words.update(words.split("\n"))
        self.properties = {name for css in own_css for name in VAR.findall(css.read_text(encoding="utf-8"))}
        self._answers: dict[str, bool] = {}

    def fingerprint(self) -> bytes:
        """What the answers depend on."""
        parts = [self.classes, self.values, self.words, self.properties]
        return "\n\0".join("\n".join(sorted(part)) for part in parts).encode()

    def has_value(self, value: str) -> bool:
        return value in self.values or value in self.words

    def has_property(self, name: str) -> bool:
        return name in self.properties or name in self.words

    def __contains__(self, name: str) -> bool:
        if name not in self._answers:
            # A script that builds a class from a prefix ("md-tooltip2--" + side) names the prefix.
            self._answers[name] = (
                name in self.classes
                or name in self.words
                or any(name[:i] in self.words for i in range(1, len(name)) if name[i - 1] in "-_")
            )
        return self._answers[name]


def _trim(sheets: list[str], used: _Used) -> list[str]:
    """The stylesheets without the rules no page can match, then without the custom
    properties nothing kept refers to (the stylesheets refer to each other's)."""
    import tinycss2  # here, not at the top: a repeat build reads the result from the cache

    kept = [_rule_list(tinycss2.parse_stylesheet(css, skip_comments=True), used) for css in sheets]
    definitions: dict[str, set[str]] = {}  # custom property -> the ones its values refer to
    referred: set[str] = set()
    for rules in kept:
        for declaration in _declarations(rules):
            names = set(VAR.findall(tinycss2.serialize(declaration.value)))
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, set()).update(names)
            else:
                referred |= names
    referred |= {name for name in definitions if used.has_property(name)}
    pending = list(referred)
    while pending:
        for name in definitions.get(pending.pop(), ()):
            if name not in referred:
                referred.add(name)
                pending.append(name)
    return [_serialize(rules, referred) for rules in kept]


def _rule_list(rules, used: _Used) -> list:
    """The rules that can match, as parsed rules (selectors rewritten) and text."""
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, used)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                out.append((prelude, tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                                     skip_whitespace=True)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _rule_list(tinycss2.parse_rule_list(rule.content, skip_comments=True), used)
            if inner:
                out.append((f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type in ("at-rule", "error"):
            out.append(rule.serialize())
    return out


def _declarations(rules):
    for rule in rules:
        if isinstance(rule, tuple):
            prelude, content = rule
            if prelude.startswith("@"):
                yield from _declarations(content)
            else:
                yield from (d for d in content if d.type == "declaration")


def _serialize(rules, properties: set[str]) -> str:
    out = []
    for rule in rules:
        if isinstance(rule, str):
            out.append(rule)
            continue
        prelude, content = rule
        if prelude.startswith("@"):
            inner = _serialize(content, properties)
        else:
            inner = ";".join(
                d.serialize() for d in content
                if d.type != "declaration" or not d.name.startswith("--") or d.name in properties)
        if inner:
            out.append(f"{prelude}{{{inner}}}")
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
    """Whether every class the selector requires (outside parentheses) is in use, and every
    value an attribute selector requires ([data-md-color-primary=red]) is."""
    classes = [
        token.value
        for dot, token in zip(selector, selector[1:])
        if dot.type == "literal" and dot.value == "." and token.type == "ident"
    ]
    return all(name in used for name in classes) and all(
        used.has_value(value) for value in _required_values(selector))


def _required_values(selector) -> list[str]:
    """The values of [name=value] selectors (exact match only; ^= *= and the like are kept)."""
    values = []
    for token in selector:
        if token.type == "[] block":
            parts = [t for t in token.content if t.type != "whitespace"]
            if (len(parts) == 3 and parts[0].type == "ident" and parts[1].type == "literal"
                    and parts[1].value == "=" and parts[2].type in ("ident", "string")):
                values.append(parts[2].value)
    return values
