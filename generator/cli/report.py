"""``planbook report``: the period report (工作总结 / 统计) from the case library."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys

import click

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
    for d, src in zip(data["deadlines"], r.deadlines):
        d["rate"] = round(src.rate, 4)
    return json.dumps(data, ensure_ascii=False, indent=2, default=default)


@main.command()
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), required=True, help="起始日期（含），按发现时间。")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), required=True, help="截止日期（含）。")
@click.option("--unit", default=None, help="只统计涉及该单位的案例（按案例 unit 字段包含的文字）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def report(start: dt.datetime, end: dt.datetime, unit: str | None, fmt: str) -> None:
    """统计一段时间内的舆情案例：按级别、类别、平台、月份、单位计数，时限达标率，首次回应中位时间，
    最慢的案例和反复出现的经验教训。"""
    from ..report.stats import period_report
    if end < start:
        raise UsageProblem("--to 早于 --from (the period ends before it starts)")
    root, loaded = load_here()
    r = period_report(loaded.repo, start.date(), end.date(), unit)
    click.echo(_text(r) if fmt == "text" else _json(r))
    if not r.cases:
        click.echo("这段时间内没有案例。(no cases in the period)", err=True)
    sys.exit(0)
