"""P3xx: deadlines parse (P301, in the loader), chain sensibly and cover every level;
the procedure's steps point at real deadlines and steps."""
from __future__ import annotations

from ..model import EventType, LimitUnit
from ..model.plan import REPORT_EVENTS
from .registry import Context, did_you_mean, hit, repeated, rule


@rule("P302", "error", "时限“{name}”的最长延期 {max} 短于正常时限 {limit}",
      "deadline '{name}': the extended maximum {max} is shorter than the limit {limit}",
      "max 是经批准延长后的最长时限，应不短于 limit（如 limit: 3日, max: 5日）。",
      "'max' is the longest allowed after extension; it must not be shorter than 'limit'.",
      summary="延期上限短于时限")
def extension_within_max(ctx: Context):
    """延期上限（max）不得短于正常时限（limit），时点类时限不能延期。

    正确：``limit: 3日`` ``max: 5日``；错误：``limit: 5日`` ``max: 3日``。
    """
    for plan in ctx.repo.plans:
        for d in plan.deadlines:
            if d.max is None:
                continue
            if LimitUnit.time_of_day in (d.limit.unit, d.max.unit) or d.max.minutes < d.limit.minutes:
                yield hit(d.at("max"), name=d.name, max=d.max.text, limit=d.limit.text)


@rule("P303", "error", "口头报告时限（{early}）晚于书面报告时限（{late}）",
      "the oral report ({early}) is due after the written report ({late})",
      "先口头报告、后书面报告：口头报告的时限应短于书面报告。",
      "The oral report comes first: its limit must be shorter than the written report's.",
      summary="报告时限先后矛盾")
def report_chain(ctx: Context):
    """同一起算事件、适用级别有交集时，口头报告不得晚于书面报告到期。

    正确：口头报告 30分钟、书面报告 90分钟；错误：口头报告 2小时、书面报告 90分钟。
    """
    for plan in ctx.repo.plans:
        timed = [d for d in plan.deadlines if d.limit.unit is not LimitUnit.time_of_day]
        for oral in (d for d in timed if d.event is EventType.oral_report):
            for written in (d for d in timed if d.event is EventType.written_report):
                overlap = not oral.levels or not written.levels or set(oral.levels) & set(written.levels)
                if oral.trigger is written.trigger and overlap and oral.limit.minutes > written.limit.minutes:
                    yield hit(oral.at("limit"), early=oral.limit.text, late=written.limit.text)
                    break


@rule("P304", "error", "级别“{level}”没有报告时限", "level '{level}' has no reporting deadline",
      "为这一级别写一个口头报告、书面报告或特报时限（event: oral_report / written_report / special_report），"
      "或把已有时限的 levels 扩大到这一级。",
      "Add an oral, written or special report deadline that applies to this level.",
      summary="级别缺少报告时限")
def level_reporting(ctx: Context):
    """每个级别都至少适用一个报告时限（口头报告、书面报告或特报）。"""
    for plan in ctx.repo.plans:
        for lv in plan.levels:
            if not any(d.event in REPORT_EVENTS and (not d.levels or lv.id in d.levels) for d in plan.deadlines):
                yield hit(lv.loc, level=lv.name)


@rule("P305", "error", "时限“{name}”适用的级别“{value}”不存在{suggestion}",
      "deadline '{name}' applies to level '{value}', which does not exist{suggestion_en}",
      "可用的级别：{allowed}", "Levels: {allowed}", summary="时限引用了不存在的级别")
def deadline_levels_exist(ctx: Context):
    """时限的 levels 只能写本预案 levels 中的 id。"""
    for plan in ctx.repo.plans:
        ids = [lv.id for lv in plan.levels]
        for d in plan.deadlines:
            for i, lv in enumerate(d.levels):
                if lv not in ids:
                    yield hit(d.at("levels", i), name=d.name, value=lv, allowed="、".join(ids) or "（无）",
                              suggestion=did_you_mean(lv, ids, "zh"), suggestion_en=did_you_mean(lv, ids, "en"))


@rule("P306", "error", "{what}标识“{id}”重复", "{what_en} id '{id}' is used twice",
      "时限和步骤的 id 在本预案内各自唯一。", "Deadline and step ids must be unique within a plan.",
      summary="时限或步骤标识重复", guard=True)
def deadline_step_ids(ctx: Context):
    """同一预案内时限 id、步骤 id 不能重复。"""
    for plan in ctx.repo.plans:
        for items, what, what_en in ((plan.deadlines, "时限", "deadline"), (plan.procedure, "步骤", "step")):
            for x, _ in repeated(items):
                yield hit(x.at("id"), what=what, what_en=what_en, id=x.id)


@rule("P307", "error", "步骤“{step}”引用的{what}“{value}”不存在{suggestion}",
      "step '{step}' refers to the {what_en} '{value}', which does not exist{suggestion_en}",
      "可用的标识：{allowed}", "Ids: {allowed}", summary="步骤引用了不存在的时限或步骤")
def step_references(ctx: Context):
    """处置步骤的 deadlines 要引用本预案的时限 id，next 要引用步骤 id。"""
    for plan in ctx.repo.plans:
        deadline_ids = [d.id for d in plan.deadlines]
        step_ids = [s.id for s in plan.procedure]
        # a deadline that did not build (its limit unreadable: P301) is reported there, not at every step
        written = {key: sum(1 for k in plan.locs if k.startswith(key + ".")) for key in ("deadlines", "procedure")}
        dropped = {"deadlines": written["deadlines"] > len(plan.deadlines),
                   "next": written["procedure"] > len(plan.procedure)}
        for s in plan.procedure:
            for key, ids, what, what_en in (("deadlines", deadline_ids, "时限", "deadline"),
                                            ("next", step_ids, "步骤", "step")):
                for i, ref in enumerate(getattr(s, key)):
                    if ref not in ids and not dropped[key]:
                        yield hit(s.at(key, i), step=s.name, what=what, what_en=what_en, value=ref,
                                  allowed="、".join(ids) or "（无）", suggestion=did_you_mean(ref, ids, "zh"),
                                  suggestion_en=did_you_mean(ref, ids, "en"))


@rule("P308", "error", "时限“{name}”的起算事件与完成事件相同（{event}）",
      "deadline '{name}' starts and ends with the same event ({event})",
      "trigger 是开始计时的事件（通常是 discovered 发现），event 是完成时限的事件。",
      "'trigger' starts the clock (usually discovered); 'event' meets the deadline.",
      summary="时限起止事件相同")
def trigger_differs(ctx: Context):
    """时限的 trigger 与 event 不能是同一事件。"""
    for plan in ctx.repo.plans:
        for d in plan.deadlines:
            if d.trigger is d.event:
                yield hit(d.at("trigger"), name=d.name, event=d.event.label)
