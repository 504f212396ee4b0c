r"""What the edition says about itself: version, date, address and source repository.

The version is `pyproject.toml`'s `version`, the date its `[tool.edition] date`; the
address is `site_url` (SITE_URL) and the repository `extra.edition.repository`
(EDITION_REPOSITORY), both set by the publish workflow. From them:
- `\edition` on a page becomes a sentence naming the version, its date, and where the
  edition and its source are published (where known);
- every printed page carries, in its footer, the edition's address (or, where the build
  does not know it, the site's name) and version: an @page rule added to the end of the
  site's stylesheet (docs/stylesheets/letter.css) as it is published.
"""

import datetime
import html
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import addresses
from reference_checks import as_text

MARKER = r"\edition"
STYLESHEET = "stylesheets/letter.css"


@dataclass(frozen=True)
class Edition:
    version: str
    date: datetime.date
    address: str | None
    repository: str | None

    @property
    def sentence(self) -> str:
        text = f"This is version {self.version} of the edition, of {_long_date(self.date)}."
        if self.address:
            text += f" It is published at <{self.address}>."
        if self.repository:
            text += f" Its source (the text, the notes’ BibTeX file, the style and the build) is at <{self.repository}>."
        return text


def read_edition(config) -> Edition:
    pyproject = Path(config.config_file_path).parent / "pyproject.toml"
    try:
        project = tomllib.loads(as_text(pyproject.read_bytes()))
        version = project["project"]["version"]
        date = project["tool"]["edition"]["date"]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise PluginError(
            f"pyproject.toml: the edition's version and date are read from [project] version and "
            f"[tool.edition] date ({type(error).__name__}: {error})."
        ) from None
    if not isinstance(date, datetime.date):
        raise PluginError("pyproject.toml: [tool.edition] date must be a date, e.g. 2026-11-26 (no quotes).")
    repository = config["site_settings"].edition.repository or None
    for name, address in [("site_url (SITE_URL)", config.site_url), ("extra: edition: repository (EDITION_REPOSITORY)",
                                                                        repository)]:
        reason = addresses.problem(address) if address else None
        if reason:
            raise PluginError(f"mkdocs.yml, {name}: “{address}” is not an address this site publishes: {reason}.")
    return Edition(version, date, config.site_url or None, repository)


def _long_date(date: datetime.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


def on_config(config):
    config["edition"] = read_edition(config)  # read by this hook's later events
    return config


def on_files(files, config):
    append_to_stylesheet(files, config, _print_css(config["edition"], config), "the print footer")
    return files


def append_to_stylesheet(files, config, css: str, what: str) -> None:
    """Add rules made at build time to the end of the site's stylesheet as it is published."""
    stylesheet = files.get_file_from_path(STYLESHEET)
    if stylesheet is None:
        raise PluginError(f"docs/{STYLESHEET} is missing: {what} is added to it.")
    files.remove(stylesheet)
    files.append(File.generated(config, STYLESHEET, content=stylesheet.content_string + "\n" + css))


def _print_css(edition: Edition, config) -> str:
    where = edition.address or html.unescape(config.site_name)  # escaped as markup for the theme
    footer = f"{where} · edition {edition.version}"
    return (
        "/* Added by hooks/edition.py: the footer of every printed page. */\n"
        "@page {\n"
        f"  @bottom-left {{ content: {css_string(footer)}; font: 8pt sans-serif; color: #000; }}\n"
        '  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #000; }\n'
        "}\n"
    )


def css_string(text: str) -> str:
    """Text as a CSS string, any character but letters, digits and plain punctuation escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,:/-–·" else f"\\{ord(c):x} " for c in text) + '"'


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, config["edition"].sentence)
