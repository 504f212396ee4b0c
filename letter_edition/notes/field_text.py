r"""A BibTeX field's text as a reader should see it, and the check that nothing was dropped.

pandoc reads a field as LaTeX, and some LaTeX it reads wrong or not at all: a bare `%`
starts a comment (the rest of the title is gone), `{\DJ}` is dropped, `\"\i` becomes a
dotless i with a loose diaeresis. Before pandoc is handed a field, two adjustments keep it
as written (`for_pandoc`): a bare `%` is a percent sign, and each LaTeX letter or accent
(`{\DJ}`, `\v{c}`, `\"\i`) is the Unicode letter latexcodec decodes it to.

Then, after pandoc has formatted the notes and entries, `check_nothing_dropped` compares
what pandoc read and what the notes print with the entries as the editor wrote them,
decoded by latexcodec (`plain`): a field the style prints (names, title, outlet, date,
address, archived copy) that a note or entry lacks, or a word of a note (a locator, "see
also") that its text lacks, stops the build naming the file, line, field and the missing
text. The adjustments make the known cases right; the check catches the ones nobody listed.
"""

import codecs
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from .. import csl_items
from ..errors import SourceError


# Accents that take the next letter or group as their argument.
ACCENT_WORDS = {"\\v", "\\c", "\\k", "\\H", "\\u", "\\r", "\\b", "\\d", "\\t", "\\G", "\\U", "\\h", "\\f"}
ACCENT_SYMBOLS = {"\\\"", "\\'", "\\`", "\\^", "\\~", "\\=", "\\."}
BARE_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")


def escape_percent(value: str) -> str:
    """A bare `%` in a field is a percent sign, as the editor meant it (in LaTeX, a comment)."""
    return BARE_PERCENT.sub(r"\1\\%", value)


def quote_ligatures(value: str) -> str:
    """LaTeX's quote ligatures as the quotes they print; a quote mark typed as such stays."""
    for ligature, quote in (("``", "“"), ("''", "”"), ("`", "‘")):
        value = value.replace(ligature, quote)
    return value


def for_pandoc(value: str) -> str:
    """The field with bare `%` escaped and LaTeX letters and accents as Unicode letters."""
    return _decode_letters(escape_percent(value))


def plain(value: str) -> str:
    """The text a field prints, decoded as LaTeX: `{\\v{c}}` č, `\\%` %, `--` –, braces gone, a
    formatting command (`\\emph{…}`) gone and its words kept."""
    lexer = _lexer()  # also registers latexcodec's "ulatex" codec
    kept: list[str] = []  # decoded pieces, held out of the second decoding
    out = []
    for token in lexer.get_tokens(quote_ligatures(_decode_letters(escape_percent(value))), final=True):
        if token.name.startswith("control_symbol_x"):  # \% \& \_ \# \$ \{ \}
            decoded = token.text[1:]
        elif token.name == "control_word":
            decoded = LETTERS_LATEXCODEC_LACKS.get(token.text) or codecs.decode(token.text, "ulatex").strip()
            if decoded == token.text:
                continue  # a command that prints nothing itself (\emph, \textbf)
        else:
            out.append(token.text)
            continue
        kept.append(decoded)
        out.append(chr(KEPT + len(kept) - 1))
    text = codecs.decode("".join(out), "ulatex").replace("{", "").replace("}", "")
    text = "".join(kept[ord(c) - KEPT] if KEPT <= ord(c) < KEPT + len(kept) else c for c in text)
    return normal(text)


LETTERS_LATEXCODEC_LACKS = {"\\j": "ȷ"}
KEPT = 0xF0000  # private-use plane 15: where decoded pieces wait


def normal(text: str) -> str:
    """Text compared as a reader reads it: composed letters, one space for any run of spaces."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def _decode_letters(value: str) -> str:
    if "\\" not in value:
        return value
    tokens = list(_lexer().get_tokens(value, final=True))
    out, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        end = index + 1
        if token.name == "control_symbol" and token.text in ACCENT_SYMBOLS or (
                token.name == "control_word" and token.text in ACCENT_WORDS):
            end = _argument_end(tokens, end)
        elif token.name == "control_word":
            pass  # a letter command (\DJ, \ss, \o) or another command (\emph), tried alone
        else:
            out.append(token.text)
            index = end
            continue
        source = "".join(t.text for t in tokens[index:end])
        decoded = codecs.decode(source, "ulatex").replace("{", "").replace("}", "").strip()
        if decoded and "\\" not in decoded and not decoded.isascii():
            out.append(decoded)
            # LaTeX swallows the space after a control word (`\o resund` is "øresund"); an
            # empty group after it (`\ss{}`) only ends it.
            if end < len(tokens) and tokens[end].name == "space" and token.name == "control_word" and end == index + 1:
                end += 1
            elif end + 1 < len(tokens) and tokens[end].text == "{" and tokens[end + 1].text == "}":
                end += 2
        else:
            out.append(source)
        index = end
    return "".join(out)


def _lexer():
    """latexcodec's lexer, imported when a field holds LaTeX (the import costs 60 ms)."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from latexcodec.lexer import LatexIncrementalLexer

    return LatexIncrementalLexer()


def _argument_end(tokens, start: int) -> int:
    """Where an accent's argument ends: one letter, one control word, or one braced group."""
    index = start
    while index < len(tokens) and tokens[index].name == "space":
        index += 1
    if index >= len(tokens):
        return start
    if tokens[index].text == "{":
        depth = 0
        while index < len(tokens):
            depth += {"{": 1, "}": -1}.get(tokens[index].text, 0)
            index += 1
            if depth == 0:
                return index
        return index
    return index + 1


# --- What a note prints, checked against what the entry says -------------------------------

# BibTeX fields of text and the CSL variables pandoc may read them into.
READ_FIELDS = ["title", "subtitle", "journaltitle", "journal", "booktitle", "maintitle", "organization",
               "publisher", "institution", "school", "howpublished", "address", "location"]
# The CSL variables a note prints and where the editor wrote them.
PRINTED = {"title": ["title"], "container-title": ["journaltitle", "journal", "booktitle", "maintitle"],
           "publisher": ["publisher", "organization", "institution", "school"], "URL": ["url"],
           "call-number": ["archiveurl"]}
NAME_ROLES = ["author", "editor"]
# Words pandoc reads as a locator's label, which the style may print shortened or not at all.
LOCATOR_TERMS = {"p", "pp", "page", "pages", "para", "paras", "paragraph", "paragraphs", "chap", "chaps", "chapter",
                 "chapters", "sec", "secs", "section", "sections", "vol", "vols", "volume", "volumes", "no", "nos",
                 "number", "numbers", "fig", "figs", "figure", "figures", "l", "ll", "line", "lines", "n", "nn",
                 "note", "notes", "v", "vv", "verse", "verses", "col", "cols", "column", "columns", "bk", "bks",
                 "book", "books", "pt", "pts", "part", "parts", "op", "opus", "opera", "sv", "s", "sub", "verbo",
                 "fol", "fols", "folio", "folios", "act", "acts", "scene", "scenes", "art", "arts", "article",
                 "articles", "tit", "title", "titles", "ch", "supp", "supplement", "app", "appendix"}
WORD = re.compile(r"\w+")


class DroppedText(SourceError):
    """Something an entry or a note says that the formatted text does not."""


@dataclass(frozen=True)
class PrintedText:
    """Where a text is published and where its source is written, for messages."""
    what: str  # "note 4 (docs/index.md, line 95)", "the references entry of 'key'"
    text: str  # its plain text as published


def style_variables(style: str) -> set[str]:
    """The CSL variables a style prints somewhere (`variable="…"`)."""
    root = ElementTree.fromstring(style)
    found = set()
    for node in root.iter():
        found.update((node.get("variable") or "").split())
    return found


def check_read(key: str, fields: dict[str, str], persons: dict[str, list], item: dict, where) -> None:
    """What pandoc read of an entry is what it says: each text field, each name."""
    read = normal(" ".join(_strings(item)))
    for name, value in fields.items():
        if name.lower() in READ_FIELDS:
            expected = plain(value)
            if expected and expected not in read:
                raise DroppedText(f"{where(name)}: entry '{key}', field '{name}': the notes would not print "
                                  f"“{expected}” as written (pandoc read {_read_as(item, name)}). "
                                  "Write the field as plain text or as LaTeX pandoc reads.")
    for role, people in persons.items():
        names = normal(" ".join(_strings(item.get(role) or [])))
        for person in people:
            for part in _name_parts(person):
                if part not in names:
                    raise DroppedText(f"{where(role)}: entry '{key}', field '{role}': the notes would not print "
                                      f"“{part}” of the name as written (pandoc read “{names}”).")


def check_printed(key: str, item: dict, written: set[str], printed_vars: set[str], published: PrintedText,
                  where) -> None:
    """Each field the style prints is in the published text. `written`: the entry's fields."""
    text = normal(published.text)
    missing = []
    for variable, fields in PRINTED.items():
        value = item.get(variable)
        if variable not in printed_vars or not isinstance(value, str) or not value.strip():
            continue
        if variable == "publisher" and item.get("container-title") and "container-title" in printed_vars:
            continue  # the outlet is the container where there is one
        if normal(value) not in text:
            missing.append((next((f for f in fields if f in written), fields[0]), value))
    for role in NAME_ROLES:
        if role in printed_vars and item.get(role):
            for person in item[role]:
                for part in (person.get("literal"), person.get("family"), person.get("given")):
                    if part and normal(part) not in text:
                        missing.append((role, part))
            break  # the editor stands in only where there is no author
    year = csl_items.year(item)
    if year and "issued" in printed_vars and year not in text:
        missing.append(("date" if "date" in written else "year", year))
    if missing:
        field, value = missing[0]
        raise DroppedText(f"{published.what} leaves out “{value}” (entry '{key}', field '{field}', "
                          f"{where(field)}). It prints: “{published.text}”.")


def check_note_words(body: str, keys: list[str], published: PrintedText) -> None:
    """Every word of a note as written (a locator, "see also") is in its published text."""
    written = body
    for key in sorted(keys, key=len, reverse=True):
        written = written.replace("@{" + key + "}", " ").replace("@" + key, " ")
    text = normal(published.text).casefold()
    words = set(WORD.findall(text))
    for word in WORD.findall(normal(written).casefold()):
        if word not in LOCATOR_TERMS and word not in words:
            raise DroppedText(f"{published.what} leaves out “{word}” of what is written: “{body}”. It prints: "
                              f"“{published.text}”. Write the note as pandoc reads citations: "
                              "[^n]: See @key, p. 4.")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _name_parts(person) -> list[str]:
    parts = [" ".join(person.first_names + person.middle_names),
             " ".join(person.prelast_names + person.last_names), " ".join(person.lineage_names)]
    return [plain(part) for part in parts if part.strip()]


def _read_as(item: dict, field: str) -> str:
    variables = [v for v, fields in PRINTED.items() if field.lower() in fields]
    values = [item.get(v) for v in variables if isinstance(item.get(v), str)]
    return f"“{values[0]}”" if values else "nothing"

