"""C2xx: a case file is consistent with itself and with its plan."""
from __future__ import annotations

import datetime as dt

from ..findings import CODES, settled_severity
from ..model import Case
from ..model.common import ID_RE
from .registry import Context, did_you_mean, hit, rule


def closing_end(case: Case) -> dt.datetime:
    """The last moment of the closing day, in the timezone of the discovery time."""
    tz = case.discovered.tzinfo
    return dt.datetime.combine(case.closed, dt.time(23, 59, 59), tzinfo=tz)


@rule("C201", "error", "案例所依据的预案“{ref}”不存在{suggestion}", "the case's plan '{ref}' does not exist{suggestion_en}",
      "plan 写预案的 id（plans/<目录>/plan.yml 中的 id）。", "Use a plan id.", summary="案例的预案不存在", per_case=True)
def case_plan_exists(ctx: Context, case: Case):
    """案例的 plan 必须是库中预案的 id。预案文件在、只是读取失败时不报（该文件自己的错误说明原因）。"""
    yield from unknown_plans(ctx, (case,))


def unknown_plans(ctx: Context, records):
    """Hits for records (cases, drills) whose ``plan`` names no plan; not when that plan's file failed to load."""
    for r in records:
        if r.plan not in ctx.repo.plan_by_id and r.plan not in ctx.repo.unloaded_plan_ids:
            ids = [p.id for p in ctx.repo.plans]
            yield hit(r.at("plan"), ref=r.plan, suggestion=did_you_mean(r.plan, ids, "zh"),
                      suggestion_en=did_you_mean(r.plan, ids, "en"))


def unknown_levels(ctx: Context, records):
    """Hits for records (cases, drills) whose ``level`` is not a level of their plan."""
    for r in records:
        plan = ctx.repo.plan_by_id.get(r.plan)
        if plan is None:
            continue
        ids = [lv.id for lv in plan.levels]
        if r.level not in ids:
            yield hit(r.at("level"), plan=plan.id, level=r.level, allowed="、".join(ids) or "（该预案未分级）",
                      suggestion=did_you_mean(r.level, ids, "zh"), suggestion_en=did_you_mean(r.level, ids, "en"))


@rule("C202", "error", "预案“{plan}”中没有级别“{level}”{suggestion}", "plan '{plan}' has no level '{level}'{suggestion_en}",
      "该预案的级别：{allowed}", "Its levels: {allowed}", summary="案例级别不在预案中", per_case=True)
def case_level_exists(ctx: Context, case: Case):
    """案例的 level 必须是其预案 levels 中的 id。"""
    yield from unknown_levels(ctx, (case,))


@rule("C203", "error", "时间线顺序不对：{time} 早于上一条 {previous}", "the timeline goes back in time: {time} is before {previous}",
      "按时间先后排列时间线；时间写错的请更正。", "Keep timeline entries in time order.", summary="时间线顺序错误", per_case=True)
def timeline_order(ctx: Context, case: Case):
    """时间线按时间先后排列。"""
    prev = None
    for i, e in enumerate(case.timeline):
        if prev is not None and e.time < prev:
            yield hit(case.at("timeline", i), time=_fmt(e.time), previous=_fmt(prev))
        prev = e.time if prev is None or e.time > prev else prev


@rule("C204", "error", "时间线上的 {time} 在{where}", "timeline entry {time} lies {where_en}",
      "处置经过应在发现时间（discovered）和办结日期（closed）之间。",
      "Entries lie between 'discovered' and the end of the 'closed' day.", summary="时间线超出发现与办结之间", per_case=True)
def timeline_window(ctx: Context, case: Case):
    """时间线的每一条都在发现时间与办结日当天结束之间。"""
    end = closing_end(case)
    for i, e in enumerate(case.timeline):
        if e.time < case.discovered:
            yield hit(case.at("timeline", i), time=_fmt(e.time), where=f"发现时间 {_fmt(case.discovered)} 之前",
                      where_en=f"before discovery at {_fmt(case.discovered)}")
        elif e.time > end:
            yield hit(case.at("timeline", i), time=_fmt(e.time), where=f"办结日期 {case.closed} 之后",
                      where_en=f"after closing on {case.closed}")


@rule("C205", "error", "案例编号“{id}”重复（另见 {other}）", "case id '{id}' is used twice (see also {other})",
      "每个案例的 id 在库中唯一；可用 planbook new case 生成新编号。", "Case ids must be unique.",
      summary="案例编号重复", per_case=True, guard=True)
def case_ids_unique(ctx: Context, case: Case):
    """案例编号在整个库中唯一。"""
    first = ctx.case_ids.get(case.id)  # the cases checked before this one
    if first is not None and first != case.loc.path:  # (the same file again: the rules run twice on one context)
        yield hit(case.at("id"), id=case.id, other=first)


@rule("C206", "error", "办结日期 {closed} 早于发现时间 {discovered}", "closed on {closed}, before discovery at {discovered}",
      "检查 closed 和 discovered。", "Check 'closed' and 'discovered'.", summary="办结早于发现", per_case=True)
def closed_after_discovery(ctx: Context, case: Case):
    """办结日期不能早于发现日期。"""
    if case.closed < case.discovered.date():
        yield hit(case.at("closed"), closed=case.closed.isoformat(), discovered=_fmt(case.discovered))


@rule("C207", "warning", "帖文发布时间 {posted} 晚于发现时间 {discovered}",
      "the post was published at {posted}, after its discovery at {discovered}",
      "发现时间不应早于帖文发布时间；检查日期或时区。", "Check the dates and the timezone.", summary="发帖晚于发现", per_case=True)
def source_before_discovery(ctx: Context, case: Case):
    """来源帖文的发布时间应不晚于发现时间。"""
    for s in case.sources:
        if s.posted and s.posted > case.discovered:
            yield hit(s.at("posted"), posted=_fmt(s.posted), discovered=_fmt(case.discovered))


@rule("C208", "error", "经办人“{ref}”像是人员标识，但在预案“{plan}”的通讯录和组织机构中找不到{suggestion}",
      "'{ref}' looks like an id but names nobody of plan '{plan}'{suggestion_en}",
      "写通讯录中的人员 id，或直接写中文的职务、单位名称。", "Use a roster id, or write the post in words.",
      summary="经办人标识不存在", per_case=True)
def timeline_people(ctx: Context, case: Case):
    """时间线的 by 若写成字母标识（如 wang-lei），就必须能在预案的通讯录或组织机构中找到；中文自由文字不受限。"""
    plan = ctx.repo.plan_by_id.get(case.plan)
    if plan is None:
        return
    directory = ctx.repo.directory(plan)
    for e in case.timeline:
        for i, ref in enumerate(e.by):
            if ID_RE.match(ref) and ref.isascii() and directory.resolve(ref) is None:
                names = [n for n in directory.names() if n.isascii()]
                yield hit(e.at("by", i), ref=ref, plan=plan.id, suggestion=did_you_mean(ref, names, "zh"),
                          suggestion_en=did_you_mean(ref, names, "en"))


@rule("C209", "warning", "发现时间 {discovered} 早于预案“{plan}”的施行日期 {effective}",
      "discovered {discovered}, before plan '{plan}' took effect on {effective}",
      "案例应依据当时施行的预案处置：检查 plan 是否应指向旧版预案，或日期是否写错。",
      "Was the case handled under an earlier version of the plan?", summary="案例早于预案施行", per_case=True)
def case_under_plan_in_force(ctx: Context, case: Case):
    """案例的发现时间应不早于所依据预案的施行日期（effective），否则多半应指向旧版预案。"""
    plan = ctx.repo.plan_by_id.get(case.plan)
    if plan and plan.effective and case.discovered.date() < plan.effective:
        yield hit(case.at("discovered"), discovered=_fmt(case.discovered), plan=plan.id,
                  effective=plan.effective.isoformat())


@rule("K101", "error", "planbook.yml 的 rules 中有未知的规则代码“{code}”{suggestion}",
      "planbook.yml names an unknown rule code '{code}'{suggestion_en}",
      "规则代码见 docs/rules.md。", "See docs/rules.md for the codes.", summary="未知的规则代码")
def config_rule_codes(ctx: Context):
    """planbook.yml 中 rules 下只能写已有的规则代码。"""
    cfg = ctx.repo.config
    for code in cfg.rules:
        if code not in CODES:
            yield hit(cfg.at("rules", code), code=code, suggestion=did_you_mean(code, CODES, "zh"),
                      suggestion_en=did_you_mean(code, CODES, "en"))


@rule("K102", "warning", "planbook.yml 的 rules 不能调低“{lowered}”（{summary}）：仍按{severity}处理",
      "planbook.yml cannot lower '{lowered}': it stays {severity_en}",
      "这一代码保护构建（文件读不进来、页面名冲突、链接指向不存在的文件、设置从外部加载等）：删去 rules 中的这一行，改正它报告的问题。",
      "This code keeps the build from breaking or publishing what it must not: remove the line and fix what it reports.",
      summary="不能调低的规则代码")
def config_fixed_codes(ctx: Context):
    """加载器的代码（文件、格式）和保护构建的规则（guard）只能在 planbook.yml 中调高，不能调低或关闭。"""
    cfg = ctx.repo.config
    for code, sev in cfg.rules.items():
        known = CODES.get(code)
        if known is not None and settled_severity(code, known.severity, cfg.rules) is not sev:
            yield hit(cfg.at("rules", code), lowered=code, summary=known.summary, severity=known.severity.label_zh,
                      severity_en=known.severity.value)


def _fmt(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")
