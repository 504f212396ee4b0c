"""Each place the site touches mkdocs-bibtex (letter_edition/bibtex_adapter.py), tested by name: a new
mkdocs-bibtex that changes one of them fails here, not on a published page."""

import os

import pytest
from mkdocs.config import load_config
from mkdocs_bibtex.config import BibTexConfig
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import SimpleRegistry

from letter_edition import bibtex_adapter
from conftest import ROOT

CITED = {"rferl2021kosovo", "insiderpaper2021serbian", "halili2021russian", "eeas2021dialogue"}


def configured(project=ROOT):
    """mkdocs.yml loaded and its `config` event run, as a build starts."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_contact_1_options_the_plugin_is_configured_with():
    """`options()` reads bib_file, bib_dir and csl_file, which the plugin still declares."""
    for name in ["bib_file", "bib_dir", "csl_file", "enable_inline_citations"]:
        assert name in dict(BibTexConfig._schema), name
    assert isinstance(configured().plugins["bibtex"], BibTexPlugin)


def test_contact_2_the_plugin_loads_only_the_cited_works(scratch):
    """`load_only()` points bib_file at the cited works before the plugin's own `on_config`
    parses it: with a library of uncited entries beside them, the plugin holds four."""
    bib = scratch / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "".join(
        f"@misc{{lib{i}, title = {{{{Library {i}}}}}}}\n" for i in range(50)), encoding="utf-8")
    yml = scratch / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("uncited: warn", "uncited: allow"), encoding="utf-8")
    config = configured(scratch)
    plugin = config.plugins["bibtex"]
    assert set(plugin.registry.bib_data.entries) == CITED
    assert plugin.config.csl_file is None and isinstance(plugin.registry, SimpleRegistry)


def test_contact_3_the_plugin_leaves_the_pages_alone():
    """`leave_pages_alone()` turns off the inline pass; the bracket pass finds nothing in a page
    as the letter plugin hands it over (notes formatted, code masked)."""
    config = configured()
    plugin = config.plugins["bibtex"]
    assert plugin.config.enable_inline_citations is False
    formatted = config.plugins["letter"].typeset.formatted.notes["@halili2021russian"]
    markdown = f"Text.[^4]\n\n[^4]: {formatted}\n\nCode: `[\ue010halili2021russian]`\n"
    assert plugin.on_page_markdown(markdown, None, config, None) == markdown


def test_contact_4_pybtex_searches_no_entry_points(monkeypatch):
    """`name_pybtex_parts()` names every part the plugin's registry asks pybtex for, so pybtex
    never searches the installed packages' entry points while the plugin loads the works."""
    import pybtex.plugin

    searches = []
    search = pybtex.plugin.entry_points

    def counted(**selection):
        searches.append(selection)
        return search(**selection)

    monkeypatch.setattr(pybtex.plugin, "_RUNTIME_PLUGINS", {})
    monkeypatch.setattr(pybtex.plugin, "entry_points", counted)
    plugin = configured().plugins["bibtex"]
    assert set(plugin.registry.bib_data.entries) == CITED
    assert searches == []


@pytest.mark.parametrize("part", sorted(bibtex_adapter.PYBTEX_PARTS))
def test_contact_4_the_parts_named_are_pybtex_own(part):
    """Each part handed to pybtex is the class pybtex's own entry points name for it."""
    from importlib.metadata import entry_points

    group, name = part
    (entry_point,) = entry_points(group=group, name=name)
    assert entry_point.value == bibtex_adapter.PYBTEX_PARTS[part]
    assert pybtex_part(group, name) is entry_point.load()


def pybtex_part(group, name):
    from pybtex.plugin import _RUNTIME_PLUGINS

    bibtex_adapter.name_pybtex_parts()
    return _RUNTIME_PLUGINS[group][name]


@pytest.mark.parametrize("option", ["csl_file"])
def test_a_missing_option_is_one_message(scratch, tmp_path, option):
    """Without csl_file the build stops with one message that says what to add."""
    from conftest import mkdocs_build

    yml = scratch / "mkdocs.yml"
    yml.write_text("\n".join(line for line in yml.read_text(encoding="utf-8").splitlines()
                             if not line.strip().startswith(option)), encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "the bibtex plugin has no csl_file" in result.output


def test_bib_dir_is_supported(scratch, tmp_path):
    """The plugin's `bib_dir` (every .bib in a folder) works in place of bib_file."""
    from conftest import mkdocs_build

    (scratch / "bib").mkdir()
    (scratch / "references.bib").rename(scratch / "bib" / "references.bib")
    yml = scratch / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("bib_file: references.bib", "bib_dir: bib")
                   .replace("  - references.bib\n", "  - bib\n"), encoding="utf-8")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Eduart Halili" in (result.site / "index.html").read_text(encoding="utf-8")
