"""The site's own MkDocs plugin: the letter's notes, references, anchors, citation and PDF.

plugin.py connects the steps to MkDocs' events; every other module does one step and
knows nothing of MkDocs (README, "Where things are").
"""
