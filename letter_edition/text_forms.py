"""Text in the forms the steps give it: shortened for a message, filed for sorting, a date written
out, and literal Markdown."""

import datetime
import re
import unicodedata

# Letters that are not a base letter with an accent, filed under the letter they are read as.
BASE_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
                              "ß": "ss", "þ": "th", "ð": "d"})
# Characters that Python-Markdown or mkdocs-bibtex would read as markup.
MARKUP = set("\\`*_{}[]<>#+!@&|~^$:")


def shortened(text: str, limit: int = 70) -> str:
    """Text for a message: its runs of white space one space, and at most `limit` characters."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def sort_form(text: str) -> str:
    """Text as a bibliography files it: in any case, accents aside (Đurić among the D's)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lstrip("“‘\"'")


def long_date(date: datetime.date) -> str:
    """A date as the notes and the edition give it: "October 5, 2021"."""
    return f"{date:%B} {date.day}, {date.year}"


def literal(text: str) -> str:
    """Text that Markdown shows as written: each character it could take for markup written as
    a character reference, runs of white space one space."""
    return "".join(f"&#{ord(c)};" if c in MARKUP else c for c in re.sub(r"[ \t\r\n]+", " ", text))
