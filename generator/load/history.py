"""What git knows about the repository: the commit being built, and each file's history.

Read from the local repository with the ``git`` command (no API server: intranets
are isolated).  A repository that is not under git, or a shallow clone, gives
what it can; nothing here raises.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Commit:
    commit: str
    date: dt.datetime
    author: str
    message: str


@dataclass(frozen=True, slots=True)
class GitInfo:
    commit: str | None  # full hash of HEAD, None outside git
    dirty: bool  # uncommitted changes under plans/ or cases/ or in planbook.yml
    shallow: bool
    #: repository-relative path -> the commits that changed it, newest first
    history: dict[str, tuple[Commit, ...]]
    #: (tag name, commit) of every tag (approved versions are tagged plan/<id>/v<version>)
    tags: tuple[tuple[str, str], ...] = ()

    @property
    def short(self) -> str:
        return (self.commit or "")[:10] + ("+" if self.dirty else "")


NO_GIT = GitInfo(None, False, False, {})


def _git(root: str, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def read_git(root: str, paths: tuple[str, ...] = ()) -> GitInfo:
    """The HEAD commit, whether the inputs are dirty, and the history of ``paths`` (one ``git log`` in all)."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return NO_GIT
    status = _git(root, "status", "--porcelain", "--", "plans", "cases", "planbook.yml") or ""
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    refs = _git(root, "for-each-ref", "--format=%(refname:short)%00%(*objectname)%(objectname)", "refs/tags") or ""
    tags = tuple(sorted(tuple(line.split("\0", 1)) for line in refs.splitlines() if "\0" in line))
    history: dict[str, list[Commit]] = {p: [] for p in paths}
    if paths:
        sep = "\x1e"
        log = _git(root, "log", f"--format={sep}%H%x1f%aI%x1f%an%x1f%s", "--name-only", "--", *paths) or ""
        wanted = set(paths)
        for chunk in log.split(sep)[1:]:
            head_line, _, files = chunk.partition("\n")
            commit, date, author, subject = (head_line.split("\x1f") + ["", "", "", ""])[:4]
            try:
                when = dt.datetime.fromisoformat(date)
            except ValueError:
                continue
            one = Commit(commit, when, author, subject)
            for f in files.splitlines():
                if f in wanted:
                    history[f].append(one)
    return GitInfo(head.strip(), bool(status.strip()), shallow, {k: tuple(v) for k, v in history.items()}, tags)
