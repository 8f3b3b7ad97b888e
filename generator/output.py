"""The output folder, written safely.

- A build renders into ``<out>/.staging-<random>/`` and only then swaps each finished
  part (``site``, ``pdf`` …) into place, so a failed or interrupted build leaves the
  previous output whole.
- Builds of one output folder take turns (an exclusive lock on ``<out>/.planbook.lock``).
- A folder is used only if it is empty or was made by Planbook (it holds the marker
  file ``.planbook-output``); the repository itself, its plans/ and cases/, a home
  folder or the filesystem root are refused even with a marker.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import PlanbookError

MARKER = ".planbook-output"
LOCK = ".planbook.lock"


class OutputRefused(PlanbookError):
    """The folder is not one Planbook may write over."""


def _forbidden(out: Path, repo_root: Path) -> tuple[str, str] | None:
    """What ``out`` is, in Chinese and English, when Planbook must never write there."""
    out = out.resolve()
    root = repo_root.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return "文件系统根目录", "the filesystem root"
    if out == home:
        return "主目录", "a home folder"
    if out == root or out in root.parents:
        return "Planbook 库本身或其上级目录", "the repository or a folder above it"
    for name in ("plans", "cases", "site_templates", "generator", "tests", ".git"):
        inner = root / name
        if out == inner or inner in out.parents:
            return f"库中的 {name}/", f"the repository's {name}/"
    if (out / "planbook.yml").exists() or (out / ".git").exists():
        return "另一个库或 git 仓库", "another repository"
    return None


def check_output_dir(out: Path, repo_root: Path) -> None:
    """Raise OutputRefused unless Planbook may write into ``out``."""
    why = _forbidden(out, repo_root)
    if why:
        raise OutputRefused(f"拒绝写入 {out}：这是{why[0]}。", f"refusing to write into {out}: it is {why[1]}",
                            "请用 -o 指定一个新的或以前由 Planbook 生成的目录。",
                            "Name a new folder, or one Planbook made before, with -o.", path=out)
    if out.exists():
        if not out.is_dir():
            raise OutputRefused(f"拒绝写入 {out}：它是文件，不是目录。", f"refusing to write into {out}: it is a file, "
                                "not a folder", path=out)
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise OutputRefused(f"拒绝写入 {out}：目录中已有不是 Planbook 生成的内容。",
                                f"refusing to write into {out}: it holds files Planbook did not make",
                                "请换一个目录，或先清空它。", "Use another folder, or empty this one first.", path=out)


@contextlib.contextmanager
def locked(out: Path, wait_seconds: float = 600) -> Iterator[None]:
    """Hold the output folder's lock; a second build waits for the first."""
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).touch()
    with open(out / LOCK, "a+") as fh:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputRefused(f"另一个构建一直占用 {out}（等待 {wait_seconds:.0f} 秒后放弃）。",
                                        f"another build holds {out} (gave up after {wait_seconds:.0f} s)",
                                        path=out) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def recover(out: Path) -> None:
    """Undo what an interrupted build left: put back a part moved aside, remove stale staging folders.
    Call with the lock held."""
    for trash in out.glob(".old-*"):
        for part in trash.iterdir():
            if not (out / part.name).exists():
                os.replace(part, out / part.name)
        shutil.rmtree(trash, ignore_errors=True)
    for stale in out.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out``; removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def publish(out: Path, stage: Path, parts: list[str]) -> None:
    """Swap the finished parts of ``stage`` into ``out``: each old part is moved aside, the new one
    moved in (two renames on one filesystem), then the old one deleted."""
    trash = Path(tempfile.mkdtemp(prefix=".old-", dir=out))
    try:
        for part in parts:
            new = stage / part
            if not new.exists():
                continue
            old = out / part
            if old.exists():
                os.replace(old, trash / part)
            os.replace(new, old)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
