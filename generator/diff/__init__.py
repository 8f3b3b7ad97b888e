"""Comparing versions of a plan (修订对照) and listing its approved versions.

``diff_plan`` loads two versions (git commits or the working tree) and returns a
:class:`ChangeTable`; ``approved_versions`` reads the approved versions from git
history.  Everything returned is frozen data that the terminal, the site's change
table page and the two-column PDF render alike (see docs/versions.md).
"""
from __future__ import annotations

from ..errors import PlanbookError
from ..findings import Finding
from ..load.git import WORKTREE, GitError
from ..load.plan_at import PlanAt, load_plan_at, reading
from ..load.repo import Loader
from ..load.tree import WorkTree
from .compare import FIELD_LABELS, compare, label, referenced_people
from .table import Change, ChangeKind, ChangeTable, FieldChange, Segment, Side, Subject
from .versions import (
    ApprovedVersion,
    PlanVersions,
    approved_versions,
    last_approved,
    plan_versions,
    repository_versions,
    side,
    tag_name,
)


class BrokenVersion(PlanbookError):
    """The plan file cannot be read at one of the commits; ``findings`` say why, with file:line."""

    def __init__(self, at: PlanAt):
        where_zh, where_en = ("工作区", "the working tree") if at.commit == WORKTREE else \
            (f"提交 {at.commit[:10]}", f"commit {at.commit[:10]}")
        super().__init__(f"{where_zh}中的预案文件 {at.path} 有错误，无法对照。",
                         f"the plan file {at.path} has errors in {where_en}: it cannot be compared", path=at.path)
        self.at = at

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.at.errors or self.at.findings


def load_version(root: str, rev: str, plan_id: str, worktree: Loader | None = None) -> PlanAt:
    """The plan at ``rev`` (the working tree read by ``worktree`` when given); raises GitError or
    BrokenVersion."""
    at = load_plan_at(root, rev, plan_id, worktree)
    if at.plan is None:
        raise BrokenVersion(at)
    return at


def diff_plan(root: str, plan_id: str, old_rev: str, new_rev: str = WORKTREE,
              worktree: Loader | None = None) -> ChangeTable:
    """The change table of plan ``plan_id`` from ``old_rev`` to ``new_rev`` (git commits or WORKTREE; the
    working tree read by ``worktree`` when the caller has loaded it)."""
    worktree = worktree or Loader(WorkTree(root))  # reads nothing until asked; then once for both sides
    with reading(root):
        old = load_version(root, old_rev, plan_id, worktree)
        new = load_version(root, new_rev, plan_id, worktree)
    return compare(old.plan, new.plan, old.roster, new.roster, side(old), side(new))  # type: ignore[arg-type]


__all__ = [
    "ApprovedVersion", "BrokenVersion", "PlanVersions", "Change", "ChangeKind", "ChangeTable", "FIELD_LABELS", "FieldChange",
    "GitError", "Segment", "Side", "Subject", "WORKTREE", "approved_versions", "compare", "diff_plan",
    "label", "last_approved", "load_version", "plan_versions", "referenced_people", "repository_versions", "tag_name",
]
