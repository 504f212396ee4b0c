"""The rules the build adds to the site's stylesheet: the print footer and the phone's header name.

Every printed page carries, in its footer, the edition's address (or, where the build does
not know it, the site's name) and version: an @page rule (`print_css`).

On a phone, the header names the site by its short name, whole, not the long one cut off
(`phone_css`). Material's header shows `site_name`; at phone widths there is room for about `ROOM`
characters, and "Letter on the Kosovo–Serbia border crisis, October 4, 2021" ends as
"Letter on the Kosov…". The plugin's `short_name` option gives the short name; a rule added
to the site's stylesheet as it is published shows it there instead. The long name stays in
the page, unseen on a phone, so a screen reader reads the site's name once, in full: the
short one is drawn with empty alternative text (`content: "…" / ""`).
"""

from ..errors import SourceError
from ..reading.imprint import Imprint

# Material's phone layout: below its 45em breakpoint (stylesheets/main.css, "mobile").
PHONE = "screen and (max-width: 44.984375em)"
ROOM = 24  # characters a phone's header has room for


def phone_css(name: str) -> str:
    name = name.strip()
    if len(name) > ROOM:
        raise SourceError(f"mkdocs.yml: the letter plugin's short_name “{name}” has {len(name)} characters; "
                          f"a phone's header has room for about {ROOM}. Shorten it.")
    return (
        "/* The short name in a phone's header (added_css.py). */\n"
        f"@media {PHONE} {{\n"
        "  .md-header__topic:first-child > .md-ellipsis { display: block; font-size: 0; }\n"
        "  .md-header__topic:first-child > .md-ellipsis::before {\n"
        f"    content: {css_string(name)} / \"\"; font-size: 0.9rem; vertical-align: top;\n"
        "  }\n"
        "}\n"
    )


def print_css(imprint: Imprint, site_name: str) -> str:
    """The footer of every printed page: the edition's address (else the site's name) and
    version, and the page number."""
    footer = f"{imprint.address or site_name} · edition {imprint.version}"
    return (
        "/* The footer of every printed page (added_css.py). */\n"
        "@page {\n"
        f"  @bottom-left {{ content: {css_string(footer)}; font: 8pt sans-serif; color: #000; }}\n"
        '  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #000; }\n'
        "}\n"
    )


def css_string(text: str) -> str:
    """Text as a CSS string, any character but letters, digits and plain punctuation escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,:/-–·" else f"\\{ord(c):x} " for c in text) + '"'
