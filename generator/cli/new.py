"""``planbook new case`` and ``planbook new drill``: start a case or drill file (prompted, or from options)."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from . import UsageProblem, main
from .common import load_here


@main.group()
def new() -> None:
    """新建文件。"""


@new.command("case")
@click.option("--plan", "plan_id", default=None, help="依据的预案 id。")
@click.option("--level", default=None, help="级别：id 或名称（该预案 levels 中的，如 III 或 三级）。")
@click.option("--category", default=None, help="类别：inquiry / doubt / malicious_hype / rumour / suggestion / complaint / other，"
              "或中文名称（询问诉求、质疑 …）。")
@click.option("--title", default=None, help="标题。")
@click.option("--discovered", default=None, help="发现时间，如 2025-06-03 08:15（默认现在，按 planbook.yml 的时区）。")
@click.option("--unit", default="", help="涉及的部门或单位。")
@click.option("--platform", default="", help="舆情来源平台，如 微博。")
def new_case(plan_id, level, category, title, discovered, unit, platform) -> None:
    """写一个新案例的骨架 cases/<年份>/<编号>.md，编号自动顺延；缺少的项在终端中询问。

    \b
    骨架能通过 planbook check；时间线下列出了该级别适用的时限，按实际经过补记即可。
    """
    from ..create import NewCase, write_case
    from ..model import Category

    root, loaded = load_here()
    repo = loaded.repo
    interactive = sys.stdin.isatty()

    def ask(value, prompt, option, choices=None, default=None):
        if value is not None:
            return value
        if not interactive:
            raise UsageProblem(f"非交互运行时请用选项给出：{prompt}（{option}）",
                               f"not running in a terminal: give {option} as an option")
        # the answer is checked below, where an English key or the Chinese label shown are both taken
        return click.prompt(prompt, type=str, default=default)

    plans = [p for p in repo.plans if p.status.value != "superseded"] or list(repo.plans)
    if not plans:
        raise UsageProblem("库中还没有预案。", "the repository has no plan yet",
                           "先在 plans/ 中写一个（或用 planbook init）。", "Write one in plans/ first (or use planbook init).")
    plan_id = ask(plan_id, "依据的预案", "--plan", [p.id for p in plans], plans[0].id if len(plans) == 1 else None)
    plan = repo.plan_by_id.get(plan_id)
    if plan is None:
        raise UsageProblem(f"没有预案“{plan_id}”。可用：{'、'.join(p.id for p in repo.plans)}",
                           f"no plan '{plan_id}'; there are: {', '.join(p.id for p in repo.plans)}")
    levels = [lv.id for lv in plan.levels]
    if not levels:
        raise UsageProblem(f"预案“{plan.id}”没有分级（levels），案例无法定级。",
                           f"the plan '{plan.id}' has no levels: a case cannot be graded")
    level = ask(level, "级别（" + "，".join(f"{lv.id}={lv.name}" for lv in plan.levels) + "）", "--level", levels)
    level = _choose(level, [(lv.id, lv.name) for lv in plan.levels])
    if level not in levels:
        raise UsageProblem(f"预案“{plan.id}”中没有级别“{level}”。可用：{'、'.join(levels)}",
                           f"the plan '{plan.id}' has no level '{level}'; there are: {', '.join(levels)}")
    cats = [c.value for c in Category]
    category = ask(category, "类别（" + "，".join(f"{c.value}={c.label}" for c in Category) + "）", "--category", cats)
    category = _choose(category, [(c.value, c.label) for c in Category])
    if category not in cats:
        raise UsageProblem(f"类别“{category}”无效。可用：{'、'.join(cats)}",
                           f"no category '{category}'; there are: {', '.join(cats)}")
    title = ask(title, "标题", "--title")
    now = dt.datetime.now(ZoneInfo(repo.config.timezone)) if _known_zone(repo.config.timezone) else dt.datetime.now()
    when = ask(discovered, "发现时间", "--discovered", default=now.strftime("%Y-%m-%d %H:%M"))
    try:
        moment = dt.datetime.fromisoformat(when.strip())
    except ValueError:
        raise UsageProblem(f"发现时间“{when}”无法识别。", f"cannot read the time of discovery '{when}'",
                           "写作 2025-06-03 08:15。", "Write 2025-06-03 08:15.") from None
    path = write_case(root, repo, NewCase(plan, level, Category(category), title.strip() or "（待填写）",
                                          moment, unit, platform))
    click.echo(f"已写入 (written): {path.relative_to(root)}")


@new.command("drill")
@click.option("--from-case", "case_id", default=None, help="情景取自哪个办结案例（案例编号，如 2025-003）：预案、级别、"
              "情景和预期经过都从案例来。")
@click.option("--plan", "plan_id", default=None, help="演练的预案 id（用 --from-case 时默认为案例的预案）。")
@click.option("--level", default=None, help="演练的级别：id 或名称（用 --from-case 时默认为案例的级别）。")
@click.option("--form", default="tabletop", show_default=True,
              help="形式：tabletop 桌面推演 / live 实战演练 / combined 综合演练（也可写中文名称）。")
@click.option("--title", default=None, help="演练名称。")
@click.option("--date", "when", default=None, help="演练日期，如 2025-11-20（默认今天，按 planbook.yml 的时区）。")
def new_drill(case_id, plan_id, level, form, title, when) -> None:
    """写一次演练的骨架 drills/<年份>/<编号>.md，编号自动顺延（2025-D01 …）。

    \b
    用 --from-case 时，情景取自该案例，案例的时间线平移到演练当天，作为预期经过写在时间线下（注释），
    按演练实际改写即可；骨架能通过 planbook check（未记录的时限以警告提醒）。
    """
    from ..create import NewDrill, write_drill
    from ..model import DrillForm

    root, loaded = load_here()
    repo = loaded.repo
    case = None
    if case_id is not None:
        case = next((c for c in repo.cases if c.id == case_id), None)
        if case is None:
            raise UsageProblem(f"没有案例“{case_id}”。", f"no case '{case_id}'",
                               "--from-case 写办结案例的编号，如 2025-003。", "Name a case id such as 2025-003.")
        plan_id = plan_id or case.plan
        level = level or case.level
    if plan_id is None:
        current = [p for p in repo.plans if p.status.value == "approved"]
        if len(current) != 1:
            raise UsageProblem("请用 --plan 指明演练哪个预案（或用 --from-case）。", "name the plan with --plan",
                               "可用：" + "、".join(p.id for p in repo.plans), "Plans: " + ", ".join(p.id for p in repo.plans))
        plan_id = current[0].id
    plan = repo.plan_by_id.get(plan_id)
    if plan is None:
        raise UsageProblem(f"没有预案“{plan_id}”。可用：{'、'.join(p.id for p in repo.plans)}",
                           f"no plan '{plan_id}'; there are: {', '.join(p.id for p in repo.plans)}")
    levels = [lv.id for lv in plan.levels]
    level = _choose(level or (levels[-1] if levels else ""), [(lv.id, lv.name) for lv in plan.levels])
    if level not in levels:
        raise UsageProblem(f"预案“{plan.id}”中没有级别“{level}”。可用：{'、'.join(levels)}",
                           f"the plan '{plan.id}' has no level '{level}'; there are: {', '.join(levels)}")
    form = _choose(form, [(f.value, f.label) for f in DrillForm])
    if form not in [f.value for f in DrillForm]:
        raise UsageProblem(f"演练形式“{form}”无效。可用：tabletop 桌面推演、live 实战演练、combined 综合演练",
                           f"no drill form '{form}'; there are: tabletop, live, combined")
    tz = ZoneInfo(repo.config.timezone) if _known_zone(repo.config.timezone) else None
    try:
        day = dt.date.fromisoformat(when.strip()) if when else dt.datetime.now(tz).date()
    except ValueError:
        raise UsageProblem(f"演练日期“{when}”无法识别。", f"cannot read the date '{when}'",
                           "写作 2025-11-20。", "Write 2025-11-20.") from None
    name = (title or "").strip() or (f"{case.title}（{DrillForm(form).label}）" if case else f"{plan.title}演练")
    path = write_drill(root, repo, NewDrill(plan, level, DrillForm(form), name, day, case))
    click.echo(f"已写入 (written): {path.relative_to(root)}")


def _choose(answer: str, choices: list[tuple[str, str]]) -> str:
    """The key of a choice given by its key or by the Chinese label shown beside it: ``doubt`` or ``质疑``;
    for a label with a note, the words before it (``三级`` for ``三级（较大）``, ``谣言`` for ``谣言/不实信息``)."""
    answer = answer.strip()
    for key, label in choices:
        if answer in (key, label):
            return key
    short = [key for key, label in choices if answer and re.split(r"[（(/]", label, maxsplit=1)[0].strip() == answer]
    return short[0] if len(short) == 1 else answer


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@new.command("plan")
@click.option("--from-example", "example", type=click.Choice(["township", "school", "company", "bureau"]),
              required=True, help="从哪种单位的示例起步：township 乡镇（街道）/ school 学校 / company 企业 / bureau 政府部门。")
@click.option("--id", "plan_id", default=None, help="新预案的 id（小写字母、数字、连字符；默认为示例类型名）。")
@click.option("--office", default="", help="发文机关（默认 planbook.yml 中的单位名称）。")
def new_plan(example: str, plan_id: str | None, office: str) -> None:
    """从示例起步写一个新预案 plans/<id>/plan.yml 和它的通讯录 plans/rosters/<id>.yml。

    \b
    与 planbook init 用同一套起步模板：各文种必备的节、组织机构、三个级别、四条时限和处置流程，
    状态为草案（draft）；通讯录中的人员和电话都是占位（待填写）。写好后即能通过 planbook check。
    """
    from ..scaffold import OFFICE_TYPES, NewPlan, write_plan

    root, loaded = load_here()
    repo = loaded.repo
    new = NewPlan(Path(root), example, plan_id or "", office)
    written = write_plan(new, {p.id for p in repo.plans}, {r.id for r in repo.rosters}, repo.config.office.name)
    for rel in written:
        click.echo(f"已写入 (written): {rel}")
    click.echo(f"这是{OFFICE_TYPES[example]}示例的起步预案（草案）。下一步：把通讯录中“待填写”的人员和电话换成本单位的，"
               f"按实际修改预案，然后运行 planbook check。")
