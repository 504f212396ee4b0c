"""The scripts the theme's templates write into a page, read from the templates themselves.

Material writes a few small scripts into every page (its storage helpers, the saved
palette, the target of a tab link) and data blocks (its configuration as JSON; this site's
template adds the letter's JSON-LD). A published page may hold those and nothing else
inline: a script that came from the site's name, a page's front matter or raw HTML, or a
field of references.bib is not the theme's, and is refused rather than made to run.

Each template's inline `<script>` elements are read from the template's source: the text
between its Jinja expressions is fixed, and an expression's value (`{{ base_url }}`, a
relative address) may hold no character that could end a JavaScript string or start code.
A script on a built page is the theme's when its text is one of these shapes with such
values in the holes, and its attributes are the template's.
"""

from dataclasses import dataclass

from ..errors import EditionError
from ..html_scripts import scripts_in
from ..markers import DATA_SCRIPT_TYPES
from ..text_forms import shortened

# What a hole (a Jinja expression's value inside a script) may not hold.
NOT_INERT = set("\"'`\\<>;(){}[]\n\r\u2028\u2029")
JINJA = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))


@dataclass(frozen=True)
class ScriptShape:
    template: str  # where it was read, e.g. "partials/javascripts/base.html"
    attributes: tuple[tuple[str, str | None], ...]  # as the template writes them; None: a hole
    parts: tuple[str, ...]  # the fixed text, with a hole between each two parts

    @property
    def data(self) -> bool:
        """A data block (JSON): a browser never runs it."""
        return dict(self.attributes).get("type") in DATA_SCRIPT_TYPES

    def fits(self, attributes: dict[str, str | None], body: str) -> bool:
        expected = dict(self.attributes)
        if set(attributes) != set(expected):
            return False
        if any(value is not None and attributes[name] != value for name, value in expected.items()):
            return False
        return _fits(body, self.parts, allow_any=self.data)


def read_shapes(templates) -> list[ScriptShape]:
    """Every inline script of these templates (theme_templates.py: the theme's own, and the
    site's overrides), in the order the theme searches them."""
    shapes = []
    for template in templates:
        if "<script" in template.text:
            shapes += _shapes_in(template.text, template.name)
    return shapes


def matching(attributes: dict[str, str | None], body: str, shapes: list[ScriptShape]) -> ScriptShape | None:
    return next((shape for shape in shapes if shape.fits(attributes, body)), None)


def _shapes_in(template: str, name: str) -> list[ScriptShape]:
    shapes = []
    for attributes, body in scripts_in(_holes_marked(template)):
        if any(name == "src" for name, _ in attributes):
            continue  # loads a file: not inline
        attrs = tuple((name, None if value is not None and HOLE in value else value) for name, value in attributes)
        shapes.append(ScriptShape(name, attrs, tuple(body.split(HOLE))))
    return shapes


HOLE = "\ue0ff"


def _holes_marked(template: str) -> str:
    """The template with each Jinja expression, statement and comment as one hole character,
    the whitespace its `-` markers strip (`{{- … -}}`) taken away as Jinja takes it away."""
    out, index, strip_next = [], 0, False
    while index < len(template):
        starts = [(template.find(open_, index), open_, close) for open_, close in JINJA]
        starts = [found for found in starts if found[0] >= 0]
        if not starts:
            out.append(template[index:].lstrip() if strip_next else template[index:])
            break
        start, open_, close = min(starts)
        end = template.find(close, start + 2)
        end = len(template) if end < 0 else end + len(close)
        text = template[index:start]
        text = text.lstrip() if strip_next else text
        if template.startswith("-", start + len(open_)):
            text = text.rstrip()
        out += [text, HOLE]
        strip_next = template[end - len(close) - 1:end - len(close)] == "-"
        index = end
    return "".join(out)


def _fits(body: str, parts: tuple[str, ...], allow_any: bool) -> bool:
    """Whether `body` is the parts with a value in each hole (an inert one, unless `allow_any`)."""
    if not body.startswith(parts[0]) or len(body) < sum(map(len, parts)):
        return False
    if len(parts) == 1:
        return body == parts[0]
    index = len(parts[0])
    for number, part in enumerate(parts[1:], start=1):
        last = number == len(parts) - 1
        found = len(body) - len(part) if last else body.find(part, index)
        if found < index or (last and not body.endswith(part)):
            return False
        hole = body[index:found]
        if not allow_any and NOT_INERT & set(hole):
            return False
        index = found + len(part)
    return True


# --- The built pages ---------------------------------------------------------------------

FOLDER = "assets/javascripts/inline"


class ForeignScript(EditionError):
    """An inline script on a built page that the theme's templates do not write."""


def move_inline_scripts(site, shapes: list[ScriptShape]) -> set[str]:
    """Each of the theme's inline scripts on every page, written to a file named by its
    content and loaded from it in the same place (so the scripts run in the same order), so
    that the pages work under `script-src 'self'`. Data blocks stay. Any other inline script
    is a ForeignScript. Returns the files written."""
    import hashlib

    from .built_site import element

    written: set[str] = set()
    for page, tree in site.pages.items():
        for script in tree.css("script"):
            attributes = dict(script.attributes)
            if "src" in attributes:
                continue
            body = script.text(deep=True)
            shape = matching(attributes, body, shapes)
            if shape is None:
                raise ForeignScript(f"{page}: an inline script the theme's templates do not write "
                                    f"(“{shortened(body, 60)}”)")
            if shape.data:
                continue
            name = f"{FOLDER}/{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
            if name not in written:
                (site.root / name).parent.mkdir(parents=True, exist_ok=True)
                (site.root / name).write_text(body, encoding="utf-8")
                written.add(name)
            loader = element("<script></script>")
            for attribute, value in attributes.items():
                loader.attrs[attribute] = value
            loader.attrs["src"] = site.address(page, name)
            script.replace_with(loader)
            site.changed(page)
    return written
