"""P5xx: a plan's life: approved with its chain and dates, reviewed on time, superseded properly."""
from __future__ import annotations

import re

from ..model import Status
from .registry import Context, did_you_mean, hit, repeated, rule

DOC_NUMBER_RE = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")


@rule("P501", "error", "已批准的预案缺少审批链中的“{step}”", "an approved plan lacks the '{step_en}' step of its approval chain",
      "在 approval 中写 drafted（编制）、reviewed（审核）、approved（审批），各含 by 和 date。",
      "Fill approval.drafted, approval.reviewed and approval.approved, each with by and date.",
      summary="已批准预案缺审批链")
def approval_chain(ctx: Context):
    """状态为 approved 的预案必须有完整的审批链：编制、审核、审批，每步有人和日期。"""
    steps = (("drafted", "编制"), ("reviewed", "审核"), ("approved", "审批"))
    for plan in ctx.repo.plans:
        if plan.status is not Status.approved:
            continue
        for key, zh in steps:
            so = getattr(plan.approval, key) if plan.approval else None
            if so is None or so.date is None:
                where = so.loc if so is not None else (plan.approval.loc if plan.approval else plan.at("status"))
                yield hit(where, step=zh, step_en=key)


@rule("P502", "error", "已批准的预案缺少{what}", "an approved plan lacks its {what_en}",
      "写上 {key}: 年-月-日。附则中的施行日期应与 effective 一致。", "Add '{key}: YYYY-MM-DD'.",
      summary="已批准预案缺日期或文号")
def approved_dates(ctx: Context):
    """状态为 approved 的预案必须有批准日期（approved）、施行日期（effective）和版本号（version）。"""
    for plan in ctx.repo.plans:
        if plan.status is not Status.approved:
            continue
        for key, zh, en in (("approved", "批准日期", "approval date"), ("effective", "施行日期", "effective date"),
                            ("version", "版本号", "version")):
            if not getattr(plan, key):
                yield hit(plan.at("status"), what=zh, what_en=en, key=key)


@rule("P503", "warning", "预案已超过评估修订期限（应于 {due} 前评估，已超期 {days} 天）",
      "the plan's review is overdue (due {due}, {days} days ago)",
      "组织评估；修订后更新 version、approved，并把 next_review 设为下次评估日期。应急预案编制单位应建立定期评估制度，"
      "原则上每 3 年评估一次（《突发事件应急预案管理办法》，国办发〔2024〕5号）；周期见 planbook.yml 的 review_cycle。",
      "Review the plan, then update version, approved and next_review (the 2024 Measures for emergency plans: "
      "evaluate regularly, in principle every 3 years).", summary="预案超期未评估")
def review_overdue(ctx: Context):
    """预案要按周期评估修订：next_review（或批准日期加 planbook.yml 中的 review_cycle，默认 3 年）已过即提醒。"""
    months = ctx.repo.config.review_cycle.months
    for plan in ctx.repo.plans:
        if plan.status is Status.superseded:
            continue
        due = plan.review_due(months)
        if due is not None and due < ctx.today:
            where = plan.at("next_review") if plan.next_review else plan.at("approved")
            yield hit(where, due=due.isoformat(), days=(ctx.today - due).days)


@rule("P511", "warning", "预案将于 {due} 到期评估修订（还有 {days} 天）", "the plan's review is due on {due} (in {days} days)",
      "提前安排评估；修订后更新 version、approved 和 next_review。", "Plan the review now.",
      summary="预案即将到期评估（check --due）")
def review_soon(ctx: Context):
    """只在 ``planbook check --due 60d`` 时报告：评估修订日期落在今后这段时间内的预案（已超期的由 P503 报告）。"""
    if ctx.due_within is None:
        return
    months = ctx.repo.config.review_cycle.months
    for plan in ctx.repo.plans:
        due = plan.review_due(months) if plan.status is not Status.superseded else None
        if due is not None and ctx.today <= due <= ctx.today + ctx.due_within:
            where = plan.at("next_review") if plan.next_review else plan.at("approved")
            yield hit(where, due=due.isoformat(), days=(due - ctx.today).days)


@rule("P504", "error", "已废止的预案没有写明由哪个预案接替", "a superseded plan names no successor",
      "写上 successor: 新预案的 id。", "Add 'successor: <id of the new plan>'.", summary="废止预案无接替预案")
def superseded_has_successor(ctx: Context):
    """状态为 superseded 的预案必须用 successor 指明接替它的预案。"""
    for plan in ctx.repo.plans:
        if plan.status is Status.superseded and not plan.successor:
            yield hit(plan.at("status"))


@rule("P505", "error", "接替预案“{ref}”不存在{suggestion}", "the successor '{ref}' does not exist{suggestion_en}",
      "successor 写库中另一个预案的 id。", "Name another plan's id.", summary="接替预案不存在")
def successor_exists(ctx: Context):
    """successor 必须是库中另一个预案的 id。"""
    ids = [p.id for p in ctx.repo.plans]
    for plan in ctx.repo.plans:
        if plan.successor and plan.successor not in ctx.repo.plan_by_id:
            yield hit(plan.at("successor"), ref=plan.successor, suggestion=did_you_mean(plan.successor, ids, "zh"),
                      suggestion_en=did_you_mean(plan.successor, ids, "en"))


@rule("P506", "error", "接替关系形成循环：{chain}", "the successor chain loops: {chain}",
      "预案不能接替自己，接替链也不能绕回来。", "A plan cannot succeed itself, directly or through others.",
      summary="接替关系循环")
def successor_cycle(ctx: Context):
    """接替关系不能成环，预案也不能把自己写成 successor。"""
    by_id = ctx.repo.plan_by_id
    reported: set[str] = set()
    for plan in ctx.repo.plans:
        chain = [plan.id]
        cur = plan
        while cur.successor and cur.successor in by_id:
            if cur.successor in chain:
                loop = chain[chain.index(cur.successor):] + [cur.successor]
                if plan.id == cur.successor and plan.id not in reported:
                    reported.update(loop)
                    yield hit(plan.at("successor"), chain=" → ".join(loop))
                break
            chain.append(cur.successor)
            cur = by_id[cur.successor]


@rule("P507", "error", "预案标识“{id}”重复（另见 {other}）", "plan id '{id}' is used twice (see also {other})",
      "每个预案的 id 在库中唯一。", "Plan ids must be unique in the repository.", summary="预案标识重复", guard=True)
def plan_ids_unique(ctx: Context):
    """库中各预案的 id 不能重复。"""
    for plan, first in repeated(ctx.repo.plans):
        yield hit(plan.at("id"), id=plan.id, other=first.loc.path)


@rule("P508", "error", "施行日期 {effective} 早于批准日期 {approved}", "effective {effective} is before approval {approved}",
      "预案批准后才能施行。", "A plan takes effect after it is approved.", summary="施行早于批准")
def effective_after_approval(ctx: Context):
    """施行日期不能早于批准日期。"""
    for plan in ctx.repo.plans:
        if plan.approved and plan.effective and plan.effective < plan.approved:
            yield hit(plan.at("effective"), effective=plan.effective.isoformat(), approved=plan.approved.isoformat())


@rule("P509", "warning", "发文字号“{value}”不合公文格式", "the document number '{value}' does not follow GB/T 9704",
      "格式为 机关代字〔年份〕序号号，年份用六角括号，不加“第”，序号不编虚位：如 青政发〔2025〕8号。",
      "Write e.g. 青政发〔2025〕8号: year in 〔〕, no 第, no leading zeros.", summary="发文字号格式")
def document_number_format(ctx: Context):
    """发文字号按 GB/T 9704：``青政发〔2025〕8号``；``青政发[2025]第08号`` 不合格式。"""
    for plan in ctx.repo.plans:
        if plan.document_number and not DOC_NUMBER_RE.match(plan.document_number):
            yield hit(plan.at("document_number"), value=plan.document_number)


@rule("P510", "warning", "只有已废止的预案才写 successor", "only a superseded plan names a successor",
      "若该预案已被接替，请把 status 改为 superseded；否则删除 successor。",
      "Set status: superseded, or remove 'successor'.", summary="未废止却写了接替预案")
def successor_only_when_superseded(ctx: Context):
    """status 不是 superseded 却写了 successor 时提醒。"""
    for plan in ctx.repo.plans:
        if plan.successor and plan.status is not Status.superseded:
            yield hit(plan.at("successor"))
