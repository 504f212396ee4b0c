"""The letter plugin's options in mkdocs.yml, declared once with MkDocs' config options.

    plugins:
      - letter:
          short_name: Kosovo–Serbia letter          # a phone's header (short_site_name.py)
          repository: !ENV [EDITION_REPOSITORY, ""]  # the About page (edition.py)
          uncited: warn                             # or allow: references.bib is a library

MkDocs checks them: a value of the wrong type stops the build with one message naming the
option, and an unknown option is a warning, which the strict build turns into a failure.
The site keeps nothing of its own under `extra:`: a key there is a warning too, and the
keys this site once read there name where they went.
"""

from mkdocs.config import base
from mkdocs.config import config_options as c

# Where the settings this site once read under `extra:` are now.
MOVED_FROM_EXTRA = {"short_name": "short_name", "edition": "repository", "references": "uncited"}


class LetterConfig(base.Config):
    # The site's name where there is room for little more than two words: a phone's header.
    short_name = c.Optional(c.Type(str))
    # Where the edition's source is published; the About page links it.
    repository = c.Optional(c.Type(str))
    # warn: an entry no note cites is a warning, so the strict build fails on it.
    # allow: references.bib is a library; only the cited works are read and published.
    uncited = c.Choice(("warn", "allow"), default="warn")
    # The theme's templates stay compiled between builds (template_cache.py); the benchmark
    # turns this off to measure what it saves.
    keep_compiled_templates = c.Type(bool, default=True)


def extra_problems(extra: dict) -> tuple[list[str], list[str]]:
    """The errors (settings that moved) and warnings (keys nothing reads) under `extra:`."""
    errors, warnings = [], []
    for key in extra or {}:
        if key in MOVED_FROM_EXTRA:
            errors.append(f"mkdocs.yml, extra: {key}: this setting has moved to the letter plugin's options: "
                          f"write `{MOVED_FROM_EXTRA[key]}: …` under `plugins: - letter:` (see README).")
        else:
            warnings.append(f"mkdocs.yml, extra: {key}: nothing on this site reads it (the theme's extra settings "
                            "are not used; some would load scripts from other hosts). Remove it.")
    return errors, warnings
