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
#: A Markdown link or image whose target has a scheme other than http(s), mailto or tel: inline
#: ``[text](javascript:…)`` and reference definitions ``[id]: javascript:…``.
_BAD_LINK = re.compile(r"\]\(\s*<?\s*(?!(?:https?|mailto|tel):)([A-Za-z][A-Za-z0-9+.-]*):", re.I)
_BAD_REF = re.compile(r"(?m)^([ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?[ \t]*)(?!(?:https?|mailto|tel):)[A-Za-z][A-Za-z0-9+.-]*:", re.I)


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
    text, links with a script scheme lose it, Chinese soft breaks are joined.  (Images from other hosts
    become links when the site's Markdown is made: mdext.)"""
    s = join_cjk_lines(str(text or "")).strip("\n")
    s = _HTML_RE.sub(lambda m: _HTML.get(m.group(0)) or f"&#{ord(m.group(0))};", s)
    # (the address of a defused link goes nowhere; MkDocs does not check it as an anchor of the page)
    return Markup(_BAD_REF.sub(lambda m: m.group(1) + "about:blank#", _BAD_LINK.sub(lambda m: "](about:blank#", s)))


_TITLE_MARKUP = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})


def title_text(text: object) -> str:
    """A page or navigation title from an office's or a netizen's text.  MkDocs and Material print titles
    as HTML in places, and unescape them in others (``striptags`` in <title>): so a title carries no
    markup characters at all — < > & become their full-width forms."""
    return ("" if text is None else str(text)).translate(_TITLE_MARKUP)

