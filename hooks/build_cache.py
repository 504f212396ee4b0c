"""Results that depend only on their inputs, kept between builds in `.cache/letter/`.

A build pays for pandoc and for parsing the theme's stylesheet only when what they read
has changed; a repeat `mkdocs build` (and every `mkdocs serve` rebuild) reads the last
answer instead. Each entry is named by a hash of everything its result depends on, the
code that makes it included, so a stale answer is never read. Delete the folder at will.
"""

import hashlib
import os
import tempfile
from pathlib import Path

FOLDER = Path(".cache") / "letter"


def cached(root: Path, kind: str, inputs: list[bytes], make) -> str:
    """`make()`'s text for these inputs, from the cache where it has been made before."""
    digest = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in inputs)).hexdigest()
    path = root / FOLDER / f"{kind}-{digest[:32]}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    text = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole or not at all, so that a build stopped midway leaves no half entry.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout builds all the same, only without the cache
    return text


def source_of(module_file: str) -> bytes:
    """A module's own code, as an input of what it makes."""
    return Path(module_file).read_bytes()


def kept_file(root: Path, name: str, content: str) -> Path:
    """A file of the cache at a fixed name, written only when its content changes, so that
    its time tells a reader of it (mkdocs-bibtex) whether to read it again."""
    path = root / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return path
