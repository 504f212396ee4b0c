"""The order in which the hooks run where it matters, named in one place.

MkDocs runs the handlers of one event from the highest priority to the lowest; handlers
of equal priority run in the order of `hooks:` in mkdocs.yml, then the plugins (0).
"""

# on_config: read and check the editor's files, and format the notes, before mkdocs-bibtex
# (0) loads its bibliography (hooks/sources.py points it at the cited works).
READ_SOURCES = 100
# on_page_markdown: put the formatted notes and entries in place before mkdocs-bibtex (0)
# looks at the page, so that it finds no citation left to format.
WRITE_CITATIONS = 50
# on_page_markdown: then add the links between notes and references entries to the lines
# the notes were written on.
WRITE_LINKS = 40
# on_files: publish the site's own stylesheets and scripts after hooks/edition.py (0) has
# added the print footer to the stylesheet.
PUBLISH_OWN_ASSETS = -10
# on_post_build: move inline scripts into files first, so that the stylesheet pass after
# them reads every script the pages run.
MOVE_INLINE_SCRIPTS = 20
TRIM_THEME_CSS = 10
# on_post_build: after Material's search (0) has written its index, extend it.
EXTEND_SEARCH = -10
# on_post_build: last, make the PDF from the letter page as published (its scripts and
# stylesheets in their final files), then write its pages and size into the links to it.
MAKE_PDF = -20
