"""The home page's due list (待办): what falls due within ``site.review_warning`` or is overdue — plan reviews
(评估修订), drills by ``drill_cycle``, filings (备案), and the open follow-up actions (整改事项) of drills and cases.

The dates are the ones ``planbook check`` reports (P503/P511 ``Plan.review_due``, D301 ``drill_due``, P703
``filing_due``, D302 an action's ``due``): computed there, only listed here.  From the views, so a public build
lists what its readers may see (action texts and owners masked).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..compliance import Calendar
from ..model.plan import Status
from ..rules.drills import drill_due
from ..rules.national import filing_due
from ..views import ActionRow, Views
from .versions import review_reminders


@dataclass(frozen=True)
class DueItem:
    kind: str  # 评估修订 / 演练 / 备案 / 整改
    title: str  # what is due: a plan's title, an action's text
    path: str  # the page that tells more (site path of a .md page)
    due: dt.date
    days: int  # days left (negative: overdue)
    detail: str = ""  # 上次演练 …, 责任人 … (as shown)

    @property
    def overdue(self) -> bool:
        return self.days < 0


def _first_line(text: str, width: int = 40) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[:width] + "…"


def due_items(views: Views, today: dt.date, days: int, plan_path, case_path, drill_path) -> list[DueItem]:
    """Everything due within ``days`` of ``today`` or overdue, soonest first (overdue ones first of all)."""
    repo = views.repo
    horizon = today + dt.timedelta(days=days)
    out: list[DueItem] = []
    for r in review_reminders(repo, today, days):
        out.append(DueItem("评估修订", r["plan"].title, plan_path(r["plan"].id), r["due"], r["days"]))
    calendar = Calendar.of(repo.config)
    for plan in repo.plans:
        if plan.status is not Status.approved:
            continue
        last, due = drill_due(plan, repo)
        if due is not None and due <= horizon:
            out.append(DueItem("演练", plan.title, plan_path(plan.id), due, (due - today).days,
                               f"上次演练 {last}" if last else "从未演练"))
        if plan.filing is None:
            fdue = filing_due(plan, calendar)
            if fdue is not None and fdue <= horizon:
                out.append(DueItem("备案", plan.title, plan_path(plan.id), fdue, (fdue - today).days,
                                   "印发后 20 个工作日内报送备案"))

    def actions(rows: tuple[ActionRow, ...], where: str, path: str) -> None:
        for row in rows:
            a = row.action
            if a.done is None and a.due <= horizon:
                out.append(DueItem("整改", _first_line(a.action), path, a.due, (a.due - today).days,
                                   f"责任人：{row.owner}；{where}"))
    for d in repo.drills:
        if any(a.done is None and a.due <= horizon for a in d.actions):
            view = views.drill(d)
            actions(view.actions, f"演练 {d.id}", drill_path(d.id))
    for c in repo.cases:
        if any(a.done is None and a.due <= horizon for a in c.actions):
            view = views.case(c)
            actions(view.actions, f"案例 {c.id}", case_path(c.id))
    return sorted(out, key=lambda x: (x.due, x.kind, x.title))
