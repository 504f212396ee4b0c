"""One strict build of the site for the whole session, and scratch copies for faulty builds."""

import contextlib
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
PROJECT_PARTS = ["mkdocs.yml", "pyproject.toml", "references.bib", "paragraph-anchors.yml", "docs", "hooks",
                 "styles", "overrides"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path, env: dict | None = None) -> Build:
    """Run `mkdocs build --strict` as an editor would, and keep what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=120,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


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


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project to break; build it with `mkdocs_build(scratch, ...)`."""
    project = tmp_path / "project"
    project.mkdir()
    return copy_project(project)


# --- The site in a real browser -------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
NODE_TOOLS = ROOT / "tests" / "node_modules"


def require(available: bool, what: str, how: str) -> None:
    """Skip a test whose tool is missing, saying how to get it; under CI, fail instead."""
    if available:
        return
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI") == "true":
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
    """Debian's Chromium: Playwright cannot download its own browser on these machines."""
    require(CHROMIUM.exists(), "Chromium", "apt-get install chromium")
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
    require(script.exists(), "axe-core", "npm ci --prefix tests")
    return script.read_text(encoding="utf-8")
