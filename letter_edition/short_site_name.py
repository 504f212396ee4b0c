"""On a phone, the header names the site by its short name, whole, not the long one cut off.

Material's header shows `site_name`; at phone widths there is room for about `ROOM`
characters, and "Letter on the Kosovo–Serbia border crisis, October 4, 2021" ends as
"Letter on the Kosov…". The plugin's `short_name` option gives the short name; a rule added
to the site's stylesheet as it is published shows it there instead. The long name stays in
the page, unseen on a phone, so a screen reader reads the site's name once, in full: the
short one is drawn with empty alternative text (`content: "…" / ""`).
"""

from .edition import css_string
from .errors import SourceError

# Material's phone layout: below its 45em breakpoint (stylesheets/main.css, "mobile").
PHONE = "screen and (max-width: 44.984375em)"
ROOM = 24  # characters a phone's header has room for


def phone_css(name: str) -> str:
    name = name.strip()
    if len(name) > ROOM:
        raise SourceError(f"mkdocs.yml: the letter plugin's short_name “{name}” has {len(name)} characters; "
                          f"a phone's header has room for about {ROOM}. Shorten it.")
    return (
        "/* The short name in a phone's header (short_site_name.py). */\n"
        f"@media {PHONE} {{\n"
        "  .md-header__topic:first-child > .md-ellipsis { display: block; font-size: 0; }\n"
        "  .md-header__topic:first-child > .md-ellipsis::before {\n"
        f"    content: {css_string(name)} / \"\"; font-size: 0.9rem; vertical-align: top;\n"
        "  }\n"
        "}\n"
    )
