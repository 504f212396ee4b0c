"""The install scripts finish on a fresh Debian machine: what they use and find missing, they
install from Debian (here a stand-in apt-get that installs stand-in commands), or they stop
with one message naming the package."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

STAND_IN = """#!/bin/sh
# A stand-in for {name}: records how it was called.
echo "{name} $*" >> "{log}"
{body}
"""


def machine(tmp_path: Path, have: list[str], apt_works: bool = True) -> tuple[dict, Path]:
    """A PATH with only these commands (stand-ins, and the few real ones a script needs), and a
    stand-in apt-get that makes a stand-in of each package it installs."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    log.write_text("", encoding="utf-8")
    for real in ("bash", "dirname", "id", "grep", "env", "cat", "cp", "sh"):
        os.symlink(shutil.which(real), bin_dir / real)

    def stand_in(name: str, body: str = "exit 0") -> None:
        path = bin_dir / name
        path.write_text(STAND_IN.format(name=name, log=log, body=body), encoding="utf-8")
        path.chmod(0o755)

    for name in have:
        stand_in(name)
    # Every Debian package the build needs is installed, as dpkg-query reports it.
    stand_in("dpkg-query", 'printf "install ok installed"')
    if "python3" not in have:  # Debian's Python without python3-venv: no ensurepip
        stand_in("python3", 'case "$*" in *ensurepip*) exit 1;; esac')
    installs = 'for p in "$@"; do case "$p" in -*|install) ;; nodejs) ;; *) cp "$0.make" "$(dirname "$0")/$p";; esac; done'
    stand_in("apt-get", installs if apt_works else "exit 100")
    (bin_dir / "apt-get.make").write_text(STAND_IN.format(name="installed", log=log, body="exit 0"), encoding="utf-8")
    (bin_dir / "apt-get.make").chmod(0o755)
    return {"PATH": str(bin_dir), "HOME": str(tmp_path)}, log


def run(script: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/bash", str(ROOT / ".ci" / script)], env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_test_tools_install_node_and_npm_where_missing(tmp_path):
    env, log = machine(tmp_path, have=["chromium", "java"])
    result = run("install-test-tools", env)
    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8")
    assert "apt-get install -y -qq nodejs npm" in calls
    assert "installed ci --prefix tests" in calls  # the npm Debian installed, then used


def test_the_build_libraries_install_python3_venv_where_venv_cannot_run(tmp_path):
    env, log = machine(tmp_path, have=[])
    result = run("install-system-libraries", env)
    assert result.returncode == 0, result.stderr
    assert "apt-get install -y -qq python3-venv" in log.read_text(encoding="utf-8")


def test_nothing_is_installed_where_nothing_is_missing(tmp_path):
    env, log = machine(tmp_path, have=["chromium", "java", "npm", "python3"])
    result = run("install-test-tools", env)
    assert result.returncode == 0, result.stderr
    assert "apt-get" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("script, have, named", [
    ("install-test-tools", ["chromium", "java", "python3"], "nodejs npm"),
    ("install-system-libraries", [], "python3-venv"),
])
def test_a_package_that_cannot_be_installed_is_named_in_one_message(tmp_path, script, have, named):
    env, _ = machine(tmp_path, have=have, apt_works=False)
    result = run(script, env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (f"Could not install {named} with apt-get: install them, then "
                                                      "run this again.")
