"""The site's own stylesheets and scripts, as a reader's browser needs them.

Written for editors, they are published for readers: each stylesheet of `extra_css`
without its comments and spare whitespace (a third of letter.css), and the scripts of
`extra_javascript` (docs/javascripts/*.js, one file per feature) as one file, each in its
own function scope and in the listed order, named by its content: one request in place of
one per feature, and never a stale copy from a cache.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..caches.build_cache import cached, code_of, package_init
from ..reading.reader import read_text

BUNDLE = "javascripts/letter.{hash}.js"


@dataclass(frozen=True)
class ScriptBundle:
    name: str  # where it is published, named by its content
    text: str
    bundled: list[str]  # the scripts it holds, as docs/ names them


def bundle_scripts(docs: Path, docs_name: str, scripts: list[str]) -> ScriptBundle | None:
    """The site's own scripts (those in docs/) as one file; None where there are none."""
    local = [script for script in scripts if (docs / script).exists()]
    if not local:
        return None
    text = bundle([(script, read_text(docs / script, f"{docs_name}/{script}", "the script")) for script in local])
    return ScriptBundle(BUNDLE.format(hash=hashlib.sha256(text.encode()).hexdigest()[:8]), text, local)


def published_css(css: str, project: Path) -> str:
    """A stylesheet of the site's own as published: without comments or spare whitespace."""
    inputs = [css.encode(), code_of(__file__), code_of(package_init("tinycss2"))]
    return cached(project, "own-css", inputs, lambda: minify_css(css))


def bundle(scripts: list[tuple[str, str]]) -> str:
    """The scripts in order, each in a scope of its own as it had in a file of its own."""
    return "".join(f"// {path}\n(() => {{\n{text.rstrip()}\n}})();\n" for path, text in scripts)


def minify_css(css: str) -> str:
    """The same rules, without comments, with each run of whitespace one space or none."""
    import tinycss2  # here, not at the top: a repeat build reads the result from the cache

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_compact(rule) for rule in rules)


def _compact(node) -> str:
    if node.type == "qualified-rule":
        return f"{_tokens(node.prelude)}{{{_tokens(node.content)}}}"
    if node.type == "at-rule":
        body = ";" if node.content is None else f"{{{_block(node)}}}"
        return f"@{node.at_keyword} {_tokens(node.prelude)}".rstrip() + body
    return node.serialize()


def _block(rule) -> str:
    """An at-rule's block: rules (@media) or declarations (@page, @font-face)."""
    import tinycss2

    if rule.lower_at_keyword in ("media", "supports", "container", "layer"):
        return "".join(_compact(inner) for inner in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                             skip_whitespace=True))
    return _tokens(rule.content)


# Beside these a space means nothing; they are never inside a string (a string is one token).
TIGHT = {",", ";", "{", "}"}
BRACKETS = {"() block": ("(", ")"), "[] block": ("[", "]"), "{} block": ("{", "}")}


def _tokens(tokens) -> str:
    """Tokens as text: comments out, a run of whitespace one space, none beside , ; { }."""
    kept = [token for token in tokens if token.type != "comment"]
    out = []
    for i, token in enumerate(kept):
        if token.type == "whitespace":
            before, after = kept[i - 1] if i else None, kept[i + 1] if i + 1 < len(kept) else None
            if before is None or after is None or before.type == "whitespace" or any(
                    t.type == "literal" and t.value in TIGHT for t in (before, after)):
                continue
            out.append(" ")
        elif token.type == "function":
            out.append(f"{token.name}({_tokens(token.arguments)})")
        elif token.type in BRACKETS:
            opening, closing = BRACKETS[token.type]
            out.append(f"{opening}{_tokens(token.content)}{closing}")
        else:
            out.append(token.serialize())
    return "".join(out)
