"""P2xx: the levels of a plan are complete, unique and in order."""
from __future__ import annotations

from ..model import Colour
from ..model.plan import level_rank
from .registry import Context, hit, rule

_COLOUR_RANK = {Colour.red: 1, Colour.orange: 2, Colour.yellow: 3, Colour.blue: 4}
@rule("P201", "error", "级别“{level}”没有判定标准", "level '{level}' has no criteria",
      "在 criteria 中写明达到这一级的条件（影响范围、传播量、涉及事项等）。",
      "List in 'criteria' what makes an incident this level.", summary="级别缺少判定标准")
def level_criteria(ctx: Context):
    """每个级别都要写判定标准（criteria），否则值班人员无法定级。"""
    for plan in ctx.repo.plans:
        for lv in plan.levels:
            if not any(c.strip() for c in lv.criteria):
                yield hit(lv.at("criteria"), level=lv.name)


@rule("P202", "error", "级别“{level}”没有写明由谁牵头处置", "level '{level}' names no lead",
      "在 lead 中写牵头的机构、职务或人员，如 leading-group 或 党委副书记。",
      "Name the body, post or person who leads the response in 'lead'.", summary="级别缺少牵头负责人")
def level_lead(ctx: Context):
    """每个级别都要有牵头负责处置的机构或人员（lead）。"""
    for plan in ctx.repo.plans:
        for lv in plan.levels:
            if not lv.lead:
                yield hit(lv.at("lead"), level=lv.name)


@rule("P203", "error", "级别{what}“{value}”重复", "level {what_en} '{value}' is used twice",
      "每个级别的 id 和名称都要唯一。", "Level ids and names must be unique.", summary="级别重复")
def level_unique(ctx: Context):
    """同一预案中级别的 id 和名称都不能重复。"""
    for plan in ctx.repo.plans:
        ids: set[str] = set()
        names: set[str] = set()
        for lv in plan.levels:
            if lv.id in ids:
                yield hit(lv.at("id"), what="标识", what_en="id", value=lv.id)
            elif lv.name in names:
                yield hit(lv.at("name"), what="名称", what_en="name", value=lv.name)
            ids.add(lv.id)
            names.add(lv.name)


@rule("P204", "error", "级别顺序不对：“{level}”应排在“{previous}”之前",
      "levels are out of order: '{level}' belongs before '{previous}'",
      "级别从最严重的写起：Ⅰ级（红）→ Ⅱ级（橙）→ Ⅲ级（黄）→ Ⅳ级（蓝）。",
      "List levels from the most severe: I (red), II (orange), III (yellow), IV (blue).",
      summary="级别顺序错误")
def level_order(ctx: Context):
    """级别按从重到轻排列：编号（Ⅰ、Ⅱ… / 一级、二级…）递增，颜色按红、橙、黄、蓝。"""
    for plan in ctx.repo.plans:
        prev_rank = prev_colour = None
        prev_name = ""
        for lv in plan.levels:
            rank = level_rank(lv.id, lv.name)
            colour = _COLOUR_RANK.get(lv.colour) if lv.colour else None
            bad = (rank is not None and prev_rank is not None and rank <= prev_rank) or \
                  (colour is not None and prev_colour is not None and colour < prev_colour)
            if bad:
                yield hit(lv.loc, level=lv.name, previous=prev_name)
            prev_rank = rank if rank is not None else prev_rank
            prev_colour = colour if colour is not None else prev_colour
            prev_name = lv.name
