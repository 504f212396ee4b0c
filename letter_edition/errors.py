"""The faults the build reports in one message, never a traceback.

The core raises these; the MkDocs adapter (plugin.py) hands them to MkDocs as its own
error, so the build stops with the message alone.
"""


class EditionError(Exception):
    """A fault in the editor's files, or in a tool the build needs; the message says what to do."""


class SourceError(EditionError):
    """A fault in a file the editor maintains, found before anything is built: the site
    folder is not yet cleaned, so under `mkdocs serve` the last good build stays served."""
