r"""The one description of the letter, read from its page's front matter.

    letter:
      date: 2021-10-04
      genre: letter
      signatories:                 # in the order of the signature block
        - Ritchie Torres           # "Given Family", "Given Family, Jr." or "Family, Given"
        - {given: Debbie, family: Wasserman Schultz}   # a family name of two words
      recipients:
        - {name: Antony Blinken, role: Secretary of State}
      key: torres2021kosova        # its citation key in the downloads (else family and year)
      keywords: [Kosovo, Serbia]   # the PDF's subject keywords (optional)

Its title is the page's headline. citation_exports.py makes the citation tags, the
JSON-LD, the ready citation and the downloads from it.
"""

import datetime
import re
from dataclasses import dataclass

from pybtex.database import Person

from ..errors import SourceError
from ..text_forms import sort_form

LETTER_FIELDS = {"date": datetime.date, "genre": str, "signatories": list, "recipients": list}
OPTIONAL_FIELDS = {"key": str, "keywords": list}
SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}
KEY = re.compile(r"[\w][\w:.-]*")


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    suffix: str = ""

    @property
    def display(self) -> str:
        """As the signature block gives a name: 'Donald M. Payne Jr.'"""
        return " ".join(part for part in (self.given, self.family, self.suffix) if part)

    @property
    def bibtex(self) -> str:
        """As BibTeX reads a name whatever it holds: 'Payne, Jr., Donald M.'"""
        return ", ".join(part for part in (self.family, self.suffix, self.given) if part)


@dataclass(frozen=True)
class Letter:
    title: str
    date: datetime.date
    genre: str
    signatories: list[Name]
    recipients: list[dict]
    url: str | None  # the letter's page, where the site's address is known
    page_uri: str
    key: str  # its citation key: the description's, else the first signatory's family name and the year
    keywords: tuple[str, ...] = ()

    @property
    def addressed_to(self) -> str:
        """'Letter to A, role, and B, role', as the citation's description of the work."""
        people = [f"{r['name']}, {r['role']}" for r in self.recipients]
        listed = people[0] if len(people) == 1 else ", ".join(people[:-1]) + ", and " + people[-1]
        return f"{self.genre} to {listed}"

    @property
    def summary(self) -> str:
        """'Letter to A, role, and B, role': the description of the letter as a document."""
        return self.addressed_to[:1].upper() + self.addressed_to[1:]


def read_letter(description, title: str | None, page_uri: str, url: str | None, page_where: str = "") -> Letter:
    """The letter as its page describes it; `title` is the page's headline, and `page_where` names
    the page in messages ("docs/index.md")."""
    page_where = page_where or page_uri
    where = f"{page_where}, front matter 'letter'"
    if not isinstance(description, dict):
        raise SourceError(f"{where}: expected a mapping of date, genre, signatories and recipients.")
    unknown = [key for key in description if key not in LETTER_FIELDS | OPTIONAL_FIELDS]
    if unknown:
        raise SourceError(f"{where}: unknown key '{unknown[0]}'; the letter is described by "
                          f"{', '.join(LETTER_FIELDS | OPTIONAL_FIELDS)} (see EDITING.md).")
    for field, kind in LETTER_FIELDS.items():
        if not isinstance(description.get(field), kind):
            raise SourceError(f"{where}: '{field}' is missing or not a {kind.__name__} (see EDITING.md).")
    for field, kind in OPTIONAL_FIELDS.items():
        if field in description and not isinstance(description[field], kind):
            raise SourceError(f"{where}: '{field}' is not a {kind.__name__} (see EDITING.md).")
    keywords = description.get("keywords") or []
    if not all(isinstance(word, str) and word.strip() for word in keywords):
        raise SourceError(f"{where}: 'keywords' is a list of words, e.g. [Kosovo, Serbia].")
    key = str(description.get("key") or "").strip()
    if key and not KEY.fullmatch(key):
        raise SourceError(f"{where}: 'key' is a citation key of letters, digits and _ - : . (e.g. torres2021kosova).")
    for name in description["signatories"]:
        if not isinstance(name, (str, dict)) or not str(name).strip():
            raise SourceError(f"{where}: each signatory is a name (\"Ritchie Torres\") or a mapping "
                              f"({{given: …, family: …}}): got {name!r}.")
    for recipient in description["recipients"]:
        if not (isinstance(recipient, dict) and isinstance(recipient.get("name"), str)
                and isinstance(recipient.get("role"), str)):
            raise SourceError(f"{where}: each recipient needs a name and a role, e.g. "
                              "{name: Antony Blinken, role: Secretary of State}.")
    if title is None:
        raise SourceError(f"{page_where}: the letter's page has no '# headline' to take its title from.")
    signatories = [_name(name, where) for name in description["signatories"]]
    if not signatories:
        raise SourceError(f"{where}: 'signatories' names no one.")
    if not key:
        key = "".join(c for c in sort_form(signatories[0].family) if c.isascii() and c.isalnum())
        key += str(description["date"].year)
    return Letter(
        title=title,
        date=description["date"],
        genre=description["genre"],
        signatories=signatories,
        recipients=[dict(r) for r in description["recipients"]],
        url=url,
        page_uri=page_uri,
        key=key,
        keywords=tuple(word.strip() for word in keywords),
    )


def _name(written, where: str) -> Name:
    if isinstance(written, dict):
        if not isinstance(written.get("family"), str) or not all(
                isinstance(written.get(k) or "", str) for k in ("given", "suffix")):
            raise SourceError(f"{where}: a signatory written as a mapping needs a family name: {written}.")
        return Name(str(written.get("given") or ""), written["family"], str(written.get("suffix") or ""))
    given_family, _, suffix = str(written).rpartition(", ")
    if suffix.strip() in SUFFIXES and "," not in given_family:  # "Donald M. Payne, Jr.", as it is signed
        person = Person(given_family)
        return Name(" ".join(person.first_names + person.middle_names),
                    " ".join(person.prelast_names + person.last_names), suffix.strip())
    person = Person(str(written))
    return Name(" ".join(person.first_names + person.middle_names),
                " ".join(person.prelast_names + person.last_names), " ".join(person.lineage_names))
