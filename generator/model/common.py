"""Building blocks shared by every model: records with locations, labelled
choices, references, deadline limits and review periods.

Every model class is a frozen dataclass.  Each field carries its Chinese
description in ``metadata["doc"]``; the loader, the JSON Schema generator and
the format docs all read the same classes, so they cannot drift apart.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NewType

from ..findings import Loc

NOWHERE = Loc("")

#: A reference to a roster person (by id), a post (by id or name), an
#: organization body (by id or name) or a roster unit (by id or name).
Ref = NewType("Ref", str)
#: An identifier: lower-case letters, digits, ``-`` and ``_`` (or a level id such as ``I``/``一级``).
Id = NewType("Id", str)
#: Markdown text.
Markdown = NewType("Markdown", str)

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

#: The longest id: plan, case, roster and level ids name the site's pages and the PDFs
#: (respond/PLAN/LEVEL.html, changes/PLAN/…), and a file name has at most 255 bytes.
ID_MAX = 64
#: Ids that would replace a page the site makes itself (cases/index.md; MkDocs reads README.md as index.md).
RESERVED_IDS = frozenset(("index", "readme"))


def id_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` cannot be an id (Chinese, English), or None: an id is letters (Chinese ones too) and
    digits, with ``-``, ``_`` and ``.`` inside, at most :data:`ID_MAX` characters, since it names files and
    addresses (``.``, ``..``, ``#x``, ``a?b`` or a 300-character id would break the site and the PDFs)."""
    if len(value) <= ID_MAX and ID_RE.fullmatch(value):  # the usual id: nothing to say, at once
        return None
    if not value or not value.strip():
        return "是空的", "is empty"
    if len(value) > ID_MAX:
        return f"太长（{len(value)} 个字符，最多 {ID_MAX} 个）", f"is too long ({len(value)} characters, at most {ID_MAX})"
    if not value[0].isalnum():
        return f"以“{value[0]}”开头", f"starts with '{value[0]}'"
    bad = sorted({ch for ch in value if not (ch.isalnum() or ch in "-_.")})
    if bad:
        shown = "".join("空格" if ch == " " else ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in bad[:5])
        shown_en = "".join("space" if ch == " " else ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in bad[:5])
        return f"含有“{shown}”", f"has '{shown_en}'"
    return None


def fld(doc: str, default: Any = dataclasses.MISSING, *, factory: Any = dataclasses.MISSING,
        example: Any = None, personal: bool = False, written: bool = True) -> Any:
    """A model field with its Chinese description (``doc``).

    ``personal`` marks data about a person that a public build leaves out or masks;
    ``written=False`` marks a field the loader fills in, not a key of the file.
    """
    meta = {"doc": doc, "example": example, "personal": personal, "written": written}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True, kw_only=True, slots=True)
class Record:
    """Base of every model class: where it was written, and where each key was."""

    loc: Loc = dataclasses.field(default=NOWHERE, compare=False, repr=False)
    #: (line, column) of each key's value, and of each item of a list as "key.index"
    locs: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def at(self, key: str, index: int | str | None = None) -> Loc:
        """Location of a key's value (or of one item of a list value, or one entry of a mapping value by its
        name); the record's own when absent."""
        got = self.locs.get(f"{key}.{index}") if index is not None else None
        if got is None:
            got = self.locs.get(key)
        return Loc(self.loc.path, *got) if got else self.loc


class Labelled(str, enum.Enum):
    """A choice written in English in the files, shown in Chinese to people."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    def __str__(self) -> str:
        return self.value


class Role(Labelled):
    """What a person does: on the rota (duty_leader, duty_officer) or in a plan's post (spokesperson … other).
    One list for a roster person's ``roles`` and a post's ``role``."""

    duty_leader = "duty_leader", "带班领导"
    duty_officer = "duty_officer", "值班员"
    spokesperson = "spokesperson", "新闻发言人"
    liaison = "liaison", "联络员"
    monitor = "monitor", "信息员"
    commentator = "commentator", "网评员"
    other = "other", "其他岗位"


# --------------------------------------------------------------------------- limits

class LimitUnit(Labelled):
    minutes = "minutes", "分钟"
    hours = "hours", "小时"
    days = "days", "日"
    working_days = "working_days", "工作日"
    time_of_day = "time_of_day", "时点"


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}

_UNIT_WORDS = [
    (LimitUnit.working_days, ("个工作日", "工作日", "wd", "working days", "working day")),
    (LimitUnit.minutes, ("分钟", "分", "min", "mins", "minutes", "minute", "m")),
    (LimitUnit.hours, ("个小时", "小时", "时", "h", "hours", "hour")),
    (LimitUnit.days, ("个自然日", "自然日", "日", "天", "d", "days", "day")),
]
_NUMBER_RE = re.compile(r"^\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)\s*(.*?)\s*(内|以内)?\s*$")
_TIME_RE = re.compile(r"^\s*(?:每日|每天)?\s*(\d{1,2})(?:[:：](\d{2})|时|点)\s*(?:前|之前)?\s*$")


def _cn_number(text: str) -> float | None:
    if text.isdigit() or re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    if text == "半":
        return 0.5
    total = 0.0
    if "十" in text:  # 十, 十五, 二十, 二十四
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head) if head else 1
        ones = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return float(tens * 10 + ones)
    for ch in text:
        if ch not in _CN_DIGITS:
            return None
        total = total * 10 + _CN_DIGITS[ch]
    return total


@dataclass(frozen=True, slots=True)
class Limit:
    """A deadline's limit: ``30分钟``, ``4小时``, ``3日``, ``2个工作日`` or a time of day ``17:00``."""

    text: str
    unit: LimitUnit
    amount: float  # minutes of the day for time_of_day

    #: The longest limit a plan may set (a year): longer ones are typing errors (9999999天), and their
    #: due times would leave the calendar.
    MAX_DAYS = 366

    @property
    def minutes(self) -> float:
        """Length in minutes, for comparing limits (a working day counts as a day)."""
        if self.unit is LimitUnit.minutes:
            return self.amount
        if self.unit is LimitUnit.hours:
            return self.amount * 60
        if self.unit in (LimitUnit.days, LimitUnit.working_days):
            return self.amount * 1440
        return self.amount  # time of day: minutes after midnight

    @classmethod
    def parse(cls, text: str) -> Limit | None:
        raw = str(text).strip()
        t = _TIME_RE.match(raw)
        if t:
            h, m = int(t.group(1)), int(t.group(2) or 0)
            if h < 24 and m < 60:
                return cls(raw, LimitUnit.time_of_day, float(h * 60 + m))
            return None
        if raw == "半小时":
            return cls(raw, LimitUnit.minutes, 30.0)
        mt = _NUMBER_RE.match(raw)
        if not mt:
            return None
        number = _cn_number(mt.group(1))
        word = mt.group(2).strip().lower()
        if number is None or number <= 0 or len(mt.group(1)) > 12:
            return None
        if word.startswith("半"):  # 一个半小时
            number += 0.5
            word = word[1:]
        for unit, words in _UNIT_WORDS:
            if word in words:
                return cls(raw, unit, number)
        return None

    @property
    def too_long(self) -> bool:
        return self.unit is not LimitUnit.time_of_day and self.minutes > self.MAX_DAYS * 1440

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Period:
    """A review cycle: ``3年``, ``18个月``, ``3y``, ``18mo``."""

    text: str
    months: int

    #: The longest review or drill cycle (20 years): longer ones are typing errors (8000年), and the dates
    #: they give would leave the calendar.
    MAX_MONTHS = 240

    @property
    def too_long(self) -> bool:
        return self.months > self.MAX_MONTHS

    @classmethod
    def parse(cls, text: Any) -> Period | None:
        raw = str(text).strip()
        if isinstance(text, int) and 0 < text < 10 ** 9:
            return cls(f"{text}年", text * 12)
        m = re.fullmatch(r"(\d{1,9})\s*(年|y|years?|个月|月|mo|months?)", raw)
        if not m or int(m.group(1)) <= 0:
            return None
        n = int(m.group(1))
        return cls(raw, n * 12 if m.group(2) in ("年", "y", "year", "years") else n)

    def __str__(self) -> str:
        return self.text


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where that day does not exist)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


PHONE_MOBILE_RE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$")
PHONE_LANDLINE_RE = re.compile(r"^(?:\+?86[- ]?)?\(?0\d{2,3}\)?[- ]?\d{7,8}(?:[-转]\d{1,6})?$")


def phone_kind(number: str) -> str | None:
    """``"mobile"``, ``"landline"`` or None when the number is neither."""
    n = number.strip()
    if PHONE_MOBILE_RE.match(n):
        return "mobile"
    if PHONE_LANDLINE_RE.match(n):
        return "landline"
    return None


#: Text left to be filled in: what ``planbook init`` writes (待填写) and what people type for it (XXX, ×××,
#: ____, 某某, ○○○ …).  One meaning in one place: the scaffold writes, and rule P601/P602 finds, these.
PLACEHOLDER = "待填写"
#: (The look-ahead names the first characters of all the alternatives: the search skips to them at once,
#: four times quicker on a plan than trying every alternative at every character.)
PLACEHOLDER_RE = re.compile(r"(?=[待XxＸｘ×_＿某○〇□T])(?:待填写|待补充|待定|[XxＸｘ×]{3,}|_{3,}|＿{2,}|某某|[○〇□]{2,}|TODO|TBD)")


def placeholder_in(text: str) -> str | None:
    """The placeholder in ``text`` (the first), or None."""
    m = PLACEHOLDER_RE.search(text)
    return m.group(0) if m else None
