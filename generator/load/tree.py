"""Where a repository's files come from: the working tree on disk (:class:`WorkTree`) or a git commit
(:class:`GitTree`).  Both answer the same two questions, so one loader (:mod:`generator.load.repo`) reads
the files being built and every approved version alike:

- ``files()``: planbook.yml and the files under plans/ and cases/, repository-relative, in the order the
  loader reads them (each folder's files by name, then its folders by name; names starting with ``.`` or
  ``_`` are left out);
- ``read(rel, limit)``: one file's bytes.

Only regular files are read.  A symbolic link is followed only to a file inside the repository (the folder
holding planbook.yml); a link out of it, a folder, a pipe or a device is an :class:`OSError` (finding
F001), as is a missing file.  A file over ``limit`` bytes is :class:`TooLarge` (finding F004) and, on disk,
is not read at all.
"""
from __future__ import annotations

import errno
import os
import posixpath
import stat

from ..errors import PlanbookError
from . import git
from .git import WORKTREE

CONFIG_NAME = "planbook.yml"
PLANS_DIR = "plans"
CASES_DIR = "cases"
DRILLS_DIR = "drills"
#: the folders whose files make the model: their git history dates and versions the outputs
RECORD_DIRS = (PLANS_DIR, CASES_DIR, DRILLS_DIR)


def tracked(files) -> tuple[str, ...]:
    """The repository-relative paths among ``files`` whose git history the outputs read."""
    return tuple(p for p in files if p.split("/", 1)[0] in RECORD_DIRS and "/" in p)

#: symbolic links followed one after another before giving up
MAX_LINKS = 8


class TooLarge(PlanbookError):
    """The file is over the size limit; ``size`` is its size in bytes (the loader makes it finding F004)."""

    def __init__(self, zh: str, en: str, *, size: int):
        super().__init__(zh, en)
        self.size = size


def _too_large(size: int) -> TooLarge:
    return TooLarge(f"文件过大（{size} 字节），未读取。", f"the file is too large ({size} bytes): not read", size=size)


def hidden(name: str) -> bool:
    """Files and folders whose name starts with ``.`` or ``_`` are not inputs (editors' and tools' files)."""
    return name.startswith((".", "_"))


# the reason goes into finding F001 as the system's own reasons do ("No such file or directory")
def _out_of_repository() -> OSError:
    return OSError(errno.EXDEV, "Symbolic link out of the repository, not followed")


def _not_regular() -> OSError:
    return OSError(errno.EINVAL, "Not a regular file (a folder, a pipe or a device), not read")


class Tree:
    """A source of a repository's files (see the module's docstring)."""

    #: the Planbook root on disk (the folder holding planbook.yml), also for a commit
    root: str
    #: WORKTREE, or the commit's full hash
    commit: str

    def files(self) -> tuple[str, ...]:
        raise NotImplementedError

    def read(self, rel: str, limit: int) -> bytes:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.root!r}, {self.commit!r})"


class WorkTree(Tree):
    """The files on disk, uncommitted edits included."""

    commit = WORKTREE

    def __init__(self, root: str):
        self.root = os.path.abspath(root)
        self._real = os.path.realpath(self.root)
        self._real_folders: dict[str, str] = {}

    def files(self) -> tuple[str, ...]:
        out: list[str] = []
        if os.path.lexists(os.path.join(self.root, CONFIG_NAME)):
            out.append(CONFIG_NAME)
        for top in (PLANS_DIR, CASES_DIR, DRILLS_DIR):
            for dirpath, dirnames, filenames in os.walk(os.path.join(self.root, top)):
                dirnames[:] = sorted(d for d in dirnames if not hidden(d))  # links to folders are not walked
                rel = os.path.relpath(dirpath, self.root).replace(os.sep, "/")
                out.extend(f"{rel}/{name}" for name in sorted(filenames) if not hidden(name))
        return tuple(out)

    def _inside(self, real: str) -> bool:
        return real == self._real or real.startswith(self._real.rstrip(os.sep) + os.sep)

    def read(self, rel: str, limit: int) -> bytes:
        path = os.path.join(self.root, *rel.split("/"))
        folder, name = os.path.split(path)
        if folder not in self._real_folders:  # once per folder, not per file: thousands of cases
            self._real_folders[folder] = os.path.realpath(folder)
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            real, flags = os.path.realpath(path), 0
        else:  # not a link now, and not one when opened (O_NOFOLLOW)
            real, flags = os.path.join(self._real_folders[folder], name), getattr(os, "O_NOFOLLOW", 0)
        if not self._inside(real):
            raise _out_of_repository()
        # O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused just below)
        fd = os.open(real, os.O_RDONLY | flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise _not_regular()
            if st.st_size > limit:
                raise _too_large(st.st_size)
            with os.fdopen(fd, "rb", closefd=False) as fh:
                # the size fstat gave, then whatever the file grew by since, still bounded (read(limit + 1) at
                # once made a buffer of the limit for every file: 3 times the time of reading a case)
                data = fh.read(st.st_size + 1)
                if len(data) > st.st_size:
                    data += fh.read(limit + 1 - len(data))
            if len(data) > limit:
                raise _too_large(len(data))
            return data
        finally:
            os.close(fd)


class GitTree(Tree):
    """The files as committed at ``commit`` (a full hash), read through :mod:`generator.load.git`
    (one ``git cat-file --batch`` process while :func:`~generator.load.git.batched` is active)."""

    def __init__(self, root: str, commit: str):
        assert commit != WORKTREE
        self.root = root  # as given: the key of git.batched
        self.commit = commit
        self._folders: dict[str, dict[str, tuple[str, str]] | None] = {}

    def _folder(self, folder: str) -> dict[str, tuple[str, str]] | None:
        """name -> (mode, object id) of a folder ('' for the Planbook root), None when there is none."""
        if folder not in self._folders:
            if not folder:
                entries = git.tree(self.root, f"{self.commit}:{git.prefix_of(self.root)}")
            else:
                parent, _, name = folder.rpartition("/")
                above = self._folder(parent)
                entry = above.get(name) if above else None
                entries = git.tree(self.root, entry[1]) if entry and entry[0] == git.FOLDER else None
            self._folders[folder] = entries
        return self._folders[folder]

    def _entry(self, rel: str) -> tuple[str, str] | None:
        folder, _, name = rel.rpartition("/")
        entries = self._folder(folder)
        return entries.get(name) if entries else None

    def files(self) -> tuple[str, ...]:
        out: list[str] = []
        top = self._folder("") or {}
        if CONFIG_NAME in top and top[CONFIG_NAME][0] != git.FOLDER:
            out.append(CONFIG_NAME)

        def walk(folder: str) -> None:
            entries = self._folder(folder) or {}
            names = sorted(n for n in entries if not hidden(n))
            # files (and links) first, as on disk; a submodule (mode 160000) is no file
            out.extend(f"{folder}/{n}" for n in names if entries[n][0] in (git.FILE, git.EXECUTABLE,
                                                                           git.LINK))
            for n in names:
                if entries[n][0] == git.FOLDER:
                    walk(f"{folder}/{n}")

        for top_dir in (PLANS_DIR, CASES_DIR, DRILLS_DIR):
            if top.get(top_dir, ("",))[0] == git.FOLDER:
                walk(top_dir)
        return tuple(out)

    def read(self, rel: str, limit: int) -> bytes:
        path, entry, links = rel, self._entry(rel), 0
        while entry is not None and entry[0] == git.LINK:
            links += 1
            target = git.blob(self.root, entry[1]) if links <= MAX_LINKS else None
            if target is None:
                raise OSError(errno.ELOOP, "Too many levels of symbolic links") if links > MAX_LINKS else \
                OSError(errno.EIO, "Symbolic link that git cannot read")
            # a link is followed inside the repository only, like the working tree's
            to = target.decode("utf-8", "surrogateescape")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), to))
            if posixpath.isabs(to) or path == ".." or path.startswith("../"):
                raise _out_of_repository()
            entry = self._entry(path)
        if entry is None:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory")
        if entry[0] not in (git.FILE, git.EXECUTABLE):
            raise _not_regular()
        data = git.blob(self.root, entry[1])
        if data is None:
            raise OSError(errno.EIO, "File that git cannot read")
        if len(data) > limit:
            raise _too_large(len(data))
        return data
