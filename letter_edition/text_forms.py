"""Text in the forms the steps give it: shortened for a message, filed for sorting."""

import unicodedata

# Letters that are not a base letter with an accent, filed under the letter they are read as.
BASE_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
                              "ß": "ss", "þ": "th", "ð": "d"})


def shortened(text: str, limit: int = 70) -> str:
    """Text for a message: its runs of white space one space, and at most `limit` characters."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def sort_form(text: str) -> str:
    """Text as a bibliography files it: in any case, accents aside (Đurić among the D's)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lstrip("“‘\"'")
