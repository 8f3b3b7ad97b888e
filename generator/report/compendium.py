"""Selecting cases for a training compendium (案例汇编): by tag, level and period, anonymised by default.

The selection is a tuple of :class:`~generator.views.CaseView`, made by the same views as the case pages and
the case report PDFs, for the training audience (or the internal one with ``anonymise=False``).  Only the
selected cases are masked: the views are made over the repository holding just them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from ..model import Repository
from ..views import Audience, CaseView, Views


def select_for_compendium(repo: Repository, tags: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                          start: dt.date | None = None, end: dt.date | None = None,
                          anonymise: bool = True, questions_only: bool = False) -> tuple[CaseView, ...]:
    """Cases having any of ``tags`` (all when empty), of any of ``levels`` (level ids), discovered
    within [start, end] (and, with ``questions_only``, having discussion questions); oldest first."""
    picked = []
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
        picked.append(case)
    views = Views(dataclasses.replace(repo, cases=tuple(picked)), Audience.training if anonymise else Audience.internal)
    return tuple(views.case(case) for case in views.repo.cases)


def library_compendium(repo: Repository) -> tuple[CaseView, ...]:
    """What ``planbook build`` binds into the library's compendium: every case with discussion questions
    (anonymised)."""
    return select_for_compendium(repo, questions_only=True)
