"""Shared test helpers: a clean fixture repository to copy and mutate, and ways to run check on it."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent
MINIMAL = HERE / "fixtures" / "minimal"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the clean minimal repository."""
    dst = tmp_path / "repo"
    shutil.copytree(MINIMAL, dst)
    return dst


def check_repo(root: Path, today: dt.date = TODAY, only=None, due_within: dt.timedelta | None = None):
    """The findings of check on the loaded repository, after making sure that ``planbook check``'s way, each case
    checked as it is loaded (check_tree), finds exactly the same."""
    from generator.check import check, check_tree
    from generator.load.repo import load_repository
    found = check(load_repository(str(root)), today, only, due_within).findings
    streamed = check_tree(str(root), today, only, due_within)[1].findings

    def seen(findings):
        return [(f.code, f.severity, str(f.loc), dict(f.args)) for f in findings]
    assert seen(streamed) == seen(found)
    return found


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def git(root: Path, *args: str, date: str = "2025-03-01T10:00:00+08:00") -> str:
    """Run git in ``root`` as the office, at a fixed date (real commits for history tests)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "office@example.cn",
           "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "office@example.cn",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": os.devnull}
    r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def run_cli(*args: str, cwd: Path | str = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real console command in a subprocess (what a user runs)."""
    exe = Path(sys.executable).parent / "planbook"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, env=full_env, timeout=120)


#: Debian's Chromium, which the browser tests drive (no download)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
