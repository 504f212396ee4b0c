"""What a page's front matter may hold, declared once: each key, its type, and who reads it.

A value of the wrong type stops the build with one message naming the page and the key; an
unknown key (a typo of `paragraph_anchors`, say, which would silently turn the feature off)
is a warning, which the strict build turns into a failure. The letter's description
(`letter:`) is checked field by field where it is read (letter_description.py).
"""

import difflib
from dataclasses import dataclass

from ..errors import SourceError
from ..text_forms import shortened

# key -> (the type its value must have, what it is for)
PAGE_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    # MkDocs and the theme
    "title": (str, "the page's title in the navigation"),
    "description": (str, "the page's description for search engines and sharing"),
    "subtitle": (str, "the theme's subtitle"),
    "status": (str, "the theme's page status"),
    "icon": (str, "the theme's page icon"),
    "hide": (list, "parts of the theme to hide (navigation, toc, footer, path)"),
    "search": (dict, "the theme's search settings (exclude, boost)"),
    "tags": (list, "the theme's page tags"),
    # This site
    "paragraph_anchors": (bool, "a stable anchor and number for every paragraph"),
    "letter": (dict, "the one description of the letter"),
    "readings": (list, "readings kept as written, marked beside the text"),
}
READING_FIELDS = ("text", "at", "remark")


class PageSettingError(SourceError):
    """A front-matter value of the wrong type or shape; the message names page and key."""


@dataclass(frozen=True)
class Reading:
    text: str  # the words, as the page has them
    at: str  # the id of the element they stand in, or "headline"
    remark: str  # the edition's remark


def check_front_matter(meta: dict, where: str) -> list[str]:
    """Warnings for unknown keys; a PageSettingError for a value of the wrong type."""
    warnings = []
    for key, value in meta.items():
        if key not in PAGE_KEYS:
            close = difflib.get_close_matches(str(key), list(PAGE_KEYS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else f" Known keys: {', '.join(PAGE_KEYS)}."
            warnings.append(f"{where}, front matter: unknown key '{key}'.{hint}")
            continue
        kind, purpose = PAGE_KEYS[key]
        if not isinstance(value, kind) or (kind is str and isinstance(value, bool)):
            names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            raise PageSettingError(f"{where}, front matter '{key}' ({purpose}): expected a {_kind_name(names)}, "
                                   f"got {_shown(value)}.")
    if "<" in str(meta.get("title", "")):
        raise PageSettingError(f"{where}, front matter 'title': “{meta['title']}” holds “<”, which the theme would "
                               "write as HTML. A title is text: write it without “<”.")
    if "readings" in meta:
        readings(meta, where)
    return warnings


def readings(meta: dict, where: str) -> list[Reading]:
    """The page's readings kept as written, each with its words, place and remark."""
    found = []
    for item in meta.get("readings") or []:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip()
                                                 for k in READING_FIELDS):
            raise PageSettingError(f"{where}, front matter 'readings': each needs text, at and remark, "
                                   f"as words (see EDITING.md): got {_shown(item)}.")
        unknown = set(item) - set(READING_FIELDS)
        if unknown:
            raise PageSettingError(f"{where}, front matter 'readings': unknown key '{sorted(unknown)[0]}' in "
                                   f"{_shown(item)}; each reading has text, at and remark.")
        found.append(Reading(item["text"], item["at"], item["remark"]))
    return found


def _kind_name(name: str) -> str:
    return {"str": "text", "list": "list", "dict": "mapping", "bool": "true or false"}.get(name, name)


def _shown(value) -> str:
    return shortened(repr(value), 60)
