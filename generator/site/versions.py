"""Page data for a plan's history on the site: its approved versions, the change table pages
(修订对照表), and the review reminders of the home page.

From the typed data only: the :class:`~generator.diff.PlanVersions` the build read from git before
rendering, and the plans' ``review_due`` (the same computation as ``planbook check --due``, P511).
"""
from __future__ import annotations

import datetime as dt

from ..diff.table import ChangeTable
from ..model import Repository
from ..model.common import Limit
from ..model.plan import Status
from ..render.changes import counts_text, groups, is_draft, side_label, slug

__all__ = ["change_path", "change_pdf", "change_page", "version_rows", "review_reminders", "window_days"]


def change_path(plan_id: str, table: ChangeTable) -> str:
    return f"changes/{plan_id}/{slug(table)}.md"


def change_pdf(table: ChangeTable) -> str:
    """The PDF's path below the PDF folder (as the PDF renderer names it)."""
    return f"changes/{table.plan_id}/{slug(table)}.pdf"


def change_page(table: ChangeTable, plan_path: str, pdfs: set[str]) -> dict:
    """The variables of change.md.j2."""
    pdf = change_pdf(table)
    return {"table": table, "title": table.title, "old_label": side_label(table.old),
            "new_label": side_label(table.new), "draft": is_draft(table), "counts": counts_text(table),
            "groups": groups(table), "plan_path": plan_path, "pdf": ("pdf/" + pdf) if pdf in pdfs else "",
            "old_commit": table.old.short, "new_commit": "" if table.new.commit == "worktree" else table.new.short}


def version_rows(pv, pdfs: set[str]) -> list[dict]:
    """The plan page's list of versions, newest first: the draft revision (when there is one), then every
    approved version with a link to its change table against the version before."""
    rows = []
    if pv is None:
        return rows
    if pv.draft is not None:
        t = pv.draft
        rows.append({"version": t.new.version, "draft": True, "label": side_label(t.new), "approved": None,
                     "approver": "", "commit": "", "tag": "", "amended": False,
                     "changes": len(t.changes), "page": change_path(pv.plan_id, t),
                     "pdf": ("pdf/" + change_pdf(t)) if change_pdf(t) in pdfs else "",
                     "against": t.old.version})
    for v in reversed(pv.versions):
        t = v.changes
        rows.append({"version": v.version, "draft": False, "label": "", "approved": v.approved,
                     "approver": v.approver_name or v.approver, "commit": v.commit[:10], "tag": v.tag or "",
                     "amended": v.amended, "changes": len(t.changes) if t else None,
                     "page": change_path(pv.plan_id, t) if t else "",
                     "pdf": ("pdf/" + change_pdf(t)) if t and change_pdf(t) in pdfs else "",
                     "against": t.old.version if t else ""})
    return rows


def window_days(limit: Limit) -> int:
    """How many days ahead a review reminder looks (``site.review_warning``; whole days, at least 0)."""
    return max(0, int(limit.minutes // 1440))


def review_reminders(repo: Repository, today: dt.date, days: int) -> list[dict]:
    """Plans in force whose review (评估修订) is due within ``days`` or overdue, soonest first —
    the dates of ``Plan.review_due`` that ``planbook check`` reports as P503 / P511."""
    months = repo.config.review_cycle.months
    out = []
    for plan in repo.plans:
        if plan.status is Status.superseded:
            continue
        due = plan.review_due(months)
        if due is None or due > today + dt.timedelta(days=days):
            continue
        left = (due - today).days
        out.append({"plan": plan, "due": due, "days": left, "overdue": left < 0})
    return sorted(out, key=lambda r: (r["due"], r["plan"].id))
