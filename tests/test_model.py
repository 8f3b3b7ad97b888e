"""Parsing of values the rules depend on: deadline limits, review periods, phone numbers."""
from __future__ import annotations

import pytest

from generator.model.common import Limit, LimitUnit, Period, phone_kind


@pytest.mark.parametrize("text,unit,minutes", [
    ("30分钟", LimitUnit.minutes, 30), ("30 分钟内", LimitUnit.minutes, 30), ("90min", LimitUnit.minutes, 90),
    ("半小时", LimitUnit.minutes, 30), ("4小时", LimitUnit.hours, 240), ("1.5小时", LimitUnit.hours, 90),
    ("两小时", LimitUnit.hours, 120), ("24h", LimitUnit.hours, 1440), ("3日", LimitUnit.days, 4320),
    ("3天以内", LimitUnit.days, 4320), ("一天", LimitUnit.days, 1440), ("2个工作日", LimitUnit.working_days, 2880),
    ("5工作日", LimitUnit.working_days, 7200), ("十五日", LimitUnit.days, 15 * 1440),
    ("17:00", LimitUnit.time_of_day, 17 * 60), ("每日17：30前", LimitUnit.time_of_day, 17 * 60 + 30),
    ("17时", LimitUnit.time_of_day, 17 * 60),
])
def test_limits_parse(text, unit, minutes):
    got = Limit.parse(text)
    assert got is not None and got.unit is unit and got.minutes == minutes and str(got) == text


@pytest.mark.parametrize("text", ["很快", "", "0分钟", "30", "25:00", "3周", "-1日", "分钟"])
def test_bad_limits_do_not_parse(text):
    assert Limit.parse(text) is None


@pytest.mark.parametrize("value,months", [("3年", 36), ("18个月", 18), ("3y", 36), ("18mo", 18), (2, 24)])
def test_periods(value, months):
    assert Period.parse(value).months == months


@pytest.mark.parametrize("number,kind", [
    ("13800000001", "mobile"), ("138-0000-0001", "mobile"), ("+86 13800000001", "mobile"),
    ("0123-5550101", "landline"), ("012355501011", "landline"), ("(0123)5550101", "landline"),
    ("0123-5550101转8001", "landline"), ("5550101", None), ("1380000000", None), ("12345", None),
])
def test_phone_kinds(number, kind):
    assert phone_kind(number) == kind


def test_a_time_written_with_an_offset_is_read_as_office_time(tmp_path):
    """23:30 UTC on 31 March is 07:30 on 1 April in Asia/Shanghai: shown, dated and filed as such."""
    import shutil

    from conftest import MINIMAL

    from generator.load.repo import load_repository
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    case = repo / "cases" / "2025" / "2025-001.md"
    case.write_text(case.read_text("utf-8").replace("discovered: 2025-04-01 09:00", "discovered: 2025-03-31T23:30:00Z"),
                    "utf-8")
    (loaded,) = load_repository(str(repo)).repo.cases
    assert loaded.discovered.strftime("%Y-%m-%d %H:%M %z") == "2025-04-01 07:30 +0800"
    assert str(loaded.discovered.tzinfo) == "Asia/Shanghai"
    assert loaded.timeline[0].time.strftime("%H:%M %z") == "09:00 +0800"  # written without an offset: as it was


@pytest.mark.parametrize("written", ["discovered: 0001-01-01T01:00:00+14:00", "discovered: 9999-12-31 23:00",
                                     "discovered: 9999-12-31T23:00:00+08:00", "closed: 9999-12-31"])
def test_a_year_no_plan_or_case_can_mean_is_a_finding_not_a_crash(tmp_path, written):
    """Deadlines and review dates are counted from these: year 9999 has no next day."""
    import shutil

    from conftest import MINIMAL, check_repo, run_cli
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    case = repo / "cases" / "2025" / "2025-001.md"
    key = written.split(":")[0]
    text = case.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith(key + ":"))
    case.write_text(text.replace(old, written, 1), "utf-8")
    found = [f for f in check_repo(repo) if f.code == "S006"]
    assert found and found[0].loc.path == "cases/2025/2025-001.md" and found[0].loc.line
    r = run_cli("check", cwd=repo)
    assert r.returncode == 1 and "S006" in r.stdout + r.stderr and "内部错误" not in r.stdout + r.stderr
