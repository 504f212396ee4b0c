"""The built site's pages, each parsed once with an HTML parser and written back once.

After MkDocs has written the pages, the steps that finish them (the theme's inline scripts
moved into files, the theme's stylesheets relinked, the PDF's size written into its links)
work on these parsed pages: a parser reads a page as a browser does (a script inside a
comment is a comment; a class in single quotes is a class), where a search of the text
would not.
"""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..addresses import relative_address, site_path
from ..caches.build_cache import write_whole


class BuiltSite:
    def __init__(self, root: Path, root_path: str = "/"):
        self.root = root
        self.root_path = root_path  # the site's path on its host: "/" or "/letter/"
        self.pages: dict[str, LexborHTMLParser] = {
            path.relative_to(root).as_posix(): LexborHTMLParser(path.read_text(encoding="utf-8"))
            for path in sorted(root.rglob("*.html"))
        }
        self._changed: set[str] = set()

    def changed(self, page: str) -> None:
        self._changed.add(page)

    def write(self) -> None:
        """Every page a step has changed, as the parser serializes it, each written whole (under
        `mkdocs serve` the server may be reading it)."""
        for page in sorted(self._changed):
            html = "<!doctype html>\n" + self.pages[page].html.removeprefix("<!DOCTYPE html>")
            write_whole(self.root / page, html.encode("utf-8"))
        self._changed.clear()

    def resolve(self, page: str, address: str) -> Path | None:
        """The site's file an address on a page leads to, or None for one elsewhere."""
        return site_path(self.root, self.root_path, page, address)

    def address(self, page: str, target: str) -> str:
        """How `page` links the site's file `target`: relative, except on the 404 page, which
        is served at any address and so links from the site's root."""
        if page == "404.html":
            return self.root_path + target
        return relative_address(target, page)


def element(html: str):
    """One element, parsed, to put into a page."""
    return LexborHTMLParser(f"<body>{html}</body>").body.child
