"""Page data: what each page of the site shows, from the typed model only.

Each function returns the variables of one template (site_templates/site/*.md.j2).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Case, Plan, Repository
from ..model.drill import Drill
from ..model.plan import Status
from ..numbering import numbered_sections, walk
from ..render import PdfFile
from ..views import Masking, Views, contact, phone, responds
from . import svg
from .due import due_items
from .people import on_duty, person_by_id
from .versions import version_rows, window_days


def plan_path(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def case_path(case_id: str) -> str:
    return f"cases/{case_id}.md"


def drill_path(drill_id: str) -> str:
    return f"drills/{drill_id}.md"


def roster_path(roster_id: str) -> str:
    return f"rosters/{roster_id}.md"


def response_path(plan_id: str, level_id: str) -> str:
    return f"respond/{plan_id}/{level_id}.md"


def vcard_path(roster_id: str) -> str:
    """The roster's vCard file in the site (internal builds only)."""
    return f"rosters/{roster_id}.vcf"


def report_path(slug: str) -> str:
    return f"reports/{slug}.md"


#: past this many cases the case library (案例库) and the training compendium (案例汇编) get a page per year, and per
#: month of a year with more than this many; at 10,000 cases one page listing every case was 5.4 MB and 8.7 MB
PAGE = 200
#: the most recent cases the library's own page shows once it has a page per year
RECENT = 100
#: the same for the compendium (a case there, with its lessons and questions, is about three times a library row)
TRAINING_PAGE = 100
RECENT_TRAINING = 50


def case_year_path(part: str) -> str:
    """The case library's page of a year ("2025") or of a month ("2025-03"): a directory no case id can name."""
    return f"cases/years/{part}.md"


def training_year_path(part: str) -> str:
    """The training compendium's page of a year or a month."""
    return f"training/{part}.md"


def by_year(rows: list[dict], path, size: int = PAGE) -> list[dict]:
    """``rows`` (each with its case's ``discovered`` time in ``when``) as the pages of a list: one per year, newest
    year first, and one per month (newest first) of a year with more than ``size``; each part keeps the rows'
    order.  A year: {"label", "count", "parts": [{"label", "short", "path", "rows"}]}."""
    years: dict[int, list[dict]] = {}
    for row in rows:
        years.setdefault(row["when"].year, []).append(row)
    out = []
    for year in sorted(years, reverse=True):
        mine = years[year]
        if len(mine) <= size:
            parts = [{"label": f"{year}年", "short": f"{year}年", "path": path(str(year)), "rows": mine}]
        else:
            months: dict[int, list[dict]] = {}
            for row in mine:
                months.setdefault(row["when"].month, []).append(row)
            parts = [{"label": f"{year}年{m}月", "short": f"{m}月", "path": path(f"{year}-{m:02d}"), "rows": months[m]}
                     for m in sorted(months, reverse=True)]
        out.append({"label": f"{year}年", "count": len(mine), "parts": parts})
    return out


def list_pages(rows: list[dict], path, index: str, recent: list[dict],
               size: int = PAGE) -> tuple[dict, list[tuple[str, dict]]]:
    """The values of a list's own page (``index``) and its pages per year or month [(path, values)]: all rows on
    its own page up to ``size`` of them (no year pages), else ``recent`` there and every row on exactly one of the
    year pages (by_year), each linking back to ``index`` and to the next newer and older page."""
    if len(rows) <= size:
        return {"rows": rows, "total": len(rows), "years": [], "back": "", "newer": None, "older": None}, []
    years = by_year(rows, path, size)
    parts = [p for y in years for p in y["parts"]]
    pages = []
    for i, p in enumerate(parts):
        pages.append((p["path"], {"rows": p["rows"], "total": len(rows), "years": [], "back": index,
                                  "title": p["label"], "newer": parts[i - 1] if i else None,
                                  "older": parts[i + 1] if i + 1 < len(parts) else None}))
    return {"rows": recent, "total": len(rows), "years": years, "back": "", "newer": None, "older": None}, pages


@dataclass(frozen=True)
class Block:
    """One piece of a plan's body, in order."""

    kind: str  # "heading" | "article" | "item"
    level: int  # Markdown heading level (2..6) for headings
    number: str
    title: str
    text: str


def plan_blocks(plan: Plan) -> list[Block]:
    """The plan's body as the page prints it, numbered by numbering.numbered_sections."""
    out: list[Block] = []
    for n in walk(numbered_sections(plan)):
        if n.kind == "chapter":
            out.append(Block("heading", 2, n.number, n.title, n.text))
        elif n.kind == "article":
            out.append(Block("article", 3, n.number, n.title, n.text))
        elif n.kind == "item":
            out.append(Block("item", min(n.depth + 3, 6), n.number, n.title, n.text))
        else:
            out.append(Block("heading" if n.title and n.depth < 4 else "item", min(n.depth + 2, 6), n.number,
                             n.title, n.text))
    return out


@dataclass
class SiteData:
    views: Views  # made for the build's readers: masked once for a public build
    today: dt.date
    pdfs: dict[str, list[PdfFile]] = field(default_factory=dict)
    #: plan id -> PlanVersions (approved versions and draft revision), as the build read them from git
    versions: Mapping[str, Any] = field(default_factory=dict)
    #: the library's training compendium as the PDF renderer selected it (RenderContext.compendium); None: select here
    compendium: tuple | None = None

    @property
    def repo(self) -> Repository:
        return self.views.repo

    @property
    def masking(self) -> Masking:
        return self.views.masking

    def _pdf_paths(self) -> set[str]:
        return {f.relpath for files in self.pdfs.values() for f in files}

    @property
    def cycle(self) -> int:
        return self.repo.config.review_cycle.months

    # ------------------------------------------------------------------ home
    def home(self) -> dict:
        repo = self.repo
        plans = []
        for p in repo.plans:
            due = p.review_due(self.cycle)
            plans.append({"plan": p, "path": plan_path(p.id), "due": due,
                          "overdue": bool(due and due < self.today and p.status.value == "approved")})
        rosters = []
        for r in repo.rosters:
            people = person_by_id(r)
            key = [contact(p, self.masking, r) for p in r.people
                   if any(role.value in ("spokesperson", "liaison") for role in p.roles)]
            today = on_duty(r, self.today)  # shown without JavaScript; the page picks the reader's day
            shifts = [{"date": s.date.isoformat() if s.date else "", "weekday": s.weekday or "",
                       "leader": contact(people[s.leader], self.masking, r) if s.leader in people else None,
                       "staff": [contact(people[x], self.masking, r) for x in s.staff if x in people],
                       "today": s is today} for s in r.rota]
            rosters.append({"roster": r, "path": roster_path(r.id), "key": key, "shifts": shifts,
                            "on_duty": today is not None})
        recent = sorted(repo.cases, key=lambda c: (c.closed, c.id), reverse=True)[:10]
        responses = [{"plan": p, "levels": [{"level": lv, "path": response_path(p.id, lv.id)} for lv in p.levels]}
                     for p in repo.plans if responds(p)]
        return {"plans": plans, "rosters": rosters, "today": self.today, "timezone": repo.config.timezone,
                "responses": responses,
                "weekday": "一二三四五六日"[self.today.weekday()],
                "recent": [self.case_row(c) for c in recent], "case_count": len(repo.cases),
                "due": due_items(self.views, self.today, self.review_days, plan_path, case_path, drill_path),
                "review_days": self.review_days}

    @property
    def review_days(self) -> int:
        return window_days(self.repo.config.site.review_warning)

    # ------------------------------------------------------------------ plan
    def plan(self, plan: Plan, history) -> dict:
        repo = self.repo
        view = self.views.plan(plan)
        owners = {s.step.id: "、".join(n.name for n in s.owner) for s in view.steps}
        limits = {s.step.id: "；".join(f"{d.name} {d.limit}" for d in s.deadlines) for s in view.steps}
        chart = svg.layout(plan, owners, limits)
        successor = repo.plan_by_id.get(plan.successor) if plan.successor else None
        cases = sorted(repo.cases_of(plan), key=lambda c: c.closed, reverse=True)
        approval = []
        for label, key in (("编制", "drafted"), ("审核", "reviewed"), ("审批", "approved")):
            s = getattr(plan.approval, key) if plan.approval else None
            if s is not None:
                approval.append({"label": label, "by": view.named((s.by,))[0].name, "date": s.date})
        drills = sorted(repo.drills_of(plan), key=lambda d: (d.date, d.id), reverse=True)
        return {"plan": plan, "due": plan.review_due(self.cycle), "blocks": plan_blocks(plan),
                "drills": [self.drill_row(d) for d in drills],
                "bodies": view.bodies, "posts": view.posts, "levels": view.levels, "deadlines": view.deadlines,
                "chart": chart, "steps": view.steps, "responses": self.response_paths(plan),
                "pdfs": [f for f in self.pdfs.get(plan.id, []) if f.kind != "changes"],  # those: under 历次版本
                "history": history, "successor": successor,
                "successor_path": plan_path(successor.id) if successor else "",
                "cases": [self.case_row(c) for c in cases[:20]], "case_total": len(cases),
                "roster": repo.roster_for(plan), "approval": approval,
                "versions": version_rows(self.versions.get(plan.id), self._pdf_paths())}

    # ------------------------------------------------------------------ response pages
    def response_paths(self, plan: Plan) -> dict[str, str]:
        """level id -> its response page (none for a superseded plan)."""
        return {lv.id: response_path(plan.id, lv.id) for lv in plan.levels} if responds(plan) else {}

    def response(self, plan: Plan, level_id: str) -> dict:
        """The response page of one level: the ResponseView, and the data its incident clock computes with."""
        view = self.views.plan(plan)
        r = next(x for x in view.responses if x.level.level.id == level_id)
        cfg = self.repo.config
        clock = {
            "plan": plan.id, "level": level_id, "timezone": cfg.timezone,
            "holidays": [d.isoformat() for d in cfg.holidays], "workdays": [d.isoformat() for d in cfg.workdays],
            "deadlines": [{"id": d.deadline.id, "name": d.deadline.name, "event": d.deadline.event.value,
                           "trigger": d.deadline.trigger.value, "trigger_label": d.deadline.trigger.label,
                           "limit": d.limit, "unit": d.deadline.limit.unit.value,
                           "amount": d.deadline.limit.amount} for d in r.deadlines],
            "steps": [s.step.id for s in r.steps],
        }
        others = [{"level": lv, "path": response_path(plan.id, lv.id)} for lv in plan.levels]
        pdfs = [f for f in self.pdfs.get(plan.id, []) if f.kind == "response"]
        page = [lv.id for lv in plan.levels].index(level_id) + 1  # the level's page of the plan's level cards
        return {"r": r, "clock": clock, "plan_path": plan_path(plan.id), "others": others,
                "pdfs": pdfs, "card_page": page}

    # ------------------------------------------------------------------ roster
    def roster(self, roster) -> dict:
        people = [contact(p, self.masking, roster) for p in roster.people]
        by_id = {c.id: c for c in people}
        rota = []
        for s in roster.rota:
            when = s.date.isoformat() if s.date else (f"星期{'一二三四五六日'[s.weekday - 1]}" if s.weekday else "")
            rota.append({"when": when, "date": s.date.isoformat() if s.date else "", "weekday": s.weekday or "",
                         "leader": by_id.get(s.leader) if s.leader else None,
                         "staff": [by_id[x] for x in s.staff if x in by_id],
                         "today": s is on_duty(roster, self.today)})
        units = [{"unit": u, "phones": [phone(p, self.masking) for p in u.phones]} for u in roster.units]
        # plans in force first; an abolished one is marked as such (it may share its successor's title)
        plans = sorted((p for p in self.repo.plans if self.repo.roster_for(p) is roster),
                       key=lambda p: p.status is Status.superseded)
        # the vCard file for a phone's contacts: for the office itself only, never in a masked build
        vcard = "" if self.masking.masks else vcard_path(roster.id)
        return {"roster": roster, "people": people, "vcard": vcard, "rota": rota, "units": units,
                "timezone": self.repo.config.timezone,
                "plans": [{"plan": p, "path": plan_path(p.id)} for p in plans]}

    # ------------------------------------------------------------------ cases
    def case_row(self, case: Case) -> dict:
        """A case in a list (case library, home page, plan page): in a public build its title masked."""
        name, group = self.views.level_names(case)
        plan = self.repo.plan_by_id.get(case.plan)
        shown = self.masking.summary(case)
        return {"case": shown, "path": case_path(case.id), "level": name, "level_group": group,
                "year": case.discovered.year, "when": case.discovered, "plan_title": plan.title if plan else case.plan}

    def case_library(self) -> tuple[dict, list[tuple[str, dict]]]:
        """The case library (cases/index.md), newest first, and its pages per year or month (list_pages)."""
        cases = sorted(self.repo.cases, key=lambda c: (c.discovered, c.id), reverse=True)
        rows = [self.case_row(c) for c in cases]
        return list_pages(rows, case_year_path, "cases/index.md", rows[:RECENT])

    # ------------------------------------------------------------------ period reports
    def period(self, start: dt.date, end: dt.date, templates) -> dict:
        """The period report page: the same view (and SVG charts) as its PDF, and the PDF's link."""
        from ..report.view import view_for_period
        r = view_for_period(self.views, start, end, templates)
        return {"r": r, "pdfs": self.pdfs.get(f"report-{r['slug']}", [])}

    def compendium_page(self) -> tuple[dict, list[tuple[str, dict]]] | None:
        """The training compendium page (training.md): the cases with discussion questions (anonymised), in the
        PDF's order and with its numbers, its PDF's link; and its pages per year or month (list_pages)."""
        from ..report.compendium import library_compendium
        # the PDF renderer's selection when it made the compendium
        selected = library_compendium(self.repo) if self.compendium is None else self.compendium
        if not selected:
            return None
        rows = [{"case": v.case, "level": v.level_group, "path": case_path(v.case.id), "number": i,
                 "when": v.case.discovered} for i, v in enumerate(selected, 1)]
        page, pages = list_pages(rows, training_year_path, "training.md", rows[-RECENT_TRAINING:],
                                  TRAINING_PAGE)
        pdfs = self.pdfs.get("training", [])
        return {**page, "pdfs": pdfs}, [(path, {**values, "pdfs": pdfs}) for path, values in pages]

    def case(self, case: Case) -> dict:
        view = self.views.case(case)
        plan = view.plan
        row = self.case_row(case)
        return {**row, "case": view.case, "plan": plan, "plan_path": plan_path(plan.id) if plan else "",
                "timeline": [{"e": r.entry, "by": "、".join(r.by)} for r in view.timeline],
                "compliance": view.compliance, "pdfs": self.pdfs.get(case.id, []),
                "actions": [{"a": r.action, "owner": r.owner, "overdue": r.overdue(self.today)} for r in view.actions]}

    # ------------------------------------------------------------------ drills
    def drill_row(self, drill: Drill) -> dict:
        """A drill in a list (the drills page, a plan page): as the build's readers may see it."""
        view = self.views.drill(drill)
        plan = view.plan
        return {"d": view.drill, "view": view, "path": drill_path(drill.id),
                "plan_title": plan.title if plan else drill.plan, "plan_path": plan_path(plan.id) if plan else "",
                "findings": len(view.drill.findings), "open": len(view.open_actions()),
                "overdue": sum(1 for a in view.actions if a.overdue(self.today))}

    def drills(self) -> dict:
        rows = [self.drill_row(d) for d in sorted(self.repo.drills, key=lambda d: (d.date, d.id), reverse=True)]
        return {"rows": rows, "cycle": self.repo.config.drill_cycle}

    def drill(self, drill: Drill) -> dict:
        view = self.views.drill(drill)
        plan = view.plan
        case = next((c for c in self.repo.cases if c.id == drill.from_case), None) if drill.from_case else None
        row = {k: v for k, v in self.drill_row(drill).items() if k != "path"}  # `path` is the writer's
        return {**row, "plan": plan, "level": view.level,
                "participants": view.participants,
                "timeline": [{"e": r.entry, "by": "、".join(r.by)} for r in view.timeline],
                "compliance": view.compliance,
                "actions": [{"a": r.action, "owner": r.owner, "overdue": r.overdue(self.today)} for r in view.actions],
                "case": self.case_row(case) if case else None, "pdfs": self.pdfs.get(drill.id, [])}
