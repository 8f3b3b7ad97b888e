"""Parsing YAML text into a node tree with libyaml, safely.

``yaml.compose`` with the C parser gives nodes that carry their line and
column (``start_mark``), at about half the cost of a full ``safe_load``.
Nothing is ever constructed from a tag, so ``!!python/object`` cannot run;
such tags are reported.  Aliases are counted before anything expands them, so
a "billion laughs" file is rejected in linear time.
"""
from __future__ import annotations

import operator
import re

import yaml

from ..findings import Finding, Loc, define, finding

define("Y001", "error", "YAML 语法错误：{problem_zh}", "YAML syntax error: {problem}",
       "{hint_zh}", "{hint_en}", found_by="file", summary="YAML 语法错误")
define("Y002", "error", "缩进中使用了制表符（Tab）", "a tab character is used for indentation",
       "YAML 只能用空格缩进：把该行开头的 Tab 换成空格（编辑器可设置“用空格代替 Tab”）。",
       "YAML indents with spaces only: replace the tab with spaces.", found_by="file", summary="用 Tab 缩进")
define("Y003", "error", "文件是空的", "the file is empty",
       "参照 docs/formats.md 中的示例填写内容，或删除该文件。", "Fill it in from an example, or delete it.",
       found_by="file", summary="空文件")
define("Y004", "error", "文件中有多个 YAML 文档（--- 分隔）", "the file holds more than one YAML document",
       "每个文件只写一个预案或通讯录；删除多余的 --- 行，或拆成多个文件。",
       "Keep one document per file: remove the extra '---' line.", found_by="file", summary="多个文档")
define("Y005", "error", "不支持的 YAML 标签 {tag}（未执行）", "unsupported YAML tag {tag} (not executed)",
       "删除该标签；Planbook 只读取普通的文本、数字、日期、列表和映射。",
       "Remove the tag: only plain text, numbers, dates, lists and mappings are read.",
       found_by="file", summary="不安全或未知的标签")
define("Y008", "error", "“{key}”后面用了全角冒号“：”", "'{key}' is followed by a full-width colon '：'",
       "改成半角冒号加空格：{fixed}", "Use an ASCII colon and a space: {fixed}", found_by="file",
       summary="键后用了全角冒号")
define("Y009", "error", "行首用了全角空格缩进", "a full-width space (U+3000) indents this line",
       "YAML 只能用半角空格缩进：把行首的全角空格“　”换成两个半角空格。",
       "Indent with ASCII spaces only: replace the full-width space.", found_by="file", summary="用全角空格缩进")
define("Y007", "error", "YAML 嵌套过深（超过 {limit} 层），拒绝读取", "the YAML nests deeper than {limit} levels; not read",
       "预案、通讯录和案例都不需要这么深的嵌套；检查是否有多余的括号或缩进。",
       "No plan needs such depth: look for stray brackets or indentation.", found_by="file", summary="嵌套过深")
define("Y006", "error", "别名（*{alias}）展开后过大（超过 {limit} 个节点），疑似“别名炸弹”，拒绝读取",
       "aliases expand to more than {limit} nodes (an alias bomb?); not read",
       "不要用锚点和别名（& 和 *）层层嵌套复制内容。", "Do not nest anchors and aliases (& and *).",
       found_by="file", summary="别名炸弹")

_STD = "tag:yaml.org,2002:"
#: The tag of a plain (unquoted) scalar whose type has not been resolved yet; see :func:`tag_of`.
PLAIN = "tag:planbook:plain"
_MERGE_TAG, _STR_TAG, _SEQ_TAG, _MAP_TAG = (_STD + t for t in ("merge", "str", "seq", "map"))
_SCALAR_NODE, _SEQUENCE_NODE = yaml.ScalarNode, yaml.SequenceNode
SAFE_TAGS = frozenset([PLAIN] + [_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map",
                                                    "merge")])


class _LazyResolver(yaml.resolver.BaseResolver):
    """Leaves plain scalars unresolved.  libyaml calls the resolver for every scalar, and
    PyYAML's regular-expression resolver was a third of the time of a check; most
    values are text, so the type is resolved only where a converter asks (:func:`tag_of`)."""

    def resolve(self, kind, value, implicit):  # called from C for every node: constants only
        if kind is _SCALAR_NODE:
            if implicit[0]:
                return _MERGE_TAG if value == "<<" else PLAIN
            return _STR_TAG
        return _SEQ_TAG if kind is _SEQUENCE_NODE else _MAP_TAG

    # No path resolvers, nothing to track.  libyaml's composer calls these two for every node (two million
    # calls per 5,000 cases): C callables that take the same arguments and do nothing cost a tenth of a
    # Python method.
    descend_resolver = staticmethod(operator.is_)  # (current_node, current_index)
    ascend_resolver = staticmethod(tuple)  # ()


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser

    class _Loader(CParser, yaml.constructor.BaseConstructor, _LazyResolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            _LazyResolver.__init__(self)
else:  # PyYAML built without libyaml: same nodes, about seven times slower
    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                  yaml.constructor.BaseConstructor, _LazyResolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.BaseConstructor.__init__(self)
            _LazyResolver.__init__(self)


_FULL_RESOLVER = yaml.resolver.Resolver()


def tag_of(node: yaml.Node) -> str:
    """The YAML 1.1 type of a node (``tag:yaml.org,2002:int`` …), resolving a plain scalar on demand."""
    if node.tag == PLAIN:
        return _FULL_RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    return node.tag
MAX_EXPANDED_NODES = 200_000

_HINTS = [  # libyaml's problem, in Chinese, and what to do
    ("mapping values are not allowed", "此处不能再写“键: 值”", "冒号后要有空格；值里本身含英文冒号时，请把整个值用引号括起来。",
     "Put a space after the colon, or quote a value that contains a colon."),
    ("could not find expected ':'", "找不到应有的冒号", "这一行像是键却缺少冒号，或者上一行的引号没有闭合。",
     "A key lacks its colon, or a quote on the line above is not closed."),
    ("did not find expected key", "缩进处找不到应有的键", "缩进不一致：同一层的键必须对齐。",
     "Inconsistent indentation: keys of one level must line up."),
    ("did not find expected '-' indicator", "找不到应有的列表项“-”", "列表项和键混在同一层：检查缩进。",
     "A list item and a key share a level: check the indentation."),
    ("found undefined alias", "引用了未定义的锚点", "引用了未定义的锚点（*名称 之前要有 &名称）。", "An alias (*name) has no anchor (&name)."),
    ("end of stream", "文件在引号或括号闭合前就结束了", "引号或括号没有闭合。", "A quote or bracket is not closed."),
    ("did not find expected ',' or ']'", "方括号列表中找不到应有的逗号或“]”", "方括号列表没有闭合，或项之间缺少逗号。",
     "A [list] is not closed or lacks a comma."),
    ("did not find expected ',' or '}'", "花括号映射中找不到应有的逗号或“}”", "花括号映射没有闭合，或项之间缺少逗号。",
     "A {map} is not closed or lacks a comma."),
    ("found character that cannot start any token", "这个字符不能用在值的开头", "该位置的字符不能出现在这里：以 @ 或 ` 开头的值要加引号。",
     "Quote a value that starts with @ or `."),
]


MAX_DEPTH = 64
# Cheap signs that a text might nest deeply; only then are its events walked to measure the depth.  Each
# sign has a literal two-character start that is looked for first (one regex with four alternatives tried at
# every character took a quarter of a second per thousand case files).
_BRACKETS = re.compile(r"[\[{]{8}")
_STACKED = ((re.compile(r"-[ \t]+-"), re.compile(r"(?:-[ \t]+){8}")),
            (re.compile(r"\?[ \t]+\?"), re.compile(r"(?:\?[ \t]+){8}")))
_DEEP_INDENT = "\n" + " " * 48


def _deep_hint(text: str) -> bool:
    """Whether ``text`` holds 8 brackets in a row, 8 stacked "- " or "? " indicators, or a 48-space indent."""
    if any(b in text for b in ("[[", "[{", "{[", "{{")) and _BRACKETS.search(text):
        return True
    if _DEEP_INDENT in text:
        return True
    return any(pair.search(text) and full.search(text) for pair, full in _STACKED)


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the nesting passes MAX_DEPTH, or None.  libyaml's composer recurses in C and
    crashes the process on very deep input, so this runs before it (iteratively, on events)."""
    if text.count("[") + text.count("{") < 2 * MAX_DEPTH and not _deep_hint(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as e:
        # libyaml 0.2.6+ (PyYAML 6.0.3+ wheels) refuses deep flow nesting itself, while scanning ahead
        if "nesting depth" in str(e.problem or "") and e.problem_mark is not None:
            return e.problem_mark
        return None  # compose reports the syntax error
    except yaml.YAMLError:
        return None
    return None


def compose(text: str, relpath: str, line_offset: int = 0) -> tuple[yaml.Node | None, list[Finding]]:
    """Parse one YAML document into nodes; ``line_offset`` shifts reported lines
    (for front matter that starts below line 1)."""
    deep = _too_deep(text)
    if deep is not None:
        return None, [finding("Y007", Loc(relpath, deep.line + 1 + line_offset, deep.column + 1), limit=MAX_DEPTH)]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_finding(e, text, relpath, line_offset)]
    except yaml.YAMLError as e:  # unmarked: reader errors such as control characters
        return None, [_unreadable(e, text, relpath, line_offset)]
    if node is None:
        return None, [finding("Y003", Loc(relpath, line_offset + 1 if line_offset else 0, 0))]
    problems: list[Finding] = []
    if "!" in text or "&" in text:
        problems = _inspect(node, relpath, line_offset)
    return (None if any(p.severity.value == "error" for p in problems) else node), problems


#: A key written with a full-width colon (``limit：30分钟``), as people type it with a Chinese input method.
_FULLWIDTH_KEY = re.compile(r"^([ \t]*(?:-[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*：[ \t]*")


def _typo(lines: list[str], upto: int, relpath: str, line_offset: int) -> Finding | None:
    """A full-width colon after a key or a full-width space indenting a line, at or above line ``upto``
    (0-based): libyaml reports these a line late and in English; this names the line and the fix."""
    for i in range(min(upto, len(lines) - 1), -1, -1):
        src = lines[i]
        m = _FULLWIDTH_KEY.match(src)
        if m:
            rest = src[m.end():]
            return finding("Y008", Loc(relpath, i + 1 + line_offset, len(m.group(1)) + len(m.group(2)) + 1),
                           key=m.group(2), fixed=f"{m.group(2)}: {rest}".rstrip())
        if src.lstrip(" \t").startswith("\u3000"):
            return finding("Y009", Loc(relpath, i + 1 + line_offset, src.index("\u3000") + 1))
    return None


def _unreadable(e: yaml.YAMLError, text: str, relpath: str, line_offset: int) -> Finding:
    """A character YAML does not accept (a control character), at its own line and column.  The reader's
    error has no mark, and its position counts bytes in libyaml but characters in PyYAML: look for it."""
    m = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if m is None:
        return finding("Y001", Loc(relpath, 1 + line_offset, 1), problem=str(e), problem_zh="文件中有不能读取的字符",
                       hint_zh="检查文件中是否有不可见的控制字符。", hint_en="Look for control characters.")
    start = m.start()
    line = text.count("\n", 0, start)
    col = start - (text.rfind("\n", 0, start) + 1)
    code = f"U+{ord(m.group()[0]):04X}"
    return finding("Y001", Loc(relpath, line + 1 + line_offset, col + 1), problem=f"control character {code}",
                   problem_zh=f"有不能读取的控制字符 {code}",
                   hint_zh="删除这个字符（编辑器中通常看不见，多由复制粘贴带入）。",
                   hint_en="Delete the character (usually invisible, pasted in); inside double quotes write an escape.")


def _syntax_finding(e: yaml.MarkedYAMLError, text: str, relpath: str, line_offset: int) -> Finding:
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    loc = Loc(relpath, line + 1 + line_offset, col + 1)
    problem = e.problem or e.context or "?"
    lines = text.splitlines()
    typo = _typo(lines, line, relpath, line_offset)
    if typo is not None:
        return typo
    if "expected a single document" in (e.context or ""):
        return finding("Y004", loc)
    if 0 <= line < len(lines):
        src = lines[line]
        if "\t" in src[: max(col, 0) + 1] or (src[:len(src) - len(src.lstrip())].count("\t")):
            return finding("Y002", Loc(relpath, line + 1 + line_offset, src.index("\t") + 1))
    hint_zh, hint_en = "检查这一行和上一行的缩进、冒号和引号。", "Check indentation, colons and quotes here and above."
    problem_zh = f"无法解析（{problem}）"
    for needle, what, zh, en in _HINTS:
        if needle in problem:
            problem_zh, hint_zh, hint_en = what, zh, en
            break
    return finding("Y001", loc, problem=problem, problem_zh=problem_zh, hint_zh=hint_zh, hint_en=hint_en)


def _inspect(root: yaml.Node, relpath: str, line_offset: int) -> list[Finding]:
    """Report unsafe tags; refuse aliases that expand too far.  Linear in the number of distinct nodes."""
    sizes: dict[int, int] = {}
    found: list[Finding] = []
    seen_tags: set[int] = set()

    def size(node: yaml.Node) -> int:
        got = sizes.get(id(node))
        if got is not None:
            return got
        sizes[id(node)] = 1  # a recursive alias counts once
        if node.tag not in SAFE_TAGS and id(node) not in seen_tags:
            seen_tags.add(id(node))
            m = node.start_mark
            found.append(finding("Y005", Loc(relpath, m.line + 1 + line_offset, m.column + 1), tag=node.tag))
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        total = min(total, 10 * MAX_EXPANDED_NODES)
        sizes[id(node)] = total
        return total

    import sys
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        total = size(root)
    except RecursionError:
        total = 10 * MAX_EXPANDED_NODES
    finally:
        sys.setrecursionlimit(limit)
    if total > MAX_EXPANDED_NODES and total > 4 * len(sizes):
        m = root.start_mark
        found.append(finding("Y006", Loc(relpath, m.line + 1 + line_offset, m.column + 1),
                             alias="", limit=MAX_EXPANDED_NODES))
    return found
