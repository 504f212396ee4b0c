"""Notes as text: what references.bib says, character for character, and never markup.

mkdocs-bibtex asks pandoc for Markdown (`markdown-citations`) and pastes it into the page's
Markdown. On the way, that writer turns “ ” ’ into ASCII quotes, and a field that looks
like markup (`<b>`, `*`, `_`, `[`, `@`, …) is then read as markup by Python-Markdown.

So pandoc writes HTML here instead, and mkdocs-bibtex gets each entry in the Markdown
shape it reads (`::: {#ref-key .csl-entry}`), with the entry's text made literal: every
character Markdown could take for markup is written as a character reference. Web
addresses stay links; other tags are dropped, keeping their text.
"""

import html
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError
from mkdocs_bibtex import registry

log = logging.getLogger("mkdocs.hooks.note_text")

BIBTEX_OUTPUT = "markdown-citations"
# Characters that Python-Markdown or mkdocs-bibtex would read as markup.
MARKUP = set("\\`*_{}[]<>#+!@&|~^$")


def _literal(text: str) -> str:
    """Text that Markdown shows as written."""
    return "".join(f"&#{ord(c)};" if c in MARKUP else c for c in re.sub(r"\s+", " ", text))


class _CslEntries(HTMLParser):
    """The text of each `div.csl-entry` in pandoc's HTML, as literal Markdown, by key."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, str] = {}
        self._key = None
        self._parts: list[str] = []
        self._divs = 0
        self._links: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._key is None:
            if tag == "div" and "csl-entry" in (attrs.get("class") or "").split():
                self._key, self._parts, self._divs = (attrs.get("id") or "").removeprefix("ref-"), [], 1
            return
        if tag == "div":
            self._divs += 1
        elif tag == "a":
            href = attrs.get("href")
            self._links.append(bool(href))
            if href:
                self._parts.append(f'<a href="{html.escape(href)}">')

    def handle_endtag(self, tag):
        if self._key is None:
            return
        if tag == "a" and self._links and self._links.pop():
            self._parts.append("</a>")
        elif tag == "div":
            self._divs -= 1
            if self._divs == 0:
                self.entries[self._key] = "".join(self._parts).strip()
                self._key = None

    def handle_data(self, data):
        if self._key is not None:
            self._parts.append(_literal(data))


def _entries_as_markdown(html_text: str) -> dict[str, str]:
    parser = _CslEntries()
    parser.feed(html_text)
    parser.close()
    return parser.entries


def _to_html(source: str, extra_args: list[str]) -> str:
    """pandoc's HTML for a document, or a build error that says what pandoc said.

    pandoc's own warnings (an undefined macro in the style, say) are passed on as MkDocs
    warnings, so that a strict build fails on them rather than publish a wrong note.
    """
    heard = _Collect()
    pypandoc_log = logging.getLogger("pypandoc")
    own_handlers, pypandoc_log.handlers = pypandoc_log.handlers, [heard]
    try:
        return pypandoc.convert_text(
            source, "html", format="markdown", extra_args=[*extra_args, "--wrap=none"], verify_format=False
        )
    except RuntimeError as error:
        raise PluginError(f"pandoc could not format the notes: {error}".strip()) from None
    finally:
        pypandoc_log.handlers = own_handlers
        for message in heard.messages:
            log.warning("pandoc, formatting the notes with the CSL style: %s", message)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(" ".join(record.getMessage().replace("[WARNING]", "").split()))


# Formats every entry of the bibliography at once, so one pandoc run serves the build.
ALL_ENTRIES = "---\nnocite: '@*'\n---\n"


class _NotePandoc:
    """pypandoc as mkdocs-bibtex sees it: the notes come back as literal text, and pandoc
    runs once for all of them, and again only when the bibliography or the style changes."""

    def __init__(self):
        self._formatted: dict[tuple, dict[str, str]] = {}

    def __getattr__(self, name):
        return getattr(pypandoc, name)

    def convert_text(self, source, to, format, extra_args=(), **kwargs):
        if to != BIBTEX_OUTPUT:
            raise PluginError(
                f"mkdocs-bibtex asked pandoc for {to!r}, not {BIBTEX_OUTPUT!r}: "
                "hooks/note_text.py needs updating for this version of mkdocs-bibtex."
            )
        args = list(extra_args)
        inputs = _inputs(args)
        if inputs not in self._formatted:
            self._formatted = {inputs: _entries_as_markdown(_to_html(ALL_ENTRIES, args))}
        # The shape mkdocs-bibtex parses: a references part of `::: {#ref-key .csl-entry}` blocks.
        blocks = [f"::: {{#ref-{key} .csl-entry}}\n{text}\n:::" for key, text in self._formatted[inputs].items()]
        return "# References\n\n" + "\n\n".join(blocks) + "\n"


def _inputs(args: list[str]) -> tuple[bytes, ...]:
    """What the formatted notes depend on: the contents of the bibliography and the style
    (mkdocs-bibtex writes the bibliography to a new temporary file for every call)."""
    files = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("--bibliography", "--csl")]
    return tuple(Path(path).read_bytes() for path in files)


def on_startup(command, dirty):
    registry.pypandoc = _NotePandoc()

