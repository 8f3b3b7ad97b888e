"""P6xx: what a plan and its roster say holds true: no placeholders left, text that agrees with the data."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..model import Plan, Record, Roster, Status
from ..model.common import placeholder_in
from .registry import Context, hit, rule


def texts(rec: Record) -> Iterator[tuple[Record, str, int | None, str]]:
    """Every text a record holds, depth first: (record, key, index in a list or None, text)."""
    for f in dataclasses.fields(rec):
        if f.name in ("loc", "locs") or not f.metadata.get("written", True):
            continue
        value = getattr(rec, f.name)
        if isinstance(value, str):
            yield rec, f.name, None, value
        elif isinstance(value, Record):
            yield from texts(value)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield rec, f.name, i, item
                elif isinstance(item, Record):
                    yield from texts(item)


def _placeholders(ctx: Context, approved: bool):
    """Placeholders in the plans (approved or not) and in the rosters those plans use; a roster used by an
    approved plan counts as approved, one used by drafts only (or by none) as a draft."""
    repo = ctx.repo
    current = [p for p in repo.plans if p.status is not Status.superseded]
    approved_rosters = {id(r) for p in current if p.status is Status.approved if (r := repo.roster_for(p))}
    records: list[Plan | Roster] = [p for p in current if (p.status is Status.approved) == approved]
    records += [r for r in repo.rosters if (id(r) in approved_rosters) == approved]
    for record in records:
        for rec, key, index, text in texts(record):
            found = placeholder_in(text)
            if found:
                yield hit(rec.at(key, index), text=_short(text), found=found, key=key)


def _short(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 30 else line[:29] + "…"


@rule("P601", "error", "“{text}”还是占位内容（{found}），预案已批准", "'{text}' is still a placeholder ({found}) in an "
      "approved plan or the roster it uses",
      "换成真实的内容（姓名、电话、职务等）；已批准的预案和它使用的通讯录不能有“待填写”、XXX、某某之类的占位。",
      "Replace it with the real name, number or text: an approved plan and its roster cannot hold placeholders.",
      summary="已批准预案或其通讯录中留有占位内容")
def placeholder_approved(ctx: Context):
    """已批准（approved）的预案和它使用的通讯录中，不能留有占位内容：``planbook init`` 写的“待填写”，
    以及 XXX、×××、____、某某、○○ 等。值班时打过去的电话必须是真的。"""
    yield from _placeholders(ctx, True)


@rule("P602", "warning", "“{text}”还是占位内容（{found}）", "'{text}' is still a placeholder ({found})",
      "预案批准前把占位换成真实的内容；批准后这会是错误（P601）。",
      "Fill it in before the plan is approved; then it becomes an error (P601).",
      summary="草案或其通讯录中留有占位内容")
def placeholder_draft(ctx: Context):
    """草案（draft）和只被草案使用的通讯录中的占位内容，提醒在批准前填写。"""
    yield from _placeholders(ctx, False)
