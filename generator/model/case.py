"""The case (案例): one closed incident, a Markdown file with YAML front matter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import Id, Labelled, Markdown, Record, Ref, fld
from .plan import EventType


class Category(Labelled):
    inquiry = "inquiry", "询问诉求"
    doubt = "doubt", "质疑"
    malicious_hype = "malicious_hype", "恶意炒作"
    rumour = "rumour", "谣言/不实信息"
    suggestion = "suggestion", "建设性意见"
    complaint = "complaint", "投诉举报"
    other = "other", "其他"


@dataclass(frozen=True, kw_only=True, slots=True)
class Source(Record):
    platform: str = fld("平台", example="微博")
    title: str = fld("帖文标题", "")
    url: str = fld("链接地址", "")
    posted: dt.datetime | None = fld("发帖时间；不带时区时按 planbook.yml 的时区", None)
    author: str = fld("网民账号（培训材料中打码）", "", personal=True)
    quote: str = fld("帖文摘录，按原文显示为纯文本", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry(Record):
    time: dt.datetime = fld("时间，如 2025-03-05 09:20；不带时区时按 planbook.yml 的时区")
    event: EventType = fld("事件类型，与预案时限的 event / trigger 同一套词")
    by: tuple[Ref, ...] = fld("经办人或单位（人员标识、职务，或自由文字）", factory=tuple)
    note: str = fld("说明", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Action(Record):
    """A follow-up action (整改事项) of a case or a drill: what, who, by when, and when it was done."""

    action: Markdown = fld("整改事项", example="夜间值班电话改为转接到带班领导手机")
    owner: Ref = fld("责任人（人员标识、职务或部门）", example="sun-san")
    due: dt.date = fld("完成期限", example="2025-12-31")
    done: dt.date | None = fld("完成日期（未完成不写）", None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Case(Record):
    id: Id = fld("案例编号，全库唯一", example="2025-004")
    title: str = fld("标题")
    plan: Id = fld("处置所依据的预案（预案标识）")
    level: Id = fld("级别（所依据预案中的级别标识）")
    category: Category = fld("类别：inquiry 询问诉求 / doubt 质疑 / malicious_hype 恶意炒作 / rumour 谣言 / "
                             "suggestion 建设性意见 / complaint 投诉举报 / other")
    unit: str = fld("涉及的部门或单位", "")
    tags: tuple[str, ...] = fld("标签，用于培训选材", factory=tuple)
    sources: tuple[Source, ...] = fld("舆情来源：平台、标题+链接地址、发帖时间", factory=tuple)
    discovered: dt.datetime = fld("发现时间")
    timeline: tuple[Entry, ...] = fld("处置经过，按时间顺序", factory=tuple)
    measures: tuple[Markdown, ...] = fld("采取的措施", factory=tuple)
    outcome: Markdown = fld("处置结果", "")
    closed: dt.date = fld("办结日期")
    lessons: tuple[Markdown, ...] = fld("经验教训", factory=tuple)
    follow_up: tuple[Markdown, ...] = fld("后续整改事项", factory=tuple)
    actions: tuple[Action, ...] = fld("有责任人和期限的整改事项（过期未完成会提醒）", factory=tuple)
    questions: tuple[Markdown, ...] = fld("培训讨论题", factory=tuple)
    body: Markdown = fld("正文：front matter 之后的 Markdown", "", written=False)
