"""C3xx: each case met the deadlines of its plan (measured by generator.compliance)."""
from __future__ import annotations

from ..compliance import Calendar, Outcome, format_delta, measure
from ..model import Case
from .registry import Context, hit, rule


def measured(ctx: Context, records):
    """(record, Measure) for every deadline of each record's plan (cases and drills alike); records whose plan
    or level is unknown are left to the reference rules."""
    for record in records:
        for m in _measures(ctx, record):
            yield record, m


def _measures(ctx: Context, record) -> tuple:
    """The measures of one record; C301 and C302 read the same case one after the other: the last record's
    measures are kept for the next rule."""
    last = _last[0]  # one read: another thread replaces the whole tuple, never a part of it
    if last[0] is not ctx or last[1] is not record:
        plan = ctx.repo.plan_by_id.get(record.plan)
        found: tuple = ()
        if plan is not None and record.level in {lv.id for lv in plan.levels}:
            found = measure(record, plan, Calendar.of(ctx.repo.config))
        last = _last[0] = (ctx, record, found)
    return last[2]


_last: list[tuple] = [(None, None, ())]


@rule("C301", "warning", "时限“{name}”超时 {late}：应于 {due} 前{event}，实际 {done}",
      "deadline '{name}' missed by {late}: due {due}, done {done}",
      "在 lessons 中写明超时原因；确有批准延期的，在时间线上记一条 event: extended。",
      "Say why in 'lessons'; record an approved extension as an 'extended' timeline entry.",
      summary="案例超过预案时限", per_case=True)
def deadline_missed(ctx: Context, case: Case):
    """案例时间线上完成某时限的事件晚于到期时间（延期须有 extended 记录且不超过 max）。"""
    for _, m in measured(ctx, (case,)):
        if m.outcome is Outcome.late:
            index = case.timeline.index(m.entry)
            yield hit(case.at("timeline", index), name=m.deadline.name, late=format_delta(m.late_by),
                      due=f"{m.due:%Y-%m-%d %H:%M}", done=f"{m.done:%Y-%m-%d %H:%M}", event=m.deadline.event.label)


@rule("C302", "warning", "时限“{name}”没有记录：时间线上找不到{start}之后的“{event}”（event: {event_en}）",
      "deadline '{name}' is not recorded: no '{event_en}' entry after {start}",
      "补记该事件及时间；如确未办理，在 lessons 中说明。", "Record the event, or say in 'lessons' why it did not happen.",
      summary="案例缺少时限要求的记录", per_case=True)
def deadline_not_recorded(ctx: Context, case: Case):
    """预案要求的事件（如书面报告）在案例时间线上没有记录。"""
    for _, m in measured(ctx, (case,)):
        if m.outcome is Outcome.not_recorded:
            yield hit(case.at("timeline"), name=m.deadline.name, event=m.deadline.event.label,
                      event_en=m.deadline.event.value, start=f"{m.start:%Y-%m-%d %H:%M}")
