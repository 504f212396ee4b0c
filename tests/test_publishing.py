"""What every published page declares, and loads: language, name, description, nothing remote."""

import hashlib
import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import Site, mkdocs_build
from helpers import edit, errors, linked_theme_stylesheets, site_files

# Elements through which a page makes the browser fetch something.
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data"}


def test_pages_are_english_with_name_and_description(site):
    for page in site.pages():
        html = site.html(page)
        assert html.html["lang"] == "en", page
        assert "Kosovo–Serbia" in html.title.get_text(), page
        assert html.find("meta", attrs={"name": "description"})["content"].strip(), page


def test_pages_load_nothing_from_other_hosts(site):
    """No web fonts, scripts, styles or images from anywhere but the site itself."""
    for page in site.pages():
        html = site.html(page)
        urls = [el[attr] for tag, attr in LOADING.items() for el in html.find_all(tag) if el.has_attr(attr)]
        urls += [link["href"] for link in html.find_all("link", href=True)
                 if not {"canonical", "prev", "next", "alternate"} & set(link.get("rel", []))]
        remote = [url for url in urls if urlsplit(url).netloc or url.startswith("//")]
        assert remote == [], page
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


@pytest.mark.parametrize("site_url", ["https://example.org/kosovo-letter/"])
def test_canonical_links_follow_site_url(scratch, tmp_path, site_url):
    """SITE_URL sets the canonical address, so a copy hosted anywhere names itself right."""
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": site_url})
    assert result.returncode == 0, result.output
    from bs4 import BeautifulSoup

    letter = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "lxml")
    references = BeautifulSoup((result.site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert letter.find("link", rel="canonical")["href"] == site_url
    assert references.find("link", rel="canonical")["href"] == site_url + "references/"


def test_serve_watches_sources_beside_docs():
    """`mkdocs serve` rebuilds on edits to references.bib and the CSL style. Not on the plugin:
    MkDocs loads a plugin once per serve, so a rebuild would run the old code."""
    from mkdocs.config import load_config

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {str(path) for path in config.watch}
    for part in ["references.bib", "styles", "overrides"]:
        assert str(ROOT / part) in watched, part
    assert str(ROOT / "letter_edition") not in watched


def project_version() -> str:
    import tomllib

    from conftest import ROOT

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def page_margin_strings(css: str) -> dict[str, str]:
    """The strings of the @page margin boxes (@bottom-left: "…"), read with a CSS parser."""
    import tinycss2

    found = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            for box in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if box.type == "at-rule":
                    for declaration in tinycss2.parse_blocks_contents(box.content, skip_whitespace=True):
                        if declaration.type == "declaration" and declaration.lower_name == "content":
                            strings = [t.value for t in declaration.value if t.type == "string"]
                            found[box.lower_at_keyword] = "".join(strings)
    return found


def theme_stylesheet(stem: str = "main") -> Path:
    import material

    return next((Path(material.__file__).parent / "templates").glob(f"assets/stylesheets/{stem}.*.min.css"))


def test_theme_css_keeps_only_what_the_pages_can_use(site):
    """The theme's stylesheet loses rules for features the site does not use, and keeps the rest,
    including those for classes its scripts add (tooltips, search results)."""
    [built] = linked_theme_stylesheets(site)
    kept = (site.root / built).read_text(encoding="utf-8")
    assert len(kept) < 0.75 * len(theme_stylesheet().read_text(encoding="utf-8"))
    for used in [".md-tooltip2--bottom", ".md-search-result__meta", ".md-typeset .footnote", ".md-nav__link",
                 "@media print", "@page"]:
        assert used in kept, used
    for unused in [".tabbed-set", ".admonition-title", ".task-list-control", ".highlighttable"]:
        assert unused not in kept, unused


def test_palette_css_keeps_only_the_site_colours(site):
    """Of the theme's palette stylesheet, the dark scheme and the indigo the site uses stay;
    the other seventeen colours go."""
    [built] = linked_theme_stylesheets(site, "palette")
    kept = (site.root / built).read_text(encoding="utf-8")
    assert len(kept) < 0.5 * len(theme_stylesheet("palette").read_text(encoding="utf-8"))
    for used in ["[data-md-color-scheme=slate]", "[data-md-color-primary=indigo]", "[data-md-color-accent=indigo]"]:
        assert used in kept, used
    for unused in ["[data-md-color-primary=red]", "[data-md-color-accent=pink]", "[data-md-color-primary=white]"]:
        assert unused not in kept, unused


def test_a_class_a_script_only_looks_for_keeps_no_rule(site):
    """The theme's script names `.highlight` (code blocks) only to find one; the site has none,
    so the rules for it go. Classes its script adds (tooltips, the header title) stay."""
    [built] = linked_theme_stylesheets(site)
    kept = selector_classes((site.root / built).read_text(encoding="utf-8"))
    assert "highlight" not in kept and "tabbed-labels" not in kept
    assert "md-header__title--active" in kept and "md-tooltip2--active" in kept


def selector_classes(css: str) -> set[str]:
    """The class names the stylesheet's selectors name, read with a CSS parser."""
    import tinycss2

    def rules(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                yield node
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
                yield from rules(tinycss2.parse_rule_list(node.content))

    def classes(tokens):
        for dot, name in zip(tokens, tokens[1:]):
            if dot.type == "literal" and dot.value == "." and name.type == "ident":
                yield name.value
        for token in tokens:
            if token.type == "function":
                yield from classes(token.arguments)

    return {name for rule in rules(tinycss2.parse_stylesheet(css, skip_comments=True)) for name in classes(rule.prelude)}


def test_every_custom_property_kept_is_used(site):
    """A custom property stays in the theme's stylesheets only when a kept rule, the site's own
    stylesheet or a script refers to it; the icons of unused features (data addresses) go."""
    import re

    [main], [palette] = linked_theme_stylesheets(site), linked_theme_stylesheets(site, "palette")
    theme = [(site.root / path).read_text(encoding="utf-8") for path in (main, palette)]
    own = (site.root / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    scripts = "".join(path.read_text(encoding="utf-8") for path in site.root.rglob("*.js"))
    defined = set(re.findall(r"(?<![\w-])(--[\w-]+):", "".join(theme)))
    referred = set(re.findall(r"var\((--[\w-]+)", "".join(theme) + own)) | set(re.findall(r"--[\w-]+", scripts))
    assert defined and defined <= referred, sorted(defined - referred)
    for unused in ["--md-tasklist-icon", "--md-admonition-icon--tip", "--md-typeset-table-sort-icon"]:
        assert unused not in defined, unused


@pytest.mark.parametrize("stem", ["main", "palette"])
def test_trimmed_theme_css_is_named_by_its_content(site, stem):
    """Every page links one stylesheet whose name is its own content's hash, never the theme's
    name, so no cache can serve the full or an earlier trimmed copy in its place."""
    [built] = linked_theme_stylesheets(site, stem)
    digest = hashlib.sha256((site.root / built).read_bytes()).hexdigest()[:8]
    assert posixpath.basename(built) == f"{stem}.{digest}.min.css"
    assert not (site.root / "assets" / "stylesheets" / theme_stylesheet(stem).name).exists()
    for page in site.pages():
        assert theme_stylesheet(stem).name not in (site.root / page).read_text(encoding="utf-8"), page


def test_a_changed_stylesheet_gets_a_new_name(scratch, tmp_path, site):
    """A page that uses one more of the theme's classes keeps more rules: a new file, a new name."""
    about = scratch / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n!!! note\n    An admonition.\n", encoding="utf-8")
    (scratch / "mkdocs.yml").write_text(
        (scratch / "mkdocs.yml").read_text(encoding="utf-8").replace("  - attr_list ", "  - admonition\n  - attr_list "),
        encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    from conftest import Site

    [before], [after] = linked_theme_stylesheets(site), linked_theme_stylesheets(Site(result.site))
    assert before != after
    assert ".admonition-title" in (result.site / after).read_text(encoding="utf-8")


def test_every_page_runs_only_scripts_from_files(site):
    """Under `script-src 'self'` a browser runs no inline script: every script element has a
    `src` on the site, or is a data block (JSON, JSON-LD)."""
    for page in site.pages():
        for script in site.html(page).find_all("script"):
            if script.get("type") in ("application/json", "application/ld+json"):
                continue
            assert script.has_attr("src") and not script.get_text().strip(), (page, str(script)[:80])
            assert not urlsplit(script["src"]).netloc, page
        assert not site.html(page).find(style=True), f"{page}: an inline style attribute"
        assert not site.html(page).find("style"), f"{page}: a <style> element"


def edition_paragraph(site_root: Path):
    from bs4 import BeautifulSoup

    about = BeautifulSoup((site_root / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    return about.find(id="this-edition").find_next_sibling("p")


def test_about_page_gives_the_version_and_date_from_pyproject(site):
    import tomllib

    from conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    date = project["tool"]["edition"]["date"]
    text = edition_paragraph(site.root).get_text()
    assert f"version {project['project']['version']}" in text
    assert f"{date:%B} {date.day}, {date.year}" in text
    assert "published at" not in text, "no address is invented when SITE_URL is not set"
    assert "Corrections to the transcription since the first edition: none." in site.article("about/index.html").get_text()


def test_about_page_and_print_footer_name_the_addresses_when_known(scratch, tmp_path):
    """The publish workflow sets both; an address with `_` is given exactly."""
    site_url, repository = "https://example.org/kosovo_serbia_letter/", "https://github.com/example/kosovo_serbia_letter"
    result = mkdocs_build(scratch, tmp_path / "site", env={"SITE_URL": site_url, "EDITION_REPOSITORY": repository})
    assert result.returncode == 0, result.output
    links = [a["href"] for a in edition_paragraph(result.site).find_all("a")]
    assert links == [site_url, repository]
    css = (result.site / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    assert page_margin_strings(css)["bottom-left"] == f"{site_url} · edition 1.1.0".replace("1.1.0", project_version())


def test_a_version_bump_reaches_the_about_page(scratch, tmp_path):
    pyproject = scratch / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('version = "', 'version = "9.', 1), encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "version 9." in edition_paragraph(result.site).get_text()


# --- The site's own stylesheet and scripts, as published ---------------------------------

MINIFIED = [
    ("comments out, whitespace one space", "/* why */\n.a  .b {\n  color: red;\n}\n", ".a .b{color: red;}"),
    ("a space before a pseudo-class is a combinator", ".a :hover { x: y }", ".a :hover{x: y}"),
    ("strings untouched", '.a::after { content: "a ,  b /* c */ ;" }', '.a::after{content: "a ,  b /* c */ ;"}'),
    ("calc keeps its spaces", ".a { width: calc(1px + 2px) }", ".a{width: calc(1px + 2px)}"),
    ("selector lists", ".a ,\n.b > .c { x: y }", ".a,.b > .c{x: y}"),
    ("media queries", "@media (min-width: 10em) and (max-width: 20em) {\n  .a { b: c }\n}",
     "@media (min-width: 10em) and (max-width: 20em){.a{b: c}}"),
    ("margin boxes", '@page {\n  @bottom-left { content: "x · y"; }\n}', '@page{@bottom-left {content: "x · y";}}'),
    ("!important", ".a { color: red !important ; }", ".a{color: red !important;}"),
    ("url and escapes", '.a { background: url(a_b.svg); content: "\\"" }', '.a{background: url(a_b.svg);content: "\\""}'),
]


@pytest.mark.parametrize("css, expected", [case[1:] for case in MINIFIED], ids=[case[0] for case in MINIFIED])
def test_own_stylesheet_is_published_without_comments_or_spare_whitespace(css, expected):
    from letter_edition.publishing.own_assets import minify_css

    assert minify_css(css) == expected


def css_shape(css: str) -> list:
    """The stylesheet's tokens, whitespace and comments aside: what minifying must keep."""
    import tinycss2

    def tokens(nodes):
        out = []
        for node in nodes:
            if node.type in ("whitespace", "comment"):
                continue
            if node.type == "qualified-rule":
                out.append(("rule", tokens(node.prelude), tokens(node.content)))
            elif node.type == "at-rule":
                out.append(("@" + node.lower_at_keyword, tokens(node.prelude), tokens(node.content or [])))
            elif node.type in ("() block", "[] block", "{} block"):
                out.append((node.type, tokens(node.content)))
            elif node.type == "function":
                out.append((node.lower_name, tokens(node.arguments)))
            else:
                out.append(node.serialize())
        return out

    return tokens(tinycss2.parse_stylesheet(css))


def test_published_stylesheet_has_every_rule_of_the_source(site):
    """letter.css as published is the editors' file (and, added by the build, the print footer
    and the phone's header name) less comments."""
    from conftest import ROOT

    published = (site.root / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    source = (ROOT / "docs" / "stylesheets" / "letter.css").read_text(encoding="utf-8")
    assert "/*" not in published
    assert css_shape(published)[:len(css_shape(source))] == css_shape(source)
    assert [rule[0] for rule in css_shape(published)[len(css_shape(source)):]] == ["@page", "@media"]
    assert len(published) < 0.8 * len(source)


def own_script_sources() -> list[Path]:
    from mkdocs.config import load_config

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return [Path(config.docs_dir) / str(script) for script in config.extra_javascript]


def test_pages_load_the_site_scripts_as_one_file_named_by_content(site):
    """Every page loads one script of the site's own, in which each file of `extra_javascript`
    stands, whole and in the listed order; the separate files are not published."""
    sources = own_script_sources()
    assert len(sources) >= 2 and all(path.is_file() for path in sources)
    for page in site.pages():
        own = [script["src"] for script in site.html(page).find_all("script", src=True)
               if "javascripts/" in script["src"] and "assets/" not in script["src"]]
        assert len(own) == 1, (page, own)
        name = posixpath.basename(own[0])
        bundle = (site.root / "javascripts" / name).read_text(encoding="utf-8")
        assert name == f"letter.{hashlib.sha256(bundle.encode()).hexdigest()[:8]}.js"
        positions = [bundle.index(path.read_text(encoding="utf-8").strip()) for path in sources]
        assert positions == sorted(positions), page
    for path in sources:
        assert not (site.root / "javascripts" / path.name).exists(), path.name


def test_bundled_scripts_keep_a_scope_each(page):
    """Two files that each declare `const x` run one after the other, as separate files do."""
    from letter_edition.publishing.own_assets import bundle

    page.set_content("<script>window.seen = []</script>")
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.add_script_tag(content=bundle([("a.js", "const x = 1\nwindow.seen.push(x)"),
                                        ("b.js", "const x = 2; window.seen.push(x)  // a comment at the end")]))
    assert page.evaluate("window.seen") == [1, 2] and errors == []


def test_editing_a_note_does_not_trim_the_theme_stylesheets_again(scratch, tmp_path):
    """The trimmed stylesheets depend on the classes, the attribute values theme selectors
    compare and the scripts, not on a note's words: after a title edit in references.bib the
    build reads the kept result (no new cache entry), so `mkdocs serve` stays quick."""
    def entries():
        return sorted(path.name for path in (scratch / ".cache" / "letter").glob("theme-css-*"))

    assert mkdocs_build(scratch, tmp_path / "one").returncode == 0
    kept = entries()
    bib = scratch / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Attacked In Volatile North", "Attacked In The North"),
                   encoding="utf-8")
    edited = mkdocs_build(scratch, tmp_path / "two")
    assert edited.returncode == 0, edited.output
    assert "Attacked In The North" in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert len(kept) == 1 and entries() == kept


# --- Compiled templates (letter_edition/caches/template_cache.py) ----------------------------------

THEME_TEMPLATES = {"main.html", "base.html", "404.html", "sitemap.xml", "partials/header.html"}


def compiled_in_build(project: Path, site: Path) -> set[str]:
    """The templates Jinja compiles from their source in a build of the project."""
    import jinja2

    compiled, parse = [], jinja2.Environment._parse

    def counted(self, source, name, filename):
        compiled.append(name)
        return parse(self, source, name, filename)

    jinja2.Environment._parse = counted
    try:
        result = mkdocs_build(project, site)
    finally:
        jinja2.Environment._parse = parse
    assert result.returncode == 0, result.output
    return set(compiled)


def template_folders(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "letter").glob("templates-*"))


def test_a_repeat_build_compiles_no_theme_template(scratch, tmp_path):
    """The first build compiles the theme's templates; the next reads them compiled."""
    shutil.rmtree(scratch / ".cache")  # a first build
    assert THEME_TEMPLATES <= compiled_in_build(scratch, tmp_path / "one")
    assert THEME_TEMPLATES & compiled_in_build(scratch, tmp_path / "two") == set()
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_an_edited_override_is_compiled_again(scratch, tmp_path):
    """An edit in overrides/ shows in the next build, though the template was kept compiled."""
    assert mkdocs_build(scratch, tmp_path / "one").returncode == 0
    main = scratch / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block content %}", '{% block content %}<p id="edited-override">Edited.</p>', 1), encoding="utf-8")
    assert "main.html" in compiled_in_build(scratch, tmp_path / "two")
    assert Site(tmp_path / "two").html("index.html").find(id="edited-override") is not None


@pytest.mark.parametrize("damage", ["empty", "cut short", "other bytes", "a folder in its place"])
def test_a_damaged_template_cache_costs_only_time(scratch, tmp_path, damage):
    """Whatever is left in the cache's place, the build is the same as one with no cache."""
    fresh = mkdocs_build(scratch, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.output
    (folder,) = template_folders(scratch)
    for entry in folder.iterdir():
        if damage == "empty":
            entry.write_bytes(b"")
        elif damage == "cut short":
            entry.write_bytes(entry.read_bytes()[:40])
        elif damage == "other bytes":
            entry.write_bytes(b"j2" + bytes(range(256)) * 4)
    if damage == "a folder in its place":  # the cache's folder is a file: nothing can be kept
        shutil.rmtree(folder)
        folder.write_text("not a folder", encoding="utf-8")
    again = mkdocs_build(scratch, tmp_path / "again")
    assert again.returncode == 0, again.output
    assert site_files(tmp_path / "again") == site_files(tmp_path / "fresh")


def test_the_about_page_says_where_a_copy_of_the_letter_can_be_read(site):
    """A published copy (Illyria, New York, October 4, 2021) is named with its address, and
    said to be a copy of the text, not the original PDF."""
    about = site.article("about/index.html")
    address = "https://www.illyria.com/the-united-states-has-always-and-must-continue-to-stand-with-our-ally-kosova/"
    [link] = [a for a in about.find_all("a") if a["href"] == address]
    paragraph = " ".join(link.find_parent("p").get_text().split())
    assert "Illyria" in paragraph and "October 4, 2021" in paragraph
    assert "not the original PDF" in paragraph
    assert "Where that PDF was first published, and by whom, is not known" in " ".join(about.get_text().split())
