"""Every place the site adjusts MkDocs itself, each with its reason, its guard and its test.

Two adjustments, for MkDocs 1.6 (pyproject.toml pins it below 1.7); on any other version, or
where MkDocs' parts are not as 1.6 makes them, the build and the server run as MkDocs wrote
them:

- **The theme's files, listed without its hidden folders.** Every build, MkDocs lists every
  file of the theme's folders and then drops those in hidden folders (`.*`, `*/.*`).
  Material keeps about 14,500 icons in `.icons/`: listing and dropping them is about a third
  of a warm build here. The theme's environment here lists the same files without walking
  into hidden folders, so what MkDocs adds to the site is the same, file for file
  (tests/test_plugin.py compares both listings).
- **The open pages reload when the PDF is ready.** Under `mkdocs serve` the PDF is finished
  after the build; `reload_browsers` has the pages load again then, as after a build
  (`tests/test_serve.py`, the test of the pages told to reload). Elsewhere the pages show
  them at the next reload.
"""

import os

import jinja2
import mkdocs

PINNED = "1.6."


class _VisibleFilesLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader, listing no file in a hidden folder (MkDocs adds none of them)."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                found.update(name if relative == "." else f"{relative}/{name}" for name in names)
        return sorted(found)


def list_visible_theme_files(theme) -> None:
    """The theme's environment, as each build makes it, lists no file in a hidden folder."""
    if not mkdocs.__version__.startswith(PINNED) or getattr(theme.get_env, "lists_visible_files", False):
        return
    make_env = theme.get_env

    def get_env():
        env = make_env()
        if type(env.loader) is jinja2.FileSystemLoader:
            loader = env.loader
            env.loader = _VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    get_env.lists_visible_files = True
    theme.get_env = get_env


def reload_browsers(server) -> bool:
    """Has every page open on `mkdocs serve` load again, as MkDocs has them do after a build:
    the PDF is finished after the build, when MkDocs has already had them load it. MkDocs
    1.6's LiveReloadServer has no public call for it; its pages ask for the newest "epoch"
    and reload when it grows. Not while a build runs (the server then holds every request,
    and that build reloads the pages itself). False where this MkDocs has not these parts."""
    condition = getattr(server, "_epoch_cond", None)
    if not mkdocs.__version__.startswith(PINNED) or condition is None \
            or not all(hasattr(server, name) for name in ("_visible_epoch", "_wanted_epoch")):
        return False
    from mkdocs.livereload import _timestamp

    with condition:
        if server._visible_epoch == server._wanted_epoch:  # it grows even within the millisecond
            server._wanted_epoch = server._visible_epoch = max(_timestamp(), server._visible_epoch + 1)
            condition.notify_all()
    return True
