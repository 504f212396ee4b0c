"""Which parts of a page's Markdown are code, where nothing is read as a citation or markup:
fenced blocks (by line) and code spans. Read by the citations reader and by the mask that
hides `@` in code from mkdocs-bibtex."""

import re

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)


def code_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines inside fenced code blocks (the fences included)."""
    inside, fence, found = False, "", set()
    for number, line in enumerate(lines, start=1):
        match = FENCE.match(line)
        if not inside and match:
            inside, fence = True, match["fence"]
            found.add(number)
        elif inside:
            found.add(number)
            if line.strip().startswith(fence[0] * len(fence)) and set(line.strip()) <= {fence[0]}:
                inside = False
    return found
