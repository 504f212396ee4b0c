"""The theme's templates and the site's overrides, read once per build through the reader.

Two steps learn from them what the site may publish, rather than from a list written here:
- theme_scripts.py, the inline scripts they write;
- `extra_settings`, the keys under `extra:` in mkdocs.yml that they read
  (`config.extra.generator`), and which of those would have a page run a script from
  another host (`analytics`: the template that reads it loads Google's script).
The site's own templates (overrides/) are also parsed as Jinja will compile them, so a
template cut short stops the build with its line, before any page is written.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from ..caches.build_cache import cached, code_of
from ..html_scripts import scripts_in
from .reader import parse_template, read_text


@dataclass(frozen=True)
class Template:
    name: str  # as the theme names it, e.g. "partials/footer.html"
    shown: str  # as messages name it, e.g. "overrides/main.html"
    text: str


def read_templates(folders: list[tuple[Path, str]]) -> list[Template]:
    """Every HTML template in these folders (each with how messages name it), in the order the
    theme searches them; the theme's icons are SVG files, not templates."""
    found = []
    for folder, shown in folders:
        for path in sorted(folder.rglob("*.html")):
            if ".icons" in path.parts:
                continue
            name = path.relative_to(folder).as_posix()
            found.append(Template(name, f"{shown}/{name}", read_text(path, f"{shown}/{name}", "the template")))
    return found


def check_templates(env, templates: list[Template]) -> None:
    """Each template as Jinja will compile it: one it cannot read stops the build with its line."""
    for template in templates:
        parse_template(env, template.text, template.shown)


def extra_settings(templates: list[Template], project: Path) -> dict[str, bool]:
    """The keys under `extra:` the templates read, each with whether a template that reads it
    runs a script from another host. Kept in the build cache by the templates' text: Jinja
    parses about a hundred of them in a quarter of a second."""
    reading = [template for template in templates if "extra" in template.text]
    inputs = [code_of(__file__), *(f"{t.name}\0{t.text}".encode() for t in reading)]
    return json.loads(cached(project, "extra-settings", inputs, lambda: json.dumps(_extra_settings(reading))))


def _extra_settings(templates: list[Template]) -> dict[str, bool]:
    from jinja2 import Environment, TemplateSyntaxError, nodes

    environment, found = Environment(extensions=["jinja2.ext.loopcontrols"]), {}
    for template in templates:
        try:
            tree = environment.parse(template.text)
        except TemplateSyntaxError:
            continue  # the theme's own tags: read by the theme's environment, checked where it is the site's
        remote = _runs_remote_script(template.text)
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            key = _extra_key(node, nodes)
            if key is not None:
                found[key] = found.get(key, False) or remote
    return found


def _extra_key(node, nodes) -> str | None:
    """`config.extra.KEY`, `config.extra["KEY"]` (or `extra.KEY` in a template given `extra`)."""
    base = node.node
    reads_extra = (isinstance(base, nodes.Getattr) and base.attr == "extra" and isinstance(base.node, nodes.Name)
                   and base.node.name == "config") or (isinstance(base, nodes.Name) and base.name == "extra")
    if not reads_extra:
        return None
    if isinstance(node, nodes.Getattr):
        return node.attr
    return node.arg.value if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) else None


def _runs_remote_script(text: str) -> bool:
    """Whether a template writes a script that loads, or names, an address on another host."""
    return any("//" in (dict(attributes).get("src") or "") or "://" in body for attributes, body in scripts_in(text))
