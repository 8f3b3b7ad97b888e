"""Heading schemes → a tree of sections.

Recognised: 第X章 (or 第X部分 at a line's start) / 第X条; 一、 / （一） / 1. 1、 / （1）; decimal 1 / 1.1 / 1.1.1; Markdown '#' headings;
Word heading styles; Word's automatic numbering (where the number is not in the text).  The
nesting follows the order in which schemes first appear, as in Word's own outline: a scheme seen
before closes everything below it; a new scheme opens a level below the current one.

Numbers must run in sequence (一、 then 二、 …), which is what tells a heading inside run-together
text ('…实施方案。二、工作原则（一）坚持…') from a number inside a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbering import cn_numeral
from .read import Para
from .text import cn_number

_CN = "一二三四五六七八九十"
MARKERS = re.compile(
    r"(?P<dec>(?<![\d.．])(?P<dec_n>\d{1,2}(?:[.．]\d{1,2}){1,3})(?![\d.．%％])(?!\s*(?:万|亿|倍|元|个|次|年|月|日|时|小时|分|米|公里))\s*)"
    r"|(?P<chap>第(?P<chap_n>[一二三四五六七八九十百零\d]+)(?:章|部分)\s*)"
    r"|(?P<art>第(?P<art_n>[一二三四五六七八九十百零\d]+)条\s*)"
    rf"|(?P<cn>(?P<cn_n>[{_CN}]{{1,3}})\s*[、．]\s*)"
    rf"|(?P<pcn>[（(]\s*(?P<pcn_n>[{_CN}]{{1,3}})\s*[）)]\s*)"
    r"|(?P<par>[（(]\s*(?P<par_n>\d{1,2})\s*[）)]\s*)"
    r"|(?P<ar>(?<![\d.．])(?P<ar_n>\d{1,2})\s*[、.．](?![\d.．])\s*)")
_DECIMAL = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,3})(?![\d.．])\s*(?=\S)")
_DECIMAL_TOP = re.compile(r"^(\d{1,2})\s+(?=[^\d\s])")
_INLINE_BEFORE = "。！？；;!?：:”\"」"
_TITLE_WORDS = re.compile(
    r"^(.{0,6}?(?:指导思想|总体要求|工作目标|基本原则|工作原则|适用范围|编制目的|编制依据|组织机构|组织领导|机构设置|"
    r"工作职责|职责分工|应对机制|工作机制|应急程序|处置程序|处置流程|工作流程|办理流程|应急响应|分级响应|"
    r"后期处置|应急保障|保障措施|工作措施|主要任务|管控要求|工作要求|办理要求|健全制度|工作纪律|附则|总则))")

#: '及时回应对于网民关切…', '依法处置对违法信息…': a short title run into a sentence that opens with one of these words
_RUN_IN = re.compile(r"^([\u4e00-\u9fff]{4,8}?)"
                     r"(?=对于|(?<![应针面相核比绝反校派配])对[^于]|本预案|本方案|本办法|本制度|按照|根据|坚持|凡是|各级|各单位|各部门)")
_NOT_TITLE = re.compile(r"[要须将了的是在]")

STRUCTURAL = ("chap", "art")

#: a web or WeChat copy's heading number: a number (zero-padded, maybe after 'PART') and a bar or slash ('01｜工作目标',
#: 'PART 02 / 组织架构'), or a keycap emoji ('1️⃣ 适用范围'); each form is a scheme of its own
_WEB_NUMBER = re.compile(r"^(?:(?P<bar>(?:PART|Part|part)?\s*(?P<bar_n>\d{1,2})\s*[｜|丨│／/]\s*)"
                         r"|(?P<cap>(?P<cap_n>\d)\ufe0f?\u20e3\s*))(?=[\u4e00-\u9fff])")
#: a decoration before a heading in a web copy ('▍组织领导', '■ 总体要求', '📌 工作机制'): a glyph or an emoji, no letter
_WEB_GLYPH = re.compile(r"^(?P<g>[\u2580-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff][\ufe0f\u20e3]?)\s*(?=\S)")
#: what a decorated line must be to be a heading: a few words, no sentence and no separator of a list item
_WEB_TITLE = re.compile(r"^[\u4e00-\u9fff（）()“”]{2,16}$")


@dataclass
class Node:
    key: tuple                      # scheme: ("cn",), ("dec", 2), ("h", 1), ("wnum", 0) …
    number: int
    marker: str                     # the number as written ('一、', '第三条'; '' for styles)
    title: str | None
    where: int
    raw: str = ""                   # what followed the number, as written
    text: list[tuple[str, int]] = field(default_factory=list)   # (paragraph, source position)
    children: list[Node] = field(default_factory=list)


@dataclass
class Outline:
    root: Node
    articles: bool
    gaps: list[tuple[int, str]] = field(default_factory=list)   # (where, what) numbering gaps


#: a bold line that is a heading without a number: a few words, no sentence, no number or bracket ('编制目的', '岗位')
#: not an attachment's label, nor a contact table's caption ('网络舆情应急处置联络表', '舆情应对工作小组通讯录')
_BOLD_TITLE = re.compile(r"^(?!附件|附表|附录)(?![\u4e00-\u9fff]*(?:通讯录|联络表|联系表|通讯表|联系方式|花名册)$)"
                         r"[\u4e00-\u9fff]{2,12}$")
#: the last word of a short heading run into its text ('组织领导成立…领导小组', '舆情分级舆情分为…', '新闻发布建立…')
_HEAD_NOUN = re.compile(r"(?:领导|机构|职责|分工|分级|标准|发布|报告|报送|要求|原则|目的|范围|依据|措施|保障|处置|响应|监测|"
                        r"研判|预警|核实|引导|流程|程序|机制|纪律|培训|演练|评估|管理|制度|办理|督办|回应)$")


#: a character of a heading run into its text: a bracket is taken whole ('医疗核查小组（组长：医务科科长）：…'), so a colon
#: inside it, or between digits ('8:00—17:00'), is no end of the heading
_TITLE_CHAR = r"[（(][^（()）。；;]{0,30}[）)]|[^。；;，,：:！？（(]|[：:](?<=\d[：:])(?=\d)|[（(](?![^（()）]*[）)])"
_TITLE_END = r"(?:[。]|(?<!\d)[：:]|[：:](?!\d))"


def _kind_prefix(rest: str) -> tuple[str, str] | None:
    """A four-character heading of a known section kind run into a sentence: (title, text).  The title ends on a
    heading noun and the word after it does not carry the heading on ('舆情监测预警…' is not '舆情监测')."""
    from .classify import section_kind

    head = rest[:4]
    if (len(rest) < 14 or not re.fullmatch(r"[\u4e00-\u9fff]{4}", head) or not _HEAD_NOUN.search(head)
            or section_kind(head).value == "other" or _HEAD_NOUN.match(rest[4:6] + "$")
            or re.match(r"[的和与及、，,。：:]", rest[4])):
        return None
    return head, rest[4:].strip()


def _split_title(key: tuple, rest: str, inline: bool) -> tuple[str | None, str]:
    rest = rest.strip()
    if key[0] == "art":
        return None, rest
    if key[0] == "chap":
        m = re.match(r"^([^。；;，,：:]{1,30})(?:[。：:]\s*|$)", rest)
        if m and (len(rest) <= 30 or m.end() < len(rest)):
            return re.sub(r"\s+", "", m.group(1)), rest[m.end():].strip()
        return None, rest
    if len(rest) <= 30 and not re.search(r"[。；;，,！？!?]", rest):
        return rest.rstrip("：: "), ""
    m = re.match(rf"^((?:{_TITLE_CHAR}){{2,32}}?)\s*{_TITLE_END}\s*(.+)$", rest, re.S)
    if m:
        run_in = _kind_prefix(rest) if inline and len(m.group(1)) > 12 else None
        if run_in:      # '组织领导成立金沙镇…领导小组：组长…': the heading is the four characters before the sentence
            return run_in
        return m.group(1).strip(), m.group(2).strip()
    m = re.match(r"^((?:[^。；;，,：:！？]{2,10}[，,]){1,2}[^。；;，,：:！？]{2,10})\s*[。：:]\s*(.+)$", rest, re.S)
    if m:  # 提高认识，高度重视。…
        return m.group(1).strip(), m.group(2).strip()
    m = re.match(r"^([^。；;，,：:！？]{2,16}?)\s{1,}(\S.+)$", rest, re.S)
    if m and not inline:
        return m.group(1).strip(), m.group(2).strip()
    m = _TITLE_WORDS.match(rest)
    if m and len(rest) > m.end():
        return m.group(1), rest[m.end():].strip()
    m = _RUN_IN.match(rest)
    if m and not _NOT_TITLE.search(m.group(1)) and re.search(r"[。；;！？]", rest):
        return m.group(1), rest[m.end():].strip()
    run_in = _kind_prefix(rest) if inline else None
    if run_in:
        return run_in
    return None, rest


def strip_marker(text: str) -> str:
    t = text.strip()
    m = MARKERS.match(t) or _DECIMAL.match(t) or _DECIMAL_TOP.match(t)
    return t[m.end():].strip() if m and m.end() < len(t) else t


class _Builder:
    def __init__(self) -> None:
        self.root = Node(("root",), 0, "", None, 0)
        self.stack: list[Node] = []
        self.last_article = 0
        self.last_chapter = 0
        self.gaps: list[tuple[int, str]] = []
        self.articles = False
        #: the last number of each scheme before the current chapter: numbers may run on across chapters
        #: ('第一部分 总则' '一、…' '三、…' then '第二部分 组织体系' '四、…')
        self.before_chapter: dict[tuple, int] = {}

    def top(self) -> Node:
        return self.stack[-1] if self.stack else self.root

    def find(self, key: tuple) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].key == key:
                return i
        return None

    def acceptable(self, key: tuple, n: int, line_start: bool) -> bool:
        if key[0] == "art":
            return self.last_article < n <= self.last_article + 3
        if key[0] == "chap":
            return self.last_chapter < n <= self.last_chapter + 2
        i = self.find(key)
        last = self.stack[i].number if i is not None else 0
        if n == last + 1 or (i is None and n == self.before_chapter.get(key, -1) + 1):
            return True
        return line_start and i is not None and last < n <= last + 3

    def open(self, key: tuple, n: int, marker: str, title: str | None, where: int, raw: str = "") -> Node:
        if key[0] == "chap":
            if n != self.last_chapter + 1:
                self.gaps.append((where, f"导入认出的章在第{cn_numeral(self.last_chapter)}章之后是{marker.strip()}，中间的章没有找到"))
            self.last_chapter = n
            self._close_chapter()
        elif key[0] == "art":
            self.articles = True
            if n != self.last_article + 1:
                self.gaps.append((where, f"导入认出的条在第{cn_numeral(self.last_article)}条之后是{marker.strip()}，中间的条没有找到"))
            self.last_article = n
            i = self.find(key)
            if i is not None:
                del self.stack[i:]
            while self.stack and self.stack[-1].key[0] != "chap":
                self.stack.pop()
        else:
            i = self.find(key)
            if i is not None:
                if n != self.stack[i].number + 1:
                    self.gaps.append((where, f"导入认出的编号在{self.stack[i].marker.strip()}之后是{marker.strip()}，中间的编号没有找到"))
                del self.stack[i:]
        node = Node(key, n, marker, title, where, raw)
        self.top().children.append(node)
        self.stack.append(node)
        return node

    def paragraph(self, p: Para) -> None:
        if p.heading is not None and re.match(r"^第[一二三四五六七八九十百零\d]+(?:章|条|部分)", p.text.strip()):
            self._scan(p.text.strip(), p.where)     # '### 第二章 组织机构': a chapter, whatever its heading style
            return
        if p.heading is not None:
            self.open(("h", p.heading), self._count(("h", p.heading)), "", strip_marker(p.text), p.where, p.text)
            return
        if p.bold and _BOLD_TITLE.match(p.text.strip()):
            # '**编制目的**' on a line of its own, no number: a heading one step below the one it follows
            self.open(("bold", 0), self._count(("bold", 0)), "", p.text.strip(), p.where, p.text)
            return
        if p.numbered is not None:
            key = ("wnum", p.numbered)
            title, text = _split_title(key, p.text, inline=False)
            node = self.open(key, self._count(key), "", title, p.where, p.text)
            if text:
                node.text.append((text, p.where))
            return
        text = p.text
        g = _WEB_GLYPH.match(text)
        if g and (MARKERS.match(text[g.end():]) or _DECIMAL.match(text[g.end():])):
            text = text[g.end():]       # '▍一、工作原则': the decoration before a numbered heading
        if self._web(text, p.where):
            return
        m = _DECIMAL.match(text)
        if m:
            depth = m.group(1).count(".") + m.group(1).count("．") + 1
            self._unit(("dec", depth), int(re.split(r"[.．]", m.group(1))[-1]), m.group(0), text[m.end():], p.where,
                       inline=False)
            return
        m = _DECIMAL_TOP.match(text)
        if m and len(text) <= 30 and (self.find(("dec", 1)) is not None or any(k.key[0] == "dec" for k in self.stack)
                                      or int(m.group(1)) == 1):
            self._unit(("dec", 1), int(m.group(1)), m.group(0), text[m.end():], p.where, inline=False)
            return
        self._scan(text, p.where)

    def _web(self, text: str, where: int) -> bool:
        """A web copy's heading: a numbered one ('01｜工作目标') in sequence, or a decorated short line ('▍组织领导');
        a decorated line holding a sentence or a list item ('▍一般舆情｜…', '▶ 核查小队，…') stays text."""
        m = _WEB_NUMBER.match(text)
        if m:
            kind = "bar" if m.group("bar") else "cap"
            key, n = ("web", kind), int(m.group(kind + "_n"))
            if self.acceptable(key, n, True):
                self._unit(key, n, m.group(0), text[m.end():], where, inline=False)
                return True
            return False
        m = _WEB_GLYPH.match(text)
        if m and _WEB_TITLE.match(text[m.end():].strip()):
            key = ("web", m.group("g"))
            self.open(key, self._count(key), m.group(0), text[m.end():].strip(), where, text)
            return True
        return False

    def _count(self, key: tuple) -> int:
        i = self.find(key)
        return (self.stack[i].number if i is not None else 0) + 1

    def _scan(self, text: str, where: int) -> None:
        cuts: list[tuple[int, int, tuple, int]] = []   # (start, end, key, number)
        last_end = -100
        # a dry run over a copy of the state decides which candidates are headings
        saved = (list(self.stack), self.last_article, self.last_chapter, dict(self.before_chapter))
        for m in MARKERS.finditer(text):
            if cuts and m.start() < cuts[-1][1]:
                continue
            kind = next(k for k in ("dec", "chap", "art", "cn", "pcn", "par", "ar") if m.group(k))
            if kind == "dec":   # '一、总则1.1 编制目的为…。1.2 适用范围…': a decimal heading run into the text
                parts = re.split(r"[.．]", m.group("dec_n"))
                key, n = ("dec", len(parts)), int(parts[-1])
            else:
                n = cn_number(m.group(kind + "_n"))
                if n is None:
                    continue
                key = (kind,)
            start = m.start()
            line_start = start == 0
            if kind == "chap" and m.group(0).strip().endswith("部分") and not line_start:
                continue    # '第X部分' is a chapter only at a line's start ('按本预案第二部分执行' is text)
            if not line_start and kind not in STRUCTURAL:
                before = text[start - 1]
                first_child = self.find(key) is None and n == 1 and start - last_end <= 20
                if before not in _INLINE_BEFORE and not first_child:
                    continue
                if self.find(key) is None and n != 1:
                    continue
            if not self.acceptable(key, n, line_start):
                continue
            self._simulate(key, n)
            cuts.append((start, m.end(), key, n))
            last_end = m.end()
        self.stack, self.last_article, self.last_chapter, self.before_chapter = saved
        if not cuts:
            self.top().text.append((text, where))
            return
        if cuts[0][0] > 0:
            self.top().text.append((text[:cuts[0][0]].strip(), where))
        for i, (start, end, key, n) in enumerate(cuts):
            stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            self._unit(key, n, text[start:end], text[end:stop], where, inline=len(cuts) > 1 or start > 0)

    def _simulate(self, key: tuple, n: int) -> None:
        if key[0] == "chap":
            self.last_chapter = n
            self._close_chapter()
            self.stack = [Node(key, n, "", None, 0)]
        elif key[0] == "art":
            self.last_article = n
            self.stack = [s for s in self.stack if s.key[0] == "chap"] + [Node(key, n, "", None, 0)]
        else:
            i = self.find(key)
            if i is not None:
                self.stack = self.stack[:i]
            self.stack = self.stack + [Node(key, n, "", None, 0)]

    def _close_chapter(self) -> None:
        for node in self.stack:
            if node.key[0] != "chap":
                self.before_chapter[node.key] = node.number
        self.stack.clear()

    def _unit(self, key: tuple, n: int, marker: str, rest: str, where: int, inline: bool) -> None:
        title, text = _split_title(key, rest, inline)
        node = self.open(key, n, marker, title, where, rest.strip())
        if text:
            node.text.append((text, where))


def outline(paras: list[Para]) -> Outline:
    b = _Builder()
    for p in paras:
        b.paragraph(p)
    return Outline(b.root, b.articles, b.gaps)
