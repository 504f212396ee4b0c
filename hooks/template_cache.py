"""Keep the theme's templates compiled between builds, as Python keeps a module's bytecode.

MkDocs makes a new Jinja environment for every build (and every `mkdocs serve` rebuild),
and Jinja compiles each of Material's templates again in it: about 0.14 s here, a third of
a bare Material build of these pages. Jinja's own file cache of compiled templates keeps
them in `.cache/letter/`. Jinja reads an entry only for the template source it was made
from (it compares a checksum of the source), so an edited template in `overrides/` is
compiled again. The folder is named by the versions of Jinja, MkDocs and Material and the
environment's extensions, which shape the compiled code too.
"""

import hashlib
import logging
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from build_cache import FOLDER, package_init, source_of

log = logging.getLogger("mkdocs.hooks.template_cache")

SHAPED_BY = ["jinja2", "mkdocs", "material"]


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, except that a cache it cannot read or write costs only the time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile the template as if it were not there
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only checkout builds all the same
            pass


def on_env(env, config, files):
    folder = Path(config.config_file_path).parent / FOLDER / f"templates-{_shape(env)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("Templates are compiled afresh: %s", error)
        return env
    env.bytecode_cache = _TemplateCache(str(folder))
    return env


def _shape(env) -> str:
    """What the compiled code depends on beside each template's own source."""
    parts = [source_of(package_init(name)) for name in SHAPED_BY]
    parts.append("\n".join(sorted(env.extensions)).encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
