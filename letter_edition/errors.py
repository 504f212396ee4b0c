"""The faults the build reports in one message, never a traceback.

The steps raise these; plugin.py hands them to MkDocs as its own error (PluginError), so
the build stops with the message alone. The modules that meet MkDocs (ARCHITECTURE.md) may
raise MkDocs' own errors directly.
"""


class EditionError(Exception):
    """A fault in the editor's files, or in a tool the build needs; the message says what to do."""


class SourceError(EditionError):
    """A fault in a file the editor maintains, found before anything is built: the site
    folder is not yet cleaned, so under `mkdocs serve` the last good build stays served."""
