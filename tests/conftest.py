"""One strict build of the site for the whole session, and scratch copies for faulty builds."""

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# What a build needs from the project; a scratch copy takes exactly these.
PROJECT_PARTS = ["mkdocs.yml", "pyproject.toml", "references.bib", "paragraph-anchors.yml", "docs", "styles",
                 "overrides"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path, env: dict | None = None, in_process: bool = True) -> Build:
    """`mkdocs build --strict` as an editor runs it, and what it printed.

    In this process by default: the command's own steps (load the config, start the plugins,
    build) with MkDocs' messages kept as its command line prints them, a fault as the command
    reports it. That spares each build the start of a Python and its imports; `in_process=False`
    runs the command itself."""
    if not in_process:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, timeout=120,
        )
        return Build(result.returncode, result.stdout + result.stderr, site)
    return _build_here(project, site, env or {})


class _Printed(logging.Handler):
    """MkDocs' messages as its command line prints them: `LEVEL   -  message`."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def _build_here(project: Path, site: Path, env: dict) -> Build:
    import traceback

    import click
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    printed, logger = _Printed(), logging.getLogger("mkdocs")
    level, saved_env, cwd = logger.level, dict(os.environ), os.getcwd()
    logger.addHandler(printed)
    logger.setLevel(logging.INFO)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **env})
    os.chdir(project)
    returncode, tail = 0, []
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as error:  # as the command line prints it: "Aborted with a BuildError!"
        returncode, tail = 1, [error.format_message()]
    except click.ClickException as error:  # a configuration file MkDocs cannot read
        returncode, tail = 1, [f"Error: {error.format_message()}"]
    except Exception:  # what the command line would print: a traceback
        returncode, tail = 1, [traceback.format_exc()]
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.removeHandler(printed)
        logger.setLevel(level)
    return Build(returncode, "\n".join(tail + printed.lines) + "\n", site)


def copy_project(destination: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


class Site:
    """The built site, read as a reader's browser gets it."""

    def __init__(self, root: Path):
        self.root = root

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / path).read_text(encoding="utf-8"), "lxml")

    def article(self, path: str):
        return self.html(path).select_one("article.md-content__inner")

    def pages(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*.html"))


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site(build) -> Site:
    return Site(build.site)


@pytest.fixture(scope="session")
def scale(tmp_path_factory):
    """The test edition at scale (tests/editions.py), built once."""
    from editions import scale_edition

    project = tmp_path_factory.mktemp("scale") / "project"
    project.mkdir()
    found = scale_edition(project)
    result = mkdocs_build(project, tmp_path_factory.mktemp("scale-site"))
    assert result.returncode == 0, result.output
    found.site = Site(result.site)
    return found


@pytest.fixture(scope="session", params=["letter", "scale"])
def edition(request, site):
    """Each edition the reader-facing tests read (tests/editions.py): the letter, and the test
    edition at scale."""
    from editions import the_letter

    if request.param == "scale":
        return request.getfixturevalue("scale")
    found = the_letter()
    found.site = site
    return found


@pytest.fixture(scope="session")
def edition_url(edition) -> str:
    """The edition's site, served on loopback as a static host serves it."""
    with served(edition.site.root) as url:
        yield url


@pytest.fixture(scope="session")
def warm_project(tmp_path_factory) -> Path:
    """A copy of the project built once: its .cache/letter/ as an editor's is after a first build."""
    project = tmp_path_factory.mktemp("warm") / "project"
    project.mkdir()
    copy_project(project)
    result = mkdocs_build(project, tmp_path_factory.mktemp("warm-site"))
    assert result.returncode == 0, result.output
    return project


@pytest.fixture
def built(tmp_path, site) -> Path:
    """A copy of the built letter to doctor, past every door, for the net to read."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    return copy


def site_scripts(root: Path) -> set[str]:
    """The scripts a built site publishes, as the net is told of them."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*.js")}


@pytest.fixture(scope="session")
def net_cache(tmp_path_factory) -> Path:
    """A build cache for the tests that run the net on a copy of the built site: the theme's
    stylesheets are then parsed once per worker, as in an editor's repeat builds."""
    return tmp_path_factory.mktemp("net-cache")


@pytest.fixture(scope="session")
def clean(tmp_path_factory):
    """The letter built with an empty cache: what every damaged cache must still publish."""
    project = tmp_path_factory.mktemp("clean") / "project"
    project.mkdir()
    copy_project(project)
    result = mkdocs_build(project, tmp_path_factory.mktemp("clean-site"))
    assert result.returncode == 0, result.output
    from helpers import site_files

    return project, site_files(result.site)


@pytest.fixture
def scratch(tmp_path, warm_project) -> Path:
    """A copy of the project to break, its cache warm as after a first build; build it with
    `mkdocs_build(scratch, ...)`. A test of the first build removes `scratch / ".cache"`."""
    project = tmp_path / "project"
    shutil.copytree(warm_project, project)
    return project


# --- The site in a real browser -------------------------------------------------------

# A test that uses one of these runs Chromium: it is in the `browser` tier (README: the
# quick tier, `pytest -m "not browser"`, runs everything else).
BROWSER_FIXTURES = {"page", "browser", "context", "new_context", "axe_source", "strict_page"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
    # The longest tests first (the benchmark's, then those that start `mkdocs serve` or Java),
    # so that no worker is left with one of them while the others have finished.
    longest = ["test_benchmark", "test_serve", "test_html"]
    items.sort(key=lambda item: longest.index(item.module.__name__) if item.module.__name__ in longest else len(longest))


sys.path.insert(0, str(ROOT))  # the benchmark, as a package
from benchmarks.run import NO_BROWSER, find_chromium  # noqa: E402  (one search for Chromium, shared with the benchmark)

CHROMIUM = find_chromium()
NODE_TOOLS = ROOT / "tests" / "node_modules"


INSTALL_TOOLS = "bash .ci/install-test-tools"


def in_ci() -> bool:
    """Whether CI runs the tests: any true value of CI (CI services set `true`; .ci/run sets it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes", "on"}


def require(available: bool, what: str, detail: str = "") -> None:
    """Skip a test whose tool is missing, saying how to get it; under CI, fail instead."""
    if available:
        return
    message = f"{what} is not installed: run `{INSTALL_TOOLS}`" + (f" ({detail})" if detail else "")
    if in_ci():
        pytest.fail(message + ": CI must run this test")
    pytest.skip(message)


@contextlib.contextmanager
def served(root: Path, headers: dict[str, str] | None = None):
    """A folder served on loopback as a static host serves it, with these response headers."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site, served on loopback as a static host serves it."""
    with served(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The machine's Chromium (Debian's, or the CI runner's): Playwright cannot download its
    own browser on these machines."""
    require(CHROMIUM is not None, "Chromium", NO_BROWSER)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # No calls home: this machine has no network but loopback.
        "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every page carries the site's Content-Security-Policy, which forbids the scripts a test
    injects (axe-core, probes). The tests of what a reader sees set it aside; the tests of the
    policy (test_browser.py, test_script_policy.py) make contexts that keep it."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def axe_source() -> str:
    script = NODE_TOOLS / "axe-core" / "axe.min.js"
    require(script.exists(), "axe-core")
    return script.read_text(encoding="utf-8")
