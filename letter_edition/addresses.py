r"""Which addresses the site publishes: one rule, used where an address is read and at the end.

An address the editor's files give (a work's address fields, `ADDRESS_FIELDS` below, and
`\url{…}` or `\href{…}{…}` in any field; a link in a note or a page; the edition's
repository) is published as a link a reader clicks. It is
published only if it is a web address: `http:` or `https:` with a host (and, in a page's
own text, `mailto:`), with no whitespace or control character anywhere, however it is
written (in any case, behind spaces or tabs, or as character references such as
`java&#x09;script:`, which a browser decodes before it reads the scheme). A link within
the site (`references/#key`, `#p3`) has no scheme and is published as written.

The rule is an allowlist: a scheme nobody listed (`javascript:`, `data:`, `vbscript:`,
one invented tomorrow) is refused because it is not `http:` or `https:`.

Addresses within the site are worked out here too, each once: where an address on a built
page leads (`site_file`, for the pages' pass and the net), how one page links another file
(`relative_address`), and a page's own address (`page_url`).
"""

import html
import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

WEB = frozenset({"http", "https"})
PAGE = WEB | {"mailto"}  # a page's own text may give an e-mail address
# Characters no published address holds: a browser would drop or re-read them.
FORBIDDEN = set('"<>\\^`{|}')
DOI_PREFIX = "10."

# The BibTeX fields whose value a reader or a reference manager follows as an address, and
# the rule each is held to: the one list the door (reading/bibtex_checks.py), the downloads and the net
# (published_check.py) read. `file` is where Zotero and JabRef keep a local copy: published
# only as a web address.
ADDRESS_FIELDS = {"url": "web", "urlraw": "web", "archiveurl": "web", "pdf": "web", "file": "file", "doi": "doi",
                  "eprint": "eprint"}
# LaTeX commands whose first argument pandoc makes a link, in any field.
LINK_COMMANDS = ("\\url", "\\href")


def problem(address: str, schemes: frozenset[str] = WEB, relative: bool = False) -> str | None:
    """Why `address` may not be published as a link, or None where it may.

    `relative`: a link within the site (no scheme) is allowed, as in a page's own links."""
    decoded = html.unescape(address)
    for text in dict.fromkeys([address, decoded]):
        bad = next((c for c in text if _invisible(c) or c in FORBIDDEN), None)
        if bad is not None:
            return f"it holds {_named(bad)}"
    scheme = _scheme(decoded)
    if scheme is None:
        if relative:
            return None
        return "it is not a web address (it should start with https://)"
    if scheme.lower() not in schemes:
        allowed = " and ".join(f"{s}:" for s in sorted(schemes))
        return f"its scheme '{scheme}:' is not one this site publishes (only {allowed})"
    if scheme.lower() in WEB:
        parts = urlsplit(decoded)
        if not decoded[len(scheme) + 1:].startswith("//") or not parts.hostname:
            return "it names no host (a web address reads https://host/…)"
    elif scheme.lower() == "mailto" and "@" not in decoded:
        return "it names no e-mail address"
    return None


def doi_problem(doi: str) -> str | None:
    """A DOI is `10.…/…`, or a web address (https://doi.org/10.…)."""
    if _scheme(html.unescape(doi)) is not None:
        return problem(doi)
    bad = next((c for c in doi if _invisible(c) or c in FORBIDDEN), None)
    if bad is not None:
        return f"it holds {_named(bad)}"
    if not doi.startswith(DOI_PREFIX) or "/" not in doi:
        return "it is not a DOI (10.prefix/suffix) nor a web address"
    return None


def eprint_problem(eprint: str) -> str | None:
    """An e-print is an archive's identifier (arXiv's `2101.00001`, `hep-th/9901001`) or a web address."""
    if _scheme(html.unescape(eprint)) is not None:
        return problem(eprint)
    bad = next((c for c in eprint if _invisible(c) or c in FORBIDDEN), None)
    return f"it holds {_named(bad)}" if bad is not None else None


def file_problem(file: str) -> str | None:
    """A reference manager's copy of a work (`Full Text PDF:files/12/a.pdf:application/pdf`) is
    a file on the editor's machine: published only where it is a web address."""
    if _scheme(html.unescape(file)) is None:
        return "it names a file on the editor's machine (a reference manager's copy), not a web address"
    return problem(file)


RULES = {"web": problem, "doi": doi_problem, "eprint": eprint_problem, "file": file_problem}


def field_problems(name: str, value: str) -> list[tuple[str, str]]:
    """Each address a BibTeX field gives that may not be published, with why: the field's own
    value where it is an address field, and the argument of every `\\url{…}` and `\\href{…}`."""
    found = []
    rule = ADDRESS_FIELDS.get(name.lower())
    if rule is not None:
        found.append((value.strip(), RULES[rule](value.strip())))
    found += [(address, problem(address)) for address in link_arguments(value)]
    return [(address, reason) for address, reason in found if reason]


def link_arguments(value: str) -> list[str]:
    """The addresses of `\\url{…}` and `\\href{…}{…}` in a field, which pandoc makes links."""
    found = []
    for command in LINK_COMMANDS:
        start = value.find(command + "{")
        while start >= 0:
            index, depth = start + len(command) + 1, 1
            end = index
            while end < len(value) and depth:
                depth += {"{": 1, "}": -1}.get(value[end], 0)
                end += 1
            found.append(value[index:end - 1].strip())
            start = value.find(command + "{", end)
    return found


def scheme_of(address: str) -> str | None:
    """The scheme a browser reads in an address, character references decoded and invisible
    characters dropped (`java&#x09;script:` is javascript); None for one within the site."""
    return _scheme("".join(c for c in html.unescape(address) if not _invisible(c)))


def names_host(address: str) -> bool:
    """Whether an address names a host: `//host/…`, `https://host/…` (a `data:` address that
    holds one, `data:image/svg+xml,<svg xmlns='http://…'>`, does not)."""
    text = address.strip().replace("\\", "/")
    scheme = scheme_of(text)
    return text.startswith("//") or (scheme is not None and text[len(scheme) + 1:].startswith("//"))


def _scheme(text: str) -> str | None:
    """The scheme a browser reads (letters, then letters, digits, + - .), else None."""
    head, colon, _ = text.partition(":")
    if not colon or not head or not head[0].isascii() or not head[0].isalpha():
        return None
    if all(c.isascii() and (c.isalnum() or c in "+-.") for c in head):
        return head
    return None


def _invisible(char: str) -> bool:
    """Whitespace, control and format characters, which browsers strip or skip in addresses."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _named(char: str) -> str:
    if char == " ":
        return "a space"
    if _invisible(char):
        return f"an invisible character (U+{ord(char):04X})"
    return f"the character '{char}'"


# --- Addresses within the site -------------------------------------------------------------


def site_file(root_path: str, page: str, address: str) -> str | None:
    """The file of the site an address on `page` leads to, as a path from the site's root
    ("assets/x.js"), or None for an address elsewhere; `root_path` is the site's path on its
    host ("/letter/")."""
    path = address.split("#")[0].split("?")[0]
    if not path or "://" in path or path.startswith("//") or ":" in path.split("/")[0]:
        return None
    if path.startswith("/"):
        if not path.startswith(root_path):
            return None
        joined = path[len(root_path):]
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def site_path(root: Path, root_path: str, page: str, address: str) -> Path | None:
    """Where in the built site at `root` an address on `page` leads (it may not exist), or None
    for an address elsewhere."""
    found = site_file(root_path, page, address)
    return None if found is None else root / found


def relative_address(target: str, page: str) -> str:
    """How `page` links `target`, both as paths from the site's root: files of the built site
    ("letter.pdf" from "about/"), or pages of the docs folder ("references.md" from "index.md"),
    which MkDocs turns into the site's addresses. A page ending in "/" is a folder's index."""
    folder = page if page.endswith("/") else posixpath.dirname(page)
    return posixpath.relpath(target, folder.rstrip("/") or ".")


def page_url(uri: str, use_directory_urls: bool = True) -> str:
    """A page's address relative to the site's root: `index.md` "", `about.md` "about/" (or
    "about.html" where the site does not use directory addresses)."""
    stem = uri.removesuffix(".md")
    if use_directory_urls and (stem == "index" or stem.endswith("/index")):
        return stem.removesuffix("index")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"
