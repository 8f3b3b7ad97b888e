"""O1xx: what passes check also builds.  Ids name the site's pages and the PDFs (plans/ID, cases/ID,
rosters/ID, respond/PLAN/LEVEL), so an id may not be one the site uses itself; a link in a text may only go
to an address (the site publishes no attachment, and the same text sits on pages at different depths and in
PDFs); and Markdown may not nest so deep that rendering it runs out of stack or takes minutes.

Every measure here is one pass over the text (check reads thousands of cases): the bounds are generous for
what people write and far below what breaks Python-Markdown, MkDocs and WeasyPrint.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Loc
from ..model import Case, Record
from ..model.common import RESERVED_IDS
from ..privacy import MASKED_RUN
from .content import joined, texts
from .registry import Context, for_each_case, hit, rule

#: Nesting Planbook's renderers take without trouble: list and quote levels, [ ] inside [ ], and the length
#: of a run of * or _ (each two characters of a run are one more level of emphasis).
MAX_BLOCK_DEPTH = 16
MAX_BRACKET_DEPTH = 16
MAX_EMPHASIS_RUN = 32

#: A link's or an image's address in Markdown: ](address, ](<address>, or a reference definition [x]: address
_LINK = re.compile(r"\]\([ \t]*(<[^<>\n]*>|[^\s()]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: What opens a deeper block at the start of a line: a quote mark or a list marker followed by a space
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")
_RUN = re.compile(r"\*+|_+")
_RULE_LINE = re.compile(r"[ \t]*(?:[*_-][ \t]*)+")
#: A line that could open more than MAX_BLOCK_DEPTH blocks: one character opens at most two levels (a tab
#: indents four columns, two levels; a marker opens one), so such a line starts with 9 or more of these
#: (Looked for as a line break followed by them, and at the start: a search for a first literal character is
#: many times quicker than trying ^ at every character.)
_DEEP_START = re.compile(rf"[ \t>*+\-0-9.)]{{{MAX_BLOCK_DEPTH // 2 + 1}}}")
_DEEP_LINE = re.compile(rf"\n[ \t>*+\-0-9.)]{{{MAX_BLOCK_DEPTH // 2 + 1}}}")


def _deep_line(text: str) -> bool:
    return _DEEP_START.match(text) is not None or _DEEP_LINE.search(text) is not None


def _loc(rec: Record, key: str, index: int | None, text: str, offset: int) -> Loc:
    """Where character ``offset`` of a text is: its value's line plus the lines before it (a text with line
    breaks is a block scalar, written from the line below its key; a case's body starts where it says)."""
    base = rec.at(key, index)
    if not base.line:
        return base
    lines_before = text.count("\n", 0, offset)
    block = 0 if key == "body" else 1 if "\n" in text.rstrip("\n") or text.endswith("\n") else 0
    if not (block or lines_before):
        col = base.col + (offset if key == "body" else 0)
    else:  # a block scalar's indentation is not in its text: the column is known in a body only
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1 if key == "body" else 1
    return Loc(base.path, base.line + block + lines_before, col)


def _records(ctx: Context) -> Iterator[Record]:
    """Every file's record but the cases' (each case passes on its own: registry.check_case)."""
    repo = ctx.repo
    yield from repo.plans
    yield from repo.rosters
    yield from repo.drills


def _texts(record: Record) -> list[tuple[Record, str, int | None, str]]:
    """Every text of a file's record, a case's or a drill's body included."""
    found = texts(record)
    body = getattr(record, "body", "")
    if body:
        found.append((record, "body", None, body))
    return found




# --------------------------------------------------------------------------- ids that name pages

@rule("O101", "error", "标识“{id}”是站点自己的页面名", "the id '{id}' is a page name the site uses itself",
      "换一个标识：index 和 readme（不分大小写）会替换或冒充站点的目录页（如案例库的 cases/index.html）。",
      "Choose another id: index and readme (in any case) would replace or pose as the site's own index pages "
      "(such as the case library's cases/index.html).", summary="标识与站点的页面名冲突", guard=True)
def reserved_ids(ctx: Context):
    """预案、通讯录、案例、演练和级别的标识也是站点页面和 PDF 的文件名（plans/ID、cases/ID、respond/预案/级别），
    不能是 index 或 readme。"""
    for record in _records(ctx):
        yield from _reserved(record)
    for plan in ctx.repo.plans:
        for level in plan.levels:
            if str(level.id).lower() in RESERVED_IDS:
                yield hit(level.at("id"), id=level.id)


@for_each_case("O101")
def case_reserved_id(ctx: Context, case: Case):
    yield from _reserved(case)


def _reserved(record: Record):
    if str(record.id).lower() in RESERVED_IDS:
        yield hit(record.at("id"), id=record.id)


# --------------------------------------------------------------------------- links

def relative_links(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of each link or image in ``text`` whose address is a file (no scheme, not a place on
    the same page): the site publishes no such file, and the PDF would point into the program's folder."""
    if "](" not in text and "]:" not in text:
        return
    for m in _LINK.finditer(text):
        group = 1 if m.group(1) is not None else 2
        address = m.group(group)
        if address.startswith("<") and address.endswith(">"):
            address = address[1:-1].strip()
        if not address or address.startswith(("#", "//")) or _SCHEME.match(address):
            continue
        yield m.start(group), address


@rule("O102", "error", "链接“{address}”指向的文件不在站点中", "the link '{address}' points to a file the site does not have",
      "站点和 PDF 只有 Planbook 生成的页面，不发布附件：附件写出名称（如“见附件一”），或链接内网的完整地址"
      "（http://…）；同一页中的链接写 #标题。",
      "The site and the PDFs hold only the pages Planbook makes, no attachments: name the attachment in words, "
      "or link its full intranet address (http://…); a link within the page is #heading.",
      summary="链接指向不存在的文件", guard=True)
def links_to_files(ctx: Context):
    """正文中的链接只能是网址（http、https、mailto、tel）或页内的 #标题：相对路径（附件一.docx、../x.md）在站点中
    不存在，在 PDF 中会指向程序的模板目录。"""
    for record in _records(ctx):
        yield from _links(ctx, record)


@for_each_case("O102")
def case_links_to_files(ctx: Context, case: Case):
    yield from _links(ctx, case)


def _links(ctx: Context, record: Record):
    every = joined(ctx, record)
    if "](" not in every and "]:" not in every:
        return
    for rec, key, index, text in _texts(record):
        for offset, address in relative_links(text):
            yield hit(_loc(rec, key, index, text, offset), address=_short(address))


# --------------------------------------------------------------------------- nesting

def _could_nest(text: str) -> bool:
    """Whether :func:`nesting_problem` could find anything in ``text``: 17 or more '[', a line starting with 9 or
    more block characters, or a run of 33 * or _."""
    return (text.count("[") > MAX_BRACKET_DEPTH or _deep_line(text)
            or "*" * (MAX_EMPHASIS_RUN + 1) in text or "_" * (MAX_EMPHASIS_RUN + 1) in text)


def nesting_problem(text: str) -> tuple[int, str, str] | None:
    """(offset, Chinese, English) of the first place where ``text`` nests deeper than the renderers take:
    lists or quotes, brackets, or a long run of * or _ (emphasis in emphasis).  One pass, no parsing."""
    if text.count("[") > MAX_BRACKET_DEPTH:  # each test below first asks whether the text could fail it at all
        depth = 0
        escaped = False
        for i, ch in enumerate(text):
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == "[":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    return (i, f"方括号 [ ] 套了 {MAX_BRACKET_DEPTH} 层以上（或有许多没有配对的 [）",
                            f"more than {MAX_BRACKET_DEPTH} levels of [ ] (or many unmatched '[')")
            elif ch == "]" and depth:
                depth -= 1
    start = 0
    for line in text.split("\n") if _deep_line(text) else ():
        indent = len(line) - len(line.lstrip(" \t"))
        columns = line[:indent].count(" ") + 4 * line[:indent].count("\t")
        levels, pos = columns // 2, 0
        while levels <= MAX_BLOCK_DEPTH and (m := _CONTAINER.match(line, pos)) and m.end() > pos:
            levels, pos = levels + 1, m.end()
        if levels > MAX_BLOCK_DEPTH:
            return (start, f"列表或引用嵌套超过 {MAX_BLOCK_DEPTH} 层", f"lists or quotes nested over {MAX_BLOCK_DEPTH} levels")
        start += len(line) + 1
    if "*" * (MAX_EMPHASIS_RUN + 1) in text or "_" * (MAX_EMPHASIS_RUN + 1) in text:
        masks = {m.start() for m in MASKED_RUN.finditer(text)}
        for m in _RUN.finditer(text):
            if len(m.group(0)) > MAX_EMPHASIS_RUN and m.start() not in masks:
                end = text.find("\n", m.end())
                if _RULE_LINE.fullmatch(text, text.rfind("\n", 0, m.start()) + 1, len(text) if end < 0 else end):
                    continue  # a line of * or _ alone is a horizontal rule, not emphasis
                return (m.start(), f"连续 {len(m.group(0))} 个“{m.group(0)[0]}”（强调套强调，最多 {MAX_EMPHASIS_RUN} 个）",
                        f"a run of {len(m.group(0))} '{m.group(0)[0]}' (emphasis in emphasis; at most {MAX_EMPHASIS_RUN})")
    return None


@rule("O103", "error", "Markdown 嵌套过深：{what}", "Markdown nested too deep: {what_en}",
      "这样的文字生成站点和 PDF 时会耗尽调用栈或花上几分钟：拆开嵌套，或把符号写成全角（＊、［］）。",
      "Rendering it would exhaust the stack or take minutes: flatten it, or write the marks full-width (＊, ［］).",
      summary="Markdown 嵌套过深", guard=True)
def markdown_nesting(ctx: Context):
    """正文的列表和引用最多嵌套 16 层，方括号最多 16 层，连续的 * 或 _ 最多 32 个：更深的嵌套会让生成站点和 PDF
    时耗尽调用栈（RecursionError）或耗时成倍增长。"""
    for record in _records(ctx):
        yield from _nesting(ctx, record)


@for_each_case("O103")
def case_markdown_nesting(ctx: Context, case: Case):
    yield from _nesting(ctx, case)


def _nesting(ctx: Context, record: Record):
    if not _could_nest(joined(ctx, record)):
        return
    for rec, key, index, text in _texts(record):
        found = nesting_problem(text)
        if found:
            yield hit(_loc(rec, key, index, text, found[0]), what=found[1], what_en=found[2])


def _short(text: str, n: int = 40) -> str:
    s = text.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"
