"""A plan as it was at a git commit, or in the working tree,, with the roster it used.

The files of a commit are read by the same :class:`~generator.load.repo.Loader` as the working tree
(a :class:`~generator.load.tree.GitTree` instead of a :class:`~generator.load.tree.WorkTree`), so findings
keep their file:line; only the plan file and its roster are read and built, not the whole commit.  A
problem with git itself (not a repository, an unknown commit, no such plan at that commit) is a
:class:`~generator.load.git.GitError` with a message for people; a broken file at the old
commit comes back as findings, like ``check``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..model import Plan, Roster
from .git import WORKTREE, GitError, batched, commit_date, resolve
from .repo import Loader
from .tree import GitTree, WorkTree


@dataclass(frozen=True, slots=True)
class PlanAt:
    """A plan as it was at one commit, with its roster and what loading it found."""

    commit: str  # the full commit hash, or WORKTREE
    path: str  # repository-relative path of plan.yml
    plan: Plan | None  # None when the file could not be read or built
    roster: Roster | None
    findings: tuple[Finding, ...]  # the plan file's, and the roster file's when it has one
    date: dt.datetime | None = None  # the commit's date (None for the working tree)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Problems that stop the file from being read (syntax, encoding, schema)."""
        return tuple(f for f in self.findings if f.severity is Severity.error)


#: root -> (commit -> its Loader), while :func:`reading` runs
_SCOPES: dict[str, dict[str, Loader]] = {}


@contextlib.contextmanager
def reading(root: str) -> Iterator[None]:
    """While the block runs, the objects of ``root`` come from one git process (:func:`batched`) and each
    commit's files are read and built once, however many questions are asked of it."""
    if root in _SCOPES:
        yield
        return
    _SCOPES[root] = {}
    try:
        with batched(root):
            yield
    finally:
        _SCOPES.pop(root, None)


def at_commit(root: str, commit: str) -> Loader:
    """The loader of ``commit`` (a full hash): the same one for the whole of a :func:`reading` block."""
    scope = _SCOPES.get(root)
    if scope is None:
        return Loader(GitTree(root, commit))
    if commit not in scope:
        scope[commit] = Loader(GitTree(root, commit))
    return scope[commit]


def plan_in(loader: Loader, rel: str) -> PlanAt:
    """The plan file ``rel`` of the loader's tree, with its roster."""
    plan, found = loader.record(rel, Plan)
    roster = None
    if isinstance(plan, Plan):
        roster, more = loader.roster_for(plan)
        found += more
    commit = loader.tree.commit
    return PlanAt(commit, rel, plan if isinstance(plan, Plan) else None, roster, found,
                  None if commit == WORKTREE else commit_date(loader.tree.root, commit))


def load_path_at(root: str, commit: str, rel: str) -> PlanAt:
    """The plan file ``rel`` at ``commit`` (a full hash), with its roster."""
    return plan_in(at_commit(root, commit), rel)


def load_plan_at(root: str, rev: str, plan_id: str, worktree: Loader | None = None) -> PlanAt:
    """Plan ``plan_id`` as it was at ``rev`` (a git commit, branch, tag or HEAD~1, or WORKTREE for the files on disk, read by
    ``worktree`` when the caller has loaded them already).

    Raises :class:`GitError` when git cannot answer or the plan is not there.
    """
    commit = resolve(root, rev)
    if commit == WORKTREE:
        work = worktree or Loader(WorkTree(root))
        repo = work.repository().repo
        plan = repo.plan_by_id.get(plan_id)
        if plan is not None:
            return plan_in(work, plan.loc.path)
        rel = work.plan_files().get(plan_id)
        if rel is not None:  # a plan file with that id that does not build
            return PlanAt(WORKTREE, rel, None, None, work.record(rel, Plan)[1])
        raise GitError(f"工作区中没有预案“{plan_id}”。可用：{'、'.join(repo.plan_by_id) or '（无）'}",
                            f"no plan '{plan_id}' in the working tree; there are: "
                            f"{', '.join(repo.plan_by_id) or '(none)'}")
    loader = at_commit(root, commit)
    paths = loader.plan_files()
    rel = paths.get(plan_id)
    if rel is None:
        raise GitError(f"提交 {rev}（{commit[:10]}）中没有预案“{plan_id}”。那时有：{'、'.join(paths) or '（无）'}",
                            f"no plan '{plan_id}' at commit {rev} ({commit[:10]}); there were: "
                            f"{', '.join(paths) or '(none)'}")
    return plan_in(loader, rel)


def plan_ids(work: Loader) -> list[str]:
    """Ids of the plans of a tree: those that load, then those that do not (read from their ``id:`` line)."""
    ids = list(work.repository().repo.plan_by_id)
    ids += [pid for pid in work.plan_files() if pid not in ids]
    return ids
