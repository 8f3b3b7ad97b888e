"""The plan (应急预案 / 实施方案 / 管理办法 / 工作制度): metadata, body and structured blocks."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .common import Id, Labelled, Limit, Markdown, Record, Ref, Role, add_months, fld


class PlanKind(Labelled):
    emergency_plan = "emergency_plan", "应急预案"
    implementation_plan = "implementation_plan", "实施方案"
    measures = "measures", "管理办法"
    rules = "rules", "工作制度"


class Status(Labelled):
    draft = "draft", "草案"
    approved = "approved", "已批准"
    superseded = "superseded", "已废止"


class Direction(Labelled):
    down = "down", "下行文"
    up = "up", "上行文"
    parallel = "parallel", "平行文"


class Numbering(Labelled):
    sections = "sections", "一、（一）1.（1）"
    articles = "articles", "第X章 / 第X条"


class SectionKind(Labelled):
    general = "general", "总则"
    purpose = "purpose", "编制目的"
    basis = "basis", "编制依据"
    scope = "scope", "适用范围"
    principles = "principles", "工作原则"
    definitions = "definitions", "定义"
    organization = "organization", "组织机构及职责"
    monitoring = "monitoring", "监测"
    warning = "warning", "预警"
    assessment = "assessment", "研判"
    grading = "grading", "分级"
    response = "response", "响应"
    procedure = "procedure", "处置流程"
    classification = "classification", "分类处置"
    information_release = "information_release", "信息发布"
    aftermath = "aftermath", "后期处置与总结评估"
    support = "support", "应急保障"
    discipline = "discipline", "工作纪律"
    drills = "drills", "演练与培训"
    supplementary = "supplementary", "附则"
    other = "other", "其他"


class BodyType(Labelled):
    leading_group = "leading_group", "领导小组"
    office = "office", "办公室"
    working_group = "working_group", "工作组"
    unit = "unit", "责任单位"


class Colour(Labelled):
    red = "red", "红色"
    orange = "orange", "橙色"
    yellow = "yellow", "黄色"
    blue = "blue", "蓝色"


class EventType(Labelled):
    """What happens in an incident: the words of case timelines and of deadlines."""

    discovered = "discovered", "发现"
    oral_report = "oral_report", "口头报告"
    written_report = "written_report", "书面报告"
    special_report = "special_report", "特报"
    daily_report = "daily_report", "日报"
    weekly_report = "weekly_report", "周报"
    assessed = "assessed", "研判"
    activated = "activated", "启动响应"
    dispatched = "dispatched", "交办（抄告单）"
    verified = "verified", "核实"
    first_response = "first_response", "首次公开回应"
    replied = "replied", "答复网民"
    published = "published", "发布信息"
    press_conference = "press_conference", "新闻发布会"
    supervised = "supervised", "督办"
    extended = "extended", "批准延期"
    followed_up = "followed_up", "跟踪"
    deactivated = "deactivated", "终止响应"
    closed = "closed", "办结"
    other = "other", "其他"


#: Events that count as reporting upwards (every level needs a deadline for one).
REPORT_EVENTS = frozenset({EventType.oral_report, EventType.written_report, EventType.special_report})


class Stage(Labelled):
    detect = "detect", "发现"
    report = "report", "报告"
    assess = "assess", "研判"
    activate = "activate", "启动"
    handle = "handle", "处置"
    publish = "publish", "发布"
    follow_up = "follow_up", "跟踪"
    review = "review", "总结"


@dataclass(frozen=True, kw_only=True, slots=True)
class Section(Record):
    id: Id | None = fld("节的标识，修订对照时据此匹配（改名或移动不算删除）", None, example="purpose")
    kind: SectionKind = fld("语义类型：检查和渲染据此识别必备章节", SectionKind.other)
    title: str | None = fld("标题，不含编号（编号由渲染按一、（一）1.（1）或第X章自动生成）；条文可省略", None,
                            example="编制目的")
    text: Markdown = fld("正文（Markdown）", "")
    sections: tuple[Section, ...] = fld("下级节；按条文编排时，章下为条", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Body(Record):
    id: Id = fld("机构标识", example="leading-group")
    name: str = fld("机构名称", example="网络舆情应对工作领导小组")
    type: BodyType = fld("机构类型", BodyType.working_group)
    leader: tuple[Ref, ...] = fld("组长（人员标识或职务，可多人）", factory=tuple)
    deputies: tuple[Ref, ...] = fld("副组长", factory=tuple)
    members: tuple[Ref, ...] = fld("成员（人员标识、职务、机构或单位）", factory=tuple)
    seat: str = fld("办公地点或所在部门，如“办公室设在党政办”", "")
    duties: tuple[Markdown, ...] = fld("职责，一条一项", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Post(Record):
    id: Id = fld("岗位标识", example="spokesperson")
    name: str = fld("岗位名称", example="新闻发言人")
    role: Role = fld("岗位类别（与通讯录人员的 roles 同一列表）", Role.other)
    holder: tuple[Ref, ...] = fld("担任者（人员标识或职务）", factory=tuple)
    backup: tuple[Ref, ...] = fld("AB 岗：担任者不在时的替补", factory=tuple)
    duties: tuple[Markdown, ...] = fld("职责", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Organization(Record):
    bodies: tuple[Body, ...] = fld("机构：领导小组、办公室、工作组等", factory=tuple)
    posts: tuple[Post, ...] = fld("岗位：新闻发言人、联络员等", factory=tuple)


_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


def level_rank(level_id: str, name: str) -> int | None:
    """1 for the most severe level, from its id or name (Ⅰ/I/一级/1级); None when it has no numeral."""
    for text in (level_id, name):
        t = text.strip()
        m = re.match(r"^(IV|V|I{1,3})(?![A-Za-z])", t) or re.match(r"^([ⅠⅡⅢⅣⅤ])", t)
        if m:
            return _ROMAN[m.group(1)]
        m = re.match(r"^([一二三四五])级", t) or re.match(r"^(\d)级", t)
        if m:
            return _CN.get(m.group(1)) or int(m.group(1))
    return None


#: The usual name of each severity rank, for grouping levels of different plans.
RANK_NAMES = {1: "Ⅰ级（一级）", 2: "Ⅱ级（二级）", 3: "Ⅲ级（三级）", 4: "Ⅳ级（四级）", 5: "Ⅴ级（五级）"}


@dataclass(frozen=True, kw_only=True, slots=True)
class Level(Record):
    id: Id = fld("级别标识，案例的 level 引用它", example="III")
    name: str = fld("级别名称", example="Ⅲ级（较大）")
    colour: Colour | None = fld("预警颜色：red 红 / orange 橙 / yellow 黄 / blue 蓝", None)
    criteria: tuple[Markdown, ...] = fld("判定标准，一条一项", factory=tuple)
    lead: tuple[Ref, ...] = fld("牵头负责处置的机构、职务或人员", factory=tuple)
    report_to: tuple[Ref, ...] = fld("向谁报告（机构、单位）", factory=tuple)
    actions: tuple[Markdown, ...] = fld("响应措施", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Deadline(Record):
    id: Id = fld("时限标识，处置步骤的 deadlines 引用它", example="oral-report")
    name: str = fld("名称", example="口头报告")
    event: EventType = fld("完成时限的事件（案例时间线中的同名事件视为完成）", example="oral_report")
    trigger: EventType = fld("起算事件", EventType.discovered)
    limit: Limit = fld("时限：30分钟、4小时、3日、2个工作日，或时点 17:00", example="30分钟")
    max: Limit | None = fld("经批准延长后的最长时限", None, example="5日")
    owner: tuple[Ref, ...] = fld("责任人或责任机构", factory=tuple)
    recipient: tuple[Ref, ...] = fld("报送或答复对象", factory=tuple)
    levels: tuple[Id, ...] = fld("适用级别（不写则适用全部级别）", factory=tuple)
    when: str = fld("适用条件，如“需紧急处理的留言”", "")
    text: Markdown = fld("原文表述或说明", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Step(Record):
    id: Id = fld("步骤标识", example="report")
    name: str = fld("步骤名称", example="报告")
    stage: Stage = fld("环节：detect 发现 → report 报告 → assess 研判 → activate 启动 → handle 处置 → "
                       "publish 发布 → follow_up 跟踪 → review 总结", example="report")
    owner: tuple[Ref, ...] = fld("负责的机构、职务或人员", factory=tuple)
    deadlines: tuple[Id, ...] = fld("本步骤适用的时限（deadlines 中的标识）", factory=tuple)
    text: Markdown = fld("做法", "")
    next: tuple[Id, ...] = fld("后续步骤（不写则为下一步）", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Signoff(Record):
    by: Ref = fld("人员标识、职务或姓名")
    date: dt.date | None = fld("日期", None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Approval(Record):
    drafted: Signoff | None = fld("编制", None)
    reviewed: Signoff | None = fld("审核", None)
    approved: Signoff | None = fld("审批", None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Filing(Record):
    """备案: where the issued plan was filed, as 突发事件应急预案管理办法 asks (within 20 working days of issue)."""

    to: str = fld("备案机关（报送备案的单位）", example="青山县人民政府")
    date: dt.date = fld("报送备案的日期")
    receipt: str = fld("备案回执编号（收到回执后填写）", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan(Record):
    id: Id = fld("预案标识，全库唯一；案例的 plan 引用它", example="anping-township")
    title: str = fld("标题", example="安平镇网络舆情应对处置工作实施方案")
    kind: PlanKind = fld("文种：emergency_plan 应急预案 / implementation_plan 实施方案 / "
                         "measures 管理办法 / rules 工作制度")
    status: Status = fld("状态：draft 草案 / approved 已批准 / superseded 已废止", Status.draft)
    version: str = fld("版本号", "", example="2.0")
    issuer: str = fld("发文机关", "", example="安平镇人民政府")
    document_number: str = fld("发文字号，年份用六角括号〔〕", "", example="安政发〔2025〕12号")
    signatory: str = fld("签发人（只印在上行文上）", "")
    direction: Direction = fld("行文方向：down 下行文（发往下级，默认）/ parallel 平行文 / up 上行文（报送上级："
                               "印签发人，发文字号居左）", Direction.down)
    approved: dt.date | None = fld("批准日期", None)
    effective: dt.date | None = fld("施行日期", None)
    next_review: dt.date | None = fld("下次评估修订日期（不写则按 planbook.yml 的 review_cycle 自批准日起算）", None)
    approval: Approval | None = fld("审批链：编制 / 审核 / 审批", None)
    addressees: tuple[str, ...] = fld("主送机关", factory=tuple)
    copied_to: tuple[str, ...] = fld("抄送", factory=tuple)
    printed_by: str = fld("印发机关", "")
    printed: dt.date | None = fld("印发日期", None)
    successor: Id | None = fld("废止后由哪个预案接替（预案标识）", None)
    filing: Filing | None = fld("备案：备案机关、报送日期、回执编号（印发后 20 个工作日内报送）", None)
    revision_reasons: tuple[str, ...] = fld("本版的修订原因（首版以外的已批准版本都要写），如“应急指挥机构调整”"
                                            "“面临的风险发生重大变化”“演练中发现问题”", factory=tuple)
    roster: Id | None = fld("使用的通讯录（通讯录标识；库中只有一个通讯录时可省略）", None)
    numbering: Numbering = fld("正文编排：sections 一、（一）1.（1） / articles 第X章 第X条", Numbering.sections)
    sections: tuple[Section, ...] = fld("正文，按顺序", factory=tuple)
    organization: Organization | None = fld("组织机构与岗位", None)
    levels: tuple[Level, ...] = fld("分级：从最严重的级别写起", factory=tuple)
    deadlines: tuple[Deadline, ...] = fld("时限", factory=tuple)
    procedure: tuple[Step, ...] = fld("处置流程步骤，按顺序", factory=tuple)

    def review_due(self, cycle_months: int) -> dt.date | None:
        """When the plan must next be reviewed: ``next_review``, else the approval (or effective) date plus the cycle."""
        if self.next_review:
            return self.next_review
        start = self.approved or self.effective
        return add_months(start, cycle_months) if start else None

    def walk_sections(self) -> list[tuple[Section, int]]:
        """Every section, depth first, with its depth (0 = top)."""
        out: list[tuple[Section, int]] = []
        stack = [(self.sections, 0, 0)]  # (sections, the next one to visit, depth), deepest last: no recursion
        while stack:
            sections, i, depth = stack.pop()
            while i < len(sections):
                s = sections[i]
                i += 1
                out.append((s, depth))
                if s.sections:
                    stack.append((sections, i, depth))
                    stack.append((s.sections, 0, depth + 1))
                    break
        return out
