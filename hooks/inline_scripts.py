"""Every script a page runs comes from a file, so the site works under `script-src 'self'`.

Material writes three small scripts into each page (its storage helpers, the saved palette,
the target of a tab link). A host that sends a Content-Security-Policy without
'unsafe-inline' blocks them, and search, tooltips and the palette toggle stop. After the
build, each inline script is written to a file named by its content and the page loads
that file instead, in the same place, so the scripts run in the same order as before.
Data blocks (`application/json`, `application/ld+json`) are not scripts and stay.
"""

import hashlib
import logging
import posixpath
from urllib.parse import urlsplit
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.plugins import event_priority

from event_order import MOVE_INLINE_SCRIPTS

log = logging.getLogger("mkdocs.hooks.inline_scripts")

FOLDER = "assets/javascripts/inline"
DATA_TYPES = {"application/json", "application/ld+json"}


@event_priority(MOVE_INLINE_SCRIPTS)
def on_post_build(config):
    site = Path(config.site_dir)
    written: set[str] = set()
    root = urlsplit(config.site_url or "/").path
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        moved = _move_scripts(html, page.relative_to(site).as_posix(), site, written, root)
        if moved != html:
            page.write_text(moved, encoding="utf-8")
    log.debug("%d inline scripts written to %s", len(written), FOLDER)


def _move_scripts(html: str, page_path: str, site: Path, written: set[str], root: str) -> str:
    """The page with each inline script replaced by a script element that loads it.

    The 404 page is served at any address, so it loads from the site's root (`root`), as
    the theme's own assets on it do; the other pages load relative to themselves.
    """
    finder = _InlineScripts()
    finder.feed(html)
    finder.close()
    out, position = [], 0
    for start, end, start_tag, body in finder.found:
        name = f"{FOLDER}/{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
        if name not in written:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(body, encoding="utf-8")
            written.add(name)
        src = root + name if page_path == "404.html" else posixpath.relpath(name, posixpath.dirname(page_path) or ".")
        out += [html[position:start], f'{start_tag[:-1]} src="{src}"></script>']
        position = end
    out.append(html[position:])
    return "".join(out)


class _InlineScripts(HTMLParser):
    """Where each inline script element starts and ends in the page, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, int, str, str]] = []
        self._start = None
        self._offsets = [0]

    def feed(self, data):
        self._text = data
        for line in data.splitlines(keepends=True):
            self._offsets.append(self._offsets[-1] + len(line))
        super().feed(data)

    def _offset(self):
        line, column = self.getpos()
        return self._offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "text/javascript") not in DATA_TYPES:
            self._start, self._tag = self._offset(), self.get_starttag_text()
            self._body_start = self._start + len(self._tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._start is not None:
            end = self._offset()
            body = self._text[self._body_start:end]
            self.found.append((self._start, self._text.index(">", end) + 1, self._tag, body))
            self._start = None
