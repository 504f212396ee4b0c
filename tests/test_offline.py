"""The build opens no network connection: built with every connection to another host refused
(and where the machine allows it, with no network at all), the same site comes out."""

import filecmp
import os
import shutil
import subprocess
import sys

from conftest import copy_project, in_ci

# Loaded by every Python the build starts: a connection or a name look-up for another host is
# written down and refused.
GUARD = '''
import os, socket

_log = os.environ["LETTER_NETWORK_LOG"]
_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def _local(host):
    return str(host).startswith(("127.", "::1", "localhost")) or host in ("", None)


def _refuse(what):
    with open(_log, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    raise OSError("the test refuses connections to other hosts")


def connect(self, address, *args):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect {address!r}")
    return _connect(self, address, *args)


def connect_ex(self, address, *args):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect {address!r}")
    return _connect_ex(self, address, *args)


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse(f"look up {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
'''


def no_network_prefix() -> list[str]:
    """A new network namespace holding only loopback, where the machine lets the test make one."""
    for command in (["unshare", "--net"], ["unshare", "--user", "--map-root-user", "--net"]):
        if shutil.which("unshare") and subprocess.run([*command, "true"], capture_output=True).returncode == 0:
            return command
    return []


def test_the_build_opens_no_connection_and_the_same_site_comes_out(tmp_path, site):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")  # no .cache/letter/: pandoc runs and the PDF is made
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(guard), "LETTER_NETWORK_LOG": str(log), "NO_MKDOCS_2_WARNING": "1"}
    prefix = no_network_prefix()
    if in_ci():
        assert prefix, "CI runs this build with no network at all (unshare)"
    result = subprocess.run([*prefix, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not log.exists(), log.read_text(encoding="utf-8")
    built = tmp_path / "site"
    names = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(site.root, built, names, shallow=False)
    assert mismatch == [] and errors == []


def test_the_guard_refuses_a_connection(tmp_path):
    """The guard above does what it says: a look-up of another host is written down and refused."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    result = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('example.org', 443), 1)"],
                            env={**os.environ, "PYTHONPATH": str(guard), "LETTER_NETWORK_LOG": str(log)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert log.read_text(encoding="utf-8") == "look up 'example.org'\n"
