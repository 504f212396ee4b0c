"""Every address in a page's own text, checked where it is read: as MkDocs renders the page.

A link in a page or a note (`[here](…)`, `<https://…>`, raw HTML) is published only if
hooks/addresses.py allows it (a web address, `mailto:`, or a link within the site), and a
page's text holds no script and no event-handler attribute. Anything else stops the build
with one message naming the page, the line and the address. The same rules are checked
again on the whole built site at the end (hooks/published_check.py).
"""

from mkdocs.exceptions import PluginError

from published_check import Findings, check_page


def on_page_content(html, page, config, files):
    findings = Findings()
    check_page(html, "", findings, scripts=None)
    if findings.problems:
        source = page.file.content_string.split("\n")
        lines = [f"docs/{page.file.src_uri}{_line(source, value)}: {what}"
                 for what, value in zip(findings.problems, findings.values)]
        raise PluginError("A page's text holds what this site never publishes:\n  " + "\n  ".join(lines)
                          + "\nOnly http:, https: and mailto: addresses and links within the site are "
                          "published, and no script: correct or remove it.")
    return html


def _line(source: list[str], value: str | None) -> str:
    """", line N" where the value is written in the page's Markdown, else ""."""
    import html as entities

    if value:
        # As written, as escaped, or (where the page wrote a character reference such as
        # &#x09;) its longest visible run.
        visible = max("".join(c if c.isprintable() and not c.isspace() else "\0" for c in value).split("\0"), key=len)
        for candidate in dict.fromkeys([value, entities.escape(value, quote=False), value.strip(), visible]):
            for number, line in enumerate(source, start=1):
                if candidate and candidate in line:
                    return f", line {number}"
    return ""
