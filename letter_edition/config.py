"""The letter plugin's options in mkdocs.yml, declared once with MkDocs' config options.

    plugins:
      - letter:
          short_name: Kosovo–Serbia letter          # a phone's header (publishing/added_css.py)
          repository: !ENV [EDITION_REPOSITORY, ""]  # the About page (reading/imprint.py)
          uncited: warn                             # or allow: references.bib is a library

MkDocs checks them: a value of the wrong type stops the build with one message naming the
option, and an unknown option is a warning, which the strict build turns into a failure.
The site keeps nothing of its own under `extra:`: a key there is what the theme's templates
read (found in the templates themselves), the keys this site once read there name where
they went, and any other key is a warning.
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


def extra_problems(extra: dict, read: dict[str, bool]) -> tuple[list[str], list[str]]:
    """The errors and warnings under `extra:`: a setting that moved to the plugin's options,
    or that the theme would use to load from another host, is an error; a key no template
    reads is a warning. `read`: each key the templates read, with whether a template that
    reads it runs a script from another host (theme_templates.py)."""
    errors, warnings = [], []
    for key in extra or {}:
        if key in MOVED_FROM_EXTRA:
            errors.append(f"mkdocs.yml, extra: {key}: this setting has moved to the letter plugin's options: "
                          f"write `{MOVED_FROM_EXTRA[key]}: …` under `plugins: - letter:` (see EDITING.md).")
        elif read.get(key):
            errors.append(f"mkdocs.yml, extra: {key}: with it, the theme's templates would have every page run a "
                          "script from another host, and this site loads nothing from other hosts. Remove it.")
        elif key not in read:
            warnings.append(f"mkdocs.yml, extra: {key}: nothing on this site reads it (neither the theme's templates "
                            "nor overrides/). Remove it, or correct its name.")
    return errors, warnings
