"""Text for the site's Markdown: escaping untrusted text, joining Chinese soft line breaks,
Chinese numerals and the heading numbers of plans.

Everything written in plans and cases is untrusted as HTML: it is escaped before it
reaches Markdown, so a quoted ``<script>`` shows as text.
"""
from __future__ import annotations

import re

from markupsafe import Markup

#: Han characters, CJK punctuation and full-width forms, and Chinese quotation marks.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Characters Markdown would read as syntax in a plain-text field, written as character references.
_PLAIN = {**_HTML, '"': "&#34;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",
          "#": "&#35;", "|": "&#124;", "\\": "&#92;", "{": "&#123;", "}": "&#125;", "~": "&#126;"}
_PLAIN_RE = re.compile("[" + re.escape("".join(_PLAIN)) + "]")
_LEADING = re.compile(r"^(?:([-+=])|(\d+)\.(?=\s|$))")
_HTML_RE = re.compile("[&<>{}]")
#: A Markdown link or image whose target has a scheme other than http(s), mailto or tel.
_BAD_LINK = re.compile(r"\]\(\s*(?!(?:https?|mailto|tel):)([A-Za-z][A-Za-z0-9+.-]*):", re.I)


def join_cjk_lines(text: str) -> str:
    """Remove the soft line break between two CJK characters (YAML block scalars written over
    several lines): Markdown would show it as a space."""
    return _SOFT_BREAK.sub("", text)


def plain(text: object) -> Markup:
    """Untrusted plain text for a Markdown page: no HTML, no Markdown syntax, one paragraph."""
    s = join_cjk_lines("" if text is None else str(text)).strip()  # 0 is a number to show, not nothing
    s = _PLAIN_RE.sub(lambda m: _PLAIN[m.group(0)], s)
    s = _LEADING.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) else f"{m.group(2)}&#46;", s)  # list markers
    return Markup(re.sub(r"\s*\n\s*", " ", s))


def markdown(text: object) -> Markup:
    """Untrusted Markdown (a plan's text): Markdown stays, raw HTML and attribute lists become
    text, links with a script scheme lose it, Chinese soft breaks are joined."""
    s = join_cjk_lines(str(text or "")).strip("\n")
    s = _HTML_RE.sub(lambda m: _HTML.get(m.group(0)) or f"&#{ord(m.group(0))};", s)
    return Markup(_BAD_LINK.sub(lambda m: "](#", s))


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    if n < 0:
        return "负" + chinese_number(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else
                                      ("一" if rest < 20 else "") + chinese_number(rest))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def section_number(depth: int, index: int) -> str:
    """The number of a section in 一、（一）1.（1） style; index is 1-based."""
    if depth == 0:
        return f"{chinese_number(index)}、"
    if depth == 1:
        return f"（{chinese_number(index)}）"
    if depth == 2:
        return f"{index}. "
    return f"（{index}）"
