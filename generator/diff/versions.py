"""A plan's approved versions, read from git history (see docs/versions.md).

The rule: a version is approved when the plan file is committed with
``status: approved`` and a ``version``.  Each distinct version number that was
committed as approved is one approved version; its text is that of the last commit
that changed it while it still said so (corrections made after approval count).
A git tag ``plan/<plan-id>/v<version>`` is an optional marker, shown when present;
it does not make a version approved.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..load.git import WORKTREE, GitError, git, git_root, prefix_of, resolve
from ..load.plan_at import PlanAt, at_commit, load_path_at, reading
from ..load.repo import Loader
from ..load.tree import WorkTree
from ..model import Plan, Roster
from ..model.plan import Status
from .compare import compare
from .table import ChangeTable, Side

#: One version of a plan and its roster as the readers of the output may see them (views.Masking.version), applied
#: to both sides before they are compared; None: as written (the office itself, planbook diff)
Shown = Callable[[Plan, Roster | None], tuple[Plan, Roster | None]]


def _as_written(plan: Plan, roster: Roster | None) -> tuple[Plan, Roster | None]:
    return plan, roster


@dataclass(frozen=True, slots=True)
class ApprovedVersion:
    """One approved version of a plan, as its git history shows it."""

    plan_id: str
    version: str
    title: str
    approved: dt.date | None  # the plan's approved date (批准日期)
    approver: str  # approval.approved.by as written (person id, post or name)
    approver_name: str  # the person's name when the roster knows the id, else as written
    commit: str  # the last commit that changed this approved version: the text in force
    marked: str  # the first commit in which the file said approved with this version
    date: dt.datetime  # when it was marked approved (date of ``marked``)
    path: str  # plan.yml at ``commit``
    tag: str | None  # plan/<plan-id>/v<version>, when that tag exists
    changes: ChangeTable | None  # against the previous approved version; None for the first

    @property
    def amended(self) -> bool:
        """Changed after approval without a new version number."""
        return self.commit != self.marked


def tag_name(plan_id: str, version: str) -> str:
    return f"plan/{plan_id}/v{version}"


def _history(root: str, path: str) -> list[tuple[str, dt.datetime, str]]:
    """(commit, date, path at that commit) for every commit touching the plan file, oldest first."""
    code, out = git(root, "log", "--follow", "--format=\x1e%H\x1f%aI", "--name-only", "--", path)
    if code != 0:
        return []
    prefix = prefix_of(root)  # git names files from its top level; Planbook from its root
    rows = []
    for chunk in str(out).split("\x1e")[1:]:
        head, _, files = chunk.partition("\n")
        commit, _, date = head.partition("\x1f")
        names = [f for f in files.splitlines() if f.strip()]
        try:
            when = dt.datetime.fromisoformat(date.strip())
        except ValueError:
            continue
        name = names[0] if names else prefix + path
        rows.append((commit, when, name[len(prefix):] if name.startswith(prefix) else name))
    rows.reverse()
    return rows


def _tags(root: str, plan_id: str) -> set[str]:
    code, out = git(root, "tag", "--list", f"plan/{plan_id}/v*")
    return set(str(out).split()) if code == 0 else set()


def current_path(root: str, plan_id: str, worktree: Loader | None = None) -> str | None:
    """The plan's file in the working tree (read by ``worktree`` when the caller has loaded it), or at HEAD
    when it is not there or does not load."""
    work = worktree or Loader(WorkTree(root))
    plan = work.repository().repo.plan_by_id.get(plan_id)
    if plan is not None:
        return plan.loc.path
    try:
        return at_commit(root, resolve(root, "HEAD")).plan_files().get(plan_id)
    except GitError:
        return None


def _approver(at: PlanAt) -> tuple[str, str]:
    a = at.plan.approval.approved if at.plan and at.plan.approval else None
    if a is None:
        return "", ""
    people = {p.id: p.name for p in at.roster.people} if at.roster else {}
    return a.by, people.get(a.by, a.by)


def approved_versions(root: str, plan_id: str, changes: bool = True, path: str | None = None,
                      worktree: Loader | None = None, shown: Shown | None = None) -> tuple[ApprovedVersion, ...]:
    """The plan's approved versions, oldest first, each with its change table against the one before
    (``changes=False`` leaves the tables out).  ``path``: the plan file now, when the caller knows it;
    otherwise it is found in the working tree as ``worktree`` loaded it (or loads it).

    ``shown`` masks each version for the output's readers before the tables are made.

    Raises :class:`GitError` outside git.
    """
    git_root(root)
    with reading(root):
        path = path or current_path(root, plan_id, worktree)
        return _approved_versions(root, plan_id, changes, path, shown or _as_written) if path is not None else ()


def _approved_versions(root: str, plan_id: str, changes: bool, path: str,
                       shown: Shown) -> tuple[ApprovedVersion, ...]:
    runs: list[dict] = []  # one per approved version: first and last commit
    for commit, when, rel in _history(root, path):
        plan, _ = at_commit(root, commit).record(rel, Plan)
        if not isinstance(plan, Plan) or plan.id != plan_id:
            continue
        if plan.status is not Status.approved or not plan.version:
            continue
        if runs and runs[-1]["version"] == plan.version:
            if plan != runs[-1]["plan"]:  # amended after approval (a commit that only moved the file is not)
                runs[-1].update(commit=commit, path=rel, plan=plan)
        else:
            runs.append({"version": plan.version, "marked": commit, "date": when, "commit": commit, "path": rel,
                         "plan": plan})
    tags = _tags(root, plan_id)
    out: list[ApprovedVersion] = []
    previous: PlanAt | None = None
    for run in runs:
        at = load_path_at(root, run["commit"], run["path"])
        if at.plan is None:
            continue
        table = None
        plan, roster = shown(at.plan, at.roster)
        if changes and previous is not None and previous.plan is not None:
            old_plan, old_roster = shown(previous.plan, previous.roster)
            table = compare(old_plan, plan, old_roster, roster, side(previous), side(at))
        by, name = _approver(at)
        tag = tag_name(plan_id, run["version"])
        a = at.plan.approval.approved if at.plan.approval else None
        out.append(ApprovedVersion(plan_id, run["version"], plan.title,
                                   at.plan.approved or (a.date if a else None), by, name, run["commit"],
                                   run["marked"], run["date"], run["path"], tag if tag in tags else None, table))
        previous = at
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PlanVersions:
    """What the site and the PDFs show of a plan's history: its approved versions and the draft revision."""

    plan_id: str
    versions: tuple[ApprovedVersion, ...]  # oldest first
    #: the last approved version against the text being built (修订草案), when the two differ
    draft: ChangeTable | None = None

    @property
    def tables(self) -> tuple[ChangeTable, ...]:
        """Every change table: between approved versions (oldest first), then the draft's."""
        out = tuple(v.changes for v in self.versions if v.changes is not None)
        return out + ((self.draft,) if self.draft is not None else ())


def plan_versions(root: str, plan: Plan, roster: Roster | None, shown: Shown | None = None) -> PlanVersions:
    """The approved versions of ``plan`` (as loaded from the working tree) and, when its text differs
    from the last approved version, the change table of that draft revision; every version masked by
    ``shown`` for the output's readers before it is compared.

    Raises :class:`GitError` outside git.
    """
    with reading(root):
        return _plan_versions(root, plan, roster, shown or _as_written)


def _plan_versions(root: str, plan: Plan, roster: Roster | None, shown: Shown) -> PlanVersions:
    versions = approved_versions(root, plan.id, path=plan.loc.path, shown=shown)
    draft = None
    if versions and plan.status is not Status.superseded:  # a superseded plan is no draft of anything
        last = versions[-1]
        at = load_path_at(root, last.commit, last.path)
        if at.plan is not None:
            now = Side(WORKTREE, plan.version, plan.status.value, plan.approved, None, plan.loc.path)
            table = compare(*_pair(shown, (at.plan, at.roster), (plan, roster)), side(at), now)
            draft = table if table.changes else None
    return PlanVersions(plan.id, versions, draft)


def _pair(shown: Shown, old: tuple[Plan, Roster | None], new: tuple[Plan, Roster | None]):
    """compare()'s first four arguments: the old and new plan, then their rosters, as ``shown``."""
    (op, orr), (np, nr) = shown(*old), shown(*new)
    return op, np, orr, nr


def repository_versions(root: str, repo, shown: Shown | None = None) -> dict[str, PlanVersions]:
    """plan id -> PlanVersions for every plan of a loaded repository (the working tree as the build loaded
    it: not read again), each version masked by ``shown`` for the build's readers; {} outside git."""
    out: dict[str, PlanVersions] = {}
    try:
        with reading(root):
            for plan in repo.plans:
                out[plan.id] = plan_versions(root, plan, repo.roster_for(plan), shown)
    except GitError:
        return {}
    return out


def last_approved(root: str, plan_id: str, path: str | None = None,
                  worktree: Loader | None = None) -> ApprovedVersion | None:
    versions = approved_versions(root, plan_id, changes=False, path=path, worktree=worktree)
    return versions[-1] if versions else None


def side(at: PlanAt) -> Side:
    """The Side of a change table for a loaded version."""
    p = at.plan
    assert p is not None
    return Side(at.commit, p.version, p.status.value, p.approved, at.date, at.path)
