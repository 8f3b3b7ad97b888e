"""What the period report's site page and PDF show: one view built from a PeriodReport.

The numbers come from stats.period_report; here they only get their labels, shares, charts (SVG
from the template, identical in the site and the PDF) and, for public output, masked personal data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..compliance import format_delta
from ..model import Repository
from . import charts
from .stats import PeriodReport, period_report

if TYPE_CHECKING:
    from ..views import Views

#: the dimensions counted, in the order shown: (key, heading, field of PeriodReport)
DIMENSIONS = (("level", "按级别", "by_level"), ("category", "按类别", "by_category"),
              ("platform", "按平台", "by_platform"), ("month", "按月份", "by_month"), ("unit", "按单位", "by_unit"))


def default_periods(repo: Repository) -> list[tuple[dt.date, dt.date]]:
    """Each calendar year in which a case was discovered, the newest first."""
    years = sorted({c.discovered.year for c in repo.cases}, reverse=True)
    return [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]


def period_name(start: dt.date, end: dt.date) -> str:
    """2025年 for a calendar year, else 2025年1月1日至2025年6月30日."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}年" if start.year == end.year else f"{start.year}—{end.year}年"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def period_slug(start: dt.date, end: dt.date) -> str:
    """The file name of a period's page and PDF: 2025, or 2025-01-01_2025-06-30."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}_{end.isoformat()}"


def _delta(d: dt.timedelta | None) -> str:
    return format_delta(d) if d is not None else "—"


def _share(n: int, total: int) -> str:
    return f"{n / total:.0%}" if total else "—"


def report_view(views: Views, report: PeriodReport, templates: Path) -> dict:
    """Everything the templates need, as plain values (the SVG charts as markup from their template), with
    personal data masked as ``views`` mask it for their audience."""
    repo, mask = views.repo, views.masking.text
    total = len(report.cases)
    office = repo.config.office
    period = period_name(report.start, report.end)
    title = f"{office.name}{period}网络舆情处置工作统计报告"
    dimensions = []
    for key, heading, field in DIMENSIONS:
        counts = getattr(report, field) if total else ()  # no cases: no chart of twelve empty months
        if key == "month":
            chart = charts.vertical(key, f"{heading}统计", counts)
        else:
            chart = charts.horizontal(key, f"{heading}统计", counts, by_level=(key == "level"))
        rows = [{"key": c.key, "label": bar.label if key == "month" else c.key, "count": c.count,
                 "share": _share(c.count, total)} for c, bar in zip(counts, chart.bars, strict=True)]
        if key == "month":
            rows = [dict(r, label=_month(r["key"])) for r in rows]
        dimensions.append({"key": key, "heading": heading, "rows": rows, "chart": chart,
                           "svg": charts.svg(chart, templates), "note": "一起案例涉及多个平台或单位的分别计数。"
                           if key in ("platform", "unit") else ""})
    measured = sum(d.measured for d in report.deadlines)
    met = sum(d.met for d in report.deadlines)
    deadlines = [{"name": d.name, "measured": d.measured, "met": d.met, "late": d.late,
                  "not_recorded": d.not_recorded, "rate": f"{d.rate:.0%}"} for d in report.deadlines]
    slowest = [{"id": s.case_id, "title": mask(s.title), "to_response": _delta(s.to_response),
                "to_close": _delta(s.to_close)} for s in report.slowest]
    lessons = [{"keyword": x.keyword, "cases": "、".join(x.case_ids), "ids": list(x.case_ids), "count": len(x.case_ids),
                "examples": [mask(e) for e in x.examples]} for x in report.lessons]
    return {
        "title": title, "title_lines": [office.name, f"{period}网络舆情处置工作统计报告"] if len(title) > 20 else [title],
        "office": office.name, "period": period, "slug": period_slug(report.start, report.end),
        "start": report.start, "end": report.end, "unit": report.unit or "", "total": total,
        "median_to_response": _delta(report.median_to_response),
        "overall_rate": f"{met / measured:.0%}" if measured else "—", "measured": measured, "met": met,
        "dimensions": dimensions, "deadlines": deadlines, "slowest": slowest, "lessons": lessons,
        "cases": list(report.cases),
    }


def _month(key: str) -> str:
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def view_for_period(views: Views, start: dt.date, end: dt.date, templates: Path, unit: str | None = None) -> dict:
    return report_view(views, period_report(views.repo, start, end, unit), templates)
