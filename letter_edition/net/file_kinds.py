"""What a published file is, by the content type a static host serves it with.

A host serves a file by its extension (GitHub Pages from the mime-db table), and a browser
treats it by that type: HTML, XHTML, SVG and any XML are documents it renders, and their
scripts run on the site's origin; a stylesheet is read by the pages that link it; an image
or a font is only ever shown. So the net checks a file by the kind its type names, never
by a list of the extensions seen so far:

- `page` (text/html, application/xhtml+xml), `svg` (image/svg+xml) and `xml` (any other
  XML type): parsed, and checked by the rules for pages;
- `stylesheet`, `script`, `json`, `pdf`, and the downloads `bibtex` and `ris`: parsed and
  checked by their own rules;
- `inert`: images other than SVG, fonts, audio, video and archives, which a browser shows,
  plays or saves and never runs;
- None: any other type, or a file whose type the table does not know. The net refuses it.

The type comes from Python's own table (never the machine's /etc/mime.types, so the answer
is the same on every machine), with the mime-db types it lacks for files a site publishes;
tests/test_file_kinds.py holds every extension of mime-db against it: no file is treated as
more harmless than the host's type makes it. A checked file that is compressed (`.svgz`,
which a host may send with `Content-Encoding: gzip`) is checked as what it holds.
"""

import mimetypes
import posixpath

# mime-db's types for extensions Python's built-in table does not know, or knows otherwise.
HOST_TYPES = {
    ".map": "application/json", ".xhtml": "application/xhtml+xml", ".xht": "application/xhtml+xml",
    ".shtml": "text/html", ".xsl": "application/xslt+xml", ".xslt": "application/xslt+xml",
    ".atom": "application/atom+xml", ".rss": "application/rss+xml", ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml", ".mjs": "text/javascript", ".svgz": "image/svg+xml",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
    ".webp": "image/webp", ".apng": "image/apng", ".gz": "application/gzip", ".br": "application/x-brotli",
}
# The downloads of a citation, which no table names alike (BibTeX, RIS): checked as such.
DOWNLOAD_TYPES = {".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems"}

ARCHIVES = {"application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2",
            "application/x-xz", "application/x-7z-compressed", "application/x-rar-compressed", "application/zstd",
            "application/x-brotli"}
# Audio and video containers some tables file under application/.
MEDIA = {"application/mp4", "application/ogg"}

_TABLE = mimetypes.MimeTypes(filenames=())  # the built-in table alone


def served_type(name: str) -> str | None:
    """The content type a static host serves this file with, by its last extension alone, as a
    host reads it (`sitemap.xml.gz` is a gzip archive); None where it has none."""
    suffix = posixpath.splitext(name)[1].lower()
    for table in (DOWNLOAD_TYPES, HOST_TYPES, _TABLE.types_map[True], _TABLE.types_map[False]):
        if suffix in table:
            return table[suffix]
    return None


def kind_of_type(content_type: str | None) -> str | None:
    """The kind a browser treats a file of this type as (see the module's docstring)."""
    if content_type is None:
        return None
    kind = content_type.split(";")[0].strip().lower()
    main, _, sub = kind.partition("/")
    if kind in ("text/html", "application/xhtml+xml"):
        return "page"
    if kind == "image/svg+xml":
        return "svg"
    if kind in ("text/xml", "application/xml") or sub.endswith("+xml"):
        return "xml"
    if kind == "text/css":
        return "stylesheet"
    if kind in ("text/javascript", "application/javascript", "application/x-javascript"):
        return "script"
    if kind == "application/json" or sub.endswith("+json"):
        return "json"
    if kind == "application/pdf":
        return "pdf"
    if kind == DOWNLOAD_TYPES[".bib"]:
        return "bibtex"
    if kind == DOWNLOAD_TYPES[".ris"]:
        return "ris"
    if main in ("image", "font", "audio", "video") or kind in ARCHIVES | MEDIA:
        return "inert"
    return None


def kind_of(name: str) -> str | None:
    return kind_of_type(served_type(name))
