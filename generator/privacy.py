"""Masking personal data for public builds and training material.

- mobile numbers: 13800000001 -> 138****0001 (office landlines stay: they are published anyway);
- ID card numbers (18 digits): 110101199001011234 -> 110101********1234;
- netizen account names (a source's ``author``) -> 网民A, 网民B … wherever they appear in the case;
- personal names: the roster's names, and in free text the words that jieba tags as a person's
  name (nr) and that start with a common surname -> 王某, 李某某.

Over-masking a place name is safer than leaving a person's name, so the name detection is
deliberately generous.  Pure functions of the model.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Case

MOBILE_RE = re.compile(r"(?<![0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")
ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{5})((?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))"
                   r"([0-9]{3}[0-9Xx])(?![0-9])")
#: Common surnames (single and double), for telling a name from other words jieba calls names.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
               "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易"
               "乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳"
               "管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
               "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝") | {"欧阳", "司马", "诸葛", "上官", "东方"}


def mask_mobile(number: str) -> str:
    return MOBILE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", number)


def mask_id_numbers(text: str) -> str:
    return ID_RE.sub(lambda m: f"{m.group(1)}{'*' * 8}{m.group(3)}", text)


def pseudonym(name: str) -> str:
    """王磊 -> 王某, 王小磊 -> 王某某, 欧阳明 -> 欧阳某."""
    surname = name[:2] if name[:2] in SURNAMES else name[:1]
    return surname + "某" * max(1, min(2, len(name) - len(surname)))


#: Words after which a word that starts with a surname is taken for a name (院长李红梅, 村民王建国).
TITLES = set(["书记", "副书记", "主任", "副主任", "镇长", "副镇长", "乡长", "局长", "副局长", "校长", "副校长", "院长", "所长", "站长", "经理", "副经理", "老师", "村民", "居民", "家长", "网友", "同志", "干部", "委员", "组长", "科长", "部长", "队长", "记者", "律师", "医生", "班主任", "负责人", "联系人"])


_WEEKDAY = re.compile(r"^(周|星期|礼拜)[一二三四五六日天末]")
_PLACE_CHARS = set("镇村县市区局办所站院校组部委厅处科室队会团乡街社省")


def names_in(text: str) -> set[str]:
    """Words of ``text`` that look like a person's name: jieba tags them nr, or they follow a title
    (院长、村民 …); either way they start with a common surname."""
    try:
        import jieba
        import jieba.posseg as pseg
        jieba.setLogLevel(60)
    except ImportError:
        return set()
    tokens: list[tuple[str, str]] = []
    for word, flag in pseg.cut(text):
        # jieba often cuts 李红梅 into 李 / 红梅: join a lone surname and the given name after it
        if tokens and tokens[-1][0] in SURNAMES and len(tokens[-1][0]) == 1 and flag == "nr" and len(word) <= 2:
            tokens[-1] = (tokens[-1][0] + word, "nr")
        else:
            tokens.append((word, flag))
    jieba.initialize()
    known = jieba.dt.FREQ  # jieba's dictionary tags many plain words nr (查明, 高峰); people's names are mostly not in it
    found = set()
    previous = ""
    for word, flag in tokens:
        looks = 2 <= len(word) <= 4 and (word[0] in SURNAMES or word[:2] in SURNAMES) and \
            word[-1] not in _PLACE_CHARS and not _WEEKDAY.match(word)
        if looks and ((flag == "nr" and not known.get(word)) or previous in TITLES):
            found.add(word)
        previous = word if word.strip() else previous
    return found


#: Bumped whenever masking changes, so that texts masked by an earlier Planbook are masked again.
MASK_VERSION = "1"
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
        out = mask_id_numbers(mask_mobile(text))
        for i, account in enumerate(self.accounts):
            out = out.replace(account, f"网民{chr(ord('A') + i % 26)}")
        for name in sorted(self.names | names_in(out), key=len, reverse=True):
            out = out.replace(name, pseudonym(name))
        return out


def masker_for(case: Case, known_names: Iterable[str] = ()) -> Masker:
    accounts = tuple(dict.fromkeys(s.author for s in case.sources if s.author))
    return Masker(frozenset(n for n in known_names if len(n) >= 2), accounts)


def anonymise_case(case: Case, known_names: Iterable[str] = ()) -> Case:
    """A copy of ``case`` with personal data masked in every free-text field; source links are left out
    (a post's address often holds the netizen's account name)."""
    m = masker_for(case, known_names)
    t = m.text
    return dataclasses.replace(
        case,
        title=t(case.title),
        sources=tuple(dataclasses.replace(s, author=t(s.author), quote=t(s.quote), title=t(s.title), url="")
                      for s in case.sources),
        timeline=tuple(dataclasses.replace(e, note=t(e.note), by=tuple(t(b) for b in e.by)) for e in case.timeline),
        measures=tuple(t(x) for x in case.measures), outcome=t(case.outcome),
        lessons=tuple(t(x) for x in case.lessons), follow_up=tuple(t(x) for x in case.follow_up),
        questions=tuple(t(x) for x in case.questions), body=t(case.body))


def anonymise_summary(case: Case, known_names: Iterable[str] = ()) -> Case:
    """What a list of cases shows, masked: the title, lessons and discussion questions; every other
    free-text field (sources, timeline, measures, outcome, follow-up, narrative) is left out.  A fraction of
    the cost of ``anonymise_case`` (name detection is the slow part)."""
    t = masker_for(case, known_names).text
    return dataclasses.replace(
        case, title=t(case.title), sources=(), timeline=(), measures=(), outcome="", follow_up=(), body="",
        lessons=tuple(t(x) for x in case.lessons), questions=tuple(t(x) for x in case.questions))


def actor_name(directory, ref: str, masked: bool) -> str:
    """What a timeline shows for one of its ``by`` references (a roster id, a post, a body or free text):
    the plan directory's name for it (``directory``: Repository.directory(plan), or None).  With ``masked``,
    a person comes out as a pseudonym: an id (zhou-mingyuan) resolves to the roster's real name, which the
    masking of the case's own texts never saw."""
    target = directory.resolve(ref) if directory is not None else None
    if target is None:
        return ref
    return pseudonym(target.name) if masked and target.kind == "person" else target.name
