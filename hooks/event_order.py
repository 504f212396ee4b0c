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
# on_post_build: after Material's search (0) has written its index, finish the pages (the
# index extended, scripts and stylesheets in their final files, the PDF) and check the site.
FINISH_SITE = -20
