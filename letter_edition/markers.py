r"""Every marker, class name and label that more than one step relies on, named once.

The markers are what an editor writes on a page for the build to fill in; the class names
are what the stylesheet (docs/stylesheets/letter.css), the scripts (docs/javascripts/) and
the later steps find the build's additions by.
"""

# Markers on a page, each replaced at build time.
WORKS_CITED = r"\works_cited"  # the references page's entries
NOTES_WITHOUT_ADDRESS = r"\notes_without_address"  # links to the notes whose works have no address
CITE_LETTER = r"\cite_letter"  # the ready citation of the letter
EDITION = r"\edition"  # the edition's version, date and addresses
PDF_EDITION = r"\pdf_edition"  # a link to letter.pdf with its pages and size
READINGS = r"\readings"  # the readings kept as written, with the edition's remarks

# Classes of what the build adds to the pages.
WORK = "work"  # a references entry (its id is the work's key)
CITED_IN = "cited-in"  # the links back from a references entry to its notes
NOTE_ENTRY = "note-entry"  # a note's link to its work's references entry
NOTE_ENTRIES = "note-entries"  # the links of a note that cites several works, with their label
READY_CITATION = "ready-citation"
PDF_LINK = "pdf-edition"
PDF_BLOCK = "pdf-edition-block"
PDF_DETAILS = "pdf-details"  # filled after the build: pages and size
READING_MARK = "reading-mark"
PARAGRAPH_LINK = "paragraph-link"
PARAGRAPH_NUMBER = "paragraph-number"
PERMALINK = "headerlink"  # the theme's class for a permalink
EDITORIAL = "editorial"  # a paragraph that is the edition's own remark
FOOTNOTE_BACKREF = "footnote-backref"  # Python-Markdown's link from a note back to its marker
NOTE_ID = "fn:{}"  # Python-Markdown's id of a note, by its label: #fn:3
MARKER_ID = "fnref"  # the start of the id Python-Markdown gives a note's marker: #fnref:3
SEARCH_EXCLUDE = "data-search-exclude"  # Material's search leaves an element with this out
# A table cell aligned in Markdown, by class (the pages' policy blocks style=""); letter.css has the rules.
TEXT_ALIGN = "text-align-{}"
TEXT_ALIGNMENTS = ("left", "right", "center", "justify")

# The types of a <script> that holds data (the theme's configuration, the JSON-LD), which a
# browser never runs.
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})

# Labels a reader sees on the build's links.
ONE_ENTRY = "References entry"
SEVERAL_ENTRIES = "References entries:"

# Where the About page lists the readings kept as written.
REMARKS_ANCHOR = "how-the-text-was-transcribed"


def paragraph_anchor(number: int) -> str:
    """A numbered paragraph's anchor: #p3."""
    return f"p{number}"


def paragraph_number(anchor: str) -> int | None:
    """The number of a numbered paragraph's anchor (p3 -> 3); None for any other id."""
    return int(anchor[1:]) if anchor[:1] == "p" and anchor[1:].isdigit() else None
