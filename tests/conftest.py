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
    from generator.check import check
    from generator.load.repo import load_repository
    return check(load_repository(str(root)), today, only, due_within).findings


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def run_cli(*args: str, cwd: Path | str = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real console command in a subprocess (what a user runs)."""
    exe = Path(sys.executable).parent / "planbook"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, env=full_env, timeout=120)
