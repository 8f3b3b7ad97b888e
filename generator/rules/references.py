"""P4xx: every person, post, body and unit a plan names exists; the organization is sound."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import BodyType, Plan, Record
from .registry import Context, did_you_mean, hit, repeated, rule


def plan_refs(plan: Plan) -> Iterator[tuple[Record, str, int | None, str]]:
    """Every reference a plan makes: (record, key, index, text)."""
    def many(rec: Record, key: str):
        for i, ref in enumerate(getattr(rec, key)):
            yield rec, key, i, ref

    org = plan.organization
    for b in org.bodies if org else ():
        for key in ("leader", "deputies", "members"):
            yield from many(b, key)
    for p in org.posts if org else ():
        for key in ("holder", "backup"):
            yield from many(p, key)
    for lv in plan.levels:
        for key in ("lead", "report_to"):
            yield from many(lv, key)
    for d in plan.deadlines:
        for key in ("owner", "recipient"):
            yield from many(d, key)
    for s in plan.procedure:
        yield from many(s, "owner")
    if plan.approval:
        for key in ("drafted", "reviewed", "approved"):
            so = getattr(plan.approval, key)
            if so is not None:
                yield so, "by", None, so.by


@rule("P401", "error", "“{ref}”不存在：不是通讯录中的人员标识、职务或单位，也不是本预案的机构或岗位{suggestion}",
      "'{ref}' names no roster person, post or unit, and no body or post of this plan{suggestion_en}",
      "人员用通讯录中的 id（如 wang-lei）；职务要与通讯录中某人的 post 完全一致；上级部门请加到通讯录的 units。",
      "Use a roster person id, a post exactly as in the roster, a body/post id of the plan, or add the unit to the roster.",
      summary="引用的人员、职务、机构不存在")
def references_exist(ctx: Context):
    """预案中引用的人员、职务、机构、岗位和外部单位都必须存在。

    人员按通讯录 id，职务按通讯录中的 post，机构和岗位按本预案 organization 中的 id 或名称，
    外部单位按通讯录 units 中的 id 或名称。
    """
    for plan in ctx.repo.plans:
        directory = ctx.repo.directory(plan)
        for rec, key, index, ref in plan_refs(plan):
            if directory.resolve(ref) is None:
                names = directory.names()
                yield hit(rec.at(key, index), ref=ref, suggestion=did_you_mean(ref, names, "zh"),
                          suggestion_en=did_you_mean(ref, names, "en"))


@rule("P402", "error", "{problem}", "{problem_en}", "{hint}", "{hint_en}", summary="预案的通讯录找不到")
def roster_found(ctx: Context):
    """预案要能找到它的通讯录：写了 roster 就必须存在；没写时库中只能有一个通讯录。"""
    repo = ctx.repo
    ids = [r.id for r in repo.rosters]
    for plan in repo.plans:
        if plan.roster and plan.roster not in repo.roster_by_id:
            yield hit(plan.at("roster"), problem=f"通讯录“{plan.roster}”不存在{did_you_mean(plan.roster, ids, 'zh')}",
                      problem_en=f"roster '{plan.roster}' does not exist{did_you_mean(plan.roster, ids, 'en')}",
                      hint="通讯录放在 plans/rosters/ 下，id 写在文件里。", hint_en="Rosters live in plans/rosters/.")
        elif not plan.roster and len(ids) > 1:
            yield hit(plan.loc, problem="库中有多个通讯录，预案须用 roster 指明使用哪一个",
                      problem_en="there are several rosters: name this plan's with 'roster'",
                      hint=f"可用：{'、'.join(ids)}", hint_en=f"Rosters: {', '.join(ids)}")


@rule("P403", "warning", "“{body}”的组长没有副组长或 AB 岗替补", "the leader of '{body}' has no deputy or backup",
      "写上副组长（deputies），或在通讯录中给组长设 backup，保证组长不在时有人接手。",
      "Name a deputy, or give the leader a backup in the roster.", summary="组长无副手或替补")
def leader_has_backup(ctx: Context):
    """机构有组长而没有副组长，且组长在通讯录中也没有 backup 时提醒。"""
    for plan in ctx.repo.plans:
        org = plan.organization
        directory = ctx.repo.directory(plan)
        for b in org.bodies if org else ():
            if not b.leader or b.deputies:
                continue
            backups = False
            for ref in b.leader:
                t = directory.resolve(ref)
                if t is not None and any(p.backup for p in t.people):
                    backups = True
            if not backups:
                yield hit(b.at("leader"), body=b.name)


@rule("P404", "error", "{what}标识“{id}”重复", "{what_en} id '{id}' is used twice",
      "机构和岗位的 id 在本预案内唯一。", "Body and post ids must be unique within a plan.", summary="机构或岗位标识重复", guard=True)
def org_ids_unique(ctx: Context):
    """同一预案中机构、岗位的 id 不能重复。"""
    for plan in ctx.repo.plans:
        org = plan.organization
        if not org:
            continue
        tagged = [(x, "机构", "body") for x in org.bodies] + [(x, "岗位", "post") for x in org.posts]
        for (x, what, what_en), _ in repeated(tagged, key=lambda t: t[0].id):
            yield hit(x.at("id"), what=what, what_en=what_en, id=x.id)


@rule("P405", "error", "领导小组“{body}”没有组长", "the leading group '{body}' has no leader",
      "在 leader 中写组长（人员标识或职务）。", "Name the leader in 'leader'.", summary="领导小组无组长")
def leading_group_leader(ctx: Context):
    """领导小组必须有组长。"""
    for plan in ctx.repo.plans:
        org = plan.organization
        for b in org.bodies if org else ():
            if b.type is BodyType.leading_group and not b.leader:
                yield hit(b.loc, body=b.name)


_KIND_ZH = {"person": "人员", "post": "本预案岗位", "body": "本预案机构", "unit": "外部单位", "roster_post": "通讯录职务"}


@rule("P406", "warning", "“{ref}”有歧义：既是{first}“{first_name}”，又是{second}“{second_name}”；按前者理解",
      "'{ref}' is ambiguous: both the {first_en} '{first_name}' and the {second_en} '{second_name}'; the first is used",
      "改用人员 id 或机构、岗位的 id，使引用只指向一个对象。", "Refer by id so the name points at one thing.",
      summary="引用有歧义")
def references_unambiguous(ctx: Context):
    """一个名称同时是本预案的岗位名和通讯录中的职务（或两人同名）时，提醒改用 id。"""
    for plan in ctx.repo.plans:
        directory = ctx.repo.directory(plan)
        reported: set[str] = set()
        for rec, key, index, ref in plan_refs(plan):
            pair = directory.ambiguous.get(ref)
            if pair and ref not in reported:
                reported.add(ref)
                a, b = pair
                yield hit(rec.at(key, index), ref=ref, first=_KIND_ZH[a.kind], first_en=a.kind, first_name=a.name,
                          second=_KIND_ZH[b.kind], second_en=b.kind, second_name=b.name)
