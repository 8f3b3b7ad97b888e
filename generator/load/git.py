"""Git plumbing: commits (named by hash, branch, tag or HEAD~1), commit dates, and the objects of a commit (its folders and file contents).

What a commit holds is read through one ``git cat-file --batch`` process while :func:`batched` is
active (one command for hundreds of objects), and otherwise one git command per object.  The files are
read and built by the same loader as the working tree (:class:`~generator.load.tree.GitTree`,
:mod:`generator.load.repo`); this module only knows git.  A problem with git itself (not a repository,
an unknown commit) is a :class:`GitError` with a message for people.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import selectors
import subprocess
from collections.abc import Iterator

from ..errors import PlanbookError

#: The word for the files as they are now, uncommitted edits included.
WORKTREE = "worktree"


class GitError(PlanbookError):
    """Git could not give what was asked; the message is for people (Chinese, then English)."""


#: seconds git may take to answer one command (or one object of a batch)
TIMEOUT = 60


def git(root: str, *args: str, binary: bool = False) -> tuple[int, str | bytes]:
    """(exit code, stdout) of a git command in ``root``; exit 127 when git cannot run."""
    try:
        r = subprocess.run(["git", "-C", root, "-c", "core.quotePath=false", *args], capture_output=True,
                           timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return 127, b"" if binary else ""
    return r.returncode, r.stdout if binary else r.stdout.decode("utf-8", "replace")


def git_root(root: str) -> str:
    code, out = git(root, "rev-parse", "--show-toplevel")
    if code != 0:
        raise GitError(f"{root} 不在 git 仓库中，无法比较历史版本。", f"{root} is not in a git repository: "
                            "there are no versions to compare.", "先 git init 并提交。", "Run git init and commit first.")
    return out.strip()


def resolve(root: str, rev: str) -> str:
    """The full commit hash of ``rev`` (a hash, branch, tag, HEAD~2 …), or WORKTREE."""
    if rev == WORKTREE:
        return WORKTREE
    git_root(root)
    if rev.startswith("-"):
        raise GitError(f"提交“{rev}”无效。", f"bad commit '{rev}'")
    code, out = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if code != 0:
        raise GitError(f"git 中没有提交“{rev}”。", f"unknown commit '{rev}'",
                            "写提交号、分支、标签或 HEAD~1 这样的写法。", "Write a commit, a branch, a tag or HEAD~1.")
    return out.strip()


def commit_date(root: str, commit: str) -> dt.datetime | None:
    """The author date of ``commit``, with its offset."""
    objects = _OBJECTS.get(root)
    got = objects.get(commit) if objects else None
    if got is not None and got[0] == b"commit":
        for line in got[1].split(b"\n\n", 1)[0].decode("utf-8", "replace").splitlines():
            if line.startswith("author "):
                try:
                    stamp, offset = line.rsplit(" ", 2)[1:]
                    sign = -1 if offset.startswith("-") else 1
                    tz = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
                    return dt.datetime.fromtimestamp(int(stamp), tz)
                except (ValueError, IndexError):
                    break
    code, out = git(root, "show", "-s", "--format=%aI", commit)
    try:
        return dt.datetime.fromisoformat(out.strip()) if code == 0 else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=16)
def prefix_of(root: str) -> str:
    """The Planbook root relative to the git top level ('' when they are the same), with a slash."""
    top = os.path.realpath(git_root(root))
    rel = os.path.relpath(os.path.realpath(root), top).replace(os.sep, "/")
    return "" if rel == "." else rel + "/"


class _Objects:
    """One ``git cat-file --batch`` process: many objects for the price of one command."""

    def __init__(self, root: str):
        self.proc = subprocess.Popen(["git", "-C", root, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.closed = False
        self.ready = selectors.DefaultSelector()
        self.ready.register(self.proc.stdout, selectors.EVENT_READ)

    def get(self, name: str) -> tuple[bytes, bytes] | None:
        """(type, content) of the object ``name`` (``commit:path``, a hash), None when git has none.
        Anything unexpected ends the batch (show() then asks git show): it never gets out of step."""
        if "\n" in name or self.closed:
            return None
        try:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.write(name.encode("utf-8") + b"\n")
            self.proc.stdin.flush()
            # git answers each name whole (header and content) once it has the object; a partial clone may
            # first fetch it from a remote that does not answer: give up after a while, as git show does
            if not self.ready.select(TIMEOUT):
                raise TimeoutError
            header = self.proc.stdout.readline().split()
            if len(header) == 2 and header[1] in (b"missing", b"ambiguous"):
                return None
            if len(header) != 3 or not header[2].isdigit():
                raise ValueError(header)
            data = self.proc.stdout.read(int(header[2]))
            if len(data) != int(header[2]) or self.proc.stdout.read(1) != b"\n":
                raise ValueError("short read")
            return header[1], data
        except Exception:  # a select that cannot watch pipes (Windows), git gone, a timeout
            self.close()
            return None

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            self.ready.close()
        with contextlib.suppress(OSError, ValueError, subprocess.TimeoutExpired):
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=10)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()


_OBJECTS: dict[str, _Objects] = {}


@contextlib.contextmanager
def batched(root: str) -> Iterator[None]:
    """While the block runs, file contents and commit dates of ``root`` come from one git process
    (reading every approved version of every plan takes one command instead of hundreds)."""
    if root in _OBJECTS:
        yield
        return
    try:
        _OBJECTS[root] = _Objects(root)
    except OSError:
        yield
        return
    try:
        yield
    finally:
        _OBJECTS.pop(root).close()


def show(root: str, commit: str, rel: str) -> bytes | None:
    """The bytes of ``rel`` (relative to the Planbook root) at ``commit``, or None when it is not there."""
    name = f"{commit}:{prefix_of(root)}{rel}"
    objects = _OBJECTS.get(root)
    got = objects.get(name) if objects else None
    if got is not None and got[0] == b"blob":
        return got[1]
    code, out = git(root, "show", name, binary=True)  # not batched, or the batch could not say
    return out if code == 0 else None  # type: ignore[return-value]


def blob(root: str, oid: str) -> bytes | None:
    """The content of the blob ``oid`` (a full object id), None when git has no such blob."""
    objects = _OBJECTS.get(root)
    got = objects.get(oid) if objects else None
    if got is not None:
        return got[1] if got[0] == b"blob" else None
    code, out = git(root, "cat-file", "blob", oid, binary=True)  # not batched, or the batch could not say
    return out if code == 0 else None  # type: ignore[return-value]


#: (root, tree-ish) -> its entries: a commit's folders never change (failures are not kept)
_TREES: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}

#: git modes of the entries :func:`tree` lists
FOLDER, FILE, EXECUTABLE, LINK = "040000", "100644", "100755", "120000"


def tree(root: str, treeish: str) -> dict[str, tuple[str, str]] | None:
    """name -> (mode, object id) of the entries of a folder in git: ``treeish`` is ``commit:path`` (a full
    commit hash) or a tree's object id.  None when it names no folder."""
    key = (root, treeish)
    if key in _TREES:
        return _TREES[key]
    objects = _OBJECTS.get(root)
    got = objects.get(treeish) if objects else None
    if got is not None:
        if got[0] != b"tree":
            return None
        entries = _parse_tree(got[1], len(treeish.partition(":")[0]) // 2)
    else:  # not batched, or the batch could not say
        code, out = git(root, "ls-tree", "-z", treeish, binary=True)
        if code != 0:
            return None
        entries = {}
        for row in bytes(out).split(b"\0"):  # type: ignore[arg-type]
            head, tab, name = row.partition(b"\t")
            parts = head.split()
            if tab and len(parts) == 3:
                entries[name.decode("utf-8", "surrogateescape")] = (parts[0].decode().zfill(6), parts[2].decode())
    if len(_TREES) >= 4096:
        _TREES.clear()
    _TREES[key] = entries
    return entries


def _parse_tree(data: bytes, id_bytes: int) -> dict[str, tuple[str, str]]:
    """A git tree object: ``mode SP name NUL id`` repeated (the id 20 bytes, or 32 in a SHA-256 repository)."""
    out: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        end = nul + 1 + id_bytes
        out[data[space + 1:nul].decode("utf-8", "surrogateescape")] = \
            (data[i:space].decode().zfill(6), data[nul + 1:end].hex())
        i = end
    return out
