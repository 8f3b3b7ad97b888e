"""The real ``pre-commit`` tool running the local hook that ``planbook init`` writes: a broken plan is
rejected at commit time with the check's message, a good one is committed.

The hook is ``repo: local``, ``language: system``: it runs the planbook on PATH (this test's), so
pre-commit fetches and installs nothing, as on an intranet desk.  PRE_COMMIT_HOME is shared by the
tests of this module.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
PLAN = "plans/township/plan.yml"
ROSTER = "plans/rosters/roster.yml"

pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None,
                                reason="needs the pre-commit tool (pip install -e '.[test]') and git")


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "党政办", "GIT_AUTHOR_EMAIL": "office@example.cn",
            "GIT_COMMITTER_NAME": "党政办", "GIT_COMMITTER_EMAIL": "office@example.cn",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


@pytest.fixture
def office(tmp_path: Path, env: dict) -> Path:
    """A scaffolded repository whose hook is installed (git commit runs pre-commit)."""
    root = tmp_path / "office"
    r = run_cli("init", str(root), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(PRE_COMMIT), "install"], cwd=root, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    return root


def run(root: Path, env: dict, *cmd: str) -> subprocess.CompletedProcess:
    """The command's result, with stdout and stderr together in ``stdout`` (git and pre-commit use both)."""
    return subprocess.run(list(cmd), cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=900)


def commit(root: Path, env: dict, message: str, *paths: str) -> subprocess.CompletedProcess:
    assert run(root, env, "git", "add", *(paths or (".",))).returncode == 0
    return run(root, env, "git", "commit", "-m", message)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    p = root / rel
    text = p.read_text("utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), "utf-8")


def commits(root: Path, env: dict) -> int:
    r = run(root, env, "git", "rev-list", "--count", "HEAD")
    return int(r.stdout) if r.returncode == 0 else 0


def test_good_commit_passes_and_broken_plan_is_rejected(office: Path, env: dict):
    started = time.monotonic()
    r = commit(office, env, "新建 Planbook 库")
    first = time.monotonic() - started
    assert r.returncode == 0, r.stdout
    assert "planbook check" in r.stdout and "Passed" in r.stdout
    assert commits(office, env) == 1

    edit(office, PLAN, "    lead: [office]\n", "    lead: [no-such-body]\n")
    started = time.monotonic()
    r = commit(office, env, "改了牵头机构", PLAN)
    second = time.monotonic() - started
    assert r.returncode != 0
    assert "Failed" in r.stdout
    assert f"{PLAN}:" in r.stdout and "error[P401]" in r.stdout and "“no-such-body”不存在" in r.stdout
    assert commits(office, env) == 1  # nothing was committed
    print(f"\npre-commit: first commit {first:.1f}s, rejected commit {second:.1f}s")

    edit(office, PLAN, "    lead: [no-such-body]\n", "    lead: [office]\n")
    edit(office, PLAN, "version: \"0.1\"", "version: \"0.2\"")
    r = commit(office, env, "改正", PLAN)
    assert r.returncode == 0, r.stdout
    assert commits(office, env) == 2


def test_roster_change_that_breaks_an_unstaged_plan_is_rejected(office: Path, env: dict):
    """Why the hook does not pass file names: the roster alone is committed, the error is in the plan."""
    assert commit(office, env, "新建 Planbook 库").returncode == 0
    text = (office / ROSTER).read_text("utf-8")
    start = text.index("  - id: person-04\n")
    end = text.index("  - id: person-05\n")
    assert "宣传委员" in text[start:end]
    (office / ROSTER).write_text(text[:start] + text[end:], "utf-8")  # nobody holds 宣传委员 any more
    r = commit(office, env, "人员调整", ROSTER)
    assert r.returncode != 0
    assert f"{PLAN}:" in r.stdout and "error[P401]" in r.stdout and "“宣传委员”不存在" in r.stdout
    r = run(office, env, str(PRE_COMMIT), "run", "--all-files")
    assert r.returncode != 0 and "error[P401]" in r.stdout
