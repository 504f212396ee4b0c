"""A card for shared links: each page's preview image, 1200 × 630, as link previews show it.

The letter's page gets a card made from the letter's one description: its headline, its
date, its signatories and the site's name; every other page, its title and the site's name.
The card's words are written exactly as the edition has them (the image's alternative
text is the same words). WeasyPrint sets the card in type, in the fonts the PDF is set in
(the system's, as letter.css asks: no web font, nothing fetched), and PDFium draws it as a
PNG; the PNG is named by its content, so a changed card gets a new address and no client
shows a stale copy. It is kept in `.cache/letter/` by what it is made from.

The colours: ink on paper, each pair of text and background well above the 4.5:1 contrast
that WCAG asks of text.
"""

import hashlib
import html
import io
from dataclasses import dataclass
from pathlib import Path

from ..caches.build_cache import cached_bytes, code_of, package_init
from ..errors import EditionError
from ..text_forms import long_date
from .letter_pdf import INSTALL

WIDTH, HEIGHT = 1200, 630  # pixels: the size link previews ask for (1.91:1)
FOLDER = "cards"
PAPER, INK, SOFT_INK, RULE = "#f6f3ec", "#1b1b1b", "#3a3a3a", "#7a1f1f"
# The headline's size steps down as it grows, so that a long one still fits the card.
HEADLINE_SIZES = [(48, 64), (80, 54), (120, 46), (10**6, 40)]  # (up to this many characters, pixels)

CARD_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: {width}px {height}px; margin: 0; }}
html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
body {{ background: {paper}; color: {ink}; font-family: -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif;
       border-top: 18px solid {rule}; box-sizing: border-box; position: relative; }}
main {{ position: absolute; left: 80px; right: 80px; top: 70px; bottom: 130px; overflow: hidden; }}
h1 {{ font-size: {headline}px; line-height: 1.12; font-weight: 700; margin: 0 0 28px; }}
p {{ margin: 0 0 14px; font-size: 30px; line-height: 1.3; color: {soft}; }}
footer {{ position: absolute; left: 80px; right: 80px; bottom: 48px; padding-top: 22px;
         border-top: 2px solid {ink}; font-size: 28px; font-weight: 700; }}
</style></head><body><main><h1>{title}</h1>{lines}</main><footer>{site}</footer></body></html>
"""


@dataclass(frozen=True)
class Card:
    words: tuple[str, ...]  # what the card says, in reading order: the title first, the site's name last
    name: str  # where it is published in the site, named by its content ("cards/index.1f3a….png")
    png: bytes

    @property
    def alt(self) -> str:
        """The card's words, as its alternative text."""
        return " · ".join(self.words)


def letter_words(letter, site_name: str) -> tuple[str, ...]:
    """The letter's card: its headline, date and signatories, and the site's name."""
    names = [name.display for name in letter.signatories]
    signed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return letter.title, long_date(letter.date), signed, site_name


def page_words(title: str, site_name: str) -> tuple[str, ...]:
    return title, site_name


def make_card(words: tuple[str, ...], page: str, where: str, project: Path) -> Card:
    """The card with these words for the page at `page` (its path in the docs folder; `where`, as
    messages name it), from the cache where it has been made before."""
    title, *lines, site = words
    size = next(pixels for length, pixels in HEADLINE_SIZES if len(title) <= length)
    document = CARD_HTML.format(width=WIDTH, height=HEIGHT, paper=PAPER, ink=INK, soft=SOFT_INK, rule=RULE,
                                headline=size, title=html.escape(title),
                                lines="".join(f"<p>{html.escape(line)}</p>" for line in lines), site=html.escape(site))
    inputs = [document.encode(), code_of(__file__), *(code_of(package_init(name)) for name in ("weasyprint", "pypdfium2"))]
    png = cached_bytes(project, "card", inputs, lambda: _drawn(document, where), ".png", check=_is_png)
    stem = page.removesuffix(".md").replace("/", "-")
    return Card(tuple(words), f"{FOLDER}/{stem}.{hashlib.sha256(png).hexdigest()[:10]}.png", png)


def _drawn(document: str, where: str) -> bytes:
    """The card set in type by WeasyPrint, drawn by PDFium, as a PNG."""
    try:
        import pypdfium2
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: a system library (Pango) is missing
        raise EditionError(f"The cards for shared links could not be made ({error}): {INSTALL}.") from None
    # Nothing is fetched: the card names no file, and any address would stop it.
    fetcher = URLFetcher(allowed_protocols=set(), fail_on_errors=True)
    try:
        pdf = weasyprint.HTML(string=document, url_fetcher=fetcher).write_pdf()
        page = pypdfium2.PdfDocument(pdf)[0]
        image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
    except Exception as error:  # whatever WeasyPrint or PDFium meets: one line, no card
        raise EditionError(f"The card for shared links of {where} could not be made: "
                           f"{type(error).__name__}: {error}") from None
    if image.size != (WIDTH, HEIGHT):  # a point is 4/3 pixels: the page is 900 × 472.5 points
        image = image.resize((WIDTH, HEIGHT))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
