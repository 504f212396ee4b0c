"""Results that depend only on their inputs, kept between builds in `.cache/letter/`.

A build pays for pandoc, for parsing the theme's stylesheets and for making the PDF only
when what they read has changed; a repeat `mkdocs build` (and every `mkdocs serve`
rebuild) reads the last answer instead. Each entry is named by a hash of the inputs its
maker is given (the maker's code among them), and it is checked before it is used: it
carries its kind, that hash and a digest of its content, so an entry that is damaged (cut
short, emptied, overwritten) or that is another entry's content is discarded, logged in
one line, and made again. What an entry depends on beyond the inputs its maker names (the
system's fonts for the PDF, say) is left out of its name: see each maker. The folder can
be deleted at any time.
"""

import hashlib
import importlib.util
import logging
import os
import tempfile
from pathlib import Path

from ..errors import SourceError
from ..reading.reader import read_bytes

log = logging.getLogger(__name__)

FOLDER = Path(".cache") / "letter"
# An entry: this line, then its kind, its name's hash and its content's digest, one a line.
MAGIC = b"letter-cache 1"


def cached(root: Path, kind: str, inputs: list[bytes], make) -> str:
    """`make()`'s text for these inputs, from the cache where it has been made before."""
    return cached_bytes(root, kind, inputs, lambda: make().encode("utf-8"), check=_is_utf8).decode("utf-8")


def cached_bytes(root: Path, kind: str, inputs: list[bytes], make, suffix: str = ".txt", check=None) -> bytes:
    """`make()`'s bytes for these inputs, from the cache where they have been made before and
    are whole (and, where `check` is given, `check(content)` is true)."""
    path = entry(root, kind, inputs, suffix)
    data = read_entry(path, kind, check)
    if data is not None:
        return data
    data = make()
    write_entry(path, kind, data)
    return data


def has_entry(root: Path, kind: str, inputs: list[bytes], suffix: str = ".txt") -> bool:
    """Whether a whole entry for these inputs is kept."""
    return read_entry(entry(root, kind, inputs, suffix), kind) is not None


def entry(root: Path, kind: str, inputs: list[bytes], suffix: str = ".txt") -> Path:
    """Where the result for these inputs is kept (it may not be there yet)."""
    digest = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in inputs)).hexdigest()
    return root / FOLDER / f"{kind}-{digest[:32]}{suffix}"


def read_entry(path: Path, kind: str, check=None) -> bytes | None:
    """An entry's content, or None where there is none or it is not whole (then it is removed)."""
    try:
        raw = read_bytes(path, _shown(path), "a cache entry")
    except SourceError:  # none yet, or a folder in its place: made again
        return None
    header = raw.split(b"\n", 4)
    expected = [MAGIC, kind.encode(), _name_hash(path).encode()]
    content = header[4] if len(header) == 5 else None
    whole = (content is not None and header[:3] == expected
             and header[3] == hashlib.sha256(content).hexdigest().encode()
             and (check is None or check(content)))
    if whole:
        return content
    log.info("Cache entry %s was damaged or not its own: discarded and made again.", _shown(path))
    try:
        path.unlink()
    except OSError:
        pass
    return None


def write_entry(path: Path, kind: str, data: bytes) -> None:
    header = b"\n".join([MAGIC, kind.encode(), _name_hash(path).encode(), hashlib.sha256(data).hexdigest().encode()])
    try:
        write_whole(path, header + b"\n" + data)  # a build stopped midway leaves no half entry
    except OSError:
        pass  # a cache folder that cannot be written costs only the time


def _name_hash(path: Path) -> str:
    return path.name.rsplit(".", 1)[0].rsplit("-", 1)[-1]


def _shown(path: Path) -> str:
    return "/".join(path.parts[-3:])


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def code_of(module_file: str) -> bytes:
    """A module's own code, as an input of what it makes."""
    return Path(module_file).read_bytes()


def package_init(name: str) -> Path | None:
    """A package's __init__.py, found without importing the package (an import can cost more
    than the cached result saves). Its code names the package's version, so as an input it
    makes a result again after an upgrade. None where the package is not installed."""
    spec = importlib.util.find_spec(name)
    return Path(spec.origin) if spec is not None and spec.origin else None


def kept_file(root: Path, name: str, content: str) -> Path:
    """A file of the cache at a fixed name, written only when its bytes differ from `content`,
    so that its time tells a reader of it (mkdocs-bibtex) whether to read it again; a damaged
    copy differs, and is written again."""
    path = root / FOLDER / name
    data = content.encode("utf-8")
    try:
        same = path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        if path.is_dir():
            import shutil

            shutil.rmtree(path)
        write_whole(path, data)  # another build reading it at the same moment never reads half
    return path


def write_whole(path: Path, data: bytes) -> None:
    """A file written whole or not at all, so that a reader of it (another build, the server of
    `mkdocs serve`) never reads half. It keeps the mode of the file it replaces; a new one may be
    read by all, as MkDocs writes the site's files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(temporary, mode)
    os.replace(temporary, path)
