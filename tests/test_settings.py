"""The site's settings have a schema: a wrong type is one message, an unknown key fails the
strict build, and no value of any setting ends in a traceback."""

import datetime
from pathlib import Path

import pytest

from letter_edition.config import LetterConfig, extra_problems
from letter_edition.reading.page_settings import PageSettingError, check_front_matter
from helpers import edit, errors, failed_build
OPTIONS = [
    ({"short_name": "Kosovo–Serbia letter"}, None, None),
    ({"short_name": 123}, "Expected type: <class 'str'> but received: <class 'int'>", None),
    ({"repository": ["a"]}, "Expected type: <class 'str'>", None),
    ({"uncited": "sometimes"}, "Expected one of: ('warn', 'allow') but received: 'sometimes'", None),
    ({"uncited": None}, None, None),
    ({"shortname": "Letter"}, None, "Unrecognised configuration name: shortname"),
    ({"keep_compiled_templates": "yes"}, "Expected type: <class 'bool'>", None),
]


@pytest.mark.parametrize("options, error, warning", OPTIONS, ids=[repr(o[0])[:40] for o in OPTIONS])
def test_the_plugins_options(options, error, warning):
    config = LetterConfig()
    config.load_dict(options)
    failed, warned = config.validate()
    assert (error is None) == (failed == []) and (error is None or error in str(failed[0][1])), failed
    assert (warning is None) == (warned == []) and (warning is None or warning in str(warned[0][1])), warned


# (extra: as written in mkdocs.yml, an error, a warning)
EXTRA = [
    ({}, None, None),
    ({"short_name": "Letter"}, "extra: short_name: this setting has moved to the letter plugin's options: write "
                               "`short_name: …`", None),
    ({"edition": {"repository": "x"}}, "write `repository: …` under `plugins: - letter:`", None),
    ({"references": {"uncited": "allow"}}, "write `uncited: …`", None),
    # Read by a theme template that loads a script from another host.
    ({"analytics": {"provider": "google", "property": "G-X"}}, "extra: analytics: with it, the theme's templates "
                                                               "would have every page run a script from another host",
     None),
    # Read by the theme's templates, each for what it does there.
    ({"generator": False}, None, None),
    ({"scope": "/"}, None, None),
    ({"social": [{"icon": "fontawesome/brands/github", "link": "https://example.org/"}]}, None, None),
    ({"homepage": "https://example.org/"}, None, None),
    ({"consent": {"title": "Cookies"}}, None, None),
    ({"version": {"provider": "mike"}}, None, None),
    # Read by nothing.
    ({"shortname": "Letter"}, None, "extra: shortname: nothing on this site reads it"),
    ({"analytic": {"provider": "google"}}, None, "extra: analytic: nothing on this site reads it"),
]


@pytest.fixture(scope="module")
def read_by_templates(tmp_path_factory) -> dict[str, bool]:
    """What the theme's templates and the site's overrides read under `extra:`, read from them."""
    import material

    from conftest import ROOT
    from letter_edition.reading.theme_templates import extra_settings, read_templates

    templates = read_templates([(ROOT / "overrides", "overrides"),
                                (Path(material.__file__).parent / "templates", "material/templates")])
    return extra_settings(templates, tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("extra, error, warning", EXTRA, ids=[repr(e[0])[:40] for e in EXTRA])
def test_the_settings_under_extra(extra, error, warning, read_by_templates):
    errors_, warnings = extra_problems(extra, read_by_templates)
    assert (error is None) == (errors_ == []) and (error is None or error in errors_[0]), errors_
    assert (warning is None) == (warnings == []) and (warning is None or warning in warnings[0]), warnings


def test_a_key_an_override_reads_is_read(tmp_path):
    """`extra:` keys are found in the templates themselves: one the site's own template reads builds."""
    from letter_edition.reading.theme_templates import Template, extra_settings

    found = extra_settings([Template("main.html", "overrides/main.html", "{{ config.extra.press_contact | e }}"),
                            Template("x.html", "overrides/x.html", '{{ config.extra["tagline"] }}'),
                            Template("y.html", "overrides/y.html",
                                     '{% if extra.beacon %}<script src="https://b.example.org/x.js"></script>{% endif %}')],
                           tmp_path)
    assert found == {"press_contact": False, "tagline": False, "beacon": True}


# (front matter, what the build says: an error, a warning, or nothing)
FRONT_MATTER = [
    ({"description": "x", "paragraph_anchors": True}, None, None),
    ({"readings": "oops"}, "docs/x.md, front matter 'readings' (readings kept as written, marked beside the text): "
                           "expected a list, got 'oops'.", None),
    ({"readings": [{"text": "Kosova", "at": "headline"}]}, "each needs text, at and remark", None),
    ({"readings": [{"text": "Kosova", "at": "headline", "remark": "x", "extra": 1}]}, "unknown key 'extra'", None),
    ({"readings": [None]}, "each needs text, at and remark", None),
    ({"paragraph_anchors": "yes"}, "front matter 'paragraph_anchors'", None),
    ({"paragraph_anchor": True}, None, "docs/x.md, front matter: unknown key 'paragraph_anchor'. Did you mean "
                                       "'paragraph_anchors'?"),
    ({"descripton": "x"}, None, "Did you mean 'description'?"),
    ({"description": 5}, "front matter 'description'", None),
    ({"title": "</title><script>alert(8)</script>"}, "front matter 'title'", None),
    ({"letter": "x"}, "front matter 'letter'", None),
    ({"template": "redirect.html"}, None, "unknown key 'template'"),
    ({"author": "x"}, None, "unknown key 'author'"),
    ({1: "x"}, None, "unknown key '1'"),
]


@pytest.mark.parametrize("meta, error, warning", FRONT_MATTER, ids=[repr(m[0])[:40] for m in FRONT_MATTER])
def test_the_front_matter(meta, error, warning):
    if error:
        with pytest.raises(PageSettingError) as raised:
            check_front_matter(meta, "docs/x.md")
        assert error in str(raised.value)
    else:
        warnings = check_front_matter(meta, "docs/x.md")
        assert (warning is None and warnings == []) or (warning and warning in warnings[0]), warnings


LETTER = {"date": datetime.date(2021, 10, 4), "genre": "letter", "signatories": ["Ritchie Torres"],
          "recipients": [{"name": "Antony Blinken", "role": "Secretary of State"}]}


@pytest.mark.parametrize("change, said", [
    ({"date": "October 4"}, "'date' is missing or not a date"),
    ({"signatories": "Ritchie Torres"}, "'signatories' is missing or not a list"),
    ({"signatories": [None]}, "each signatory is a name"),
    ({"signatories": [{"given": "Jim"}]}, "needs a family name"),
    ({"signatories": [{"family": "Himes", "given": 5}]}, "needs a family name"),
    ({"recipients": [{"name": "Antony Blinken"}]}, "each recipient needs a name and a role"),
    ({"signatory": ["x"]}, "unknown key 'signatory'"),
    ({"key": "torres 2021"}, "'key' is a citation key"),
    ({"key": 2021}, "'key' is not a str"),
    ({"keywords": "Kosovo"}, "'keywords' is not a list"),
    ({"keywords": ["Kosovo", 5]}, "'keywords' is a list of words"),
    ({"signatories": []}, "'signatories' names no one"),
])
def test_the_letters_description(change, said):
    from letter_edition.errors import SourceError
    from letter_edition.reading.letter_description import read_letter

    with pytest.raises(SourceError, match=said):
        read_letter({**LETTER, **change}, "Title", "index.md", None)


# --- In a build: one message, never a traceback --------------------------------------------


@pytest.mark.parametrize("old, new, said", [
    ("      short_name: Kosovo–Serbia letter", "      short_name: 123",
     "ERROR: Config value 'plugins': Plugin 'letter' option 'short_name': Expected type: <class 'str'> but received: "
     "<class 'int'>"),
    ("      uncited: warn", "      uncited: sometimes", "Plugin 'letter' option 'uncited': Expected one of"),
    ("      short_name: Kosovo–Serbia letter", "      shortname: Kosovo–Serbia letter",
     "WARNING: Config value 'plugins': Plugin 'letter' option 'shortname': Unrecognised configuration name: shortname"),
    ("extra_css:", "extra:\n  short_name: Letter\nextra_css:", "ERROR: mkdocs.yml, extra: short_name: this setting has moved"),
    ("extra_css:", "extra:\n  shortname: x\nextra_css:", "WARNING: mkdocs.yml, extra: shortname: nothing on this site reads it"),
    ("extra_css:", "extra:\n  analytics:\n    provider: google\n    property: G-X\nextra_css:",
     "ERROR: mkdocs.yml, extra: analytics: with it, the theme's templates would have every page run a script from "
     "another host"),
])
def test_a_setting_in_mkdocs_yml(scratch, tmp_path, old, new, said):
    edit(scratch / "mkdocs.yml", old, new)
    result = failed_build(scratch, tmp_path)
    assert said in errors(result)[0]


@pytest.mark.parametrize("page, old, new, said", [
    ("about.md", "description: >-", "readings: oops\ndescription: >-", "ERROR: docs/about.md, front matter 'readings'"),
    ("index.md", "paragraph_anchors: true", "paragraph_anchor: true",
     "WARNING: docs/index.md, front matter: unknown key 'paragraph_anchor'. Did you mean 'paragraph_anchors'?"),
])
def test_a_setting_in_the_front_matter(scratch, tmp_path, page, old, new, said):
    edit(scratch / "docs" / page, old, new)
    result = failed_build(scratch, tmp_path)
    assert said in errors(result)[0]


def test_a_setting_the_theme_reads_builds(scratch, tmp_path):
    """`extra: generator: false`, one of Material's documented settings, builds, and does what it says."""
    from conftest import mkdocs_build

    edit(scratch / "mkdocs.yml", "extra_css:", "extra:\n  generator: false\nextra_css:")
    result = mkdocs_build(scratch, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Made with" not in (result.site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, key", [({}, "torres2021"), ({"key": "torres2021kosova"}, "torres2021kosova"),
                                         ({"signatories": ["Ćamil Đurić"]}, "duric2021")])
def test_the_letters_key_is_its_descriptions_or_made_from_it(change, key):
    from letter_edition.reading.letter_description import read_letter

    assert read_letter({**LETTER, **change}, "Title", "index.md", None).key == key
