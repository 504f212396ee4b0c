"""After MkDocs has written the site: finish the pages, then check everything to be published.

The steps, in the order they run (each page parsed once, written back once):
1. the theme's inline scripts into files (the pages work under `script-src 'self'`); an
   inline script the theme's templates do not write stops the build;
2. the theme's stylesheets trimmed to what the pages can use, and relinked;
3. Material's search index extended with each paragraph, note and references entry;
4. the pages written; then letter.pdf made from the letter page as published, and its
   pages and size written into each link to it;
5. the net: every file of the site checked (hooks/published_check.py). A problem stops the
   build, naming the file, and the site folder is emptied: nothing is published.
"""

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from built_site import BuiltSite
from event_order import FINISH_SITE
from letter_pdf import PDF, publish_pdf
from published_check import check_site, pdf_actions
from search_places import extend_search_index
from theme_scripts import ForeignScript, move_inline_scripts, read_shapes
from unused_theme_css import trim_theme_css

log = logging.getLogger("mkdocs.hooks.finish_site")

# The policy every page carries (and a host that can send headers should send).
CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_env(env, config, files):
    # Under `mkdocs serve` the page carries no policy: the server adds its own inline script,
    # which reloads the page on each rebuild.
    env.globals["content_security_policy"] = None if _serving else CONTENT_SECURITY_POLICY
    config["site_scripts"] = sorted(
        file.dest_uri for file in files
        if file.dest_uri.endswith(".js") and not file.is_documentation_page())
    return env


@event_priority(FINISH_SITE)
def on_post_build(config):
    root = Path(config.site_dir)
    project = Path(config.config_file_path).parent
    site = BuiltSite(root, urlsplit(config.site_url or "/").path or "/")
    try:
        moved = move_inline_scripts(site, read_shapes([Path(folder) for folder in config.theme.dirs]))
    except ForeignScript as error:
        _refuse(root, [str(error)])
    trim_theme_css(site, project)
    extend_search_index(config)
    site.write()
    publish_pdf(site, config)
    site.write()
    scripts = set(config["site_scripts"]) | moved
    problems = check_site(root, scripts, site.root_path, pdf_links=lambda data: _pdf_actions(project, data))
    if problems:
        _refuse(root, problems)


def _pdf_actions(project: Path, data: bytes):
    """The PDF's actions, kept by the PDF's own bytes: a kept PDF is read once."""
    import json

    from build_cache import cached

    return [tuple(action) for action in json.loads(cached(project, "pdf-actions", [data],
                                                          lambda: json.dumps(pdf_actions(data))))]


def _refuse(root: Path, problems: list[str]) -> None:
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    raise PluginError("Not published: the built site holds what this site never publishes.\n  "
                      + "\n  ".join(problems) + "\nIt came from the editor's files (a page, references.bib or "
                      f"mkdocs.yml); the site folder was emptied. The rules: README, “What the build guarantees”.")
