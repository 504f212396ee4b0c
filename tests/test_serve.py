"""`mkdocs serve` as an editor uses it: edits show without a restart, a broken edit breaks nothing."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from helpers import edit

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

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_for(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, "mkdocs serve stopped:\n" + "".join(self.console)
            time.sleep(0.2)
        pytest.fail(f"{what} within {timeout} s. Console:\n" + "".join(self.console))

    def stop(self):
        self.process.terminate()
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


def test_serve_never_serves_an_out_of_date_pdf(server, scratch):
    """`mkdocs serve` does not make the PDF (`mkdocs build` does: it takes about a second, and
    the served page, with the server's own address in it, is not the published one). The link
    says the PDF is out of date, and there is no letter.pdf to serve a stale copy of."""
    assert "PDF<span class=\"pdf-details\">: out of date until the next <code>mkdocs build</code>" in server.letter()
    assert server.status("letter.pdf") == 404
    edit(scratch / "references.bib", "Attacked In Volatile North", "Attacked In The North")
    server.wait_for(lambda: "Attacked In The North,”" in (server.letter() or ""), REBUILD_TIMEOUT,
                    "the edited note was not served")
    assert "out of date until the next" in server.letter() and server.status("letter.pdf") == 404
