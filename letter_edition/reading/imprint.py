r"""The imprint: what the edition says about itself (version, date, address, source repository).

The version is `pyproject.toml`'s `version`, the date its `[tool.edition] date`; the
address is `site_url` (SITE_URL) and the repository the plugin's `repository` option
(EDITION_REPOSITORY), both set by the publish workflow. From them, `\edition` on a page
becomes a sentence (page_markdown/editorial_marks.py), and every printed page carries the
address and version in its footer (publishing/added_css.py).
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from ..errors import SourceError
from ..text_forms import long_date
from .reader import parse_toml, read_text


@dataclass(frozen=True)
class Imprint:
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


def read_imprint(root: Path, site_url: str, repository: str | None) -> Imprint:
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
    return Imprint(version, date, site_url or None, repository or None)
