"""``planbook import``: a plan written as .docx, .txt or .md → a draft plan.yml in Planbook's format.

Stages, one module each: read (file → paragraphs) → clean (noise, page breaks) → split (cover letter,
several documents) → headings (numbering schemes → section tree) → classify (section and plan kinds)
→ extract (levels, bodies, posts, deadlines) → write (YAML with provenance comments).

The importer never invents: every extracted value names its source line, and whatever is uncertain
becomes a review item.  It never imports click; the CLI shows the result.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from ..model.plan import PlanKind, SectionKind
from .classify import NOT_PLAN, plan_kind, section_kind
from .clean import clean
from .extract import LEVEL_TITLE, POST_TITLE, Block, Extraction, Review, extract, introduces_levels, is_unit_entry
from .headings import Node, outline
from .read import ImportProblem, Para, read_source, row_cells
from .roster import DRAFT_NAME, merge, roster_draft
from .split import Doc, join_split_titles, split_documents, split_inline_titles, strip_cover
from .text import END_PUNCT, quote
from .write import Commented, OutputExists, render, write_atomic

__all__ = ["ImportProblem", "OutputExists", "ImportResult", "DraftedPlan", "Skipped", "Review",
           "import_file", "write_plan"]


@dataclass(frozen=True)
class Skipped:
    """A part of the file that is not a plan and was left out."""

    where: int
    title: str
    reason: str


@dataclass(frozen=True)
class DraftedPlan:
    id: str
    title: str
    kind: PlanKind
    where: int
    text: str                                   # the plan.yml to write
    sections: int
    section_kinds: tuple[str, ...]              # kinds found (values), in order of first appearance
    levels: tuple[str, ...]
    bodies: tuple[str, ...]
    posts: tuple[str, ...]
    deadlines: tuple[tuple[str, str], ...]      # (event, limit)
    metadata: tuple[tuple[str, str], ...]       # from a cover letter: (field, value)
    review: tuple[Review, ...]
    load_problems: tuple[str, ...] = ()         # should stay empty: the written file must load
    roster: str | None = None                   # the roster draft (roster.yml.draft), when the source names people
    people: tuple[str, ...] = ()                # their names


@dataclass(frozen=True)
class ImportResult:
    source: str
    unit: str                                   # "行" or "段": how positions are counted
    plans: tuple[DraftedPlan, ...]
    skipped: tuple[Skipped, ...]
    dropped: int                                # noise lines removed
    notes: tuple[str, ...]


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9_.-]+", "-", name.lower()).strip("-._")
    return s or "imported"


def import_file(path: str, plan_id: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Read ``path`` and draft one plan per plan found in it (nothing is written)."""
    src = read_source(path)
    paras, dropped = clean(src.paras)
    paras, cover = strip_cover(paras)
    paras = join_split_titles(split_inline_titles(paras))
    docs, lead = split_documents(paras)
    skipped: list[Skipped] = []
    if lead:
        if docs or not _looks_structured(lead):
            if any(len(p.text) > 20 for p in lead):
                skipped.append(Skipped(lead[0].where, quote(lead[0].text, 30), "标题之前的网页说明或前言，不是预案正文"))
        else:
            first = lead[0]
            guessed = len(first.text) <= 40 and not re.search(r"[。；;！？，,]", first.text)
            docs = [Doc(first.text if guessed else "", first.where, lead[1:] if guessed else lead, title_guessed=True)]
    if cover is not None:
        for d in docs:
            d.cover = cover
            break
    drafts: list[tuple[Doc, PlanKind]] = []
    for d in docs:
        body = "\n".join(p.text for p in d.paras)
        kind, _how = plan_kind(d.title, body)
        if NOT_PLAN.search(d.title) and not re.search(r"(?:预案|方案|办法|制度)$", d.title):
            skipped.append(Skipped(d.where, d.title, "这一部分是工作总结、汇报或报告，不是预案，没有导入"))
        elif kind is None:
            skipped.append(Skipped(d.where, d.title or quote(body, 30),
                                   "标题和正文都没有说明这是预案、方案、办法或制度，没有导入"))
        elif re.search(r"范例|范文|汇集|合集|精选", d.title) and not _looks_structured(d.paras):
            skipped.append(Skipped(d.where, d.title, "文档合集的总标题及其说明，不是预案正文"))
        elif len(body) < 50 or (_how == "text" and not _looks_structured(d.paras)):
            skipped.append(Skipped(d.where, d.title, "只有标题或很短的文字，没有可导入的预案正文"))
        elif not _plan_like(d.paras, strict=_how == "text"):
            skipped.append(Skipped(d.where, d.title or quote(body, 30),
                                   "各节的标题看不出预案的结构（组织机构、监测、处置、附则等），没有导入"))
        else:
            drafts.append((d, kind))
    base = plan_id or slug(os.path.splitext(os.path.basename(path))[0])
    plans = []
    for i, (d, kind) in enumerate(drafts, start=1):
        pid = base if len(drafts) == 1 else f"{base}-{i}"
        plans.append(_draft(d, kind, pid, src.path, src.unit, today or dt.date.today()))
    return ImportResult(src.path, src.unit, tuple(plans), tuple(skipped), len(dropped), src.notes)


_PLAN_KINDS = {SectionKind.general, SectionKind.purpose, SectionKind.scope, SectionKind.principles,
               SectionKind.organization, SectionKind.monitoring, SectionKind.warning, SectionKind.assessment,
               SectionKind.grading, SectionKind.response, SectionKind.procedure, SectionKind.information_release,
               SectionKind.aftermath, SectionKind.support, SectionKind.supplementary, SectionKind.discipline}


def _plan_like(paras: list[Para], strict: bool) -> bool:
    """Do the headings read like a plan's?  With a plan's title one recognised section is enough; a
    text whose title says nothing needs three different kinds, making up at least half its top level."""
    o = outline(paras)
    top = [section_kind(c.title) for c in o.root.children]
    found = {section_kind(c.title) for c in o.root.children}
    found |= {section_kind(g.title) for c in o.root.children for g in c.children}
    found &= _PLAN_KINDS
    if not strict:
        return bool(found)
    return len(found) >= 3 and sum(1 for k in top if k in _PLAN_KINDS) * 2 >= len(top)


def _looks_structured(paras: list[Para]) -> bool:
    o = outline(paras)
    return len(o.root.children) >= 2 or sum(len(c.children) for c in o.root.children) >= 2


# --------------------------------------------------------------------------- one plan

_PURPOSE = re.compile(r"为[^。]{2,}(?:制定|制订|特制定|特制订)|特制定|特制订")


_ITEM_TITLE = re.compile(r"^(?:(?:Ⅳ|Ⅲ|Ⅱ|Ⅰ|[一二三四])级.{0,8}|"
                         r"副?组长|成员|副?总指挥|副?指挥长|办公室主任)$")
#: a body's name as a numbered entry's title: a group, a squad, a centre or an office (a room) with a name of its own (not the generic
#: '领导小组', '工作小组' or '办公室' a plan makes sections of)
_GROUP_TITLE = re.compile(r"(?:组|专班|(?<!梯)队|(?<=[\u4e00-\u9fff]{2})(?:(?:办公)?室|中心))$")
_GENERIC_TITLE = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}(?:领导|工作)小?组|领导小组办公室|指挥部办公室|工作专班|专班)$")


def _is_item(node: Node) -> bool:
    """A numbered item that is an entry of a list, not a section: a level ('(1)一般舆情：…'), a post
    ('(1)组长：…') or a working group ('1、舆情监测组：由…牵头，负责…')."""
    if node.title is None or node.key[0] == "h":  # a Word heading style: the author made it a section
        return False
    if LEVEL_TITLE.match(node.title) and not any(c.children for c in node.children) and (
            not node.children or (node.text and re.search(r"[：:]$", node.text[-1][0]))):
        return True     # a level, its criteria in a list it introduces ('1.红色预警（一级）' '出现下列情况之一：' '（1）…')
    if node.children:
        return False
    title = re.sub(r"[（(][^）)]*[）)]$", "", node.title)     # a note after the name ('舆情监测员（兼）', '…组（牵头：X）')
    if _ITEM_TITLE.match(title) or (POST_TITLE.match(title) and _names_holder(node)):
        return True     # a level's or a post's entry ('（1）组长：…', '1. 学校新闻发言人：校长…')
    if not _GROUP_TITLE.search(title) or _GENERIC_TITLE.match(title) or not node.text:
        return False
    # its text opens with how the body is set up or led ('由…牵头', '设在宣传股，…', '（组长：…）负责…'), not its work
    return bool(re.match(r"^(?:由|负责|主要负责|牵头|设在|设于|挂靠|依托|[（(]?(?:常务)?副?组\s*长[:：]|(?:主要)?职责[:：])",
                         node.text[0][0]) or is_unit_entry(node.title, node.text[0][0]))


def _level_item(node: Node, parent: Node | None) -> bool:
    """An item of the list of levels a grading section introduces ('分为轻度、中度、重度三类：' then '1.轻度。…'; the
    list is named there or introduced by a colon, so '（一）启动条件' under '响应分为三级。' stays a section): a level,
    not a section (a Word heading style is the author's section)."""
    return (parent is not None and parent.title is not None and section_kind(parent.title) == SectionKind.grading
            and not node.children and node.key[0] != "h" and node.title is not None and len(node.title) <= 8
            and any(introduces_levels(t, node.title) for t, _ in parent.text))


def _names_holder(node: Node) -> bool:
    """Whether a post's title is followed by its holder: on its line after a colon ('学校新闻发言人：校长…'), or in the
    first clause of its text ('由分管宣传的副馆长担任'); '（三）新闻发言人' over a description of the system stays a section."""
    first = re.split(r"[，,。；;]", node.text[0][0], maxsplit=1)[0] if node.text else ""
    return bool(re.search(r"[：:]\s*\S", node.raw) or re.match(r"^由", first) or re.search(r"担任|兼任", first))


def _post_among_sections(node: Node, siblings: list[Node]) -> bool:
    """A post's title numbered as one of its sections ('（一）指挥部' '（二）工作组' '（三）村级网格' '（四）新闻发言人'), no
    holder on its line: a section like them (the post is still read from its text)."""
    if node.title is None or not POST_TITLE.match(node.title) or re.search(r"[：:]\s*\S", node.raw or ""):
        return False
    others = [s for s in siblings if s.key == node.key and s is not node]
    return len(others) >= 2 and all(s.title is not None and not _is_item(s) for s in others)


def _principle_item(node: Node, parent: Node | None) -> bool:
    """A numbered principle under a principles section ('（四）工作原则' then '1.统一领导、分级负责。…'): an entry of its
    list, not a section (a Word heading style is the author's section)."""
    return (parent is not None and parent.title is not None and section_kind(parent.title) == SectionKind.principles
            and not node.children and node.key[0] != "h")


def _node_text(node: Node) -> list[tuple[str, int]]:
    """A node that is not a section, flattened into text: its number and words as written, then its children."""
    rest = node.text[1:] if node.raw and node.text and node.raw.endswith(node.text[0][0]) else node.text
    if node.title and node.raw == node.title and rest and (_ITEM_TITLE.match(node.title) or LEVEL_TITLE.match(node.title)
                                                                  or POST_TITLE.match(node.title)):
        # '2.1.1 组长' then '由…担任。': one entry, '组长：由…担任。'
        out = [(f"{node.marker}{node.title}：{rest[0][0]}".strip(), node.where)]
        rest = rest[1:]
    else:
        out = [((node.marker.strip() + node.raw).strip() or (node.title or ""), node.where)]
    for text, where in rest:
        out.append((text, where))
    for c in node.children:
        out.extend(_node_text(c))
    return [(t, w) for t, w in out if t]


class _Sections:
    def __init__(self, articles: bool, unit: str) -> None:
        self.articles = articles
        self.unit = unit
        self.blocks: list[Block] = []
        self.review: list[Review] = []
        self.count = 0
        self.kinds: list[str] = []

    def keep(self, node: Node, depth: int, siblings: list[Node] | None = None, parent: Node | None = None) -> bool:
        """Whether a node becomes a section (else its words go into its parent's text)."""
        if self.articles:
            return node.key[0] in ("chap", "art") or (depth == 0 and node.title is not None)
        if depth == 0:
            return True
        if (_is_item(node) and not _post_among_sections(node, siblings or [node])) or _level_item(node, parent) \
                or _principle_item(node, parent):
            return False
        same = [s for s in (siblings or [node]) if s.key == node.key]
        return sum(1 for s in same if s.title is not None) * 2 > len(same)

    def build(self, node: Node, depth: int) -> list:
        out = []
        for c in node.children:
            if not self.keep(c, depth, node.children, node):
                continue
            out.append(self.section(c, depth))
        return out

    def section(self, node: Node, depth: int) -> Commented:
        paras = list(node.text)
        for c in node.children:
            if not self.keep(c, depth + 1, node.children, node):
                paras.extend(_node_text(c))
        kind = section_kind(node.title)
        self.count += 1
        if kind.value not in self.kinds:
            self.kinds.append(kind.value)
        if node.title is None and not (self.articles and node.key[0] == "art"):
            self.review.append(Review(node.where, "导入没有认出这一节的标题（编号后直接是正文），title 未填",
                                      quote(node.raw or (paras[0][0] if paras else ""))))
        self.blocks.append(Block(node.title, kind, node.where, tuple(paras)))
        value: dict = {"kind": kind.value}
        if node.title:
            value["title"] = node.title
        text = "\n\n".join(t for t, _ in paras)
        if text:
            value["text"] = text
        value["sections"] = self.build(node, depth + 1)
        marker = node.marker.strip()
        return Commented(value, f"原文第{node.where}{self.unit}{('：' + marker) if marker else ''}")


def _draft(doc: Doc, kind: PlanKind, pid: str, path: str, unit: str, today: dt.date) -> DraftedPlan:
    o = outline(doc.paras)
    secs = _Sections(o.articles, unit)
    sections: list = []
    if o.root.text:
        first = o.root.text
        joined = "\n\n".join(t for t, _ in first if t)
        if joined:
            k = SectionKind.purpose if _PURPOSE.search(joined) else SectionKind.other
            secs.count += 1
            secs.kinds.append(k.value)
            secs.blocks.append(Block(None, k, first[0][1], tuple(first)))
            secs.review.append(Review(first[0][1], "开头一段不在任何编号之下，导入把它单独作为一节（没有 title）：请补写标题（如“编制目的”）或并入下一节",
                                      quote(joined)))
            sections.append(Commented({"kind": k.value, "text": joined}, f"原文第{first[0][1]}{unit}（开头一段）"))
    sections.extend(secs.build(o.root, 0))
    ex: Extraction = extract(secs.blocks)
    review: list[Review] = []
    meta: list[tuple[str, str]] = []
    plan: dict = {"id": pid}
    title = doc.title or (doc.cover.title if doc.cover else "")
    if not title:
        title = "（标题待补）"
        review.append(Review(doc.where, "导入没有找到标题，title 暂写“（标题待补）”"))
    elif doc.title_guessed:
        review.append(Review(doc.where, "导入把正文前的第一行当作标题，可能不完整，请核对", quote(title)))
    plan["title"] = Commented(title, f"来源：第{doc.where}{unit} “{quote(title)}”")
    plan["kind"] = kind.value
    plan["status"] = Commented("draft", "导入的预案一律是草案：核对完下面的注释和审核事项后再改为 approved")
    if doc.cover:
        c = doc.cover
        src = f"来源：印发通知，第{c.where}{unit} “{c.quote}”"
        for key, value in (("issuer", c.issuer), ("document_number", c.document_number)):
            if value:
                plan[key] = Commented(value, src)
                meta.append((key, value))
        if c.date:
            plan["printed"] = Commented(c.date, src + "（通知的日期；批准、施行日期请核对后补写）")
            meta.append(("printed", c.date.isoformat()))
        if c.addressees:
            plan["addressees"] = Commented(c.addressees, src)
            meta.append(("addressees", "、".join(c.addressees)))
        if c.copied_to:
            plan["copied_to"] = Commented(c.copied_to, src)
            meta.append(("copied_to", "、".join(c.copied_to)))
        if c.document_number and not re.search(r"〔\d{4}〕", c.document_number):
            review.append(Review(c.where, "发文字号的年份应使用六角括号〔〕，请核对", c.document_number))
        if not c.issuer:
            review.append(Review(c.where, "导入没有在印发通知中找到发文机关，issuer 未填", c.quote))
        for note in c.notes:
            review.append(Review(c.where, note, c.quote))
        meta.append(("cover", f"印发通知《{c.title}》已从正文中去掉"))
    plan["numbering"] = "articles" if o.articles else "sections"
    plan["sections"] = sections
    organization: dict = {}
    if ex.bodies:
        organization["bodies"] = [Commented(f.value, f"来源：第{f.where}{unit} “{f.quote}”") for f in ex.bodies]
    if ex.posts:
        organization["posts"] = [Commented(f.value, f"来源：第{f.where}{unit} “{f.quote}”") for f in ex.posts]
    if organization:
        plan["organization"] = organization
    if ex.levels:
        plan["levels"] = [Commented(f.value, f"来源：第{f.where}{unit} “{f.quote}”") for f in ex.levels]
    if ex.deadlines:
        plan["deadlines"] = [Commented(f.value, f"来源：第{f.where}{unit} “{f.quote}”") for f in ex.deadlines]
    for where, what in o.gaps:
        review.append(Review(where, what + "：可能是导入没有认出那里的编号（并入了上一节的正文），也可能原文跳了号，请与原文核对"))
    last = doc.paras[-1] if doc.paras else None
    if last is not None and last.text and last.text[-1] not in END_PUNCT and row_cells(last.text) is None:
        review.append(Review(last.where, "导入读到的最后一段停在句子中间：后面可能有内容没有读到（如网页只显示了一部分），请与原文核对",
                             quote(last.text[-40:])))
    review.extend(secs.review)
    review.extend(ex.review)
    roster, roster_review = roster_draft(ex.people, pid, os.path.basename(path), unit, today)
    review.extend(roster_review)
    review = _dedupe(review)
    header = [f"由 planbook import 从 {os.path.basename(path)} 导入，{today.isoformat()}。",
              "状态为草案（draft）。每个提取出的值上方的“来源”注释指明它在原文中的位置（第几行或第几段）。",
              "人员姓名不写入预案：组长、成员等按职务引用，请在通讯录中按职务对应人员。"]
    if review:
        header.append(f"需要人工核对的事项（{len(review)} 项）：")
        header.extend(f"  {i}. {_review_line(r, unit)}" for i, r in enumerate(review, start=1))
    else:
        header.append("没有需要人工核对的事项。")
    text = render(header, plan)
    return DraftedPlan(
        id=pid, title=title, kind=kind, where=doc.where, text=text, sections=secs.count,
        section_kinds=tuple(secs.kinds), levels=tuple(f.value["name"] for f in ex.levels),
        bodies=tuple(f.value["name"] for f in ex.bodies),
        posts=tuple(f"{f.value['name']}：{'、'.join(f.value.get('holder', [])) or '（未写担任者）'}" for f in ex.posts),
        deadlines=tuple((f.value["event"], f.value["limit"]) for f in ex.deadlines),
        metadata=tuple(meta), review=tuple(review), load_problems=_load_problems(text, pid), roster=roster,
        people=tuple(p.name for p in merge(ex.people)))


def _review_line(r: Review, unit: str) -> str:
    at = f"第{r.where}{unit}：" if r.where else ""
    return f"{at}{r.reason}" + (f" —— “{r.quote}”" if r.quote else "")


def _dedupe(items: list[Review]) -> list[Review]:
    seen, out = set(), []
    for r in items:
        if (r.where, r.reason) not in seen:
            seen.add((r.where, r.reason))
            out.append(r)
    return out


def _load_problems(text: str, pid: str) -> tuple[str, ...]:
    """Load the drafted YAML as `planbook check` would: file, YAML and schema problems (should be none)."""
    from zoneinfo import ZoneInfo

    from ..load.build import Builder
    from ..load.yamlnodes import compose
    from ..model import Plan
    rel = f"plans/{pid}/plan.yml"
    node, problems = compose(text, rel)
    found = list(problems)
    if node is not None:
        b = Builder(rel, ZoneInfo("Asia/Shanghai"))
        b.build(Plan, node)
        found.extend(b.findings)
    return tuple(f"{f.loc}: {f.code} {f.message('zh')}" for f in found if f.code[0] in "FYS")


def write_plan(plan: DraftedPlan, folder: str, force: bool = False) -> str:
    """Write ``folder/plan.yml`` (and the roster draft ``folder/roster.yml.draft`` when the source names
    people) atomically; refuses to overwrite unless ``force``.  Returns the plan's path."""
    path = os.path.join(folder, "plan.yml")
    write_atomic(path, plan.text, force)
    if plan.roster is not None:     # goes with the plan: replaced whenever the plan is
        write_atomic(os.path.join(folder, DRAFT_NAME), plan.roster, True)
    return path
