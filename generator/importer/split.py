"""Splitting a cleaned file into documents: several plans one after another, a cover letter (印发通知)
in front of its plan, and parts that are not plans (a work summary, a site's preface)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .read import Para
from .text import quote

DOC_WORDS = r"应急预案|实施方案|工作方案|预案|方案|实施办法|管理办法|办法|细则|规定|工作制度|制度|总结|汇报|通知|报告"
_TRAIL = re.compile(r"(?:【[^】]{0,8}】|[（(][^）)]{0,8}[）)]|\d{1,2}|精选|范文|范例|\s)+$")
_TITLE_END = re.compile(rf"(?:{DOC_WORDS})$")
_MARKER_START = re.compile(r"^(?:第[一二三四五六七八九十百零\d]+[章条节]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|\d+(?:\.\d+)*\s)")
_INLINE_TITLE = re.compile(
    r"(?:^|(?<=[。！？!?]))([^。！？!?，,；;：:\s“”]{4,40}?(?:实施方案|应急预案|工作方案|预案|方案|办法|制度))(?=\d)")
_LEAD_TITLE = re.compile(r"^(.{4,40}?(?:预案|方案|办法|制度|细则|规定))\s*(?=第[一1]章|第[一1]条|一[、．.])")


@dataclass
class Cover:
    """What a cover letter (关于印发…的通知) says about the plan it issues."""

    title: str = ""
    issuer: str = ""
    document_number: str = ""
    date: dt.date | None = None
    addressees: list[str] = field(default_factory=list)
    copied_to: list[str] = field(default_factory=list)
    where: int = 0
    quote: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Doc:
    title: str
    where: int
    paras: list[Para]
    cover: Cover | None = None
    title_guessed: bool = False
    piece: bool = False             # marked as one piece of a collection (【篇1】)


def is_title(text: str) -> bool:
    t = text.strip()
    if not 6 <= len(t) <= 50 or _MARKER_START.match(t) or re.search(r"[。；;！？!?，,：:]", t):
        return False
    return bool(_TITLE_END.search(_TRAIL.sub("", t)))


def split_inline_titles(paras: list[Para]) -> list[Para]:
    """Cut plan titles out of run-together text: '…的实施方案2为切实加强…' or '…实施办法第一章 总则…'."""
    out: list[Para] = []
    for p in paras:
        text = p.text
        m = _LEAD_TITLE.match(text)
        if m and len(text) > len(m.group(1)) + 10:
            out.append(replace(p, text=m.group(1).strip()))
            out.append(replace(p, text=text[m.end():].strip()))
            continue
        if len(text) < 200:
            out.append(p)
            continue
        cuts: list[tuple[int, int, str]] = []
        expect = 1
        for m in _INLINE_TITLE.finditer(text):
            if text.startswith(str(expect), m.end()):
                cuts.append((m.start(), m.end() + len(str(expect)), m.group(1)))
                expect += 1
        if len(cuts) < 2:
            out.append(p)
            continue
        pos = 0
        for start, end, title in cuts:
            if text[pos:start].strip():
                out.append(replace(p, text=text[pos:start].strip()))
            out.append(replace(p, text=title))
            pos = end
        if text[pos:].strip():
            out.append(replace(p, text=text[pos:].strip()))
    return out


_NOTICE = re.compile(r"关于印发(?:《)?(.{2,60}?)(?:》)?的通知")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号")
_DATE = re.compile(r"(\d{4}|[一二三四五六七八九〇零]{4})?\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_COPY = re.compile(r"(抄报|抄送)[:：]\s*")


def _squash(text: str) -> str:
    return re.sub(r"[\s《》#*]", "", text)


def strip_cover(paras: list[Para]) -> tuple[list[Para], Cover | None]:
    """Remove a cover letter 关于印发…的通知 … 特此通知 (with its sign-off) and return what it says."""
    start = next((i for i, p in enumerate(paras[:40]) if _NOTICE.search(p.text)), None)
    if start is None:
        return paras, None
    m = _NOTICE.search(paras[start].text)
    end = next((j for j in range(start, min(len(paras), start + 25)) if "特此通知" in paras[j].text), None)
    if end is None:
        # no 特此通知: the notice ends where the document it issues begins — its title on a line of its own —
        # and its last short lines (issuer, date) are the sign-off
        issued = _squash(m.group(1))
        t = next((j for j in range(start + 1, min(len(paras), start + 25))
                  if _squash(paras[j].text) == issued), None)
        if t is None:
            return paras, None
        end = t - 1
        while end > start + 1 and len(paras[end].text) <= 30 and not paras[end].text.rstrip().endswith(("：", ":")):
            end -= 1
        tail_parts = [p.text for p in paras[end + 1:t]]
        k = t
    else:
        tail_parts = [paras[end].text.split("特此通知", 1)[1]]
        k = end + 1
        while k < len(paras) and len(paras[k].text) <= 40 and not is_title(paras[k].text) \
                and not _MARKER_START.match(paras[k].text):
            tail_parts.append(paras[k].text)
            k += 1
    cover = Cover(title=m.group(1), where=paras[start].where, quote=quote(paras[start].text[m.start():], 80))
    body = "\n".join(p.text for p in paras[start:end + 1])
    head = body[m.end():]
    a = re.match(r"\s*([^。；;:：]{2,60})[:：]", head)
    if a:
        cover.addressees = [x.strip() for x in re.split(r"[、，,]", a.group(1)) if x.strip()]
    tail = "\n".join(tail_parts)
    # the masthead above the notice ('××街道办事处文件', '××发〔2024〕12号'): its short lines, the issuer's name
    # repeated above the notice's title among them
    head_from = start
    while head_from > 0 and start - head_from < 3 and len(paras[head_from - 1].text) <= 30:
        head_from -= 1
    masthead = "\n".join(p.text for p in paras[head_from:start])
    n = _DOCNO.search(masthead + "\n" + body + tail)
    if n:
        cover.document_number = re.sub(r"\s+", "", n.group(0))
    d = _DATE.search(tail)
    rest = tail
    if d:
        lines = [ln.strip(" 。.") for ln in tail[:d.start()].split("\n")]
        lines = [ln for ln in lines if ln and not _DOCNO.fullmatch(ln)]
        if lines and len(lines[0]) <= 30:
            cover.issuer = lines[0]
        if d.group(1) and d.group(1).isdigit():
            try:
                cover.date = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
            except ValueError:
                cover.notes.append(f"印发通知的日期“{d.group(0)}”不是有效日期")
        else:
            cover.notes.append(f"印发通知的日期“{d.group(0).strip()}”缺少年份，没有写入")
        rest = tail[d.end():]
    c = _COPY.search(rest)
    remainder = rest
    if c:
        after = rest[c.end():]
        key = cover.title[:3]
        cut = after.find(key, 1) if key else -1
        if cut > 0:
            units, remainder = after[:cut], after[cut:]
        else:
            line_end = after.find("\n")
            units, remainder = (after, "") if line_end < 0 else (after[:line_end], after[line_end:])
        cover.copied_to = [x.strip() for x in re.split(r"[、，,\s]", units) if x.strip()]
    remainder = remainder.strip()
    kept = paras[:head_from]
    lead = paras[start].text[:m.start()].strip()
    if lead and not is_title(lead):
        kept.append(replace(paras[start], text=lead))
    if remainder:
        kept.append(replace(paras[end], text=remainder))
    kept.extend(paras[k:])
    return kept, cover


#: '【篇1】…', '【第2篇】…', '篇三：…' in front of each document of a collection
PIECE = re.compile(r"^\s*(?:【\s*第?\s*篇?\s*[\d一二三四五六七八九十]+\s*篇?\s*】|第[\d一二三四五六七八九十]+篇[：:\s]|"
                   r"篇[\d一二三四五六七八九十]+[：:\s])\s*")


#: a short line naming a unit ('晓雨镇中心幼儿园', '东湖区图书馆', '青禾街道社区卫生服务站'): it ends in a unit's word
_UNIT_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{4,24}(?:[局院校馆站所队园厅处办委会司府部室科团社村镇乡县市区]|中心|集团|街道|大学)$")
#: the standing of a title given on its next line ('（试行）', '（征求意见稿）'), part of an official title; a revision note
#: ('（2026年修订）', '（2025年秋季学期修订）') is a note under the title and stays out of it, as the corpus keys have it
_EDITION_LINE = re.compile(r"^[（(](?:试行|暂行|征求意见稿|送审稿)[）)]$")


def _title_line(p: Para) -> bool:
    return is_title(p.text) or p.title_style or p.heading == 1


def _set_as_title(p: Para) -> bool:
    """A paragraph set out as a title by its form: Word's Title style, or centred and bold."""
    return p.title_style or (p.centred and p.bold)


def _title_pair(prev: Para, p: Para) -> bool:
    """Two paragraphs set out alike as a title, the second a plan's title and the first a short line that is not
    ('丰谷县国家粮食储备库' then '涉粮网络舆情应对处置预案', both Title style): one title over two lines."""
    return _set_as_title(prev) and _set_as_title(p) and is_title(p.text) and not is_title(prev.text) \
        and len(prev.text) <= 30 and not re.search(r"[。；;：:，,！？!?]", prev.text)


def join_split_titles(paras: list[Para]) -> list[Para]:
    """A plan title written over two lines is one title: the issuing unit's short line above it ('晓雨镇中心幼儿园' then
    '网络舆情应对处置工作方案'), or its edition below it ('（试行）'); also two Title (or '#') paragraphs.  A unit line
    the title already opens with, a 发文字号 or a numbered line is no part of it."""
    out: list[Para] = []
    for p in paras:
        prev = out[-1] if out else None
        if prev is not None and (_UNIT_LINE.match(prev.text) or _title_pair(prev, p)) and not is_title(prev.text) \
                and is_title(p.text) and not p.text.startswith(prev.text) and not _DOCNO.search(prev.text) \
                and (p.heading or 1) == 1:
            out[-1] = replace(p, text=prev.text + p.text, where=prev.where)
        elif prev is not None and _EDITION_LINE.match(p.text) and _title_line(prev):
            out[-1] = replace(prev, text=prev.text + p.text)
        else:
            out.append(p)
    return out


def split_documents(paras: list[Para]) -> tuple[list[Doc], list[Para]]:
    """(documents, paragraphs before the first document)."""
    docs: list[Doc] = []
    lead: list[Para] = []
    for p in paras:
        piece = PIECE.match(p.text)
        if piece and 4 <= len(p.text) - piece.end() <= 50 and not re.search(r"[。；;！？!?]", p.text):
            # a marked piece of a collection starts a document, whatever its title ends with
            docs.append(Doc(title=re.sub(r"\s+", " ", p.text[piece.end():]).strip(), where=p.where, paras=[],
                            piece=True))
        elif is_title(p.text) or p.title_style:
            docs.append(Doc(title=re.sub(r"\s+", " ", p.text).strip(), where=p.where, paras=[]))
        elif docs:
            docs[-1].paras.append(p)
        else:
            lead.append(p)
    return docs, lead
