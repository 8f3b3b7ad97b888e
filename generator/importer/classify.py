"""Section kinds from the words of a heading, and the kind of plan from its title or its text."""
from __future__ import annotations

import re

from ..model.plan import PlanKind, SectionKind

#: First match wins: the more specific words come first (后期处置 before 处置, 分类处置 before 处置).
_SECTION_WORDS: list[tuple[SectionKind, str]] = [
    (SectionKind.supplementary, r"附则"),
    (SectionKind.general, r"总则"),
    (SectionKind.aftermath, r"后期|善后|总结评估|恢复"),
    (SectionKind.support, r"保障"),
    (SectionKind.drills, r"演练|培训|宣传教育"),
    (SectionKind.discipline, r"纪律|责任追究|追责|奖惩|考核"),
    (SectionKind.classification, r"分类处置|分类应对"),
    (SectionKind.grading, r"分级|级别|等级"),
    (SectionKind.organization, r"组织|机构|领导小组|职责|分工|发言人"),
    (SectionKind.monitoring, r"监测|监控|检测|收集|巡查|受理"),
    (SectionKind.warning, r"预警"),
    (SectionKind.assessment, r"研判|评估"),
    (SectionKind.response, r"响应|启动"),
    (SectionKind.information_release, r"发布|新闻|回应"),
    (SectionKind.procedure, r"处置|应对|流程|程序|处理|办理|控制|化解|核查|报送|报告"),
    (SectionKind.purpose, r"目的|指导思想|总体要求|工作目标"),
    (SectionKind.basis, r"依据"),
    (SectionKind.scope, r"适用范围|范围"),
    (SectionKind.principles, r"原则"),
    (SectionKind.definitions, r"定义|术语|释义|含义"),
]


_ENDINGS: list[tuple[SectionKind, str]] = [
    (SectionKind.principles, r"原则$"),
    (SectionKind.organization, r"(?:小组|办公室|单位|发言人|联络员|信息员|网评员|工作组|指挥部)$"),
]


def section_kind(title: str | None) -> SectionKind:
    if not title:
        return SectionKind.other
    for kind, words in _ENDINGS:
        if re.search(words, title):
            return kind
    for kind, words in _SECTION_WORDS:
        if re.search(words, title):
            return kind
    return SectionKind.other


_TITLE_KINDS: list[tuple[PlanKind, str]] = [
    (PlanKind.emergency_plan, r"预案$"),
    (PlanKind.implementation_plan, r"方案$"),
    (PlanKind.measures, r"(?:办法|细则|规定)$"),
    (PlanKind.rules, r"(?:制度|机制|规程|流程)$"),
]
_TEXT_KINDS: list[tuple[PlanKind, str]] = [
    (PlanKind.emergency_plan, r"本预案"),
    (PlanKind.implementation_plan, r"本(?:工作|实施)?方案"),
    (PlanKind.measures, r"本(?:实施)?办法|本细则|本规定"),
    (PlanKind.rules, r"本制度"),
]
NOT_PLAN = re.compile(r"(?:总结|汇报|述职|讲话|心得|体会|调研报告|工作报告|通报|简报)")


def plan_kind(title: str, text: str) -> tuple[PlanKind | None, str]:
    """(kind, how it was decided); kind None when neither the title nor the text says."""
    core = re.sub(r"(?:【[^】]{0,8}】|[（(][^）)]{0,8}[）)]|\d{1,2}|精选|范文|范例|\s)+$", "", title)
    for kind, words in _TITLE_KINDS:
        if re.search(words, core):
            return kind, "title"
    for kind, words in _TEXT_KINDS:
        if re.search(words, text):
            return kind, "text"
    return None, ""
