"""The order in which the hooks run where it matters, named in one place.

MkDocs runs the handlers of one event from the highest priority to the lowest; handlers
of equal priority run in the order of `hooks:` in mkdocs.yml, then the plugins (0).
"""

# on_config: check the editor's files before mkdocs-bibtex (0) reads them.
CHECK_SOURCES = 100
# on_page_markdown: write `@key` citations before mkdocs-bibtex (0) formats them.
WRITE_CITATIONS = 50
# on_post_build: move inline scripts into files first, so that the stylesheet pass after
# them reads every script the pages run.
MOVE_INLINE_SCRIPTS = 20
TRIM_THEME_CSS = 10
