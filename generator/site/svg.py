"""The flowchart of a plan's procedure, laid out at build time (drawn by the template
site_templates/site/flowchart.svg.j2): one box per step, top to bottom; an arrow to the next
step, and arrows on the right for steps whose ``next`` jumps elsewhere."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model.plan import Plan

BOX_W = 440
PAD = 12
LINE = 20
GAP = 34
LEFT = 10
TOP = 10
FONT = 14
SMALL = 12

STAGE_FILL = {
    "detect": "#e3f2fd", "report": "#e8f5e9", "assess": "#fff8e1", "activate": "#ffebee",
    "handle": "#f3e5f5", "publish": "#e0f7fa", "follow_up": "#f1f8e9", "review": "#eceff1",
}


def text_width(text: str, size: int) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.55 for c in text)


def wrap(text: str, size: int, width: float) -> list[str]:
    lines, cur, w = [], "", 0.0
    for c in text:
        cw = text_width(c, size)
        if cur and w + cw > width:
            lines.append(cur)
            cur, w = "", 0.0
        cur += c
        w += cw
    if cur:
        lines.append(cur)
    return lines or [""]


@dataclass(frozen=True)
class Line:
    text: str
    y: float
    size: int
    bold: bool = False


@dataclass(frozen=True)
class Box:
    id: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Arrow:
    path: str


@dataclass(frozen=True)
class Flowchart:
    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    title: str


def layout(plan: Plan, owners: dict[str, str], deadlines: dict[str, str]) -> Flowchart | None:
    """``owners``: step id -> the owners' names; ``deadlines``: step id -> the deadlines as text."""
    steps = plan.procedure
    if not steps:
        return None
    inner = BOX_W - 2 * PAD
    boxes: list[Box] = []
    y = TOP
    for i, s in enumerate(steps):
        lines: list[Line] = []
        ly = y + PAD + FONT
        stage = "" if s.stage.label in s.name else f"（{s.stage.label}）"
        lines.append(Line(f"{i + 1}. {s.name}{stage}", ly, FONT, True))
        for label, value in (("负责", owners.get(s.id, "")), ("时限", deadlines.get(s.id, ""))):
            if value:
                for part in wrap(f"{label}：{value}", SMALL, inner):
                    ly += LINE - 2
                    lines.append(Line(part, ly, SMALL))
        h = ly - y + PAD
        boxes.append(Box(s.id, LEFT, y, BOX_W, h, STAGE_FILL.get(s.stage.value, "#f5f5f5"), tuple(lines)))
        y += h + GAP
    index = {b.id: i for i, b in enumerate(boxes)}
    arrows: list[Arrow] = []
    lane = 0
    for i, s in enumerate(steps):
        targets = [index[n] for n in s.next if n in index] if s.next else ([i + 1] if i + 1 < len(boxes) else [])
        a = boxes[i]
        for j in targets:
            b = boxes[j]
            cx = a.x + a.w / 2
            if j == i + 1:
                arrows.append(Arrow(f"M{cx},{a.y + a.h} L{cx},{b.y - 2}"))
            else:
                lane += 1
                x = a.x + a.w + 14 * lane
                y1, y2 = a.y + a.h / 2, b.y + min(b.h / 2, 18)
                arrows.append(Arrow(f"M{a.x + a.w},{y1} L{x},{y1} L{x},{y2} L{b.x + b.w + 2},{y2}"))
    width = LEFT + BOX_W + 14 * (lane + 1) + 10
    height = y - GAP + TOP
    return Flowchart(width, height, tuple(boxes), tuple(arrows), f"{plan.title}：处置流程图")
