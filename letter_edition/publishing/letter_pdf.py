r"""The letter as a PDF, made by the build: `letter.pdf`, beside the letter page.

WeasyPrint sets the built letter page in type with the site's own print style (the
`@media print` rules of letter.css, which a browser's print dialog uses too) on US Letter,
the letter's own paper. It follows the page: the headings become bookmarks (Addressees,
Letter, Signatories, Notes), every id a named destination (`letter.pdf#p3`), every link a
link; the PDF is tagged (PDF/UA-1) and its fonts are embedded. The document's metadata
comes from the letter's one description: title, the signatories, the addressees, the date.

`\pdf_edition` on a page becomes a link to the PDF; after the build, the link gives the
file's pages and size, read from the file ("PDF, 3 pages, 26 KiB").

Cost: the PDF is kept in `.cache/letter/`, named by a hash of what it is made from (the
page, its stylesheets, the metadata, this code, WeasyPrint's version), so a build that
changes none of them pays nothing for it. The system's fonts and Pango are left out of
that key: reading them would cost a fontconfig scan in every build. After changing either,
delete `.cache/letter/`. `mkdocs serve` publishes the PDF too, made after the pages as here;
where it is not kept, it is made in the background while the pages are served, and the
links say it is being made until it is there (serve_preview.py).
"""

import logging
from pathlib import Path

from ..addresses import relative_address
from ..caches.build_cache import cached_bytes, code_of, has_entry, package_init, write_whole
from ..errors import EditionError
from ..markers import PDF_BLOCK, PDF_DETAILS, PDF_EDITION, PDF_LINK
from .built_site import element

log = logging.getLogger(__name__)

PDF = "letter.pdf"
INSTALL = ("install it with the project's packages (.venv/bin/pip install -c constraints.txt -e .) and "
           "Debian's Pango with `bash .ci/install-system-libraries` (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")

# Only for WeasyPrint, beside the site's print style. Material lays the page out in flex
# boxes as tall as the window; WeasyPrint does not break a flex box across pages, so on
# paper they are plain blocks.
PAPER_CSS = """
@page { size: %(paper)s; }
html, body, .md-container, .md-main, .md-main__inner, .md-content, .md-content__inner, .md-grid {
  display: block !important; height: auto !important; min-height: 0 !important; overflow: visible !important;
}
"""
PAPER = "letter"  # the letter's own paper, US Letter


def write_pdf_links(markdown: str, where: str, typeset, page_url: str) -> str:
    """`\\pdf_edition` on a page becomes a link to the PDF, its details filled in after the build."""
    if PDF_EDITION not in markdown:
        return markdown
    if typeset.letter is None:
        raise EditionError(f"{where}: {PDF_EDITION} links the letter's PDF, but no page describes a letter.")
    link = (f'<a class="{PDF_LINK}" href="{relative_address(PDF, page_url)}" type="application/pdf">'
            f'PDF<span class="{PDF_DETAILS}"></span></a>')
    lines = []
    for line in markdown.split("\n"):
        if line.strip() == PDF_EDITION:  # on a line of its own: a block of its own, outside the letter's text
            line = f'<div class="{PDF_BLOCK}">{link}</div>'
        lines.append(line.replace(PDF_EDITION, link))
    return "\n".join(lines)


def metadata(letter, modified) -> dict:
    """The PDF's metadata, from the letter's one description and the edition's date."""
    return {
        "title": letter.title,
        "authors": [name.display for name in letter.signatories],
        "description": letter.summary,
        "keywords": list(letter.keywords),
        "lang": "en",
        "created": letter.date.isoformat(),
        "modified": modified.isoformat(),
    }


def weasyprint_init() -> Path:
    """Where WeasyPrint is, found without importing it (the import takes half a second)."""
    init = package_init("weasyprint")
    if init is None:
        raise EditionError(f"{PDF} is made with WeasyPrint, which is not installed: {INSTALL}.")
    return init


def publish_pdf(site, made: tuple[bytes, int]) -> None:
    """letter.pdf beside the letter page, and each link to it filled in with its pages and size."""
    pdf, pages = made
    write_whole(site.root / PDF, pdf)
    fill_details(site, f", {pages} page{'s' if pages != 1 else ''}, {round(len(pdf) / 1024)} KiB")


def pdf_being_made(site) -> None:
    """Each link to the PDF says it is being made (while serving: the PDF follows the pages)."""
    fill_details(site, ": being made…")


def letter_pdf(page: Path, site: Path, project: Path, pdf_metadata: dict, weasyprint: Path,
               make: bool = True) -> tuple[bytes, int] | None:
    """The PDF of the built letter page, and its number of pages: from the cache, or made now
    (None where it is not in the cache and `make` is false)."""
    # Every stylesheet of the site, not only those the page links: cheaper than reading the
    # page for its links, and a stylesheet it does not use only makes the PDF again.
    stylesheets = sorted(site.rglob("*.css"))
    inputs = [page.read_bytes(), *(path.read_bytes() for path in stylesheets),
              repr(sorted(pdf_metadata.items())).encode(), code_of(__file__), weasyprint.read_bytes()]
    if not make and not has_entry(project, "pdf", inputs, ".pdf"):
        return None
    pages: list[int] = []

    def make_now() -> bytes:
        pdf, count = render(page, PAPER, pdf_metadata)
        pages.append(count)
        return pdf

    def page_count() -> bytes:
        if not pages:  # the PDF came from the cache but its page count was lost: count again
            make_now()
        return str(pages[0]).encode()

    pdf = cached_bytes(project, "pdf", inputs, make_now, ".pdf", check=_is_pdf)
    return pdf, int(cached_bytes(project, "pdf-pages", inputs, page_count, check=bytes.isdigit))


def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def render(page: Path, paper: str, pdf_metadata: dict) -> tuple[bytes, int]:
    """The built page set in type on this paper (`letter`, `A4`), and its number of pages."""
    try:
        import weasyprint
        from weasyprint.urls import FatalURLFetchingError, URLFetcher
    except (ImportError, OSError) as error:  # OSError: a system library (Pango) is missing
        raise EditionError(f"{PDF} could not be made ({error}): {INSTALL}.") from None
    # The site's own files only, and a missing one stops the PDF rather than leave it out.
    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    try:
        document = weasyprint.HTML(filename=str(page), url_fetcher=fetcher).render(
            stylesheets=[weasyprint.CSS(string=PAPER_CSS % {"paper": paper}, url_fetcher=fetcher)])
        for name, value in pdf_metadata.items():
            setattr(document.metadata, name, value)
        document.metadata.custom = {}  # the page's sharing tags are no PDF metadata
        return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
    except (Exception, FatalURLFetchingError) as error:  # whatever WeasyPrint meets: one line, no PDF
        raise EditionError(f"{PDF} could not be made from {page.name}: {type(error).__name__}: {error}") from None


def fill_details(site, details: str) -> None:
    """Each link to the PDF says what it is (HTML): pages and size, or that it is being made."""
    for page, tree in site.pages.items():
        for span in tree.css(f"span.{PDF_DETAILS}"):
            span.replace_with(element(f'<span class="{PDF_DETAILS}">{details}</span>'))
            site.changed(page)
