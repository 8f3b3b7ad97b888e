"""New files from templates: ``planbook new case`` writes a valid case skeleton with a fresh id."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import resources
from .compliance import applies
from .model import Case, Category, DrillForm, Plan, Repository

TEMPLATES = resources.TEMPLATES / "new"


def _next_id(ids, year: int, mark: str, width: int) -> str:
    """``YYYY-<mark>N…``: one more than the highest number used in that year (ids of other shapes are ignored)."""
    used = [int(m.group(1)) for i in ids if (m := re.fullmatch(rf"{year}-{mark}(\d+)", i))]
    return f"{year}-{mark}{max(used, default=0) + 1:0{width}d}"


def next_case_id(repo: Repository, year: int) -> str:
    """``YYYY-NNN``."""
    return _next_id((c.id for c in repo.cases), year, "", 3)


@dataclass(frozen=True)
class NewCase:
    plan: Plan
    level: str
    category: Category
    title: str
    discovered: dt.datetime
    unit: str = ""
    platform: str = ""


def case_text(repo: Repository, new: NewCase, case_id: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    stamp = f"{new.discovered:%Y-%m-%d %H:%M}"
    return env.get_template("case.md.j2").render(
        id=case_id, title=new.title, plan=new.plan, level=new.level, category=new.category, unit=new.unit,
        platform=new.platform, discovered=stamp, closed=new.discovered.date().isoformat(),
        deadlines=[d for d in new.plan.deadlines if applies(d, new.level)])


def write_case(root: str, repo: Repository, new: NewCase) -> Path:
    """Write cases/<year>/<id>.md and return its path; never overwrites."""
    case_id = next_case_id(repo, new.discovered.year)
    path = Path(root) / "cases" / str(new.discovered.year) / f"{case_id}.md"
    return _write_new(path, case_text(repo, new, case_id))


def _write_new(path: Path, text: str) -> Path:
    """Write a new record file; never overwrites (an existing file is an error)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def next_drill_id(repo: Repository, year: int) -> str:
    """``YYYY-DNN``."""
    return _next_id((d.id for d in repo.drills), year, "D", 2)


@dataclass(frozen=True)
class NewDrill:
    plan: Plan
    level: str
    form: DrillForm
    title: str
    date: dt.date
    case: Case | None = None  # the closed case the scenario is drawn from


def drill_text(repo: Repository, new: NewDrill, drill_id: str) -> str:
    """A drill skeleton; drawn from a case, its scenario is the case's and its timeline, moved to the drill's
    day at the case's times of day, is the expected course, written as comments to be replaced by what happened."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    case = new.case
    start = dt.datetime.combine(new.date, case.discovered.time() if case else dt.time(9, 0))
    expected = []
    scenario = ""
    if case is not None:
        shift = start - case.discovered.replace(tzinfo=None)
        expected = [{"time": f"{e.time.replace(tzinfo=None) + shift:%Y-%m-%d %H:%M}", "event": e.event.value,
                     "label": e.event.label} for e in case.timeline if e.event.value != "discovered"]
        src = case.sources[0] if case.sources else None
        scenario = f"取自案例 {case.id}“{case.title}”" + (f"：{src.platform}上出现帖文“{src.title}”。" if src and src.title
                                                        else "。")
    return env.get_template("drill.md.j2").render(
        id=drill_id, title=new.title, plan=new.plan, level=new.level, form=new.form, date=new.date.isoformat(),
        case=case, scenario=scenario, discovered=f"{start:%Y-%m-%d %H:%M}", expected=expected,
        deadlines=[d for d in new.plan.deadlines if applies(d, new.level)])


def write_drill(root: str, repo: Repository, new: NewDrill) -> Path:
    """Write drills/<year>/<id>.md and return its path; never overwrites."""
    drill_id = next_drill_id(repo, new.date.year)
    path = Path(root) / "drills" / str(new.date.year) / f"{drill_id}.md"
    return _write_new(path, drill_text(repo, new, drill_id))
