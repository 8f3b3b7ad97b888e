"""The change table (修订对照表) as data: what the terminal, the site and the PDF render.

Everything here is a frozen dataclass of plain values (strings, tuples, dates),
so a renderer needs nothing but this module.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..findings import Loc
from ..model.common import Labelled


class ChangeKind(Labelled):
    added = "added", "新增"
    removed = "removed", "删除"
    changed = "changed", "修改"
    moved = "moved", "移动"
    renamed = "renamed", "更名"


class Subject(Labelled):
    """What a change is about, in the order a change table lists them."""

    metadata = "metadata", "基本信息"
    section = "section", "正文"
    body = "body", "机构"
    post = "post", "岗位"
    person = "person", "人员"
    level = "level", "分级"
    deadline = "deadline", "时限"
    step = "step", "处置流程"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an inline text comparison: ``op`` is "same", "removed" or "added"."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a matched item that differs.

    ``old``/``new`` are the values as display text ('' when absent).  For list
    fields (members, criteria …) ``removed``/``added`` name the items that went and
    came; for text fields ``segments`` is the character-level comparison.
    """

    field: str  # the key in the file: "title", "text", "members", "limit", "position" …
    old: str
    new: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the change table: an item added, removed, changed, moved or renamed.

    ``kind`` is the headline: ``renamed`` when the title or name changed, else
    ``moved`` when only the place changed, else ``changed``; ``fields`` says
    everything that differs (a renamed section may also have moved and new text).
    ``old_path``/``new_path`` say where the item stands: for sections the number
    and the titles above it (“三、（一）监测预警 › 预警”), for other items their list
    and position (“时限 第 2 项”).  ``old_text``/``new_text`` are the whole clause
    as text, for the two-column table.
    """

    kind: ChangeKind
    what: Subject
    id: str  # the item's id; the field name for metadata; '' for a section without id
    old_title: str = ""
    new_title: str = ""
    old_path: str = ""
    new_path: str = ""
    old_text: str = ""
    new_text: str = ""
    old_loc: Loc | None = None  # file:line in the old version (at the old commit)
    new_loc: Loc | None = None
    fields: tuple[FieldChange, ...] = ()
    matched_by: str = "id"  # how the old and new item were paired: "id", "title", "text", or "" (added/removed)

    @property
    def title(self) -> str:
        return self.new_title or self.old_title

    def field(self, name: str) -> FieldChange | None:
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two versions compared."""

    commit: str  # full commit hash, or "worktree"
    version: str  # the plan's version field
    status: str  # draft / approved / superseded
    approved: dt.date | None
    date: dt.datetime | None  # commit date (None for the working tree)
    path: str  # repository-relative path of plan.yml

    @property
    def short(self) -> str:
        return self.commit if self.commit == "worktree" else self.commit[:10]


@dataclass(frozen=True, slots=True)
class ChangeTable:
    """The clause-level comparison of two versions of one plan (修订对照表)."""

    plan_id: str
    title: str  # the new version's title
    old: Side
    new: Side
    changes: tuple[Change, ...]

    @property
    def old_version(self) -> str:
        return self.old.version

    @property
    def new_version(self) -> str:
        return self.new.version

    @property
    def old_commit(self) -> str:
        return self.old.commit

    @property
    def new_commit(self) -> str:
        return self.new.commit

    def of(self, what: Subject | str, kind: ChangeKind | str | None = None) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.what == what and (kind is None or c.kind == kind))

    def counts(self) -> dict[ChangeKind, int]:
        out = {k: 0 for k in ChangeKind}
        for c in self.changes:
            out[c.kind] += 1
        return out
