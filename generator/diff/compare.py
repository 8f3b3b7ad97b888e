"""Comparing two versions of a plan clause by clause.

Items are matched by id, so a section that was moved or renamed shows as moved or
renamed, not as removed and added.  Sections without an id fall back to their
title, then to the similarity of their text (difflib).  Levels, bodies, posts,
deadlines and steps always have ids.  People are those of the roster whom the
plan refers to (directly, or through a post they hold).
"""
from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..findings import Loc
from ..model import Plan, Roster, Section
from ..model.common import Labelled, Limit, Record
from ..model.repository import Directory
from ..numbering import numbered_sections
from ..privacy import mask_mobile
from .table import Change, ChangeKind, ChangeTable, FieldChange, Segment, Side, Subject

#: How similar (0–1) the text of two sections without id must be to count as the same section.
SIMILARITY = 0.6

#: Field labels for people: (Chinese, English).  Renderers use the same table.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("标题", "title"), "kind": ("类型", "kind"), "text": ("正文", "text"), "position": ("位置", "position"),
    "name": ("名称", "name"), "type": ("类型", "type"), "leader": ("组长", "leader"),
    "deputies": ("副组长", "deputies"), "members": ("成员", "members"), "seat": ("设在", "seat"),
    "duties": ("职责", "duties"), "role": ("类别", "role"), "holder": ("担任者", "holder"),
    "backup": ("替补", "backup"), "colour": ("颜色", "colour"), "criteria": ("判定标准", "criteria"),
    "lead": ("牵头", "lead"), "report_to": ("报告对象", "report to"), "actions": ("响应措施", "actions"),
    "event": ("完成事件", "event"), "trigger": ("起算事件", "trigger"), "limit": ("时限", "limit"),
    "max": ("最长延期", "max"), "owner": ("责任", "owner"), "recipient": ("对象", "recipient"),
    "levels": ("适用级别", "levels"), "when": ("适用条件", "when"), "stage": ("环节", "stage"),
    "deadlines": ("时限", "deadlines"), "next": ("后续步骤", "next"), "post": ("职务", "post"),
    "unit": ("部门", "unit"), "phones": ("电话", "phones"), "roles": ("值守角色", "roles"),
    "status": ("状态", "status"), "version": ("版本", "version"), "issuer": ("发文机关", "issuer"),
    "document_number": ("发文字号", "document number"), "signatory": ("签发人", "signatory"),
    "approved": ("批准日期", "approved"), "effective": ("施行日期", "effective"),
    "next_review": ("下次评估修订", "next review"), "approval": ("审批链", "approval chain"),
    "addressees": ("主送", "addressees"), "copied_to": ("抄送", "copied to"), "printed_by": ("印发机关", "printed by"),
    "printed": ("印发日期", "printed"), "successor": ("接替预案", "successor"), "roster": ("通讯录", "roster"),
    "numbering": ("编排", "numbering"),
}

# Fields compared for each kind of item, in display order (the first is its name).
_ITEM_FIELDS: dict[Subject, tuple[str, ...]] = {
    Subject.body: ("name", "type", "leader", "deputies", "members", "seat", "duties"),
    Subject.post: ("name", "role", "holder", "backup", "duties"),
    Subject.level: ("name", "colour", "criteria", "lead", "report_to", "actions"),
    Subject.deadline: ("name", "event", "trigger", "limit", "max", "owner", "recipient", "levels", "when", "text"),
    Subject.step: ("name", "stage", "owner", "deadlines", "text", "next"),
    Subject.person: ("name", "post", "unit", "phones", "roles", "backup"),
}
_REF_FIELDS = frozenset({"leader", "deputies", "members", "holder", "backup", "lead", "report_to", "owner",
                         "recipient"})
_TEXT_FIELDS = frozenset({"text"})
_META_FIELDS = ("title", "kind", "status", "version", "issuer", "document_number", "signatory", "approved",
                "effective", "next_review", "approval", "addressees", "copied_to", "printed_by", "printed",
                "successor", "roster", "numbering")


def label(field: str, lang: str = "zh") -> str:
    pair = FIELD_LABELS.get(field)
    return (pair[0] if lang == "zh" else pair[1]) if pair else field


# --------------------------------------------------------------------------- values as text

def _scalar(v: Any, names: Callable[[str], str] | None = None) -> str:
    if v is None:
        return ""
    if isinstance(v, Labelled):
        return v.label
    if isinstance(v, Limit):
        return v.text
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, Record):  # the approval chain
        parts = []
        for f in dataclasses.fields(v):
            if "doc" in f.metadata and (x := getattr(v, f.name)) is not None:
                by = getattr(x, "by", "")
                parts.append(f"{f.metadata['doc']} {names(by) if names and by else _scalar(by)}"
                             + (f"（{x.date.isoformat()}）" if getattr(x, "date", None) else ""))
        return "；".join(parts)
    return str(v)


def _items(v: Any, names: Callable[[str], str] | None) -> tuple[str, ...]:
    if isinstance(v, tuple):
        return tuple(names(x) if names else _scalar(x) for x in v)
    return (names(v) if names and v else _scalar(v),) if v not in (None, "") else ()


def inline(old: str, new: str) -> tuple[Segment, ...]:
    """Character-level comparison (Chinese has no spaces to split words on)."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[Segment] = []
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op == "equal":
            out.append(Segment("same", old[a1:a2]))
            continue
        if a2 > a1:
            out.append(Segment("removed", old[a1:a2]))
        if b2 > b1:
            out.append(Segment("added", new[b1:b2]))
    return tuple(out)


def _field_change(field: str, old: Any, new: Any, old_names, new_names) -> FieldChange | None:
    on = old_names if field in _REF_FIELDS else None
    nn = new_names if field in _REF_FIELDS else None
    if isinstance(old, tuple) or isinstance(new, tuple):
        a, b = _items(old, on), _items(new, nn)
        raw_a, raw_b = _items(old, None), _items(new, None)
        if raw_a == raw_b:
            return None
        removed = tuple(x for x, r in zip(a, raw_a, strict=True) if r not in raw_b)
        added = tuple(x for x, r in zip(b, raw_b, strict=True) if r not in raw_a)
        return FieldChange(field, "、".join(a), "、".join(b), removed, added)
    a, b = _scalar(old, old_names), _scalar(new, new_names)
    if on is not None and old:
        a = on(old)
    if nn is not None and new:
        b = nn(new)
    if _scalar(old) == _scalar(new):
        return None
    segs = inline(a, b) if field in _TEXT_FIELDS else ()
    return FieldChange(field, a, b, segments=segs)


def _clause(item: Any, fields: Sequence[str], names) -> str:
    """An item as lines of “label：value”, for the two-column table."""
    lines = []
    for f in fields:
        v = getattr(item, f, None)
        nm = names if f in _REF_FIELDS else None
        text = "、".join(_items(v, nm)) if isinstance(v, tuple) else (nm(v) if nm and v else _scalar(v))
        if text:
            lines.append(f"{label(f)}：{text}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- order

def _stayed(order: list[int]) -> set[int]:
    """Positions in ``order`` forming its longest increasing run: the items that did not move."""
    if not order:
        return set()
    import bisect
    tails: list[int] = []
    tails_at: list[int] = []
    prev = [-1] * len(order)
    for i, v in enumerate(order):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_at.append(i)
        else:
            tails[k] = v
            tails_at[k] = i
        prev[i] = tails_at[k - 1] if k else -1
    out, i = set(), tails_at[-1]
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


# --------------------------------------------------------------------------- sections



@dataclass(frozen=True, slots=True)
class _Node:
    section: Section
    parent: int  # index of the parent node, -1 at the top
    index: int  # position among its siblings
    number: str  # 三、 / （一） / 第五条
    trail: str  # the numbers and titles from the top: 三、监测预警 › （一）预警


def _flatten(plan: Plan) -> list[_Node]:
    """The plan's sections in reading order, numbered by numbering.numbered_sections (as the site and
    the PDF number them)."""
    nodes: list[_Node] = []

    def add(numbered, parent: int, trail: str) -> None:
        for i, n in enumerate(numbered):
            here = f"{n.number}{n.title}"
            full = f"{trail} › {here}" if trail else here
            nodes.append(_Node(n.section, parent, i, n.number, full))
            add(n.children, len(nodes) - 1, full)

    add(numbered_sections(plan), -1, "")
    return nodes


def _similarity(a: Section, b: Section) -> float:
    x, y = f"{a.title or ''}\n{a.text}", f"{b.title or ''}\n{b.text}"
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    if sm.real_quick_ratio() < SIMILARITY or sm.quick_ratio() < SIMILARITY:
        return 0.0
    return sm.ratio()


def _match_sections(old: list[_Node], new: list[_Node]) -> dict[int, tuple[int, str]]:
    """old node -> (new node, how): by id, then (where a side has no id) by title, then by text."""
    pairs: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    new_by_id: dict[str, int] = {}
    for j, n in enumerate(new):
        if n.section.id:
            new_by_id.setdefault(n.section.id, j)
    for i, o in enumerate(old):
        j = new_by_id.get(o.section.id) if o.section.id else None
        if j is not None and j not in taken:
            pairs[i] = (j, "id")
            taken.add(j)

    def open_pair(i: int, j: int) -> bool:  # two different ids are two different sections
        return i not in pairs and j not in taken and not (old[i].section.id and new[j].section.id)

    for i, o in enumerate(old):
        if i in pairs or not o.section.title:
            continue
        for j, n in enumerate(new):
            if open_pair(i, j) and n.section.title == o.section.title:
                pairs[i] = (j, "title")
                taken.add(j)
                break
    scored = sorted(((s, i, j) for i in range(len(old)) for j in range(len(new)) if open_pair(i, j)
                     and (s := _similarity(old[i].section, new[j].section)) >= SIMILARITY), key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in scored:
        if open_pair(i, j):
            pairs[i] = (j, "text")
            taken.add(j)
    return pairs


def _section_changes(old_plan: Plan, new_plan: Plan) -> list[Change]:
    old, new = _flatten(old_plan), _flatten(new_plan)
    pairs = _match_sections(old, new)
    back = {j: i for i, (j, _) in pairs.items()}
    # moved: another parent, or out of order among the siblings that stayed with the same parent
    moved: set[int] = set()
    groups: dict[int, list[int]] = {}
    for i, (j, _) in pairs.items():
        op, np_ = old[i].parent, new[j].parent
        same_parent = (op == -1 and np_ == -1) or (op != -1 and pairs.get(op, (None,))[0] == np_)
        if same_parent:
            groups.setdefault(np_, []).append(j)
        else:
            moved.add(i)
    for js in groups.values():
        js.sort(key=lambda j: new[j].index)
        order = [old[back[j]].index for j in js]
        keep = _stayed(order)
        moved.update(back[j] for k, j in enumerate(js) if k not in keep)

    changes: list[Change] = []
    for j, n in enumerate(new):
        s = n.section
        if j not in back:
            changes.append(Change(ChangeKind.added, Subject.section, s.id or "", new_title=s.title or "",
                                  new_path=n.trail, new_text=s.text, new_loc=_loc(s), matched_by=""))
            continue
        i = back[j]
        o = old[i]
        fields = [fc for f in ("title", "kind", "text")
                  if (fc := _field_change(f, getattr(o.section, f), getattr(s, f), None, None))]
        if i in moved:
            fields.insert(0, FieldChange("position", o.trail, n.trail))
        if not fields:
            continue
        names = {f.field for f in fields}
        kind = ChangeKind.renamed if "title" in names else ChangeKind.moved if names == {"position"} \
            else ChangeKind.changed
        changes.append(Change(kind, Subject.section, s.id or o.section.id or "", o.section.title or "",
                              s.title or "", o.trail, n.trail, o.section.text, s.text, _loc(o.section), _loc(s),
                              tuple(fields), pairs[i][1]))
    for i, o in enumerate(old):
        if i not in pairs:
            s = o.section
            changes.append(Change(ChangeKind.removed, Subject.section, s.id or "", old_title=s.title or "",
                                  old_path=o.trail, old_text=s.text, old_loc=_loc(s), matched_by=""))
    return changes


def _loc(r: Record) -> Loc | None:
    return r.loc if r.loc.path else None


# --------------------------------------------------------------------------- items with ids

def _item_changes(what: Subject, old: Sequence[Any], new: Sequence[Any], old_names, new_names,
                  where: str) -> list[Change]:
    fields = _ITEM_FIELDS[what]
    old_by_id: dict[str, int] = {}
    for i, x in enumerate(old):
        old_by_id.setdefault(x.id, i)
    new_by_id: dict[str, int] = {}
    for j, x in enumerate(new):
        new_by_id.setdefault(x.id, j)
    matched = [(old_by_id[x.id], j) for j, x in enumerate(new) if new_by_id[x.id] == j and x.id in old_by_id]
    keep = _stayed([i for i, _ in matched])
    moved = {j for k, (_, j) in enumerate(matched) if k not in keep}
    changes: list[Change] = []
    pos = (lambda k: f"{where} 第 {k + 1} 项") if where else (lambda k: "")
    for j, x in enumerate(new):
        if new_by_id[x.id] != j:
            continue
        title = _scalar(getattr(x, "name", ""))
        if x.id not in old_by_id:
            changes.append(Change(ChangeKind.added, what, x.id, new_title=title, new_path=pos(j),
                                  new_text=_clause(x, fields, new_names), new_loc=_loc(x), matched_by=""))
            continue
        i = old_by_id[x.id]
        o = old[i]
        diffs = [fc for f in fields if (fc := _field_change(f, getattr(o, f), getattr(x, f), old_names, new_names))]
        if j in moved and where:
            diffs.insert(0, FieldChange("position", pos(i), pos(j)))
        if not diffs:
            continue
        names = {d.field for d in diffs}
        kind = ChangeKind.renamed if "name" in names else ChangeKind.moved if names == {"position"} \
            else ChangeKind.changed
        changes.append(Change(kind, what, x.id, _scalar(o.name), title, pos(i) if where else "",
                              pos(j) if where else "", _clause(o, fields, old_names), _clause(x, fields, new_names),
                              _loc(o), _loc(x), tuple(diffs)))
    for i, o in enumerate(old):
        if old_by_id[o.id] == i and o.id not in new_by_id:
            changes.append(Change(ChangeKind.removed, what, o.id, old_title=_scalar(getattr(o, "name", "")),
                                  old_path=pos(i), old_text=_clause(o, fields, old_names), old_loc=_loc(o),
                                  matched_by=""))
    return changes


def _metadata_changes(old: Plan, new: Plan, old_names, new_names) -> list[Change]:
    changes = []
    for f in _META_FIELDS:
        fc = _field_change(f, getattr(old, f), getattr(new, f), old_names, new_names)
        if fc is None:
            continue
        kind = ChangeKind.added if not fc.old else ChangeKind.removed if not fc.new else ChangeKind.changed
        changes.append(Change(kind, Subject.metadata, f, label(f), label(f), old_text=fc.old, new_text=fc.new,
                              old_loc=old.at(f) if f in old.locs else None,
                              new_loc=new.at(f) if f in new.locs else None, fields=(fc,)))
    return changes


# --------------------------------------------------------------------------- people

def referenced_people(plan: Plan, roster: Roster | None) -> list:
    """The roster people the plan names, directly or through a post they hold, in roster order."""
    if roster is None:
        return []
    d = Directory(plan, roster)
    refs: list[str] = []
    org = plan.organization
    for b in org.bodies if org else ():
        refs += [*b.leader, *b.deputies, *b.members]
    for p in org.posts if org else ():
        refs += [*p.holder, *p.backup]
    for lv in plan.levels:
        refs += [*lv.lead, *lv.report_to]
    for dl in plan.deadlines:
        refs += [*dl.owner, *dl.recipient]
    for st in plan.procedure:
        refs += list(st.owner)
    if plan.approval:
        refs += [s.by for s in (plan.approval.drafted, plan.approval.reviewed, plan.approval.approved) if s]
    ids: set[str] = set()
    for r in refs:
        t = d.resolve(r)
        if t is not None:
            ids.update(p.id for p in t.people)
    return [p for p in roster.people if p.id in ids]


def _masked(person):
    return dataclasses.replace(person, phones=tuple(mask_mobile(x) for x in person.phones))


def _namer(plan: Plan, roster: Roster | None) -> Callable[[str], str]:
    """A reference as people read it: the id of a person, body or post becomes its name; other references
    (posts by title, units) stay as written."""
    names = {p.id: p.name for p in roster.people} if roster else {}
    org = plan.organization
    for item in (*(org.bodies if org else ()), *(org.posts if org else ())):
        names.setdefault(item.id, item.name)
    return lambda ref: names.get(ref, ref)


# --------------------------------------------------------------------------- entry

def compare(old: Plan, new: Plan, old_roster: Roster | None = None, new_roster: Roster | None = None,
            old_side: Side | None = None, new_side: Side | None = None) -> ChangeTable:
    """The change table from ``old`` to ``new``, in the order of :class:`Subject`."""
    on, nn = _namer(old, old_roster), _namer(new, new_roster)
    oo, no = old.organization, new.organization
    changes = _metadata_changes(old, new, on, nn)
    changes += _section_changes(old, new)
    changes += _item_changes(Subject.body, oo.bodies if oo else (), no.bodies if no else (), on, nn, "机构")
    changes += _item_changes(Subject.post, oo.posts if oo else (), no.posts if no else (), on, nn, "岗位")
    changes += _item_changes(Subject.person, [_masked(p) for p in referenced_people(old, old_roster)],
                             [_masked(p) for p in referenced_people(new, new_roster)], on, nn, "")
    changes += _item_changes(Subject.level, old.levels, new.levels, on, nn, "分级")
    changes += _item_changes(Subject.deadline, old.deadlines, new.deadlines, on, nn, "时限")
    changes += _item_changes(Subject.step, old.procedure, new.procedure, on, nn, "处置流程")
    return ChangeTable(new.id, new.title, old_side or side_of(old), new_side or side_of(new), tuple(changes))


def side_of(plan: Plan, rev: str = "", date=None) -> Side:
    return Side(rev, plan.version, plan.status.value, plan.approved, date, plan.loc.path)
