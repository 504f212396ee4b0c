"""The last step of every build: what is about to be published, checked against the rules.

Every file of the built site is checked by its kind, the content type a static host serves
it with (file_kinds.py); a file of a kind the net does not know is refused. Whatever the
editor's files held, and whatever the steps before did with it:

- a document a browser renders (HTML under any extension, XHTML, SVG, any XML) may not
  carry a script the theme's templates did not write (none at all in a file of the
  editor's), an event-handler attribute (`on…=`), a frame, an object, a base address or a
  redirect; in SVG no attribute may hold a script address, and no animation may set a link;
- no file may link an address outside the allowlist (addresses.py): every address
  attribute of a document, the JSON-LD and any JSON, the search index, the downloads'
  address fields (the one list, addresses.ADDRESS_FIELDS), the sitemap, every link in a PDF;
- nothing may load from another host, nor anything the pages' Content-Security-Policy
  (policy.py) would block in a reader's browser: an inline style attribute or `<style>`
  element, a `url()` or `@import` in a stylesheet, an image, a script;
- a stylesheet's `url()` and `@import` name the site's own files (or a `data:` image).

Each file is read with a parser (HTML, XML, CSS, JSON, BibTeX, RIS, PDF), so what is
checked is what a reader's browser or reference manager reads. The door (plugin.py) runs
the same checks on the editor's own files in docs/ as it reads them, naming their lines.
"""

import gzip
import html as html_module
import json
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..addresses import PAGE, WEB, field_problems, names_host, problem, scheme_of, site_file, site_path
from ..caches.build_cache import cached, code_of
from ..errors import SourceError
from ..markers import DATA_SCRIPT_TYPES
from ..text_forms import shortened
from .file_kinds import kind_of, served_type
from .policy import Policy

POLICY = Policy.parse()

# Attributes whose value is an address a browser follows or fetches.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data-versionurl", "data-originalurl",
                      "poster", "data", "cite", "background", "longdesc", "manifest", "codebase", "ping",
                      "archive", "profile", "usemap", "icon", "lowsrc", "dynsrc"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Elements that fetch what they name when the page loads: the attribute, and the policy's directive.
LOADS = {"script": ("src", "script-src"), "img": ("src", "img-src"), "image": ("href", "img-src"),
         "iframe": ("src", "frame-src"), "source": ("src", "media-src"), "audio": ("src", "media-src"),
         "video": ("src", "media-src"), "track": ("src", "media-src"), "embed": ("src", "object-src"),
         "object": ("data", "object-src"), "input": ("src", "img-src"), "feimage": ("href", "img-src"),
         "use": ("href", "img-src")}
# <link> relations that fetch, and the directive each falls under; the others (canonical,
# prev, next, alternate) only name a page.
FETCHING_LINKS = {"stylesheet": "style-src", "icon": "img-src", "shortcut": "img-src", "apple-touch-icon": "img-src",
                  "mask-icon": "img-src", "manifest": "manifest-src", "preload": "default-src",
                  "modulepreload": "script-src", "prefetch": "default-src", "preconnect": "default-src",
                  "dns-prefetch": "default-src"}
# Elements that run or embed other documents or code, or redirect the page's links.
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "noembed"}
# SVG elements that change another attribute's value as the image plays.
ANIMATIONS = {"animate", "set", "animatetransform", "animatemotion", "animatecolor"}
# Keys of the JSON-LD and of CSL-JSON whose values are addresses.
JSON_ADDRESS_KEYS = {"url", "URL", "@id", "sameAs", "contentUrl", "embedUrl", "thumbnailUrl", "image", "logo"}
RIS_ADDRESS_TAGS = {"UR", "L1", "L2", "L3", "L4", "LK"}
# The actions a PDF's links may take: open a web address, go to a place in the document.
PDF_ACTIONS = {"/URI", "/GoTo", "/Named"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SEARCH_INDEX = "search/search_index.json"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Finding:
    where: str  # the file, as messages name it
    what: str
    value: str | None = None  # the value it is about, by which its line can be found
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.where}, line {self.line}" if self.where and self.line else self.where
        return f"{where}: {self.what}" if where else self.what


@dataclass
class Findings:
    found: list[Finding] = field(default_factory=list)

    def add(self, where: str, what: str, value: str | None = None, line: int | None = None) -> None:
        self.found.append(Finding(where, what, value, line))

    @property
    def problems(self) -> list[str]:
        return [str(finding) for finding in self.found]

    def located(self, text: str, where: str) -> list[str]:
        """Each problem of a file of the editor's, named `where`, with the line of `text` on
        which its value is written where the parser gave none."""
        lines = text.split("\n")
        return [f"{where}{f', line {f.line}' if f.line else _line(lines, f.value)}: {f.what}" for f in self.found]


@dataclass(frozen=True)
class Context:
    """What the checks of one site need to know beside each file."""
    scripts: set[str] | None  # the site's files a page may load as scripts; None: no script at all
    root_path: str = "/"  # the site's path on its host
    pdf_links: object = None  # a PDF's actions, as a function of its bytes (a kept answer may be used)
    policy: Policy = POLICY
    root: Path | None = None  # the built site, where every file a page loads must be
    policy_pages: frozenset[str] = frozenset()  # the pages the theme wrote, each carrying the policy first
    project: Path | None = None  # where the build cache is: a stylesheet's answer is kept by its content


# --- Documents ----------------------------------------------------------------------------


def check_page(html: str, where: str, findings: Findings, scripts: set[str] | None, root_path: str = "/",
               page: str = "", policy: Policy = POLICY, root: Path | None = None, carries_policy: bool = False) -> None:
    """One HTML page (or fragment: `scripts` None, where no script may stand at all).

    `scripts`: the site's files a page may load as scripts (theme, site, moved inline);
    `root`: the built site, in which every file the page loads must be; `carries_policy`:
    the page is one the theme wrote, and carries the policy first in its `<head>`."""
    tree = LexborHTMLParser(html)
    in_svg = {node.mem_id for node in tree.css("svg, svg *")}

    def published(address: str) -> bool:
        target = site_path(root, root_path, page, address) if root is not None else None
        return target is None or target.is_file()

    for node in tree.css("*"):
        tag, attributes = node.tag.lower(), node.attributes
        _element(tag, attributes, where, findings, policy, svg=node.mem_id in in_svg, styled_by_policy=True,
                 published=published)
        if tag == "script":
            _script(node.text(deep=True) or "", attributes, where, findings, scripts, root_path, page)
        elif tag == "style":
            _style_element(node.text(deep=True) or "", where, findings, policy, styled_by_policy=True)
    for block in tree.css('script[type="application/ld+json"]'):
        try:
            check_json_addresses(json.loads(block.text(deep=True)), f"{where}, JSON-LD", findings)
        except ValueError as error:
            findings.add(where, f"JSON-LD that is not JSON ({error})")
    if carries_policy:
        first = tree.head.child if tree.head is not None else None
        while first is not None and first.tag in ("-text", "_text", "-comment", "_comment"):
            first = first.next
        if first is None or first.tag != "meta" or (first.attributes.get("http-equiv") or "").lower() != \
                "content-security-policy" or first.attributes.get("content") != policy.text:
            findings.add(where, "the page does not carry the site's Content-Security-Policy first in its <head> (the "
                                "template in overrides/ writes it: restore it, git checkout -- overrides)")


def _element(tag: str, attributes: dict, where: str, findings: Findings, policy: Policy, svg: bool,
             styled_by_policy: bool, line: int | None = None, published=None) -> None:
    """The rules for one element of any document; `svg`: it stands in SVG; `styled_by_policy`:
    it is in a page that carries the policy, so an inline style is blocked there."""
    lowered = {name.lower(): value for name, value in attributes.items()}
    for name, value in lowered.items():
        if name.startswith("on"):
            findings.add(where, f"an event-handler attribute {name}=“{shortened(value)}” on <{tag}>", value, line)
        elif name in ADDRESS_ATTRIBUTES and value is not None:
            if not (svg and _loads_as_policy_allows(tag, name, value, lowered, policy)):
                _address(value, tag, name, where, findings, line)
        elif name in SRCSET_ATTRIBUTES and value:
            for candidate in value.split(","):
                if candidate.strip():
                    _address(candidate.split()[0], tag, name, where, findings, line)
        elif name == "style" and value is not None:
            if styled_by_policy and not policy.allows_inline("style-src"):
                findings.add(where, f"an inline style=“{shortened(value)}” on <{tag}>, which the pages' policy "
                                    f"({_directive(policy, 'style-src')}) blocks: a reader would not see it. Give "
                                    "the element a class, and the rule to the site's stylesheet", value, line)
            else:
                check_css(value, where, findings, policy, declarations=True, first_line=line or 1)
        # (aria-* is text a screen reader speaks; attributeName names an attribute, `xlink:href`)
        if svg and value and not name.startswith("aria-") and name not in ("style", "attributename"):
            _svg_value(tag, name, value, where, findings, policy, line)
    if svg and tag in ANIMATIONS and (lowered.get("attributename") or "").lower().split(":")[-1] == "href":
        findings.add(where, f"an <{tag}> that changes a link (attributeName=“{lowered.get('attributename')}”)",
                     lowered.get("attributename"), line)
    if tag in NEVER:
        findings.add(where, f"a <{tag}> element (frames, objects and base addresses are not published)", f"<{tag}",
                     line)
    if tag == "meta" and (lowered.get("http-equiv") or "").lower() == "refresh":
        findings.add(where, "a <meta http-equiv=refresh> redirect", None, line)
    loaded = _loaded(tag, lowered)
    if loaded is not None:
        address, directive = loaded
        if names_host(address):
            findings.add(where, f"<{tag}> loads “{shortened(address)}” from another host", address, line)
        elif not policy.allows(directive, address):
            findings.add(where, f"<{tag}> loads “{shortened(address)}”, which the pages' policy "
                                f"({_directive(policy, directive)}) blocks", address, line)
        elif published is not None and not published(address):
            findings.add(where, f"<{tag}> loads “{shortened(address)}”, which the site does not publish", address,
                         line)


def _svg_value(tag: str, name: str, value: str, where: str, findings: Findings, policy: Policy, line) -> None:
    """In SVG any attribute can become an address (an animation's `values`, `to`, `from`):
    every part of a value that names a scheme must be a web address, or an image's data."""
    for part in value.split(";"):
        if scheme_of(part) is None:
            continue
        if tag in ("image", "feimage") and name in ("href", "xlink:href") and policy.allows("img-src", part) \
                and not names_host(part):
            continue
        reason = problem(part.strip(), WEB)
        if reason:
            findings.add(where, f"<{tag} {name}=“{shortened(value)}”> in SVG: {reason}", value, line)


def _loads_as_policy_allows(tag: str, name: str, value: str, attributes: dict, policy: Policy) -> bool:
    """An element that loads a `data:` address the policy allows for it (an SVG image's
    embedded picture): not a link, and no address rule's concern."""
    loaded = _loaded(tag, attributes)
    return (loaded is not None and loaded[0] == value and scheme_of(value) is not None
            and not names_host(value) and policy.allows(loaded[1], value))


def _directive(policy: Policy, directive: str) -> str:
    return f"{directive} {' '.join(policy.sources(directive))}"


def _address(value: str, tag: str, name: str, where: str, findings: Findings, line: int | None = None) -> None:
    reason = problem(value, PAGE, relative=True)
    if reason:
        findings.add(where, f"<{tag} {name}=“{shortened(value)}”>: {reason}", value, line)


def _loaded(tag: str, attributes: dict) -> tuple[str, str] | None:
    """What an element fetches as the page loads, and under which directive of the policy."""
    if tag == "link":
        rel = (attributes.get("rel") or "").lower().split()
        directive = next((FETCHING_LINKS[r] for r in rel if r in FETCHING_LINKS), None)
        address = attributes.get("href")
        return (address, directive) if directive and address else None
    if tag in LOADS:
        name, directive = LOADS[tag]
        address = (attributes.get(name) or attributes.get("xlink:href")) if name == "href" else attributes.get(name)
        if tag == "input" and (attributes.get("type") or "").lower() != "image":
            return None
        if tag == "use" and address and address.startswith("#"):
            return None  # a part of the same image
        return (address, directive) if address else None
    return None


def _script(body, attributes, where, findings, scripts, root_path, page, line=None) -> None:
    if scripts is None:
        findings.add(where, f"a <script> element (“{shortened(body or attributes.get('src') or '')}”)", "<script",
                     line)
        return
    if "src" in attributes:
        target = site_file(root_path, page, attributes["src"] or "")
        if target not in scripts:
            findings.add(where, f"a script loading “{shortened(attributes['src'] or '')}”, which is not one of the "
                                "site's scripts", attributes["src"], line)
    elif (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
        findings.add(where, f"an inline script (“{shortened(body)}”)", body, line)


def _style_element(css: str, where: str, findings: Findings, policy: Policy, styled_by_policy: bool,
                   line: int | None = None) -> None:
    if styled_by_policy and not policy.allows_inline("style-src"):
        findings.add(where, f"a <style> element (“{shortened(css)}”), which the pages' policy "
                            f"({_directive(policy, 'style-src')}) blocks: a reader would not see it. Put the rules "
                            "in the site's stylesheet", "<style", line)
    else:
        check_css(css, where, findings, policy, first_line=line or 1)


def check_xml_document(text: str, where: str, findings: Findings, policy: Policy = POLICY, svg: bool = False) -> None:
    """An XML document a browser renders (SVG, XHTML, any XML), read element by element with
    their lines: no script in it at all, and every element held to the rules for pages. SVG
    elements (in any XML) are held to SVG's rules too."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    text_of: list[list[str]] = []  # the text of each open <script> or <style>, innermost last
    open_tags: list[tuple[str, int]] = []

    def start(name, attributes):
        namespace, _, local = name.rpartition(" ")
        local, line = local.lower(), parser.CurrentLineNumber
        named = {(f"xlink:{a.split(' ')[-1]}" if a.startswith(XLINK_NAMESPACE + " ") else a.split(" ")[-1]): v
                 for a, v in attributes.items()}
        in_svg = namespace == SVG_NAMESPACE or (svg and not namespace)
        _element(local, named, where, findings, policy, svg=in_svg, styled_by_policy=False, line=line)
        open_tags.append((local, line, named))
        text_of.append([])

    def end(name):
        local, line, named = open_tags.pop()
        content = "".join(text_of.pop())
        if local == "script":
            _script(content, named, where, findings, None, "/", "", line)
        elif local == "style":
            check_css(content, where, findings, policy, first_line=line)
        elif local == "loc" and name.startswith(SITEMAP_NAMESPACE + " "):
            reason = problem(content.strip(), WEB, relative=True)
            if reason:
                findings.add(where, f"“{shortened(content)}”: {reason}", content, line)

    def data(content):
        if text_of:
            text_of[-1].append(content)

    def instruction(target, content):
        if target.lower() == "xml-stylesheet":
            address = _pseudo_attribute(content, "href")
            if address is None or names_host(address) or not policy.allows("style-src", address):
                findings.add(where, f"a stylesheet instruction <?xml-stylesheet {shortened(content)}?>, which loads "
                                    "from elsewhere or runs a transformation", content, parser.CurrentLineNumber)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.ProcessingInstructionHandler = data, instruction
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as error:
        findings.add(where, f"not well-formed XML ({xml.parsers.expat.errors.messages[error.code]}, column "
                            f"{error.offset + 1})", None, error.lineno)


def _pseudo_attribute(content: str, name: str) -> str | None:
    """A pseudo-attribute of a processing instruction (`href="a.xsl"`), read as an attribute."""
    element = LexborHTMLParser(f"<body><span {content}></span></body>").css_first("span")
    return element.attributes.get(name) if element is not None else None


# --- Stylesheets --------------------------------------------------------------------------


def check_css(css: str, where: str, findings: Findings, policy: Policy = POLICY, declarations: bool = False,
              first_line: int = 1) -> None:
    """Every address a stylesheet (or a style attribute's `declarations`) loads: `url()`,
    `@import`, an `image-set()`'s strings. Each must be one of the site's own files, or a
    scheme the policy allows for what it loads (a `data:` image); never another host."""
    import tinycss2

    if declarations:
        _css_tokens(tinycss2.parse_component_value_list(css), "img-src", where, findings, policy, first_line)
        return
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True):
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "import":
                for token in rule.prelude:
                    address = _css_address(token, strings=True)
                    if address is not None:
                        _css_load(address, "style-src", where, findings, policy, token.source_line + first_line - 1)
            elif keyword != "namespace":  # a namespace is a name, not a load
                _css_tokens(rule.prelude, "img-src", where, findings, policy, first_line)
            if rule.content is not None:
                directive = "font-src" if keyword == "font-face" else "img-src"
                _css_tokens(rule.content, directive, where, findings, policy, first_line)
        elif rule.type == "qualified-rule":
            _css_tokens(rule.prelude, "img-src", where, findings, policy, first_line)
            _css_tokens(rule.content, "img-src", where, findings, policy, first_line)


def _stylesheet_problems(css: str, context: Context) -> list[tuple[str, str | None, int | None]]:
    """A stylesheet's problems, kept in the build cache by its text (and the policy, and this
    code): the theme's stylesheets are the same at every build, and take a tenth of a second
    to parse."""
    def check() -> list:
        findings = Findings()
        check_css(css, "", findings, context.policy)
        return [(found.what, found.value, found.line) for found in findings.found]

    if context.project is None:
        return check()
    inputs = [css.encode(), context.policy.text.encode(), code_of(__file__)]
    return [tuple(problem) for problem in json.loads(cached(context.project, "stylesheet-check", inputs,
                                                            lambda: json.dumps(check())))]


def _css_tokens(tokens, directive: str, where: str, findings: Findings, policy: Policy, first_line: int,
                strings: bool = False) -> None:
    for token in tokens or []:
        address = _css_address(token, strings)
        if address is not None:
            _css_load(address, directive, where, findings, policy, token.source_line + first_line - 1)
        elif token.type == "function":
            images = token.lower_name in ("image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade")
            _css_tokens(token.arguments, directive, where, findings, policy, first_line, strings=images)
        elif token.type in ("() block", "[] block", "{} block"):
            _css_tokens(token.content, directive, where, findings, policy, first_line)


def _css_address(token, strings: bool) -> str | None:
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name in ("url", "src"):
        found = [t.value for t in token.arguments if t.type == "string"]
        return found[0] if found else ""
    if strings and token.type == "string":
        return token.value
    return None


def _css_load(address: str, directive: str, where: str, findings: Findings, policy: Policy, line: int) -> None:
    if address.strip().startswith("#"):
        return  # a part of the same document (an SVG filter)
    if names_host(address):
        findings.add(where, f"a stylesheet loads “{shortened(address)}” from another host", address, line)
    elif not policy.allows(directive, address):
        findings.add(where, f"a stylesheet loads “{shortened(address)}”, which the pages' policy "
                            f"({_directive(policy, directive)}) blocks", address, line)


# --- Data and downloads -------------------------------------------------------------------


def check_page_text(html: str, markdown: str, where: str) -> None:
    """At the door: a page's own text as rendered (its Markdown in `markdown`), checked as the
    built pages are; a problem stops the build naming the page and the line."""
    findings = Findings()
    check_page(html, "", findings, scripts=None)
    refuse_at_the_door(findings.located(markdown, where), "A page's text")


def check_editor_file(name: str, data: bytes, where: str, project: Path | None = None) -> None:
    """At the door: a file of docs/ that is published as it is (not a page), checked as the
    net will check it, with no script at all; a problem stops the build naming the line."""
    findings = Findings()
    check_file(name, data, "", findings, Context(scripts=None, project=project))
    refuse_at_the_door(findings.located(data.decode("utf-8", "replace"), where), "A file of docs/")


def refuse_at_the_door(problems: list[str], what: str) -> None:
    if problems:
        raise SourceError(f"{what} holds what this site never publishes:\n  " + "\n  ".join(problems)
                          + "\nOnly http:, https: and mailto: addresses and links within the site are published, no "
                          "script, and nothing the pages' policy would block (README, “What the build "
                          "guarantees”): correct or remove it.")


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
                    findings.add(where, f"“{key}”: “{shortened(value)}”: {reason}")
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
            for address, reason in field_problems(name, value):
                findings.add(where, f"entry '{key}', field '{name}': “{shortened(address)}”: {reason}")


def check_ris(text: str, where: str, findings: Findings) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        tag, _, value = line.partition("  - ")
        if tag in RIS_ADDRESS_TAGS:
            reason = problem(value.strip())
            if reason:
                findings.add(f"{where}, line {number}", f"{tag}: “{shortened(value)}”: {reason}")


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
            findings.add(where, f"a PDF action {kind} (“{shortened(value)}”)")
        elif kind == "/URI":
            reason = problem(value, PAGE, relative=True)
            if reason:
                findings.add(where, f"a link to “{shortened(value)}”: {reason}")


def check_pdf(project: Path, data: bytes) -> list[str]:
    """letter.pdf's problems, as the net at the end finds them (for a PDF finished after it)."""
    findings = Findings()
    check_pdf_actions(kept_pdf_actions(project, data), "letter.pdf", findings)
    return findings.problems


def check_search_index(index, where: str, findings: Findings) -> None:
    for doc in index.get("docs", []) if isinstance(index, dict) else []:
        location = doc.get("location", "")
        reason = problem(location, PAGE, relative=True)
        if reason:
            findings.add(where, f"location “{shortened(location)}”: {reason}")
        for part in ("title", "text"):
            check_page(doc.get(part) or "", f"{where}, “{doc.get('location', '')}” {part}", findings, scripts=None)


# --- Every file, by its kind ---------------------------------------------------------------


def check_file(name: str, data: bytes, where: str, findings: Findings, context: Context) -> None:
    """One file to be published, checked by the kind of its served type; `name` is its path
    in the site (or in docs/), `where` how messages name it."""
    kind = kind_of(name)
    if kind is None:
        findings.add(where, f"a file served as {served_type(name) or 'an unknown type'}, which is not a kind this "
                            "site publishes (pages, stylesheets, scripts, data and the downloads are checked; images, "
                            "fonts, audio, video and archives are published as they are). Remove it, or give it the "
                            "extension of what it is")
        return
    if kind == "inert":
        return
    if kind == "pdf":
        try:
            actions = (context.pdf_links or pdf_actions)(data)
        except Exception as error:
            findings.add(where, f"not readable as a PDF ({type(error).__name__}: {error})")
            return
        check_pdf_actions(actions, where, findings)
        return
    if data[:2] == GZIP_MAGIC:  # a host may send it compressed, and a browser reads what it holds
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            findings.add(where, f"a compressed file that does not open ({error})")
            return
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        findings.add(where, f"not UTF-8 (byte 0x{data[error.start]:02X})", None, line)
        return
    if kind == "page" and not name.lower().endswith((".xhtml", ".xht")):
        check_page(text, where, findings, context.scripts, context.root_path, page=name, policy=context.policy,
                   root=context.root, carries_policy=name in context.policy_pages)
    elif kind in ("page", "svg", "xml"):
        check_xml_document(text, where, findings, context.policy, svg=kind == "svg")
    elif kind == "stylesheet":
        for what, value, line in _stylesheet_problems(text, context):
            findings.add(where, what, value, line)
    elif kind == "json":
        try:
            data = json.loads(text)
        except ValueError as error:
            findings.add(where, f"not JSON ({error})")
            return
        if name == SEARCH_INDEX:
            check_search_index(data, where, findings)
        check_json_addresses(data, where, findings)
    elif kind == "bibtex":
        check_bibtex(text, where, findings)
    elif kind == "ris":
        check_ris(text, where, findings)
    # kind == "script": a script runs only where a page loads it, and the pages' rules say which may be


def check_site(root: Path, scripts: set[str], root_path: str = "/", pdf_links=None,
               policy_pages: frozenset[str] = frozenset(), project: Path | None = None) -> list[str]:
    """Every problem in the built site at `root`, as "file: what"; [] where it may be published.

    `scripts`: the site's files a page may load as scripts. `pdf_links`: the actions of a PDF
    (a function of its bytes, so that a kept answer can be used). `policy_pages`: the pages
    the theme wrote, which carry the policy. `project`: where the build cache is."""
    findings = Findings()
    context = Context(scripts, root_path, pdf_links, root=root, policy_pages=frozenset(policy_pages), project=project)
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            findings.add(name, "a link to another file, which a host may not serve as the site's own")
        elif path.is_file():
            check_file(name, path.read_bytes(), name, findings, context)
    return findings.problems

