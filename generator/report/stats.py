"""The numbers of a period report (工作总结 / 统计), computed from the case library.

Pure functions of the model; the terminal, the site page and the PDF only show them.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..compliance import Calendar, Outcome, measure
from ..model import Case, EventType, Repository
from ..model.plan import RANK_NAMES
from ..views import level_names

#: Events that count as the first public or direct response to an incident.
RESPONSE_EVENTS = frozenset({EventType.first_response, EventType.replied, EventType.published,
                             EventType.press_conference})
_UNIT_SPLIT = re.compile(r"[、,，;；/]+")


@dataclass(frozen=True)
class Count:
    key: str  # the value counted (a level name, a category label, "2025-03" …)
    count: int


@dataclass(frozen=True)
class DeadlineRate:
    name: str  # the deadline's name (口头报告 …), grouped across plans
    met: int  # on time, or within an approved extension
    late: int
    not_recorded: int

    @property
    def measured(self) -> int:
        return self.met + self.late + self.not_recorded

    @property
    def rate(self) -> float:
        return self.met / self.measured if self.measured else 0.0


@dataclass(frozen=True)
class SlowCase:
    case_id: str
    title: str
    to_response: dt.timedelta | None  # discovery to the first response
    to_close: dt.timedelta  # discovery to the end of the closing day


@dataclass(frozen=True)
class Lesson:
    keyword: str  # a word recurring in the lessons of several cases
    case_ids: tuple[str, ...]
    examples: tuple[str, ...]  # the lessons that use it (at most three)


@dataclass(frozen=True)
class PeriodReport:
    start: dt.date
    end: dt.date
    unit: str | None
    cases: tuple[str, ...]  # ids of the cases counted
    by_level: tuple[Count, ...]
    by_category: tuple[Count, ...]
    by_platform: tuple[Count, ...]
    by_month: tuple[Count, ...]
    by_unit: tuple[Count, ...]
    deadlines: tuple[DeadlineRate, ...]
    median_to_response: dt.timedelta | None
    slowest: tuple[SlowCase, ...]
    lessons: tuple[Lesson, ...]


def select_cases(repo: Repository, start: dt.date, end: dt.date, unit: str | None = None) -> list[Case]:
    """Cases discovered from ``start`` to ``end`` (both included), optionally of one unit (substring match)."""
    out = [c for c in repo.cases if start <= c.discovered.date() <= end]
    if unit:
        out = [c for c in out if unit in c.unit]
    return sorted(out, key=lambda c: c.discovered)


def first_response(case: Case) -> dt.datetime | None:
    times = [e.time for e in case.timeline if e.event in RESPONSE_EVENTS and e.time >= case.discovered]
    return min(times) if times else None


def _counts(counter: Counter, order: list[str] | None = None) -> tuple[Count, ...]:
    keys = order if order is not None else sorted(counter, key=lambda k: (-counter[k], k))
    return tuple(Count(k, counter[k]) for k in keys if counter[k])


def period_report(repo: Repository, start: dt.date, end: dt.date, unit: str | None = None,
                  slowest: int = 5) -> PeriodReport:
    cases = select_cases(repo, start, end, unit)
    calendar = Calendar.of(repo.config)
    levels: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    platforms: Counter[str] = Counter()
    months: Counter[str] = Counter()
    units: Counter[str] = Counter()
    rates: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    responses: list[dt.timedelta] = []
    slow: list[SlowCase] = []
    for case in cases:
        levels[level_names(repo.plan_by_id.get(case.plan), case.level)[1]] += 1
        categories[case.category.label] += 1
        for p in {s.platform for s in case.sources}:
            platforms[p] += 1
        months[f"{case.discovered:%Y-%m}"] += 1
        for u in {u.strip() for u in _UNIT_SPLIT.split(case.unit) if u.strip()}:
            units[u] += 1
        plan = repo.plan_by_id.get(case.plan)
        if plan is not None:
            for m in measure(case, plan, calendar):
                slot = {Outcome.on_time: 0, Outcome.extended: 0, Outcome.late: 1, Outcome.not_recorded: 2}.get(m.outcome)
                if slot is not None:
                    rates[m.deadline.name][slot] += 1
        first = first_response(case)
        to_response = first - case.discovered if first else None
        if to_response is not None:
            responses.append(to_response)
        end_of_close = dt.datetime.combine(case.closed, dt.time(23, 59, 59), tzinfo=case.discovered.tzinfo)
        slow.append(SlowCase(case.id, case.title, to_response, end_of_close - case.discovered))
    slow.sort(key=lambda s: (s.to_response is None, -(s.to_response or dt.timedelta()).total_seconds()))
    month_order = _months(start, end)
    return PeriodReport(
        start=start, end=end, unit=unit, cases=tuple(c.id for c in cases),
        by_level=_level_counts(repo, cases, levels), by_category=_counts(categories),
        by_platform=_counts(platforms), by_unit=_counts(units),
        by_month=tuple(Count(m, months[m]) for m in month_order),  # every month of the period, zeros too
        deadlines=tuple(DeadlineRate(n, *v) for n, v in sorted(rates.items(), key=lambda kv: -sum(kv[1]))),
        median_to_response=(statistics.median_low(sorted(responses)) if responses else None),
        slowest=tuple(slow[:slowest]), lessons=recurring_lessons(cases))


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _level_counts(repo: Repository, cases: list[Case], levels: Counter[str]) -> tuple[Count, ...]:
    """Levels from the most severe."""
    order = {name: rank for rank, name in RANK_NAMES.items()}
    return _counts(levels, sorted(levels, key=lambda n: (order.get(n, 99), n)))


_STOP = set(["的", "了", "和", "与", "及", "在", "对", "是", "要", "不", "也", "把", "被", "将", "就", "都", "而", "并", "或", "等", "中", "后", "前", "时", "上", "下", "为", "以", "于", "这", "那", "一个", "没有", "可以", "应当", "应该", "需要", "进行", "我们", "他们", "以及", "如果", "因为", "所以", "但是", "一定", "问题", "工作", "情况", "小时", "分钟", "发现", "原因", "预案", "要求", "时间", "本案", "事件", "网民", "舆情", "处置", "部门", "单位", "按时", "完成", "超时", "之后", "之前", "第一", "当天", "次日"])


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset[str]:
    """The words of a text (remembered: `planbook serve` builds again and again from mostly the same texts)."""
    try:
        import jieba  # the site extra; segments Chinese into words
        jieba.setLogLevel(60)
        tokens = jieba.lcut(text)
    except ImportError:  # without jieba: Chinese character pairs
        han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
        tokens = [w[i:i + 2] for w in han.split() for i in range(len(w) - 1)]
    return frozenset(t for t in tokens if len(t) >= 2 and t not in _STOP and not t.isdigit())


def recurring_lessons(cases: list[Case], min_cases: int = 2, most: int = 8) -> tuple[Lesson, ...]:
    """Words that recur in the lessons of at least ``min_cases`` cases, most widespread first."""
    where: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in cases:
        seen: set[str] = set()
        for lesson in case.lessons:
            for w in _words(lesson):
                if w not in seen:
                    seen.add(w)
                    where[w].append((case.id, lesson))
    ranked = sorted(((w, hits) for w, hits in where.items() if len(hits) >= min_cases),
                    key=lambda wh: (-len(wh[1]), -len(wh[0]), wh[0]))
    out: list[Lesson] = []
    covered: list[set[str]] = []
    for w, hits in ranked:
        ids = {cid for cid, _ in hits}
        if any(ids == c for c in covered) and len(out) >= 3:
            continue  # the same cases again under another word
        covered.append(ids)
        out.append(Lesson(w, tuple(sorted(ids)), tuple(dict.fromkeys(lesson for _, lesson in hits))[:3]))
        if len(out) >= most:
            break
    return tuple(out)
