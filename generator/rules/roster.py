"""R1xx: a roster can be relied on mid-incident: every person reachable, every id real."""
from __future__ import annotations

from collections import Counter

from ..model.common import phone_kind, placeholder_in
from .registry import Context, did_you_mean, hit, repeated, rule


@rule("R101", "error", "“{name}”没有电话", "'{name}' has no phone number",
      "在 phones 中至少写一个手机号或带区号的固定电话。", "Add a mobile or a landline with its area code.",
      summary="人员没有电话")
def person_has_phone(ctx: Context):
    """通讯录中每个人至少要有一个有效电话。"""
    for roster in ctx.repo.rosters:
        for p in roster.people:
            if not p.phones:
                yield hit(p.loc, name=p.name)


@rule("R102", "error", "电话“{number}”格式不对", "'{number}' is not a valid phone number",
      "手机号为 11 位（如 13800000001）；固定电话要带区号（如 0123-5550101，分机用 - 或“转”）。",
      "A mobile has 11 digits; a landline needs its area code (0123-5550101).", summary="电话格式不对")
def phone_valid(ctx: Context):
    """电话必须是 11 位手机号，或带区号的固定电话。

    正确：``13800000001``、``0123-5550101``、``0123-5550101转8001``；错误：``5550101``（缺区号）。
    """
    for roster in ctx.repo.rosters:
        for rec in (*roster.people, *roster.units):
            for i, number in enumerate(rec.phones):
                if phone_kind(number) is None and not placeholder_in(number):  # a placeholder is P601/P602
                    yield hit(rec.at("phones", i), number=number)


@rule("R103", "error", "{what}标识“{id}”在通讯录中重复", "{what_en} id '{id}' is used twice in the roster",
      "人员和单位的 id 在通讯录中唯一。", "Person and unit ids must be unique in a roster.", summary="通讯录标识重复", guard=True)
def roster_ids_unique(ctx: Context):
    """通讯录中人员、单位的 id 不能重复。"""
    for roster in ctx.repo.rosters:
        tagged = [(x, "人员", "person") for x in roster.people] + [(x, "单位", "unit") for x in roster.units]
        for (x, what, what_en), _ in repeated(tagged, key=lambda t: t[0].id):
            yield hit(x.at("id"), what=what, what_en=what_en, id=x.id)


@rule("R104", "error", "{field}“{ref}”不是通讯录中的人员{suggestion}", "{field_en} '{ref}' is not a person of the roster{suggestion_en}",
      "写通讯录中人员的 id。", "Use a person id from this roster.", summary="替补或值班人员不存在")
def roster_people_exist(ctx: Context):
    """backup（AB 岗）和值班表中的 leader、staff 都要是本通讯录中的人员 id，且替补不能是本人。"""
    for roster in ctx.repo.rosters:
        ids = [p.id for p in roster.people]
        idset = set(ids)
        for p in roster.people:
            if p.backup and (p.backup not in idset or p.backup == p.id):
                yield hit(p.at("backup"), field="替补", field_en="backup", ref=p.backup,
                          suggestion=did_you_mean(p.backup, ids, "zh") if p.backup != p.id else "（不能是本人）",
                          suggestion_en=did_you_mean(p.backup, ids, "en") if p.backup != p.id else " (not oneself)")
        for shift in roster.rota:
            refs = ([("leader", None, shift.leader)] if shift.leader else []) + \
                   [("staff", i, s) for i, s in enumerate(shift.staff)]
            for key, index, ref in refs:
                if ref not in idset:
                    yield hit(shift.at(key, index), field="值班人员", field_en="duty person", ref=ref,
                              suggestion=did_you_mean(ref, ids, "zh"), suggestion_en=did_you_mean(ref, ids, "en"))


@rule("R105", "error", "值班安排要写 date（日期）或 weekday（1–7）之一", "a shift needs either a date or a weekday (1-7)",
      "按日期排班写 date: 2025-05-01；按星期循环写 weekday: 1（星期一）… 7（星期日）。",
      "Write 'date: 2025-05-01' or 'weekday: 1' … 'weekday: 7'.", summary="值班安排缺日期")
def shift_when(ctx: Context):
    """值班表每一项写 date 或 weekday（1–7）之一。"""
    for roster in ctx.repo.rosters:
        for shift in roster.rota:
            has_day = shift.weekday is not None and 1 <= shift.weekday <= 7
            if (shift.date is None) == (shift.weekday is None) or (shift.weekday is not None and not has_day):
                yield hit(shift.loc)


@rule("R106", "error", "通讯录标识“{id}”重复（另见 {other}）", "roster id '{id}' is used twice (see also {other})",
      "每个通讯录的 id 在库中唯一。", "Roster ids must be unique in the repository.", summary="通讯录标识重复", guard=True)
def roster_unique(ctx: Context):
    """库中各通讯录的 id 不能重复。"""
    for roster, first in repeated(ctx.repo.rosters):
        yield hit(roster.at("id"), id=roster.id, other=first.loc.path)


@rule("R107", "warning", "电话“{number}”在通讯录中出现了 {count} 次", "phone '{number}' appears {count} times",
      "多人共用一个号码时请确认无误（常见于复制粘贴后忘记修改）。", "Check numbers copied and not changed.",
      summary="多人共用同一手机号")
def phone_shared(ctx: Context):
    """同一个手机号出现在多个人名下，多半是复制后忘了改。"""
    for roster in ctx.repo.rosters:
        counts = Counter(n for p in roster.people for n in p.phones if phone_kind(n) == "mobile")
        for p in roster.people:
            for i, n in enumerate(p.phones):
                if counts[n] > 1:
                    yield hit(p.at("phones", i), number=n, count=counts[n])
