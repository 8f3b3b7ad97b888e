"""Masking personal data for public builds and training material.

- mobile numbers in every common written form: 13800000001, +86 138 0000 0001, 8613800000001, 0086-138-…,
  139.1234.0015, full-width digits -> 138****0001 (a +86 prefix is kept; office landlines stay: they are
  published anyway);
- ID card numbers, 18 or 15 digits, also written in groups (110101 19900101 1234) -> 110101********1234,
  110101******123;
- netizen account names (a source's ``author``) -> 网民A, 网民B … wherever they appear in the case;
- personal names: the roster's names; in free text the words that jieba tags as a person's name (nr) and that
  start with a common surname, any name after a title (村民扎西顿珠, 网友杨建华), a name given in a
  self-introduction (我叫…, 名叫…, 姓名：…) and names with a middle dot (买买提·艾力) -> 王某, 李某某.

A masked number is written with ``*``: Markdown renderers escape it (``protect_masks``) so that
``139****0013`` does not become emphasis.

Over-masking a place name is safer than leaving a person's name, so the name detection is
deliberately generous.  Pure functions of the model.
"""
from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Case

#: Full-width digits and signs as their ASCII forms, one character for one (positions stay)
_HALF = str.maketrans("０１２３４５６７８９＋－．　Ｘｘ", "0123456789+-. Xx")
_SEP = r"[ \t.\-\u00a0]?"
MOBILE_RE = re.compile(rf"(?<![0-9])((?:(?:\+|00)?86{_SEP}|\(\+?86\){_SEP})?)(1[3-9][0-9]){_SEP}([0-9]{{4}}){_SEP}"
                       rf"([0-9]{{4}})(?![0-9])")
#: A run of 15 to 18 digits, possibly in groups; an ID number when its digits say so (ID18_RE, ID15_RE)
_ID_RUN = re.compile(r"(?<![0-9])[1-9](?:[ \t.\-]?[0-9]){13,16}[ \t.\-]?[0-9Xx](?![0-9A-Za-z])")
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
ID18_RE = re.compile(rf"^[1-9][0-9]{{5}}(?:18|19|20)[0-9]{{2}}{_DATE}[0-9]{{3}}[0-9Xx]$")
ID15_RE = re.compile(rf"^[1-9][0-9]{{5}}[0-9]{{2}}{_DATE}[0-9]{{3}}$")
ID_RE = _ID_RUN  # kept for callers that look for ID numbers
#: A masked number: digits, a run of *, digits (what Markdown would read as emphasis)
MASKED_RUN = re.compile(r"(?<=[0-9])\*{4,8}(?=[0-9Xx])")
#: Common surnames (single and double), for telling a name from other words jieba calls names.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
               "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易"
               "乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳"
               "管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
               "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝") | {"欧阳", "司马", "诸葛", "上官", "东方"}


def _spans(text: str, pattern: re.Pattern, replace) -> str:
    """``text`` with each match of ``pattern`` in its half-width form replaced by ``replace(match)`` (None:
    left as written)."""
    half = text.translate(_HALF)
    out, at = [], 0
    for m in pattern.finditer(half):
        new = replace(m)
        if new is not None:
            out += [text[at:m.start()], new]
            at = m.end()
    return "".join(out) + text[at:] if out else text


def mask_mobile(number: str) -> str:
    """Mobile numbers in any common written form masked: 138****0001 (a country prefix is kept as written)."""
    return _spans(number, MOBILE_RE, lambda m: f"{m.group(1)}{m.group(2)}****{m.group(4)}")


def _mask_id(m: re.Match) -> str | None:
    digits = re.sub(r"[^0-9Xx]", "", m.group(0))
    if ID18_RE.match(digits):
        return f"{digits[:6]}{'*' * 8}{digits[14:]}"
    if ID15_RE.match(digits):
        return f"{digits[:6]}{'*' * 6}{digits[12:]}"
    return None


def mask_id_numbers(text: str) -> str:
    """ID card numbers (18 or 15 digits, also in groups) masked: the birth date becomes *."""
    return _spans(text, _ID_RUN, _mask_id)


def mask_numbers(text: str) -> str:
    """Every ID number and mobile number in ``text`` masked."""
    return mask_mobile(mask_id_numbers(text)) if text else text


def mask_plain(text: str) -> str:
    """What a public build masks in an office's own documents (plans, the case fields a list shows): every ID
    and mobile number, and the names a text gives as a person's in a self-introduction (我叫…) or with a middle
    dot; without name detection (officials named in a plan are public; jieba would be slow on whole plans)."""
    if not text:
        return text
    out = mask_numbers(text)
    for name in sorted({_introduced(m.group(1)) for m in _INTRO.finditer(out)} | set(_DOTTED.findall(out)),
                       key=len, reverse=True):
        out = out.replace(name, pseudonym(name))
    return out


def protect_masks(markdown_text: str) -> str:
    """A masked number's * written as a character reference, for Markdown (and HTML) that would read
    ``139****0013`` as emphasis."""
    return MASKED_RUN.sub(lambda m: "&#42;" * len(m.group(0)), markdown_text)


def pseudonym(name: str) -> str:
    """王磊 -> 王某, 王小磊 -> 王某某, 欧阳明 -> 欧阳某."""
    surname = name[:2] if name[:2] in SURNAMES else name[:1]
    return surname + "某" * max(1, min(2, len(name) - len(surname)))


#: Words after which a word that starts with a surname is taken for a name (院长李红梅, 村民王建国).
TITLES = set(["书记", "副书记", "主任", "副主任", "镇长", "副镇长", "乡长", "局长", "副局长", "校长", "副校长", "院长", "所长", "站长", "经理", "副经理", "老师", "村民", "居民", "家长", "网友", "同志", "干部", "委员", "组长", "科长", "部长", "队长", "记者", "律师", "医生", "班主任", "负责人", "联系人"])


_WEEKDAY = re.compile(r"^(周|星期|礼拜)[一二三四五六日天末]")
_PLACE_CHARS = set("镇村县市区局办所站院校组部委厅处科室队会团乡街社省")


#: A self-introduction, or a label of a name (联系人：…): the name that follows is a person's, whatever its surname
_INTRO = re.compile(r"(?:我叫|我名叫|名叫|本人叫|我的名字(?:是|叫)|(?:姓名|联系人|负责人|当事人)[:：][ \t]*)[“\"「『]?([\u4e00-\u9fff]{2,4})")
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}[·•・．.][\u4e00-\u9fff]{1,3}")


def _introduced(word: str) -> str:
    """The name at the start of the characters after 我叫: a surname and up to two characters, else up to four."""
    if word[:2] in SURNAMES:
        return word[:4]
    return word[:3] if word[0] in SURNAMES else word[:4]


def names_in(text: str) -> set[str]:
    """Words of ``text`` that look like a person's name: jieba tags them nr, its dictionary does not know them and
    they start with a common surname; any name after a title (院长、村民 …), the name
    in a self-introduction (我叫杨建华) and names with a middle dot (买买提·艾力)."""
    found = {_introduced(m.group(1)) for m in _INTRO.finditer(text)} | set(_DOTTED.findall(text))
    try:
        import jieba
        import jieba.posseg as pseg
        jieba.setLogLevel(60)
    except ImportError:
        return found
    tokens: list[tuple[str, str]] = []
    for word, flag in pseg.cut(text):
        # jieba often cuts 李红梅 into 李 / 红梅: join a lone surname and the given name after it
        if tokens and tokens[-1][0] in SURNAMES and len(tokens[-1][0]) == 1 and flag == "nr" and len(word) <= 2:
            tokens[-1] = (tokens[-1][0] + word, "nr")
        else:
            tokens.append((word, flag))
    jieba.initialize()
    known = jieba.dt.FREQ  # jieba's dictionary tags many plain words nr (查明, 高峰); people's names are mostly not in it
    previous = ""
    for i, (word, flag) in enumerate(tokens):
        surname = word[0] in SURNAMES or word[:2] in SURNAMES
        looks = 2 <= len(word) <= 4 and word[-1] not in _PLACE_CHARS and not _WEEKDAY.match(word)
        if looks and surname and ((flag == "nr" and not known.get(word)) or previous in TITLES):
            found.add(word)
        elif previous in TITLES and flag in ("nr", "ns", "nrt", "nrfg", "nz"):
            # a name without a listed surname after a title (村民扎西顿珠: jieba cuts it 扎西 / 顿珠)
            name = word
            for nxt, f in tokens[i + 1:]:
                if f not in ("nr", "ns", "nrt", "nrfg", "nz") or len(name + nxt) > 4:
                    break
                name += nxt
            if 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                found.add(name)
        previous = word if word.strip() else previous
    return found


#: Bumped whenever masking changes, so that texts masked by an earlier Planbook are masked again.
MASK_VERSION = "2"
#: Masked texts by the hash of (MASK_VERSION, the names, the accounts, the text): a text is masked once per
#: build however many outputs show it (case PDF, public case page, compendium), and, through
#: ``remembered``, not again in the next build when it did not change (name detection with jieba is slow).
#: The values are masked texts only: the file holds no personal data the outputs do not hold.
_MEMO: dict[str, str] = {}
_USED: set[str] = set()


@contextlib.contextmanager
def remembered(previous: Path | None, target: Path, keep: bool = False) -> Iterator[None]:
    """Reuse the masked texts saved at ``previous`` (a JSON file, if any) while the block runs, then save
    those the block used at ``target`` (with ``keep``, all of them: a build that reused its PDFs as they
    were has not asked again for the texts they show)."""
    try:
        saved = json.loads(previous.read_text("utf-8")) if previous else {}
    except (OSError, ValueError):
        saved = {}
    if not isinstance(saved, dict):
        saved = {}
    saved = {k: v for k, v in saved.items() if isinstance(k, str) and isinstance(v, str)}
    _MEMO.update(saved)
    _USED.clear()
    if keep:
        _USED.update(saved)
    yield
    if _USED:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: _MEMO[k] for k in sorted(_USED)}, ensure_ascii=False), "utf-8")
        os.replace(tmp, target)


@dataclasses.dataclass(frozen=True)
class Masker:
    """Masks the personal data of one case (or one page): keeps pseudonyms consistent within it."""

    names: frozenset[str]
    accounts: tuple[str, ...]

    @functools.cached_property
    def _key(self) -> bytes:
        return "\x1f".join([MASK_VERSION, *sorted(self.names), "\x1e", *self.accounts]).encode("utf-8")

    def text(self, text: str) -> str:
        if not text:
            return text
        key = hashlib.sha256(self._key + b"\x1d" + text.encode("utf-8")).hexdigest()
        out = _MEMO.get(key)
        if out is None:
            out = _MEMO[key] = self._mask(text)
        _USED.add(key)
        return out

    def _mask(self, text: str) -> str:
        out = mask_numbers(text)
        for i, account in enumerate(self.accounts):
            out = out.replace(account, f"网民{chr(ord('A') + i % 26)}")
        for name in sorted(self.names | names_in(out), key=len, reverse=True):
            out = out.replace(name, pseudonym(name))
        return out


def masker_for(case: Case, known_names: Iterable[str] = ()) -> Masker:
    accounts = tuple(dict.fromkeys(s.author for s in case.sources if s.author))
    return Masker(frozenset(n for n in known_names if len(n) >= 2), accounts)


def _is_text(type_text: str) -> bool:
    """Whether a model field of this (string) type holds free text: str or Markdown, not an Id or a Ref."""
    return ("str" in type_text or "Markdown" in type_text) and "Id" not in type_text and "Ref" not in type_text


def mask_record(value, mask, type_text: str = "str"):
    """``value`` (a model record, a tuple, a string) with ``mask`` applied to every free-text field, however
    deep: a field added to the model later is masked without anyone remembering to.  Ids, references,
    choices, dates and numbers stay."""
    if value is None or isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return mask(value) if _is_text(type_text) else value
    if isinstance(value, tuple):
        out = tuple(mask_record(v, mask, type_text) for v in value)
        return value if all(a is b for a, b in zip(out, value, strict=True)) else out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in ("loc", "locs"):
                continue
            old = getattr(value, f.name)
            new = mask_record(old, mask, str(f.type))
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def anonymise_case(case: Case, known_names: Iterable[str] = ()) -> Case:
    """A copy of ``case`` with personal data masked in every free-text field (tags, unit and platform as well);
    source links are left out (a post's address often holds the netizen's account name)."""
    m = masker_for(case, known_names)
    t = m.text
    masked = mask_record(case, t)
    return dataclasses.replace(
        masked,
        sources=tuple(dataclasses.replace(s, url="") for s in masked.sources),
        timeline=tuple(dataclasses.replace(e, by=tuple(t(b) for b in e.by)) for e in masked.timeline))


def anonymise_summary(case: Case, known_names: Iterable[str] = ()) -> Case:
    """What a list of cases shows, masked: the title, unit, tags, lessons and discussion questions; every other
    free-text field (sources, timeline, measures, outcome, follow-up, narrative) is left out.  A fraction of
    the cost of ``anonymise_case`` (name detection is the slow part)."""
    t = masker_for(case, known_names).text
    return dataclasses.replace(
        case, title=t(case.title), sources=(), timeline=(), measures=(), outcome="", follow_up=(), body="",
        lessons=tuple(t(x) for x in case.lessons), questions=tuple(t(x) for x in case.questions),
        tags=tuple(t(x) for x in case.tags), unit=t(case.unit))


def actor_name(directory, ref: str, masked: bool) -> str:
    """What a timeline shows for one of its ``by`` references (a roster id, a post, a body or free text):
    the plan directory's name for it (``directory``: Repository.directory(plan), or None).  With ``masked``,
    a person comes out as a pseudonym: an id (zhou-mingyuan) resolves to the roster's real name, which the
    masking of the case's own texts never saw."""
    target = directory.resolve(ref) if directory is not None else None
    if target is None:
        return ref
    return pseudonym(target.name) if masked and target.kind == "person" else target.name
