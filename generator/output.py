"""The output folder, written safely.

- A build renders into ``<out>/.staging-<random>/``; when it is finished, the staging folder becomes a
  generation ``<out>/.build-<random>/`` (the parts this build did not make are linked in from the previous
  one) and one rename flips the symbolic link ``<out>/.current`` to it.  ``<out>/site``, ``<out>/pdf`` and
  ``<out>/.cache`` are fixed links into ``.current``: at every instant the folder shows either the whole
  previous build or the whole new one, and a failure never deletes the previous build.
- Builds of one output folder take turns (an exclusive lock on ``<out>/.planbook.lock``).
- A folder is used only if it is empty or was made by Planbook (it holds the marker
  file ``.planbook-output``); the repository itself, its plans/ and cases/, a home
  folder or the filesystem root are refused even with a marker.
"""
from __future__ import annotations

import contextlib
import errno
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


class OutputFull(PlanbookError):
    """Writing the output failed for want of room: the disk or a quota is full, or a file may not grow."""


#: errors of writing that say nothing about the documents: there is no room where the output goes
#: (errno: what happened, and what to do, in Chinese and English; {out} is the output folder)
FULL = {
    errno.ENOSPC: ("磁盘已满", "the disk is full",
                   "腾出 {out} 所在磁盘的空间（df -h {out} 查看），或用 -o 生成到空间足够的目录",
                   "free space on the disk of {out} (df -h {out}), or build elsewhere with -o"),
    errno.EDQUOT: ("超出了磁盘配额", "the disk quota is exceeded",
                   "删除不用的文件或请管理员放宽配额（quota -s 查看），或用 -o 生成到别处",
                   "delete files or ask for a larger quota (quota -s), or build elsewhere with -o"),
    errno.EFBIG: ("文件超出了允许的大小（ulimit -f 或文件系统的限制）", "a file is larger than allowed (ulimit -f or the file system)",
                  "放宽进程能写的文件大小（ulimit -f unlimited），或用 -o 生成到别的文件系统",
                  "raise the file size limit (ulimit -f unlimited), or build on another file system with -o"),
}


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Say that there is no room in ``out`` (naming the folder) when a write under it fails so, not what the
    document or the step was: the staging folder is removed and the previous build stays as it was."""
    try:
        yield
    except OSError as e:
        if e.errno not in FULL:
            raise
        zh, en, hint_zh, hint_en = (t.format(out=out) for t in FULL[e.errno])
        raise OutputFull(f"写入输出目录 {out} 失败：{zh}（{e.strerror}）。", f"writing into {out} failed: {en} ({e.strerror})",
                         f"{hint_zh}；上一次生成的结果原样保留，没有写了一半的文件。",
                         f"{hint_en.capitalize()}; the previous build is kept whole.", path=out) from None


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


#: What a build publishes: each is a link ``<out>/<part>`` -> ``.current/<part>``
PARTS = ("site", "pdf", "word", ".cache")
CURRENT = ".current"


def _remove(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder; quietly when it is already gone."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)
    except FileNotFoundError:
        pass


def _current(out: Path) -> str:
    """The name of the generation ``.current`` points to ("" when there is none)."""
    try:
        target = os.readlink(out / CURRENT)
    except OSError:
        return ""
    return target if target.startswith(".build-") and "/" not in target else ""


def recover(out: Path) -> None:
    """Undo what an interrupted build left: staging folders, generations that never became current (or no
    longer are), a half-made link.  An older Planbook's part moved aside (``.old-*``) is put back when its
    place is empty.  Links are removed, never followed.  Call with the lock held."""
    keep = _current(out)
    for entry in out.iterdir():
        name = entry.name
        if name.startswith(".old-"):
            if entry.is_dir() and not entry.is_symlink():
                for part in entry.iterdir():
                    if part.name in PARTS and not part.is_symlink() and not os.path.lexists(out / part.name):
                        os.replace(part, out / part.name)
            _remove(entry)
        elif name.startswith((".staging-", f"{CURRENT}.tmp-")) or (name.startswith(".build-") and name != keep):
            _remove(entry)


def link_tree(src: Path, dst: Path) -> None:
    """A copy of the folder ``src`` at ``dst`` whose files are hard links (a copy where links cannot be made)."""
    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)
    shutil.copytree(src, dst, symlinks=True, copy_function=link)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out``; removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def publish(out: Path, staged: Path, parts: list[str]) -> None:
    """Make ``staged`` (holding the finished ``parts``) the output: the parts it lacks are linked in from the
    previous build, it becomes a generation ``.build-*``, and one rename of the link ``.current`` publishes it.
    Then the links ``site``, ``pdf``, ``.cache`` are made where missing (a folder of an older Planbook in their
    place is moved aside first, once) and the previous generation is removed.  Until the flip the previous build
    stays whole; if anything fails, it is what ``out`` shows."""
    for part in PARTS:
        if part not in parts and not (staged / part).exists() and (out / part).is_dir():
            link_tree((out / part).resolve(), staged / part)
    previous = _current(out)
    generation = out / (".build-" + staged.name.removeprefix(".staging-"))
    os.rename(staged, generation)
    link = out / f"{CURRENT}.tmp-{generation.name}"
    os.symlink(generation.name, link)
    os.replace(link, out / CURRENT)  # the one step that publishes
    for part in PARTS:
        place = out / part
        if not (generation / part).exists():
            continue
        if place.is_symlink() and os.readlink(place) == f"{CURRENT}/{part}":
            continue
        if os.path.lexists(place):  # a folder from an older Planbook, or a foreign link: moved aside, then removed
            aside = Path(tempfile.mkdtemp(prefix=".old-", dir=out))
            os.replace(place, aside / part)
            os.symlink(f"{CURRENT}/{part}", place)
            _remove(aside)
        else:
            os.symlink(f"{CURRENT}/{part}", place)
    if previous and previous != generation.name:
        _remove(out / previous)
