"""Deadline compliance: each deadline of a case's plan, measured on the case's timeline.

For every deadline that applies to the case's level: when its clock started (the
trigger event; ``discovered`` is the case's discovery time), when it was due, when
the event that meets it was recorded, and so whether it was met on time, met late
(and by how much), met within an approved extension, not recorded, or never
triggered.  Times without an offset were read in the office's timezone by the
loader.  Working days skip weekends and the office's holidays, and count its
make-up working days (调休); a time of day (17:00) is due that day, or the next
day when the clock started after it.

Pure functions of the model: the rules report from it, the site and the PDFs show it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Case, Config, Deadline, Entry, EventType, LimitUnit, Plan
from .model.common import Labelled


class Outcome(Labelled):
    on_time = "on_time", "按时"
    extended = "extended", "延期内完成"
    late = "late", "超时"
    not_recorded = "not_recorded", "未记录"
    not_triggered = "not_triggered", "未触发"


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()  # weekend days worked instead (调休)

    @classmethod
    def of(cls, config: Config) -> Calendar:
        return cls(frozenset(config.holidays), frozenset(config.workdays))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.datetime, days: float) -> dt.datetime:
        """``days`` working days after ``start``; a clock started on a day off starts at the next working day."""
        t = start
        if not self.is_working_day(t.date()):
            while not self.is_working_day(t.date()):
                t = (t + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        whole, part = int(days), days - int(days)
        for _ in range(whole):
            t += dt.timedelta(days=1)
            while not self.is_working_day(t.date()):
                t += dt.timedelta(days=1)
        return t + dt.timedelta(days=part)


@dataclass(frozen=True)
class Measure:
    deadline: Deadline
    outcome: Outcome
    start: dt.datetime | None = None  # when the clock started
    due: dt.datetime | None = None
    done: dt.datetime | None = None  # when the meeting event was recorded
    entry: Entry | None = None  # that timeline entry

    @property
    def late_by(self) -> dt.timedelta | None:
        if self.done is not None and self.due is not None and self.done > self.due:
            return self.done - self.due
        return None


def due_time(start: dt.datetime, deadline: Deadline, calendar: Calendar, extended: bool = False) -> dt.datetime:
    limit = deadline.max if extended and deadline.max is not None else deadline.limit
    unit = limit.unit
    if unit is LimitUnit.minutes:
        return start + dt.timedelta(minutes=limit.amount)
    if unit is LimitUnit.hours:
        return start + dt.timedelta(hours=limit.amount)
    if unit is LimitUnit.days:
        return start + dt.timedelta(days=limit.amount)
    if unit is LimitUnit.working_days:
        return calendar.add_working_days(start, limit.amount)
    hour, minute = divmod(int(limit.amount), 60)
    due = start.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return due if due >= start else due + dt.timedelta(days=1)


def applies(deadline: Deadline, level: str) -> bool:
    return not deadline.levels or level in deadline.levels


def measure(case: Case, plan: Plan, calendar: Calendar) -> tuple[Measure, ...]:
    """Every deadline of ``plan`` that applies to ``case``'s level, measured on its timeline (sorted by time)."""
    timeline = sorted(case.timeline, key=lambda e: e.time)
    out = []
    for d in plan.deadlines:
        if not applies(d, case.level):
            continue
        if d.trigger is EventType.discovered:
            start = case.discovered
        else:
            start = next((e.time for e in timeline if e.event is d.trigger), None)
        if start is None:
            out.append(Measure(d, Outcome.not_triggered))
            continue
        due = due_time(start, d, calendar)
        entry = next((e for e in timeline if e.event is d.event and e.time >= start), None)
        if entry is None:
            out.append(Measure(d, Outcome.not_recorded, start, due))
            continue
        if entry.time <= due:
            outcome = Outcome.on_time
        elif d.max is not None and entry.time <= due_time(start, d, calendar, extended=True) and any(
                e.event is EventType.extended and start <= e.time <= entry.time for e in timeline):
            outcome = Outcome.extended
        else:
            outcome = Outcome.late
        out.append(Measure(d, outcome, start, due, entry.time, entry))
    return tuple(out)


def format_delta(delta: dt.timedelta) -> str:
    """1天2小时5分钟 style, for messages and badges."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else "", f"{mins}分钟" if mins else ""]
    return "".join(parts) or "0分钟"


#: how each outcome is shown: the badge's tone (ok green, late red, none grey)
TONES = {Outcome.on_time: "ok", Outcome.extended: "ok", Outcome.late: "late", Outcome.not_recorded: "none",
         Outcome.not_triggered: "none"}


@dataclass(frozen=True)
class Badge:
    """One measured deadline as the site and the PDFs show it (the views never recompute it)."""

    name: str  # the deadline's name (口头报告)
    limit: str  # its limit as written (30分钟)
    outcome: Outcome
    text: str  # 按时 / 超时 1小时20分钟 / 未记录 / 延期内完成
    tone: str  # ok / late / none
    start: dt.datetime | None
    due: dt.datetime | None
    done: dt.datetime | None


def badges(measures: tuple[Measure, ...], triggered_only: bool = True) -> tuple[Badge, ...]:
    """The badges of ``measures``; deadlines whose clock never started are left out unless asked."""
    out = []
    for m in measures:
        if triggered_only and m.outcome is Outcome.not_triggered:
            continue
        text = m.outcome.label
        if m.outcome is Outcome.late and m.late_by is not None:
            text = f"超时 {format_delta(m.late_by)}"
        limit = m.deadline.limit
        out.append(Badge(m.deadline.name, getattr(limit, "text", None) or str(limit), m.outcome, text,
                         TONES[m.outcome], m.start, m.due, m.done))
    return tuple(out)


def case_badges(case: Case, plan: Plan | None, calendar: Calendar) -> tuple[Badge, ...]:
    """The deadline compliance of ``case`` against its plan (none when the plan is unknown)."""
    return badges(measure(case, plan, calendar)) if plan is not None else ()
