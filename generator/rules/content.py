"""P6xx: what a plan and its roster say holds true: no placeholders left, text that agrees with the data."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Iterator

from ..findings import Loc
from ..model import Case, EventType, Limit, LimitUnit, Period, Plan, Record, Roster, Section, Status
from ..model.common import placeholder_in
from ..model.plan import REPORT_EVENTS, level_rank
from .registry import Context, hit, rule

#: Types whose values are never text (nor hold any)
_NOT_TEXT = (dt.date, dt.datetime, int, float, bool, Limit, Period, type(None))


@functools.cache
def _written(cls: type) -> tuple[str, ...]:
    """The names of the fields of a record class that a file writes and that can hold text (not a date, a
    number, a limit …)."""
    hints = typing.get_type_hints(cls)

    def textless(t) -> bool:
        args = typing.get_args(t) if typing.get_origin(t) in (typing.Union, types.UnionType) else (t,)
        return all(a in _NOT_TEXT for a in args)

    return tuple(f.name for f in dataclasses.fields(cls)
                 if f.name not in ("loc", "locs") and f.metadata.get("written", True) and not textless(hints[f.name]))


def texts(rec: Record) -> list[tuple[Record, str, int | None, str]]:
    """Every text a record holds, depth first: (record, key, index in a list or None, text)."""
    out: list[tuple[Record, str, int | None, str]] = []
    _collect(rec, out)
    return out


def strings(rec: Record, out: list[str]) -> list[str]:
    """The texts of :func:`texts` alone, added to ``out`` (a quicker walk, for a first look at all of them)."""
    for name in _written(type(rec)):
        value = getattr(rec, name)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, Record):
                    strings(item, out)
        elif isinstance(value, Record):
            strings(value, out)
    return out


def joined(ctx: Context, record: Record) -> str:
    """Every text of a file's record (a case's or a drill's body included) joined by line breaks.  What no text
    holds, this does not hold either (each text starts a line of it), so a rule asks it first whether any text
    could hold what it looks for.  Several rules ask about the same record: a case's is kept until the next case
    (cases pass one at a time: memory stays bounded), the other files' for the whole check (``ctx.joined``)."""
    if isinstance(record, Case):
        last = _last[0]  # one read: another thread replaces the whole pair, never a part of it
        if last[0] is not record:
            last = _last[0] = (record, "\n".join(strings(record, [record.body])))
        return last[1]
    got = ctx.joined.get(id(record))  # the repository holds the record: its id stays its own
    if got is None:
        got = ctx.joined[id(record)] = "\n".join(strings(record, [getattr(record, "body", "")]))
    return got


_last: list[tuple] = [(None, "")]


def _collect(rec: Record, out: list) -> None:
    for name in _written(type(rec)):
        value = getattr(rec, name)
        if isinstance(value, str):
            out.append((rec, name, None, value))
        elif isinstance(value, Record):
            _collect(value, out)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append((rec, name, i, item))
                elif isinstance(item, Record):
                    _collect(item, out)


def _placeholders(ctx: Context, approved: bool):
    """Placeholders in the plans (approved or not) and in the rosters those plans use; a roster used by an
    approved plan counts as approved, one used by drafts only (or by none) as a draft."""
    repo = ctx.repo
    current = [p for p in repo.plans if p.status is not Status.superseded]
    approved_rosters = {id(r) for p in current if p.status is Status.approved if (r := repo.roster_for(p))}
    records: list[Plan | Roster] = [p for p in current if (p.status is Status.approved) == approved]
    records += [r for r in repo.rosters if (id(r) in approved_rosters) == approved]
    for record in records:
        if not placeholder_in(joined(ctx, record)):  # none spans a line break: none in any text
            continue
        for rec, key, index, text in texts(record):
            found = placeholder_in(text)
            if found:
                yield hit(rec.at(key, index), text=_short(text), found=found, key=key)


def _short(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 30 else line[:29] + "…"


@rule("P601", "error", "“{text}”还是占位内容（{found}），预案已批准", "'{text}' is still a placeholder ({found}) in an "
      "approved plan or the roster it uses",
      "换成真实的内容（姓名、电话、职务等）；已批准的预案和它使用的通讯录不能有“待填写”、XXX、某某之类的占位。",
      "Replace it with the real name, number or text: an approved plan and its roster cannot hold placeholders.",
      summary="已批准预案或其通讯录中留有占位内容")
def placeholder_approved(ctx: Context):
    """已批准（approved）的预案和它使用的通讯录中，不能留有占位内容：``planbook init`` 写的“待填写”，
    以及 XXX、×××、____、某某、○○ 等。值班时打过去的电话必须是真的。"""
    yield from _placeholders(ctx, True)


@rule("P602", "warning", "“{text}”还是占位内容（{found}）", "'{text}' is still a placeholder ({found})",
      "预案批准前把占位换成真实的内容；批准后这会是错误（P601）。",
      "Fill it in before the plan is approved; then it becomes an error (P601).",
      summary="草案或其通讯录中留有占位内容")
def placeholder_draft(ctx: Context):
    """草案（draft）和只被草案使用的通讯录中的占位内容，提醒在批准前填写。"""
    yield from _placeholders(ctx, False)


# --------------------------------------------------------------------------- text agrees with data

#: A figure with a time unit in running text: 30分钟, 2小时内, 三个工作日.
#: (Each look-ahead here names the first characters a match can start with: the search skips to them at once.)
_FIGURE_RE = re.compile(r"(?=[\d一二两三四五六七八九十半])(\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*"
                        r"(个工作日|工作日|分钟|个小时|小时|个自然日|日|天)(?:内|以内)?")
#: Event words in running text and the deadline events they speak of (the longer words first).
_EVENT_WORDS: tuple[tuple[str, frozenset[EventType]], ...] = (
    ("口头报告", frozenset({EventType.oral_report})),
    ("电话报告", frozenset({EventType.oral_report})),
    ("书面报告", frozenset({EventType.written_report})),
    ("报送", REPORT_EVENTS), ("上报", REPORT_EVENTS), ("报告", REPORT_EVENTS),
    ("答复", frozenset({EventType.replied})), ("回复", frozenset({EventType.replied})),
    ("回应", frozenset({EventType.first_response, EventType.replied})),
    ("发布", frozenset({EventType.published, EventType.first_response, EventType.press_conference})),
)
_NEAR = 12  # characters between a figure and its event word, within one sentence
_SENTENCE = re.compile(r"[。；;！!？?\n]")


def _minutes(number: str, unit: str) -> float | None:
    limit = Limit.parse(number + unit.removeprefix("个").replace("个小时", "小时"))
    return limit.minutes if limit else None


def _events_near(text: str, start: int, end: int) -> frozenset[EventType] | None:
    """The events the event word nearest to text[start:end] speaks of, in the same sentence."""
    left = text[max(0, start - _NEAR):start]
    right = text[end:end + _NEAR]
    left = _SENTENCE.split(left)[-1]
    right = _SENTENCE.split(right)[0]
    best: tuple[int, frozenset[EventType]] | None = None
    for word, events in _EVENT_WORDS:
        for side, distance in ((left, lambda i, w=word, s=left: len(s) - i - len(w)), (right, lambda i: i)):
            i = side.find(word)
            if i >= 0 and (best is None or distance(i) < best[0]):
                best = (distance(i), events)
    return best[1] if best else None


def _text_loc(section: Section, offset: int) -> Loc:
    """Where character ``offset`` of a section's text is: its value's line, plus the lines before it
    (a text with line breaks is a block scalar, written from the line below its key)."""
    base = section.at("text")
    if not base.line:
        return base
    text = section.text
    lines_before = text.count("\n", 0, offset)
    block = 1 if "\n" in text.rstrip("\n") or text.endswith("\n") else 0
    return Loc(base.path, base.line + block + lines_before, base.col if not (block or lines_before) else 1)


def text_figures(plan: Plan) -> Iterator[tuple[Section, int, str, float, frozenset[EventType]]]:
    """Every figure with a time unit beside an event word in the plan's text: (section, offset, phrase,
    minutes, events)."""
    for section, _ in plan.walk_sections():
        for m in _FIGURE_RE.finditer(section.text):
            minutes = _minutes(m.group(1), m.group(2))
            events = _events_near(section.text, m.start(), m.end()) if minutes else None
            if events:
                yield section, m.start(), m.group(0), minutes, events


@rule("P603", "warning", "正文写的“{phrase}”（{event}）与时限“{name}”的 {limit} 不一致（另见 {other}）",
      "the text says '{phrase}' ({event_en}) but deadline '{name}' is {limit} (see also {other})",
      "改正文或改 deadlines 中的 limit，使两处一致：公文正文和附件的时限表必须说同一个时间。",
      "Change the text or the deadline's limit so that both say the same.", summary="正文中的时限与结构化时限矛盾")
def text_agrees_with_deadlines(ctx: Context):
    """正文中“30分钟内口头报告”这样的说法，要与 deadlines 中同一事件的 limit 一致：正文写的时间与该事件的
    任何一条时限都对不上时，在正文和时限两处各报告一次。正文没提到的事件、没有对应时限的事件不查。"""
    for plan in ctx.repo.plans:
        timed = [d for d in plan.deadlines if d.limit.unit is not LimitUnit.time_of_day]
        told: set[tuple[str, str]] = set()
        for section, offset, phrase, minutes, events in text_figures(plan):
            candidates = [d for d in timed if d.event in events]
            if not candidates or any(abs(d.limit.minutes - minutes) < 1e-6 for d in candidates):
                continue
            d = candidates[0]
            here = _text_loc(section, offset)
            event = d.event.label
            yield hit(here, phrase=phrase, event=event, event_en=d.event.value, name=d.name, limit=d.limit.text,
                      other=str(d.at("limit")))
            if (d.id, phrase) not in told:
                told.add((d.id, phrase))
                yield hit(d.at("limit"), phrase=phrase, event=event, event_en=d.event.value, name=d.name,
                          limit=d.limit.text, other=str(here))


_LEVEL_WORD_RE = re.compile(r"(?=[IⅠⅡⅢⅣⅤ一二三四五])(?<![A-Za-z])(IV|I{1,3}|[ⅠⅡⅢⅣⅤ]|[一二三四五])级(?!单位|标题|部门|机构|医院|公路|预案|以上|以下|分类)")


@rule("P604", "warning", "正文提到“{word}”，但分级（levels）中没有这一级", "the text names '{word}', a level the grading "
      "does not define", "本预案的级别：{allowed}。改正文，或在 levels 中补上这一级。",
      "Levels of this plan: {allowed}.", summary="正文提到未定义的级别")
def text_levels_defined(ctx: Context):
    """正文中的“Ⅳ级”“四级”等级别名称，要是 levels 中定义了的级别（按序号比对：Ⅱ级、II级、二级是同一级）。"""
    for plan in ctx.repo.plans:
        if not plan.levels:
            continue
        ranks = {level_rank(lv.id, lv.name) for lv in plan.levels}
        allowed = "、".join(lv.name for lv in plan.levels)
        for section, _ in plan.walk_sections():
            seen: set[int] = set()
            for m in _LEVEL_WORD_RE.finditer(section.text):
                rank = level_rank(m.group(0), m.group(0))
                if rank is not None and rank not in ranks and rank not in seen:
                    seen.add(rank)
                    yield hit(_text_loc(section, m.start()), word=m.group(0), allowed=allowed)
