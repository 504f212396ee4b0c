"""On a phone, the header names the site by its short name, whole, not the long one cut off.

Material's header shows `site_name`; at phone widths there is room for about twenty
characters, and "Letter on the Kosovo–Serbia border crisis, October 4, 2021" ends as
"Letter on the Kosov…". `extra.short_name` in mkdocs.yml gives the short name; a rule added
to the site's stylesheet as it is published shows it there instead. The long name stays in
the page, unseen on a phone, so a screen reader reads the site's name once, in full: the
short one is drawn with empty alternative text (`content: "…" / ""`).
"""

from mkdocs.exceptions import PluginError

from edition import append_to_stylesheet, css_string

# Material's phone layout: below its 45em breakpoint (stylesheets/main.css, "mobile").
PHONE = "screen and (max-width: 44.984375em)"


def on_files(files, config):
    name = (config["site_settings"].short_name or "").strip()
    if not name:
        return files
    if len(name) > 24:
        raise PluginError(f"mkdocs.yml: extra.short_name “{name}” has {len(name)} characters; "
                          "a phone's header has room for about 24. Shorten it.")
    append_to_stylesheet(files, config, _phone_css(name), "the phone's header name")
    return files


def _phone_css(name: str) -> str:
    return (
        "/* Added by hooks/short_site_name.py: the short name in a phone's header. */\n"
        f"@media {PHONE} {{\n"
        "  .md-header__topic:first-child > .md-ellipsis { display: block; font-size: 0; }\n"
        "  .md-header__topic:first-child > .md-ellipsis::before {\n"
        f"    content: {css_string(name)} / \"\"; font-size: 0.9rem; vertical-align: top;\n"
        "  }\n"
        "}\n"
    )
