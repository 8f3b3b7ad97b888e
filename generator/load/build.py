"""Turning a YAML node tree into typed, frozen model records.

The model classes declare what a file may hold; this module reads those
declarations once per class (a *spec*) and then walks the nodes, reporting
every problem it meets (unknown key with a did-you-mean, wrong type, missing
key, bad value) with its line and column, instead of stopping at the first.
A field whose value is wrong is left at its default so the rules can still run.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import yaml

from ..findings import Finding, Loc, Severity, define, finding
from ..model.common import Id, Labelled, Limit, Markdown, Period, Ref, id_problem
from .yamlnodes import PLAIN, tag_of

define("S001", "error", "未知的键“{key}”{suggestion_zh}", "unknown key '{key}'{suggestion_en}",
       "可用的键：{allowed}", "Allowed keys: {allowed}", found_by="schema", summary="未知的键")
define("S002", "error", "“{key}”应为{expected_zh}，实际是{actual_zh}", "'{key}' should be {expected_en}, not {actual_en}",
       "{hint_zh}", "{hint_en}", found_by="schema", summary="类型不对")
define("S003", "error", "缺少必填项“{key}”（{doc}）", "missing required key '{key}'",
       "在此处添加 {key}: …", "Add '{key}: …' here.", found_by="schema", summary="缺少必填项")
define("S004", "error", "“{key}”的值“{value}”无效{suggestion_zh}", "'{key}' has an invalid value '{value}'{suggestion_en}",
       "可选值：{allowed}", "Allowed values: {allowed}", found_by="schema", summary="取值不在可选范围内")
define("S005", "error", "键“{key}”重复出现（第一次在第 {first} 行）", "key '{key}' appears twice (first on line {first})",
       "删除或合并重复的键；YAML 中后一个会悄悄覆盖前一个。", "Remove or merge the duplicate key.",
       found_by="schema", summary="重复的键")
define("S006", "error", "“{key}”的日期或时间“{value}”无法识别", "'{key}': cannot read the date or time '{value}'",
       "{hint_zh}", "{hint_en}", found_by="schema", summary="日期时间格式不对")
define("S007", "error", "“{key}”的标识“{value}”{problem}", "'{key}': the id '{value}' {problem_en}",
       "标识只用字母（可以是汉字）、数字和中间的 -、_、.，以字母或数字开头，最多 64 个字符，如 anping-township："
       "它也是站点页面和 PDF 的文件名。",
       "Use letters, digits and '-', '_', '.' inside, starting with a letter or digit, at most 64 characters: "
       "ids also name the site's pages and the PDFs.",
       found_by="schema", summary="标识格式不对")
define("S008", "error", "“{key}”的周期“{value}”无法识别", "'{key}': cannot read the period '{value}'",
       "写作 3年、18个月（或 3y、18mo），最长 20 年。", "Write 3y or 18mo; at most 20 years.", found_by="schema", summary="周期格式不对")
define("P301", "error", "时限“{value}”无法识别", "cannot read the deadline limit '{value}'",
       "{advice}写作 30分钟、4小时、3日、2个工作日，或时点 17:00。",
       "{advice_en}Write 30分钟, 4小时, 3日, 2个工作日 or a time 17:00.", summary="时限无法解析")
#: Words that promise speed without a length of time: not a limit anyone can be held to.
_VAGUE = re.compile(r"尽快|立即|立刻|马上|及时|迅速|第一时间|随时|当天|当日")

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TS = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"

_TYPE_ZH = {_STR: "文本", _INT: "整数", _FLOAT: "小数", _BOOL: "是/否", _NULL: "空值", _TS: "日期"}
_TYPE_EN = {_STR: "text", _INT: "an integer", _FLOAT: "a number", _BOOL: "a boolean", _NULL: "null", _TS: "a date"}

#: Chinese words people type as keys, mapped to the English key (for did-you-mean only).
CHINESE_KEYS = {
    "标题": "title", "名称": "name", "标识": "id", "编号": "id", "文种": "kind", "状态": "status",
    "版本": "version", "发文机关": "issuer", "发文字号": "document_number", "签发人": "signatory", "行文方向": "direction",
    "批准日期": "approved", "施行日期": "effective", "抄送": "copied_to", "主送": "addressees",
    "正文": "text", "章节": "sections", "类型": "kind", "组织机构": "organization", "机构": "bodies",
    "岗位": "posts", "组长": "leader", "副组长": "deputies", "成员": "members", "职责": "duties",
    "级别": "levels", "分级": "levels", "颜色": "colour", "标准": "criteria", "牵头": "lead",
    "时限": "deadlines", "处置流程": "procedure", "流程": "procedure", "姓名": "name", "职务": "post",
    "电话": "phones", "手机": "phones", "单位": "unit", "人员": "people", "值班": "rota", "来源": "sources",
    "时间线": "timeline", "措施": "measures", "结果": "outcome", "办结": "closed", "教训": "lessons",
    "预案": "plan", "类别": "category", "发现时间": "discovered", "时区": "timezone",
}


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    choices = list(choices)
    if word in CHINESE_KEYS and CHINESE_KEYS[word] in choices:
        return CHINESE_KEYS[word]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        low = {c.lower(): c for c in choices}
        close = difflib.get_close_matches(word.lower(), list(low), n=1, cutoff=0.6)
        close = [low[c] for c in close]
    return close[0] if close else None


_INVALID = object()
_MAP, _SCALAR = yaml.MappingNode, yaml.ScalarNode


class Builder:
    """Builds records from the nodes of one file and collects its findings."""

    def __init__(self, relpath: str, tz: dt.tzinfo, line_offset: int = 0, merges: bool = True):
        self.relpath = relpath
        self.tz = tz
        self.line_offset = line_offset
        #: whether the text may hold merge keys (``<<``); without any, mappings are read as they are
        self.merges = merges
        self.findings: list[Finding] = []

    # ------------------------------------------------------------------ helpers
    def loc(self, node: yaml.Node) -> Loc:
        m = node.start_mark
        return Loc(self.relpath, m.line + 1 + self.line_offset, m.column + 1)

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        """(line, column) of a node, 1-based: what a record keeps per key (cheaper than a Loc)."""
        m = node.start_mark
        return m.line + 1 + self.line_offset, m.column + 1

    def report(self, code: str, node: yaml.Node, **args: Any) -> object:
        self.findings.append(finding(code, self.loc(node), **args))
        return _INVALID

    def wrong_type(self, node: yaml.Node, key: str, expected: tuple[str, str],
                   hint: tuple[str, str] = ("该字段的写法见 docs/formats.md（或编辑器中的 JSON Schema 提示）。",
                                            "See docs/formats.md for this field.")):
        if isinstance(node, yaml.MappingNode):
            actual = ("映射（键: 值）", "a mapping")
        elif isinstance(node, yaml.SequenceNode):
            actual = ("列表", "a list")
        else:
            tag = tag_of(node)
            actual = (f"{_TYPE_ZH.get(tag, '值')}“{_short(node.value)}”",
                      f"{_TYPE_EN.get(tag, 'a value')} '{_short(node.value)}'")
        return self.report("S002", node, key=key, expected_zh=expected[0], expected_en=expected[1],
                           actual_zh=actual[0], actual_en=actual[1], hint_zh=hint[0], hint_en=hint[1])

    # ------------------------------------------------------------------ entry
    def build(self, cls: type, node: yaml.Node, key: str = "") -> Any:
        value = spec_for(cls)(self, node, key)
        return None if value is _INVALID else value


def _short(text: Any, n: int = 30) -> str:
    s = str(text).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


Conv = Callable[[Builder, yaml.Node, str], Any]
_SPECS: dict[type, Conv] = {}


def spec_for(cls: type) -> Conv:
    """The converter for a model class, compiled once from its fields."""
    conv = _SPECS.get(cls)
    if conv is None:
        conv = _SPECS[cls] = _record_conv(cls)
    return conv


def written_fields(cls: type) -> list[tuple[dataclasses.Field, Any]]:
    """The fields a file may hold (with their resolved type hints), in declaration order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if "doc" in f.metadata and f.metadata.get("written", True):
            out.append((f, hints[f.name]))
    return out


def is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _record_conv(cls: type) -> Conv:
    fields = written_fields(cls)
    convs = {f.name: make_conv(t) for f, t in fields}
    required = [f.name for f, _ in fields if is_required(f)]
    required_set = frozenset(required)
    with_locs = frozenset(name for name, c in convs.items() if getattr(c, "wants_locs", False))
    docs = {f.name: f.metadata["doc"] for f, _ in fields}
    allowed = ", ".join(convs)
    names = list(convs)

    def conv(b: Builder, node: yaml.Node, key: str) -> Any:
        if not isinstance(node, _MAP):
            return b.wrong_type(node, key or cls.__name__, ("映射（键: 值）", "a mapping"))
        values: dict[str, Any] = {}
        locs: dict[str, tuple[int, int]] = {}
        first: dict[str, yaml.Node] = {}  # each key's first key node
        line1 = 1 + b.line_offset
        for knode, vnode in (_pairs(b, node) if b.merges else node.value):
            k = knode.value if isinstance(knode, _SCALAR) else None
            if k is None or (knode.tag == PLAIN and k in _NULLS):
                b.wrong_type(knode, key or "key", ("键名（文本）", "a key name"))
                continue
            c = convs.get(k)
            if c is None:
                s = suggest(k, names)
                b.report("S001", knode, key=k, allowed=allowed,
                         suggestion_zh=f"，是不是“{s}”？" if s else "", suggestion_en=f"; did you mean '{s}'?" if s else "")
                continue
            if k in first:
                b.report("S005", knode, key=k, first=first[k].start_mark.line + line1)
                continue
            first[k] = knode
            m = vnode.start_mark
            locs[k] = (m.line + line1, m.column + 1)
            if vnode.tag == PLAIN and vnode.value in _NULLS:
                if k in required_set:  # an empty value is treated as absent
                    b.report("S003", knode, key=k, doc=docs[k])
                continue
            v = c(b, vnode, k, locs) if k in with_locs else c(b, vnode, k)
            if v is not _INVALID:
                values[k] = v
        complete = True
        for k in required:
            if k not in values:
                complete = False
                if k not in first:
                    b.report("S003", node, key=k, doc=docs[k])
        if not complete:
            return _INVALID
        m = node.start_mark
        return cls(loc=Loc(b.relpath, m.line + line1, m.column + 1), locs=locs, **values)

    return conv


def _pairs(b: Builder, node: yaml.MappingNode):
    """Mapping pairs with YAML merge keys (<<: *base) expanded."""
    for knode, vnode in node.value:
        if knode.tag == _MERGE:
            sources = vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
            for src in sources:
                if isinstance(src, yaml.MappingNode):
                    yield from _pairs(b, src)
            continue
        yield knode, vnode


# ---------------------------------------------------------------------- converters by type

def make_conv(t: Any) -> Conv:
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return make_conv(inner[0])
    if origin is tuple:
        return _tuple_conv(args[0])
    if origin in (dict, typing.Mapping) or t is typing.Mapping or origin is typing.Mapping:
        return _mapping_conv(args[1] if args else str)
    import collections.abc
    if origin is collections.abc.Mapping:
        return _mapping_conv(args[1])
    if t is Any:
        return _any_conv
    if dataclasses.is_dataclass(t) and t not in (Limit, Period):
        return _nested_conv(t)
    if isinstance(t, type) and issubclass(t, Labelled):
        return _enum_conv(t)
    if isinstance(t, type) and issubclass(t, Severity):
        return _severity_conv
    simple = {str: _str_conv, Markdown: _str_conv, Ref: _str_conv, Id: _id_conv, int: _int_conv,
              bool: _bool_conv, dt.date: _date_conv, dt.datetime: _datetime_conv, Limit: _limit_conv,
              Period: _period_conv}
    if t in simple:
        return simple[t]
    raise TypeError(f"no converter for {t!r}")


def _nested_conv(t: type) -> Conv:
    """The converter of a record inside a record, found on first use (a class may contain itself: sections)."""
    found: list[Conv] = []

    def conv(b: Builder, node: yaml.Node, key: str) -> Any:
        if not found:
            found.append(spec_for(t))
        return found[0](b, node, key)

    return conv


def _scalar(b: Builder, node: yaml.Node, key: str, expected: tuple[str, str]) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return b.wrong_type(node, key, expected)
    return node.value


def _str_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    return _scalar(b, node, key, ("文本", "text"))


def _id_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("标识（文本）", "an id"))
    problem = id_problem(v) if v is not _INVALID else None
    if problem:
        return b.report("S007", node, key=key, value=_short(v), problem=problem[0], problem_en=problem[1])
    return v


def _int_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and tag_of(node) == _INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            pass
    return b.wrong_type(node, key, ("整数", "an integer"))


def _bool_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and tag_of(node) == _BOOL:
        return node.value.lower() in ("true", "yes", "on", "y")
    return b.wrong_type(node, key, ("true 或 false", "true or false"))


_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_DATE_HINT = ("写作 2025-03-05（年-月-日）。", "Write YYYY-MM-DD, e.g. 2025-03-05.")
_TIME_HINT = ("写作 2025-03-05 09:20（可带时区，如 2025-03-05 09:20+08:00）。",
              "Write 2025-03-05 09:20, optionally with an offset (+08:00).")
#: Years a plan or case can mean (deadlines and review dates are counted from them: year 9999 has no after)
YEARS = (1900, 2199)
_YEAR_HINT = (f"年份应在 {YEARS[0]}–{YEARS[1]} 之间；请检查是否笔误。", f"The year must be within {YEARS[0]}-{YEARS[1]}.")


def _date_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("日期", "a date"))
    if v is _INVALID:
        return v
    m = _DATE_RE.match(v) or _CN_DATE_RE.match(v)
    if m:
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
        else:
            if YEARS[0] <= day.year <= YEARS[1]:
                return day
            return b.report("S006", node, key=key, value=_short(v), hint_zh=_YEAR_HINT[0], hint_en=_YEAR_HINT[1])
    return b.report("S006", node, key=key, value=_short(v), hint_zh=_DATE_HINT[0], hint_en=_DATE_HINT[1])


def _datetime_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("时间", "a time"))
    if v is _INVALID:
        return v
    text = v.strip()
    try:
        if len(text) <= 10:
            raise ValueError("date only")
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return b.report("S006", node, key=key, value=_short(v), hint_zh=_TIME_HINT[0], hint_en=_TIME_HINT[1])
    if not YEARS[0] <= value.year <= YEARS[1]:
        return b.report("S006", node, key=key, value=_short(v), hint_zh=_YEAR_HINT[0], hint_en=_YEAR_HINT[1])
    # a time written with its offset (+00:00, Z) is the same moment in the office's timezone: every output
    # shows office time, and a case is filed under the office's day and year
    return value.replace(tzinfo=b.tz) if value.tzinfo is None else value.astimezone(b.tz)


def _limit_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("时限（如 30分钟）", "a limit such as 30分钟"))
    if v is _INVALID:
        return v
    got = Limit.parse(v)
    if got is not None and got.too_long:
        return b.report("P301", node, value=_short(v), advice=f"时限最长 {Limit.MAX_DAYS} 日，请检查是否笔误。",
                        advice_en=f"A limit is at most {Limit.MAX_DAYS} days: a typing error? ")
    if got is None:
        vague = _VAGUE.search(v) and not re.search(r"\d|[一二两三四五六七八九十半]", v)
        return b.report("P301", node, value=_short(v),
                        advice="“尽快”“立即”这类词说不出何时超时：写明最长多少时间，原文表述写在 text 中。" if vague else "",
                        advice_en="Words such as 尽快 (as soon as possible) set no time: give the longest time, and keep "
                                  "the wording in 'text'. " if vague else "")
    return got


def _period_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("周期（如 3年）", "a period such as 3y"))
    if v is _INVALID:
        return v
    try:
        got = Period.parse(int(v) if tag_of(node) == _INT else v)
    except ValueError:  # an integer of thousands of digits
        got = None
    if got is None or got.too_long:
        return b.report("S008", node, key=key, value=_short(v))
    return got


def _enum_conv(cls: type[Labelled]) -> Conv:
    by_text: dict[str, Labelled] = {}
    for m in cls:
        by_text[m.value] = m
        by_text.setdefault(m.label, m)
    allowed = "、".join(f"{m.value}（{m.label}）" for m in cls)

    def conv(b: Builder, node: yaml.Node, key: str) -> Any:
        v = _scalar(b, node, key, ("文本", "text"))
        if v is _INVALID:
            return v
        got = by_text.get(v)
        if got is None:
            s = suggest(v, list(by_text))
            return b.report("S004", node, key=key, value=_short(v), allowed=allowed,
                            suggestion_zh=f"，是不是“{s}”？" if s else "", suggestion_en=f"; did you mean '{s}'?" if s else "")
        return got

    return conv


def _severity_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    v = _scalar(b, node, key, ("error、warning 或 off", "error, warning or off"))
    if v is _INVALID:
        return v
    try:
        return Severity(v)
    except ValueError:
        return b.report("S004", node, key=key, value=_short(v), allowed="error、warning、off",
                        suggestion_zh="", suggestion_en="")


def _tuple_conv(item_type: Any) -> Conv:
    item = make_conv(item_type)
    scalar_items = not (dataclasses.is_dataclass(item_type) and item_type not in (Limit, Period))

    def conv(b: Builder, node: yaml.Node, key: str, locs: dict[str, tuple[int, int]] | None = None) -> Any:
        if isinstance(node, yaml.ScalarNode) and scalar_items:
            v = item(b, node, key)  # one value where a list is expected: a list of one
            return _INVALID if v is _INVALID else (v,)
        if not isinstance(node, yaml.SequenceNode):
            return b.wrong_type(node, key, ("列表", "a list"))
        out = []
        line1 = 1 + b.line_offset
        for i, child in enumerate(node.value):
            if locs is not None:
                m = child.start_mark
                locs[f"{key}.{i}"] = (m.line + line1, m.column + 1)
            v = item(b, child, key)
            if v is not _INVALID:
                out.append(v)
        return tuple(out)

    conv.wants_locs = True  # type: ignore[attr-defined]
    return conv


_MAX_ANY_NODES = 10_000


def _any_conv(b: Builder, node: yaml.Node, key: str) -> Any:
    """Free-form YAML (passed on as it is, e.g. MkDocs options): plain data only, bounded in size."""
    budget = [_MAX_ANY_NODES]

    def walk(n: yaml.Node) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise OverflowError
        if isinstance(n, yaml.MappingNode):
            return {str(k.value): walk(v) for k, v in n.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(n, yaml.SequenceNode):
            return [walk(v) for v in n.value]
        tag = tag_of(n)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return n.value.lower() in ("true", "yes", "on", "y")
        if tag == _INT:
            try:
                return int(n.value.replace("_", ""), 0)
            except ValueError:
                return n.value
        if tag == _FLOAT:
            try:
                return float(n.value.replace("_", ""))
            except ValueError:
                return n.value
        return n.value

    try:
        return walk(node)
    except (OverflowError, RecursionError):
        return b.wrong_type(node, key, ("不超过一万项的普通数据", "plain data of at most 10,000 items"))


def _mapping_conv(value_type: Any) -> Conv:
    item = make_conv(value_type)

    def conv(b: Builder, node: yaml.Node, key: str, locs: dict[str, tuple[int, int]] | None = None) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return b.wrong_type(node, key, ("映射（键: 值）", "a mapping"))
        out: dict[str, Any] = {}
        line1 = 1 + b.line_offset
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                b.wrong_type(knode, key, ("键名（文本）", "a key name"))
                continue
            if locs is not None:  # each entry's place: Record.at(key, name)
                m = knode.start_mark
                locs[f"{key}.{knode.value}"] = (m.line + line1, m.column + 1)
            v = item(b, vnode, knode.value)
            if v is not _INVALID:
                out[knode.value] = v
        return out

    conv.wants_locs = True  # type: ignore[attr-defined]

    return conv
