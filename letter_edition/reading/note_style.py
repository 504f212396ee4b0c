"""The note style: its text, once it is known to be a CSL style the notes can be formatted with."""

from pathlib import Path

from ..errors import SourceError
from .reader import parse_xml, read_text, shown

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"


def check_style(path: Path, root: Path) -> str:
    """The note style's text, once it is known to be a CSL style."""
    name = shown(path, root)
    text = read_text(path, name, what="the note style")
    style = parse_xml(text, name)
    if style.tag != f"{CSL_NAMESPACE}style" or style.find(f"{CSL_NAMESPACE}bibliography/{CSL_NAMESPACE}layout") is None:
        raise SourceError(
            f"{name}: not a CSL style with a <bibliography><layout>, from which the notes are "
            "formatted. Restore it (git checkout -- " + name + ")."
        )
    return text
