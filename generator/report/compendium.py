"""Selecting cases for a training compendium (案例汇编): by tag, level and period, anonymised by default."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..compliance import Calendar, Measure, measure
from ..model import Case, Plan, Repository
from ..views import Audience, Masking
from .stats import level_name


@dataclass(frozen=True)
class CompendiumCase:
    case: Case  # anonymised unless asked otherwise
    plan: Plan | None
    level: str  # the level's name across plans (Ⅱ级（二级）…)
    measures: tuple[Measure, ...]  # deadline compliance


def select_for_compendium(repo: Repository, tags: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                    start: dt.date | None = None, end: dt.date | None = None,
                    anonymise: bool = True, questions_only: bool = False,
                    summary: bool = False) -> tuple[CompendiumCase, ...]:
    """Cases having any of ``tags`` (all when empty), of any of ``levels`` (level ids), discovered
    within [start, end] (and, with ``questions_only``, having discussion questions); oldest first.
    Only the selected cases are measured and anonymised (anonymising is the costly part); with ``summary``
    only title, lessons and questions are kept (privacy.anonymise_summary), for a list of the cases."""
    calendar = Calendar.of(repo.config)
    masking = Masking.of(repo, Audience.training if anonymise else Audience.internal)
    out = []
    for case in sorted(repo.cases, key=lambda c: c.discovered):
        day = case.discovered.date()
        if tags and not set(tags) & set(case.tags):
            continue
        if levels and case.level not in levels:
            continue
        if (start and day < start) or (end and day > end):
            continue
        if questions_only and not case.questions:
            continue
        plan = repo.plan_by_id.get(case.plan)
        measures = measure(case, plan, calendar) if plan else ()
        shown = masking.summary(case) if summary else masking.case(case)
        out.append(CompendiumCase(shown, plan, level_name(repo, case), measures))
    return tuple(out)


def library_compendium(repo: Repository, summary: bool = False) -> tuple[CompendiumCase, ...]:
    """What ``planbook build`` binds into the library's compendium: every case with discussion questions
    (anonymised)."""
    return select_for_compendium(repo, questions_only=True, summary=summary)
