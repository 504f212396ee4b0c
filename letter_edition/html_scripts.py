"""The `<script>` elements of an HTML text (a template or a page), read as HTML reads them:
the theme's templates are read for them when the settings are checked, and again for the
shapes of the inline scripts the theme writes."""

from html.parser import HTMLParser


def scripts_in(text: str) -> list[tuple[list, str]]:
    """Each `<script>` of an HTML text, as (its attributes, its text)."""
    reader = _Scripts()
    reader.feed(text)
    reader.close()
    return reader.found


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[list, str]] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = [attrs, []]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            attributes, body = self._open
            self.found.append((attributes, "".join(body)))
            self._open = None
