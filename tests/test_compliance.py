"""Deadline compliance measured on case timelines (issue 5), on real files loaded by the loader."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import check_repo

from generator.compliance import Calendar, Outcome, format_delta, measure
from generator.load.repo import load_repository

PLAN = "plans/demo/plan.yml"
CASE = "cases/2025/2025-001.md"

EXTRA_DEADLINES = """  - id: verify
    name: 核实反馈
    event: verified
    trigger: dispatched
    limit: 1个工作日
  - id: daily
    name: 日报
    event: daily_report
    limit: "17:00"
"""


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    p = root / rel
    text = p.read_text("utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), "utf-8")


def _timeline(root: Path, entries: list[tuple[str, str]], discovered: str = "2025-04-01 09:00", closed: str = "2025-04-20"):
    lines = "".join(f"  - time: {t}\n    event: {e}\n" for t, e in entries)
    p = root / CASE
    text = p.read_text("utf-8")
    head, rest = text.split("timeline:\n", 1)
    tail = rest[rest.index("measures:"):]
    head = head.replace("discovered: 2025-04-01 09:00", f"discovered: {discovered}")
    tail = tail.replace("closed: 2025-04-03", f"closed: {closed}")
    p.write_text(head + "timeline:\n" + lines + tail, "utf-8")


def _measures(root: Path) -> dict[str, object]:
    repo = load_repository(str(root)).repo
    case = repo.cases[0]
    return {m.deadline.id: m for m in measure(case, repo.plan_by_id[case.plan], Calendar.of(repo.config))}


def test_on_time_and_levels(repo: Path):
    ms = _measures(repo)
    assert ms["oral-report"].outcome is Outcome.on_time
    assert ms["oral-report"].done - ms["oral-report"].start == dt.timedelta(minutes=20)
    assert ms["reply"].outcome is Outcome.on_time
    assert "written-report" not in ms  # applies to level I only; the case is level II


def test_late_with_amount_and_a_warning_at_the_entry(repo: Path):
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:45", "oral_report"),
                     ("2025-04-02 10:00", "replied")])
    m = _measures(repo)["oral-report"]
    assert m.outcome is Outcome.late and m.late_by == dt.timedelta(minutes=15)
    (f,) = [f for f in check_repo(repo) if f.code == "C301"]
    assert "超时 15分钟" in f.message() and f.loc.line == (repo / CASE).read_text("utf-8").splitlines().index(
        "  - time: 2025-04-01 09:45") + 1


def test_not_recorded(repo: Path):
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["oral-report"].outcome is Outcome.not_recorded
    assert [f.code for f in check_repo(repo) if f.code.startswith("C3")] == ["C302"]


def test_out_of_order_timeline_is_measured_in_time_order(repo: Path):
    # written in the wrong order: the report comes first in the file, but its time is later
    _timeline(repo, [("2025-04-01 09:25", "oral_report"), ("2025-04-01 09:00", "discovered"),
                     ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["oral-report"].outcome is Outcome.on_time
    assert "C203" in [f.code for f in check_repo(repo)]


def test_an_event_before_its_trigger_does_not_count(repo: Path):
    _timeline(repo, [("2025-04-01 08:55", "oral_report"), ("2025-04-01 09:00", "discovered"),
                     ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["oral-report"].outcome is Outcome.not_recorded


def test_offsets_and_local_times(repo: Path):
    # discovered at 09:00 Asia/Shanghai; 01:20 UTC is 09:20 there: on time
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 01:20+00:00", "oral_report"),
                     ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["oral-report"].outcome is Outcome.on_time
    # 09:20 UTC is 17:20 in Shanghai: 7 h 50 min late
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:20Z", "oral_report"),
                     ("2025-04-02 10:00", "replied")])
    m = _measures(repo)["oral-report"]
    assert m.outcome is Outcome.late and format_delta(m.late_by) == "7小时50分钟"
    # the office's timezone decides how times without an offset are read
    _edit(repo, "planbook.yml", "timezone: Asia/Shanghai", "timezone: UTC")
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:20Z", "oral_report"),
                     ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["oral-report"].outcome is Outcome.on_time


def _with_extra_deadlines(repo: Path) -> None:
    _edit(repo, PLAN, "  - id: reply\n", EXTRA_DEADLINES + "  - id: reply\n")


def test_working_day_deadline_across_a_weekend(repo: Path):
    _with_extra_deadlines(repo)
    # dispatched Friday 2025-04-11 16:00; one working day: due Monday 16:00
    base = [("2025-04-11 09:00", "discovered"), ("2025-04-11 09:20", "oral_report"),
            ("2025-04-11 16:00", "dispatched"), ("2025-04-11 16:30", "daily_report"), ("2025-04-12 10:00", "replied")]
    _timeline(repo, base + [("2025-04-14 15:00", "verified")], discovered="2025-04-11 09:00")
    m = _measures(repo)["verify"]
    assert m.due == dt.datetime(2025, 4, 14, 16, 0, tzinfo=m.due.tzinfo) and m.outcome is Outcome.on_time
    _timeline(repo, base + [("2025-04-14 17:00", "verified")], discovered="2025-04-11 09:00")
    assert _measures(repo)["verify"].outcome is Outcome.late


def test_holidays_and_make_up_working_days(repo: Path):
    _with_extra_deadlines(repo)
    base = [("2025-04-11 09:00", "discovered"), ("2025-04-11 09:20", "oral_report"),
            ("2025-04-11 16:00", "dispatched"), ("2025-04-11 16:30", "daily_report"), ("2025-04-12 10:00", "replied")]
    _timeline(repo, base + [("2025-04-15 10:00", "verified")], discovered="2025-04-11 09:00")
    assert _measures(repo)["verify"].outcome is Outcome.late  # due Monday 16:00
    _edit(repo, "planbook.yml", "review_cycle: 3年\n", "review_cycle: 3年\nholidays: [2025-04-14]\n")
    m = _measures(repo)["verify"]
    assert m.outcome is Outcome.on_time and m.due.date() == dt.date(2025, 4, 15)  # Monday off: due Tuesday
    _edit(repo, "planbook.yml", "holidays: [2025-04-14]\n", "workdays: [2025-04-12]\n")
    assert _measures(repo)["verify"].due.date() == dt.date(2025, 4, 12)  # Saturday worked (调休): due Saturday


def test_time_of_day_deadline(repo: Path):
    _with_extra_deadlines(repo)
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:20", "oral_report"),
                     ("2025-04-01 16:50", "daily_report"), ("2025-04-02 10:00", "replied")])
    m = _measures(repo)["daily"]
    assert m.outcome is Outcome.on_time and m.due.hour == 17 and m.due.date() == dt.date(2025, 4, 1)
    # discovered after 17:00: the report is due at 17:00 the next day
    _timeline(repo, [("2025-04-01 18:10", "discovered"), ("2025-04-01 18:30", "oral_report"),
                     ("2025-04-02 16:00", "daily_report"), ("2025-04-02 10:00", "replied")], discovered="2025-04-01 18:10")
    m = _measures(repo)["daily"]
    assert m.outcome is Outcome.on_time and m.due.date() == dt.date(2025, 4, 2)


def test_extension_needs_a_record_and_stays_within_max(repo: Path):
    early = [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:20", "oral_report")]
    _timeline(repo, early + [("2025-04-05 10:00", "replied")])
    assert _measures(repo)["reply"].outcome is Outcome.late  # 4 days, no extension recorded
    _timeline(repo, early + [("2025-04-03 17:00", "extended"), ("2025-04-05 10:00", "replied")])
    assert _measures(repo)["reply"].outcome is Outcome.extended  # within the 5-day maximum
    assert not [f for f in check_repo(repo) if f.code == "C301"]
    _timeline(repo, early + [("2025-04-03 17:00", "extended"), ("2025-04-07 10:00", "replied")])
    assert _measures(repo)["reply"].outcome is Outcome.late  # past the maximum


def test_deadline_not_triggered_is_not_reported(repo: Path):
    _with_extra_deadlines(repo)
    _timeline(repo, [("2025-04-01 09:00", "discovered"), ("2025-04-01 09:20", "oral_report"),
                     ("2025-04-01 16:50", "daily_report"), ("2025-04-02 10:00", "replied")])
    assert _measures(repo)["verify"].outcome is Outcome.not_triggered  # nothing was dispatched
    assert not [f for f in check_repo(repo) if f.code.startswith("C3")]


def test_examples_report_exactly_the_cases_written_late():
    from conftest import ROOT
    found = sorted((f.loc.path.rsplit("/", 1)[-1], f.code) for f in check_repo(ROOT, dt.date(2026, 11, 21)))
    assert found == [("2024-001.md", "C301"), ("2024-005.md", "C301"), ("2025-004.md", "C301"),
                     ("2025-006.md", "C301"), ("2025-008.md", "C302"), ("2025-009.md", "C301"),
                     ("2025-D01.md", "D206")]  # the tabletop drill from 2025-003 found the first response late
