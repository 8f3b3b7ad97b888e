"""D2xx: drills (演练) are consistent with their plan; D3xx: every current plan is drilled within its cycle, drills
meet the plan's deadlines, follow-up actions of drills and cases are done on time."""
from __future__ import annotations

import datetime as dt

from ..compliance import Outcome, format_delta
from ..model import Case, Drill, Plan, Status
from ..model.common import add_months
from ..model.repository import Repository
from .cases import unknown_levels, unknown_plans
from .compliance import measured
from .registry import Context, did_you_mean, for_each_case, hit, repeated, rule

SOURCE = "《突发事件应急预案管理办法》（国办发〔2024〕5号）"


@rule("D201", "error", "演练的预案“{ref}”不存在{suggestion}", "the drill's plan '{ref}' does not exist{suggestion_en}",
      "plan 写预案的 id。", "Use a plan id.", summary="演练的预案不存在")
def drill_plan_exists(ctx: Context):
    """演练的 plan 必须是库中预案的 id。预案文件在、只是读取失败时不报（该文件自己的错误说明原因）。"""
    yield from unknown_plans(ctx, ctx.repo.drills)


@rule("D202", "error", "预案“{plan}”中没有级别“{level}”{suggestion}", "plan '{plan}' has no level '{level}'{suggestion_en}",
      "该预案的级别：{allowed}", "Its levels: {allowed}", summary="演练级别不在预案中")
def drill_level_exists(ctx: Context):
    """演练的 level 必须是其预案 levels 中的 id。"""
    yield from unknown_levels(ctx, ctx.repo.drills)


@rule("D203", "error", "参演人员“{ref}”不在预案“{plan}”的通讯录中{suggestion}",
      "participant '{ref}' is not in the roster of plan '{plan}'{suggestion_en}",
      "participants 写通讯录中的人员 id（或姓名）。", "Name roster people by id or name.", summary="参演人员不在通讯录中")
def drill_participants(ctx: Context):
    """参演人员（participants）要是演练预案所用通讯录中的人员（按 id 或姓名）。"""
    for d in ctx.repo.drills:
        plan = ctx.repo.plan_by_id.get(d.plan)
        roster = ctx.repo.roster_for(plan) if plan else None
        if roster is None:
            continue
        known = {p.id for p in roster.people} | {p.name for p in roster.people}
        for i, ref in enumerate(d.participants):
            if ref not in known:
                ids = [p.id for p in roster.people]
                yield hit(d.at("participants", i), ref=ref, plan=plan.id, suggestion=did_you_mean(ref, ids, "zh"),
                          suggestion_en=did_you_mean(ref, ids, "en"))


@rule("D204", "error", "演练编号“{id}”重复（另见 {other}）", "drill id '{id}' is used twice (see also {other})",
      "每次演练的 id 在库中唯一；可用 planbook new drill 生成新编号。", "Drill ids must be unique.",
      summary="演练编号重复", guard=True)
def drill_ids_unique(ctx: Context):
    """演练编号在整个库中唯一。"""
    for d, first in repeated(ctx.repo.drills):
        yield hit(d.at("id"), id=d.id, other=first.loc.path)


@rule("D205", "error", "情景所取的案例“{ref}”不存在{suggestion}", "the drill's case '{ref}' does not exist{suggestion_en}",
      "from_case 写办结案例的编号，如 2025-003。", "Name a case id.", summary="演练情景的案例不存在")
def drill_case_exists(ctx: Context):
    """from_case 必须是库中案例的编号。"""
    ids = list(ctx.case_ids)  # every case has passed (registry.check_case)
    for d in ctx.repo.drills:
        if d.from_case and d.from_case not in ids:
            yield hit(d.at("from_case"), ref=d.from_case, suggestion=did_you_mean(d.from_case, ids, "zh"),
                      suggestion_en=did_you_mean(d.from_case, ids, "en"))


@rule("D206", "warning", "演练中时限“{name}”{result}", "in the drill, deadline '{name}' {result_en}",
      "在 findings 中写明原因，并把改进写进 actions（责任人、期限）。",
      "Say why in 'findings' and add an action with owner and due date.", summary="演练未达到预案时限")
def drill_deadlines(ctx: Context):
    """演练的时间线按预案时限核对，与案例相同：超时或没有记录都提醒（演练就是为了发现这些）。"""
    for d, m in measured(ctx, ctx.repo.drills):
        if m.outcome is Outcome.late:
            yield hit(d.at("timeline", d.timeline.index(m.entry)), name=m.deadline.name,
                      result=f"超时 {format_delta(m.late_by)}（应于 {m.due:%Y-%m-%d %H:%M} 前）",
                      result_en=f"was missed by {format_delta(m.late_by)}")
        elif m.outcome is Outcome.not_recorded:
            yield hit(d.at("timeline"), name=m.deadline.name, result=f"没有记录（event: {m.deadline.event.value}）",
                      result_en="is not recorded")


def drill_due(plan: Plan, repo: Repository) -> tuple[dt.date | None, dt.date | None]:
    """(the last drill of ``plan``, the day its next drill is due): the last drill's date (or, never drilled,
    the plan's approval or effective date) plus planbook.yml's drill_cycle."""
    dates = [d.date for d in repo.drills_of(plan)]
    last = max(dates) if dates else None
    start = last or plan.approved or plan.effective
    return last, (add_months(start, repo.config.drill_cycle.months) if start else None)


@rule("D301", "warning", "预案超过演练周期未演练（应于 {due} 前演练，{last}）",
      "the plan has not been drilled within its cycle (due {due}; {last_en})",
      "组织一次演练，用 planbook new drill 记录；周期见 planbook.yml 的 drill_cycle（默认 3年，可设得更短）。"
      "应急预案编制单位应建立演练制度、定期组织演练（" + SOURCE + "）。",
      "Hold a drill and record it with planbook new drill (the 2024 Measures: plans are drilled regularly).",
      summary="预案超期未演练")
def plan_drilled(ctx: Context):
    """每个已批准的预案在演练周期（planbook.yml 的 drill_cycle，默认 3年）内至少演练一次：
    自上次演练（从未演练的，自批准日期）起算。"""
    for plan in ctx.repo.plans:
        if plan.status is not Status.approved:
            continue
        last, due = drill_due(plan, ctx.repo)
        if due is not None and due < ctx.today:
            yield hit(plan.at("approved") if plan.approved else plan.at("status"), due=due.isoformat(),
                      last=f"上次演练 {last}" if last else "从未演练",
                      last_en=f"last drilled {last}" if last else "never drilled")


@rule("D302", "warning", "整改事项“{action}”已过期限 {due}（责任人：{owner}）",
      "the follow-up action '{action}' is overdue since {due} (owner: {owner})",
      "完成后写上 done: 完成日期；需要延期的，改 due 并在正文说明原因。",
      "Write 'done: <date>' once done, or move 'due' and say why.", summary="整改事项过期未完成")
def actions_overdue(ctx: Context):
    """演练和案例的整改事项（actions）过了期限（due）还没有完成日期（done）时提醒。"""
    for record in ctx.repo.drills:
        yield from _overdue(ctx, record)


@for_each_case("D302")
def case_actions_overdue(ctx: Context, case: Case):
    yield from _overdue(ctx, case)


def _overdue(ctx: Context, record: Drill | Case):
    for a in record.actions:
        if a.done is None and a.due < ctx.today:
            text = a.action.strip().splitlines()[0] if a.action.strip() else ""
            yield hit(a.at("due"), action=text[:30], due=a.due.isoformat(), owner=a.owner)
