"""The built site's pages, each parsed once with an HTML parser and written back once.

After MkDocs has written the pages, the steps that finish them (the theme's inline scripts
moved into files, the theme's stylesheets relinked, the PDF's size written into its links)
work on these parsed pages: a parser reads a page as a browser does (a script inside a
comment is a comment; a class in single quotes is a class), where a search of the text
would not.
"""

import posixpath
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser


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
        """Every page a step has changed, as the parser serializes it."""
        for page in sorted(self._changed):
            (self.root / page).write_text("<!doctype html>\n" + self.pages[page].html.removeprefix("<!DOCTYPE html>"),
                                          encoding="utf-8")
        self._changed.clear()

    def resolve(self, page: str, address: str) -> Path | None:
        """The site's file an address on a page leads to, or None for one elsewhere."""
        return site_path(self.root, self.root_path, page, address)

    def address(self, page: str, target: str) -> str:
        """How `page` links the site's file `target`: relative, except on the 404 page, which
        is served at any address and so links from the site's root."""
        if page == "404.html":
            return self.root_path + target
        return relative_url(target, page)


def site_file(root_path: str, page: str, address: str) -> str | None:
    """The file of the site an address on `page` leads to, as a path from the site's root
    ("assets/x.js"), or None for an address elsewhere; `root_path` is the site's path on its
    host ("/letter/")."""
    path = address.split("#")[0].split("?")[0]
    if not path or "://" in path or path.startswith("//") or ":" in path.split("/")[0]:
        return None
    if path.startswith("/"):
        if not path.startswith(root_path):
            return None
        joined = path[len(root_path):]
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def site_path(root: Path, root_path: str, page: str, address: str) -> Path | None:
    """Where in the built site at `root` an address on `page` leads (it may not exist), or None
    for an address elsewhere."""
    found = site_file(root_path, page, address)
    return None if found is None else root / found


def relative_url(target: str, page: str) -> str:
    """How a page links the site's file `target`: `page` is the page's address or file
    ("", "about/", "about.html", "about/index.html"), relative to the site's root."""
    folder = page if page.endswith("/") else posixpath.dirname(page)
    return posixpath.relpath(target, folder.rstrip("/") or ".")


def element(html: str):
    """One element, parsed, to put into a page."""
    return LexborHTMLParser(f"<body>{html}</body>").body.child
