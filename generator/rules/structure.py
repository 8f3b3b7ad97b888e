"""P1xx: a plan has the parts a plan of its kind needs."""
from __future__ import annotations

from ..model import Numbering, PlanKind, SectionKind
from .registry import Context, hit, repeated, rule

K = SectionKind
#: Sections (by kind) that a plan of each kind must have.
REQUIRED_SECTIONS: dict[PlanKind, tuple[SectionKind, ...]] = {
    PlanKind.emergency_plan: (K.organization, K.monitoring, K.grading, K.procedure, K.aftermath, K.support,
                              K.supplementary),
    PlanKind.implementation_plan: (K.organization, K.monitoring, K.procedure, K.supplementary),
    PlanKind.measures: (K.organization, K.monitoring, K.procedure, K.support, K.supplementary),
    PlanKind.rules: (K.organization, K.procedure, K.supplementary),
}
#: Sections a plan of each kind should have (a warning when absent).
RECOMMENDED_SECTIONS: dict[PlanKind, tuple[SectionKind, ...]] = {
    PlanKind.emergency_plan: (K.warning, K.information_release, K.drills),
    PlanKind.implementation_plan: (K.grading, K.aftermath, K.support),
    PlanKind.measures: (K.grading, K.aftermath),
    PlanKind.rules: (),
}
#: Structured blocks each kind must fill: organization, levels, deadlines, procedure.
REQUIRED_BLOCKS: dict[PlanKind, tuple[str, ...]] = {
    PlanKind.emergency_plan: ("organization", "levels", "deadlines", "procedure"),
    PlanKind.implementation_plan: ("organization", "deadlines", "procedure"),
    PlanKind.measures: ("organization", "deadlines", "procedure"),
    PlanKind.rules: ("deadlines", "procedure"),
}
BLOCK_ZH = {"organization": "组织机构（organization）", "levels": "分级（levels）", "deadlines": "时限（deadlines）",
            "procedure": "处置流程（procedure）"}


@rule("P101", "error", "{plan_kind}缺少“{section}”部分", "this {plan_kind_en} needs a '{section_en}' section",
      "添加一节：kind: {kind}，标题如“{section}”。", "Add a section with kind: {kind}.",
      summary="缺少该文种必备的章节")
def required_sections(ctx: Context):
    """每种文种必备的章节都要有（按 sections 的 kind 判断，章和条也算）。

    应急预案：organization、monitoring、grading、procedure、aftermath、support、supplementary；
    实施方案：organization、monitoring、procedure、supplementary；管理办法另需 support；工作制度：organization、procedure、supplementary。
    """
    for plan in ctx.repo.plans:
        kinds = {s.kind for s, _ in plan.walk_sections()}
        for k in REQUIRED_SECTIONS[plan.kind]:
            if k not in kinds:
                yield hit(plan.at("sections"), plan_kind=plan.kind.label, plan_kind_en=plan.kind.value,
                          section=k.label, section_en=k.value, kind=k.value)


@rule("P102", "error", "{plan_kind}缺少结构化的{block}", "this {plan_kind_en} needs a filled '{block_en}' block",
      "在预案文件顶层填写 {block_en}；网站、PDF 和检查都依赖它。", "Fill in the top-level '{block_en}' block.",
      summary="缺少必备的结构化内容")
def required_blocks(ctx: Context):
    """应急预案必须填写 organization、levels、deadlines、procedure；实施方案和管理办法不强制 levels。"""
    for plan in ctx.repo.plans:
        for block in REQUIRED_BLOCKS[plan.kind]:
            value = getattr(plan, block)
            empty = not value or (block == "organization" and not value.bodies)
            if empty:
                yield hit(plan.at(block), plan_kind=plan.kind.label, plan_kind_en=plan.kind.value,
                          block=BLOCK_ZH[block], block_en=block)


@rule("P103", "warning", "{plan_kind}通常还应有“{section}”部分", "this {plan_kind_en} usually has a '{section_en}' section",
      "如确实不需要，可在 planbook.yml 的 rules 中把 P103 设为 off。", "Set P103: off in planbook.yml if not needed.",
      summary="缺少建议的章节")
def recommended_sections(ctx: Context):
    """建议有的章节（如应急预案的预警、信息发布、演练培训）缺失时提醒。"""
    for plan in ctx.repo.plans:
        kinds = {s.kind for s, _ in plan.walk_sections()}
        for k in RECOMMENDED_SECTIONS[plan.kind]:
            if k not in kinds and not (k is K.grading and plan.levels):
                yield hit(plan.at("sections"), plan_kind=plan.kind.label, plan_kind_en=plan.kind.value,
                          section=k.label, section_en=k.value)


@rule("P104", "error", "节缺少标题", "the section has no title",
      "给这一节写 title；只有按条文编排（numbering: articles）时，条可以没有标题。",
      "Give the section a title; only articles may go without.", summary="节缺少标题")
def section_titles(ctx: Context):
    """按“一、（一）”编排时每节要有标题；按条文编排时章要有标题，条可以没有。"""
    for plan in ctx.repo.plans:
        articles = plan.numbering is Numbering.articles
        for s, depth in plan.walk_sections():
            if not s.title and not (articles and depth >= 1):
                yield hit(s.loc)


@rule("P105", "error", "节的标识“{id}”重复", "section id '{id}' is used twice",
      "每节的 id 在本预案内唯一；修订对照表靠它匹配新旧条款。", "Section ids must be unique within a plan.",
      summary="节标识重复", guard=True)
def section_ids_unique(ctx: Context):
    """同一预案内各节的 id 不能重复。"""
    for plan in ctx.repo.plans:
        for s, _ in repeated(s for s, _ in plan.walk_sections() if s.id):
            yield hit(s.at("id"), id=s.id)


@rule("P106", "warning", "节的层级过深（第 {depth} 层）", "the section is nested {depth} levels deep",
      "公文标题最多四层：一、（一）1.（1）；按条文编排时为章、条两层。更细的内容写在正文里。",
      "Official documents use at most four heading levels (two for chapters and articles).",
      summary="节层级过深")
def section_depth(ctx: Context):
    """按“一、（一）1.（1）”编排最多四层，按条文编排最多两层（章、条）。"""
    for plan in ctx.repo.plans:
        limit = 2 if plan.numbering is Numbering.articles else 4
        for s, depth in plan.walk_sections():
            if depth + 1 > limit:
                yield hit(s.loc, depth=depth + 1)
