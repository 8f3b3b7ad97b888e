"""The PDFs made from the case library as a whole: the period report (工作总结 / 统计) and the training
compendium (案例汇编).  Views come from generator/report/; the markup is in site_templates/pdf/
(report.html.j2, training.html.j2), laid out like the plan documents (_official.css.j2)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import Repository
from ..numbering import cn_date
from ..report.stats import PeriodReport, period_report
from ..report.view import report_view
from ..views import CaseView, Views
from .documents import BuildInfo, Job, _common, _text_of, _when, compliance_rows, environment
from .fonts import FontSet, check_coverage

__all__ = ["report_job", "period_jobs", "compendium_job"]


def report_job(views: Views, report: PeriodReport, fonts: FontSet, build: BuildInfo, templates: Path,
               relpath: str | None = None) -> Job:
    """The period report as an official-style PDF (charts as SVG, numbers in tables beside them)."""
    r = report_view(views, report, templates)
    footer = f"由 Planbook 据案例库统计 · 案例 {r['total']} 起 · 构建自提交 {build.commit or '（不在 git 中）'}"
    date = cn_date(build.date.date())
    text = _text_of({k: v for k, v in r.items() if k != "dimensions"}) + _text_of(
        [[d["heading"], d["note"], d["rows"], [b.label for b in d["chart"].bars]] for d in r["dimensions"]])
    static = ("一二三四五六七八九十、（）总体情况分类统计时限达标情况首次回应最慢的案例反复出现的经验教训统计时段至单位案例数占比"
              "应核对按时超时未记录达标率编号标题用时办结注：无起。%—0123456789")
    check_coverage(fonts, {"fang": text + footer + date + static, "song": text + static, "hei": text + static,
                           "kai": static + r["period"] + r["unit"] + "（）", "xbs": r["title"]}, r["title"])
    doc = {"title": r["title"], "author": r["office"], "version": r["slug"], "status": "",
           "description": f"网络舆情处置工作统计报告 {r['period']}",
           "keywords": ["统计报告", r["period"], f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("report.html.j2").render(
        **_common(fonts, build), doc=doc, r=r, date=date, footer=footer)
    return Job(relpath or f"reports/{r['slug']}.pdf", "report", f"report-{r['slug']}", r["title"], html,
               str(templates / "pdf"))


COMPENDIUM_CRITERIA = "有讨论题的全部案例"


def period_jobs(views: Views, fonts: FontSet, build: BuildInfo, templates: Path, compendium=None) -> list[Job]:
    """One period report per calendar year of the case library (see report.view.default_periods), and the
    library's training compendium (the cases with discussion questions, anonymised)."""
    from ..report.compendium import library_compendium
    from ..report.view import default_periods
    repo = views.repo
    jobs = [report_job(views, period_report(repo, start, end), fonts, build, templates)
            for start, end in default_periods(repo)]
    selected = library_compendium(repo) if compendium is None else compendium
    if selected:
        jobs.append(compendium_job(repo, selected, fonts, build, templates, True, COMPENDIUM_CRITERIA))
    return jobs


# --- training compendium ---------------------------------------------------------------------------

def compendium_views(selected: tuple[CaseView, ...]) -> list[dict]:
    """One entry per selected case: what it looked like, its timeline, compliance, lessons and questions.

    ``selected`` comes from report.compendium.select_for_compendium: case views for the training audience (or
    the internal one), their timeline's references already resolved to names and masked."""
    out = []
    for view in selected:
        case, plan = view.case, view.plan
        out.append({
            "id": case.id, "anchor": f"case-{case.id}", "title": case.title,
            "meta": [("案例编号", case.id), ("级别", view.level_group), ("类别", case.category.label),
                     ("依据预案", plan.title if plan else case.plan), ("涉及单位", case.unit),
                     ("发现时间", _when(case.discovered)), ("办结日期", cn_date(case.closed)),
                     ("标签", "、".join(case.tags))],
            "sources": [{"platform": s.platform, "title": s.title, "posted": _when(s.posted), "author": s.author,
                         "url": s.url, "quote": s.quote} for s in case.sources],
            "timeline": [{"time": _when(r.entry.time), "event": r.entry.event.label, "by": list(r.by), "note": r.entry.note}
                         for r in sorted(view.timeline, key=lambda r: r.entry.time)],
            "compliance": compliance_rows(view.compliance),
            "body": case.body, "measures": list(case.measures), "outcome": case.outcome,
            "lessons": list(case.lessons), "follow_up": list(case.follow_up), "questions": list(case.questions),
        })
    return out


def compendium_job(repo: Repository, selected: tuple[CaseView, ...], fonts: FontSet, build: BuildInfo,
                 templates: Path, anonymise: bool = True, criteria: str = "",
                 relpath: str = "training/compendium.pdf") -> Job:
    """The training compendium (案例汇编): a cover, a table of contents with page numbers
    (target-counter), then one case per chapter starting on a new page."""
    cases = compendium_views(selected)
    office = repo.config.office.name
    title = "网络舆情处置案例汇编"
    date = cn_date(build.date.date())
    note = "本汇编供内部培训使用；网民账号、手机号、身份证号和人员姓名已作匿名处理。" if anonymise else \
        "本汇编含未经匿名处理的个人信息（网民账号、电话、姓名），仅限内部使用，不得外传。"
    footer = f"{title} · 案例 {len(cases)} 个 · 构建自提交 {build.commit or '（不在 git 中）'}"
    text = _text_of(cases) + office + title + note + criteria + footer + date
    static = ("目录案例编号级别类别依据预案涉及单位发现时间办结日期标签舆情来源处置经过时限达标要求结果应于实际情况说明采取的措施"
              "处置结果经验教训后续整改讨论题平台发帖时间账号标题链接与摘录事件经办说明一二三四五六七八九十、（）—.0123456789")
    check_coverage(fonts, {"fang": text + static, "song": text + static, "hei": text + static,
                           "kai": text + static, "xbs": title + office}, title)
    doc = {"title": f"{office}{title}", "author": office, "version": "", "status": "",
           "description": f"{title}（{len(cases)} 个案例）", "keywords": ["案例汇编", "培训", f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("training.html.j2").render(
        **_common(fonts, build), doc=doc, cases=cases, office=office, title=title, date=date, note=note,
        criteria=criteria, footer=footer, anonymise=anonymise)
    return Job(relpath, "training", "training", title, html, str(templates / "pdf"))


# --- one document outside a build (planbook report -o) ----------------------------------------------

def standalone(repo: Repository, git, today: dt.date | None = None) -> tuple[FontSet, BuildInfo]:
    """Fonts and build info for a single PDF made outside ``planbook build``: dated by the newest
    commit touching the plans and cases (``git``: load.history.read_git), as in a build (reproducible)."""
    from .documents import build_info
    from .fonts import resolve_fonts
    # outside git there is no commit to date the document by: today's date
    return resolve_fonts(repo.config.fonts, repo.root), build_info(git, today or dt.date.today())


def write(job: Job, target: Path) -> Path:
    """Render ``job`` to ``target`` (PDF/A-2b), written whole or not at all."""
    from . import render_one
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        render_one(job.html, job.base_url, str(tmp), job.title, job.alternatives)
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
