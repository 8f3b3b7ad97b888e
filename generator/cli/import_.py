"""``planbook import``: draft a plan.yml from a plan written as .docx, .txt or .md, and say what still needs a person."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile

import click

from . import UsageProblem, main

_EVENT_NAMES = {"oral_report": "口头报告", "written_report": "书面报告", "special_report": "特报",
                "daily_report": "日报", "weekly_report": "周报", "replied": "答复网民", "verified": "核实",
                "first_response": "首次公开回应", "published": "发布信息", "closed": "办结", "supervised": "督办",
                "assessed": "研判", "other": "其他"}


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--id", "plan_id", default=None, metavar="ID",
              help="预案标识（默认取自文件名）；一个文件中有多个预案时依次加 -1、-2 …")
@click.option("-o", "--output", "output", default=None, type=click.Path(file_okay=False), metavar="目录",
              help="写到哪个目录（默认 plans/ID）；多个预案时为 目录-1、目录-2 …")
@click.option("--force", is_flag=True, help="覆盖已有的 plan.yml。")
def import_(file: str, plan_id: str | None, output: str | None, force: bool) -> None:
    """把 .docx、.txt 或 .md 写成的预案导入为草案 plans/ID/plan.yml，并列出仍需人工处理的事项。

    原文中的姓名和电话写入待核对的通讯录草稿 plans/ID/roster.yml.draft（planbook 不读取，核对后并入通讯录）。

    \b
    退出码：0 已导入；1 文件中没有预案（如工作总结）或导入结果无法读取；2 用法或读写失败。
    Exit codes: 0 imported, 1 no plan found in the file, 2 usage or I/O failure.
    """
    from ..importer import import_file, write_plan
    from ..model.common import ID_RE

    if plan_id is not None and not ID_RE.match(plan_id):
        raise UsageProblem(f"--id “{plan_id}” 不能用作预案标识。", f"--id '{plan_id}' cannot be a plan id",
                           "只用小写字母、数字、- 和 _，如 qingshi-township。",
                           "Use lowercase letters, digits, - and _ only, such as qingshi-township.")
    result = import_file(file, plan_id=plan_id)
    for note in result.notes:
        click.echo(f"注意：{note}")
    if not result.plans:
        click.echo(f"{file}：没有找到预案，没有写入任何文件。", err=True)
        for s in result.skipped:
            click.echo(f"  第{s.where}{result.unit}《{s.title}》：{s.reason}", err=True)
        if not result.skipped:
            click.echo("  文中没有预案、方案、办法或制度的标题，也没有分节的正文。", err=True)
        sys.exit(1)
    root = _repo_root()
    base = root or os.getcwd()
    targets = []
    for i, plan in enumerate(result.plans, start=1):
        if output:
            folder = output if len(result.plans) == 1 else f"{output.rstrip('/')}-{i}"
        else:
            folder = os.path.join(base, "plans", plan.id)
        targets.append((plan, folder))
    for _plan, folder in targets:
        if os.path.exists(os.path.join(folder, "plan.yml")) and not force:
            there = os.path.join(folder, "plan.yml")
            raise UsageProblem(f"{there} 已存在。", f"{there} exists", "加 --force 覆盖，或用 --id / -o 换一个位置。",
                               "Add --force to overwrite it, or choose another place with --id / -o.", path=there)
    written = [(plan, write_plan(plan, folder, force=force)) for plan, folder in targets]
    click.echo(f"从 {file} 导入了 {len(written)} 个预案（草案）。")
    for plan, path in written:
        _summary(plan, path, result.unit)
    if result.skipped:
        click.echo("\n没有导入的部分：")
        for s in result.skipped:
            click.echo(f"  第{s.where}{result.unit}《{s.title}》：{s.reason}")
    if result.dropped:
        click.echo(f"\n去掉了 {result.dropped} {result.unit}网页导航、下载提示、广告、页码等非正文内容。")
    errors = _check(root, [path for _, path in written])
    broken = [p for p, _ in written if p.load_problems]
    sys.exit(1 if broken or errors else 0)


def _summary(plan, path: str, unit: str) -> None:
    from ..importer.roster import DRAFT_NAME

    shown = os.path.relpath(path)
    click.echo(f"\n{shown}：{plan.title}（{plan.kind.label}，原文第{plan.where}{unit}起）")
    click.echo(f"  节：{plan.sections} 个；识别出的类型：{'、'.join(plan.section_kinds) or '无'}")
    for key, value in plan.metadata:
        click.echo(f"  印发通知：{key} = {value}")
    click.echo(f"  分级：{'、'.join(plan.levels) or '无'}")
    click.echo(f"  机构：{'、'.join(plan.bodies) or '无'}")
    click.echo(f"  岗位：{'、'.join(plan.posts) or '无'}")
    deadlines = "、".join(f"{_EVENT_NAMES.get(e, e)} {limit}" for e, limit in plan.deadlines)
    click.echo(f"  时限：{deadlines or '无'}")
    if plan.roster is not None:
        draft = os.path.relpath(os.path.join(os.path.dirname(path), DRAFT_NAME))
        click.echo(f"  通讯录草稿：{len(plan.people)} 人（{'、'.join(plan.people)}），写在 {draft}；"
                   "姓名和电话取自原文，每一项都要核对，核对后并入 plans/rosters/ 下的通讯录")
    if plan.review:
        click.echo(f"  需要人工核对（{len(plan.review)} 项，也写在文件开头的注释中）：")
        for r in plan.review:
            at = f"第{r.where}{unit}：" if r.where else ""
            click.echo(f"    - {at}{r.reason}" + (f" ——“{r.quote}”" if r.quote else ""))
    for problem in plan.load_problems:
        click.echo(f"  导入结果无法读取（请报告给维护者）：{problem}", err=True)


def _repo_root() -> str | None:
    from ..load.repo import NotARepository, find_root
    try:
        return find_root(os.getcwd())
    except NotARepository:
        return None


def _check(root: str | None, paths: list[str]) -> int:
    """Run the checks on the written plans and print what still needs a person; the number of load errors."""
    from ..check import check
    from ..load.repo import load_repository
    from .formats import text

    scratch = None
    if root is None or any(os.path.relpath(os.path.abspath(p), root).startswith("..") for p in paths):
        scratch = tempfile.mkdtemp(prefix="planbook-import-")
        with open(os.path.join(scratch, "planbook.yml"), "w", encoding="utf-8") as f:
            f.write("office:\n  name: 导入检查\n")
        rels = []
        for p in paths:
            rel = f"plans/{os.path.basename(os.path.dirname(os.path.abspath(p)))}/plan.yml"
            os.makedirs(os.path.dirname(os.path.join(scratch, rel)), exist_ok=True)
            shutil.copyfile(p, os.path.join(scratch, rel))
            rels.append(rel)
        root, only = scratch, rels
    else:
        only = [os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/") for p in paths]
    try:
        loaded = load_repository(root)
        report = check(loaded, dt.date.today(), only)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    click.echo("\n仍需人工处理（planbook check 对导入结果的检查）：")
    if scratch:
        click.echo("  （不在 Planbook 库中，只单独检查了导入的预案，没有核对通讯录和引用）")
    click.echo(text(loaded.repo, report, "zh", False))
    return sum(1 for f in report.findings if f.code[0] in "FYS" and f.severity.value == "error")
