r"""Readings a reader may take for errors, marked beside the text, never changed in it.

The letter's page lists them in its front matter (`readings:`: the words, the element they
stand in, and the edition's remark). After each such word this hook puts a small, visibly
editorial mark (an empty link, drawn by CSS: the letter's text is unchanged) that names the
remark and leads to it on "About this edition", where `\readings` becomes the list.
"""

import html
import posixpath
import re

from mkdocs.exceptions import PluginError

from page_settings import Reading, readings

MARKER = r"\readings"
REMARKS_ANCHOR = "how-the-text-was-transcribed"


def _readings(config) -> tuple[str | None, list[Reading]]:
    """The page that lists readings and the readings, from the pages the sources hook read."""
    for uri, meta in config["sources"].page_meta.items():
        if meta.get("readings"):
            return uri, readings(meta, f"docs/{uri}")
    return None, []


def on_page_content(html_text, page, config, files):
    uri, readings = _readings(config)
    if page.file.src_uri != uri:
        return html_text
    about = _about_page(files)
    for reading in readings:
        html_text = _mark(html_text, reading, page, about)
    return html_text


def _about_page(files):
    for file in files.documentation_pages():
        if MARKER in file.content_string:
            return file.src_uri
    return None


def _mark(html_text, reading, page, about):
    # `at`: the id of the element the words stand in, or "headline" for the page's h1.
    start = html_text.find("<h1") if reading.at == "headline" else html_text.find(f'id="{reading.at}"')
    if start < 0:
        raise PluginError(f"docs/{page.file.src_uri}: the reading “{reading.text}” is said to stand in "
                          f"#{reading.at}, which the page does not have.")
    element_end = html_text.find("</", start)
    found = html_text.find(reading.text, start, element_end if element_end > 0 else None)
    if found < 0:
        raise PluginError(f"docs/{page.file.src_uri}: the reading “{reading.text}” is not in #{reading.at}.")
    href = posixpath.relpath(about, posixpath.dirname(page.file.src_uri) or ".") if about else ""
    href = re.sub(r"(^|/)index\.md$|\.md$", lambda m: m[1] or "/", href) if about else ""
    remark = html.escape(f"Editorial remark: {reading.remark}.")
    mark = (f'<a class="reading-mark" href="{href}#{REMARKS_ANCHOR}" title="{remark}" '
            f'aria-label="{remark}"></a>')
    end = found + len(reading.text)
    return html_text[:end] + mark + html_text[end:]


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    _, readings = _readings(config)
    listed = [f"- {reading.remark}" for reading in readings]
    for index in range(len(listed) - 1):
        listed[index] += ";"
    if listed:
        listed[-1] += "."
    return markdown.replace(MARKER, "\n".join(listed))
