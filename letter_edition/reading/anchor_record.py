"""The record of published anchors (`paragraph-anchors.yml`): each page's anchors with the first
words of their paragraphs, read before the site folder is cleaned. page_markdown/paragraph_anchors.py
checks each page against it as it is rendered."""

from pathlib import Path

from ..errors import SourceError
from .reader import parse_yaml, read_text

RECORD = "paragraph-anchors.yml"


def read_record(project: Path) -> dict[str, dict[str, str]]:
    """The anchors published so far, page by page (`paragraph-anchors.yml`; none where it is absent)."""
    path, what = project / RECORD, "the record of published anchors"
    record = parse_yaml(read_text(path, RECORD, what), RECORD, what) if path.exists() else None
    record = record or {}
    if not isinstance(record, dict) or not all(isinstance(anchors or {}, dict) for anchors in record.values()):
        raise SourceError(f"{RECORD}: each page's anchors are written under its path, one `anchor: first words` "
                          "a line (index.md:, then   p1: We write to urge you). Restore it "
                          f"(git checkout -- {RECORD}).")
    return {str(uri): {str(anchor): str(words) for anchor, words in (anchors or {}).items()}
            for uri, anchors in record.items()}
