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
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from event_order import MOVE_INLINE_SCRIPTS

log = logging.getLogger("mkdocs.hooks.inline_scripts")

FOLDER = "assets/javascripts/inline"
DATA_TYPES = {"application/json", "application/ld+json"}
# A script element: in HTML its text runs, unparsed, to the first `</script` (the rule
# browsers follow), so this finds each one as a browser does.
SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE = re.compile(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


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

    def moved(script: re.Match) -> str:
        attributes, body = script["attributes"], script["body"]
        kind = TYPE.search(attributes)
        if SRC.search(attributes) or (kind and kind[1] in DATA_TYPES):
            return script[0]
        name = f"{FOLDER}/{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
        if name not in written:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(body, encoding="utf-8")
            written.add(name)
        src = root + name if page_path == "404.html" else posixpath.relpath(name, posixpath.dirname(page_path) or ".")
        return f'<script{attributes} src="{src}"></script>'

    return SCRIPT.sub(moved, html)
