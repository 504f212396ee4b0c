"""The last step of every build: what is about to be published, checked against the rules.

Whatever the editor's files held, and whatever the steps before did with it, a published
file may not:
- link or load an address outside the allowlist (addresses.py): every HTML page's
  `href`, `src`, `srcset`, `action`, `formaction`, `xlink:href`, `data-versionurl`,
  `data-originalurl` (and the other attributes that hold an address), the JSON-LD, the
  search index, the downloads' address fields, the sitemap, every link in `letter.pdf`;
- load anything from another host (a script, a stylesheet, an image, a frame);
- carry an event-handler attribute (`on…=`), or a script the theme's templates did not
  write (an inline one, or one loading a file the site does not publish as a script);
- embed a frame, an object or a plugin, redirect, or change the page's base address.

The checks read the files as they are written, each with a parser (HTML, JSON, BibTeX,
RIS, PDF), so what is checked is what a reader's browser or reference manager reads.
"""

import html as html_module
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from .addresses import PAGE, WEB, problem
from .build_cache import cached
from .errors import EditionError

# Attributes whose value is an address a browser follows or fetches.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data-versionurl", "data-originalurl",
                      "poster", "data", "cite", "background", "longdesc", "manifest", "codebase", "ping",
                      "archive", "profile", "usemap", "icon", "lowsrc", "dynsrc"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Elements that fetch what they name when the page loads.
LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
         "track": "src", "embed": "src", "object": "data", "input": "src", "image": "href"}
# <link> relations that fetch; the others (canonical, prev, next, alternate) only name a page.
FETCHING_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                  "preconnect", "dns-prefetch", "manifest", "mask-icon"}
# Elements that run or embed other documents or code, or redirect the page's links.
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "noembed"}
DATA_TYPES = {"application/json", "application/ld+json"}
# Keys of the JSON-LD and of CSL-JSON whose values are addresses.
JSON_ADDRESS_KEYS = {"url", "URL", "@id", "sameAs", "contentUrl", "embedUrl", "thumbnailUrl", "image", "logo"}
BIBTEX_ADDRESS_FIELDS = {"url", "archiveurl", "urlraw", "pdf"}
RIS_ADDRESS_TAGS = {"UR", "L1", "L2", "L3", "L4", "LK"}
# Actions in a PDF that run code or open something other than a web address.
PDF_ACTIONS = {"/URI", "/GoTo", "/Named"}


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)  # the value each problem is about

    def add(self, where: str, what: str, value: str | None = None) -> None:
        self.problems.append(f"{where}: {what}" if where else what)
        self.values.append(value)


def check_page(html: str, where: str, findings: Findings, scripts: set[str] | None, root_path: str = "/",
               page: str = "") -> None:
    """One HTML page (or fragment: `scripts` None, where no script may stand at all).

    `scripts`: the site's files a page may load as scripts (theme, site, moved inline)."""
    tree = LexborHTMLParser(html)
    for node in tree.css("*"):
        tag, attributes = node.tag, node.attributes
        for name, value in attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                findings.add(where, f"an event-handler attribute {name}=“{_short(value)}” on <{tag}>", value)
            elif lowered in ADDRESS_ATTRIBUTES and value is not None:
                _address(value, tag, name, where, findings)
            elif lowered in SRCSET_ATTRIBUTES and value:
                for candidate in value.split(","):
                    if candidate.strip():
                        _address(candidate.split()[0], tag, name, where, findings)
        if tag in NEVER:
            findings.add(where, f"a <{tag}> element (frames, objects and base addresses are not published)", f"<{tag}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            findings.add(where, "a <meta http-equiv=refresh> redirect")
        loaded = _loaded(tag, attributes)
        if loaded is not None and _is_remote(loaded):
            findings.add(where, f"<{tag}> loads “{_short(loaded)}” from another host", loaded)
        if tag == "script":
            _script(node, attributes, where, findings, scripts, root_path, page)


def _address(value: str, tag: str, name: str, where: str, findings: Findings) -> None:
    reason = problem(value, PAGE, relative=True)
    if reason:
        findings.add(where, f"<{tag} {name}=“{_short(value)}”>: {reason}", value)


def _loaded(tag: str, attributes: dict) -> str | None:
    if tag == "link":
        rel = set((attributes.get("rel") or "").lower().split())
        return attributes.get("href") if rel & FETCHING_LINKS else None
    if tag in LOADS:
        return attributes.get(LOADS[tag]) or attributes.get("xlink:href") if tag == "image" else attributes.get(LOADS[tag])
    return None


def _is_remote(address: str) -> bool:
    text = address.strip()
    return text.startswith("//") or "://" in text.split("?")[0].split("#")[0]


def _script(node, attributes, where, findings, scripts, root_path, page) -> None:
    if scripts is None:
        findings.add(where, f"a <script> element (“{_short(node.text(deep=True) or attributes.get('src') or '')}”)",
                     "<script")
        return
    if "src" in attributes:
        target = _site_file(page, attributes["src"] or "", root_path)
        if target not in scripts:
            findings.add(where, f"a script loading “{_short(attributes['src'] or '')}”, which is not one of the "
                                "site's scripts")
    elif (attributes.get("type") or "").lower() not in DATA_TYPES:
        findings.add(where, f"an inline script (“{_short(node.text(deep=True))}”)")


def _site_file(page: str, address: str, root_path: str) -> str | None:
    path = address.split("#")[0].split("?")[0]
    if not path or _is_remote(path) or ":" in path.split("/")[0]:
        return None
    if path.startswith("/"):
        return path[len(root_path):] if path.startswith(root_path) else None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if joined.startswith("..") else joined


def check_page_text(html: str, markdown: str, where: str) -> None:
    """At the door: a page's own text as rendered (its Markdown in `markdown`), checked as the
    built pages are; a problem stops the build naming the page and the line."""
    findings = Findings()
    check_page(html, "", findings, scripts=None)
    if findings.problems:
        lines = markdown.split("\n")
        found = [f"{where}{_line(lines, value)}: {what}" for what, value in zip(findings.problems, findings.values)]
        raise EditionError("A page's text holds what this site never publishes:\n  " + "\n  ".join(found)
                           + "\nOnly http:, https: and mailto: addresses and links within the site are "
                           "published, and no script: correct or remove it.")


def _line(lines: list[str], value: str | None) -> str:
    """", line N" where the value is written in the page's Markdown, else ""."""
    if value:
        # As written, as escaped, or (where the page wrote a character reference such as
        # &#x09;) its longest visible run.
        visible = max("".join(c if c.isprintable() and not c.isspace() else "\0" for c in value).split("\0"), key=len)
        for candidate in dict.fromkeys([value, html_module.escape(value, quote=False), value.strip(), visible]):
            for number, line in enumerate(lines, start=1):
                if candidate and candidate in line:
                    return f", line {number}"
    return ""


def check_json_addresses(data, where: str, findings: Findings) -> None:
    """Every address in a JSON document (JSON-LD, CSL-JSON), wherever it stands."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in JSON_ADDRESS_KEYS and isinstance(value, str):
                reason = problem(value, WEB, relative=True)
                if reason:
                    findings.add(where, f"“{key}”: “{_short(value)}”: {reason}")
            else:
                check_json_addresses(value, where, findings)
    elif isinstance(data, list):
        for value in data:
            check_json_addresses(value, where, findings)


def check_bibtex(text: str, where: str, findings: Findings) -> None:
    from pybtex.database.input.bibtex import Parser

    try:
        entries = Parser().parse_string(text).entries
    except Exception as error:  # a download that does not parse is not published either
        findings.add(where, f"not readable as BibTeX ({type(error).__name__}: {error})")
        return
    for key, entry in entries.items():
        for name, value in entry.fields.items():
            if name.lower() in BIBTEX_ADDRESS_FIELDS:
                reason = problem(value.strip())
                if reason:
                    findings.add(where, f"entry '{key}', field '{name}': “{_short(value)}”: {reason}")


def check_ris(text: str, where: str, findings: Findings) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        tag, _, value = line.partition("  - ")
        if tag in RIS_ADDRESS_TAGS:
            reason = problem(value.strip())
            if reason:
                findings.add(f"{where}, line {number}", f"{tag}: “{_short(value)}”: {reason}")


def pdf_actions(data: bytes) -> list[tuple[str, str]]:
    """Every action of a PDF's link annotations and of the document itself, as (type, value)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found = []
    root = reader.trailer["/Root"]
    for key in ("/OpenAction", "/AA"):
        if key in root:
            found.append(("document " + key, str(root[key])))
    if "/Names" in root and "/JavaScript" in root["/Names"]:
        found.append(("document /JavaScript", "script"))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is None:
                continue  # a link to a destination in the document
            action = action.get_object()
            kind = str(action.get("/S"))
            found.append((kind, str(action.get("/URI", action.get("/D", action.get("/N", ""))))))
    return found


def kept_pdf_actions(project: Path, data: bytes) -> list[tuple[str, str]]:
    """A PDF's actions, kept by the PDF's own bytes in the build cache: a kept PDF is read once."""
    return [tuple(action) for action in json.loads(cached(project, "pdf-actions", [data],
                                                          lambda: json.dumps(pdf_actions(data))))]


def check_pdf_actions(actions: list[tuple[str, str]], where: str, findings: Findings) -> None:
    for kind, value in actions:
        if kind not in PDF_ACTIONS:
            findings.add(where, f"a PDF action {kind} (“{_short(value)}”)")
        elif kind == "/URI":
            reason = problem(value, PAGE, relative=True)
            if reason:
                findings.add(where, f"a link to “{_short(value)}”: {reason}")


def check_search_index(text: str, where: str, findings: Findings) -> None:
    try:
        index = json.loads(text)
    except ValueError as error:
        findings.add(where, f"not JSON ({error})")
        return
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        reason = problem(location, PAGE, relative=True)
        if reason:
            findings.add(where, f"location “{_short(location)}”: {reason}")
        for part in ("title", "text"):
            check_page(doc.get(part) or "", f"{where}, “{doc.get('location', '')}” {part}", findings, scripts=None)


def check_site(root: Path, scripts: set[str], root_path: str = "/", pdf_links=None) -> list[str]:
    """Every problem in the built site at `root`, as "file: what"; [] where it may be published.

    `scripts`: the site's files a page may load as scripts. `pdf_links`: the actions of a PDF
    (a function of its bytes, so that a kept answer can be used)."""
    findings = Findings()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".html":
            html = path.read_text(encoding="utf-8")
            check_page(html, name, findings, scripts, root_path, page=name)
            tree = LexborHTMLParser(html)
            for block in tree.css('script[type="application/ld+json"]'):
                try:
                    check_json_addresses(json.loads(block.text(deep=True)), f"{name}, JSON-LD", findings)
                except ValueError as error:
                    findings.add(name, f"JSON-LD that is not JSON ({error})")
        elif name == "search/search_index.json":
            check_search_index(path.read_text(encoding="utf-8"), name, findings)
        elif suffix == ".json" and name.count("/") == 0:
            try:
                check_json_addresses(json.loads(path.read_text(encoding="utf-8")), name, findings)
            except ValueError as error:
                findings.add(name, f"not JSON ({error})")
        elif suffix == ".bib":
            check_bibtex(path.read_text(encoding="utf-8"), name, findings)
        elif suffix == ".ris":
            check_ris(path.read_text(encoding="utf-8"), name, findings)
        elif suffix == ".pdf":
            data = path.read_bytes()
            try:
                actions = (pdf_links or pdf_actions)(data)
            except Exception as error:
                findings.add(name, f"not readable as a PDF ({type(error).__name__}: {error})")
                continue
            check_pdf_actions(actions, name, findings)
        elif name == "sitemap.xml":
            _check_sitemap(path.read_text(encoding="utf-8"), name, findings)
    return findings.problems


def _check_sitemap(text: str, where: str, findings: Findings) -> None:
    import xml.etree.ElementTree as ElementTree

    try:
        tree = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        findings.add(where, f"not XML ({error})")
        return
    for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        reason = problem((loc.text or "").strip(), WEB, relative=True)
        if reason:
            findings.add(where, f"“{_short(loc.text or '')}”: {reason}")


def _short(value) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= 70 else text[:69] + "…"
