"""``planbook report``: the period report (工作总结 / 统计) and the training compendium (案例汇编)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..render import TEMPLATES
from . import UsageProblem, main
from .common import load_here


def _delta(d: dt.timedelta | None) -> str:
    from ..compliance import format_delta
    return format_delta(d) if d is not None else "—"


def _text(r) -> str:
    unit = r.unit or "全部单位"
    out = [f"网络舆情处置工作统计：{r.start} 至 {r.end}（{unit}）", f"案例 {len(r.cases)} 起", ""]
    for title, rows in (("按级别", r.by_level), ("按类别", r.by_category), ("按平台", r.by_platform),
                        ("按月份", r.by_month), ("按单位", r.by_unit)):
        out.append(title)
        out += [f"  {c.key}\t{c.count}" for c in rows] or ["  （无）"]
        out.append("")
    out.append("时限达标率（按时或在批准延期内 / 应核对）")
    for d in r.deadlines:
        out.append(f"  {d.name}\t{d.met}/{d.measured}\t{d.rate:.0%}\t超时 {d.late}，未记录 {d.not_recorded}")
    out += ["", f"从发现到首次回应的中位时间：{_delta(r.median_to_response)}", "", "首次回应最慢的案例"]
    out += [f"  {s.case_id}\t{s.title}\t首次回应 {_delta(s.to_response)}，办结用时 {_delta(s.to_close)}"
            for s in r.slowest]
    out += ["", "反复出现的经验教训"]
    for lesson in r.lessons:
        out.append(f"  “{lesson.keyword}”（{len(lesson.case_ids)} 起：{'、'.join(lesson.case_ids)}）")
        out += [f"    - {x}" for x in lesson.examples]
    return "\n".join(out)


def _json(r) -> str:
    def default(o):
        if isinstance(o, dt.timedelta):
            return o.total_seconds()
        if isinstance(o, dt.date):
            return o.isoformat()
        raise TypeError(o)
    data = dataclasses.asdict(r)
    for d, src in zip(data["deadlines"], r.deadlines, strict=True):
        d["rate"] = round(src.rate, 4)
    return json.dumps(data, ensure_ascii=False, indent=2, default=default)


def _pdf_renderer():
    """generator.pdf.reports (MissingExtra, saying which extra to install, when its packages are missing)."""
    from ..build import _renderer
    return _renderer("pdf", "pdf.reports")


def _write(renderer, job, output: str) -> Path:
    target = Path(output)
    if target.is_dir():
        raise UsageProblem(f"{output} 是目录。", f"{output} is a folder", "-o 请写 PDF 文件名，如 -o 统计报告.pdf。",
                           "-o names a PDF file, such as -o report.pdf.", path=output)
    if not target.parent.is_dir():
        raise UsageProblem(f"目录不存在：{target.parent}", f"no such folder: {target.parent}", path=target.parent)
    return renderer.write(job, target)


def _criteria(tags, levels, start, end) -> str:
    parts = []
    if tags:
        parts.append("标签：" + "、".join(tags))
    if levels:
        parts.append("级别：" + "、".join(levels))
    if start or end:
        parts.append(f"发现时间：{start.date() if start else '……'} 至 {end.date() if end else '……'}")
    return "；".join(parts) or "全部案例"


@main.command()
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="起始日期（含），按发现时间。统计报告必填；案例汇编可选。")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="截止日期（含）。统计报告必填；案例汇编可选。")
@click.option("--unit", default=None, help="只统计涉及该单位的案例（按案例 unit 字段包含的文字）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="终端输出的格式（不写 -o 时）。")
@click.option("-o", "--output", default=None, metavar="FILE.pdf",
              help="写成 PDF：统计报告为公文样式（图表与数字表），案例汇编带目录和页码。")
@click.option("--training", is_flag=True, help="生成案例汇编（培训材料），而不是统计报告。")
@click.option("--tag", "tags", multiple=True, help="案例汇编：只选有此标签的案例（可写多次，任一即可）。")
@click.option("--level", "levels", multiple=True, help="案例汇编：只选该级别 id 的案例，如 I（可写多次）。")
@click.option("--anonymise/--no-anonymise", default=True, show_default=True,
              help="案例汇编：隐去网民账号、手机号、身份证号和人员姓名（默认隐去；--no-anonymise 仅限内部使用）。")
def report(start: dt.datetime | None, end: dt.datetime | None, unit: str | None, fmt: str, output: str | None,
           training: bool, tags: tuple[str, ...], levels: tuple[str, ...], anonymise: bool) -> None:
    """统计报告与案例汇编。

    \b
    统计报告（工作总结）：一段时间内的舆情案例按级别、类别、平台、月份、单位计数，时限达标率，
    首次回应中位时间，最慢的案例和反复出现的经验教训。
      planbook report --from 2025-01-01 --to 2025-12-31            输出到终端
      planbook report --from 2025-01-01 --to 2025-12-31 --format json
      planbook report --from 2025-01-01 --to 2025-12-31 -o 2025年统计报告.pdf
    \b
    案例汇编（培训材料）：按标签、级别和时间选出案例，装订成一个带目录的 PDF；每个案例有处置经过、
    时限达标、经验教训和讨论题（案例的 questions）。默认隐去个人信息。不写 -o 时列出选中的案例。
      planbook report --training --tag 谣言 --level I --level II -o 案例汇编.pdf
    \b
    planbook build 还为案例库中的每个年份生成统计报告的站点页和 PDF，并把写有讨论题的案例装订成案例汇编。
    """
    if start and end and end < start:
        raise UsageProblem("--to 早于 --from。", "--to is before --from: the period ends before it starts")
    root, loaded = load_here()
    repo = loaded.repo
    if training:
        _compendium(repo, tags, levels, start, end, output, anonymise)
        return
    if tags or levels or not anonymise:
        raise UsageProblem("--tag、--level、--no-anonymise 只用于案例汇编。",
                           "--tag, --level and --no-anonymise are for the training compendium only",
                           "请加 --training。", "Add --training.")
    if start is None or end is None:
        raise UsageProblem("统计报告要写明时段。", "a period report needs its period",
                           "写 --from 2025-01-01 --to 2025-12-31。", "Give --from 2025-01-01 --to 2025-12-31.")
    from ..report.stats import period_report
    from ..views import Views
    r = period_report(repo, start.date(), end.date(), unit)
    if output:
        renderer = _pdf_renderer()
        fonts, build = renderer.standalone(repo, _git(repo))
        path = _write(renderer, renderer.report_job(Views(repo), r, fonts, build, TEMPLATES), output)
        click.echo(f"已写入 (written): {path}（案例 {len(r.cases)} 起）")
    else:
        click.echo(_text(r) if fmt == "text" else _json(r))
    if not r.cases:
        click.echo("这段时间内没有案例。(no cases in the period)", err=True)
    sys.exit(0)


def _git(repo):
    """What git knows of the plans and cases (the commit that dates a PDF): read here, before rendering."""
    from ..load.history import read_git
    from ..load.tree import tracked
    return read_git(repo.root, tracked(repo.files))


def _compendium(repo, tags, levels, start, end, output, anonymise) -> None:
    from ..report.compendium import select_for_compendium
    known = {lv.id for p in repo.plans for lv in p.levels}
    unknown = [lv for lv in levels if lv not in known]
    if unknown:
        raise UsageProblem(f"没有级别 id“{'、'.join(unknown)}”。可用：{'、'.join(sorted(known))}",
                           f"no level id '{', '.join(unknown)}'; there are: {', '.join(sorted(known))}")
    picked = select_for_compendium(repo, tags, levels, start.date() if start else None, end.date() if end else None,
                             anonymise)
    if not picked:
        raise UsageProblem("没有符合条件的案例，未生成。", "no case matches: nothing was written")
    if not output:
        for view in picked:
            click.echo(f"{view.case.id}\t{view.level_group}\t{view.case.title}")
        click.echo(f"共 {len(picked)} 个案例；加 -o 文件.pdf 生成案例汇编。", err=True)
        return
    renderer = _pdf_renderer()
    fonts, build = renderer.standalone(repo, _git(repo))
    job = renderer.compendium_job(repo, picked, fonts, build, TEMPLATES, anonymise, _criteria(tags, levels, start, end))
    path = _write(renderer, job, output)
    click.echo(f"已写入 (written): {path}（案例 {len(picked)} 个{'，已隐去个人信息' if anonymise else '，未隐去个人信息'}）")
