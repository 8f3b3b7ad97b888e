"""Chinese numbering of headings (一、（一）1.（1） and 第X章 / 第X条) and dates of official documents:
one place for the site, the PDFs, the change tables and the importer."""
from __future__ import annotations

import datetime as dt

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


def cn_date(d: dt.date | None) -> str:
    """2024年3月5日 (Arabic numerals, no zero padding, as GB/T 9704 asks)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""
