"""`mkdocs serve` as an editor uses it: edits show without a restart, a broken edit breaks nothing."""

import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from helpers import edit, wait_until

START_TIMEOUT = 60
REBUILD_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`mkdocs serve` on a loopback port, its console kept for reading."""

    def __init__(self, project):
        self.port = free_port()
        self.console: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.console.append(line)

    def letter(self) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    def file(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as response:
                return response.read()
        except OSError:
            return None

    def pdf_text(self) -> str:
        """The served letter.pdf's text, its runs of white space one space ("" where none is served)."""
        from pypdf import PdfReader

        data = self.file("letter.pdf")
        if not data:
            return ""
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_for(self, condition, timeout, what):
        try:
            return wait_until(condition, timeout, what, alive=lambda: self.process.poll() is None)
        except AssertionError as error:
            pytest.fail(f"{error}. Console:\n" + "".join(self.console))

    def stop(self):
        # As an editor stops it (Ctrl-C): MkDocs and the plugin remove their folders.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server(scratch):
    server = Server(scratch)
    try:
        server.wait_for(lambda: server.letter() is not None, START_TIMEOUT, "the letter was not served")
        yield server
    finally:
        server.stop()


def test_broken_edit_keeps_last_good_build_then_fix_shows(server, scratch):
    """A broken references.bib: the error in the console, the last good letter still served;
    once fixed, with a changed title, the served notes show the change."""
    bib = scratch / "references.bib"
    edit(bib, "{{Insider Paper}},", "{{Insider Paper},")
    server.wait_for(lambda: any("references.bib, line 22: syntax error" in line for line in server.console),
                    REBUILD_TIMEOUT, "no error in the console")
    served = server.letter()
    assert "Attacked In Volatile North,”" in served and "@insiderpaper" not in served

    edit(bib, "{{Insider Paper},", "{{Insider Paper}},")
    edit(bib, "Attacked In Volatile North", "Attacked In The North")
    server.wait_for(lambda: "Attacked In The North,”" in (server.letter() or ""), REBUILD_TIMEOUT,
                    "the fixed note was not served")
    assert "Volatile" not in server.letter()


def test_style_edit_shows_without_restart(server, scratch):
    """The notes are formatted afresh when only the CSL style changes."""
    edit(scratch / "styles" / "letter-notes.csl", '<date-part name="month" suffix=" "/>',
         '<date-part name="month" form="short" suffix=" "/>')
    server.wait_for(lambda: "Sept. 25, 2021" in (server.letter() or ""), REBUILD_TIMEOUT,
                    "the restyled note was not served")


def test_the_served_pdf_follows_an_edit(server, scratch):
    """`mkdocs serve` publishes letter.pdf as `mkdocs build` does, made after the pages: a title
    edited in references.bib reaches the served PDF, and its links give its pages and size."""
    server.wait_for(lambda: "Attacked In Volatile North" in server.pdf_text(), REBUILD_TIMEOUT, "no PDF was served")
    edit(scratch / "references.bib", "Attacked In Volatile North", "Attacked In The North")
    server.wait_for(lambda: "Attacked In The North" in server.pdf_text(), REBUILD_TIMEOUT,
                    "the edited title did not reach the served PDF")
    server.wait_for(lambda: re.search(r'PDF<span class="pdf-details">, \d+ pages?, \d+ KiB</span>', server.letter() or ""),
                    REBUILD_TIMEOUT, "the link does not give the PDF's pages and size")
    assert "Volatile" not in server.pdf_text()



def test_the_link_says_the_pdf_is_being_made_and_a_newer_build_wins(scratch, tmp_path, monkeypatch):
    """Under `mkdocs serve` the pages are served before the PDF is made: the link says it is
    being made, then the PDF is published beside them with its pages and size. A build served
    meanwhile makes its own PDF, and the older one is never published over it. (The builds run
    as `mkdocs serve` runs them, in this process, the PDF held back until both are served.)"""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pypdf import PdfReader

    from letter_edition import plugin

    for kept in (scratch / ".cache" / "letter").glob("pdf*"):
        kept.unlink()
    # One for each build's PDF, in the order the builds ask for them.
    held_back, asked, real = [threading.Event(), threading.Event()], [], plugin.letter_pdf

    def held(page, root, *args, make=True):
        if make:
            asked.append(page)
            assert held_back[len(asked) - 1].wait(120)
        return real(page, root, *args, make=make)

    monkeypatch.setattr(plugin, "letter_pdf", held)
    served = tmp_path / "served"
    served.mkdir()

    def serve_build():
        config = load_config(str(scratch / "mkdocs.yml"), site_dir=str(served))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return config

    def letter() -> str:
        return (served / "index.html").read_text(encoding="utf-8")

    def pdf_text() -> str:
        pdf = served / "letter.pdf"
        return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split()) if pdf.exists() else ""

    def making() -> int:
        return sum(thread.name == "letter-pdf" and thread.is_alive() for thread in threading.enumerate())

    config = serve_build()
    assert 'PDF<span class="pdf-details">: being made…</span>' in letter()
    assert not (served / "letter.pdf").exists()
    edit(scratch / "references.bib", "Attacked In Volatile North", "Attacked In The North")
    serve_build()
    assert "Attacked In The North" in letter() and "being made…" in letter()
    wait_until(lambda: len(asked) == 2, REBUILD_TIMEOUT, "the second build did not ask for its PDF")

    # The newer build's PDF first, then the older one's, which must not replace it.
    held_back[1].set()
    wait_until(lambda: "Attacked In The North" in pdf_text() and making() == 1, REBUILD_TIMEOUT,
               "the newer build's PDF was not published")
    assert re.search(r'PDF<span class="pdf-details">, \d+ pages?, \d+ KiB</span>', letter())
    held_back[0].set()
    wait_until(lambda: making() == 0, REBUILD_TIMEOUT, "the older build's PDF was not made")
    assert "Attacked In The North" in pdf_text() and "Volatile" not in pdf_text()
    config.plugins.on_shutdown()
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("served")) == ["served"]


def test_a_published_build_has_nothing_of_the_preview(site):
    """The script and the data that show a failed build under `mkdocs serve` are never published."""
    assert not (site.root / "letter-serve").exists()
    for path in site.root.rglob("*.html"):
        assert "letter-serve" not in path.read_text(encoding="utf-8"), path.name


def test_a_failed_build_shows_its_message_in_every_open_page_until_fixed(server, scratch, browser):
    """A broken references.bib: every open page shows the message, naming the file and line,
    as an alert screen readers announce, also under the site's policy sent as a header (the
    script is a file, the message data); fixed, the message goes from every page."""
    from playwright.sync_api import expect

    from letter_edition.net.policy import CONTENT_SECURITY_POLICY

    context = browser.new_context()
    pages = [context.new_page(), context.new_page()]
    pages[0].goto(server.url)
    pages[1].goto(server.url + "about/")
    for page in pages:
        expect(page.locator("h1").first).to_be_visible()
        expect(page.get_by_role("alert")).to_have_count(0)

    bib = scratch / "references.bib"
    edit(bib, "{{Insider Paper}},", "{{Insider Paper},")
    for page in pages:
        expect(page.get_by_role("alert")).to_contain_text("references.bib, line 22: syntax error",
                                                          timeout=REBUILD_TIMEOUT * 1000)

    strict = browser.new_context(bypass_csp=False)

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers,
                                                  "content-security-policy": CONTENT_SECURITY_POLICY})

    strict.route("**/*", with_policy)
    under_policy = strict.new_page()
    refused = []
    under_policy.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
                    and "letter-serve" in message.text else None)
    under_policy.goto(server.url)
    expect(under_policy.get_by_role("alert")).to_contain_text("references.bib, line 22")
    assert refused == []

    edit(bib, "{{Insider Paper},", "{{Insider Paper}},")
    for page in pages:
        expect(page.get_by_role("alert")).to_have_count(0, timeout=REBUILD_TIMEOUT * 1000)

    # A message that quotes markup from the editor's file shows it as text, and runs nothing.
    hostile = "<img/src=x/onerror=document.title='hit'>"
    original = bib.read_text(encoding="utf-8")
    twice = f"\n@misc{{{hostile},\n  title = {{Twice}},\n}}\n"
    bib.write_text(original + twice + twice, encoding="utf-8")  # a key used twice: the message quotes it
    alert = pages[0].get_by_role("alert")
    expect(alert).to_contain_text(f"the key '{hostile}' is used twice", timeout=REBUILD_TIMEOUT * 1000)
    assert alert.locator("img").count() == 0 and pages[0].title() != "hit"
    bib.write_text(original, encoding="utf-8")
    expect(alert).to_have_count(0, timeout=REBUILD_TIMEOUT * 1000)
    context.close()
    strict.close()


def test_the_open_pages_are_told_to_reload_when_the_pdf_is_ready(tmp_path):
    """The adjustment to MkDocs' server (mkdocs_adapter.reload_browsers): the pages' "epoch"
    grows, so each open page loads again, and never while a build runs (the server holds every
    request until that build ends, which then reloads the pages itself)."""
    from mkdocs.livereload import LiveReloadServer

    from letter_edition import mkdocs_adapter

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        shown = server._visible_epoch
        assert mkdocs_adapter.reload_browsers(server)
        assert server._visible_epoch == server._wanted_epoch > shown
        server._wanted_epoch += 1000  # a build has started
        building = server._visible_epoch
        assert mkdocs_adapter.reload_browsers(server) and server._visible_epoch == building
    finally:
        server.server_close()
