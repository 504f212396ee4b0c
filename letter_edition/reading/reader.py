"""The one reader of the files the build reads: every fault is one message naming the file.

Pages, references.bib, the record of anchors, the note style, stylesheets, scripts, the
templates in overrides/, pyproject.toml: whatever an editor saved (or failed to save) is
read here. A missing file, a folder in a file's place, bytes that are not UTF-8, and text
that YAML, TOML, XML, JSON or Jinja cannot parse each become a SourceError naming the
file and, where the parser knows it, the line. Text is read as MkDocs reads a page: UTF-8,
a byte-order mark dropped, CR LF and CR line ends read as LF.
"""

import json
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

from ..errors import SourceError

# libyaml's parser where PyYAML was built with it: the same YAML, read faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_bytes(path: Path, name: str, what: str) -> bytes:
    """A file's bytes; `name` is how messages show it, `what` what it is ("the note style")."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{name}: file not found. Restore {what} (git checkout -- {name}).") from None
    except IsADirectoryError:
        raise SourceError(f"{name}: a folder stands where {what} should be. Remove the folder and restore the file "
                          f"(git checkout -- {name}).") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot be read ({error.strerror or error}).") from None


def read_text(path: Path, name: str, what: str) -> str:
    return decoded(read_bytes(path, name, what), name)


def decoded(data: bytes, name: str) -> str:
    """Bytes as text, or a SourceError naming the line of the first byte that is not UTF-8."""
    try:
        return as_text(data)
    except UnicodeDecodeError as error:
        line = as_text(data[:error.start].decode("utf-8", "replace")).count("\n") + 1
        raise SourceError(f"{name}, line {line}: not UTF-8 (byte 0x{data[error.start]:02X}). "
                          "Save the file with UTF-8 encoding.") from None


def as_text(data: bytes | str) -> str:
    """Text as an editor saved it, read the way MkDocs and Python read text files."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, name: str, what: str = "it", first_line: int = 1):
    """YAML text (from line `first_line` of its file) as data; `what` names it in a message."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + first_line}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(f"{name}{line}: {what} is not valid YAML ({problem}). Fix it there.") from None


def parse_toml(text: str, name: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # its message ends "(at line 3, column 5)"
        raise SourceError(f"{name}: not valid TOML ({error}). Fix it there.") from None


def parse_xml(text: str, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, _ = error.position
        raise SourceError(f"{name}, line {line}: not well-formed XML ({error}). Fix the markup there.") from None


def parse_json(text: str, name: str):
    try:
        return json.loads(text)
    except ValueError as error:
        line = f", line {error.lineno}" if isinstance(error, json.JSONDecodeError) else ""
        raise SourceError(f"{name}{line}: not valid JSON ({error}). Fix it there.") from None


def parse_template(env, text: str, name: str) -> None:
    """A template as Jinja would compile it; a template Jinja cannot read stops here, not in
    the middle of writing the pages."""
    from jinja2 import TemplateSyntaxError

    try:
        env.parse(text, name, name)
    except TemplateSyntaxError as error:
        raise SourceError(f"{name}, line {error.lineno}: not a template the theme can use ({error.message}). "
                          f"Fix it there, or restore it (git checkout -- {name}).") from None


def shown(path: Path, root: Path) -> str:
    """A path as messages show it: from the project's folder where it is inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
