"""The period report's numbers, checked against counts made independently from the raw case files."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import yaml
from conftest import ROOT, run_cli

from generator.load.repo import load_repository
from generator.report.stats import period_report

LABELS = {"inquiry": "询问诉求", "doubt": "质疑", "malicious_hype": "恶意炒作", "rumour": "谣言/不实信息",
          "suggestion": "建设性意见", "complaint": "投诉举报", "other": "其他"}


def _raw_cases(year: int | None = None) -> list[dict]:
    """The example cases' front matter read with plain PyYAML, not with Planbook's loader."""
    out = []
    for p in sorted((ROOT / "cases").glob("*/*.md")):
        fm = yaml.safe_load(p.read_text("utf-8").split("\n---\n", 1)[0][4:])
        discovered = str(fm["discovered"])
        if year is None or discovered.startswith(str(year)):
            out.append(fm)
    return out


def test_counts_match_an_independent_count():
    repo = load_repository(str(ROOT)).repo
    for year in (2024, 2025):
        raw = _raw_cases(year)
        r = period_report(repo, dt.date(year, 1, 1), dt.date(year, 12, 31))
        assert sorted(r.cases) == sorted(str(c["id"]) for c in raw)
        assert {c.key: c.count for c in r.by_category} == dict(Counter(LABELS[c["category"]] for c in raw))
        platforms = Counter(p for c in raw for p in {s["platform"] for s in c.get("sources", [])})
        assert {c.key: c.count for c in r.by_platform} == dict(platforms)
        months = Counter(str(c["discovered"])[:7] for c in raw)
        assert {c.key: c.count for c in r.by_month if c.count} == dict(months)
        assert len(r.by_month) == 12 and sum(c.count for c in r.by_month) == len(raw)
        assert sum(c.count for c in r.by_level) == len(raw)


def test_levels_are_grouped_by_severity_across_plans():
    repo = load_repository(str(ROOT)).repo
    r = period_report(repo, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    raw = Counter(str(c["level"]) for c in _raw_cases())  # every example plan uses I, II, III, IV as level ids
    assert [(c.key, c.count) for c in r.by_level] == [
        ("Ⅰ级（一级）", raw["I"]), ("Ⅱ级（二级）", raw["II"]), ("Ⅲ级（三级）", raw["III"]), ("Ⅳ级（四级）", raw["IV"])]


def test_deadline_rates_and_response_times():
    repo = load_repository(str(ROOT)).repo
    r = period_report(repo, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    oral = next(d for d in r.deadlines if d.name == "口头报告")
    assert (oral.met, oral.late, oral.not_recorded) == (17, 1, 0)  # 2024-005 reported 50 minutes after discovery
    written = next(d for d in r.deadlines if d.name == "书面报告")
    assert written.late == 1 and written.not_recorded == 1  # 2025-006 late, 2025-008 missing
    assert r.slowest[0].case_id == "2025-004"  # replied after three days
    assert r.median_to_response is not None and dt.timedelta(hours=1) < r.median_to_response < dt.timedelta(days=2)
    assert r.lessons and all(len(lesson.case_ids) >= 2 for lesson in r.lessons)


def test_unit_filter_and_empty_period():
    repo = load_repository(str(ROOT)).repo
    school = period_report(repo, dt.date(2024, 1, 1), dt.date(2025, 12, 31), unit="西园小学")
    assert len(school.cases) == sum(1 for c in _raw_cases() if "西园小学" in c.get("unit", ""))
    empty = period_report(repo, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert empty.cases == () and empty.median_to_response is None and empty.lessons == ()


def test_cli_text_and_json():
    r = run_cli("report", "--from", "2025-01-01", "--to", "2025-12-31", cwd=ROOT)
    assert r.returncode == 0 and "案例 10 起" in r.stdout and "时限达标率" in r.stdout
    data = json.loads(run_cli("report", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json", cwd=ROOT).stdout)
    assert len(data["cases"]) == 10 and data["by_month"][0]["key"] == "2025-01"
    bad = run_cli("report", "--from", "2025-12-31", "--to", "2025-01-01", cwd=ROOT)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_training_selection_is_anonymised_by_default():
    from generator.report.compendium import select_for_compendium
    repo = load_repository(str(ROOT)).repo
    picked = select_for_compendium(repo, levels=("I",))
    assert [t.case.id for t in picked] == sorted((str(c["id"]) for c in _raw_cases() if c["level"] == "I"),
                                                 key=lambda i: next(str(c["discovered"]) for c in _raw_cases() if str(c["id"]) == i))
    authors = {s.author for c in repo.cases for s in c.sources if s.author}
    for t in picked:
        assert not {s.author for s in t.case.sources} & authors and t.compliance
    raw = select_for_compendium(repo, levels=("I",), anonymise=False)
    assert {s.author for t in raw for s in t.case.sources} <= authors
    tagged = select_for_compendium(repo, tags=("谣言",), start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert tagged and all("谣言" in t.case.tags and t.case.discovered.year == 2025 for t in tagged)
