"""Results that depend only on their inputs, kept between builds in `.cache/letter/`.

A build pays for pandoc, for parsing the theme's stylesheets and for making the PDF only
when what they read has changed; a repeat `mkdocs build` (and every `mkdocs serve`
rebuild) reads the last answer instead. Each entry is named by a hash of everything its result depends on, the
code that makes it included, so a stale answer is never read. Delete the folder at will.
"""

import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

FOLDER = Path(".cache") / "letter"


def cached(root: Path, kind: str, inputs: list[bytes], make) -> str:
    """`make()`'s text for these inputs, from the cache where it has been made before."""
    return cached_bytes(root, kind, inputs, lambda: make().encode("utf-8")).decode("utf-8")


def cached_bytes(root: Path, kind: str, inputs: list[bytes], make, suffix: str = ".txt") -> bytes:
    """`make()`'s bytes for these inputs, from the cache where they have been made before."""
    path = entry(root, kind, inputs, suffix)
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole or not at all, so that a build stopped midway leaves no half entry.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout builds all the same, only without the cache
    return data


def entry(root: Path, kind: str, inputs: list[bytes], suffix: str = ".txt") -> Path:
    """Where the result for these inputs is kept (it may not be there yet)."""
    digest = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in inputs)).hexdigest()
    return root / FOLDER / f"{kind}-{digest[:32]}{suffix}"


def source_of(module_file: str) -> bytes:
    """A module's own code, as an input of what it makes."""
    return Path(module_file).read_bytes()


def package_init(name: str) -> Path | None:
    """A package's __init__.py, found without importing the package (an import can cost more
    than the cached result saves). Its code names the package's version, so as an input it
    makes a result again after an upgrade. None where the package is not installed."""
    spec = importlib.util.find_spec(name)
    return Path(spec.origin) if spec is not None and spec.origin else None


def kept_file(root: Path, name: str, content: str) -> Path:
    """A file of the cache at a fixed name, written only when its content changes, so that
    its time tells a reader of it (mkdocs-bibtex) whether to read it again."""
    path = root / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return path
