"""Chinese numbering of headings (一、（一）1.（1） and 第X章 / 第X条) and dates of official documents:
one place for the site, the PDFs, the change tables and the importer."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model.plan import Plan, Section

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一, 105 -> 一百零五."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + (cn_numeral(rest) if rest >= 20 else "一" + cn_numeral(rest))
    return str(n)


def section_label(depth: int, n: int) -> str:
    """The label of the n-th section at ``depth`` (0 = top) in 一、（一）1.（1） numbering."""
    if depth == 0:
        return f"{cn_numeral(n)}、"
    if depth == 1:
        return f"（{cn_numeral(n)}）"
    if depth == 2:
        return f"{n}."
    return f"（{n}）"


def chapter_label(n: int) -> str:
    return f"第{cn_numeral(n)}章"


def article_label(n: int) -> str:
    return f"第{cn_numeral(n)}条"


@dataclass(frozen=True, slots=True)
class Numbered:
    """A section of a plan with the number every output prints for it (site, PDF, change table)."""

    section: Section
    kind: str  # "chapter" | "article" | "item" (inside an article) | "section" (一、（一）1.（1） numbering)
    number: str  # 一、 / （一） / 1. / 第二章 / 第五条
    depth: int  # depth in the plan's tree of sections, 0 at the top
    children: tuple[Numbered, ...] = ()

    @property
    def title(self) -> str:
        return self.section.title or ""

    @property
    def text(self) -> str:
        return self.section.text


def numbered_sections(plan: Plan) -> tuple[Numbered, ...]:
    """The plan's sections, numbered once for every output.

    一、（一）1.（1） numbering counts each level on its own.  Article numbering (第X章 / 第X条): a top
    section with sections under it is a chapter, counted on its own, and those under it are articles; a top
    section without any is an article itself (a plan may have articles and no chapters); articles are counted
    through the whole text; what stands under an article is an item, （一）（二）, and under an item 1. 2."""
    from .model.plan import Numbering
    if plan.numbering is not Numbering.articles:
        def section(s: Section, depth: int, n: int) -> Numbered:
            return Numbered(s, "section", section_label(min(depth, 3), n), depth,
                            tuple(section(c, depth + 1, i) for i, c in enumerate(s.sections, 1)))
        return tuple(section(s, 0, i) for i, s in enumerate(plan.sections, 1))

    articles = 0

    def item(s: Section, depth: int, level: int, n: int) -> Numbered:
        return Numbered(s, "item", section_label(min(level, 3), n), depth,
                        tuple(item(c, depth + 1, level + 1, i) for i, c in enumerate(s.sections, 1)))

    def article(s: Section, depth: int) -> Numbered:
        nonlocal articles
        articles += 1
        return Numbered(s, "article", article_label(articles), depth,
                        tuple(item(c, depth + 1, 1, i) for i, c in enumerate(s.sections, 1)))

    out: list[Numbered] = []
    chapters = 0
    for top in plan.sections:
        if top.sections:
            chapters += 1
            number = chapter_label(chapters)
            out.append(Numbered(top, "chapter", number, 0, tuple(article(a, 1) for a in top.sections)))
        else:
            out.append(article(top, 0))
    return tuple(out)


def walk(numbered: tuple[Numbered, ...]) -> Iterator[Numbered]:
    """Every numbered section, in reading order (a section before those under it)."""
    for n in numbered:
        yield n
        yield from walk(n.children)


def cn_date(d: dt.date | None) -> str:
    """2024年3月5日 (Arabic numerals, no zero padding, as GB/T 9704 asks)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""
