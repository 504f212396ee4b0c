"""The original letter (tests/golden/letter.txt), read as ../shared/source/README.md says.

The golden file is a verbatim copy of the source text. Reading it back:
- three paragraphs are wrapped mid-sentence by the PDF conversion: those lines join;
- the last lines are the notes, `N text,` where the trailing comma once led to a web address.
"""

import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "letter.txt"

# The PDF's mid-sentence line wraps, as the source's README lists them.
WRAPS = [
    ("Alexander", "Botsan-Kharchenko"),
    ("Kosovars and Serbians", "until a more permanent"),
    ("supporting the dialogue", "between Kosovo and Serbia"),
]

NOTE = re.compile(r"^(?P<number>[1-5]) (?P<text>.+),$")


def _lines() -> list[str]:
    text = GOLDEN.read_text(encoding="utf-8")
    for end, start in WRAPS:
        wrapped = f"{end}\n{start}"
        assert text.count(wrapped) == 1, f"wrap not found in golden file: {wrapped!r}"
        text = text.replace(wrapped, f"{end} {start}")
    return [line for line in text.split("\n") if line.strip()]


def letter_lines() -> list[str]:
    """Every line of the letter before its notes, wraps joined, in order."""
    return [line for line in _lines() if not NOTE.match(line)]


def notes() -> dict[str, str]:
    """The original notes by number, without the comma their lost web address followed."""
    return {m["number"]: m["text"] for line in _lines() if (m := NOTE.match(line))}
