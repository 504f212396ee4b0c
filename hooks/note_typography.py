"""Keep the notes' characters exactly as written in references.bib.

mkdocs-bibtex asks pandoc for `markdown-citations`. That writer has `smart` on, which turns
“ ” ’ into ASCII quotes, and it writes brace-protected titles as `[…]{.nocase}` spans,
which Python-Markdown cannot read. This hook has pandoc write the same Markdown without
those two features, so the notes keep their curly quotes and apostrophes, and with raw HTML
off, so that markup in a field is written escaped and published as text.
"""

import logging

import pypandoc
from mkdocs_bibtex import registry

log = logging.getLogger("mkdocs.hooks.note_typography")

BIBTEX_OUTPUT = "markdown-citations"
NOTE_OUTPUT = "markdown-citations-smart-bracketed_spans-native_spans-raw_html"


class _NotePandoc:
    """pypandoc as mkdocs-bibtex sees it: the same, but for the Markdown flavour it gets."""

    def __getattr__(self, name):
        return getattr(pypandoc, name)

    def convert_text(self, source, to, *args, **kwargs):
        if to == BIBTEX_OUTPUT:
            to = NOTE_OUTPUT
        else:
            log.warning(
                "mkdocs-bibtex asked pandoc for %r, not %r: hooks/note_typography.py "
                "needs updating for this version of mkdocs-bibtex.",
                to,
                BIBTEX_OUTPUT,
            )
        return pypandoc.convert_text(source, to, *args, **kwargs)


def on_startup(command, dirty):
    registry.pypandoc = _NotePandoc()
