"""Structured blocks stated in the text: levels, bodies (leader / deputies / members), posts and deadlines.

Nothing is invented: each value comes with the sentence it was taken from, and whatever the words
leave open is a review item.  People's names are never kept: where a post is followed by a name
('党委书记某某'), only the post stays; a bare name is left out and flagged.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..model.common import Limit
from ..model.plan import SectionKind
from .read import row_cells, unemphasise
from .text import quote, sentences


@dataclass(frozen=True)
class Review:
    where: int | None
    reason: str
    quote: str = ""


@dataclass(frozen=True)
class Person:
    """A person named in the source (beside a post, or in a contact table): for the roster draft only."""

    name: str
    post: str
    where: int
    quote: str
    phones: tuple[str, ...] = ()


@dataclass
class Found:
    """An extracted block (a mapping written as YAML) and the sentence it came from."""

    value: dict
    where: int
    quote: str


@dataclass
class Extraction:
    levels: list[Found] = field(default_factory=list)
    bodies: list[Found] = field(default_factory=list)
    posts: list[Found] = field(default_factory=list)
    deadlines: list[Found] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """A section's title and kind with its paragraphs, for extraction."""

    title: str | None
    kind: SectionKind
    where: int
    paras: tuple[tuple[str, int], ...]


# --------------------------------------------------------------------------- references

#: a title word, generic by construction: any one- or two-character word with 长 (局长, 处长, 站长, 馆长, 大队长, 董事长,
#: 秘书长; not 家长, 延长, 增长), and 书记, 主任, 经理, 委员, 干事, 科员, 主席, 负责人, 总监, 政委 (副 before any of them too)
_TITLE_WORD = r"(?:[\u4e00-\u9fff](?<![家延增成擅专生])长|书记|主任|经理|委员|干事|科员|秘书|主席|负责人|总监|政委|总裁|专员|[教指]导员)"
_POST_END = _TITLE_WORD
_ENDS_IN_POST = re.compile(rf"{_POST_END}$")
_NOT_NAME = re.compile(r"^(?:担任|兼任|助理|同志|等|牵头|负责|分管|主持|成员|为主|以上)")
#: 任 as a verb ('副主任任组长'), never the end of 主任 or of 担任/兼任/出任 ('中心主任担任组长' is not 中心主 + 任担)
_AS = r"(?<![主担兼出])任"
#: the first characters of the verbs that end a holder: no holder or name ends in one ('大队长担' of '大队长担任组长')
_VERB_START = "担兼"
_REF_END = set("师长记任员人部办室局委科所站队心位组导门会司处厅院校馆府党者级区村镇乡县市省团社书事干辑")


#: a party post and the head post of the same unit are one person, in either order ('局党组书记、局长', '党支部书记、董事长',
#: '校长、党支部书记'); so is a deputy secretary who heads the office ('党委副书记、院长', '局党组副书记、副局长').  A town's or
#: county's party secretary and its head (镇长, 县长) are two people.
_PARTY_POST = re.compile(r"(?<!副)(?:党组|党委|党工委|党支部|党总支|支部|总支)书记$")
#: the head post of a unit: any title in 长 (处长, 站长, 大队长, 院长, 董事长), 主任, 经理 (总经理), 主席, 政委, 总裁, 行长
_HEAD_POST = r"(?:[\u4e00-\u9fff]{1,2}(?<![家延增成擅专生组])长|主任|经理|主席|政委|总裁)"
_UNIT_HEAD = re.compile(rf"^[^副]{{0,2}}(?:委会)?{_HEAD_POST}$")     # '居委会主任', '村委会主任' too
#: the government head of a township, county, district or city is, by the dual-leadership rule, a person other than
#: the party secretary of the same level ('镇党委书记、镇长', '县委书记、县长' are two people, as the corpus keys have them);
#: only a deputy secretary heads the government ('党委副书记、镇长' is one person)
_GOV_HEAD = re.compile(r"(?:镇|乡|县|区|市|省|州|旗)长$")
_DEPUTY_HEAD_OF = re.compile(rf"^(?:副?{_HEAD_POST})$")
#: the head of a body of the whole unit, up to four characters ('工会主席', '团委书记' is a party post: no): held by a deputy
#: party secretary in the same slot ('党委副书记、工会主席' is one person; '党委副书记、办公室主任' two)
_HEAD_OF_BODY = re.compile(rf"^[\u4e00-\u9fff]{{1,2}}(?<![室科股处])(?:{_HEAD_POST})$")


def _is_unit_head(post: str) -> bool:
    """'处长', '大队长', '总经理', '院长': a unit's bare head (not 副处长, 办公室主任, 镇长)."""
    return len(post) <= (5 if "委会" in post else 4) and "副" not in post and _UNIT_HEAD.match(post) is not None and not _GOV_HEAD.search(post)


def _one_person(prev: str, q: str) -> bool:
    return bool((_PARTY_POST.search(prev) and _is_unit_head(q))
                # '院长、党委书记', '公司总经理、党委副书记': the head of the unit holds its party (deputy) secretary's post
                or (_is_unit_head(re.sub(r"^[\u4e00-\u9fff]{1,4}?(?=总)", "", prev))
                    and (_PARTY_POST.search(q) or re.fullmatch(r"(?:党组|党委|党工委|党总支|党支部)副书记", q)))
                or (prev.endswith("副书记") and (_DEPUTY_HEAD_OF.match(q) or _is_unit_head(q) or _HEAD_OF_BODY.match(q)))
                # '县委常委、宣传部部长', '党组成员、副局长', '村党支部委员、村务监督委员会主任': a rank held with the post that follows
                or (re.search(r"(?:常委|党组成员|(?:党委|党工委|党支部|党总支|支部|总支)(?:委员|成员))$", prev)
                    and not q.endswith("委员"))
                # '党委委员、宣传委员': a committee member and his portfolio on that committee (not '纪委委员')
                or ("的" not in prev and bool(re.search(r"党[委组工]委?(?:委员|成员)$", prev)) and bool(re.fullmatch(r"(?![纪党])[\u4e00-\u9fff]{2}委员", q))))


#: where an entry's holders were cut by '；' ('副总指挥：总经理；党委副书记、工会主席'): two people whatever their posts
_ORG_HOLDER_BREAK = "\u2063"


def _join_concurrent(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        q = p.strip()
        if q.startswith(_ORG_HOLDER_BREAK):
            out.append(q.lstrip(_ORG_HOLDER_BREAK))
            continue
        if out and "、" not in out[-1] and _one_person(out[-1], q):
            out[-1] = f"{out[-1]}、{q}"
        else:
            out.append(p)
    return out


def _split_and(parts: list[str]) -> list[str]:
    """'街道办事处主任和分管宣传的党工委委员': two posts joined by 和/与 (not '分管宣传和统战的副书记')."""
    out: list[str] = []
    for p in parts:
        bits = re.split(r"(?<=[\u4e00-\u9fff])(?:和|与)(?=[\u4e00-\u9fff])", p)
        if len(bits) > 1 and all(len(x.strip()) >= 2 and _is_title(x.strip()) for x in bits):
            out.extend(bits)
        else:
            out.append(p)
    return out


#: common single-character surnames: a bare two- or three-character holder is a person's name only when it starts
#: with one ('孙立平'), not an occupation ('教师', '护士', '专人')
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
                "戴莫孔汤施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞柳甘祝舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁"
                "冉骆蓝游辛靳柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆卓缪麦褚娄窦戚岑晏席瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇"
                "桑郎甄丛仲虞敖巩佘池迟邝温")


def _names_inside(t: str, where: int, src: str, review: list[Review], people: list[Person] | None) -> str:
    """'局长周立新同志', '组长何志远（纪检组长）': a person's name inside a holder goes to the roster draft, the post stays."""
    def post_name(m: re.Match) -> str:
        if not _is_name(m.group(2)) or _NOT_NAME.match(m.group(2)):
            return m.group(0)
        review.append(Review(where, f"原文在职务后写了姓名，只保留了职务“{m.group(1)}”；人员请在通讯录中按职务对应", quote(src)))
        if people is not None:
            people.append(Person(m.group(2), m.group(1), where, quote(src)))
        return m.group(1)
    return re.sub(rf"((?:副)?{_POST_END})([\u4e00-\u9fff]{{2,3}}?)(?:同志)?(?=[、，,和与及（(]|$)", post_name, t)   # '副主任任小雨': 副主任


#: a person's name: a common surname and one or two characters, spaces allowed inside a two-character one ('赵 明')
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "司徒", "长孙",
                      "宇文", "轩辕", "端木", "西门", "南宫", "独孤", "申屠")
#: words that open a title, not a name, though they start with a surname character ('常务副局长', '高级工程师')
_TITLE_OPENERS = re.compile(r"^(?:常务|执行|第一|分管|专职|兼职|高级|首席|主管|代理|名誉|副|总|驻|原|各|全|本|该|相关|主要)")
#: a person's name: a common surname (or a two-character one) and one or two characters; a space of any kind may stand
#: inside a two-character name ('赵 明')
_PERSON = ("(?:" + "|".join(_COMPOUND_SURNAMES) + "|[" + "".join(sorted(_SURNAMES)) + r"])"
           r"(?:[\u4e00-\u9fff]{1,2}?|\s{1,2}[\u4e00-\u9fff])")
#: a person's name beside a title, in every way offices write it (the title may be several posts of one person)
_NAME_BESIDE = [re.compile(rf"^(?P<name>{_PERSON})(?:同志)?\s*[（(](?P<title>[^）)]{{2,30}})[）)]$"),       # 王建平（校长、党支部书记）, 钱立同志（队长）
                re.compile(rf"^(?P<name>{_PERSON})\s+(?P<title>\S{{2,30}})$"),                   # 赵 明 分管办公室副局长
                re.compile(rf"^(?P<title>\S{{0,30}}?{_TITLE_WORD})\s*(?P<name>{_PERSON})(?:同志)?$"),  # 中心主任　蒋慧敏, 副处长刘海涛
                # 田静副所长, 孟庆林馆长: glued before a bare title, a name of three characters only ('纪检组长', '工会主席')
                re.compile(rf"^(?P<name>{_PERSON})(?P<title>副{_TITLE_WORD})$"),
                re.compile(rf"^(?P<name>{_PERSON})(?<=^\S{{3}})(?P<title>{_TITLE_WORD})$"),
                re.compile(rf"^(?P<name>{_PERSON})(?:同志)?$")]                                    # 宋涛同志, 孙立平


def _is_name(name: str) -> bool:
    return (re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) is not None
            and (name[0] in _SURNAMES and len(name) <= 3 or name[:2] in _COMPOUND_SURNAMES)
            and not _TITLE_OPENERS.match(name)
            and name[-1] not in _REF_END and name[-1] not in _VERB_START
            and not _ENDS_IN_POST.search(name) and not _NOT_NAME.match(name[1:]))


def _overlaps_title(left: str, right: str) -> bool:
    """Whether a title word runs across the boundary of ``left`` and ``right`` ('中心主' | '任担': 主任)."""
    joint = left[-3:] + right[:3]
    cut = len(left[-3:])
    return any(m.start() < cut < m.end() for m in re.finditer(_TITLE_WORD, joint))


def _is_title(title: str) -> bool:
    return title[-1] in _REF_END or _ENDS_IN_POST.search(title) is not None


def split_name(text: str) -> tuple[str | None, str]:
    """(a person's name or None, the title) of a holder as written: the title is the holder, the name goes to the
    roster draft.  The one place a name is told from its title ('王建平（校长、党支部书记）', '马国强（安全服务部经理）',
    '赵 明 分管办公室副局长', '局长周立新同志', '宋涛同志'); an occupation ('教师', '护士') is no name."""
    t = text.strip()
    for pat in _NAME_BESIDE:
        m = pat.match(t)
        if not m:
            continue
        name = re.sub(r"\s", "", m.group("name"))
        title = (m.groupdict().get("title") or "").strip()
        written = m.group("name")
        beside = None if not title else (title, written) if m.start("title") < m.start("name") else (written, title)
        if _is_name(name) and (not title or _is_title(title)) and not (beside and _overlaps_title(*beside)):
            return name, title
    return None, t


def _take_name(t: str, where: int, src: str, review: list[Review], people: list[Person] | None) -> str:
    """The title of ``t``; a name beside it goes to the roster draft (and the review list)."""
    name, title = split_name(t)
    if name is None:
        return t
    if title:
        review.append(Review(where, f"原文在职务旁写了姓名，预案中只写职务“{title}”，姓名写入通讯录草稿", quote(src)))
    else:
        review.append(Review(where, "导入认为这里是人名，没有写入预案（写入了通讯录草稿）；请改写为职务或通讯录中的人员标识", quote(src)))
    if people is not None and not any(p.name == name and p.where == where for p in people):
        people.append(Person(name, title, where, quote(src)))
    return title


def _spaced_titles(part: str) -> list[str]:
    """'党支部书记　保教主任': titles set apart by spaces only are as many holders (a name between them was taken out
    before; '赵 明 分管办公室副局长' is one)."""
    bits = part.split()
    if len(bits) > 1 and all(len(b) >= 2 and _is_title(b) and split_name(b)[0] is None for b in bits):
        return bits
    return [part]


def refs(text: str, where: int, src: str, review: list[Review], split: bool = True,
         people: list[Person] | None = None, joint: bool = False) -> list[str]:
    """References (posts, bodies, units) from a phrase such as '镇长、党委副书记'; names removed (and, with
    ``people``, kept there for the roster draft).  ``joint``: each part is one person ('党委书记、院长为双组长')."""
    t = text.strip(" ，,。；;：:")
    t = re.sub(r"^(?:由|是|为|请)", "", t)
    t = re.sub(r"(?:同志)?(?:担任|兼任|负责)$", "", t).strip(" ，,")
    t = re.sub(r"(?:轮流|轮值|共同|分别|统一)$", "", _names_inside(t, where, src, review, people)).strip(" ，,")
    t = _take_name(t, where, src, review, people)
    parts = [t] if not split or "等" in t else re.split(r"[、，,]|以及|及(?![时早])", t)
    parts = [(_ORG_HOLDER_BREAK if p.strip().startswith(_ORG_HOLDER_BREAK) else "")
             + _take_name(re.sub(r"^(?:和|与|及)", "", p.strip(" ，,。；;" + _ORG_HOLDER_BREAK)), where, src, review, people)
             for p in parts]
    parts = _split_and(parts) if joint else _join_concurrent(_split_and(parts))
    parts = [x for p in parts for x in _spaced_titles(p)]     # after joining: a space never joins two posts
    out: list[str] = []
    for part in parts:
        p = re.sub(r"同志$", "", part.strip(" ，,。；;" + _ORG_HOLDER_BREAK))
        if len(p) < 2 or p[-1] in _VERB_START:
            continue    # never a holder: one character, or a verb's first character left at the end ('担' of '担任')
        if p not in out:
            out.append(p)
    return out


# --------------------------------------------------------------------------- tables

Row = tuple[list[str], int, str]      # cells, source position, the row as written


def tables(paras) -> list[list[Row]]:
    """The tables among a section's paragraphs (rows written '| a | b |'): consecutive rows, a new table where the
    number of columns changes (two Markdown tables with only a blank line between them)."""
    out: list[list[Row]] = []
    rows: list[Row] = []
    for text, where in paras:
        cells = row_cells(text)
        if cells is None or (rows and len(cells) != len(rows[0][0])):
            if rows:
                out.append(rows)
            rows = []
        if cells is not None:
            rows.append((cells, where, text))
    if rows:
        out.append(rows)
    return out


# --------------------------------------------------------------------------- levels
#
# One structural reader.  A level block is a run of sibling units (the paragraphs, list items or lines of one section,
# the sections under one heading, the rows of one table) each of which OPENS with a member of one family of level words
# (severity words, grade numerals, colours, or the words the plan announces itself: '分为一般关注、重点关注、特别关注三档'),
# with at least two distinct members.  What separates the opening from the rest does not matter.  A unit that only
# mentions levels ('Ⅰ级、Ⅱ级舆情须…', '较大以上舆情…', '一般舆情由…处置') opens with no member; one member alone is no block.

#: an item's number before what it names: '1、', '（一）', '(1)', '2.' (or none)
_ITEM_NO = r"(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]\s*)?"
#: a list item's mark ('- 三级：…', '● 一般舆情：…') before what it names
_MARK = r"(?:[-*•·\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]\ufe0f?\s*)?"    # any glyph or emoji

_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "I": "I", "II": "II", "III": "III", "IV": "IV",
          "一": "I", "二": "II", "三": "III", "四": "IV", "1": "I", "2": "II", "3": "III", "4": "IV",
          "A": "I", "B": "II", "C": "III", "D": "IV"}
_COLOURS = {"红": "red", "橙": "orange", "黄": "yellow", "蓝": "blue"}
_LEAD = re.compile(r"由([^，,。；;]{2,30}?)(?:(?:共同|统一|具体|直接)?(?:负责(?![人同])|联系|牵头|指挥|会同|组织|开展|处置)|(?:共同|统一)?领导(?=[，,。；;]|$)|在)")
_SEVERITY = ("特别重大", "重大", "较大", "一般")
_SEV = "|".join(_SEVERITY)
_NUMERAL = r"(?:Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|III|II|I|[一二三四])"
_LEVEL_LIST = re.compile(rf"分为(?:(?:{_SEV}|[红橙黄蓝]色)[、和及与]?){{2,}}[^，,。；;]{{0,4}}?(?:级|等级|个等级|类)")
_BULLET = re.compile(r"^(?:[●○·•▪■◆◇★☆\-—*]+|[（(]\d{1,2}[）)]|\d{1,2}[、.．](?!\d))\s*")
_COLOUR_ORDER = {"红": "Ⅰ", "橙": "Ⅱ", "黄": "Ⅲ", "蓝": "Ⅳ"}
#: a level's name on a line of its own, its criteria in the next paragraph(s) ('一类舆情', '红色预警（一级）',
#: 'Ⅱ级（较大）', '一般舆情'): an entry of the list of levels, not a section (used when building the section tree)
LEVEL_TITLE = re.compile("^" + _MARK + _ITEM_NO + rf"(?:{_NUMERAL}(?:级|类)|(?:{_SEV})|[红橙黄蓝]色)(?:网络|声誉)?(?:舆情|事件|预警)?"
                         r"(?:\s*[（(][^）)]{1,10}[）)])?[：:]?$")
#: '出现下列情况之一：' before a level's criteria: an introduction, not a criterion
_INTRO_PREFIX = re.compile(r"^[^。：:]{0,16}(?:下列|以下|如下)[^。：:]{0,12}(?:之一|情形|情况|条件)[^。：:]{0,8}[：:]\s*")
#: a grading section's own list of levels by any name ('分为轻度、中度、重度三类：', '分为低度、高度两档')
_WORD_ENUM = re.compile(r"分为(?P<items>[\u4e00-\u9fffA-Z]{1,5}?(?:[、和及与][\u4e00-\u9fffA-Z]{1,5}?){1,4}?)"
                        r"[两二三四五六七\d]个?(?:类|级|档|等级|种)")
#: '…分为两档：' then the levels one to a numbered item
_LIST_INTRO = re.compile(r"分为[^，,。；;：:、]{0,6}?(?:级|档|类|等级|级别)[：:]$")     # not '分为以下步骤：'


def introduces_levels(text: str, name: str) -> bool:
    """Whether a grading section's ``text`` lists its levels by names of their own, ``name`` among them, or
    introduces them as a list ('分为轻度、中度、重度三类：', '分为两档：')."""
    wm = _WORD_ENUM.search(text)
    return bool(_LIST_INTRO.search(text.rstrip()) or (wm and name in re.split(r"[、和及与]", wm.group("items"))))


#: the verbs that class a case as a level: '…的，为/属于/定为/列为/认定为/界定为/划为/归为 Ⅰ级舆情'
_CLASSED = r"(?:即为|定为|列为|确定为|认定为|界定为|划定为|划为|归为|归入|视为|属于|属|为)"
#: a level as a classing verb names it: a grade, a severity, a colour, with its grade in brackets and its noun
#: ('三级舆情事件', '蓝色等级', '重大（Ⅱ级）舆情')
_CLASS_LEVEL = (r"(?P<l>(?:(?:第)?(?:IV|III|II|I|Ⅳ|Ⅲ|Ⅱ|Ⅰ|[一二三四1-4A-D])(?:级|类|档)|特别重大|重大|较大|一般|较小|特别严重"
                r"|严重|轻微|特别敏感|较敏感|敏感|[高中低]风险|[红橙黄蓝]色)(?:[（(][^（()）]{1,12}[）)])?"
                r"(?:网络|声誉)?(?:舆情|事件|预警)?(?:事件)?(?:等级|级别)?)")
#: a level named after its case: '…被省级媒体报道的，为重大舆情。' (the case is its criteria, the sentence ends there),
#: or after an introduction of the list that follows ('符合下列情形之一的，定为一级舆情事件：（一）…')
_CLASSED_AFTER = re.compile(rf"^(?P<crit>[^。；;]{{4,}}?)的[，,]\s*{_CLASSED}{_CLASS_LEVEL}(?:(?P<end>[。；;]?$)|[：:]\s*)")
_INTRO_CASE = re.compile(r"(?:下列|以下|如下)[^。：:]{0,12}(?:之一|情形|情况|条件)")
#: the same introduction with no '的' ('出现下列情形之一，即为一级舆情：', '下列情形属于重大舆情：')
_CLASSED_INTRO = re.compile(r"^(?P<crit>[^。；;：:]{0,30}?(?:下列|以下|如下)[^。；;：:]{0,12}?(?:之一|情形|情况|条件)[^。；;：:]{0,6}?)"
                            rf"[，,]?\s*(?:即|可|应|均)?{_CLASSED}{_CLASS_LEVEL}[：:]\s*")


@functools.lru_cache(maxsize=64)
def _levels_classing(own: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """_CLASSED_AFTER and _CLASSED_INTRO knowing the words a section announced too ('…的，为普通舆情。')."""
    if not own:
        return _CLASSED_AFTER, _CLASSED_INTRO
    words = "|".join(sorted(map(re.escape, own), key=len, reverse=True))
    return (re.compile(_CLASSED_AFTER.pattern.replace("(?P<l>(?:", f"(?P<l>(?:{words}|", 1)),
            re.compile(_CLASSED_INTRO.pattern.replace("(?P<l>(?:", f"(?P<l>(?:{words}|", 1)))


def _classed(paras: tuple[tuple[str, int], ...], own: tuple[str, ...] = ()) -> list[tuple[str, int, str]]:
    """(text, line, as written): a paragraph introducing the list after it ('符合下列情形之一的，定为一级舆情事件：（一）…')
    becomes 'level：（一）…'.  ``own``: the words the section announced, levels too.  (A level named after its case,
    '…的，为重大舆情。', is read among its siblings by _levels_placed.)"""
    out: list[tuple[str, int, str]] = []
    after, intro = _levels_classing(own)
    for text, where in paras:
        m = after.match(text.strip()) or intro.match(text.strip())
        if m and m.groupdict().get("end") is None:
            if _INTRO_CASE.search(m.group("crit")):
                level = re.sub(r"(?:(?:网络|声誉)?(?:舆情|事件))+$", "", m.group("l"))
                out.append((f"{level}：{text.strip()[m.end():]}", where, text))
            else:
                out.append((text, where, text))
            continue
        out.append((text, where, text))
    return out


#: a sentence announcing the levels: '分为一般、较大、重大三个等级', '分为特别敏感、较敏感、一般三类：', '分三类：',
#: '分为三级：重大（Ⅰ级）、较大（Ⅱ级）、一般（Ⅲ级）'
_ANNOUNCE = re.compile(r"(?:依次为|分为|分成|划为|分)(?P<items>[^，,。；;：:]{0,40}?)(?:以下)?[两二三四五六七\d]?个?"
                       r"(?:类别|类型|类|级别|级|档次|档|等级|等次|层级|层次|种情形|种类型|种)"
                       r"(?:[：:]\s*(?P<after>[^。；;：:]{2,80}))?(?=[。：:；;，,（(\s]|$)")


def _announced(b: Block) -> dict[str, str | None] | None:
    """The level words a block announces with the numeral each is given, if any: '高、中、低三个等级' -> 高, 中, 低;
    '重大（Ⅰ级）、较大（Ⅱ级）' -> 重大: Ⅰ, 较大: Ⅱ."""
    for text, _ in b.paras:
        m = _ANNOUNCE.search(text)
        if not m:
            continue
        words: dict[str, str | None] = {}
        for x in re.split(r"[、，,]|以及|和|及|与", re.sub(r"^以下", "", m.group("items") or m.group("after") or "")):
            word = re.sub(r"[（(][^）)]*[）)]|(?:网络)?(?:舆情|事件)$|风险$|(?<=.)(?:等级|级|类|档)$", "", x.strip())
            num = re.search(rf"[（(]({_NUMERAL})(?:级|类)[）)]", x)
            if word:
                words[word] = num.group(1) if num else None
        return words if len(words) >= 2 and all(len(x) <= 6 for x in words) else None
    return None


# ---- the members of a family

#: a grade: 'Ⅰ级', '一类', '1级', 'A类', '第一档', or a Roman numeral as the item's own number ('Ⅲ、…')
_GRADE = r"(?P<g>(?:第)?(?P<n>IV|III|II|I|Ⅳ|Ⅲ|Ⅱ|Ⅰ|[一二三四1-4A-D])(?P<k>级|类|档|等))|(?P<rn>Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|III|II|I)(?=\s*[、.．:：])"
#: a severity (or risk, or sensitivity) word
_SEVERE = r"(?P<s>特别重大|重大|较大|一般|较小|特别严重|严重|轻微|特别敏感|较敏感|敏感|[高中低]风险)"
_COLOUR = r"(?P<c>[红橙黄蓝])色"
#: what a level word may carry: '舆情', '网络舆情', '涉警舆情', '预警', '等级'
_SUFFIX = r"(?P<x>(?:(?<![级档类])[级档类](?=(?:网络|声誉)?(?:舆情|事件)))?(?:网络|声誉|涉[\u4e00-\u9fff]{1,3}?(?=舆情|事件))?(?:舆情|事件|预警|风险)?(?:事件)?(?:等级|级别|级|类|档)?)"
_BRACKET = r"(?:\s*[（(](?P<p>[^（()）]{1,12})[）)](?:网络)?(?:舆情|事件|预警)?)?"      # '特别重大（Ⅰ级）舆情：…', '红色（Ⅰ级）预警'
#: how the rest may follow: any punctuation, a space, '是指/指/包括/为', or nothing after a level's noun
_AFTER = (r"(?P<sep>\s*(?:[：:，,。.．；;、—–\-－~～｜丨]+\s*(?:(?:主要)?(?:是指|系指|指(?![挥导定出示])|包括|表现为)[：:]?)?"
          r"|\s*(?:主要)?(?:是指|系指|指(?![挥导定出示])|包括|表现为)[：:]?|\s*为(?=[^，,。；;]{0,12}?(?:舆情|事件|级|类))"
          r"|(?P<label>\s*的?(?:判定|认定|划分|界定|分级|判断|识别|研判|定级)?(?:标准|条件|情形|特征)\s*(?:(?:是|为)?[：:]|是|为))"
          r"|(?P<loose>\s*(?:主要|一般|通常|大多|多数|大都|往往|基本|多|常)(?:是指|指(?![挥导定出示])|是|为|表现为|包括)?"
          r"(?=[\u4e00-\u9fff])|\s*是(?![否由])(?=[\u4e00-\u9fff]))"
          r"|\s+|$))")
#: a unit that names a level and another one at its opening, or a range: it speaks about levels
_MENTION = re.compile(r"^\s*(?:[、和与及或/]|以上|以下|及以上|及以下|至)")
#: after a level's noun with nothing between: a clause about handling it, not its definition
_NOT_DEFINED = re.compile(r"^(?:由|须|必须|应|要|需|按|同时|可|以上|以下|及|和|与|或|的|时|后|报|启动|响应|处置|上报|实行|执行|发生|出现后)")


#: a unit opening with a level word, whatever follows (a level, or a sentence about levels)
_LEVEL_WORD_AT = re.compile(rf"(?:{_GRADE}|{_COLOUR}|{_SEVERE})")


@dataclass(frozen=True)
class _Member:
    family: str
    key: str
    word: str              # the level word as written ('重大舆情', '第一类', 'Ⅰ级')
    paren: str
    num: str | None        # the grade numeral it holds or is given ('Ⅰ', '一', '1', 'A')
    colour: str | None
    rest: str              # what follows the opening
    loose: bool = False    # described with no separator ('蓝色舆情多见于…', 'Ⅲ级主要是…'): a level only among siblings


def _words_pattern(words: dict[str, str | None] | None) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True)) if words else r"(?!)"


def _strip_unit(text: str) -> str:
    """A unit's text without its item number, list mark or Markdown emphasis."""
    t = unemphasise(text).strip().replace("**", "")
    return re.sub(r"^(?:[▍▌]\s*)?" + _MARK + r"(?:第[一二三四五六七八九十百零\d]{1,4}条\s*)?" + _ITEM_NO
                  + r"(?:[一二三四五六七八九十]是|其[一二三四五六七八九十](?=[，,：:]))?[，,：:]?", "", t).strip()


def _member(text: str, words: dict[str, str | None] | None, review: list[Review] | None = None,
            where: int | None = None) -> _Member | None:
    """The level a unit opens with, of which family, and what follows it (None: the unit opens with no level)."""
    t = _strip_unit(text)
    std = re.match(rf"(?:(?P<d>(?!))|{_GRADE}|{_COLOUR}|{_SEVERE}){_SUFFIX}", t)
    own = re.match(rf"(?P<d>{_words_pattern(words)}){_SUFFIX}", t) if words else None
    if own and std and len(own.group("d")) > std.end() - len(std.group("x") or ""):
        std = None      # the plan's own word holds a known one ('敏感类' announced, not 敏感)
    if std:
        mb = _opening(std, t, text, words, review, where)
        if mb is not None or not words:
            return mb
    return _opening(own, t, text, words, review, where) if own else None     # a word the plan announced ('一般关注')


def _opening(m: re.Match, t: str, text: str, words: dict[str, str | None] | None, review: list[Review] | None,
             where: int | None) -> _Member | None:
    after = t[m.end():]
    numbering = bool(m.groupdict().get("rn"))      # 'Ⅲ、一般网络舆情：…': the numeral is the item's number
    if not numbering and _MENTION.match(after) and (not after.lstrip().startswith(("、", "和", "与", "及", "或", "/"))
                                                    or _LEVEL_WORD_AT.match(re.sub(r"^\s*[、和与及或/]\s*", "", after))):
        if review is not None:
            review.append(Review(where, "这句话提到了级别，导入认为它不是级别的定义，没有写入 levels，请核对", quote(text)))
        return None
    b = re.match(_BRACKET + _AFTER, after)
    if b and b.group("label") and not (m.group("x") or b.group("p") or m.groupdict().get("g")):
        return None     # '一般情形下，…' is no level; '一级舆情判定标准：…', '一级的认定条件是…' label its criteria
    if not b or (b.group("sep") == "" and after[b.end():] and (not m.group("x") and not b.group("p")
                                                              or _NOT_DEFINED.match(after[b.end():]))):
        return None
    paren = b.group("p") or ""
    if m.group("d") or (words and (m.group("c") or m.group("s") or "") + ("色" if m.group("c") else "") in words):
        word = m.group("d") or (m.group("c") + "色" if m.group("c") else m.group("s"))     # a word the plan announced
        family, key, num = "own", word, (words or {}).get(word)
    elif m.group("g") or m.group("rn"):
        n = m.group("n") or m.group("rn")
        family, key, num = "grade", _ROMAN[n], n
        word = m.group("g") or n
    elif m.group("c"):
        family, key, num = "colour", m.group("c"), (words or {}).get(m.group("c") + "色")
        word = m.group("c") + "色"
    else:
        family, key, num = "severity", m.group("s"), (words or {}).get(m.group("s"))
        word = m.group("s")
    pnum = re.search(rf"({_NUMERAL}|[1-4A-D])(?=级|类)", paren)
    if num is None and pnum:
        num = pnum.group(1)
    colour = _COLOURS.get(m.groupdict().get("c") or "") or next((c for ch, c in _COLOURS.items() if ch + "色" in paren), None)
    return _Member(family, key, word + (m.group("x") or ""), paren, num, colour, after[b.end():], b.group("loose") is not None)


def _level_name(mb: _Member) -> tuple[str, str]:
    """(name, rest): the level word as written with its bracketed grade ('Ⅰ级（重大）', '第一类', 'Ⅲ级（一般舆情）',
    '红色' for '红色预警（一级）'); a grade followed by a short descriptor takes it ('Ⅰ级：特别重大舆情。…')."""
    rest = mb.rest
    if mb.family == "grade":
        word = re.sub(r"(?:(?:网络|声誉)?(?:舆情|事件|预警|风险))+$", "", mb.word)
        d = re.match(r"^([^：:。；;，,]{2,12})[：:。]\s*", rest)
        if d and re.fullmatch(rf"{_SEVERE}{_SUFFIX}", d.group(1).strip()) \
                and (not mb.paren or re.fullmatch(r"[红橙黄蓝]色(?:预警)?", mb.paren)):     # 'Ⅰ级（红色）：特别重大舆情。…'
            return f"{word}（{d.group(1).strip()}）", rest[d.end():]
        if mb.paren:
            return f"{word}（{mb.paren}）", rest
        return word, rest
    if mb.colour and mb.word.endswith("预警"):
        return mb.word.removesuffix("预警"), rest      # '红色预警（一级）' is the level 红色
    base = re.sub(r"(?<=..)(?:等级|级别|档)$", "", mb.word)
    return (f"{mb.num}级（{base}）" if mb.num else base), rest


def _read_member(mb: _Member, more: list[str], where: int, text: str, out: Extraction) -> None:
    name, rest = _level_name(mb)
    colour = mb.colour
    lid = _ROMAN.get(mb.num) if mb.num else None
    is_colour = mb.colour is not None and mb.word.startswith(mb.key) and mb.key[0] in _COLOUR_ORDER
    d = re.match(rf"^(?:{_SEV})(?:网络)?(?:舆情|事件)?", rest) if is_colour else None
    if d and re.search(r"为\s*$", text[:len(text) - len(rest)]):     # '红色为重大舆情，…' names 重大舆情 coloured red
        name, rest = d.group(0), rest[d.end():].lstrip("，,：: ")
    elif is_colour and not lid:
        num = _COLOUR_ORDER[mb.key[0]]
        lid = _ROMAN[num]
        out.review.append(Review(where, f"级别只写了颜色，导入按红、橙、黄、蓝的惯例推断为{num}级，请核对", quote(text)))
    _add_level(lid, name, colour, _join([rest, *more]), where, text, out)


def _mark_kind(text: str) -> str:
    m = re.match(r"^\s*(?:(?P<dash>[-*•●·▪◆◇■□▶►★☆—▍▌])|(?P<paren>[（(]\d{1,2}[）)])|(?P<digit>\d{1,2}[、.．](?!\d))"
                 r"|(?P<cn>[（(][一二三四五六七八九十]{1,2}[）)])|(?P<cnd>[一二三四五六七八九十]{1,2}、))", text)
    return (m.lastgroup or "") if m else ""


def _units(paras: list[tuple[str, int]], words) -> list[tuple[str, int, int]]:
    """A section's units: (text, source line, paragraph index); a paragraph with two or more sentences each opening
    with a distinct level gives its sentences ('分为三级。一般舆情：…；较大舆情：…')."""
    out: list[tuple[str, int, int]] = []
    for k, (text, where) in enumerate(paras):
        parts = []
        for x in sentences(text):     # '…分为四个等级：蓝色为一般舆情，…；' holds the first level after its colon
            c = re.search(r"[：:]", x)
            if c and not _member(x, words) and _member(x[c.end():], words):
                parts.extend([x[:c.end()], x[c.end():]])
            else:
                parts.append(x)
        if len(parts) > 1 or len(_level_clauses(text, words, 1)) > 1:     # '…三个等级。其中，一级舆情是指…；二级…'
            parts = [c for x in parts for c in _level_clauses(x, words, 1)]
        keys = {mb.key for x in parts if (mb := _member(x, words))}
        if len(parts) > 1 and len(keys) >= 2 and any(_member(x, words) for x in parts[1:]):
            out.extend((x, where, k) for x in parts)
        else:
            out.append((text, where, k))
    return out


#: how a clause defines the level it opens with: '是指/指/为/包括/表现为' or a colon ('提示级是指…', 'Ⅰ级为…')
_DEFINES = re.compile(r"指|为|包括|[：:]")


def _level_clauses(text: str, words, least: int = 2) -> list[str]:
    """A sentence cut before each clause that opens with a level and defines it, when two or more do ('…分为提示级、
    关注级、处置级三档，提示级是指…，关注级是指…'): each level with the clauses after it up to the next."""
    cuts = []
    for m in re.finditer(r"[，,；;]", text):
        t = text[m.end():]
        mb = _member(t, words)
        if mb is not None and (mb.loose or _DEFINES.search(_strip_unit(t)[:len(_strip_unit(t)) - len(mb.rest)])):
            cuts.append(m.end())
    if len(cuts) < least:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip().rstrip("，,") for a, b in zip(bounds, bounds[1:], strict=False)]


def _join(parts: list[str]) -> str:
    return "".join(x if not x or re.search(r"[。！？；;：:，,]$", x) or k == len(parts) - 1 else x + "。"
                   for k, x in enumerate(parts))


def _runs(units: list[tuple[str, int, int]], words, out: Extraction, single: bool = False) -> set[int]:
    """Read every level block among a section's units; returns the indices of the paragraphs read.  A level alone on
    its line ('Ⅰ级') takes the lines up to the next level (a table written one cell a line: the last level takes as
    many lines as the first did).  ``single``: in a section about levels one level alone is read too."""
    used: set[int] = set()
    i = 0
    while i < len(units):
        text, where, k = units[i]
        first = _member(text, words, out.review, where) if row_cells(text) is None else None
        if first is None:
            i += 1
            continue
        entries: list[tuple[_Member, list[str], int, str, set[int]]] = [(first, [], where, text, {k})]
        keys = {first.key}
        j = i + 1
        own_mark = _mark_kind(text)
        alone = not first.rest.strip()
        width: int | None = None      # the lines a level alone on its line took
        while j < len(units):
            t, w, kj = units[j]
            if row_cells(t) is not None:
                break
            mb = _member(t, words)
            if mb is not None and mb.family == first.family:
                if mb.key in keys:
                    break
                if width is None and alone:
                    width = len(entries[-1][1])
                entries.append((mb, [], w, t, {kj}))
                keys.add(mb.key)
                own_mark = _mark_kind(t)
                j += 1
                continue
            cur, more, _, ctext, paras_of = entries[-1]
            last = (more[-1] if more else cur.rest).strip()
            same_para = kj in paras_of and kj == units[j - 1][2]
            needs = not last or bool(re.search(r"[：:]$", last))
            sub = _mark_kind(t) and _mark_kind(t) != own_mark
            lines = alone and not cur.rest.strip() and (width is None or len(more) < width)
            speaks = _LEVEL_WORD_AT.match(_strip_unit(t)) and not sub and not same_para
            if mb is None and not speaks and (same_para or needs or sub or lines):
                line = _BULLET.sub("", _strip_unit(t) if not same_para else t.strip())
                if not last:        # '1.一般舆情' then '指个别网民发帖。'
                    line = re.sub(r"^(?:主要)?(?:是指|系指|指(?![挥导定出示]))[：:]?", "", line)
                more.append(line)
                paras_of.add(kj)
                j += 1
                continue
            break
        if len(keys) >= 2 or (single and not used and not first.loose and (not words or first.family in ("own", "grade"))):
            for mb, more, w, t, paras_of in entries:
                _read_member(mb, more, w, t, out)
                used |= paras_of
            i = j
        else:
            i += 1
    return used


#: a level word standing inside a unit, not at its opening ('…，属Ⅱ级', '列为一级的情形有：'); not a level higher or lower
#: than another ('按高一级对待') nor one of a range ('一级、二级')
_LEVELS_INSIDE = rf"(?<![高低上下本同、和与及至])(?<!分为)(?<!分成)(?:{{own}}|{_GRADE}|{_COLOUR}|{_SEVERE}){_SUFFIX}(?![、和与及至])"
#: what a short head before a colon holding a level is about when it is no level's criteria: handling, timing, steps
_LEVELS_NOT_HEAD = re.compile(r"响应|措施|时限|时间|要求|流程|程序|步骤|职责|报告|报送|处置|回应|发布|启动|以上|以下|权限")


def _levels_place(text: str, inside: re.Pattern, words) -> tuple[str, _Member] | None:
    """One unit naming its level after its criteria or in a short head, as 'level：criteria' with its member."""
    unit = _strip_unit(text)
    prefix = text.strip()[:len(text.strip()) - len(unit)] if text.strip().endswith(unit) else ""
    body = re.sub(r"[。；;]$", "", unit)
    new = None
    for least, tail in enumerate((re.match(r"^(?P<crit>.{4,}?)\s*[（(](?P<clause>[^（()）]{1,12})[）)]$", body),     # '…，影响较小（一般舆情）'
                 re.match(r"^(?P<crit>.{4,}?)[，,]\s*(?P<clause>[^，,。；;：:]{1,14})$", body),          # '…的，按一级舆情处置'
                 re.match(r"^(?P<crit>.{4,}?的)(?P<clause>[^，,。；;：:的]{2,12})$", body))):            # '…的为一级'
        m = inside.search(tail.group("clause")) if tail else None
        if m and least // 2 <= m.start() <= 5 and re.fullmatch(r"[\u4e00-\u9fff]{0,4}", tail.group("clause")[m.end():]):
            new = f"{prefix}{m.group(0)}：{re.sub(r'的$', '', tail.group('crit')).rstrip('，, ')}"
            break
    head = re.match(r"^(?P<head>[^。；;：:]{2,30}?)[：:]\s*(?P<rest>.*)$", unit)
    if new is None and head and not _LEVELS_NOT_HEAD.search(head.group("head")) \
            and len(ms := list(inside.finditer(head.group("head")))) == 1 and 0 < ms[0].start() <= 16 \
            and len(head.group("head")) - ms[0].end() <= 6:
        new = f"{prefix}{ms[0].group(0)}：{head.group('rest')}"
    mb = _member(new, words) if new is not None else None
    return (new, mb) if mb is not None else None


def _levels_placed(paras: list[tuple[str, int]], words) -> dict[int, str]:
    """Units naming their level after its criteria or in a short head, rewritten 'level：criteria' by index: a short
    closing clause ('…的，按一级舆情处置', '…，属Ⅱ级。', '…的为一级', '…，影响较小（一般舆情）') or a short head before a
    colon ('属于Ⅰ级的情形包括：…', '具有下列情形之一，列入Ⅰ级：' then a list); the units are paragraphs or list items,
    or the sentences of one paragraph split by '；' or '。' when two or more of them are.  Only among siblings: two or
    more distinct levels of one family, counting units that open with a level; a level named twice is left as written."""
    inside = re.compile(_LEVELS_INSIDE.replace("{own}", _words_pattern(words)))
    found: dict[int, list[tuple[str, _Member]]] = {}
    opening: dict[str, set[str]] = {}
    for k, (text, _) in enumerate(paras):
        mb = _member(text, words) or _member(_classed(((text, 0),), tuple(words or ()))[0][0], words)
        if mb is not None:      # opening with a level, or introducing its list ('符合下列条件之一的，定为一级：')
            opening.setdefault(mb.family, set()).add(mb.key)
            continue
        one = _levels_place(text, inside, words)
        ss = sentences(text)
        parts = [_levels_place(x, inside, words) for x in ss] if len(ss) > 1 else []
        if len([x for x in parts if x]) >= 2:
            found[k] = [x or (y, None) for x, y in zip(parts, ss, strict=True)]
        elif one is not None:
            found[k] = [one]
    placed = [mb for got in found.values() for _, mb in got if mb is not None]
    keys = [(mb.family, mb.key) for mb in placed]
    taken = {fam for fam in {f for f, _ in keys}
             if len({key for f, key in keys if f == fam and keys.count((f, key)) == 1} - opening.get(fam, set())
                    | opening.get(fam, set())) >= 2}

    def ok(mb: _Member | None) -> bool:
        return mb is not None and mb.family in taken and keys.count((mb.family, mb.key)) == 1 \
            and mb.key not in opening.get(mb.family, set())

    out: dict[int, str] = {}
    for k, got in found.items():
        if len(got) == 1 and ok(got[0][1]):
            out[k] = got[0][0]
        elif len(got) > 1 and sum(ok(mb) for _, mb in got) >= 2:
            out[k] = "".join(x if x.endswith(("。", "；", ";")) else x + "；"
                             for x in (new if ok(mb) else text for (new, mb), text in zip(got, sentences(paras[k][0]),
                                                                                            strict=True))).rstrip("；")
    return out


def _item_facts(text: str) -> dict:
    """Severity, colour and numeral named in a level's name ('特别重大（Ⅰ级）', '蓝色', 'Ⅱ级（橙色）')."""
    facts: dict = {}
    sev = re.search(_SEV, text)
    if sev:
        facts["sev"] = sev.group(0)
    col = re.search(r"[红橙黄蓝](?=色)", text)
    if col:
        facts["colour"] = col.group(0)
    num = re.search(rf"({_NUMERAL})(?:级|类)", text)
    if num:
        facts["num"] = num.group(1)
    return facts


def _same_level(a: str, b: str) -> bool:
    """'较大' (a table's row) and '较大舆情' (a response step's line later): one level named twice."""
    fa, fb = _item_facts(a), _item_facts(b)
    shared = [k for k in fa if k in fb]
    return bool(shared) and all(fa[k] == fb[k] for k in shared)


def _add_level(lid: str | None, name: str, colour: str | None, rest: str, where: int, text: str,
               out: Extraction, criteria: list[str] | None = None, lead: list[str] | None = None) -> None:
    criteria, actions, lead = list(criteria or []), [], list(lead or [])
    for s in sentences(_INTRO_PREFIX.sub("", rest.strip())):
        s = _BULLET.sub("", s)
        lm = _LEAD.search(s)
        cut = s.rfind("，", 0, lm.start()) if lm else -1
        if lm and cut > 0 and not re.search(r"[，,]", s[cut + 1:lm.start()]):     # '个别网民发帖，由科室处置。'
            criteria.append(s[:cut])
            s = s[cut + 1:]
        if lm:
            actions.append(s)
            lead.extend(refs(lm.group(1), where, s, out.review, split=False))
        else:
            criteria.append(s.rstrip("；;"))
    value: dict = {"id": lid or "", "name": name}
    if colour:
        value["colour"] = colour
    if criteria:
        value["criteria"] = criteria
    else:
        out.review.append(Review(where, f"导入找到了级别“{name}”，但没有找到它的判定标准（criteria 未填）", quote(text)))
    if lead:
        value["lead"] = lead
        out.review.append(Review(where, f"级别“{name}”的牵头者由导入按原文写入 lead，请核对是否对应预案中的机构或职务",
                                 quote(text)))
    if actions:
        value["actions"] = actions
    if any(f.value["name"] == name or (lid and f.value["id"] == lid) or _same_level(f.value["name"], name)
           for f in out.levels):
        known = next(f for f in out.levels if f.value["name"] == name or (lid and f.value["id"] == lid)
                     or _same_level(f.value["name"], name))
        if colour and "colour" not in known.value:
            known.value["colour"] = colour      # a second list naming the levels by colour ('橙色为较大舆情')
            return
        out.review.append(Review(where, f"导入两次找到级别“{name}”，只保留了第一次", quote(text)))
        return
    out.levels.append(Found(value, where, quote(text)))


# ---- tables: the level in any column

_COL_LEVEL = re.compile(r"级别|等级|分级|类别|档次|^级$|^档$")
_COL_CRITERIA = re.compile(r"标准|条件|情形|描述|特征|范围|依据|表现")
_COL_NAME = re.compile(r"名称|程度|性质")
_COL_COLOUR = re.compile(r"颜色|预警")
_COL_LEAD = re.compile(r"牵头|负责|指挥|主体|响应|由谁")


def _transposed(rows: list[Row], words) -> list[Row] | None:
    """A grading table with the levels as columns ('| 等级 | Ⅰ级（重大） | Ⅱ级（较大） |' then '| 判定标准 | … | … |'), turned
    so that each level is a row: its first column names what each row holds (one of them the criteria)."""
    width = len(rows[0][0]) if rows else 0
    if width < 3 or any(len(c) != width for c, _, _ in rows) \
            or not any(_COL_CRITERIA.search(c[0]) for c, _, _ in rows[1:]) \
            or not all(_member(x.strip() + "：", words) for x in rows[0][0][1:]):
        return None
    head = ["级别", *(c[0] for c, _, _ in rows[1:])]
    where, raw = rows[0][1], rows[0][2]
    return [(head, where, raw)] + [([c[j] for c, _, _ in rows], where, raw) for j in range(1, width)]


#: in a grading section, a column of level terms may be called by its name too ('| 名称 | 判定情形 |', '| 档 |')
_LEVELS_COL = re.compile(r"^(?:名称|档位?|类型|分档|分类)$")


def _level_table(rows: list[Row], words, out: Extraction, grading: bool = False) -> bool:
    """A table whose rows are levels: one column holds at least two distinct members of one family (or short words of
    their own in a column headed 级别/等级/档次); criteria from the column whose header says so, else the longest
    text; lead from a 牵头/负责/主体/响应 column."""
    rows = [r for r in rows if not all(re.fullmatch(r":?-+:?", c.strip()) for c in r[0])]
    rows = _transposed(rows, words) or rows
    if len(rows) < 3:
        return False
    head, body = rows[0][0], rows[1:]
    width = len(head)
    lv, members = None, []

    def named(c: int) -> bool:
        return bool(_COL_LEVEL.search(head[c]) or (grading and _LEVELS_COL.search(head[c].strip())))

    for c in sorted(range(width), key=lambda c: not named(c)):
        found = [_member(cells[c].strip() + "：", words) if c < len(cells) else None for cells, _, _ in body]
        fams = {mb.family for mb in found if mb}
        keys = {mb.key for mb in found if mb}
        if len(fams) == 1 and len(keys) >= 2:
            lv, members = c, found
            break
        cells_c = [cells[c].strip() for cells, _, _ in body if c < len(cells)]
        if named(c) and len(set(cells_c)) >= 2 and all(0 < len(x) <= 8 for x in cells_c):
            lv, members = c, [_Member("own", x, x, "", None, None, "") for x in cells_c]
            break
    if lv is None:
        return False

    def col(pat: re.Pattern, skip: tuple[int | None, ...]) -> int | None:
        return next((i for i, c in enumerate(head) if pat.search(c) and i not in skip), None)

    ld = col(_COL_LEAD, (lv,))
    cr = col(_COL_CRITERIA, (lv, ld))
    nm = col(_COL_NAME, (lv, cr, ld))
    co = col(_COL_COLOUR, (lv, cr, nm, ld))
    if cr is None:      # the longest text column
        others = [c for c in range(width) if c not in (lv, ld, nm, co)]
        if not others:
            return False
        cr = max(others, key=lambda c: sum(len(cells[c]) for cells, _, _ in body if c < len(cells)))
    read = False
    for (cells, where, raw), mb in zip(body, members, strict=False):
        if mb is None or len(cells) <= max(i for i in (lv, cr, nm, co, ld) if i is not None):
            continue
        descriptor = cells[nm].strip() if nm is not None else ""
        if mb.family == "grade":
            cell = cells[lv].strip()
            name = cell if (descriptor == "" or descriptor in cell) else f"{cell}（{descriptor}）"
        elif mb.family == "own":
            name = mb.word
        else:
            name = _level_name(mb)[0] if not mb.num else f"{mb.num}级（{re.sub(r'（.*', '', mb.word)}）"
            if mb.family == "colour" and not mb.word.endswith("预警"):
                name = mb.word
        colour = mb.colour or next((c for ch, c in _COLOURS.items()
                                    if co is not None and re.search(ch + "色", cells[co])), None)
        lid = _ROMAN.get(mb.num) if mb.num else None
        if lid is None and mb.colour and mb.key[0] in _COLOUR_ORDER:
            lid = _ROMAN[_COLOUR_ORDER[mb.key[0]]]
        criteria = [x.strip() for x in re.split(r"[；;]", cells[cr]) if x.strip()]
        lead = refs(cells[ld], where, raw, out.review) if ld is not None and cells[ld] else []
        _add_level(lid, name, colour, "", where, raw, out, criteria, lead)
        read = True
    return read


#: sections about levels, where one level alone is still a level ('一类舆情' then its criteria)
_LEVEL_KINDS = (SectionKind.grading, SectionKind.warning, SectionKind.assessment, SectionKind.classification,
                SectionKind.definitions)


#: a section about grading by its heading or first sentence: it speaks of grades, or announces 'N级/档/类'
_LEVELS_GRADING = re.compile(r"分级|分档|定档|分类|定级|等级|级别|档次|等次|类别|程度|划分|分为[^。；;]{0,30}?[两二三四五六七\d]个?[级档类等层种]")
#: a count announced ('分为三级：', '按三档管理', '依次为…四个级别'): the run of levels has that many units
_LEVELS_COUNT = re.compile(r"(?:分为|分成|划分为|划为|依次为|按|分)[^。；;：:]{0,40}?([两二三四五六七2-7])个?[级档类等层种]")
#: a unit opening with a short term then a separator: '浅层：…', '蓝档，…', '常态舆情 指…', '轻微——…', '1.低度。…'
_LEVELS_TERM = re.compile(r"^(?P<t>[\u4e00-\u9fffA-Za-z]{1,6}?(?:[级档类](?=(?:网络)?(?:舆情|事件|预警)?[：:，,。\s—（(是指为]))?)"
                          r"(?:网络)?(?:舆情|事件|预警)?(?:[（(][^（()）]{1,12}[）)])?"
                          r"(?:\s*(?:[：:，,。]|——|—)\s*|\s+|是指|系指|指(?![挥导定出示])|为)(?=\S)")
#: what a term of a level never is: a step, a note, a heading word, a role, a body, a date or an ordinal (a tie-breaker
#: after the structure: these open runs of sibling units too)
_LEVELS_NOT_TERM = re.compile(
    r"^(?:报告|核实|核查|研判|回应|处置|监测|发现|报送|发布|评估|总结|启动|响应|上报|审核|跟踪|回复|整改|归档|预警|会商|研究|部署|"
    r"说明|备注|注|注意|要求|原则|职责|任务|目标|依据|范围|时间|时限|地点|方式|内容|标准|条件|情形|措施|程序|流程|步骤|对象|"
    r"其中|另外|此外|同时|首先|其次|然后|最后|一是|二是|三是|四是|五是|例如|比如|如|即|具体|主要|一般情况|特殊情况)$"
    r"|(?:长|员|人|组|部|科|室|办|局|队|委|中心|单位|部门|领导|小组|步|月|日|号|年|时|条|款|项)$|^第|\d"
    r"|(?:期间|时期|[情状]况下|情形下|状态下|[下时后前内外间天午晚夜期])$|舆情|事件|网络|分$"
    r"|(?:渠道|机制|制度|条件|措施|标准|要求|内容|范围|对象|方式|方法|程序|流程|原则|职责|任务|目标|依据|时限|地点|主体|人员"
    r"|要点|手段|平台|途径|频次|频率|结果|情况|事项|问题)$"
    r"|^(?:根据|按照|依据|依照|结合|鉴于|为了|经过|对于|关于)|负责|牵头|应|须|要|将|把|对|在|由|按|若|是")


#: an introduction to a list of requirements, steps, contents, duties or stages, not of levels
_LEVELS_NOT_INTRO = re.compile(r"要求|原则|步骤|程序|流程|内容|包括|措施|职责|分工|安排|做法|方式|阶段|环节|事项|任务")


def _levels_grading(b: Block) -> bool:
    """Whether a section grades: its kind, its heading or its first sentence speaks of grades."""
    first = next(iter(sentences(b.paras[0][0])), "") if b.paras else ""
    return b.kind in (SectionKind.grading, SectionKind.classification) \
        or bool(_LEVELS_GRADING.search(b.title or "") or _LEVELS_GRADING.search(first))


def _levels_term(text: str) -> str | None:
    """The short term a unit opens with, before its separator (None: a sentence, a step, a role, a date)."""
    m = _LEVELS_TERM.match(text)
    return m.group("t") if m and not _LEVELS_NOT_TERM.search(m.group("t")) else None


def _levels_inline(text: str) -> list[str]:
    """The terms opening the clauses of one paragraph split by '；' or '。' ('按三档管理：蓝档，…；黄档，…；红档，…'); the
    first may follow an introduction's colon."""
    terms = []
    for k, piece in enumerate(re.split(r"(?<=[。；;])", text)):
        t = _levels_term(_strip_unit(piece))
        if t is None and k == 0 and (c := re.search(r"[：:]", piece)):
            t = _levels_term(_strip_unit(piece[c.end():]))
        if t is not None:
            terms.append(t)
    return terms


def _levels_terms(b: Block) -> dict[str, str | None] | None:
    """A grading section's own level words by structure: the first run of two or more sibling units (paragraphs or
    list items of one kind of mark, or the clauses of one paragraph) each opening with a distinct short term and a
    separator, whatever the words; cut at the count announced ('分为三级：').  None when the run's units are all
    members of one known family already (they are read as such), or the section does not grade."""
    count = next((int(m.group(1)) if m.group(1).isdigit() else "  二三四五六七".index(m.group(1).replace("两", "二"))
                  for t, _ in b.paras[:3] if (m := _LEVELS_COUNT.search(t))), None)
    run: list[tuple[str, str]] = []     # (term, unit)
    kind, intro = None, ""
    for text, _ in [*b.paras, ("", 0)]:
        inline = _levels_inline(text)
        if len(inline) >= 2 and len(set(inline)) == len(inline) and not run:
            run, intro = [(t, text) for t in inline], re.split(r"[：:]", text)[0]
            break
        unit = _strip_unit(text)
        term = _levels_term(unit) if text and row_cells(text) is None and not re.search(r"[：:]$", unit) else None
        mark = _mark_kind(text)
        if term is not None and len(run) == 1 and mark != kind:
            run = []        # a unit of another kind before the list
        if term is not None and (not run or mark == kind) and term not in [t for t, _ in run]:
            run.append((term, unit))
            kind = mark
            continue
        if run and mark and mark != kind:
            continue        # a sub-item of the level before ('（1）…' under '一档：')
        if len(run) >= 2:
            break
        run, kind, intro = [], None, text
    if count and len(run) > count:
        run = run[:count]
    if len(run) < 2 or _LEVELS_NOT_INTRO.search(intro):
        return None
    members = [_member(u, None) for _, u in run]
    known = [mb for mb in members if mb]
    if len(known) == len(run) and len({mb.family for mb in known}) == 1 and len({mb.key for mb in known}) == len(run):
        return None
    if not _levels_grading(b):      # elsewhere only siblings of known levels with their noun ('重点舆情' after '一般舆情')
        noun = {re.search(r"(?:舆情|事件)?$", mb.word).group(0) for mb in known}
        if len(known) < 2 or len({mb.family for mb in known}) != 1 or len(noun) != 1 or noun == {""} \
                or not all(re.match(re.escape(t) + r"(?:网络)?" + next(iter(noun)), u) for t, u in run):
            return None
    return {t: None for t, _ in run}


#: levels announced from the mildest ('由轻到重分为…', '从低到高依次为…')
_RISING = re.compile(r"[由从自](?:低|轻|弱|小)[到至向](?:高|重|强|大)")


def _levels(blocks: list[Block], out: Extraction) -> None:
    written: dict[str, str] = {}     # a level's text as read -> as written (for its source quote)
    chapters: list[list[int]] = []      # a section with its articles (blocks with no title)
    for k, b in enumerate(blocks):
        if b.title is None and chapters:
            chapters[-1].append(k)
        else:
            chapters.append([k])
    own: list[tuple[str, ...]] = [()] * len(blocks)     # the words each block's section announced or runs
    for ks in chapters:
        whole = Block(blocks[ks[0]].title, blocks[ks[0]].kind, blocks[ks[0]].where,
                      tuple(p for k in ks for p in blocks[k].paras))
        words = tuple(_announced(whole) or _levels_terms(whole) or ())
        for k in ks:
            own[k] = words
    prepared: list[Block] = []
    placed: dict[tuple[int, int], str] = {}     # (block, paragraph) -> the unit rewritten 'level：criteria'
    for ks in chapters:
        spots = [(k, j) for k in ks for j in range(len(blocks[k].paras))]
        got = _levels_placed([blocks[k].paras[j] for k, j in spots], dict.fromkeys(own[ks[0]]) or None)
        placed.update({spots[i]: t for i, t in got.items()})
    for kb, (b, words) in enumerate(zip(blocks, own, strict=True)):
        for j, (t, _) in enumerate(b.paras):
            if (kb, j) in placed:
                written[quote(placed[kb, j])] = quote(t)
        paras = _classed(tuple((placed.get((kb, j), t), w) for j, (t, w) in enumerate(b.paras)), words)
        for t, _, as_written in paras:
            if t != as_written:     # the whole paragraph, or its first sentence
                written[quote(t)] = written[quote(sentences(t)[0])] = quote(as_written)
        prepared.append(Block(b.title, b.kind, b.where, tuple((t, w) for t, w, _ in paras)))
    # sections whose titles are levels ('（一）一般舆情' '（二）较大舆情', or the words the section above announced:
    # '分为平稳、波动、激化三档。' then '（一）平稳'), each with its criteria in its text
    i = 0
    while i < len(prepared):
        above = _announced(prepared[i - 1]) if i and prepared[i].title and _levels_grading(prepared[i - 1]) else None
        first = _member(prepared[i].title or "", above) if prepared[i].title else None
        j, keys = i + 1, {first.key} if first else set()
        while first and j < len(prepared) and prepared[j].title \
                and (mb := _member(prepared[j].title, above)) and mb.family == first.family and mb.key not in keys:
            keys.add(mb.key)
            j += 1
        if len(keys) >= 2:
            for b in prepared[i:j]:
                mb = _member(b.title, above)
                more: list[str] = []     # the first paragraph, and the list it opens or belongs to
                kind = _mark_kind(b.paras[0][0]) if b.paras else ""
                for p, _ in b.paras:
                    if row_cells(p) is not None or (more and not re.search(r"[：:]$", more[-1])
                                                    and not (kind and _mark_kind(p) == kind)):
                        break
                    more.append(_BULLET.sub("", p.strip()))
                _read_member(mb, more, b.where, b.title, out)
            i = j
        else:
            i += 1
    sections: list[Block] = []       # articles ('第七条 一般舆情：…', blocks with no title) read with their chapter
    for b in prepared:
        if b.title is None and sections:
            sections[-1] = Block(sections[-1].title, sections[-1].kind, sections[-1].where, sections[-1].paras + b.paras)
        else:
            sections.append(b)
    for b in sections:
        if out.levels and b.kind not in _LEVEL_KINDS:
            continue    # the levels are set out once; a later procedure speaking of each ('一般舆情：由办公室处置') adds none
        words = _announced(b) or _levels_terms(b)
        _runs(_units([(t, w) for t, w in b.paras], words), words, out, b.kind in _LEVEL_KINDS)
        for table in tables(b.paras):
            _level_table(table, words, out, _levels_grading(b))
    for f in out.levels:
        f.quote = written.get(f.quote, f.quote)
    # '分为一般、较大、重大三个等级' whose levels were not found one by one
    for b in blocks:
        for text, where in b.paras:
            for s in sentences(text):
                lm = _LEVEL_LIST.search(s)
                if lm and not all(any(w in f.value["name"] or (w[0] in _COLOURS and _COLOURS[w[0]] == f.value.get("colour"))
                                      for f in out.levels)
                                  for w in re.findall(_SEV + "|[红橙黄蓝]色", lm.group(0))):
                    out.review.append(Review(where, "这句话列出了级别，导入没有找到其中每一级的判定标准，"
                                                    "没有写成 levels，请核对", quote(s)))
    # levels named only by their severity ('一般舆情：…') are numbered from the most severe: Ⅰ, Ⅱ …
    unnamed = [f for f in out.levels if not f.value["id"]]
    if unnamed:
        taken = {f.value["id"] for f in out.levels if f.value["id"]}
        order = sorted(unnamed, key=lambda f: next((i for i, w in enumerate(_SEVERITY) if w in f.value["name"]), 9))
        rising = any(_RISING.search(t) for b in blocks for t, _ in b.paras)
        if rising and not any(w in f.value["name"] for f in unnamed for w in _SEVERITY):
            order.reverse()     # '由轻到重分为提示级、关注级、处置级': the last named is the most severe, Ⅰ
        free = [r for r in ("I", "II", "III", "IV", "V") if r not in taken]
        for f, lid in zip(order, free, strict=False):
            f.value["id"] = lid
        for f in unnamed:
            if not f.value["id"]:
                out.levels.remove(f)
        out.levels.sort(key=lambda f: ("I", "II", "III", "IV", "V").index(f.value["id"])
                        if f.value["id"] in ("I", "II", "III", "IV", "V") else 9)
        out.review.append(Review(unnamed[0].where, "级别只有“一般”“较大”等名称，导入按严重程度推断编号 Ⅰ、Ⅱ……级，请核对",
                                 unnamed[0].quote))

# --------------------------------------------------------------------------- bodies and posts

#: every verb by which a unit or a title leads a group, with the adverbs written before it: '由X带领', 'X召集',
#: 'X具体负责', '由X统一指挥', 'X领衔', 'X负责召集' (one list, read by every lead clause below)
_ORG_LEAD_VERB = (r"(?:(?:具体|统一|共同|直接|亲自|负责)?(?:牵头|负责(?![人同])|统筹|带队|带领|领队|召集|主持|领衔|挂帅|指挥))")
_BODY_NAME = re.compile(r"(?:成立|设立|组建|下设|(?<!党)组成(?!员)|启动|(?<![建假])设(?:置)?(?![立在于]))(?:了)?([^，,。；;（(：:“”]{2,40}?"
                        r"(?:领导小组|工作小组|应急小组|指挥部|委员会|工作组|小组|组(?![长员成织])|专班|分队|队(?![伍员])|中心))"
                        # the whole name: a unit inside it is no end ('成立执法队网络舆情处置小组')
                        r"(?![^，,。；;（(：:“”\s、和及与]{1,20}?(?:领导小组|工作小组|小组|工作组|专班|指挥部|委员会)(?:[，,。；;（(：:]|$))")
_BODY_CALLED = re.compile(r"(?:^|[，,；;。])([^，,。；;（(：:“”]{2,30}?(?:领导小组|工作小组|指挥部|应急办公室|领导小组办公室))"
                          r"(?:[（(]以下简称[^）)]*[）)])?是")
#: the words naming whoever leads a body, in a sentence about the body being set up (not 主任, which names an office's
#: head, nor 第一责任人 or 负责人, which most plans say of every unit: they lead a body only in that body's own clause)
_HEAD = r"(?:总?组长|总指挥|指挥长|主任委员|总?召集人|总?牵头人|队长|中心主任)"
#: not a deputy's title ('副总召集人' holds 召集人 after 总, '中心副主任')
_NOT_DEPUTY = r"(?<!副)(?<!副总)"
#: in a working group's own clause every leader word names its leader
_CHIEF = rf"(?:{_HEAD[3:-1]}|主任|第一责任人|负责人)"
#: '组长张伟（宣传部长）': a person's name with the post in brackets (the name goes to the roster draft)
_NAME_WITH_POST = "(?=[" + "".join(sorted(_SURNAMES)) + r"])[\u4e00-\u9fff]{2,3}[（(][^）)]{2,20}[）)]"


def _holder_of(word: str, word_by: str | None = None) -> list[re.Pattern]:
    """Who holds the title ``word``, written on either side of it: '以X为组长的…领导小组', '组长由X担任' (``word_by``, when wider, is the title
    so written), 'X任组长' / '由X同志任组长' / 'X为组长', '组长：X'."""
    return [re.compile(rf"(?:以|由)(?:[^，,。；;]*?(?:为|{_AS})[^，,。；;、]*?、)?([^，,。；;由、以]+?)(?:同志)?(?:为|{_AS}){word}"),
            # a comma may list holders before the verb ('副组长由分管学生工作的党委副书记，分管宣传的副院长担任')
            re.compile(rf"{word_by or word}由((?:[^，,。；;由]|[，,](?=[^，,。；;由]{{2,30}}?(?:担任|兼任)))+?)(?:同志)?(?:担任|兼任)"),
            re.compile(rf"(?:(?:^|[，,；;。])由?|由)(?!担任|兼任)([^，,。；;由]+?)(?:同志)?(?:{_AS}|担任|兼任|为)"
                       rf"(?:[^，,。；;由]{{0,14}}?(?:领导小组|工作小组|指挥部|委员会|专班))?{word}"),
            re.compile(rf"{word}[:：]([^。；;]+)"),
            re.compile(rf"{word}\s*({_NAME_WITH_POST})"),
            # '子公司党组织书记为本单位第一责任人，担任小组组长': the holder is the previous clause's subject
            # '局长挂帅，担任组长', '站长牵头，担任组长': so is the subject of a clause saying who leads
            # '局长是第一责任人，任领导小组组长': 是 and a bare 任 as well, the body's name before the title
            re.compile(rf"(?:^|[，,；;。])([^，,。；;由]{{2,20}}?)(?:[为是][^，,。；;]{{2,24}}|(?:亲自)?(?:挂帅|牵头|领衔))"
                       rf"[，,]并?(?:担任|兼任|{_AS})(?:小组|本组|[^，,。；;]{{0,12}}?(?:领导小组|工作小组|指挥部|委员会|专班))?{word}")]


#: the leader and the deputies of the body being set up; '负责人由X担任' names its leader too, but 'X为负责人' (said of
#: every unit in most plans) does not
_LEADER = _holder_of(rf"{_NOT_DEPUTY}双?{_HEAD}", rf"{_NOT_DEPUTY}(?<!办公室)(?:{_HEAD}|负责人|第一责任人)")
_DEPUTY_HEAD = rf"(?:常务|第一|执行)?(?:副{_HEAD}|中心副主任|副负责人|副牵头人)"
_DEPUTY = _holder_of(_DEPUTY_HEAD)
#: 'X协助召集人工作', 'X协助组长开展工作': the one assisting the head is the deputy, whatever the head's title
_DEPUTY.append(re.compile(rf"(?:^|[，,；;。])([^，,。；;由]{{2,20}}?)(?:同志)?协助(?:{_HEAD})(?:开展|做好|处理|负责)?(?:日常)?工作"))
#: '副组长为各年级组长': the title first, then who holds it (the leader's '组长为X' is read as the group's lead)
_DEPUTY.append(re.compile(rf"(?:^|[，,；;。]){_DEPUTY_HEAD}(?:为|是)([^，,。；;由为是]{{2,30}})(?=[，,。；;]|$)"))
#: 'X为专班负责人', 'X担任本组负责人': a title tied to the head of the body named by its kind is its leader
_LEADER.append(re.compile(r"(?:^|[，,；;。])由?([^，,。；;由]{2,20}?)(?:同志)?(?:为|担任|兼任|(?<![主担兼出])任)"
                          r"(?:该|本)?(?:专班|小组|工作组|组|队|分队)(?<!副)(?:负责人|牵头人)"))
_MEMBER = [re.compile(r"(?:^|[，,；;。])([^，,。；;]+?)为(?:小组)?成员"),
           re.compile(r"成员由([^，,。；;]+?)(?:担任|组成)"),
           re.compile(r"成员[:：]([^。；;]+)")]
_OFFICE = re.compile(r"(?:([^，,。；;：:（(]{0,20}?办公室)|办公室)[，,]?(?:设在|设于|放在|挂靠在?|依托|(?<=下设办公室)于)([^，,。；;]+)")
#: an office's head word, the office's name (full, short '舆情办', or none) before it: '办公室主任', '舆情办主任', '主任'
_BODIES_OFFICE_WORD = r"(?:[^，,。；;由、]{0,14}?(?:办公室|办))?"
_BODIES_OFFICE_VERB = rf"(?:同志)?(?:兼任|担任|兼|{_AS}|为|作为|是)"


#: a bracket that is a remark, dropped before reading a holder; one that the title goes on after is part of the title
#: ('办公室（董事会办公室）副主任': the deputy head of the office that is also the board's office)
_ASIDE = re.compile(rf"[（(][^（()）]*[）)](?!(?![担兼任为是由负牵])[\u4e00-\u9fff]{{0,8}}?{_TITLE_WORD})")


def _bodies_office_head(s: str, deputy: bool = False) -> str | None:
    """The holder of an office's head (or deputy head) post, read from the office's own clause whatever the words
    around it: the post first ('办公室主任由X担任', '舆情办主任：X', '副主任为X、Y'), the holder first ('X兼办公室主任',
    'X为副主任', 'X担任专班办公室负责人'), or for the head, the office's work led by a title or unit ('日常工作由X负责',
    '由X牵头负责', '由X负责办公室日常工作', in the sentence setting the office up).  Only in a sentence naming an office."""
    if not re.search(r"办公室|[\u4e00-\u9fff]办(?:副)?主任", s):
        return None
    head = r"副(?:主任|负责人)" if deputy else r"(?<!副)(?:主任|负责人)"
    clauses = [c.strip() for c in re.split(r"[，,；;。]", re.sub(_ASIDE, "", s)) if c.strip()]
    for c in clauses:
        m = (re.match(rf"^{_BODIES_OFFICE_WORD}{head}(?:由|[:：]\s*{'|为' if deputy else ''})(?P<h>[^由]{{2,30}}?)(?:同志)?(?:担任|兼任)?$", c)
             or re.match(rf"^由?(?P<h>[^由]{{2,24}}?){_BODIES_OFFICE_VERB}{_BODIES_OFFICE_WORD}{head}$", c))
        if m:
            return m.group("h")
    if deputy or not (_OFFICE.search(s) or re.search(r"下设[^，,。；;]{0,16}办公室", s)):
        return None     # the office's work led by X: only in a sentence setting the office up ('…办公室设在Y，由X负责')
    for c in clauses:
        m = re.match(rf"^(?:日常工作)?由(?P<h>[^由]{{2,20}}?[{''.join(sorted(_REF_END))}])(?:同志)?(?:牵头)?负责"
                     rf"(?:{_BODIES_OFFICE_WORD}(?:的)?(?:日常)?工作|日常调度)?$", c) or \
            re.match(rf"^(?:{_BODIES_OFFICE_WORD}(?:的)?日常工作)由(?P<h>[^由]{{2,20}}?[{''.join(sorted(_REF_END))}])(?:同志)?{_ORG_LEAD_VERB}$", c)
        if m:
            return m.group("h")
    return None


#: a leading body named at the start of a sentence about its leader, with no sentence setting it up before
_LEAD_BODY_FIRST = re.compile(rf"^{_ITEM_NO}((?:(?!同志|担任|兼任)[^，,。；;：:（(“”\s、任为]){{0,20}}?(?:领导小组|指挥部|委员会))(?!办公室)")
#: '副主任由医务部主任担任' in the sentence naming an office's head
_LEAD_UNIT_HEAD = re.compile(r"^(?:各)?牵头(?:单位|部门|科室|处室|股室)的?(?:主要)?(?:负责人|负责同志|领导)$")
_PARENT_OFFICE = re.compile(r"(领导小组|指挥部|委员会|专班)(?:下设|设立|设)?办公室")


def _office_name(written: str, s: str) -> str:
    """The office's full name: the body it belongs to as the text writes it ('指挥部办公室', '委员会办公室', '领导小组下设办公室'
    is 领导小组办公室); an office named alone in a sentence about the leading group is 领导小组办公室, else 办公室."""
    m = _PARENT_OFFICE.search(written) or _PARENT_OFFICE.search(s)
    if m:
        return f"{m.group(1)}办公室"
    if len(written) >= 5 and not re.search(r"^(?:其|该|本|各|下设|内设)|[，,、的]|下设", written):
        return written      # '舆情值守办公室设在馆办公室': an office with a name of its own
    return "领导小组办公室" if "领导小组" in s or "领导小组" in written else "办公室"


#: '委员会下设舆情管理办公室': an office with a name of its own
_SUB_OFFICE = re.compile(r"下设((?:(?!办公室)[^，,。；;（(：:“”]){2,12}?办公室)")
#: a working group's own clause, read by its structure: a unit's name ('舆论引导组', '宣传报道队', '线索核查专班',
#: '信息研判中心') at the start of a clause (after a list mark or number), any separator or none, then whoever leads it
#: and what it does, in any order ('舆情研判组——牵头单位：局指挥中心', '医疗纠纷应对组由医政医管科科长任组长，负责…',
#: '家校沟通小组——由各班班主任组成，年级组长为召集人', '1、舆情研判组：负责研判。'); or the lead first
#: ('由宣传科牵头成立舆论引导组')
_UNIT_END = r"(?:专班|分队|队|中心|(?<!党)(?<!党小)组)"      # a party group (党组, 党小组) is the organ's party body, no group
#: a unit's name: never holding the verb that sets it up ('站里成立网络舆情应对小组。' names '网络舆情应对小组')
_UNIT_NAME = rf"(?![由以经按])(?:(?!成立|设立|组建|下设)[^，,。；;：:（(“”\s—]){{1,14}}?{_UNIT_END}"
_UNIT_FIRST = re.compile("^" + _MARK + _ITEM_NO + rf"({_UNIT_NAME})(?!办公室|小组|主任|[建成织长员])"
                         r"\s*(?:——|—|[：:。.．，,])?\s*(.*)$")
#: the lead first, with 由 or without ('由宣传科牵头成立舆论引导组', '安全监管局负责组建安全核查组')
_UNIT_AFTER_LEAD = re.compile(rf"^{_MARK}{_ITEM_NO}由?([^，,。；;由、]{{2,24}}?){_ORG_LEAD_VERB}(?:[、，,][^，,。；;]{{0,16}}?)?[，,]?"
                              r"(?:成立|组建|设立|组成|的)"
                              rf"({_UNIT_NAME})(?:[，,](.*))?$")
#: the words naming a working group's lead unit or leader beside the leader words: '牵头单位', '牵头领导', '组长单位', '责任单位'
_LEAD_WORD = (r"(?:(?:牵头|组长|责任|主责|主办)(?:单位|部门|科室|处室|股室|领导)|牵头)")
_UNIT_LEAD = [re.compile(rf"^(?:{_LEAD_WORD}|(?:第一)?{_NOT_DEPUTY}{_CHIEF})\s*(?:——|—|[:：为是\s])\s*([^，,。；;\s]{{2,24}})"),
              re.compile(rf"[，,](?:{_LEAD_WORD})\s*(?:——|—|[:：为是])\s*([^，,。；;\s]{{2,24}})"),    # '负责…，牵头单位为X'
              re.compile(r"(?:^|[，,])由([^，,。；;]{2,24}?)统筹(?=[，,。；;]|$)"),    # over '具体负责'
              # '工程部经理（组长）、…': a title with its leader word in brackets after it
              re.compile(rf"^([^，,。；;（(、由]{{2,24}}?)[（(](?:{_LEAD_WORD}|{_NOT_DEPUTY}{_CHIEF})[）)]"),
              re.compile(rf"^{_NOT_DEPUTY}{_CHIEF}\s*({_NAME_WITH_POST})"),
              re.compile(rf"{_NOT_DEPUTY}{_CHIEF}由([^，,。；;]{{2,24}}?)(?:同志)?(?:担任|兼任)"),
              re.compile(rf"(?:^|[，,])由?([^，,。；;由]{{2,24}}?)(?:同志)?(?:为|{_AS}|是|作为|担任)"
                         rf"(?:{_LEAD_WORD}|{_NOT_DEPUTY}(?:{_CHIEF}))"),
              re.compile(rf"^由([^，,。；;]{{2,24}}?)(?:同志)?{_ORG_LEAD_VERB}"),
              re.compile(rf"^([^，,。；;由]{{2,24}}?){_ORG_LEAD_VERB}(?:组建)?(?=[，,、；;。]|$)"),
              # '医务科、护理部组成，医务科科长负责，…': a clause of its own saying a unit or title leads
              re.compile(rf"(?:^|[，,])由?([^，,。；;由]{{1,23}}[{''.join(sorted(_REF_END))}])(?:同志)?{_ORG_LEAD_VERB}(?=[，,。；;]|$)"),
              re.compile(r"(?:^|[，,])以([^，,。；;]{2,24}?)为主(?:体)?(?:组建)?(?:[，,]|$)"),
              re.compile(r"^([^，,。；;由]{2,24}?)带领[^，,。；;]{0,12}?组成"),  # '居委会副主任带领各网格长组成'
              re.compile(r"^由?([^，,。；;由]{2,24}?)组成")]    # whoever it is made of, when no leader is named
#: '，由X牵头/负责/统筹…' right after a body is set up: X (a unit or a title) leads it
_LED_BY = re.compile(rf"^[，,]由([^，,。；;由]{{1,23}}[{''.join(sorted(_REF_END))}])(?:同志)?{_ORG_LEAD_VERB}")
#: a unit's lead on the line after its name ('牵头：总编室')
_UNIT_LEAD_ENTRY = re.compile(rf"^{_MARK}(?:{_LEAD_WORD}|{_CHIEF})[:：]\s*([^，,。；;]{{2,24}}?)[。；;]?$")
#: units whose clause names only their duties: working groups and 专班 (a '中心' or '队' with duties only is more
#: often a member unit's duty in a list: '县融媒体中心：负责…')
_DUTIES_ONLY_UNIT = re.compile(r"(?:组|专班)$")
#: '下设A组、B组，分别由X、Y牵头', '成立A组、B组，分别由X和Y任组长': the first unit named leads the first group, and so on
_RESPECTIVELY = re.compile(r"(?:下设|成立|设立|组建)([^，,。；;：:]+?(?:组|专班))(?:[一二三四五六七八九十\d]+个(?:工作组|专班|小组))?[，,]"
                           rf"分别由([^，,。；;]+?)(?:牵头|负责|(?:担任|兼任|{_AS}|为)(?:组长|召集人))")
_GROUP_LINE = re.compile("^" + _MARK + _ITEM_NO + r"((?:(?!成立|设立|组建|下设)[^，,。；;：:（(“”\s]){2,12}(?:组|专班|队))[。.．]?$")
#: groups listed one after another, each with its lead in brackets ('下设三个工作组：综治维稳组（镇综治中心牵头）、群众工作组
#: （镇信访办牵头）'): each a body led by its lead unit (a generic leader after them does not replace it)
#: a unit alone in the brackets of a group so listed is its lead too ('疫情核查队（县动物疫病预防控制中心）、技术解读队（…）')
_BRACKET_LEADS = re.compile(rf"(?:^{_MARK}{_ITEM_NO}|(?<=[：:、，,]))({_UNIT_NAME})[（(](?:(?:{_LEAD_WORD}|{_NOT_DEPUTY}{_CHIEF})[:：])?由?"
                            rf"(?!以下|简称|含|包括|或)(?![^（()）]*(?:组长|担任|兼任|括号))([^（()）:：\d]{{2,20}}?)"
                            rf"(?:{_ORG_LEAD_VERB}|(?:同志)?(?:任|为){_NOT_DEPUTY}{_CHIEF}|(?<=[{''.join(sorted(_REF_END))}]))[）)]")
_GROUP_DUTY = re.compile(r"^(?:主要)?职责[:：]\s*(.+)$")
#: '根据舆情涉及的专业，分别成立专业工作组：' introduces the groups listed next; it names none of its own
_INTRODUCES = re.compile(r"分别(?:成立|设立|组建)[^，,。；;：:]+[：:]\s*$")
_GENERIC_GROUPS = re.compile(r"^(?:专项|各|下设)?(?:工作组|工作小组|小组|工作专班|专班)$|^.*(?:下设|分设|[一二两三四五六七八九十\d]+[个支]|以下|如下|下列)|^(?:相应|相关|有关)")
_DUTY = re.compile(r"(?:^|[，,])(负责[^。；;]+)")
_HEADING_BODY = re.compile(r"(?:领导小组办公室|领导小组|工作小组|工作组|指挥部|办公室|处置单位|责任单位|组|专班|(?<!梯)队)$")
#: a named post: the usual titles, and any '…员' after 舆情/网络/信息 ('舆情审核员', '网络监督员'; not '…人员', '…成员')
#: the posts' titles: a post word ('新闻发言人助理' is a post of its own), any '…员' after 舆情/网络, a 专干 after a field
#: of work ('舆情专干'), a 辅导员 for minds or the net ('心理辅导员'; a bare '辅导员' is a holder, '由辅导员担任')
_POST_NAMES = (r"(?:(?:网络舆情|舆情|网络|信息|声誉风险|声誉)?(?:新闻发言人|发言人|联络员|联络人|信息员|网评员|评论员|监测员|通讯员|值班员|审核员)(?:助理)?"
               r"|(?:舆情|网络|信息)?(?:监测|值班|审核|联络|研判)专岗"
               r"|(?:舆情|网络|网评)[\u4e00-\u9fff]{1,3}?(?<![人成委党官学会队组职])员|网格长|(?:舆情|网络|宣传|信息)专干"
               r"|(?:心理|网络|舆情)辅导员)")
#: a post's title alone on a line ('学校新闻发言人', '（四）舆情专干'), its holder and duties in what follows
#: ('新闻发言人和舆情联络员' names two: a section)
#: ('舆情监测员（兼）': a note how the post is held may follow it)
POST_TITLE = re.compile(rf"^{_MARK}{_ITEM_NO}(?:(?![和与及])[\u4e00-\u9fff]){{0,6}}?{_POST_NAMES}"
                        r"(?:[（(](?:兼|兼任|兼职|专职)[）)])?[：:]?$")
#: '镇党政办确定专人', '指定一名干部': the holder is who is named, not who names them
_COUNT = r"(?:\d+|[一二两三四五六七八九十]+|若干)[名位个]"
#: the verbs of choosing someone for a post ('确定', '指派', '遴选', '招募')
_POSTS_CHOOSE = r"(?:确定|指定|指派|委派|明确|安排|落实|选派|选定|选拔|遴选|挑选|招募|聘请|聘任|选聘|推选|推荐|抽调)"
_APPOINTER = re.compile(rf"^.{{0,30}}?{_POSTS_CHOOSE}的?(?:{_COUNT}|[一1][人名])?(?=\S|$)")
_ROLES = [("发言人", "spokesperson"), ("联络员", "liaison"), ("信息员", "monitor"), ("监测员", "monitor"),
          ("网评员", "commentator"), ("评论员", "commentator")]


def _body_type(name: str) -> str:
    if "办公室" in name:
        return "office"
    if "领导小组" in name or "指挥部" in name or "委员会" in name:
        return "leading_group"
    if name.endswith("单位"):
        return "unit"
    return "working_group"


def _new_id(prefix: str, taken: set[str]) -> str:
    i, cand = 1, prefix
    while cand in taken:
        i += 1
        cand = f"{prefix}-{i}"
    taken.add(cand)
    return cand


_BODY_IDS = {"leading_group": "leading-group", "office": "office", "working_group": "working-group", "unit": "unit"}


_COL_GROUP = re.compile(r"工作组|小组|专班|组别|机构|^组$|名称")
_COL_HEAD = re.compile(r"^(?:组长|牵头(?:单位|部门|科室|处室|领导)?|负责(?:人|单位|部门|领导)|召集人)$")
_COL_PERSON_HEAD = re.compile(r"^(?:组\s*长|负责人|召集人|(?:牵头|负责|责任)领导|队\s*长|专班长)$")
_COL_DEPUTY = re.compile(r"^(?:常务|第一)?副组长$")
_COL_DUTIES = re.compile(r"职责|任务|分工")
_COL_POSTNAME = re.compile(r"岗位|职务|角色|名称")
_COL_HOLDER = re.compile(r"^(?:人员|担任|人选|担任人员|由谁担任|配备)$")
#: who holds a post, said in a cell of its row: '由各学校青年教师担任', '各学校明确一名中层干部担任'
_HOLDER_SAID = re.compile(r"(?:由|(?:确定|指定|明确|安排)(?:一名|1名|一位)?)([^，,。；;由]{2,20}?)(?:同志)?(?:担任|兼任|组成)")


def _posts_column(rows: list[Row]) -> bool:
    """Whether a contact table is also a table of posts: a post column ('岗位', '职务') whose cells name posts, and
    a person column that gives titles or units ('副局长 钟立'); bare names ('| 贺明 | 舆情联络员 | 138… |') hold none."""
    head = rows[0][0]
    col = _table_col(head, _COL_POSTNAME)
    who = next((i for i, c in enumerate(head) if _COL_PERSON.match(c.strip())), None)
    return col is not None and who is not None and any(
        len(c) > max(col, who) and re.search(_POST_NAMES, c[col]) and (_roster_person(c[who].strip()) or ("", ""))[1]
        for c, _, _ in rows[1:])


def _is_contact_table(head: list[str]) -> bool:
    return any(_COL_PERSON.match(c.strip()) for c in head) and any(_COL_PHONE.search(c) for c in head)


def _table_col(head: list[str], pat: re.Pattern, skip: tuple = ()) -> int | None:
    return next((i for i, c in enumerate(head) if pat.search(c.strip()) and i not in skip), None)


def _group_table(rows: list[tuple[list[str], int, str]], body, out: Extraction) -> bool:
    """Working groups in a table: a column naming the group and one naming its leader."""
    head = rows[0][0]
    # a table with both a lead unit's column (牵头, 牵头部门) and a person's (组长, 负责人, 召集人): the person leads,
    # the lead unit is the fallback for a row without one
    lead = _table_col(head, _COL_PERSON_HEAD)
    lead = _table_col(head, _COL_HEAD) if lead is None else lead
    name = _table_col(head, _COL_GROUP, (lead,))
    if lead is None or name is None:
        return False
    deputy = _table_col(head, _COL_DEPUTY, (lead, name))
    duties = _table_col(head, _COL_DUTIES, (lead, name, deputy))
    unit = _table_col(head, _COL_HEAD, (lead, name, deputy, duties))     # a lead unit's column beside 组长's

    found = False
    for cells, where, raw in rows[1:]:
        if len(cells) != len(head):
            continue
        group = re.sub(r"\s+", "", cells[name])
        if not re.search(rf"(?:{_UNIT_END}|办公室|指挥部)$", group) or _GENERIC_GROUPS.match(group):
            continue
        g = body(group, where, raw)
        got = refs(cells[lead], where, raw, out.review, people=out.people)
        if not got and unit is not None:        # no 组长 written in the row: the lead unit leads
            got = refs(cells[unit], where, raw, out.review, people=out.people)
        if got:
            g.value["leader"] = got
        if deputy is not None and (dep := refs(cells[deputy], where, raw, out.review, people=out.people)):
            g.value["deputies"] = dep
        if duties is not None and cells[duties].strip():
            g.value.setdefault("duties", []).append(cells[duties].strip().rstrip("。") + "。")
        found = True
    return found


_ROLE_IN_GROUP = re.compile(rf"^(?:(?P<deputies>{_DEPUTY_HEAD})|(?P<leader>{_NOT_DEPUTY}双?{_HEAD})|(?P<members>成员|组员))$")
_COL_OFFICE_POST = re.compile(r"(?:行政|现任|单位|本职)?职\s*务|职\s*位")


def _titles_col(head: list[str], body_rows: list[Row], role: int) -> int | None:
    """The column, beside the roles, whose every cell is a post, with or without a name ('| 担任人 |': '行长 陈立群')."""
    for i in range(len(head)):
        if i != role and not re.search(r"职责|分工|任务|电话", head[i]) and all(
                (h := split_name(c[i])[1]) and all(_is_title(x.strip()) for x in re.split(r"[、，,]", h) if x.strip())
                for c, _, _ in body_rows):
            return i
    return None


def _leader_table(rows: list[Row], target, out: Extraction) -> bool:
    """A body's leaders in a table of its own ('| 小组职务 | 姓名 | 行政职务 |'): a column of roles in the body (组长,
    副组长, 成员) beside the holder's post; the holder is the post, the name (any column of names) goes to the roster draft."""
    head = rows[0][0]
    body_rows = [r for r in rows[1:] if len(r[0]) == len(head) and not all(re.fullmatch(r":?-+:?", c.strip()) for c in r[0])]
    role = next((i for i in range(len(head)) if body_rows
                 and all(_ROLE_IN_GROUP.match(re.sub(r"\s", "", c[i])) for c, _, _ in body_rows)), None)
    held = _table_col(head, _COL_OFFICE_POST, (role,))
    if held is None and role is not None:
        held = _titles_col(head, body_rows, role)
    if role is None or held is None:
        return False
    name = _table_col(head, _COL_PERSON, (role, held))
    g = target()
    for cells, where, raw in body_rows:
        kind = next(k for k, v in _ROLE_IN_GROUP.match(re.sub(r"\s", "", cells[role])).groupdict().items() if v)
        title = cells[held].strip()
        if name is not None:
            for person in re.split(r"[、，,；;\s]+", cells[name].strip()):
                if _is_name(person):
                    out.people.append(Person(person, title, where, quote(raw)))
        got = refs(title, where, raw, out.review, people=out.people)
        if got:
            g.value[kind] = [*g.value.get(kind, []), *[x for x in got if x not in g.value.get(kind, [])]] \
                if kind != "leader" else got
    return True


def _post_table(rows: list[tuple[list[str], int, str]], post_ids: set[str], out: Extraction) -> bool:
    """Posts in a table: a post column ('岗位', '职务'), where a row's cell holds a post's title word ('舆情联络员',
    '新闻发言人（分管副局长）'); its holder from a holder column, the brackets of that cell, or '由…担任' in the row."""
    head = rows[0][0]
    col = _table_col(head, _COL_POSTNAME)
    if col is None:
        return False
    holder_col = _table_col(head, _COL_HOLDER, (col,))
    duties = _table_col(head, _COL_DUTIES, (col, holder_col))
    found = False
    for cells, where, raw in rows[1:]:
        if len(cells) != len(head):
            continue
        pm = re.search(_POST_NAMES, cells[col])
        if not pm or any(f.value["name"] == pm.group(0) for f in out.posts):
            continue
        post = pm.group(0)
        role = next((r for word, r in _ROLES if word in post), "other")
        value: dict = {"id": _new_id(role, post_ids), "name": post, "role": role}
        holder = ""
        bracket = re.search(r"[（(]([^）)]{2,20})[）)]", cells[col][pm.end():])
        if holder_col is not None and cells[holder_col].strip():
            holder = _POSTS_NOTE.sub("", cells[holder_col].strip())   # kept as written, less a note ('（不在时由…代行）')
        elif bracket:
            holder = bracket.group(1)
        else:
            said = next((m for i, c in enumerate(cells) if i != col for m in [_HOLDER_SAID.search(c)] if m), None)
            holder = said.group(1) if said else ""
        if holder and holder_col is None:
            holder = _APPOINTER.sub("", holder)
        holder = _posts_unit_name(holder, where, raw, out)
        got = refs(holder, where, raw, out.review, people=out.people) if holder else []
        if got:
            value["holder"] = got
        if duties is not None and cells[duties].strip():
            value["duties"] = [cells[duties].strip().rstrip("。") + "。"]
        out.posts.append(Found(value, where, quote(raw)))
        found = True
    return found


def _unit_lead(rest: str) -> re.Match | None:
    return next((m for pat in _UNIT_LEAD for m in [pat.search(rest)] if m), None)


def _unit_clause(clause: str) -> tuple[str, str | None, str] | None:
    """(name, lead, the rest) of a working group's own clause, or None: the name first and the lead anywhere after it,
    or the lead first ('由宣传科牵头成立舆论引导组')."""
    am = _UNIT_AFTER_LEAD.match(clause)
    if am:
        return am.group(2), am.group(1), am.group(3) or ""
    clause = re.sub(r"[（(]以下简称[^）)]{1,10}[）)]", "", clause)
    cm = _UNIT_FIRST.match(re.sub(r"^(?:成立|设立|组建|设置)", "", clause))
    if not cm or _org_no_name(cm.group(1)):   # '各小组由组长负责': no name
        return None
    name, rest = cm.group(1), cm.group(2)
    rest = re.sub(r"^[（(]([^）)]*)[）)][，,：:]?", r"\1，", rest)     # '专班（由政法委牵头），负责…', '组（局办公室牵头）：负责…'
    lead = _unit_lead(rest)
    if lead is not None:
        seat = re.search(r"设在([^，,。；;]{2,14}?(?:部|科|室|股|处|局|所|队|中心))(?=[，,。；;]|$)", rest)
        who = re.sub(r"^该(?:部|科|室|股|处|局|所|队|中心)", seat.group(1), lead.group(1)) if seat else lead.group(1)
        return name, who, rest      # '设在宣传推广部，由该部主任召集': 宣传推广部主任
    if clause[cm.end(1):cm.start(2)].strip() and re.match(r"(?:主要)?负责", rest) and _DUTIES_ONLY_UNIT.search(name):
        return name, None, rest     # '1、舆情研判组：负责研判。': no leader named (a review item)
    return None


def _each_dropped(holder: str) -> str:
    """A leader's or deputy's holder without a distributive 各 before it, as the post reader reads one: '各年级组长' is
    年级组长 (a unit's head: the unit stays), '各学院辅导员' 辅导员 (a staff title, the same in every unit: the unit goes),
    '各班班主任' 班主任."""
    if not re.fullmatch(r"各[\u4e00-\u9fff]{3,}", holder):
        return holder
    rest = re.sub(r"^(.)(?=\1)", "", holder[1:])
    m = re.match(r"^([\u4e00-\u9fff]{1,6}?[院校班室科处部局所站队级心区村镇乡县市厂司馆园系])"
                 r"((?![委成党学组])[\u4e00-\u9fff]{2,4}员)$", rest)
    return m.group(2) if m else rest


#: a group's own role word is no holder ('质量核查小组组长为…副主任委员': 组长 does not hold 副主任委员)
_ROLE_ONLY = re.compile(r"(?:常务|第一|执行)?副?组长|成员|组员")


def _bodies_entry_line(text: str, current: str) -> str:
    """An entry line set apart by wide spaces, not a colon ('组长　馆长', '副组长  X；Y'), or with the body's own kind
    before its head word ('专班主任：检察长' under a 专班, '指挥部副主任：…' under a 指挥部): the entry '组长：…'."""
    t = text.strip()
    m = re.match(rf"^({_DEPUTY_HEAD}|{_HEAD}|成员)(?:\u3000+|\s{{2,}}|\s(?=[^，,。:：]+$))(?=[^\s:：])", t)
    if m:
        return f"{m.group(1)}：{'、'.join(p.strip() for p in re.split(r'[；;]', t[m.end():]) if p.strip())}"
    kind = re.search(r"(专班|工作组|小组|指挥部|队)$", current)
    m = re.match(rf"^{kind.group(1)}(常务)?(副)?(?:主任|负责人)[:：]", t) if kind else None
    if m:
        return f"{m.group(1) or ''}{m.group(2) or ''}组长：{t[m.end():]}"
    return text


def is_unit_entry(title: str, text: str) -> bool:
    """Whether a numbered item's title and the first clause of its text are a working group's own clause (an entry,
    not a section): '宣传引导组' then '宣传信息股为牵头股室，负责…'; not '…专班' then '街道成立…专班，由…任总召集人'."""
    return _unit_clause(f"{title}：{re.split(r'[，,。；;]', text, maxsplit=1)[0]}") is not None


#: a paragraph opening with a unit's name: (its number's shape, the name, the separator after it)
_OPENS_UNIT = re.compile("^" + rf"({_MARK}{_ITEM_NO})({_UNIT_NAME})\s*(——|—|[：:]|[（(]|\s)")


def _org_no_name(name: str) -> bool:
    """Whether a unit's name as read is no group's own name ('领导小组下设三个工作组', '各小组', '专班')."""
    return bool(_GENERIC_GROUPS.match(name) or re.search(r"下设|分设|成立|设立|组建|领导|[的和、]", name)
                or re.match(r"(?:各|本|该|每个?|相关|上述|其他|其余|有关|所在)", name))


def _unit_opening(text: str) -> tuple[tuple[str, str, str], str, str] | None:
    """(shape, name, the rest) of a paragraph opening with a unit's name: the shape is its number's form, the kind
    of unit and the separator ('（N）…组：'), the same for every sibling of a list."""
    m = _OPENS_UNIT.match(text.strip())
    if m is None or _org_no_name(m.group(2)):
        return None
    kind = re.search(rf"{_UNIT_END}$", m.group(2)).group(0)
    shape = (re.sub(r"[一二三四五六七八九十\d]+", "N", m.group(1).strip()), kind, m.group(3).strip()[:1])
    return shape, m.group(2), text.strip()[m.end():]


def _siblings(b: Block) -> set[int]:
    """The paragraphs of a section that are working groups by their siblings: in a run of paragraphs opening alike
    (the same number's form, kind of unit and separator), when one is read as a body every other is a body too
    ('医患沟通小组——…' beside '宣传应对小组——党政办牵头，…'), its lead whatever its clause says, or none."""
    shapes = {i: o for i, (t, _) in enumerate(b.paras) if row_cells(t) is None and (o := _unit_opening(t))}
    known = {o[0] for i, o in shapes.items() if _unit_clause(re.split(r"[；;。]", b.paras[i][0].strip())[0]) is not None}
    return {i for i, o in shapes.items() if o[0] in known}


def _unit_clauses(text: str, where: int, body, out: Extraction, sibling: bool = False) -> tuple[str, Found | None]:
    """The working groups of a paragraph, one to a clause ('；' '。'), a name alone before its lead's clause
    ('（1）综合协调组。由局办公室牵头，负责…'): each with its leader, deputies and duties.  Returns the text left for the
    sentence rules (the groups' clauses removed) and the last group found."""
    left: list[str] = []
    group: Found | None = None
    clauses = [c.strip() for c in re.split(r"(?<=[；;。])", text) if c.strip()]
    i = 0
    while i < len(clauses):
        raw = clauses[i]
        clause = re.sub(r"^[^：:]{0,20}?(?:下设|分设|设立|设)[^：:]{0,12}[：:]", "", raw.rstrip("；;。"))
        dm = _GROUP_DUTY.match(clause)
        if dm and group is not None:
            group.value.setdefault("duties", []).append(dm.group(1).strip().rstrip("。") + "。")
            i += 1
            continue
        de = re.match(rf"^{_DEPUTY_HEAD}[:：]\s*(.+)$", clause)
        if de and group is not None:    # '应急处置组。组长：…；副组长：甲、乙'
            group.value["deputies"] = refs(de.group(1), where, raw, out.review, people=out.people)
            i += 1
            continue
        found = _unit_clause(clause)
        if found is None and (intro := re.match(r"^[^：:。]{2,40}[：:]\s*(?=\S)", clause)):
            found = _unit_clause(clause[intro.end():])     # '领导小组视情启动两个工作小组：核查组由…牵头'
        if found is None and group is not None and not group.value.get("leader") and \
                (lm := next((m for pat in _LEADER for m in [pat.search(clause)] if m), None)):
            group.value["leader"] = refs(lm.group(1), where, raw, out.review, people=out.people)    # '…。组长由X担任。'
            i += 1
            continue
        if found is None and sibling and i == 0 and (o := _unit_opening(clause)):
            lead = _unit_lead(o[2])
            found = (o[1], lead.group(1) if lead else None, o[2])
        if found is None and i + 1 < len(clauses) and _GROUP_LINE.match(clause):
            found = _unit_clause(clause + "。" + clauses[i + 1].rstrip("；;。"))
            if found is not None:
                raw, i = raw + clauses[i + 1], i + 1
        if found is None:
            group = None
            left.append(raw)
            i += 1
            continue
        name, lead, rest = found
        group = body(name, where, raw)
        got = refs(lead, where, raw, out.review, people=out.people) if lead else []
        if got and not group.value.get("leader"):
            group.value["leader"] = got
        for pat in _DEPUTY:
            dep = pat.search(rest)
            if dep and (d := [_each_dropped(x) for x in refs(dep.group(1), where, raw, out.review, people=out.people)
                              if not _ROLE_ONLY.fullmatch(x)]):
                group.value["deputies"] = d
                break
        du = _DUTY.search(rest) or re.match(r"((?:主要)?负责[^。；;]+)", rest)
        if du:
            group.value.setdefault("duties", []).append(du.group(1).strip().rstrip("。") + "。")
        i += 1
    return "".join(left), group


def _heads_groups(b: Block) -> bool:
    """'（三）处置小组' over '- 医疗核查组　组长：…' '- 护理服务组　组长：…': a heading over working groups, each with
    its own clause, is no body of its own; so is one over groups each named alone before its lead's clause ('（三）专业工作组'
    over '核查组。组长为…' '舆论引导组。宣传部牵头，…'), as the paragraphs are read (``_unit_clauses``)."""
    def opens(c: str) -> bool:
        return _unit_clause(re.sub(r"^[^：:，,]{2,30}[：:]\s*", "", c.strip())) is not None or _unit_clause(c.strip()) is not None

    def named_alone(t: str) -> bool:
        cs = [c.strip() for c in re.split(r"[；;。]", t) if c.strip()]
        return len(cs) > 1 and _GROUP_LINE.match(cs[0]) is not None and _unit_clause(f"{cs[0]}。{cs[1]}") is not None
    firsts = [c for t, _ in b.paras[:3] if row_cells(t) is None for c in re.split(r"[；;。]", t)]
    alone = sum(1 for t, _ in b.paras[:3] if row_cells(t) is None and named_alone(t))
    return sum(1 for c in firsts if opens(c)) + alone >= 2


def _bodies_and_posts(blocks: list[Block], out: Extraction) -> None:
    ids: set[str] = set()
    post_ids: set[str] = set()
    by_name: dict[str, Found] = {}

    def body(name: str, where: int, src: str) -> Found:
        name = name.strip().replace("下设办公室", "办公室")
        name = re.sub(r"^(?:以|由)[^，,。；;]{2,40}?的(?=[^的]{4,}$)", "", name)     # '以党委书记为组长的…领导小组'
        if _body_type(name) == "office" and name in ("办公室", "领导小组办公室"):
            known_office = next((f for f in out.bodies if f.value["type"] == "office"), None)
            if known_office is not None:
                return known_office
        for known, f in by_name.items():
            if known == name or (len(name) >= 4 and (known.endswith(name) or name.endswith(known))):
                if len(name) > len(f.value["name"]) and name.endswith(f.value["name"]):
                    f.value["name"] = name      # the longest name the text gives ('指挥部' then '网络舆情应急处置指挥部')
                    by_name[name] = f
                return f
        kind = _body_type(name)
        f = Found({"id": _new_id(_BODY_IDS[kind], ids), "name": name, "type": kind}, where, quote(src))
        by_name[name] = f
        out.bodies.append(f)
        return f

    for b in blocks:
        current: Found | None = None
        if b.title and len(b.title) <= 20 and _HEADING_BODY.search(b.title) and not _GENERIC_GROUPS.match(b.title) \
                and not _heads_groups(b):
            current = body(b.title, b.where, b.title)
            duties = [_GROUP_DUTY.sub(r"\1", x) for t, _ in b.paras if not re.match(r"^(?:(?:常务)?副?组\s*长|成\s*员)[:：]", t)
                      for x in re.split(r"[；;]", t) if x.strip()]
            if duties:
                current.value.setdefault("duties", []).extend(d.strip().rstrip("。") + "。" for d in duties)
        entry = None    # the label of the last entry line ('副组长'), for a line holding only its next holder
        open_entry = None   # the label of an entry line holding no holder ('副总指挥：'), its holders on the lines below
        by_entry: set[tuple[int, str]] = set()      # (body, field) set by an entry line of this section
        siblings = _siblings(b)
        for pi, (text, where) in enumerate(b.paras):
            if row_cells(text) is not None:
                continue    # a table row: read as a table below
            in_para: set[tuple[int, str]] = set()    # (body, field) set by a clause of this paragraph
            text = re.sub(r"(?<=[组成])[ \u3000]+(?=[长员])", "", unemphasise(text))     # '组  长：', '成  员：'
            # '（组长：办公室副主任）负责…' under a group's name: the entry '组长：…', then its duties
            text = re.sub(rf"^[（(]((?:{_DEPUTY_HEAD}|{_HEAD}|{_LEAD_WORD}|负责人)[:：][^（()）]+)[）)][，,：:]?\s*", r"\1。", text)
            # '（一）舆情值守办公室。设在馆办公室，…', '（1）舆情研判中心。设在…': a numbered entry naming an office or a unit, then
            # where it is seated
            text = re.sub(rf"^{_MARK}{_ITEM_NO}([^，,。；;：:（(]{{2,20}}(?:办公室|{_UNIT_END}))[。.．：:]\s*(?=设在|设于|挂靠|依托|放在)",
                          r"\1", text)
            text = _bodies_entry_line(text, current.value["name"] if current is not None else "")
            item = re.sub(rf"^\s*{_MARK}", "", text).strip()
            if entry and all(split_name(text)):      # '副组长：赵 明 分管办公室副局长' then '孙卫东　分管防汛抗旱副局长'
                text = f"{entry}：{text.strip()}"
            elif open_entry and item and len(item) <= 30 and not re.search(r"[，,。；;：:]", item):
                text = f"{open_entry}：{item}"      # '副总指挥：' then its holders one a line ('- 分管文物的副局长')
            text = re.sub(rf"^\s*{_MARK}(?=(?:{_DEPUTY_HEAD}|{_HEAD}|成员)[:：])", "", text)     # '- 常务副组长：…'
            em = re.match(rf"^((?:第一)?(?:{_DEPUTY_HEAD}|{_HEAD}|成员))[:：]", text.strip())
            entry = em.group(1) if em else None
            # an entry with nothing after its colon: the lines below hold its holders
            open_entry = entry if em and (not text.strip()[em.end():].strip() or open_entry == entry) else None
            # '…镇党委书记 副组长：…', '组长：综合科科长，副组长：宣传干事': the next entry begins after a space or a comma
            text = re.sub(rf"(?:\s+|[，,])(?=(?:{_DEPUTY_HEAD}|{_HEAD}|成员)[:：])", "；", text)
            if re.match(rf"^(?:{_DEPUTY_HEAD}|{_HEAD}|成员)[:：]", text.strip()):
                # '副组长：局党组副书记、副局长；分管新闻宣传的副局长': a semicolon between the holders of one entry
                text = re.sub(r"[；;](?![^，,。；;：:]{0,8}[:：])(?=.)", "、" + _ORG_HOLDER_BREAK, text)
            gl = _GROUP_LINE.match(text.strip())
            if gl and not _GENERIC_GROUPS.match(gl.group(1)) and not re.search(r"领导(?:小)?组$", gl.group(1)):
                current = body(gl.group(1), where, text)
                continue
            gd = _GROUP_DUTY.match(text.strip())
            if gd and current is not None and current.value["type"] == "working_group":
                current.value.setdefault("duties", []).append(gd.group(1).strip().rstrip("。") + "。")
                continue
            # the line after a working group's name: '牵头：总编室' alone, or its lead opening a sentence ('由党政办牵头，…')
            le = _UNIT_LEAD_ENTRY.match(text.strip())
            opened = re.sub(r"^[（(]([^）)]*)[）)][，,：:]?", r"\1，", text.strip())    # '（组长：X）负责…'
            lead = le or (next((m for pat in _UNIT_LEAD for m in [pat.match(opened)] if m), None)
                          if current is not None and not current.value.get("leader")
                          and _unit_clause(text.strip()) is None else None)
            if lead and current is not None and current.value["type"] == "working_group":
                got = refs(lead.group(1), where, text, out.review, people=out.people)
                if got:
                    current.value["leader"] = got
                if le:
                    continue
            for gm in _BRACKET_LEADS.finditer(text):     # '综治维稳组（镇综治中心牵头）、群众工作组（镇信访办牵头）'
                if _org_no_name(gm.group(1)):
                    continue
                g = body(gm.group(1).lstrip("、和及与"), where, text)
                g.value.setdefault("leader", refs(gm.group(2), where, text, out.review, people=out.people))
            if current is not None and current.value["type"] == "working_group" and not current.value.get("leader") and \
                    (hm := re.search(rf"(?:^|[。；;])\s*(?:专班|小组|工作组|组|队)?(?:{_LEAD_WORD}|{_NOT_DEPUTY}{_CHIEF})[:：]\s*"
                                     r"([^，,。；;]{2,24})(?=[。；;]|$)", text.strip())):
                current.value["leader"] = refs(hm.group(1), where, text, out.review, people=out.people)     # '…。专班负责人：X。'
            text, group = _unit_clauses(text, where, body, out, sibling=pi in siblings)
            current = group or current
            for s in sentences(text):
                m = _BODY_NAME.search(s)
                if m and not re.match(r"(?:[一二两三四五六七八九十\d]+|若干)[个支类]", m.group(1)) \
                        and not _GENERIC_GROUPS.match(m.group(1)) and not _INTRODUCES.search(s):      # '成立以下工作组：' names none     # '设立四个工作组': a count
                    current = body(m.group(1), where, s)
                    rest = s[m.end():]
                    # '…组成舆情应对工作专班，由院办主任负责日常调度': a unit or title leading it in the clause after
                    if not current.value.get("leader") and (lm := _LED_BY.match(rest)):
                        current.value["leader"] = refs(lm.group(1), where, s, out.review, people=out.people)      # '下设舆情监测组、舆论引导组、应急处置组三个工作组': each a body
                    while (more := re.match(rf"[、和及]({_UNIT_NAME})(?=[、和及，,。；;]|[一二两三四五六七八九十\d]+个)", rest)):
                        body(more.group(1), where, s)
                        rest = rest[more.end():]
                for cm in _BODY_CALLED.finditer(s):
                    current = body(re.sub(r"^(?:第[一二三四五六七八九十]+条)", "", cm.group(1)).strip(), where, s)
                sub = _SUB_OFFICE.search(s)
                sub_office = body(sub.group(1), where, s) if sub else None
                om = _OFFICE.search(s)
                if om:
                    name = (om.group(1) or "").strip()
                    office = sub_office or (by_name[name] if name in by_name and len(name) > 3 else None) \
                        or body(_office_name(name, s), where, s)
                    office.value["seat"] = om.group(2).strip()
                    dm = _DUTY.search(s[om.end():])
                    if dm:
                        office.value.setdefault("duties", []).append(dm.group(1).strip() + "。")
                office_head = False
                if (olh := _bodies_office_head(s)) is not None:
                    own = (om.group(1) or "").strip() if om else ""
                    office = sub_office or (by_name[own] if own in by_name and len(own) > 3 else None) \
                        or body(_office_name(own, s), where, s)
                    # '办公室主任由黄丽同志兼任': a person only, who holds the office's own head post
                    office.value["leader"] = refs(olh, where, s, out.review, people=out.people) or (
                        ["办公室主任"] if split_name(olh.removesuffix("同志"))[0] else [])
                    if (dep := _bodies_office_head(s, deputy=True)) is not None:
                        office.value["deputies"] = refs(dep, where, s, out.review, people=out.people)
                    office_head = True
                for field_name, patterns in (("leader", _LEADER), ("deputies", _DEPUTY), ("members", _MEMBER)):
                    for pat in patterns:
                        hits = list(pat.finditer(s))
                        if not hits:
                            continue
                        if field_name == "deputies":    # '甲任副总指挥，另一名副总指挥由乙担任': every way, in order
                            hits += [h for q in patterns if q is not pat for h in q.finditer(s)
                                     if not any(h.start(1) < k.end(1) and k.start(1) < h.end(1) for k in hits)]
                            hits.sort(key=lambda h: h.start(1))
                        pm = hits[0]
                        if office_head and "办公室" in pm.group(1) and field_name == "leader":
                            continue
                        target = current
                        if target is None and (named := _LEAD_BODY_FIRST.match(s)):
                            target = body(named.group(1), where, s)    # '指挥部总指挥由县长担任'
                        if target is None and "领导小组" in s:
                            target = body("领导小组", where, s)
                        if target is None:
                            out.review.append(Review(where, "导入没有认出这句话中的组长、副组长或成员属于哪个机构，没有写入", quote(s)))
                            break
                        got = [g for h in hits for g in refs(h.group(1), where, s, out.review, people=out.people,
                                                             joint=bool(re.search("双|共同", h.group(0))))
                               if not _ROLE_ONLY.fullmatch(g)]
                        if field_name != "members":
                            got = [_each_dropped(g) for g in got]     # '副组长为各年级组长'
                        if any("等" in g for g in got):
                            out.review.append(Review(where, f"导入没能拆分{target.value['name']}的成员，按原文整体写入，请拆分核对",
                                                     quote(s)))
                        if field_name == "leader" and target.value.get("leader") and all(_LEAD_UNIT_HEAD.match(g) for g in got):
                            got = []    # '各组组长由牵头单位主要负责人担任': the lead unit already named is the leader
                        # entry lines add up ('第一组长：…', '组长：…'), and so do the clauses of one paragraph naming one
                        # field of one body ('常务副组长：X；副组长：Y')
                        if got and ((entry and (id(target), field_name) in by_entry) or (id(target), field_name) in in_para):
                            target.value[field_name] += [g for g in got if g not in target.value[field_name]]
                        elif got:
                            target.value[field_name] = got     # a lead unit read before ('牵头：综合科') gives way
                        if got:
                            in_para.add((id(target), field_name))
                        if got and entry:
                            by_entry.add((id(target), field_name))
                        break
    # named posts, in every sentence (a working group's own clause too: '网络引导队：…，队内设网评员10名')
    first_post = len(out.posts)
    for b in blocks:
        for i, (text, where) in enumerate(b.paras):
            if POST_TITLE.match(text.strip()) and i + 1 < len(b.paras) and row_cells(b.paras[i + 1][0]) is None:
                text = f"{text.strip().rstrip('：:')}：{b.paras[i + 1][0]}"     # '学校新闻发言人' then '由…担任，…'
            if row_cells(text) is None:
                sents = sentences(text)
                for k, s in enumerate(sents):
                    if k + 1 < len(sents) and POST_TITLE.match(s.strip().rstrip("。.．")):
                        s = f"{s.strip().rstrip('。.．')}：{sents[k + 1]}"    # '（二）舆情联络员。一般由…担任。'
                    _sentence_posts(s, where, post_ids, out)
    _post_later(out, first_post)
    # tables: working groups with their leader ('| 工作组 | 组长 | 职责 |'), posts with their holder and duties
    # ('| 岗位 | 人员 | 职责 |'); a contact list (names and phones) is neither
    for b in blocks:
        def target(b=b) -> Found:
            if b.title and _HEADING_BODY.search(b.title) and not _GENERIC_GROUPS.match(b.title):
                return body(b.title, b.where, b.title)
            return next((f for f in reversed(out.bodies) if f.value["type"] == "leading_group"), None) or \
                body("领导小组", b.where, b.title)
        for rows in tables(b.paras):
            if len(rows) > 1 and not _is_contact_table(rows[0][0]):
                _leader_table(rows, target, out) or _group_table(rows, body, out) or _post_table(rows, post_ids, out)
            elif len(rows) > 1 and _posts_column(rows):
                _post_table(rows, post_ids, out)    # '| 岗位 | 人员 | 联系电话 |': the posts, the people to the draft
    # a post named only as the one who acts ('信息员每日浏览辖区论坛。'): the post, its holder left open
    for b in blocks:
        for text, where in b.paras:
            for s in sentences(text):
                pm = re.match(rf"^(?:{_LIST_MARK.pattern[1:]})?(?:[^，,。；;]{{0,8}}?[。.．])?({_POST_NAMES})(?:应|要|须|每|负责|在|于)", s)
                if pm and not any(pm.group(1)[-3:] in f.value["name"] for f in out.posts):
                    role = next((r for word, r in _ROLES if word in pm.group(1)), "other")
                    out.posts.append(Found({"id": _new_id(role, post_ids), "name": pm.group(1), "role": role},
                                           where, quote(s)))
    # '下设综合协调组、舆情监测组、应急处置组三个工作组，分别由党政办、宣传统战办、平安办负责': the n-th unit leads the
    # n-th group named in the same sentence (only when the two lists are as long as each other)
    for b in blocks:
        for text, _where in b.paras:
            for s in sentences(text):
                dm = _RESPECTIVELY.search(s)
                if not dm:
                    continue
                names = [x for x in re.split(r"[、和及]", dm.group(1)) if x]
                units = [x.strip() for x in re.split(r"[、和及]", dm.group(2)) if x.strip()]
                if len(names) < 2 or len(names) != len(units):
                    continue
                for name, unit in zip(names, units, strict=True):
                    f = next((f for f in out.bodies if f.value["name"] == name), None)
                    if f is not None and (not f.value.get("leader") or all(x in dm.group(2) or dm.group(2) in x for x in f.value["leader"])):
                        f.value["leader"] = [unit]     # not the whole list, as a clause of the first group read it
    for f in out.bodies:
        if f.value["type"] == "office" and "seat" not in f.value and "leader" not in f.value and not f.value.get("duties"):
            out.review.append(Review(f.where, f"导入没有找到{f.value['name']}设在哪里、由谁负责", f.quote))
        elif not f.value.get("leader"):     # every body found without its leader
            head = {"leading_group": "组长", "office": "主任（负责人）"}.get(f.value["type"], "负责人")
            out.review.append(Review(f.where, f"导入没有找到{f.value['name']}的{head}（leader 未填）", f.quote))
    _unheld_posts(out)


#: '不另设新闻发言人', '暂不设置信息员': a post said not to be
_NEGATED = re.compile(r"(?:不|无|未|没有|无需|暂不)[^，,。；;]{0,4}$")
#: '每个班级1名', '若干名': a count, not a holder
_COUNT_ONLY = re.compile(rf"^(?:每[^，,。；;]{{0,6}}?)?(?:{_COUNT}|\d+人)$")


def _post_holder(holder: str, s: str, end: int) -> str:
    """A post's holder without what surrounds it: who appoints ('镇党政办指定一名'), where ('各分公司由…'), how often
    ('轮流'); a count ('每个班级1名') is none, the holder then named after it ('每个班级1名，由班级心理委员兼任')."""
    holder = re.sub(_POST_EACH, "", _post_bare(holder))  # '各网点的大堂经理', '每所学校的德育主任'
    holder = re.sub(r"^各(?=[\u4e00-\u9fff]{3})", "", holder)    # '各派出所所长为本所舆情联络员'
    holder = re.sub(r"^(.)(?=\1)", "", holder)     # '各班班主任': each class's 班主任
    holder = _APPOINTER.sub("", holder.rsplit("由", 1)[-1])
    holder = re.sub(r"(?:同时|另行|另|也)$", "", re.sub(_POST_EACH, "", holder))      # '网格员同时担任本网格舆情信息员'
    if _COUNT_ONLY.match(holder):
        by = re.match(r"[，,]\s*由([^，,。；;]{2,20}?)(?:同志)?(?:担任|兼任)", s[end:])
        holder = by.group(1) if by else ""
    return holder


#: what may stand before a holder and is no part of it: a list mark ('- ', '1. ', '（二）'), a hedge ('一般为', '通常由',
#: '原则上由'), whatever the writer's words
_POST_LEAD = re.compile(rf"^{_MARK}{_ITEM_NO}\s*(?:(?:一般|通常|平时|日常)应?(?:为|是|由)"       # not '一般干部'
                        r"|(?:原则上|通常情况下|一般情况下)应?(?:为|是|由)?)?\s*")


#: each unit's ('各网点的', '每个班级的', '每所学校的'): whose holder it is, no part of the holder
_POST_EACH = r"^(?:每一?[个所家位级类间座支]?|各)[^，,。；;的]{1,6}的"


def _post_bare(holder: str) -> str:
    """A holder without a list mark or a hedge before it ('- 分管副局长', '一般为综合办公室主任', '原则上由副县长')."""
    return _POST_LEAD.sub("", holder.strip(), count=1).strip()


#: a clause that sets a post up, its holder perhaps in the next clause ('设新闻发言人一名，由分管副主任兼任')
_SETS_UP = re.compile(rf"(?:设|设立|设置|配备|{_POSTS_CHOOSE})")
#: the verbs tying a holder written before its post ('X担任Y', 'X兼任本所Y', 'X为Y', 'X作为Y', 'X任Y')
_TIE = (rf"(?:同志)?(?:[一1][人名])?(?:担任|兼任|出任|充任|兼做|兼当|作为|充当|(?<![作成认])为|{_AS}"
        r"|兼(?![顾具有备])|(?<![工合协操创制写动当称])作(?![为出好业用风品答]))")
#: 'X是本所Y': a copula ties a holder only when what stands before it is a title or unit ('当前的工作是…' is none)
_POSTS_IS = re.compile(r"^(.+?)(?<![就也都但而还即正只若于凡总要可应或尤不])是([^，,。；;由担兼为任是]{0,12})$")
#: 'X（兼Y）', 'X（兼任本院Y）': the post in brackets after its holder
_POSTS_BRACKET_OF = re.compile(r"^(.+?)[（(](?:兼任?|兼职)[^（()）]{0,8}$")
#: '从青年教师中选聘Y4名', '在党员中推选Y': the pool a post's holders are chosen from
_POSTS_POOL = re.compile(rf"(?:从|在)([^，,。；;从在]{{2,20}}?)中{_POSTS_CHOOSE}(?:{_COUNT})?$")
#: a clause that is only '担任/作为…Y': its holder is chosen in the clause before ('确定内勤一名，担任本部门Y')
_POSTS_OWNERLESS = re.compile(rf"^\s*(?:并|同时|另|专门)?{_TIE}[^，,。；;]{{0,12}}$")
#: notes after a holder, no part of it: concurrent ('（兼）', '（兼职）'), who appoints or recommends ('（由…指定）'), or a
#: remark that is a clause of its own, someone else acting ('（不在时由常务副总经理代行）', '（Ⅰ级舆情由院长亲自发布）') or a
#: case set ('（出差期间…）', '（特殊情况下…）'); a qualifier ('（分管社会事务）') stays
_POSTS_NOTE = re.compile(r"\s*[（(](?:兼|兼任|兼职|[^（()）]*(?:由|时|期间|情况下|[，,]|指定|推荐|任命|选派|委派|备案)[^（()）]*)[）)]$")
#: a note right after a post saying how it is held ('舆情监测员（兼）：', '信息员（兼职）', '（专职）'): what follows is read
_POST_OWN_NOTE = re.compile(r"^\s*[（(](?:兼|兼任|兼职|专职|专人|轮值|轮岗)[）)]")
#: who organises the holder, no part of it ('团委组织青年驾驶员担任…'; a noun is none: '组织部干部', '党组织书记')
_POST_ORGANISER = re.compile(r"^[^，,。；;]{2,20}?(?:(?<![党团层会])组织|动员|发动)(?![部委科处股办书])(?=[\u4e00-\u9fff]{2})")
#: '由X担任', '由X兼任', '由X组成' after a post
_BY = re.compile(r"^(?:[^，,。；;由]{0,6}?)由([^，,。；;]{2,30}?)(?:同志)?(?:轮流|轮值|共同)?(?:担任|兼任|组成(?!员))")


def _clauses(s: str) -> list[str]:
    """The clauses of a sentence, split at '，；。' outside brackets ('院新闻发言人（党总支书记，兼）' is one clause)."""
    out, depth, cur = [], 0, ""
    for ch in s:
        depth += ch in "（(" and 1 or -(ch in "）)" and depth > 0)
        if ch in "，,；;。" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [c for c in [*out, cur] if c.strip()]


def _holders_near(clauses: list[str], ci: int, pm: re.Match) -> list[str]:
    """Who may hold the post matched by ``pm`` in clause ``ci``, nearest tie first: after the post '（X）', '：X',
    '由X担任/兼任/组成', '为/是X'; before it 'X担任/兼任/为/作为/任…Y', '由X以Y身份'; or, when the clause only sets the
    post up ('设Y一名'), '由X担任' in one of the next two clauses."""
    c = clauses[ci]
    before, after = c[:pm.start()], _POST_OWN_NOTE.sub("", c[pm.end():], count=1)
    out: list[str] = []
    if (m := re.match(rf"^\s*(?:{_COUNT}|\d+人)?\s*[（(]([^（()）]{{2,30}})[）)]", after)) and not _POSTS_NOTE.fullmatch(m.group(0)):
        out.append(m.group(1))
    if m := re.match(r"^\s*[:：]\s*(.+)$", after):
        out.append(m.group(1))
    if (m := re.match(r"^(?:\s*(?:——|—|－|--)\s*|[\s\u3000]{1,4})(\S.*)$", after)) and not before.strip(" -*•·") \
            and _is_title(_holder_clean(m.group(1), c) or "的"):
        out.append(m.group(1))      # '新闻发言人——分管副局长', '新闻发言人　分管副局长' (an entry, a title after it)
    if m := _BY.match(after):
        out.append(m.group(1))
    if m := re.match(rf"^(?:从|在)([^，,。；;从在]{{2,20}}?)中{_POSTS_CHOOSE}", _post_bare(after)):
        out.append(m.group(1))      # 'Y原则上从各科室业务骨干中确定'

    if re.match(r"^的?身份", after) and (m := re.search(r"由([^，,。；;由]{2,30}?)(?:同志)?以$", before)):
        out.append(m.group(1))
    if (m := _POSTS_BRACKET_OF.match(before)) and re.match(r"^\s*[）)]", after):
        out.append(m.group(1))
    if m := re.match(rf"^(.+?){_TIE}([^，,。；;由担兼为任]{{0,12}})$", before):
        out.append(m.group(1))
    if (m := _POSTS_IS.match(before)) and _is_title(_holder_clean(m.group(1), c) or "的"):
        out.append(m.group(1))
    if m := _POSTS_POOL.search(before):
        out.append(m.group(1))
    if ci > 0 and _POSTS_OWNERLESS.match(before):
        prev = clauses[ci - 1].strip()
        if _APPOINTER.match(prev) or _is_title(prev) and len(prev) <= 12:
            out.append(prev)
    if (m := re.match(r"^(?:为|是)([^，,。；;]{2,30})$", after)) and (
            "的" not in m.group(1) or _ENDS_IN_POST.search(_POSTS_NOTE.sub("", m.group(1)))):
        out.append(m.group(1))      # '…为分管宣传工作的副局长' (a title), not '为本单位的…'

    rest = re.sub(rf"^(?:{_COUNT}|岗位|队伍|\d+人)", "", after.strip())
    if not rest or _COUNT_ONLY.match(re.sub(r"^[:：]\s*", "", rest)):
        for nxt in clauses[ci + 1:ci + 3]:
            if m := re.match(r"^\s*[^，,。；;由担兼]{0,4}?由([^，,。；;]{2,30}?)(?:同志)?(?:担任|兼任|组成(?!员))", nxt):
                out.append(m.group(1))
                break
            if m := re.match(rf"^\s*(?:一般|原则上|通常)?(?:由[^，,。；;从在]{{2,12}})?(?:从|在)([^，,。；;从在]{{2,20}}?)中{_POSTS_CHOOSE}", nxt):
                out.append(m.group(1))      # '网评员若干名，从各支部青年党员中选派'
                break
            if "由" in nxt:
                break
    return out


def _post_pool(holder: str) -> str:
    """'从X中确定一人': the pool X holds the post; 'X从Y中推选Z一名': the one chosen, Z, when named."""
    m = re.match(rf"^.{{0,8}}?从([^，,。；;]{{2,20}}?)中({_POSTS_CHOOSE})?(.*)$", holder)
    if not m:
        return holder
    chosen = re.sub(rf"(?:{_COUNT}|[一1][人名])$", "", re.sub(rf"^(?:{_COUNT}|[一1][人名])", "", m.group(3).strip()))
    return chosen if m.group(2) and len(chosen) >= 2 and _holder_like(chosen) else m.group(1)


def _holder_clean(holder: str, s: str) -> str:
    """A holder without a count before it ('一名医疗秘书') and with a name in brackets after its title set beside it
    ('当日带班科长（谢文斌）': the name then goes to the roster draft)."""
    holder = _ROSTER_LABEL.sub("", _ROSTER_PHONE.sub("", holder).rstrip()) if _ROSTER_PHONE.search(holder) else holder
    holder = _post_pool(re.split(r"[:：]", holder)[-1].strip())
    holder = _POSTS_NOTE.sub("", holder)
    holder = _post_holder(_POST_ORGANISER.sub("", holder), s, len(s))
    holder = re.sub(rf"^(?:每[^，,。；;]{{0,6}}?)?(?:{_COUNT}|\d+人)", "", holder)
    holder = re.sub(r"^各(?=[\u4e00-\u9fff]{2})", "", re.sub(rf"(?:[一1][人名]|{_COUNT})$", "", holder))
    m = re.match(rf"^(.+?)[（(]({_PERSON})[）)]$", holder)
    return f"{m.group(1)}{m.group(2)}" if m and _is_name(re.sub(r"\s", "", m.group(2))) else holder


#: what no holder is: a duty or a manner ('负责…', '统一…'), a clause, anything longer than a title
_NOT_HOLDER = re.compile(r"^(?:负责|做好|开展|组织|对|向|在|将|把|及时|统一|按照|根据|经|如|对外|其他|相关人员$"
                         r"|或|含|包括|以下|下同|简称)")       # '新闻发言人（或其授权人）': a remark, no holder


def _holder_like(h: str) -> bool:
    # '办公室负责为新闻发言人提供口径': 为 after a verb or a modal is 'for', the words before it hold nothing
    return 2 <= len(h) <= 24 and not _NOT_HOLDER.match(h) and h[-1] not in "的了地和与及" \
        and not re.search(r"(?:负责|协助|配合|专门|及时|主动|应|要|须|需|将|可|能|并)$", h)


def _post_runs(c: str) -> list[list[re.Match]]:
    """The post words of a clause, those listed together ('新闻发言人、舆情联络员分别由…', '新闻发言人和网评员均由…')
    in one run: they share the tie written after the last of them."""
    runs: list[list[re.Match]] = []
    for pm in re.finditer(_POST_NAMES, c):
        if runs and re.fullmatch(r"\s*(?:[、和与及]|以及)\s*", c[runs[-1][-1].end():pm.start()]):
            runs[-1].append(pm)
        else:
            runs.append([pm])
    return runs


def _post_share(run: list[re.Match], holder: str, after: str) -> list[str]:
    """The holder of each post of a run: the n-th of as many holders after '分别', else the one holder of them all."""
    parts = [p for p in re.split(r"[、和与及]", holder) if p]
    if len(run) > 1 and "分别" in after and len(parts) == len(run):
        return parts
    return [holder] * len(run)


def _sentence_posts(s: str, where: int, post_ids: set[str], out: Extraction) -> None:
    """The named posts of a sentence, each once, read clause by clause: every post word ('…发言人', '…联络员',
    '舆情…员') tied to a holder, the nearest title or unit tied to it on either side, or set up by the clause; posts
    listed together share the tie after the last; one cleaning for every holder (people's names go to the roster
    draft)."""
    seen: set[str] = set()
    clauses = _clauses(s)
    for ci, c in enumerate(clauses):
        for run in _post_runs(c):
            pm = run[-1]
            first = run[0]
            if _NEGATED.search(c[:first.start()]):
                continue
            holder = ""
            cands = _holders_near(clauses, ci, pm)
            if re.search(rf"{_TIE}[^，,。；;]{{0,12}}?{re.escape(pm.group(0))}", c[pm.end():]):
                continue        # '舆情信息员：各班班主任为本班舆情信息员': read where the post is tied
            for cand in cands:
                h = _holder_clean(cand, s)
                if _holder_like(h):
                    holder = h
                    break
            if not holder and re.match(rf"^\s*(?:同志)?(?:[一1][人名])?{_TIE}[^，,。；;]{{0,12}}?{_POST_NAMES}", c[pm.end():]):
                continue        # '客运值班员一人为当班舆情信息员': the holder of the post after it, no post
            entry = re.match(rf"^{_MARK}{_ITEM_NO}[^，,。；;：:]{{0,6}}$", c[:first.start()]) and re.match(r"^\s*[:：]", c[pm.end():])
            if not holder and not entry and not _SETS_UP.search(c[:first.start()]):
                continue        # a post only mentioned ('由新闻发言人通报情况'): read as the one who acts, below
            for one, share in zip(run, _post_share(run, holder, c[pm.end():]), strict=True):
                post = re.sub(r"^发言人", "新闻发言人", one.group(0))     # '由副主任担任发言人': the spokesperson
                if post in seen:
                    continue
                seen.add(post)
                role = next((r for word, r in _ROLES if word in post), "other")
                value = {"id": _new_id(role if role != "other" else "post", post_ids), "name": post, "role": role}
                share = _posts_unit_name(share, where, s, out)
                pool = re.search(rf"(?:从|在){re.escape(share)}中", s) is not None     # '从A、B中推选': one pool
                got = refs(share, where, s, out.review, split=not pool, people=out.people) if share else []
                if got:
                    value["holder"] = got
                out.posts.append(Found(value, where, quote(s)))


def _post_later(out: Extraction, start: int) -> None:
    """A post set up without its holder ('设网络信息员一名。') and named again, shorter, with its holder in the next
    sentence or paragraph ('信息员由站办公室副主任担任'): one post, the holder of the second."""
    posts = out.posts[start:]
    for i, f in enumerate(posts):
        if f.value.get("holder"):
            continue
        nxt = next((g for g in posts[i + 1:] if g.value.get("holder") and g.where - f.where <= 1
                    and f.value["name"].endswith(g.value["name"]) and not any(
                        h.value["name"] == g.value["name"] for h in posts if h is not g and h is not f)), None)
        if nxt is not None:
            f.value["holder"] = nxt.value["holder"]
            out.posts.remove(nxt)


#: a unit's name ending in a unit word, then a person's name ('综合组胡晓琳', '监测科张晓梅同志')
_POST_UNIT_NAME = re.compile(r"^([\u4e00-\u9fff]{1,12}?(?:科|组|室|股|处|部|队|站|所|中心|办))([\u4e00-\u9fff]{2,3})(?:同志)?$")


def _posts_unit_name(holder: str, where: int, s: str, out: Extraction) -> str:
    """'办公室 李小红', '综合组胡晓琳同志': a unit, perhaps a space, and a person's name; the unit holds the post, the name
    goes to the roster draft."""
    if not re.search(r"\s", holder) and (m := _POST_UNIT_NAME.match(holder)) and _is_name(m.group(2)):
        holder = f"{m.group(1)} {m.group(2)}"
    got = _roster_person(holder) if re.search(r"\s", holder) else None
    if got is None or split_name(holder)[0] is not None:
        return holder
    out.review.append(Review(where, f"原文在单位旁写了姓名，预案中只写“{got[1]}”，姓名写入通讯录草稿", quote(s)))
    out.people.append(Person(got[0], got[1], where, quote(s)))
    return got[1]


def _unheld_posts(out: Extraction) -> None:
    """Every post found without its holder is a review item (wherever it was found: a sentence, a table, a post
    named only by its duties)."""
    for f in out.posts:
        if not f.value.get("holder"):
            out.review.append(Review(f.where, f"导入找到了{f.value['name']}，没有找到由谁担任（holder 未填）", f.quote))


# --------------------------------------------------------------------------- deadlines

_NUM = r"(?:\d+|[一二两三四五六七八九十]+)个半|\d+(?:\.\d+)?|[一二两三四五六七八九十半]+"     # '一个半小时' is 1.5
_UNIT = r"个工作日|工作日|分钟|个小时|小时|个自然日|自然日|日|天"
_WITHIN = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})\s*(?:内|以内|之内)")
_MAX = re.compile(rf"(?:不得|最长|最多|不能|不)?超过\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
_LATEST = re.compile(rf"(?:最迟|最长|最多)(?:不得|不能|不)超过\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
_CASE_LATEST = re.compile(rf"(?<=[，,])(?P<when>[^，,。；;]{{2,12}}的)[，,]\s*(?:最迟|最长|最多)(?:不得|不能|不)?超过\s*"
                          rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
#: '情况复杂的，可延长至5个工作日': an extended limit (no 内 after it); its event is the extension itself
_EXTEND = re.compile(rf"延长(?:至|到)\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
#: '首次回应不迟于发现后12小时', '不晚于…4小时': the latest time, written after what must be done
_NO_LATER = re.compile(rf"不(?:得|能|应|可)?(?:迟|晚)于[^，,。；;\d]{{0,8}}?(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
#: '每48小时续报一次', '每隔2小时续报一次': a repeating interval, a limit when its clause says what is reported
_DL_EVERY = re.compile(rf"每(?:隔)?\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")


def _bounds(s: str, m: re.Match) -> bool:
    """Whether a limit without 内 bounds a duty: '最迟不超过10分钟', '延长至10个工作日', or a '不超过24小时' followed by
    what must be done in its clause ('原则上不超过24小时作出首次回应'; not '持续传播不超过24小时')."""
    if m.re in (_EXTEND, _NO_LATER) or _LATEST.match(s, max(0, m.start() - 2)) or _LATEST.match(s, m.start()):
        return True
    clause = _dl_clause_after(s, m.end())
    return _EVENT_RE.search(clause) is not None or _dl_subject(s, m.start()) is not None


def _dl_own_latest(s: str, m: re.Match, hits: list) -> bool:
    """'立即电话报告，最迟不超过10分钟': a latest time opening its clause is a limit of its own when the clause before it
    says what must be done and holds no limit ('3个工作日内答复，最长不超过7个工作日' is that limit's max)."""
    start = _dl_clause_start(s, m.start())
    own = _dl_clause_after(s, m.end())
    if any(not _dl_step(s, a) for a in _EVENT_RE.finditer(s, m.end(), m.end() + len(own))) \
            and not any(h.start() == m.start() for h, _ in hits) \
            and not any(c.end() == m.end() for c in _CASE_LATEST.finditer(s)):     # read with its case there
        return True     # '3小时内发布…，最迟不超过24小时召开新闻发布会': what it bounds is written after it
    if s[start:m.start()].strip() or start == 0:
        return False
    before = _dl_clause_start(s, start - 1)
    return _EVENT_RE.search(s, before, start) is not None and not any(before <= h.start() < start for h, _ in hits) \
        and not any(h.start() == m.start() for h, _ in hits)


def _dl_no_duty(s: str, m: re.Match, own: str) -> bool:
    """Whether a limit of no known event is no duty of the plan: a target, a bare completion of some work (no body of
    the plan acting), or staff's promise to arrive (see _DL_TARGET)."""
    lead = s[_dl_clause_start(s, m.start()):m.start()]
    body = _DL_BODY.search(lead) is not None or re.search(r"[室科股处部局所]\s*(?:应|须|要)?\s*(?:在|于)\s*$", lead) is not None
    return bool(_DL_TARGET.search(lead)) or not body and (_DL_DONE_ONLY.match(own) or _DL_ARRIVE.match(own)) is not None


def _dl_clause_start(s: str, at: int) -> int:
    return max(s.rfind(c, 0, at) for c in "，,。；;：:") + 1


def _dl_clause_after(s: str, at: int) -> str:
    """The rest of the clause from ``at``: up to the next '，；。' (a limit's own clause after it)."""
    return re.split(r"[，,。；;]", s[at:], maxsplit=1)[0]


def _dl_subject(s: str, at: int) -> re.Match | None:
    """The event word that is the subject of a limit without 内 ('首次回应的时间一般不超过4小时', '首次回应不晚于…'): the
    last one in the limit's own clause before it (not a step before, '…后', nor a check already done)."""
    words = [a for a in _EVENT_RE.finditer(s, _dl_clause_start(s, at), at)
             if not _dl_step(s, a) and not _DONE.match(s, max(0, a.start() - 1))]
    return words[-1] if words else None


def _dl_aside(s: str, at: int) -> bool:
    """Whether the limit at s[at] stands in brackets giving an example or a statutory period ('法定期限（如…7日以内…）',
    '（…的法定审批时限为…60日内…）'): another procedure's time, not a duty of the plan."""
    opening = max(s.rfind("（", 0, at), s.rfind("(", 0, at))
    if opening < 0 or max(s.rfind("）", opening, at), s.rfind(")", opening, at)) > opening:
        return False
    inside = s[opening + 1:at]
    return bool(re.match(r"(?:例如|比如|如)", inside)) or "法定" in inside or "法定" in s[max(0, opening - 8):opening]


#: a clock time of the day: '每天下午5时汇总报送' (a daily report), '当日17时前报送书面情况' (that day's, by its word)
_DAILY = re.compile(r"(?:(?P<every>每(?:天|日|个?工作日|周[一二三四五六日天]?|星期[一二三四五六日天]))|(?:当日|当天|次日)(?=[^，,。；;\d]{0,3}\d{1,2}\s*(?:[:：]\d{2}|时|点)\s*(?:之)?前))"
                    r"(?P<ampm>上午|下午|晚上)?\s*(?P<h>\d{1,2})\s*(?:[:：](?P<m>\d{2})|时|点)")
#: Words naming what must be done within a limit; the one nearest after the limit wins.
_EVENT_WORDS = [("特报", "special_report"), ("专报", "special_report"), ("专题报告", "special_report"), ("专项报告", "special_report"), ("周报", "weekly_report"),
                ("日报", "daily_report"), ("口头", "oral_report"),
                # '电话报告', and '通过电话向委办公室报告': the telephone and the verb of the same clause
                # '通过车载对讲向调度中心报告', '电话告知保教主任': a spoken means and the verb of the same clause
                # '以电话方式报县委宣传部': the means and a bare 报 with whom it goes to
                # a spoken means anywhere before the report verb of its clause: '打电话告诉', '当面向指挥长汇报',
                # '用电话或企业微信语音报告' ('电话回复' is a reply: no report verb)
                (r"(?:电话|当面|语音|对讲|电台)[^，,。；;]{0,16}?(?:报告|汇报|告知|告诉|通报|报(?!告))", "oral_report"),
                # '书面答复' is a reply (in writing), not a written report; '续报' follows a first report up
                # '提交处置总结报告', '形成书面调查报告': a report handed in is a written one
                # '完成总结报告'; '以电报形式报集团公司': a report by telegram, fax or official document is a written one
                (r"(?:提交|报送|形成|完成|撰写)[^，,。；;“”]{0,10}?(?:报告|材料)", "written_report"), (r"文字(?:材料|报告|稿)", "written_report"), (r"填(?:报|写)", "written_report"),
                (r"(?:电报|传真|公文)(?:方式|形式)", "written_report"),
                ("书面答复", "replied"), ("续报", "followed_up"),
                ("书面", "written_report"), ("答复", "replied"), ("回复", "replied"), ("核实", "verified"),
                ("核查", "verified"), ("复核", "verified"), ("查实", "verified"), ("查清", "verified"), ("查明", "verified"),
                ("现场调查(?![组队])", "verified"),
                # a check by its result: '把事情经过了解清楚', '摸清情况'
                (r"(?:了解|调查|核|摸)清(?:楚)?", "verified"),
                # '发布首次回应': what is published is the response
                # '发布首次说明', '作出初步通报': the first statement of any kind is the first response
                (r"(?:发布|作出|做出)?(?:(?:首次|初步)?回应|(?:首次|初步)(?:发声|表态|说明|声明|通报|情况说明))", "first_response"),
                (r"(?:新闻)?(?:发布|通气)会", "press_conference"), ("发布", "published"), ("公布", "published"), (r"公开(?!渠道|透明|的|回应|答复|回复)", "published"), ("办结", "closed"), ("督办", "supervised"), ("研判", "assessed"), (r"(?:复盘)?评估", "assessed")]
_EVENT_RE = re.compile("|".join(w for w, _ in _EVENT_WORDS))
_EVENT_OF = [(re.compile(w), e) for w, e in _EVENT_WORDS]


def _event_of(word: str) -> str:
    return next((e for w, e in _EVENT_OF if w.fullmatch(word)), "other")
#: '24小时内转发超过1万次' is a criterion (an amount of spread), not a deadline
_MEASURE = re.compile(r"^\s*(?:累计)?(?:转发|转载|转评|点击|阅读|浏览|评论|跟帖|播放|点赞)[^，,。；;]{0,6}?"
                      r"(?:超过|达到|逾|\d|上升|增长|增加|激增|攀升)")
#: '12小时内累计阅读量超过50万次的', '6小时内评论数突破1万条': an amount compared with a number in the limit's own
#: clause, before any event word, is a criterion
_DL_COMPARED = re.compile(rf"(?:超过|达到|突破|逾|高于|多于|大于)\s*(?:\d|[一二两三四五六七八九十百千万]+[万千百])(?![\d.]*\s*(?:{_UNIT}))")


def _dl_criterion(own: str, rest: str = "") -> bool:
    """Whether a limit's own clause is a criterion: an amount of spread or any amount compared with a number, or a
    condition ('…在2小时内登上热搜的，') whose main clause classes a level ('升为重大舆情', '列为Ⅱ级')."""
    if _MEASURE.match(own):
        return True
    if own.endswith("的") and re.match(rf"[，,]\s*(?:即|则|应|可|一律)?(?:{_CLASSED}|升为|升级为|提升为|调整为)[^，,。；;]{{0,10}}?(?:舆情|事件|级|档|等级|预警)", rest[len(own):]):
        return True
    cm = _DL_COMPARED.search(own)
    return cm is not None and _EVENT_RE.search(own, 0, cm.start()) is None


#: a limit of no known event that is no time of the plan: a target it is the object of ('候诊时间控制在30分钟以内'), a bare
#: completion of some work named before it ('无害化处理在48小时内完成'), or an arrival promised by staff not of the plan
#: ('维修人员接单后30分钟内到达现场'; '现场调查组应在接报后3小时内到达现场' is one of the plan's bodies bound by it)
_DL_TARGET = re.compile(r"(?:控制|保持|缩短|压缩|降低)(?:在|至|到)\s*$")
_DL_DONE_ONLY = re.compile(r"^\s*(?:全部|全面|基本)?(?:完成|完毕|结束)\s*$")
_DL_ARRIVE = re.compile(r"^\s*(?:赶|到|抵)(?:达|到|场)")
_DL_BODY = re.compile(r"(?:组|专班|指挥部|办公室)(?![织成长员])")
_NAMES = {"special_report": "特报", "weekly_report": "周报", "daily_report": "日报", "oral_report": "口头报告",
          "written_report": "书面报告", "replied": "答复网民", "verified": "核实", "first_response": "首次公开回应",
          "followed_up": "续报", "extended": "延期",
          "published": "发布信息", "press_conference": "新闻发布会", "closed": "办结", "supervised": "督办", "assessed": "研判", "other": "时限"}
_DISPATCH = re.compile(r"(?:接到|收到)[^，,。]{0,14}(?:抄告单|联系单|交办|批办|舆情联系|转办)")
_DISCOVER = re.compile(r"发现|发生|出现|反映|监测到")


def _amount(num: str) -> str | None:
    if num.endswith("个半"):
        whole = _amount(num[:-2])
        return None if whole is None else f"{int(whole) + 0.5:g}"
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        return num
    from .text import cn_number
    if num == "半":
        return "0.5"
    n = cn_number(num.replace("两", "二"))
    return str(n) if n else None


def _limit_text(num: str, unit: str) -> str | None:
    amount = _amount(num)
    if amount is None:
        return None
    text = f"{amount}{unit.replace('个小时', '小时')}"     # '1个小时' is '1小时'
    return text if Limit.parse(text) is not None else None


#: '发布情况说明，作出首次回应': what is published there is the first response (up to the sentence's end)
_FIRST_RESPONSE_LATER = re.compile(r"^[^。；;]*?(?:首次|初步)回应")


def _outranked(event: str, rest: str) -> str:
    return "first_response" if event == "published" and _FIRST_RESPONSE_LATER.match(rest) else event


_THEN = re.compile(r"(?:之|以)?后")
_DONE = re.compile(r"经(?:核实|核查|复核|查实|查清|查明)|.(?:核实|核查|复核|查实|查清|查明)的")


#: the kinds of report a report noun names, whatever verb hands it in ('形成专题报告', '报送专项报告', '书面专报')
_DL_REPORT_NOUN = re.compile(r"专报|专题报告|专项报告|日报|周报")
#: a verb word modifying a noun ('预警发布记录', '回复口径') or naming a unit ('舆情研判中心', '核查组') is no event
_DL_NOUN_AFTER = re.compile(r"记录|材料|资料|台账|平台|系统|渠道|口径|中心|专班|小?组|队|办公室")


def _dl_mask(q: re.Match) -> str:
    """A name in quotes is no event; a document title in 《》 keeps the kind of report its last word names
    ('形成《涉诉舆情专报》')."""
    text = q.group(0)
    kind = re.search(rf"(?:{_DL_REPORT_NOUN.pattern})$", text[1:-1]) if text.startswith("《") else None
    if kind:
        return "\u3000" * (kind.start() + 1) + kind.group(0) + "\u3000"
    return "\u3000" * len(text)


def _dl_word(sentence: str, a: re.Match) -> str:
    """The event of one event word, refined by the report noun it hands in ('形成专题报告', '书面专报')."""
    event = _event_of(a.group(0))
    if event == "written_report":
        noun = _DL_REPORT_NOUN.search(sentence[a.start():a.end() + 4])
        if noun:
            return _event_of(noun.group(0))
    return event


def _dl_step(sentence: str, a: re.Match) -> bool:
    """Whether an event word is no event of its own: a step before ('复核后办结'), or a verb naming a thing
    ('调齐…发布记录')."""
    return bool(_THEN.match(sentence, a.end())) or (
        _event_of(a.group(0)) in ("published", "replied", "verified", "assessed")
        and _DL_NOUN_AFTER.match(sentence, a.end()) is not None)


def _event(sentence: str, begin: int, start: int, end: int, stop: int) -> tuple[str, bool]:
    """The event of the limit at sentence[start:end]: the nearest event word after it (up to the next limit),
    else the last one before it (after the previous limit: '并以特报的形式，在4小时内…'); and whether it was
    taken from before the limit (a guess worth a review).  A name in quotes ('通过“凤禾发布”公众号') is no event."""
    sentence = re.sub(r"[“\"《][^”\"》]{1,20}[”\"》]", _dl_mask, sentence)
    # '复核后办结': a word followed by 后 is a step before what must be done, not the event
    m = next((a for a in _EVENT_RE.finditer(sentence, end, stop) if not _dl_step(sentence, a)), None)
    # '将核查结果书面报送…', '把事情经过…了解清楚': after 将/把 the object comes first and the verb last in the clause
    ba = re.match(r"[^，,。；;将把]{0,8}[将把]", sentence[end:stop])
    if m and ba and m.start() >= end + ba.end():    # not '办结并把…归档': 将/把 before any event word
        clause_end = next((k for k in range(end + ba.end(), stop) if sentence[k] in "，,。；;"), stop)
        words = [a for a in _EVENT_RE.finditer(sentence, end + ba.end(), clause_end) if not _dl_step(sentence, a)]
        m = words[-1] if words else m
    if m:
        return _outranked(_dl_word(sentence, m), sentence[m.end():stop]), False
    # '办结后，…在5个工作日内归档': a word followed by 后 is where the time starts, not what must be done
    # '对查实的问题，…', '经核实确有差错的，…': a check already done (经核实, 查实的) is not what must be done
    before = [b for b in _EVENT_RE.finditer(sentence, begin, start)
              if not _THEN.match(sentence, b.end()) and not _DONE.match(sentence, max(0, b.start() - 1))]
    if before:
        return _dl_word(sentence, before[-1]), True
    return "other", False


#: a sentence saying its limits are no deadlines of the plan: not counted ('不计入舆情处置时限', '不作为处置时限'), not
#: covered by it ('林木采伐许可…20个工作日内办结，不适用本预案', '上述时间安排不属于本预案的时限'), or another procedure's
#: ('此类业务时效按通关作业规范执行', '责令当事人2小时内自行改正，属执法程序', '…均属业务管理时限，与舆情处置无关'), or
#: said in any negation of 时限 ('这不是本方案的处置时限', '不纳入/不在本预案的时限之列', '…中不另计', '本预案…不改变该规定'): the
#: limits of other work, not of an incident
_NOT_COUNTED = re.compile(r"不(?:是|在|计入|列入|纳入|作为|属于)[^，,。；;]{0,10}时限|不(?:适用|属于)本(?:预案|方案|办法|制度)"
                          r"|不另计|(?:不改变|不影响|不替代)[^，,。；;]{0,8}(?:规定|时限|期限)"
                          r"|按[^，,。；;]{0,12}(?:业务|作业|执法|行政|审批)[^，,。；;]{0,4}(?:规范|规程|程序|流程)执行"
                          r"|属(?:于)?[^，,。；;]{0,4}(?:执法|行政|业务|审批)(?:管理)?(?:程序|流程|时限)"
                          r"|与(?:舆情|本预案|本方案|应急)[^，,。；;]{0,8}(?:无关|是两回事|不是一回事)"
                          r"|(?:时限|期限)[^，,。；;]{0,10}另行(?:掌握|规定|执行|确定)")
#: a case handed to another procedure by its rule, and what the rule does ('涉及信访的，仍按信访工作程序办理（…15日内…）',
#: '…的，按《心理危机干预流程》处理，…须在24小时内完成评估'), or a rule cited in 《》 that the sentence's times follow
#: ('…20个工作日内办结，是经办服务时限，按《…规范》执行'): from there on (the whole sentence for the second) the times are
#: that procedure's ('按照《信访工作条例》规定的期限办理，一般应在60日内办结'); the plan's own rules are no other procedure
#: ('按本预案规定的程序处理')
_DL_RULE = r"(?:《[^》]{2,30}》|(?!本)[\u4e00-\u9fff]{2,12}?(?:办法|程序|流程|规程|规范|条例|规定|制度))"
_DL_ELSEWHERE_CASE = re.compile(rf"的[，,]\s*(?:仍|均|一律|另行)?(?:按照?|依照|依据)\s*{_DL_RULE}[^，,。；;（(]{{0,6}}?(?:办理|处理|执行)")
_DL_ELSEWHERE_ALL = re.compile(r"(?:按照?|依照|依据)\s*《[^》]{2,30}》[^，,。；;]{0,16}?(?:执行|办理|处理)")


def _dl_elsewhere(s: str) -> int:
    """Where in ``s`` the times of another procedure begin (``len(s)``: none), see _DL_ELSEWHERE_CASE."""
    if _DL_ELSEWHERE_ALL.search(s):
        return 0
    m = _DL_ELSEWHERE_CASE.search(s)
    return m.start() if m else len(s)


def _dl_label(s: str) -> str | None:
    """The event an item's label names ('首次回应：…', '- 书面报告：…', '第十七条 首次回应：…'): what its limits must do
    unless a limit's own clause says otherwise."""
    m = re.match(rf"^\s*(?:第[一二三四五六七八九十百\d]+条\s*)?{_MARK}{_ITEM_NO}\s*([^，,。；;：:\s]{{2,8}})[：:]", s)
    words = [a for a in _EVENT_RE.finditer(m.group(1)) if not _dl_step(m.group(1), a)] if m else []
    return _dl_word(m.group(1), words[-1]) if words else None


def _dl_theirs(s: str, at: int, elsewhere: int) -> bool:
    """Whether the limit at s[at] is the other procedure's: after where it begins, unless its clause adds a duty of the
    plan's own ('…按更正程序办理，并在更正后2个工作日内公开说明')."""
    return at >= elsewhere and not re.match(r"\s*(?:并|同时|还|另外?)", s[_dl_clause_start(s, at):])


def _dl_quoted(s: str, at: int) -> bool:
    """Whether the limit at s[at] stands inside quotation marks: a slogan or a name quoted ('“一窗受理、3个工作日内办结”的
    承诺'), no duty of the plan."""
    opening = max(s.rfind("“", 0, at), s.rfind("「", 0, at))
    return opening >= 0 and max(s.rfind("”", opening, at), s.rfind("」", opening, at)) < 0 \
        and max(s.find("”", at), s.find("」", at)) > 0


#: a sentence speaking of the times before it ('这些…', '上述…', '以上…', '此类…')
_DL_THESE = re.compile(r"^[\s（(]*(?:这些|这类|上述|以上|前述|此类|此项|该类)")
#: a report with no word of how ('报告园长', '向镇党委报告'): within minutes, by word of mouth
#: ('10分钟内在社区工作群报告' is a message in a chat group, not spoken)
_BARE_REPORT = re.compile(r"^(?![^，,。；;]{0,16}?群)[^，,。；;]{0,16}?(?:报告|汇报|上报|告知)")
_LIST_MARK = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．])\s*")


#: a table cell that is a limit alone ('30分钟', '2小时内'), under a header naming its event ('书面报告时限')
_DL_CELL = re.compile(rf"\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})\s*(?:内|以内|之内)?\s*")


def _dl_heads(paras) -> dict[int, list[str]]:
    """The header row of the table each body row belongs to, by the row's position."""
    return {where: rows[0][0] for rows in tables(paras) if len(rows) > 1
            for cells, where, _ in rows[1:] if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells)}


def _dl_units(text: str, head: list[str] | None) -> list[tuple[str, str | None]]:
    """What a deadline is read from: each cell of a table row with its column's header, else each sentence."""
    cells = row_cells(text) if head else None
    if cells is not None and len(cells) == len(head):
        return list(zip(cells, head, strict=True))
    return [(s, None) for s in sentences(text)]


def _deadlines(blocks: list[Block], out: Extraction) -> None:
    ids: set[str] = set()
    first_time: tuple[int, str] | None = None
    for b in blocks:
        heads = _dl_heads(b.paras)
        for text, where in b.paras:
            if any(_NOT_COUNTED.search(t) and _DL_THESE.match(t) for t in sentences(text)):
                continue    # '…90日内…；…60日内…。这些是执法程序的期限，不是舆情处置的时限。': said of the paragraph's times
            units = _dl_units(text, heads.get(where))
            for s, col in units:
                if _NOT_COUNTED.search(s):
                    continue    # '1分钟内出动、5分钟内到场是执勤标准，不计入舆情处置时限': the text says these are none
                if first_time is None and "第一时间" in s and re.search(r"报告|报送|上报", s):
                    first_time = (where, s)
                hits = [(m, _limit_text(m.group("num"), m.group("unit"))) for m in _WITHIN.finditer(s)
                        if not _dl_aside(s, m.start())]
                if not hits:    # '立即电话报告党政办，最迟不超过10分钟'; '情况复杂的，可延长至10个工作日'
                    hits = [(m, _limit_text(m.group("num"), m.group("unit")))
                            for m in (*_MAX.finditer(s), *_EXTEND.finditer(s), *_NO_LATER.finditer(s)) if _bounds(s, m)]
                else:           # '3小时内查明…，事件复杂的，最迟不超过24小时形成结论': a limit of its own, for a case
                    hits = hits + [(m, _limit_text(m.group("num"), m.group("unit")))
                                   for m in (*_CASE_LATEST.finditer(s), *_EXTEND.finditer(s), *_NO_LATER.finditer(s),
                                             *_LATEST.finditer(s)) if m.re is not _LATEST or _dl_own_latest(s, m, hits)]
                    # '不超过20分钟电话报告…，2小时内形成…': a limit without 内 with its own event ('最长不超过4小时'
                    # after a limit is that limit's max)
                    hits += [(m, _limit_text(m.group("num"), m.group("unit"))) for m in _MAX.finditer(s)
                             if _bounds(s, m) and not _LATEST.match(s, max(0, m.start() - 2))
                             and not _LATEST.match(s, m.start()) and not any(h.start() <= m.start() < h.end() for h, _ in hits)]
                hits += [(m, _limit_text(m.group("num"), m.group("unit"))) for m in _DL_EVERY.finditer(s)
                         if re.search(r"报|回应|发布", _dl_clause_after(s, m.end()))]
                elsewhere = _dl_elsewhere(s)
                hits = sorted((h for h in hits if not _dl_aside(s, h[0].start()) and not _dl_quoted(s, h[0].start())
                               and not _dl_theirs(s, h[0].start(), elsewhere)), key=lambda h: h[0].start())
                col_event = next((_dl_word(col, a) for a in _EVENT_RE.finditer(col)), "other") if col else "other"
                if col is not None and col_event == "other" and (      # '| 书面报告 | 1小时 |': the row's label cell
                        lm := _EVENT_RE.match(units[0][0].strip())) and len(units[0][0].strip()) <= 8:
                    col_event = _dl_word(units[0][0].strip(), lm)   # a short first cell opening with the event
                if not hits and col and (col_event != "other" or "时限" in col) and (cm := _DL_CELL.fullmatch(s)):
                    hits = [(cm, _limit_text(cm.group("num"), cm.group("unit")))]   # '| 口头报告 |' over '| 30分钟 |'
                dm = _DAILY.search(s) if not (col and hits and hits[0][0].re is _DL_CELL) else None
                dm_clause = re.split(r"[，,。；;]", re.sub(r"^\s*(?:之)?前\s*[，,]", "", s[dm.end():]), maxsplit=1)[0] if dm else ""
                if dm and (not re.search(r"汇总|日报|报(?!警)|进展", dm_clause) or     # '每日17时前更新一次处置进展'
                           re.match(r"\s*[、和及]\s*(?:上午|下午|晚上)?\s*\d{1,2}\s*(?:时|点)", s[dm.end():])):
                    dm = None   # '每日9时、15时各巡查一次', '每天8时、12时、20时各汇总一次': a routine, not a deadline
                promised = False
                label = _dl_label(s)
                for i, (m, limit) in enumerate(hits):
                    own = _dl_clause_after(s, m.end())
                    if limit is None or _dl_criterion(own, s[m.end():]):
                        continue
                    stop = hits[i + 1][0].start() if i + 1 < len(hits) else len(s)
                    if dm and m.end() <= dm.start() < stop:
                        stop = dm.start()
                    after = s[m.end():stop]
                    begin = hits[i - 1][0].end() if i else 0
                    event, guessed = ("extended", False) if m.re is _EXTEND else _event(s, begin, m.start(), m.end(), stop)
                    subject = (_dl_subject(s, m.start()) if m.re in (_MAX, _NO_LATER)
                               and not any(not _dl_step(s, a) for a in _EVENT_RE.finditer(own)) else None)
                    if subject:     # '首次回应的时间一般不超过4小时，由…发布': the subject is what must be done
                        event, guessed = _event_of(subject.group(0)), False
                    elif label and not any(not _dl_step(s, a) for a in _EVENT_RE.finditer(s, m.end(), m.end() + len(own))):
                        event, guessed = label, False   # '首次回应：Ⅲ级不迟于发现后6小时，通过…发布': the item's label
                    if col_event != "other" and (event == "other" or guessed):
                        event, guessed = col_event, False   # a table cell's limit: its column names the event
                    if event == "other" and m.group("unit") == "分钟" and _BARE_REPORT.match(after):
                        event = "oral_report"   # '30分钟内报告园长': a report within minutes is a spoken one
                    if event == "other" and (promised or _dl_no_duty(s, m, own)):
                        promised = promised or bool(_DL_ARRIVE.match(own))     # '…到达现场，4小时内恢复供电': the promise's
                        continue        # '30分钟内到达现场', '控制在20分钟以内', '在48小时内完成': no act of the plan
                    if guessed:
                        out.review.append(Review(where, f"时限 {limit} 之后没有写做什么，导入取了它前面的“{_NAMES[event]}”"
                                                        "作为事件，请核对", quote(s)))
                    value: dict = {"id": "", "name": _NAMES[event], "event": event}
                    if _DISPATCH.search(s[:m.start()] + s[m.end():]):
                        value["trigger"] = "dispatched"
                    elif not _DISCOVER.search(s):
                        out.review.append(Review(where, f"导入没有找到时限 {limit} 从什么时候起算，暂按“发现”", quote(s)))
                    value["limit"] = limit
                    mm = _MAX.search(after)
                    if mm and (mx := _limit_text(mm.group("num"), mm.group("unit"))):
                        value["max"] = mx
                    first = re.split(r"[，,]", s, maxsplit=1)[0]
                    if "when" in m.groupdict():
                        value["when"] = m.group("when")
                    elif m.start() > len(first) and re.search(r"紧急|重大|突发|一般|重要", first):
                        value["when"] = _LIST_MARK.sub("", first.strip())
                    value["text"] = _LIST_MARK.sub("", s if col is None else text)
                    if event == "other":
                        out.review.append(Review(where, f"导入没有认出时限 {limit} 是口头报告、书面报告还是别的事件，"
                                                        "event 暂写 other", quote(s)))
                    value["id"] = _new_id(event.replace("_", "-") if event != "other" else "deadline", ids)
                    out.deadlines.append(Found(value, where, quote(s)))
                if dm:
                    h = int(dm.group("h")) + (12 if dm.group("ampm") in ("下午", "晚上") and int(dm.group("h")) < 12 else 0)
                    limit = f"{h:02d}:{dm.group('m') or '00'}"
                    if Limit.parse(limit) is None:
                        continue
                    event = "weekly_report" if re.search(r"周|星期", dm.group("every") or "") else "daily_report"
                    if not dm.group("every"):   # '当日17时前报送书面情况': that day's, by its word
                        event, _ = _event(s, dm.end(), dm.end(), dm.end(), len(s))
                        event = "daily_report" if event == "other" else event
                    value = {"id": _new_id(event.replace("_", "-"), ids), "name": _NAMES[event], "event": event,
                             "limit": limit, "text": _LIST_MARK.sub("", s)}
                    out.deadlines.append(Found(value, where, quote(s)))
                    out.review.append(Review(where, f"每日 {limit} 的时限由导入按原文写入，起算暂按“发现”，请核对", quote(s)))
    if first_time:
        out.review.append(Review(first_time[0], "“第一时间”报告没有具体时限，导入没有写成时限：请补上口头报告、书面报告的时限",
                                 quote(first_time[1])))


# --------------------------------------------------------------------------- contact tables (roster draft)

_COL_PERSON = re.compile(r"^(?:姓\s*名|人员|联系人)$")
#: a column of people under another word ('负责人', '责任人', '联络人', '值班人员'): read only where its cells are names
_COL_PERSON_MAYBE = re.compile(r"^(?:负责人|责任人|联络人|值班人员?|带班领导|值班领导)(?:姓名)?$")
_COL_PHONE = re.compile(r"电话|手机|联系方式|号码")
_COL_POST = re.compile(r"职\s*务|职\s*位|岗位|职\s*责|单位")


def _contact_table(rows: list[tuple[list[str], int, str]], out: Extraction) -> None:
    """A table with a name column and a phone column (a contact list, often in an attachment): its people
    go to the roster draft, never into the plan."""
    head = rows[0][0]
    name = next((i for i, c in enumerate(head) if _COL_PERSON.match(c.strip())), None)
    phones = [i for i, c in enumerate(head) if _COL_PHONE.search(c)]
    strict = name is None
    if strict:
        name = next((i for i, c in enumerate(head) if _COL_PERSON_MAYBE.match(re.sub(r"\s", "", c))), None)
    if name is None or not phones:
        return
    post = next((i for i, c in enumerate(head) if _COL_POST.search(c) and i != name and i not in phones), None)
    for cells, where, raw in rows[1:]:
        if len(cells) != len(head) or set("".join(cells)) <= set("-:： "):
            continue
        named, title = _roster_person(cells[name].strip()) or (None, "")
        who = named if named and title else re.sub(r"\s+", "", cells[name])      # '副局长 钟立': the name
        if not re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", who) or strict and not _is_name(who):
            continue
        numbers = tuple(_roster_phone(m.group(0)) if m else n for i in phones
                        for n in re.split(r"[、，,/；;]+|\s{2,}", cells[i].strip()) if n
                        for m in [_ROSTER_PHONE.fullmatch(n.strip())])
        out.people.append(Person(who, cells[post].strip() if post is not None else title if named else "", where,
                                 quote(raw), numbers))


#: a phone as written: a mobile or landline number, spaces or a dash inside ('138 0000 1234', '0571-8888666'), an area code
#: in brackets ('（0571）88886666'), or a placeholder ('1380000****', '139XXXXXXXX': the roster draft flags it)
_ROSTER_PHONE = re.compile(r"(?<![\dA-Za-z])(?:[（(]0\d{2,3}[）)]\s*\d{7,8}|\d[\d\-xX*＊×?？ ]{5,14}[\dxX*＊×?？])(?![\dA-Za-z])")
#: the label before a phone ('电话：', '联系电话', '手机'), and separators left before it
_ROSTER_LABEL = re.compile(r"[\s，,、；;]*(?:(?:联系|办公|值班)?(?:电话|手机|方式)[:：]?\s*)?$")
#: the text before a contact line's person: '联系人：', '联系人及电话：', 'X联系人：', a post's '新闻发言人：', a bracket
#: left open ('…联络员（办公室 刘畅，电话…）'); after '为/是' is tried first ('联络员为办公室副主任陈晓', but '李为民')
_ROSTER_BEFORE = re.compile(r"^.*[:：，,；;]\s*")


def _roster_phone(number: str) -> str:
    """A phone as the roster writes it: no spaces, the area code before a dash ('（0571）8888666' → '0571-8888666')."""
    n = re.sub(r"\s", "", number)
    m = re.match(r"^[（(](0\d{2,3})[）)](\d{7,8})$", n)
    return f"{m.group(1)}-{m.group(2)}" if m else n


def _roster_person(who: str) -> tuple[str, str] | None:
    """(name, post or unit) of the words before a contact line's phone: '王建平（校长）', '分管副局长 王建军',
    '局办公室 周晓峰' (a unit, a space, a name), '宣传部联系人：欧阳文'; None when no name is there."""
    name, title = split_name(who)
    if name:
        return name, title
    if m := re.match(rf"^(?P<unit>\S{{2,16}})\s+(?P<name>{_PERSON})$", who):
        name = re.sub(r"\s", "", m.group("name"))
        return (name, m.group("unit")) if _is_name(name) else None
    return None


def _roster_contact_line(text: str) -> Person | None:
    """A line giving a person and their phone(s), whatever separates them: '联系人：局办公室 周晓峰  电话：138…',
    '居委会副主任  罗建国 电话：138…', '宣传部联系人：欧阳文，电话：138…。', '新闻发言人：分管副局长 王建军 电话：138…',
    '联系人：王立（办公室主任），联系电话：138…'.  A bare name needs '联系人' on its line; a long paragraph is no line."""
    t = text.strip()
    phones = [m for m in _ROSTER_PHONE.finditer(t)
              if len(re.sub(r"[^\dxX*＊×?？]", "", m.group(0))) >= 7 and not re.match(r"\d{4}[-.]\d{1,2}[-.]\d{1,2}$", m.group(0))]
    if not phones or len(t) > 80:
        return None
    head = _ROSTER_LABEL.sub("", t[:phones[0].start()])
    who = _ROSTER_BEFORE.sub("", head).strip(" ，,、；;")
    who = re.sub(r"^.*[（(](?=[^）)]*$)", "", who)
    got = next((g for w in (re.sub(r"^.*[为是]", "", who), who) if w and (g := _roster_person(w.strip()))), None)
    if got is None or not (got[1] or "联系人" in t):
        return None
    unit = re.match(r"^(\S{2,16}?)联系人", head)
    return Person(got[0], got[1] or (unit.group(1) if unit else ""), 0, quote(text),
                  tuple(_roster_phone(m.group(0)) for m in phones))


def _contacts(blocks: list[Block], out: Extraction) -> None:
    for b in blocks:
        for rows in tables(b.paras):
            _contact_table(rows, out)
        for text, where in b.paras:
            if row_cells(text) is None and (p := _roster_contact_line(text)):
                out.people.append(Person(p.name, p.post, where, p.quote, p.phones))


def extract(blocks: list[Block]) -> Extraction:
    out = Extraction()
    _levels(blocks, out)
    _bodies_and_posts(blocks, out)
    _deadlines(blocks, out)
    _contacts(blocks, out)
    return out
