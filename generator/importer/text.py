"""Small text helpers shared by the importer's passes."""
from __future__ import annotations

import re

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105; Arabic digits too; None when not a number."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(ch not in _CN and ch not in "十百" for ch in s):
        return None
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN[ch]
    return total + cur


_SENTENCE = re.compile(r"[^。！？；;!?]+[。！？；;!?]?[”’」\"]?")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (split after 。！？；), stripped."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def quote(text: str, limit: int = 60) -> str:
    """A one-line excerpt for provenance comments and review items."""
    t = re.sub(r"\s+", " ", text).strip()
    return t if len(t) <= limit else t[:limit - 1] + "…"


END_PUNCT = "。！？；;!?”\"」）)"

