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


@pytest.mark.parametrize("value, ci", [("true", True), ("1", True), ("TRUE", True), ("yes", True), ("", False),
                                       ("false", False), ("0", False)])
def test_any_true_value_of_ci_counts(monkeypatch, value, ci):
    from conftest import in_ci

    monkeypatch.setenv("CI", value)
    assert in_ci() is ci


def test_ci_run_is_ci_when_run_by_hand():
    """`bash .ci/run` by hand, as CI does: a missing tool fails, as in CI, rather than skipping."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'export CI="${CI:-true}"' in run
    assert run.index("export CI=") < run.index("pytest")


def test_nothing_packaged_or_compiled_is_tracked():
    """The checkout holds sources: no wheel, archive or compiled file (they are built, or installed)."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    packaged = [name for name in tracked.stdout.splitlines()
                if name.endswith((".whl", ".egg", ".zip", ".tar.gz", ".tgz", ".pyc", ".pyo", ".so"))]
    assert packaged == []


def workflow() -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))


def test_the_workflow_gives_pages_rights_to_the_deploy_job_alone():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    for name, job in jobs.items():
        rights = job.get("permissions", flow["permissions"])
        writes = {right for right, level in rights.items() if level == "write"}
        assert writes == ({"pages", "id-token"} if name == "deploy" else set()), name
    deploy = [step.get("run", "") for step in jobs["deploy"]["steps"]]
    assert not any("npm" in run or "install-test-tools" in run or ".ci/run" in run for run in deploy)


def test_the_workflow_tests_pull_requests_and_deploys_only_from_main():
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert flow["jobs"]["deploy"]["needs"] == "test"
    assert flow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


def test_every_job_has_a_time_limit_and_caches_keyed_on_the_locks():
    flow = workflow()
    for name, job in flow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 90, name
    steps = flow["jobs"]["test"]["steps"]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "constraints.txt"
    npm = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert "tests/package-lock.json" in npm["with"]["key"] and "benchmarks/package-lock.json" in npm["with"]["key"]


def test_the_workflow_runs_the_python_the_lock_was_resolved_with():
    import re

    header = (ROOT / "constraints.txt").read_text(encoding="utf-8").split("\n\n")[0]
    resolved = re.search(r"Resolved on .*?(3\.\d+)", header, re.DOTALL)[1]
    versions = {step["with"]["python-version"] for job in workflow()["jobs"].values() for step in job["steps"]
                if step.get("uses", "").startswith("actions/setup-python")}
    assert versions == {resolved}
