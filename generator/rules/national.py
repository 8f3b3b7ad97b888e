"""P7xx: the national rules for plans, 突发事件应急预案管理办法 (国办发〔2024〕5号): what a unit's plan contains,
who signs it, filing (备案) and the reasons of each revision.  Evaluation is P503, drills D201.

Every hint names its source.  Article numbers are cited only where checked against a public copy of the 2024
text (第二十五条 signing, 第二十六条 filing); elsewhere the regulation is named without one.
"""
from __future__ import annotations

import datetime as dt
import re

from ..compliance import Calendar
from ..model import BodyType, EventType, Plan, PlanKind, Status
from ..model.plan import REPORT_EVENTS
from ..model.repository import Repository
from .content import joined
from .registry import Context, hit, rule

SOURCE = "《突发事件应急预案管理办法》（国办发〔2024〕5号）"
SOURCE_EN = "Measures for the Administration of Emergency Plans (2024)"
FILING_DAYS = 20  # working days after issue (第二十六条)

_ENDING_RE = re.compile(r"(终止|结束|解除)[^。；\n]{0,6}响应|响应[^。；\n]{0,6}(终止|结束|解除)")


def _has_ending(ctx: Context, plan: Plan) -> bool:
    if any(d.event is EventType.deactivated for d in plan.deadlines):
        return True
    return _ENDING_RE.search(joined(ctx, plan)) is not None  # no match spans a line break: as in any one text


def _elements(ctx: Context, plan: Plan, repo: Repository) -> list[tuple[str, str]]:
    """The required elements a unit's plan lacks: (Chinese name, English name)."""
    org = plan.organization
    kinds = {s.kind.value for s, _ in plan.walk_sections()}
    roster = repo.roster_for(plan)
    missing = []
    if not (org and any(b.type is BodyType.leading_group and b.leader for b in org.bodies)):
        missing.append(("应急指挥机构及其负责人（organization 中有组长的领导小组）", "a leading group with its leader"))
    if "monitoring" not in kinds:
        missing.append(("监测（kind: monitoring 的一节）", "monitoring"))
    if not any(d.event in REPORT_EVENTS for d in plan.deadlines):
        missing.append(("信息报告（口头、书面报告或特报的时限）", "information reporting"))
    if not ({"warning", "response"} & kinds or any(lv.actions for lv in plan.levels)):
        missing.append(("预警与响应（kind: warning 或 response 的一节，或级别的响应措施）", "warning and response"))
    if not plan.procedure:
        missing.append(("处置措施（procedure）", "handling measures"))
    if not plan.levels or not all(lv.criteria and lv.actions for lv in plan.levels):
        missing.append(("分级及各级的判定标准和响应措施（levels 的 criteria、actions）", "grading with criteria and measures"))
    if not _has_ending(ctx, plan):
        missing.append(("响应结束的条件（正文写明何时终止响应）", "conditions for ending a response"))
    if roster is None or not roster.people:
        missing.append(("联络人员和电话（通讯录）", "contacts"))
    return missing


@rule("P701", "warning", "预案缺少单位应急预案的必备内容：{element}", "the plan lacks a required element: {element_en}",
      "单位应急预案应写明应急组织机构、监测、信息报告、预警与响应、处置措施、分级及标准和措施、响应结束的条件和联络方式"
      "（" + SOURCE + "关于单位和基层组织应急预案内容的规定）。",
      "A unit's plan states its response organisation, monitoring, reporting, warning and response, handling "
      "measures, grading, when a response ends, and contacts (" + SOURCE_EN + ").",
      summary="缺少单位应急预案的必备内容（国办发〔2024〕5号）")
def required_elements(ctx: Context):
    """已批准的应急预案（kind: emergency_plan）要有《突发事件应急预案管理办法》要求单位预案具备的内容：应急组织机构及
    负责人、监测、信息报告、预警与响应、处置措施、分级（各级有判定标准和响应措施）、响应结束的条件、联络人员和电话。"""
    for plan in ctx.repo.plans:
        if plan.status is Status.approved and plan.kind is PlanKind.emergency_plan:
            for zh, en in _elements(ctx, plan, ctx.repo):
                yield hit(plan.at("sections"), element=zh, element_en=en)


def _principal(plan: Plan, repo: Repository) -> tuple[set[str], str]:
    """Every way to write the leader of the plan's leading group (ids, names, posts), and one name to show."""
    org = plan.organization
    group = next((b for b in org.bodies if b.type is BodyType.leading_group), None) if org else None
    if group is None or not group.leader:
        return set(), ""
    directory = repo.directory(plan)
    names: set[str] = set()
    for ref in group.leader:
        names.add(ref)
        target = directory.resolve(ref)
        for p in target.people if target else ():
            names.update({p.id, p.name, p.post} - {""})
    return names, "、".join(group.leader)


@rule("P702", "warning", "签发人“{signatory}”不是本单位主要负责人（领导小组组长：{leader}）",
      "the signatory '{signatory}' is not the unit's principal (leader of the leading group: {leader})",
      "单位应急预案须经本单位主要负责人签发（" + SOURCE + "第二十五条）。signatory 写领导小组组长的姓名；"
      "确由主要负责人签发而组长另有其人的，把组长改为主要负责人或在 planbook.yml 中关闭 P702。",
      "A unit's plan is signed by its principal (" + SOURCE_EN + ", art. 25).", summary="签发人不是主要负责人")
def signatory_is_principal(ctx: Context):
    """已批准预案的签发人（signatory）应是本单位主要负责人，即领导小组组长（按人员标识、姓名或职务比对）；
    没写签发人也报告。"""
    for plan in ctx.repo.plans:
        if plan.status is not Status.approved:
            continue
        names, leader = _principal(plan, ctx.repo)
        if not plan.signatory.strip() or (names and plan.signatory.strip() not in names):
            yield hit(plan.at("signatory") if plan.signatory else plan.at("status"),
                      signatory=plan.signatory or "（未写）", leader=leader or "（未写）")


def filing_due(plan: Plan, calendar: Calendar) -> dt.date | None:
    """The last day to file the plan: 20 working days after it was issued (printed, else approved)."""
    issued = plan.printed or plan.approved
    if issued is None:
        return None
    return calendar.add_working_days(dt.datetime.combine(issued, dt.time()), FILING_DAYS).date()


@rule("P703", "warning", "预案印发已超过 {days} 个工作日（应于 {due} 前备案），没有备案记录",
      "the plan was issued more than {days} working days ago (filing due {due}) and no filing is recorded",
      "报送备案后写 filing: {{to: 备案机关, date: 报送日期, receipt: 回执编号}}。应急预案印发后 20 个工作日内"
      "报送备案（" + SOURCE + "第二十六条）。",
      "File the plan and record filing: {{to, date, receipt}} (" + SOURCE_EN + ", art. 26: within 20 working days).",
      summary="预案未备案（国办发〔2024〕5号第二十六条）")
def filing_recorded(ctx: Context):
    """已批准的预案印发（printed，没写则按批准日期）20 个工作日后，要有备案记录（filing）。"""
    calendar = Calendar.of(ctx.repo.config)
    for plan in ctx.repo.plans:
        if plan.status is not Status.approved or plan.filing is not None:
            continue
        due = filing_due(plan, calendar)
        if due is not None and due < ctx.today:
            yield hit(plan.at("printed") if plan.printed else plan.at("approved"), days=FILING_DAYS,
                      due=due.isoformat())


@rule("P704", "warning", "备案日期 {date} 晚于期限 {due}（印发后 {days} 个工作日）",
      "filed on {date}, after the due day {due} ({days} working days after issue)",
      "应急预案印发后 20 个工作日内报送备案（" + SOURCE + "第二十六条）；日期写错的请更正。",
      "Plans are filed within 20 working days of issue (" + SOURCE_EN + ", art. 26).", summary="预案备案超期")
def filing_on_time(ctx: Context):
    """备案日期（filing.date）不晚于印发后第 20 个工作日。"""
    calendar = Calendar.of(ctx.repo.config)
    for plan in ctx.repo.plans:
        if plan.filing is None:
            continue
        due = filing_due(plan, calendar)
        if due is not None and plan.filing.date > due:
            yield hit(plan.filing.at("date"), date=plan.filing.date.isoformat(), due=due.isoformat(), days=FILING_DAYS)


def _first_version(plan: Plan, repo: Repository) -> bool:
    replaces = any(p.successor == plan.id for p in repo.plans if p is not plan)
    return not replaces and re.fullmatch(r"[vV]?1(?:\.0+)?", plan.version.strip() or "1") is not None


@rule("P705", "warning", "修订后的版本（{version}）没有写修订原因", "the revised version ({version}) gives no revision reasons",
      "在 revision_reasons 中写本次修订的原因，如“应急指挥机构调整”“面临的风险发生重大变化”“重要应急资源发生变化”"
      "“演练或处置中发现问题”（" + SOURCE + "规定的修订情形）。",
      "List why the plan was revised in 'revision_reasons' (" + SOURCE_EN + " lists when a plan must be revised).",
      summary="修订版本未写修订原因")
def revision_reasons(ctx: Context):
    """首版以外的已批准版本（版本号不是 1 或 1.0，或接替了一个已废止的预案）要写修订原因（revision_reasons）。"""
    for plan in ctx.repo.plans:
        if plan.status is Status.approved and not plan.revision_reasons and not _first_version(plan, ctx.repo):
            yield hit(plan.at("version"), version=plan.version or "?")
