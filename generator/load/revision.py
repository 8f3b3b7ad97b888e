"""Loading a plan (and the roster it uses) as it was at a git revision.

The text comes from ``git show REV:path`` and goes through the same composer and
:class:`Builder` as the working tree, so findings keep their file:line.  A
problem with git itself (not a repository, an unknown revision, no such plan
at that revision) is a :class:`RevisionError` with a message for people; a
broken file at the old revision comes back as findings, like ``check``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import selectors
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..errors import PlanbookError
from ..findings import Finding, Loc, Severity, finding
from ..model import Plan, Roster
from .build import Builder
from .repo import DEFAULT_TZ, PLANS_DIR, discover, load_repository
from .source import MAX_BYTES
from .yamlnodes import compose

#: The revision word for the files as they are now, uncommitted edits included.
WORKTREE = "worktree"


class RevisionError(PlanbookError):
    """Git could not give what was asked; the message is for people (Chinese, then English)."""


@dataclass(frozen=True, slots=True)
class PlanAt:
    """A plan as it was at one revision, with its roster and what loading it found."""

    rev: str  # the full commit hash, or WORKTREE
    path: str  # repository-relative path of plan.yml
    plan: Plan | None  # None when the file could not be read or built
    roster: Roster | None
    findings: tuple[Finding, ...]
    date: dt.datetime | None = None  # the commit's date (None for the working tree)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Problems that stop the file from being read (syntax, encoding, schema)."""
        return tuple(f for f in self.findings if f.severity is Severity.error)


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
        raise RevisionError(f"{root} 不在 git 仓库中，无法比较历史版本。", f"{root} is not in a git repository: "
                            "there are no versions to compare.", "先 git init 并提交。", "Run git init and commit first.")
    return out.strip()


def resolve(root: str, rev: str) -> str:
    """The full commit hash of ``rev`` (a hash, branch, tag, HEAD~2 …), or WORKTREE."""
    if rev == WORKTREE:
        return WORKTREE
    git_root(root)
    if rev.startswith("-"):
        raise RevisionError(f"修订版本“{rev}”无效。", f"bad revision '{rev}'")
    code, out = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if code != 0:
        raise RevisionError(f"git 中没有修订版本“{rev}”。", f"unknown revision '{rev}'",
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


#: (root, commit, folder) -> the files there: a commit's tree never changes (failures are not kept)
_TREES: dict[tuple[str, str, str], tuple[str, ...]] = {}


def files_at(root: str, commit: str, top: str = PLANS_DIR) -> list[str]:
    """Repository-relative paths of the files under ``top`` at ``commit``."""
    key = (root, commit, top)
    if key not in _TREES:
        prefix = prefix_of(root)
        code, out = git(root, "ls-tree", "-r", "--name-only", "--full-name", "-z", commit, "--", top)
        if code != 0:
            return []
        if len(_TREES) >= 256:
            _TREES.clear()
        _TREES[key] = tuple(sorted(p[len(prefix):] for p in str(out).split("\0") if p))
    return list(_TREES[key])


def decode(data: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    """Bytes from git as UTF-8 text, with the same findings as reading the file from disk."""
    loc = Loc(rel)
    if len(data) > MAX_BYTES:
        return None, [finding("F004", loc, size=f"{len(data) / 1024 / 1024:.1f} MB",
                              limit=f"{MAX_BYTES / 1024 / 1024:.1f} MB")]
    found: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        found.append(finding("F003", Loc(rel, 1, 1)))
    if b"\x00" in data[:8192]:
        return None, [finding("F005", loc)]
    try:
        return data.decode("utf-8"), found
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        try:
            gbk = any("\u4e00" <= ch <= "\u9fff" for ch in data.decode("gb18030"))
        except UnicodeDecodeError:
            gbk = False
        return None, found + [finding("F002" if gbk else "F006", Loc(rel, line, 1), line=line)]


def build_text(text: str, rel: str, cls: type, tz: dt.tzinfo) -> tuple[object | None, list[Finding]]:
    """A model record from YAML text, by the same composer and Builder as the working tree."""
    value, found = _built(text, rel, cls, tz)
    return value, list(found)


@functools.lru_cache(maxsize=256)
def _built(text: str, rel: str, cls: type, tz: dt.tzinfo) -> tuple[object | None, tuple[Finding, ...]]:
    # the same file is often the same text at many commits (a roster between plan revisions): built once
    node, found = compose(text, rel)
    if node is None:
        return None, tuple(found)
    b = Builder(rel, tz)
    value = b.build(cls, node)
    return value, tuple(found + b.findings)


def load_record_at(root: str, commit: str, rel: str, cls: type) -> tuple[object | None, list[Finding]]:
    """A plan or roster file at ``commit``: (record or None, findings); (None, []) when the file is not there."""
    data = show(root, commit, rel)
    if data is None:
        return None, []
    text, found = decode(data, rel)
    if text is None:
        return None, found
    value, more = build_text(text, rel, cls, _tz())
    return value, found + more


def plan_id_of(text: str) -> str | None:
    """The plan's id without building the whole file (top-level ``id:`` line)."""
    for line in text.splitlines():
        if line.startswith("id:"):
            return line[3:].split("#", 1)[0].strip().strip("'\"") or None
    return None


def plan_paths_at(root: str, commit: str) -> dict[str, str]:
    """plan id -> path of its plan.yml at ``commit`` (the first file wins for a repeated id)."""
    out: dict[str, str] = {}
    for rel in files_at(root, commit):
        name = rel.rsplit("/", 1)[-1].lower()
        if name in ("plan.yml", "plan.yaml") and not any(p.startswith((".", "_")) for p in rel.split("/")):
            data = show(root, commit, rel)
            text = decode(data, rel)[0] if data is not None else None
            pid = plan_id_of(text) if text else None
            if pid:
                out.setdefault(pid, rel)
    return out


def _tz() -> dt.tzinfo:
    return ZoneInfo(DEFAULT_TZ)  # plans hold dates only; the timezone does not change them


def _roster_at(root: str, commit: str, plan: Plan) -> tuple[Roster | None, list[Finding]]:
    rosters = [r for r in files_at(root, commit)
               if r.lower().endswith((".yml", ".yaml"))
               and (r.rsplit("/", 1)[-1].lower() in ("roster.yml", "roster.yaml") or "/rosters/" in r)]
    loaded: list[Roster] = []
    found: list[Finding] = []
    for rel in rosters:
        roster, problems = load_record_at(root, commit, rel, Roster)
        if isinstance(roster, Roster):
            loaded.append(roster)
            if plan.roster and roster.id == plan.roster:
                return roster, problems
        found.extend(problems)
    if not plan.roster and len(loaded) == 1:
        return loaded[0], []
    return None, []


def load_plan_at(root: str, rev: str, plan_id: str) -> PlanAt:
    """Plan ``plan_id`` as it was at ``rev`` (a git revision, or WORKTREE for the files on disk).

    Raises :class:`RevisionError` when git cannot answer or the plan is not there.
    """
    commit = resolve(root, rev)
    if commit == WORKTREE:
        loaded = load_repository(root)
        repo = loaded.repo
        plan = repo.plan_by_id.get(plan_id)
        if plan is None:
            broken = _broken_worktree_plan(root, plan_id, loaded.findings)
            if broken is not None:
                return broken
            raise RevisionError(f"工作区中没有预案“{plan_id}”。可用：{'、'.join(repo.plan_by_id) or '（无）'}",
                                f"no plan '{plan_id}' in the working tree; there are: "
                                f"{', '.join(repo.plan_by_id) or '(none)'}")
        mine = tuple(f for f in loaded.findings if f.loc.path == plan.loc.path)
        return PlanAt(WORKTREE, plan.loc.path, plan, repo.roster_for(plan), mine)
    paths = plan_paths_at(root, commit)
    rel = paths.get(plan_id)
    if rel is None:
        raise RevisionError(f"修订版本 {rev}（{commit[:10]}）中没有预案“{plan_id}”。那时有：{'、'.join(paths) or '（无）'}",
                            f"no plan '{plan_id}' at revision {rev} ({commit[:10]}); there were: "
                            f"{', '.join(paths) or '(none)'}")
    return load_path_at(root, commit, rel)


def load_path_at(root: str, commit: str, rel: str) -> PlanAt:
    """The plan file ``rel`` at ``commit`` (a full hash), with its roster."""
    plan, found = load_record_at(root, commit, rel, Plan)
    roster = None
    if isinstance(plan, Plan):
        roster, more = _roster_at(root, commit, plan)
        found += more
    return PlanAt(commit, rel, plan if isinstance(plan, Plan) else None, roster, tuple(found),
                  commit_date(root, commit))


def worktree_plan_ids(root: str) -> list[str]:
    """Ids of the plan files on disk, those that do not load included (read from their ``id:`` line)."""
    ids = list(load_repository(root).repo.plan_by_id)
    for rel in discover(root)[0]:
        try:
            with open(os.path.join(root, rel), encoding="utf-8") as fh:
                pid = plan_id_of(fh.read())
        except (OSError, UnicodeDecodeError):
            continue
        if pid and pid not in ids:
            ids.append(pid)
    return ids


def _broken_worktree_plan(root: str, plan_id: str, findings) -> PlanAt | None:
    """A plan file on disk whose id is ``plan_id`` but which could not be built."""
    for rel in discover(root)[0]:
        try:
            with open(os.path.join(root, rel), encoding="utf-8") as fh:
                if plan_id_of(fh.read()) != plan_id:
                    continue
        except (OSError, UnicodeDecodeError):
            continue
        return PlanAt(WORKTREE, rel, None, None, tuple(f for f in findings if f.loc.path == rel))
    return None
