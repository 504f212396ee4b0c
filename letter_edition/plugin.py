"""The one place the site meets MkDocs: each event calls the build's stages, in the order they run.

The stages, each a folder: reading/ (the editor's files, through the one reader), notes/
(pandoc and the fidelity check), page_markdown/ (the notes and marks put in each page), publishing/
(what is published beside the pages: downloads, stylesheets, scripts, search, the PDF), net/
(every file checked as it will be published), and caches/, which the stages call down into.
The stages know nothing of MkDocs; this module hands them what MkDocs knows (paths, pages,
files, the built site) and hands MkDocs what they make. Priorities appear only where the
site must run before or after another plugin.
"""

import functools
import logging
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import Abort, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, get_files

from . import bibtex_adapter, mkdocs_adapter
from .addresses import relative_address
from .config import LetterConfig, extra_problems
from .errors import EditionError, SourceError
from .markers import READINGS
# The stages, in the order they run.
from .reading.anchor_record import read_record
from .reading.imprint import Imprint, read_imprint
from .reading.manuscript import BuildSettings, read_manuscript
from .reading.page_settings import Reading, readings
from .reading.reader import read_bytes, read_text, shown
from .reading.theme_templates import Template, check_templates, extra_settings, read_templates
from .notes.typeset import Typeset, typeset_notes
from .page_markdown.editorial_marks import write_edition_sentence, write_readings_list
from .page_markdown.note_markdown import mask_literals, place_notes, unmask_literals
from .page_markdown.page_extension import PageExtension
from .page_markdown.paragraph_anchors import check_record
from .page_markdown.works_cited import entry_links, write_notes_without_address, write_works_cited
from .publishing.added_css import phone_css, print_css
from .publishing.built_site import BuiltSite
from .publishing.citation_exports import downloads, letter_tags, write_ready_citation
from .publishing.letter_pdf import letter_pdf, metadata, pdf_being_made, publish_pdf, weasyprint_init, write_pdf_links
from .publishing.own_assets import ScriptBundle, bundle_scripts, published_css
from .publishing.search_places import extend_search_index, index_entry, places_in
from .publishing.serve_preview import SCRIPT as SERVE_SCRIPT, Preview, script_text
from .publishing.social_cards import HEIGHT, WIDTH, letter_words, make_card, page_words
from .publishing.theme_css import trim_theme_css
from .publishing.theme_scripts import ForeignScript, move_inline_scripts, read_shapes
from .net.policy import CONTENT_SECURITY_POLICY
from .net.published_check import check_editor_file, check_page_text, check_pdf, check_site, kept_pdf_actions
from .caches.build_cache import kept_file, write_whole
from .caches.template_cache import keep_compiled

log = logging.getLogger("mkdocs.plugins.letter")

STYLESHEET = "stylesheets/letter.css"  # the site's own stylesheet, to which the build adds rules


class _ToMkDocs(logging.Handler):
    """The steps log under their own names; MkDocs shows (and, for --strict, counts) its own."""

    def emit(self, record):
        if log.isEnabledFor(record.levelno):
            log.handle(record)


_steps_log = logging.getLogger(__package__)
_steps_log.addHandler(_ToMkDocs())
_steps_log.setLevel(logging.DEBUG)  # MkDocs' handlers choose what is shown
_steps_log.propagate = False


def step(what: str):
    """An event of the plugin, doing `what`: an exception nobody foresaw ends the build as one
    message naming the step (its traceback shown under --verbose), never as a traceback."""
    def wrap(event):
        @functools.wraps(event)
        def run(self, *args, **kwargs):
            try:
                return event(self, *args, **kwargs)
            except (MkDocsException, Abort):
                raise
            except Exception as error:
                log.debug("The letter plugin's traceback, %s:", what, exc_info=True)
                raise PluginError(f"The letter plugin stopped while {what}: {type(error).__name__}: {error}. "
                                  "This is a fault of the build, not of your files: run `mkdocs build --verbose` "
                                  "for the traceback, and report it.") from None
        return run
    return wrap


class LetterPlugin(BasePlugin[LetterConfig]):
    def __init__(self):
        self.serving = False  # `mkdocs serve`: each build in a folder of its own, no policy in the pages
        self.preview: Preview | None = None  # what `mkdocs serve` serves
        self.extension = PageExtension()
        self._begin()

    def _begin(self) -> None:
        """What one build knows, made afresh for each (MkDocs keeps the plugin between
        `mkdocs serve` rebuilds)."""
        self.typeset: Typeset | None = None
        self.imprint: Imprint | None = None
        self.scripts: ScriptBundle | None = None
        self.weasyprint: Path | None = None  # WeasyPrint's package, found
        self.letter_page: Path | None = None  # where the letter's page is written
        self.added_css: list[str] = []  # rules the build adds to the site's stylesheet
        self.site_scripts: set[str] = set()  # the site's files a page may load as scripts
        self.search_entries: list[dict] = []
        self.about_page: str | None = None  # the page that lists the readings kept as written
        self.readings: list[Reading] = []  # every page's readings, for that list
        self.project: Path = Path()
        self.docs_name = "docs"  # the docs folder, as messages name it
        self.record: dict[str, dict[str, str]] = {}  # the anchors published so far (paragraph-anchors.yml)
        self.templates: list[Template] = []  # the theme's templates and the site's overrides
        self.own_templates: list[Template] = []  # the site's overrides alone
        self.rendered: set[str] = set()  # the pages the theme wrote, as published
        self.site_name = ""  # as mkdocs.yml writes it (text, not yet escaped for the theme)
        self.cards: dict[str, bytes] = {}  # each page's card for shared links, by where it is published

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_shutdown(self):
        if self.preview is not None:
            self.preview.remove_folders()

    # Before mkdocs-bibtex's on_config (0), which loads the bibliography this points it at.
    @event_priority(100)
    @step("reading and checking the editor's files")
    def on_config(self, config):
        self._begin()
        self.project = Path(config.config_file_path).parent
        if self.serving:  # the last good build stays served until the next one has passed the net
            if self.preview is None or self.preview.served != Path(config.site_dir):
                self.preview = Preview(Path(config.site_dir))
            config.site_dir = str(self.preview.build_folder())
        self.docs_name = shown(Path(config.docs_dir), self.project)
        mkdocs_adapter.list_visible_theme_files(config.theme)
        try:
            # 1. The theme's templates and the site's overrides, each one Jinja can compile; the
            #    settings under `extra:` are what they read.
            self.templates = read_templates(
                [(Path(folder), shown(Path(folder), self.project)) for folder in config.theme.dirs])
            custom = shown(Path(config.theme.custom_dir), self.project) + "/" if config.theme.custom_dir else None
            self.own_templates = [t for t in self.templates if custom and t.shown.startswith(custom)]
            check_templates(config.theme.get_env(), self.own_templates)
            self._check_extra(config)
            # 2. The editor's files read and checked: the manuscript.
            options = bibtex_adapter.options(config)
            manuscript = read_manuscript(BuildSettings(
                self.project, Path(config.docs_dir), options.bib_files, options.csl_file,
                uncited_allowed=self.config.uncited == "allow", site_url=config.site_url or "",
                use_directory_urls=config.use_directory_urls, reading_order=tuple(_nav_pages(config.nav))))
            # 3. What the edition says about itself; the anchors published so far; every other
            #    file of docs/ as the net will check it; the site's own scripts, as one file.
            self.imprint = read_imprint(self.project, config.site_url or "", self.config.repository)
            self.record = read_record(self.project)
            self._check_docs_files(config)
            self.scripts = bundle_scripts(Path(config.docs_dir), self.docs_name,
                                          [str(script) for script in config.extra_javascript])
            # 4. The readings kept as written, on every page, and the page that lists them.
            pages = manuscript.pages
            self.about_page = next((uri for uri, page in pages.items() if READINGS in page.body), None)
            self.readings = [r for page in pages.values() for r in readings(page.meta, page.where)]
            if self.readings and self.about_page is None:
                marked = next(page.where for page in pages.values() if readings(page.meta, page.where))
                log.warning("%s, front matter 'readings': the marks beside the readings kept as written link to the "
                            "page that lists them, and no page of %s/ holds %s. Put %s on the page of the edition's "
                            "remarks.", marked, self.docs_name, READINGS, READINGS)
            # 5. The notes stage: every note, cited work and the letter's citation formatted.
            self.typeset = typeset_notes(manuscript)
            # 6. The rules the build adds to the site's stylesheet (the print footer, the
            #    phone's header name), and WeasyPrint, found.
            self.added_css = [print_css(self.imprint, config.site_name)]
            if (self.config.short_name or "").strip():
                self.added_css.append(phone_css(self.config.short_name))
            self.weasyprint = weasyprint_init()
        except (SourceError, EditionError) as error:
            raise PluginError(str(error)) from None
        # 7. mkdocs-bibtex loads only the cited works, and leaves the pages to this plugin.
        bibtex_adapter.name_pybtex_parts()
        bibtex_adapter.load_only(config, kept_file(self.project, "cited.bib", self.typeset.cited_bibtex))
        bibtex_adapter.leave_pages_alone(config)
        # 8. The theme writes the site's name and description unescaped (autoescape is off):
        #    escaped once, as markup, they are written as text everywhere.
        self.site_name = str(config.site_name)
        for name in ("site_name", "site_description"):
            if config[name]:
                config[name] = escape(config[name])
        # 9. The Markdown extension: paragraph anchors, editorial marks, aligned cells by class.
        config.markdown_extensions.append(self.extension)
        # 10. The site's own scripts as one file, in the place of the first of them.
        if self.scripts:
            _replace_scripts(config, self.scripts)
        # 11. Under `mkdocs serve`, the script that shows a failed build's message on every page.
        if self.serving:
            config.extra_javascript.append(ExtraScriptValue(SERVE_SCRIPT))
            config.extra_javascript[-1].defer = True
        return config

    def _check_extra(self, config) -> None:
        errors, warnings = extra_problems(config.extra, extra_settings(self.templates, self.project))
        if errors:
            raise SourceError("\n".join(errors))
        for warning in warnings:
            log.warning("%s", warning)

    def _check_docs_files(self, config) -> None:
        """Every file of docs/ that is published as it is (all but the pages), read and checked
        by its kind as the net will check it, before the site folder is cleaned."""
        for key in ("extra_css", "extra_javascript"):
            for entry in map(str, config[key]):
                if urlsplit(entry).scheme or entry.startswith("//"):
                    continue  # not the site's own: the net refuses a load from another host
                where = f"{self.docs_name}/{entry}"
                read_bytes(Path(config.docs_dir) / entry, where, f"the file mkdocs.yml lists under {key}")
        for file in get_files(config):
            if file.is_documentation_page() or file.inclusion.is_excluded():
                continue
            where = f"{self.docs_name}/{file.src_uri}"
            check_editor_file(file.src_uri, read_bytes(Path(file.abs_src_path), where, "the file"), where, self.project)

    def on_serve(self, server, config, builder):
        def build_or_keep_last_good():
            try:
                builder()
            except Abort as abort:
                # MkDocs has logged the cause; the build was made in a folder of its own, so the
                # last good build is still served, now with the message on every page.
                cause = abort.__context__
                message = str(cause) if isinstance(cause, MkDocsException) and str(cause) else str(abort)
                self.preview.show_fault(message)
                log.error("Not rebuilt: the last good build is still served, with this message at the top of "
                          "every page. Fix the error above and save.")

        server.builder = build_or_keep_last_good
        self.preview.reload = lambda: mkdocs_adapter.reload_browsers(server)
        return server

    @step("adding the downloads, stylesheets and scripts")
    def on_files(self, files, config):
        typeset = self.typeset
        # 1. The downloads: the letter as BibTeX, RIS and CSL-JSON, the cited works as BibTeX.
        for name, content in downloads(typeset).items():
            files.append(File.generated(config, name, content=content))
        # 2. The site's stylesheet with the print footer and the phone's header name added,
        #    published without comments.
        stylesheet = files.get_file_from_path(STYLESHEET)
        if stylesheet is None:
            raise PluginError(f"{self.docs_name}/{STYLESHEET} is missing: the print footer and the phone's header "
                              "name are added to it.")
        for path in config.extra_css:
            if (sheet := files.get_file_from_path(str(path))) is not None:
                css = read_text(Path(sheet.abs_src_path), f"{self.docs_name}/{sheet.src_uri}", "the stylesheet")
                css += "\n" + "\n".join(self.added_css) if sheet is stylesheet else ""
                files.remove(sheet)
                files.append(File.generated(config, sheet.src_uri, content=published_css(css, self.project)))
        # 3. The site's scripts as the one file the pages load.
        if self.scripts:
            for path in self.scripts.bundled:
                if (script := files.get_file_from_path(path)) is not None:
                    files.remove(script)
            files.append(File.generated(config, self.scripts.name, content=self.scripts.text))
        # 4. Under `mkdocs serve`, the script that shows a failed build's message.
        if self.serving:
            files.append(File.generated(config, SERVE_SCRIPT, content=script_text()))
        # 5. Where the letter's page is written, for the PDF.
        if typeset.letter is not None and (page := files.get_file_from_path(typeset.letter.page_uri)):
            self.letter_page = Path(page.abs_dest_path)
        if typeset.citations.notes and typeset.references_page is None:
            log.warning("No page contains \\works_cited: the notes have no references page to link to.")
        return files

    @step("preparing the templates")
    def on_env(self, env, config, files):
        if self.config.keep_compiled_templates:
            keep_compiled(env, self.project)
        # Under `mkdocs serve` the page carries no policy: the server adds its own inline
        # script, which reloads the page on each rebuild.
        env.globals["content_security_policy"] = None if self.serving else CONTENT_SECURITY_POLICY
        self.site_scripts = {file.dest_uri for file in files if file.dest_uri.endswith(".js")}
        return env

    # Before mkdocs-bibtex's on_page_markdown (0): it must find no citation left to format.
    @event_priority(50)
    @step("putting the notes in their page")
    def on_page_markdown(self, markdown, page, config, files):
        typeset, uri = self.typeset, page.file.src_uri
        page_text = typeset.pages.get(uri)
        if page_text is None:  # a page MkDocs reads that was not in docs/ when the manuscript was read
            return markdown
        where = page_text.where

        def page_title(other: str) -> str:
            """A page as the navigation names it ("Letter"), else by its headline."""
            file = files.get_file_from_path(other)
            title = file.page.title if file is not None and file.page is not None else None
            return title or typeset.pages[other].headline or other

        # What the Markdown extension does to this page as it is rendered.
        about = relative_address(self.about_page, uri) if self.about_page else None
        self.extension.prepare(anchors=bool(page_text.meta.get("paragraph_anchors")), cite=typeset.paragraph_citation,
                               readings=readings(page_text.meta, where), about=about, where=where)
        try:
            # 1. Each note's formatted text in place of what the editor wrote, with its links to
            #    its works' references entries.
            markdown = place_notes(markdown, typeset.notes_of(uri), page_text.body_line, typeset.formatted.notes,
                                   entry_links(uri, typeset), where)
            # 2. The markers: the references entries, the notes without address, the letter's
            #    citation, the edition, the PDF, the readings.
            markdown = write_works_cited(markdown, uri, typeset, page_title)
            markdown = write_notes_without_address(markdown, uri, typeset, page_title)
            markdown = write_ready_citation(markdown, where, typeset)
            markdown = write_edition_sentence(markdown, self.imprint)
            markdown = write_pdf_links(markdown, where, typeset, page.url)
            markdown = write_readings_list(markdown, self.readings)
        except EditionError as error:
            raise PluginError(str(error)) from None
        # 3. `@` in code and `\@` hidden from mkdocs-bibtex, which looks at the page next.
        return mask_literals(markdown)

    @step("checking a page's text")
    def on_page_content(self, html, page, config, files):
        html = unmask_literals(html)
        page_text = self.typeset.pages.get(page.file.src_uri)
        where = page_text.where if page_text else f"{self.docs_name}/{page.file.src_uri}"
        try:
            if self.extension.marks.fault:
                raise self.extension.marks.fault
            # 1. The page's numbered paragraphs against the anchors published.
            check_record(self.extension.anchors.found, self.record, page.file.src_uri, where)
            # 2. Every address, script and handler in the page's text, checked where it is read.
            check_page_text(html, page.file.content_string, where)
        except EditionError as error:
            raise PluginError(str(error)) from None
        # 3. Its paragraphs, notes and references entries, each to be found by search.
        numbered = bool(page_text and page_text.meta.get("paragraph_anchors"))
        self.search_entries += [index_entry(place, page.title, page.url, numbered, self.typeset.short_name)
                                for place in places_in(html)]
        return html

    @step("writing a page's sharing and citation tags")
    def on_page_context(self, context, page, config, nav):
        if isinstance(page.meta.get("description"), str):
            # Escaped once, as markup, so that the theme's <meta name="description"> and the
            # override's `| e` both write it right.
            page.meta["description"] = escape(page.meta["description"])
        letter = self.typeset.letter
        if letter is not None and page.file.src_uri == letter.page_uri:
            tags = letter_tags(self.typeset, page.url)
            page.meta |= {"share_title": tags.share_title, "citation_tags": tags.citation_tags,
                          "json_ld": tags.json_ld}
            words = letter_words(letter, self.site_name)
        else:
            page_text = self.typeset.pages.get(page.file.src_uri)
            words = page_words(page.title or (page_text.headline if page_text else None) or page.file.src_uri,
                               self.site_name)
        # The page's card for shared links, published beside the pages.
        try:
            card = make_card(words, page.file.src_uri, f"{self.docs_name}/{page.file.src_uri}", self.project)
        except EditionError as error:
            raise PluginError(str(error)) from None
        self.cards[card.name] = card.png
        address = urljoin(config.site_url, card.name) if config.site_url else relative_address(card.name, page.url)
        page.meta["card"] = {"url": address, "width": WIDTH, "height": HEIGHT, "alt": card.alt}
        return context

    @step("writing a page")
    def on_post_page(self, output, page, config):
        # MkDocs would skip a page that comes out empty and publish the site without it.
        if not output.strip():
            page_text = self.typeset.pages.get(page.file.src_uri)
            own = ", ".join(t.shown for t in self.own_templates) or "none"
            raise PluginError(f"{page_text.where if page_text else page.file.src_uri}: the theme's templates wrote nothing "
                              f"for this page. Look at the site's own ({own}): one may be empty.")
        self.rendered.add(page.file.dest_uri)
        return output

    # After Material's search (0) has written the index this extends.
    @event_priority(-20)
    @step("finishing and checking the built site")
    def on_post_build(self, config):
        root = Path(config.site_dir)
        site = BuiltSite(root, urlsplit(config.site_url or "/").path or "/")
        pdf_copy = None  # under `mkdocs serve`: what the PDF is made from, once the pages are served
        try:
            # 1. The theme's inline scripts into files; any other inline script stops the build.
            moved = move_inline_scripts(site, read_shapes(self.templates))
            # 2. The theme's stylesheets trimmed to what the pages use, and relinked.
            trim_theme_css(site, self.project)
            # 3. Material's search index, with each paragraph, note and references entry; each
            #    page's card for shared links.
            extend_search_index(root / "search" / "search_index.json", self.search_entries)
            for name, png in self.cards.items():
                write_whole(root / name, png)
            site.write()
            # 4. letter.pdf from the letter's page as published; its pages and size in the links.
            #    Under `mkdocs serve`, where it is not kept, it is made once the pages are served.
            if self.letter_page is not None:
                pdf_metadata = metadata(self.typeset.letter, self.imprint.date)
                made = letter_pdf(self.letter_page, root, self.project, pdf_metadata, self.weasyprint,
                                  make=not self.serving)
                if made is None:
                    pdf_copy = self.preview.copy_for_the_pdf(root)
                    pdf_being_made(site)
                else:
                    publish_pdf(site, made)
                site.write()
        except ForeignScript as error:
            _refuse(root, [str(error)])
        except EditionError as error:  # the PDF could not be made: no site without it is published
            _empty(root)
            raise PluginError(f"{error}\nNothing was published: the site folder was emptied.") from None
        # 5. The net: every file of the site, as it will be published.
        # Under `mkdocs serve` the pages carry no policy (the server's reloading script is inline).
        theme_pages = self.rendered | {name for name in config.theme.static_templates if name.endswith(".html")}
        problems = check_site(root, self.site_scripts | moved, site.root_path,
                              pdf_links=lambda data: kept_pdf_actions(self.project, data),
                              policy_pages=frozenset() if self.serving else frozenset(theme_pages),
                              project=self.project)
        if problems:
            if pdf_copy is not None:
                shutil.rmtree(pdf_copy, ignore_errors=True)
            _refuse(root, problems)
        # 6. Under `mkdocs serve`, the build served in place of the last; the PDF, where it is
        #    not kept, made from a copy of it and published beside it when ready.
        #    What the background needs is bound now: the next build starts afresh.
        if self.serving:
            generation = self.preview.put_in_place()
            if pdf_copy is not None:
                page, project, weasyprint = pdf_copy / self.letter_page.relative_to(root), self.project, self.weasyprint
                self.preview.finish_later(
                    generation, pdf_copy,
                    lambda: _checked_pdf(page, pdf_copy, project, pdf_metadata, weasyprint),
                    lambda served, made: _publish_served_pdf(served, site.root_path, made))


def _checked_pdf(page: Path, root: Path, project: Path, pdf_metadata: dict, weasyprint: Path) -> tuple[bytes, int]:
    """The PDF made from a copy of the served build, checked by the net as the build checks it."""
    made = letter_pdf(page, root, project, pdf_metadata, weasyprint)
    problems = check_pdf(project, made[0])
    if problems:
        raise EditionError("letter.pdf was not published: " + "; ".join(problems))
    return made


def _publish_served_pdf(served: Path, root_path: str, made: tuple[bytes, int]) -> None:
    site = BuiltSite(served, root_path)
    publish_pdf(site, made)
    site.write()


def _nav_pages(nav) -> list[str]:
    """The pages `nav:` in mkdocs.yml lists, in its order (none where MkDocs makes the navigation)."""
    found = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += _nav_pages(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [page for page in found if page.endswith(".md")]


def _replace_scripts(config, scripts: ScriptBundle) -> None:
    """The bundle in the place of the first of its scripts, loaded as that one was (defer,
    async, type); scripts from elsewhere stay."""
    local = [script for script in config.extra_javascript if str(script) in scripts.bundled]
    first = config.extra_javascript.index(local[0])
    replacement = ExtraScriptValue(scripts.name)
    if isinstance(local[0], ExtraScriptValue):
        replacement.defer, replacement.async_, replacement.type = local[0].defer, local[0].async_, local[0].type
    rest = [script for script in config.extra_javascript if script not in local]
    config.extra_javascript = rest[:first] + [replacement] + rest[first:]


def _empty(root: Path) -> None:
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def _refuse(root: Path, problems: list[str]) -> None:
    _empty(root)
    raise PluginError("Not published: the built site holds what this site never publishes.\n  "
                      + "\n  ".join(problems) + "\nIt came from the editor's files (a page, references.bib or "
                      "mkdocs.yml); the site folder was emptied. The rules: README, “What the build guarantees”.")
