"""Every place this site touches mkdocs-bibtex (4.4, archived: no fixes upstream), and why.

mkdocs-bibtex stays the citation plugin of mkdocs.yml: its options name the bibliography
(`bib_file`, or `bib_dir` for a folder of .bib files) and the note style (`csl_file`).
The notes themselves are resolved by pandoc_notes.py from one pandoc run, because the
plugin's own replacement cannot be made right from outside: it replaces `@key` strings in
set order (a key that starts another key can take its place, depending on PYTHONHASHSEED),
reads keys as `[\\w:-]+` (no `.`), puts a whole entry where a locator belongs, and hands
pandoc a copy of the bibliography that pybtex re-escaped (`\\_` in every web address).

The contacts, each tested by name in tests/test_bibtex_adapter.py:

1. `options()` reads the plugin's config: `bib_file`, `bib_dir`, `csl_file`.
2. `load_only()` points `bib_file` at a file of the cited works, so that the plugin's own
   loading (pybtex, in its `on_config`) parses four entries, not a whole library; and
   clears `csl_file` once read, so that the plugin builds its simple registry, which starts
   no pandoc (its pandoc registry asks pandoc its version on every build).
3. `leave_pages_alone()` turns off its inline-reference pass (`enable_inline_citations`);
   its bracket pass (`[@key]`) finds nothing, since no page reaches it with a citation
   (note_markdown.py has replaced them, and code is masked until the plugin has run).
4. `name_pybtex_parts()` hands pybtex (0.26), before the plugin's `on_config`, the four
   parts its simple registry asks for by name (the .bib parser; the name, label and sorting
   styles). Otherwise pybtex finds each among every installed package's entry points: 4 to
   6 ms a look-up on the development machine, about 20 ms a build. pybtex's `register_plugin`
   searches the entry points itself, so the adapter fills pybtex's table of runtime plugins,
   with the very classes pybtex's own entry points name (the test compares them); with
   another pybtex, where that table is gone, pybtex searches as before.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

PLUGIN = "bibtex"
# (group, name) as pybtex looks the part up -> the class its entry points name for it.
PYBTEX_PARTS = {
    ("pybtex.database.input.suffixes", ".bib"): "pybtex.database.input.bibtex:Parser",
    ("pybtex.style.names", "plain"): "pybtex.style.names.plain:NameStyle",
    ("pybtex.style.labels", "number"): "pybtex.style.labels.number:LabelStyle",
    ("pybtex.style.sorting", "author_year_title"): "pybtex.style.sorting.author_year_title:SortingStyle",
}


@dataclass(frozen=True)
class Options:
    bib_files: list[Path]
    csl_file: Path


def _plugin(config):
    try:
        return config.plugins[PLUGIN]
    except KeyError:
        raise PluginError("mkdocs.yml: the notes need the bibtex plugin (plugins: - bibtex: …).") from None


def options(config) -> Options:
    """The bibliography files and the note style, as mkdocs.yml names them for the plugin."""
    plugin_config = _plugin(config).config
    root = Path(config.config_file_path).parent
    if not plugin_config.csl_file:
        raise PluginError(
            "mkdocs.yml: the bibtex plugin has no csl_file. The notes' form comes from the style: "
            "add `csl_file: styles/letter-notes.csl` under `- bibtex:`."
        )
    if plugin_config.bib_file:
        bib_files = [root / plugin_config.bib_file]
    elif plugin_config.bib_dir:
        bib_files = sorted((root / plugin_config.bib_dir).rglob("*.bib"))
    else:
        raise PluginError("mkdocs.yml: the bibtex plugin needs `bib_file: references.bib` (or `bib_dir`).")
    return Options(bib_files, root / plugin_config.csl_file)


def load_only(config, path: Path) -> None:
    """The plugin loads this file (the cited works) instead of the editor's whole bibliography,
    into its simple registry: it formats nothing here, so it need not start pandoc to ask its
    version, nor read the style (pandoc_notes.py has pandoc read it)."""
    plugin_config = _plugin(config).config
    plugin_config.bib_file = str(path)
    plugin_config.bib_dir = None
    plugin_config.csl_file = None


def leave_pages_alone(config) -> None:
    _plugin(config).config.enable_inline_citations = False


def name_pybtex_parts() -> None:
    """pybtex finds the parts the plugin's registry uses without searching every package."""
    import pybtex.plugin

    runtime = getattr(pybtex.plugin, "_RUNTIME_PLUGINS", None)
    if not isinstance(runtime, dict):
        return
    for (group, name), target in PYBTEX_PARTS.items():
        module, attribute = target.split(":")
        runtime.setdefault(group, {}).setdefault(name, getattr(importlib.import_module(module), attribute))
