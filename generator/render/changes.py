"""The change table (修订对照表) as rows of a two-column table, for the site page and the PDF alike.

From a :class:`~generator.diff.ChangeTable` only: each change becomes one row with the old clause
(原条文) and the new clause (修订后条文), split into lines of pieces whose ``op`` says how to mark them:
"same", "removed" (struck through) or "added" (underlined).  The templates decide the markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..diff.compare import inline, label
from ..diff.table import Change, ChangeKind, ChangeTable, Segment, Side, Subject
from ..model.plan import Status

#: the file name (without suffix) of a draft revision's change table
DRAFT = "draft"

Line = tuple[Segment, ...]


@dataclass(frozen=True)
class Clause:
    """One side of a row: where the clause stands (head) and its text, as marked lines."""

    head: tuple[Line, ...]
    body: tuple[Line, ...]
    empty: str = ""  # “（无）” / “（删除）” when this side has no clause

    @property
    def text(self) -> str:
        return "\n".join("".join(s.text for s in line) for line in self.head + self.body)


@dataclass(frozen=True)
class Row:
    number: int
    kind: str  # ChangeKind value: added / removed / changed / moved / renamed
    kind_label: str  # 新增 / 删除 / 修改 / 移动 / 更名
    old: Clause
    new: Clause
    detail: str  # what moved where, which fields changed

    @property
    def note(self) -> str:
        """说明: the kind, then the detail."""
        return "；".join(p for p in (self.kind_label, self.detail) if p)


@dataclass(frozen=True)
class Group:
    what: str  # Subject value
    label: str  # 基本信息 / 正文 / 机构 …
    rows: tuple[Row, ...]


def slug(table: ChangeTable) -> str:
    """File name of a change table: v1.0-v1.1, or ``draft`` when the new side is the text being built."""
    if table.new.commit == "worktree":
        return DRAFT
    return f"v{_safe(table.old.version)}-v{_safe(table.new.version)}"


def _safe(version: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", version or "") or "_"


def side_label(side: Side) -> str:
    """“1.1 版（2026年2月1日批准）” / “1.2 版修订草案（未批准）”."""
    version = f"{side.version} 版" if side.version else "未写版本号的文本"
    if side.status == Status.approved.value and side.commit != "worktree":
        when = side.approved
        return f"{version}（{when.year}年{when.month}月{when.day}日批准）" if when else f"{version}（已批准）"
    if side.status == Status.approved.value:
        return f"{version}（批准后的改动，未作为新版本批准）"
    return f"{version}修订草案（未批准）"


def is_draft(table: ChangeTable) -> bool:
    """The new side is not an approved version: a draft revision in progress."""
    return table.new.commit == "worktree" or table.new.status != Status.approved.value


def _lines(segments: tuple[Segment, ...] | list[Segment], keep: str) -> tuple[Line, ...]:
    """The pieces of one side ("same" and ``keep``), split into lines."""
    lines: list[list[Segment]] = [[]]
    for seg in segments:
        if seg.op not in ("same", keep):
            continue
        parts = seg.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(Segment(seg.op, part))
    return tuple(tuple(line) for line in lines if line)


def _pair(old: str, new: str) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    segs = inline(old, new)
    return _lines(segs, "removed"), _lines(segs, "added")


def _whole(text: str, op: str) -> tuple[Line, ...]:
    return _lines([Segment(op, text)], op)


def _head(c: Change, old: bool) -> str:
    if c.what is Subject.metadata:
        return label(c.id)
    path = c.old_path if old else c.new_path
    title = c.old_title if old else c.new_title
    if c.what is Subject.section:
        return path
    return f"{path}　{title}" if path else title


def _detail(c: Change) -> str:
    pos = c.field("position")
    parts = []
    if pos is not None:
        parts.append(f"由原“{pos.old}”调整至“{pos.new}”")
    names = [label(f.field) for f in c.fields if f.field not in ("position",)
             and c.what is not Subject.metadata]
    if c.kind in (ChangeKind.changed, ChangeKind.renamed, ChangeKind.moved) and names:
        parts.append("改动：" + "、".join(dict.fromkeys(names)))
    return "；".join(parts)


def row(c: Change, number: int) -> Row:
    if c.kind is ChangeKind.added:
        old = Clause((), (), "（无）")
        new = Clause(_whole(_head(c, False), "added"), _whole(c.new_text, "added"))
    elif c.kind is ChangeKind.removed:
        old = Clause(_whole(_head(c, True), "removed"), _whole(c.old_text, "removed"))
        new = Clause((), (), "（删除）")
    else:
        oh, nh = _pair(_head(c, True), _head(c, False))
        if c.what is Subject.metadata:  # the head is the field's name; the value is the clause
            oh = nh = _whole(_head(c, True), "same")
            short = max(len(c.old_text), len(c.new_text)) <= 20  # a date or number: replaced as a whole
            ob, nb = (_whole(c.old_text, "removed"), _whole(c.new_text, "added")) if short else \
                _pair(c.old_text, c.new_text)
        else:
            ob, nb = _pair(c.old_text, c.new_text)
        old, new = Clause(oh, ob, "" if ob or oh else "（无）"), Clause(nh, nb, "" if nb or nh else "（无）")
    return Row(number, c.kind.value, c.kind.label, old, new, _detail(c))


def groups(table: ChangeTable) -> list[Group]:
    """The rows in the order of the table, grouped by what they are about, numbered 1, 2, 3 … throughout."""
    out: list[Group] = []
    n = 0
    for what in Subject:
        rows = []
        for c in table.of(what):
            n += 1
            rows.append(row(c, n))
        if rows:
            out.append(Group(what.value, what.label, tuple(rows)))
    return out


def counts_text(table: ChangeTable) -> str:
    """“共 9 处修订：修改 6，更名 1，移动 1，新增 1”."""
    counts = table.counts()
    parts = [f"{k.label} {counts[k]}" for k in ChangeKind if counts[k]]
    return f"共 {len(table.changes)} 处修订：" + "，".join(parts) if table.changes else "两个版本没有差别"
