"""The site's own settings in mkdocs.yml (`extra:`), declared once with MkDocs' config options.

    extra:
      short_name: Kosovo–Serbia letter   # a phone's header (hooks/short_site_name.py)
      edition:
        repository: https://…            # the About page (hooks/edition.py)
      references:
        uncited: warn                    # or allow: references.bib is a library

A value of the wrong type stops the build with one message naming the key; an unknown key
(a typo, or one of the theme's `extra` settings this site does not use, some of which
would load scripts from other hosts) is a warning, which the strict build turns into a
failure.
"""

from mkdocs.config import base
from mkdocs.config import config_options as c


class EditionSettings(base.Config):
    repository = c.Optional(c.Type(str))


class ReferenceSettings(base.Config):
    # warn: an entry no note cites is a warning; allow: references.bib is a library.
    uncited = c.Choice(("warn", "allow"), default="warn")


class SiteSettings(base.Config):
    short_name = c.Optional(c.Type(str))
    edition = c.SubConfig(EditionSettings)
    references = c.SubConfig(ReferenceSettings)


def read_settings(extra: dict, config_file: str | None) -> tuple[SiteSettings, list[str], list[str]]:
    """The settings under `extra:`, the errors (each naming its key) and the warnings."""
    settings = SiteSettings(config_file_path=config_file)
    settings.load_dict(dict(extra or {}))
    failed, warned = settings.validate()
    errors = [f"mkdocs.yml, extra: {key}: {message}" for key, message in failed]
    warnings = [f"mkdocs.yml, extra: {key}: {message}" for key, message in warned]
    return settings, errors, warnings
