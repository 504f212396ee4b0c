"""The two editions the reader-facing tests read: the letter, and a test edition at scale.

The test edition (tests/edition/) has three pages of notes, forty notes (twelve in one
paragraph, several citing two or three works, locators of each kind) and twenty works of
eight entry types, three of them by one author, two in one year. It is assembled with the
letter's own stylesheet, scripts, note style and theme overrides, and built once a session.

Each edition says what a reader must find in it: the letter from its original
(tests/golden/letter.txt, the notes' known addresses); the test edition from its golden
file (tests/edition/golden.txt). Which note cites which work is read from each edition's
Markdown here, apart from the plugin.
"""

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from letter_source import letter_lines, notes as original_notes

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "tests" / "edition"
# What the test edition takes from the letter's project: the site's own look and behaviour.
SHARED_PARTS = ["styles", "overrides", "docs/stylesheets", "docs/javascripts", "docs/images"]
NOTE = re.compile(r"^\[\^(?P<label>[^\]]+)\]:[ \t]?(?P<body>.*)$", re.MULTILINE)
KEY = re.compile(r"(?<![\w\\])@(\w[\w:.#$%&+?<>~/-]*\w|\w)")
MARKER = re.compile(r"\[\^[^\]]+\]")

# The letter's notes' web addresses, as ../shared/source/sources.md gives them.
LETTER_ADDRESSES = {
    "1": "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html",
    "2": "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html",
}
# Where the letter's original puts each marker: the words before it.
LETTER_MARKERS = {
    "1": "in reprisal of the policy.",
    "2": "which thankfully did not explode.",
    "3": "to threaten Kosovo’s new policy.",
    "4": "legitimizing and supporting Serbia’s tactics.",
    "5": "until a more permanent solution is found.",
}


@dataclass
class Edition:
    name: str
    project: Path  # its mkdocs.yml, docs/ and references.bib
    lines: list[str]  # the letter page's text, line by line, before its notes
    notes: dict[str, dict[str, str]]  # page source -> label -> the note as a reader reads it
    markers: dict[str, dict[str, str]]  # page source -> label -> the words before its marker
    paragraph_anchors: list[str]  # the letter page's linkable parts, in reading order
    headings: list[str]  # the letter page's section ids
    # (phrase, the places on the letter page it is found at, and only there)
    phrases: list[tuple[str, list[str]]] = field(default_factory=list)
    # (what a reader types in the search box, the page and anchor it leads to, the result's title)
    searches: list[tuple[str, str, str, str]] = field(default_factory=list)
    letter_page: str = "index.md"
    site: object = None  # conftest.Site, once built

    @property
    def nav(self) -> list[str]:
        """The pages with notes, in the navigation's order."""
        return list(self.notes)

    def cites(self) -> dict[str, dict[str, list[str]]]:
        """Page -> label -> the keys its note cites, read from the Markdown."""
        found = {}
        for uri in self.notes:
            markdown = (self.project / "docs" / uri).read_text(encoding="utf-8")
            found[uri] = {m["label"]: list(dict.fromkeys(KEY.findall(m["body"]))) for m in NOTE.finditer(markdown)}
        return found

    def bodies(self) -> dict[str, dict[str, str]]:
        found = {}
        for uri in self.notes:
            markdown = (self.project / "docs" / uri).read_text(encoding="utf-8")
            found[uri] = {m["label"]: m["body"].strip() for m in NOTE.finditer(markdown)}
        return found

    def keys(self) -> set[str]:
        from pybtex.database import parse_file

        return set(parse_file(self.project / "references.bib").entries)


def built_path(uri: str) -> str:
    """A page's file in the built site: index.md -> index.html, about.md -> about/index.html."""
    stem = uri.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}/index.html"


def the_letter() -> Edition:
    notes = {number: text + (", " + LETTER_ADDRESSES[number] if number in LETTER_ADDRESSES else "")
             for number, text in original_notes().items()}
    return Edition(
        name="letter", project=ROOT, lines=letter_lines(), notes={"index.md": notes},
        markers={"index.md": LETTER_MARKERS},
        paragraph_anchors=["date", "to-president", "to-secretary", "salutation"] + [f"p{n}" for n in range(1, 8)],
        headings=["addressees", "letter", "signatories", "notes"],
        phrases=[("Halili", ["#fn:4"]), ("sticker regime", ["#p4"]), ("Botsan-Kharchenko", ["#p3"]),
                 ("Elissa Slotkin", ["#p7"]), ("1600 Pennsylvania Avenue NW", ["#addressees"]),
                 ("Dear President Biden and Secretary Blinken", ["#letter"])],
        searches=[("sticker regime", "/", "p4", "Letter, paragraph 4"),
                  ("Botsan-Kharchenko", "/", "p3", "Letter, paragraph 3"),
                  ("Halili", "/", "fn:4", "Note 4"),
                  ("Insider Paper", "/references/", "insiderpaper2021serbian", "References: Insider Paper")],
    )


def scale_edition(project: Path) -> Edition:
    """The test edition, assembled in `project` (an empty folder)."""
    shutil.copytree(SCALE, project, dirs_exist_ok=True)
    for part in SHARED_PARTS:
        shutil.copytree(ROOT / part, project / part)
    lines, notes, section = [], {}, None
    for line in (SCALE / "golden.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# notes "):
            section = notes.setdefault(line.removeprefix("# notes "), {})
        elif line.startswith("#"):
            continue
        elif section is None:
            lines.append(line)
        else:
            label, _, text = line.partition(" ")
            section[label] = text
    return Edition(
        name="scale", project=project, lines=lines, notes=notes, markers=_markers(project, list(notes)),
        paragraph_anchors=["date", "to-editors", "salutation"] + [f"p{n}" for n in range(1, 11)],
        headings=["addressees", "letter", "signatories", "notes"],
        phrases=[("Jarinje Road", ["#fn:3"]), ("holds twelve notes", ["#p6"]),
                 ("1 Example Street", ["#addressees"]), ("Dear Editors", ["#letter"])],
        searches=[("one after another", "/", "p6", "Letter, paragraph 6"),
                  ("Jarinje Road", "/", "fn:3", "Note 3"),
                  ("Plates and Passports", "/commentary/", "fn:4", "Commentary, note 4"),
                  ("Licence Plates", "/references/", "smith2021plates", "References: Smith, “Border Regimes and…”")],
    )


def _markers(project: Path, pages: list[str]) -> dict[str, dict[str, str]]:
    """Each marker's place as the Markdown gives it: the words before it in its sentence."""
    found = {}
    for uri in pages:
        markdown = NOTE.sub("", (project / "docs" / uri).read_text(encoding="utf-8"))
        found[uri] = {}
        for match in re.finditer(r"\[\^([^\]]+)\]", markdown):
            before = MARKER.sub("", markdown[max(0, match.start() - 60):match.start()]).split("\n")[-1]
            found[uri][match[1]] = " ".join(before.split()[-4:])
    return found
