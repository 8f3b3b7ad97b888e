"""The drill (演练): an exercise of a plan, kept like a case: drills/<year>/<id>.md, YAML front matter first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .case import Action, Entry
from .common import Id, Labelled, Markdown, Record, Ref, fld


class DrillForm(Labelled):
    tabletop = "tabletop", "桌面推演"
    live = "live", "实战演练"
    combined = "combined", "综合演练"


@dataclass(frozen=True, kw_only=True, slots=True)
class Drill(Record):
    id: Id = fld("演练编号，全库唯一", example="2025-D01")
    title: str = fld("演练名称", example="夜间突发舆情桌面推演")
    plan: Id = fld("演练的预案（预案标识）")
    level: Id = fld("演练的响应级别（该预案 levels 中的标识）")
    date: dt.date = fld("演练日期")
    form: DrillForm = fld("形式：tabletop 桌面推演 / live 实战演练 / combined 综合演练")
    from_case: Id | None = fld("情景取自哪个办结案例（案例编号）", None)
    scenario: Markdown = fld("演练情景", "")
    participants: tuple[Ref, ...] = fld("参演人员（通讯录中的人员标识）", factory=tuple)
    discovered: dt.datetime = fld("情景中的发现时间（时间线从这里起算，按预案时限核对）")
    timeline: tuple[Entry, ...] = fld("演练经过，写法同案例的时间线", factory=tuple)
    findings: tuple[Markdown, ...] = fld("评估发现的问题", factory=tuple)
    actions: tuple[Action, ...] = fld("整改事项：事项、责任人、期限、完成日期", factory=tuple)
    body: Markdown = fld("正文：front matter 之后的 Markdown", "", written=False)
