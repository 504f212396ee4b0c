"""The site's own MkDocs plugin: the letter's notes, references, anchors, citation and PDF.

ARCHITECTURE.md says which module does which step, and which modules meet MkDocs.
"""
