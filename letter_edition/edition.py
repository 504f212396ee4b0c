r"""What the edition says about itself: version, date, address and source repository.

The version is `pyproject.toml`'s `version`, the date its `[tool.edition] date`; the
address is `site_url` (SITE_URL) and the repository the plugin's `repository` option
(EDITION_REPOSITORY), both set by the publish workflow. From them:
- `\edition` on a page becomes a sentence naming the version, its date, and where the
  edition and its source are published (where known);
- every printed page carries, in its footer, the edition's address (or, where the build
  does not know it, the site's name) and version: an @page rule added to the end of the
  site's stylesheet (docs/stylesheets/letter.css) as it is published.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from . import addresses
from .bibliography import long_date
from .errors import SourceError
from .names import EDITION
from .reader import parse_toml, read_text


@dataclass(frozen=True)
class Edition:
    version: str
    date: datetime.date
    address: str | None
    repository: str | None

    @property
    def sentence(self) -> str:
        text = f"This is version {self.version} of the edition, of {long_date(self.date)}."
        if self.address:
            text += f" It is published at <{self.address}>."
        if self.repository:
            text += f" Its source (the text, the notes’ BibTeX file, the style and the build) is at <{self.repository}>."
        return text


def read_edition(root: Path, site_url: str, repository: str | None) -> Edition:
    name = "pyproject.toml"
    project = parse_toml(read_text(root / name, name, what="the project's description"), name)
    try:
        version = project["project"]["version"]
        date = project["tool"]["edition"]["date"]
    except (KeyError, TypeError) as error:
        raise SourceError(
            f"{name}: the edition's version and date are read from [project] version and "
            f"[tool.edition] date ({type(error).__name__}: {error})."
        ) from None
    if not isinstance(date, datetime.date):
        raise SourceError("pyproject.toml: [tool.edition] date must be a date, e.g. 2026-11-26 (no quotes).")
    for name, address in [("site_url (SITE_URL)", site_url), ("the letter plugin's repository (EDITION_REPOSITORY)",
                                                                repository)]:
        reason = addresses.problem(address) if address else None
        if reason:
            raise SourceError(f"mkdocs.yml, {name}: “{address}” is not an address this site publishes: {reason}.")
    return Edition(version, date, site_url or None, repository or None)


def print_css(edition: Edition, site_name: str) -> str:
    """The footer of every printed page: the edition's address (else the site's name) and
    version, and the page number."""
    footer = f"{edition.address or site_name} · edition {edition.version}"
    return (
        "/* The footer of every printed page (edition.py). */\n"
        "@page {\n"
        f"  @bottom-left {{ content: {css_string(footer)}; font: 8pt sans-serif; color: #000; }}\n"
        '  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #000; }\n'
        "}\n"
    )


def css_string(text: str) -> str:
    """Text as a CSS string, any character but letters, digits and plain punctuation escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,:/-–·" else f"\\{ord(c):x} " for c in text) + '"'


def write_edition_sentence(markdown: str, edition: Edition) -> str:
    return markdown.replace(EDITION, edition.sentence) if EDITION in markdown else markdown
