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

from jinja2 import BytecodeCache

from .build_cache import FOLDER, code_of, package_init, read_entry, write_entry

log = logging.getLogger(__name__)

SHAPED_BY = ["jinja2", "mkdocs", "material"]


class _TemplateCache(BytecodeCache):
    """Jinja's compiled templates kept as entries of the build cache: each is checked before
    it is used (a damaged one is compiled again), and a cache that cannot be written costs
    only the time."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, bucket) -> Path:
        return self.folder / f"template-{bucket.key}.cache"

    def load_bytecode(self, bucket) -> None:
        data = read_entry(self._path(bucket), "template")
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # whole, but not Jinja's: compile the template as if it were not there
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        write_entry(self._path(bucket), "template", bucket.bytecode_to_string())


def keep_compiled(env, project: Path) -> None:
    """The Jinja environment keeps its compiled templates in the build cache."""
    folder = project / FOLDER / f"templates-{_shape(env)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("Templates are compiled afresh: %s", error)
        return
    env.bytecode_cache = _TemplateCache(folder)


def _shape(env) -> str:
    """What the compiled code depends on beside each template's own source."""
    parts = [code_of(package_init(name)) for name in SHAPED_BY]
    parts.append("\n".join(sorted(env.extensions)).encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
