r"""Each page's Markdown with its notes formatted: put in place of what the editor wrote.

The notes were read once, with the page (pages.py), and formatted in one pandoc run
(pandoc_notes.py); here each note that cites a work gets its formatted text, as literal
Markdown, on the line its body was written on, with its links to the references page. The `@` of code and of `\@` travel as
private-use characters through mkdocs-bibtex and Markdown, and come back as `@` in the
page's HTML: neither is ever read as a citation.
"""

from ..errors import EditionError
from ..markdown_code import CODE_SPAN, code_lines
from ..reading.citations import NOTE, Note

# `@` in code, and `\@` in text, while mkdocs-bibtex looks at the page.
CODE_AT, LITERAL_AT = "\ue010", "\ue011"


def place_notes(markdown: str, notes: list[Note], body_line: int, formatted: dict[str, str], links: dict[str, str],
                where: str) -> str:
    """The page's Markdown (its body, as rendered) with each citing note's text in place, and
    after it the note's links to its works' entries (`links`, by the note's label: works_cited.py).
    `body_line`: the line of the file the body starts on, from which the notes' lines count."""
    lines = markdown.split("\n")
    for note in notes:
        index = note.line - body_line
        start = NOTE.match(lines[index]) if 0 <= index < len(lines) else None
        if start is None or start["label"] != note.label:
            raise EditionError(f"{where}, line {note.line}: the page changed between reading and rendering "
                               f"(the note [^{note.label}] is not where it was read). Build again.")
        lines[index] = f"{start.group(0)[:start.start('body')]}{formatted[note.body]}{links.get(note.label, '')}"
        for continued in range(index + 1, note.end_line - body_line + 1):
            lines[continued] = ""
    return "\n".join(lines)


def mask_literals(markdown: str) -> str:
    """`@` in code and `\\@` in text, hidden from mkdocs-bibtex until it has run."""
    lines = markdown.split("\n")
    fenced = code_lines(lines)
    out = []
    for number, line in enumerate(lines, start=1):
        if number in fenced:
            out.append(line.replace("@", CODE_AT))
            continue
        line = CODE_SPAN.sub(lambda m: m[0].replace("@", CODE_AT), line)
        out.append(line.replace("\\@", LITERAL_AT))
    return "\n".join(out)


def unmask_literals(html: str) -> str:
    return html.replace(CODE_AT, "@").replace(LITERAL_AT, "@")
