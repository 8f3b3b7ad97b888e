"""Text for the site's Markdown: escaping untrusted text, joining Chinese soft line breaks,
Chinese numerals and the heading numbers of plans.

Everything written in plans and cases is untrusted as HTML: it is escaped before it
reaches Markdown, so a quoted ``<script>`` shows as text.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from ..privacy import protect_masks

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
#: Markdown's own uses of < that stay: an autolink <https://…> and a link address in angle brackets ](<…>)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>\"'`{}]+>", re.I)
_ANGLE_ADDRESS = re.compile(r"\]\([ \t]*<[^<>\n{}]*>")
_KEPT = re.compile("\x00([0-9]+)\x00")


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
    """Untrusted Markdown (a plan's text): Markdown stays (autolinks and <addresses> included), raw HTML and
    attribute lists become text, Chinese soft breaks are joined, a masked number's * stays text (139****0013).  Links with a script scheme and images from
    other hosts are dealt with when the site's Markdown is made, on the parsed tree (mdext)."""
    s = join_cjk_lines(str(text or "").replace("\x00", "")).strip("\n")
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"
    s = _AUTOLINK.sub(keep, _ANGLE_ADDRESS.sub(keep, s))
    s = protect_masks(_HTML_RE.sub(lambda m: _HTML.get(m.group(0)) or f"&#{ord(m.group(0))};", s))
    return Markup(_KEPT.sub(lambda m: kept[int(m.group(1))], s))


_TITLE_MARKUP = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})


def title_text(text: object) -> str:
    """A page or navigation title from an office's or a netizen's text.  MkDocs and Material print titles
    as HTML in places, inside attributes in others (``aria-label="{{ config.site_name }}"``), and unescape them
    in others (``striptags`` in <title>): so a title carries no markup characters at all — < > & " ' become
    their full-width forms."""
    return ("" if text is None else str(text)).translate(_TITLE_MARKUP)

