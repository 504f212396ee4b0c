r"""Notes as text: what references.bib says, character for character, and never markup.

One pandoc run (citeproc, styles/letter-notes.csl) formats, for the whole site:
- every note that cites a work, from its body as the editor wrote it (`See @key, p. 4.`),
  as a pandoc citation group (`[See @key, p. 4.]`), so the style places the locator;
- every cited work as an entry of the references page, and the letter's own citation;
- the cited works as CSL data (a small Lua filter), from which the references page is
  ordered and the JSON-LD written, so that their text is the notes' text.
pandoc writes HTML; each note's and entry's text is handed to Markdown literally (every
character Markdown could take for markup written as a character reference) with its web
addresses as links and the style's italics. pandoc runs again only when the bibliography,
the style or a note changes (caches/build_cache.py); fidelity.py then checks that nothing
the editor wrote was dropped, and page_markdown/note_markdown.py puts each note in its page.
"""

import html
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pypandoc

from ..caches.build_cache import cached_bytes, code_of
from ..errors import EditionError, SourceError
from ..reading.citations import CITATION
from ..text_forms import literal
from . import field_text
from .pandoc_input import restore

log = logging.getLogger(__name__)

# pandoc's markup that is kept (the style's italics); all other tags are dropped, text kept.
EMPHASIS = {"em", "i"}

# The cited works as CSL data, written into the output where Python finds it.
CSL_ITEMS_FILTER = r"""
local function plain(v)
  local t = pandoc.utils.type(v)
  if t == 'Inlines' or t == 'Inline' or t == 'Blocks' then return pandoc.utils.stringify(v) end
  if t == 'table' or t == 'List' then
    local out = {}
    for k, x in pairs(v) do out[k] = plain(x) end
    return out
  end
  return v
end
function Pandoc(doc)
  local items = {}
  for _, r in ipairs(pandoc.utils.references(doc)) do table.insert(items, plain(r)) end
  doc.blocks:insert(pandoc.RawBlock('html',
    '<script type="application/json" id="csl-items">' .. pandoc.json.encode(items):gsub('<', '\\u003c') .. '</script>'))
  return doc
end
"""


@dataclass(frozen=True)
class Formatted:
    notes: dict[str, str]  # a note's body as written -> its text, as literal Markdown
    entries: dict[str, str]  # a work's key -> its references entry, as literal Markdown
    items: dict[str, dict]  # a work's key -> its CSL data (plain text)
    note_texts: dict[str, str]  # a note's body as written -> its text as the reader reads it
    entry_texts: dict[str, str]  # a work's key -> its references entry as the reader reads it


def format_all(note_bodies: list[str], keys: list[str], bibtex: str, style: str, root: Path,
               archives: dict[str, tuple[str, str]] | None = None) -> Formatted:
    """One pandoc run for every note that cites, every entry and the CSL data of each work
    (read from the build cache when nothing it reads has changed)."""
    bodies = list(dict.fromkeys(note_bodies))
    document = _document(bodies, keys)
    inputs = [document.encode(), bibtex.encode(), style.encode(), code_of(__file__), _pandoc_identity()]
    answer = json.loads(cached_bytes(root, "pandoc", inputs, lambda: json.dumps(_run_pandoc(document, bibtex, style)).encode(),
                                     check=_is_answer))
    for message in answer["warnings"]:
        log.warning("pandoc, formatting the notes with the CSL style: %s", message)
    parsed = _Output(archives or {})
    parsed.feed(answer["html"])
    parsed.close()
    notes = {}
    for index, body in enumerate(bodies, start=1):
        text = parsed.footnotes.get(str(index))
        if text is None or CITATION.search(html.unescape(re.sub(r"&#\d+;", "", text))):
            raise SourceError(f"pandoc could not read the citation in the note “{body}”. "
                              "Write it as pandoc does: [^n]: See @key, p. 4.")
        notes[body] = text
    items = {item["id"]: _restored(item) for item in json.loads(parsed.csl_items or "[]")}
    return Formatted(notes, parsed.entries, items, {body: plain_text(text) for body, text in notes.items()},
                     {key: plain_text(text) for key, text in parsed.entries.items()})


def plain_text(fragment: str) -> str:
    """A formatted note or entry (literal Markdown with links) as the reader reads it."""
    from selectolax.lexbor import LexborHTMLParser

    return field_text.normal(LexborHTMLParser(f"<body>{fragment}</body>").body.text(deep=True))


def _is_answer(data: bytes) -> bool:
    """A kept answer as _run_pandoc gives it: HTML and a list of warnings."""
    try:
        answer = json.loads(data)
    except ValueError:
        return False
    return isinstance(answer, dict) and isinstance(answer.get("html"), str) and isinstance(answer.get("warnings"), list)


def _pandoc_identity() -> bytes:
    """Which pandoc could run, without starting one: path, size and time of each that
    pypandoc chooses among (PYPANDOC_PANDOC, else the newest of the one on PATH and the one
    pypandoc-binary ships). Asking pypandoc would start each to read its version."""
    chosen = os.environ.get("PYPANDOC_PANDOC")
    candidates = [chosen] if chosen else [shutil.which("pandoc"), *Path(pypandoc.__file__).parent.glob("files/pandoc*")]
    parts = []
    for path in filter(None, candidates):
        try:
            stat = Path(path).stat()
        except OSError:
            continue
        parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def _run_pandoc(document: str, bibtex: str, style: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        bib, lua, csl = Path(folder) / "cited.bib", Path(folder) / "csl-items.lua", Path(folder) / "style.csl"
        bib.write_text(bibtex, encoding="utf-8")
        csl.write_text(style, encoding="utf-8")
        lua.write_text(CSL_ITEMS_FILTER, encoding="utf-8")
        output, warnings = _to_html(document, ["--lua-filter", str(lua), "--citeproc",
                                               "--bibliography", str(bib), "--csl", str(csl)])
    return {"html": output, "warnings": warnings}


def _document(bodies: list[str], keys: list[str]) -> str:
    nocite = " ".join(f"@{{{key}}}" for key in keys)
    parts = ["---", "link-citations: false", f"nocite: '{nocite}'", "---", ""]
    for body in bodies:
        parts += ["::: note", f"[{_unbracketed(body)}]", ":::", ""]
    return "\n".join(parts)


def _unbracketed(body: str) -> str:
    """A note's body as one citation group: `[@a, p. 4]; see [@b]` reads `@a, p. 4; see @b`."""
    return re.sub(r"\[([^\[\]]*@[^\[\]]*)\]", r"\1", body.strip())


# CSL's variables in capitals, which pandoc's Lua references give in lower case.
CSL_CAPITALS = {name.lower(): name for name in ["URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"]}


def _restored(item):
    if isinstance(item, dict):
        return {CSL_CAPITALS.get(k, k): _restored(v) for k, v in item.items()}
    if isinstance(item, list):
        return [_restored(v) for v in item]
    return restore(item) if isinstance(item, str) else item


def _to_html(document: str, extra_args: list[str]) -> tuple[str, list[str]]:
    """pandoc's HTML for a document and what pandoc warned of (an undefined macro in the
    style, say: passed on as MkDocs warnings, so that a strict build fails on them), or a
    build error that says what pandoc said."""
    heard = _Collect()
    pypandoc_log = logging.getLogger("pypandoc")
    own_handlers, pypandoc_log.handlers = pypandoc_log.handlers, [heard]
    try:
        output = pypandoc.convert_text(
            document, "html", format="markdown", extra_args=[*extra_args, "--wrap=none"], verify_format=False
        )
    except RuntimeError as error:
        raise EditionError(f"pandoc could not format the notes: {error}".strip()) from None
    finally:
        pypandoc_log.handlers = own_handlers
    return output, heard.messages


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(" ".join(record.getMessage().replace("[WARNING]", "").split()))


class _Output(HTMLParser):
    """From pandoc's HTML: each `div.csl-entry` by key, each footnote by number (as literal
    Markdown with links kept), and the CSL data."""

    def __init__(self, archives: dict[str, tuple[str, str]]):
        super().__init__(convert_charrefs=True)
        # Robust Links: a live address and its archived copy name each other, with the date.
        self.link_attributes = {}
        self.archive_copies = [copy for copy, _ in archives.values()]
        for live, (copy, date) in archives.items():
            self.link_attributes[live] = f' data-versionurl="{html.escape(copy)}" data-versiondate="{date}"'
            self.link_attributes[copy] = f' data-originalurl="{html.escape(live)}" data-versiondate="{date}"'
        self.entries: dict[str, str] = {}
        self.footnotes: dict[str, str] = {}
        self.csl_items: str | None = None
        self._target = None  # (dict, key) the text goes to
        self._parts: list[str] = []
        self._depth = 0
        self._links: list[bool] = []
        self._skip = 0
        self._in_items = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("id") == "csl-items":
            self._in_items, self.csl_items = True, ""
            return
        if self._target is None:
            if tag == "div" and "csl-entry" in (attrs.get("class") or "").split():
                self._open(self.entries, (attrs.get("id") or "").removeprefix("ref-"), tag)
            elif tag == "li" and (attrs.get("id") or "").startswith("fn"):
                self._open(self.footnotes, attrs["id"].removeprefix("fn"), tag)
            return
        if tag == self._tag:
            self._depth += 1
        if tag in EMPHASIS:  # a book's title in italics, as the style asks
            self._parts.append("<em>")
        if tag == "a":
            href = attrs.get("href")
            back = "footnote-back" in (attrs.get("class") or "")
            self._skip += back
            self._links.append(bool(href) and not back)
            if href and not back:
                href = restore(href)
                self._parts.append(f'<a href="{html.escape(href)}"{self.link_attributes.get(href, "")}>')

    def _open(self, target, key, tag):
        self._target, self._key, self._tag, self._parts, self._depth = target, key, tag, [], 1

    def handle_endtag(self, tag):
        if self._in_items and tag == "script":
            self._in_items = False
        if self._target is None:
            return
        if tag in EMPHASIS:
            self._parts.append("</em>")
        elif tag == "a" and self._links:
            if self._links.pop():
                self._parts.append("</a>")
            elif self._skip:
                self._skip -= 1
        elif tag == self._tag:
            self._depth -= 1
            if self._depth == 0:
                self._target[self._key] = "".join(self._parts).strip()
                self._target = None

    def handle_data(self, data):
        if self._in_items:
            self.csl_items += data
        elif self._target is not None and not self._skip:
            text = restore(data)
            copy = next((c for c in self.archive_copies if c in text), None)
            if copy and not self._links:  # an archived copy's address, which pandoc leaves as text
                before, _, after = text.partition(copy)
                self._parts += [literal(before), f'<a href="{html.escape(copy)}"{self.link_attributes[copy]}>',
                                literal(copy), "</a>", literal(after)]
            else:
                self._parts.append(literal(text))


