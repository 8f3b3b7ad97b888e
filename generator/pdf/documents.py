"""The documents of the PDF stage as HTML: one official document per plan, the response cards of a plan,
one report per closed case.  Views are built from the typed model only; the markup is in the Jinja2
templates under site_templates/pdf/ (autoescaped: netizen text is never markup)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .. import __version__
from ..model.case import Case
from ..model.plan import Direction, Plan, Status
from ..numbering import Numbered, cn_date
from ..views import Views
from . import layout
from .fonts import BOLD_ROLES, ROLES, FontSet, check_coverage, text_width
from .titles import break_title


@dataclass(frozen=True)
class Job:
    """One PDF to render: the HTML and what the manifest says about it."""

    relpath: str
    kind: str
    subject: str
    title: str
    html: str
    base_url: str
    #: rendered in turn instead of ``html`` while the document ends on an odd page (a plan's 版记 goes on an even
    #: page of its own; then after an unnumbered blank page)
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildInfo:
    commit: str  # short commit, "+" when the inputs had uncommitted changes; "" outside git
    date: dt.datetime  # fixed from the commit, never the wall clock
    planbook_version: str = __version__

    @property
    def date_iso(self) -> str:
        return self.date.strftime("%Y-%m-%dT%H:%M:%S") + (self.date.strftime("%z")[:3] + ":" +
                                                           self.date.strftime("%z")[3:] if self.date.utcoffset()
                                                           is not None else "Z")


def build_info(git, fallback: dt.date | None = None) -> BuildInfo:
    """The commit and a date fixed by it: the newest commit touching the inputs (reproducible)."""
    dates = [r.date for revs in git.history.values() for r in revs]
    if dates:
        when = max(dates)
    else:
        d = fallback or dt.date(2000, 1, 1)
        when = dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)
    return BuildInfo(git.short if git.commit else "", when)


# --- Jinja -----------------------------------------------------------------------------------------

def _markdown(text: str | None, lead: str = "", lead_class: str = "article-label") -> Markup:
    """Markdown to HTML; raw HTML in the text is shown as text, never interpreted."""
    import markdown
    if not text:
        return Markup(f'<p><span class="{lead_class}">{escape(lead)}</span></p>') if lead else Markup("")
    html = markdown.markdown(str(escape(text)).replace("&#34;", '"').replace("&#39;", "'"))
    if lead:
        html = re.sub(r"^<p>", lambda m: f'<p><span class="{lead_class}">{escape(lead)}</span>　', html, count=1)
        if not html.startswith("<p>"):
            html = f'<p><span class="{lead_class}">{escape(lead)}</span></p>' + html
    return Markup(_KEEP_END.sub(r'<span class="keep">\1</span>\2', html))


#: a paragraph's last two characters and its closing punctuation: kept together, so that no last line holds one
#: character and a full stop (the line before it gives up a character and is justified)
_KEEP_END = re.compile(r"([\u3400-\u9fff]{2}[。！？；：”’）]{1,2})(</p>|</li>)")


def _css_str(text: str) -> Markup:
    """A CSS string literal (for @page content): quotes, backslashes and line breaks escaped."""
    out = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{out}"')


def _words(text: str) -> Markup:
    """A short table cell's text with every word (jieba, as titles are broken) kept on one line: a narrow
    column breaks between words, never inside one (重|大)."""
    from .titles import words
    out = []
    for w in words(str(text)):
        out.append(f'<span class="w">{escape(w)}</span>' if len(w) > 1 else str(escape(w)))
    return Markup("".join(out))


def _file_url(path: str) -> str:
    return Path(path).resolve().as_uri()


@functools.lru_cache(maxsize=4)
def environment(templates: str):
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(templates) / "pdf")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["md"] = _markdown
    env.filters["file_url"] = _file_url
    env.filters["css_str"] = _css_str
    env.filters["words"] = _words
    return env


def _common(fonts: FontSet, build: BuildInfo) -> dict[str, Any]:
    return {
        "fonts": fonts, "L": layout.css_vars(), "build": build,
        "css_names": {role: ROLES[role][1] for role in ROLES}, "bold_roles": BOLD_ROLES,
        "fam": {role: Markup(fonts.css_family(role)) for role in ROLES},
    }


# --- plans -----------------------------------------------------------------------------------------

def _section_views(sections: tuple[Numbered, ...]) -> list[dict]:
    """The body as the template prints it, numbered by numbering.numbered_sections (as the site and the
    change tables number it)."""
    def section(n: Numbered) -> dict:
        children = [section(c) for c in n.children]
        if n.kind == "article":
            html = _markdown(n.text, lead=n.number + (f"　{n.title}" if n.title else ""))
            return {"kind": "article", "label": n.number, "title": n.title, "depth": 0, "html": html,
                    "children": children}
        if n.kind == "item":
            html = _markdown(n.text, lead=n.number + n.title, lead_class="item-label")
            return {"kind": "item", "label": n.number, "title": n.title, "depth": 1, "html": html,
                    "children": children}
        return {"kind": n.kind, "label": n.number, "title": n.title, "depth": min(n.depth, 3),
                "html": _markdown(n.text), "children": children}
    return [section(n) for n in sections]


def _attachments(views: Views, plan: Plan) -> list[dict]:
    view = views.plan(plan)
    names = view.names
    out = []
    if plan.levels:
        out.append({"kind": "levels", "title": "舆情分级标准与响应措施", "rows": [
            {"name": lv.name, "colour": lv.colour.label if lv.colour else "", "criteria": lv.criteria,
             "lead": names(lv.lead), "report_to": names(lv.report_to), "actions": lv.actions}
            for lv in plan.levels]})
    org = plan.organization
    if org and (org.bodies or org.posts):
        out.append({"kind": "organization", "title": "组织机构及职责", "rows": {
            "bodies": [{"name": b.name, "seat": b.seat, "leader": names(b.leader),
                        "deputies": names(b.deputies), "members": names(b.members), "duties": b.duties}
                       for b in org.bodies],
            "posts": [{"name": p.name, "holder": names(p.holder), "backup": names(p.backup),
                       "duties": p.duties} for p in org.posts]}})
    if plan.deadlines:
        level_names = {lv.id: lv.name for lv in plan.levels}
        out.append({"kind": "deadlines", "title": "处置时限", "rows": [
            {"name": x.name, "trigger": x.trigger.label, "limit": x.limit.text if hasattr(x.limit, "text") else str(x.limit),
             "max": (x.max.text if hasattr(x.max, "text") else str(x.max)) if x.max else "",
             "owner": names(x.owner), "recipient": names(x.recipient),
             "levels": [level_names.get(i, i) for i in x.levels], "when": x.when, "text": x.text}
            for x in plan.deadlines]})
    if plan.procedure:
        dl = {x.id: x for x in plan.deadlines}
        out.append({"kind": "procedure", "title": "处置流程", "rows": [
            {"name": s.name, "stage": s.stage.label, "owner": names(s.owner),
             "deadlines": [f"{dl[i].name}：{_limit(dl[i].limit)}" for i in s.deadlines if i in dl], "text": s.text}
            for s in plan.procedure]})
    roster = view.roster
    if roster and roster.people:
        def phones(p):
            return [views.masking.phone(x) for x in p.phones]
        out.append({"kind": "roster", "title": "应急通讯录", "rows": {
            "people": [{"name": p.name, "post": p.post, "unit": p.unit, "phones": phones(p),
                        "roles": [r.label for r in p.roles]} for p in roster.people],
            "units": [{"name": u.name, "phones": list(u.phones)} for u in roster.units]}})
    return out


def _limit(limit) -> str:
    return getattr(limit, "text", None) or str(limit)


def watermark_for(plan: Plan) -> str:
    """草稿 on a plan that is not approved (已废止 on a superseded one); "" on an approved plan."""
    if plan.status is Status.approved:
        return ""
    return "已废止" if plan.status is Status.superseded else "草稿"


def _mark_size(text: str) -> tuple[float, float]:
    """Font size and letter spacing of the issuer mark: large, and never wider than the text block."""
    n = max(len(text), 1)
    width = layout.BLOCK_W * layout.MM - 20
    size = min(40.0, width / n)
    return round(size, 2), 0.0


def _text_of(obj: Any) -> str:
    """Every string inside a view, for the glyph coverage check."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, dict):
        return " ".join(_text_of(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return " ".join(_text_of(v) for v in obj)
    return ""


def plan_job(views: Views, plan: Plan, fonts: FontSet, build: BuildInfo, templates: Path) -> Job:
    subject = f"预案 {plan.id}（{plan.title}）"
    sections = _section_views(views.plan(plan).sections)
    attachments = _attachments(views, plan)
    mark = f"{plan.issuer}文件" if plan.issuer else ""
    mark_pt, mark_spacing = _mark_size(mark)
    version = plan.version or "—"
    date = cn_date(plan.approved or plan.effective or plan.printed)
    signatory = plan.signatory if plan.direction is Direction.up else ""
    title_lines = break_title(plan.title, layout.TITLE_CHARS)
    grid_pad = layout.grid_pad(layout.head_height(mark_pt if mark else None, len(title_lines)))
    doc = {"title": plan.title, "author": plan.issuer, "version": plan.version, "status": plan.status.value,
           "description": f"{plan.document_number} {plan.kind.label}".strip(),
           "keywords": [plan.kind.label, f"版本 {version}", f"提交 {build.commit}"]}
    headings = []

    def walk(vs):
        for v in vs:
            headings.append((v["depth"], v["kind"], v["label"] + (v["title"] or "")))
            walk(v["children"])
    walk(sections)
    md_text = " ".join(s.text for s, _ in plan.walk_sections())
    all_text = " ".join([plan.title, mark, plan.document_number, plan.signatory, " ".join(plan.addressees),
                         " ".join(plan.copied_to), plan.printed_by, md_text, _text_of(attachments),
                         _text_of([h[2] for h in headings]), date, "附件：签发人抄送印发"])
    check_coverage(fonts, {
        "fang": all_text, "song": _text_of(attachments) + "—0123456789",
        "xbs": plan.title + mark + _text_of([a["title"] for a in attachments]),
        "hei": _text_of([h[2] for h in headings if h[0] == 0]) + "附件0123456789" + _text_of(attachments),
        "kai": _text_of([h[2] for h in headings if h[0] == 1]) + plan.signatory,
    }, subject)
    env = environment(str(templates))

    def html(banji_alone: str) -> str:
        return env.get_template("plan.html.j2").render(
            **_common(fonts, build), doc=doc, plan=plan, mark=mark, mark_pt=mark_pt, mark_spacing=mark_spacing,
            signatory=signatory, title_lines=title_lines, grid_pad=grid_pad, sig=signature_geometry(fonts, plan.issuer, date),
            sections=sections, attachments=attachments, date=date, printed=cn_date(plan.printed or plan.approved),
            watermark=watermark_for(plan), banji_alone=banji_alone)
    return Job(f"plans/{plan.id}.pdf", "plan", plan.id, plan.title, html(""), str(templates / "pdf"),
               (html("page"), html("left")))


def signature_geometry(fonts: FontSet, issuer: str, date: str) -> dict[str, float]:
    """Where the issuer's name, the date and the seal go (pt from the right edge of the text block): the date
    4 characters in, the name centred over it, the seal centred on the date (GB/T 9704-2012 7.3.5.1)."""
    pitch = layout.PITCH_PT
    ls = layout.LETTER_SPACING_PT
    date_w = text_width(fonts, "fang", date, layout.BODY_PT, ls)
    name_w = text_width(fonts, "fang", issuer, layout.BODY_PT, ls)
    date_pad = layout.DATE_INDENT * pitch
    centre = date_pad + date_w / 2  # of the date, from the right edge
    return {"date_pad": round(date_pad, 3), "issuer_pad": round(max(0.0, centre - name_w / 2), 3),
            "seal_right": round(centre - layout.SEAL * layout.MM / 2, 3), "seal_top": layout.SEAL_TOP,
            "gap_lines": layout.SIGNATURE_GAP_LINES}


# --- response cards --------------------------------------------------------------------------------

def _same(directory, ref: str, target) -> bool:
    t = directory.resolve(ref)
    return t is not None and t.item is not None and t.item is target


def card_views(views: Views, plan: Plan) -> list[dict]:
    """One card per body and post of the plan, and per other owner of a deadline."""
    view = views.plan(plan)
    d, names = view.directory, view.names
    org = plan.organization
    roles: list[tuple[str, str, Any, tuple[str, ...], list[tuple[str, tuple[str, ...]]]]] = []
    for b in org.bodies if org else ():
        roles.append((b.name, b.type.label, b, b.duties, [("组长", b.leader), ("副组长", b.deputies), ("成员", b.members)]))
    for p in org.posts if org else ():
        roles.append((p.name, p.role.label, p, p.duties, [("担任", p.holder), ("AB 岗替补", p.backup)]))
    known = {id(r[2]) for r in roles}
    extra: dict[str, Any] = {}
    for x in plan.deadlines:
        for ref in x.owner:
            t = d.resolve(ref)
            key = id(t.item) if t is not None and t.item is not None else None
            if key in known:
                continue
            name = t.name if t is not None else ref
            if name not in extra:
                extra[name] = (t, ref)
    for name, (t, ref) in extra.items():
        roles.append((name, "时限责任人", t.item if t is not None and t.item is not None else ref, (), [("担任", (ref,))]))

    def phones(person):
        return [views.masking.phone(x) for x in person.phones]

    def owns(refs, item) -> bool:
        return any(_same(d, r, item) if not isinstance(item, str) else r == item for r in refs)

    cards = []
    for name, kind, item, duties, groups in roles:
        contacts = []
        seen = set()
        for label, refs in groups:
            for r in refs:
                t = d.resolve(r)
                people = t.people if t is not None else ()
                if not people:
                    contacts.append({"role": label, "name": t.name if t is not None else r, "post": "",
                                     "phones": list(t.item.phones) if t is not None and t.kind == "unit" else []})
                for p in people:
                    if p.id in seen:
                        continue
                    seen.add(p.id)
                    contacts.append({"role": label, "name": p.name, "post": p.post, "phones": phones(p)})
        deadlines = [{"name": x.name, "limit": _limit(x.limit), "max": _limit(x.max) if x.max else "",
                      "trigger": x.trigger.label, "recipient": names(x.recipient), "when": x.when,
                      "levels": [lv.name for lv in plan.levels if lv.id in x.levels]}
                     for x in plan.deadlines if owns(x.owner, item)]
        steps = [{"name": s.name, "stage": s.stage.label, "text": s.text}
                 for s in plan.procedure if owns(s.owner, item)]
        recipients = []
        for x in plan.deadlines:
            if owns(x.owner, item):
                for r in x.recipient:
                    t = d.resolve(r)
                    if t is None:
                        continue
                    for p in t.people:
                        if p.id not in seen:
                            seen.add(p.id)
                            recipients.append({"role": f"报送：{t.name}", "name": p.name, "post": p.post,
                                               "phones": phones(p)})
                    if t.kind == "unit" and t.item is not None and t.name not in seen:
                        seen.add(t.name)
                        recipients.append({"role": "报送", "name": t.name, "post": "", "phones": list(t.item.phones)})
        cards.append({"name": name, "kind": kind, "duties": list(duties), "deadlines": deadlines, "steps": steps,
                      "contacts": contacts + recipients})
    return cards


def cards_job(views: Views, plan: Plan, fonts: FontSet, build: BuildInfo, templates: Path) -> Job | None:
    cards = card_views(views, plan)
    if not cards:
        return None
    subject = f"预案 {plan.id} 的应急处置卡"
    footer = f"{plan.title} · 版本 {plan.version or '—'} · 提交 {build.commit or '—'}"
    text = _text_of(cards) + footer + plan.title + "应急处置卡职责时限第一步联系谁报送起算最长适用"
    check_coverage(fonts, {"fang": text, "song": text, "hei": text, "xbs": plan.title + "应急处置卡" + _text_of(
        [c["name"] for c in cards])}, subject)
    doc = {"title": f"{plan.title} · 应急处置卡", "author": plan.issuer, "version": plan.version,
           "status": plan.status.value,
           "description": "应急处置卡", "keywords": ["应急处置卡", f"版本 {plan.version}", f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("cards.html.j2").render(
        **_common(fonts, build), doc=doc, plan=plan, cards=cards, footer=footer, watermark=watermark_for(plan))
    return Job(f"cards/{plan.id}.pdf", "cards", plan.id, doc["title"], html, str(templates / "pdf"))


# --- case reports ----------------------------------------------------------------------------------

def case_job(views: Views, case: Case, fonts: FontSet, build: BuildInfo, templates: Path) -> Job:
    repo = views.repo
    shown = views.case(case)
    case, plan, level = shown.case, shown.plan, shown.level
    view = {
        "meta": [("案例编号", case.id), ("级别", level), ("类别", case.category.label),
                 ("依据预案", plan.title if plan else case.plan), ("涉及单位", case.unit),
                 ("发现时间", _when(case.discovered)), ("办结日期", cn_date(case.closed))],
        "sources": [{"platform": s.platform, "title": s.title, "url": s.url, "posted": _when(s.posted),
                     "author": s.author, "quote": s.quote} for s in case.sources],
        "timeline": [{"time": _when(r.entry.time), "event": r.entry.event.label, "by": list(r.by),
                      "note": r.entry.note} for r in shown.timeline],
        "compliance": compliance_rows(shown.compliance),
    }
    footer = f"案例 {case.id} · 提交 {build.commit or '—'}"
    text = " ".join([case.title, _text_of(view), " ".join(case.measures), case.outcome, " ".join(case.lessons),
                     " ".join(case.follow_up), case.body, footer, "处置报告舆情来源处置经过采取的措施结果经验教训后续整改时限达标要求应于实际"])
    check_coverage(fonts, {"fang": text, "song": text, "hei": text, "xbs": case.title + "舆情处置报告"},
                   f"案例 {case.id}（{case.title}）")
    doc = {"title": f"{case.title} · 舆情处置报告", "author": repo.config.office.name, "version": case.id, "status": "",
           "description": f"案例 {case.id}", "keywords": ["案例", case.id, f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("case.html.j2").render(
        **_common(fonts, build), doc=doc, case=case, view=view, footer=footer)
    return Job(f"cases/{case.id}.pdf", "case", case.id, case.title, html, str(templates / "pdf"))


def _when(t: dt.datetime | None) -> str:
    if t is None:
        return ""
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def compliance_rows(badges) -> list[dict]:
    """The deadline compliance table of a case report or compendium (badges from generator/compliance.py)."""
    return [{"name": b.name, "limit": b.limit, "text": b.text, "tone": b.tone, "due": _when(b.due),
             "done": _when(b.done) or "—"} for b in badges]


# --- change tables (修订对照表) ----------------------------------------------------------------------

def changes_job(table, fonts: FontSet, build: BuildInfo, templates: Path, relpath: str | None = None) -> Job:
    """The two-column change table of two versions of a plan (a :class:`~generator.diff.ChangeTable`)."""
    from ..render.changes import counts_text, groups, is_draft, side_label, slug
    rows = [r for g in groups(table) for r in g.rows]
    old_label, new_label = side_label(table.old), side_label(table.new)
    draft = is_draft(table)
    title = f"《{table.title}》"
    footer = f"{table.title} · 修订对照表 · 构建自提交 {build.commit or '（不在 git 中）'}"

    def pieces(ops: tuple[str, ...], part: str = "both") -> str:
        out = []
        for r in rows:
            for c in (r.old, r.new):
                lines = (c.head if part != "body" else ()) + (c.body if part != "head" else ())
                out.extend(s.text for line in lines for s in line if s.op in ops)
        return "".join(out)

    all_text = pieces(("same", "added", "removed"))
    labels = "".join(g.label for g in groups(table))
    check_coverage(fonts, {
        "fang": all_text + "".join(r.note for r in rows) + counts_text(table) + "删去的文字加删除线新增的文字下划线示例（）两个版本没有差别。",
        "song": "— 0123456789" + footer,
        "xbs": title + "修订对照表",
        "hei": pieces(("added",)) + labels + "".join(r.kind_label for r in rows) + "序号原条文修订后条文说明示例修订草案，尚未批准，仅供审议",
        "kai": pieces(("same", "added", "removed"), "head") + old_label + new_label + "原：修订后（无）（删除）",
    }, f"预案 {table.plan_id} 的修订对照表（{old_label} → {new_label}）")
    doc = {"title": f"{table.title} · 修订对照表", "author": "", "version": table.new.version,
           "status": "draft" if draft else table.new.status, "description": f"修订对照表：{old_label} → {new_label}",
           "keywords": ["修订对照表", f"版本 {table.old.version} → {table.new.version}", f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("changes.html.j2").render(
        **_common(fonts, build), doc=doc, title=title, old_label=old_label, new_label=new_label, draft=draft,
        counts=counts_text(table), groups=groups(table), footer=footer)
    return Job(relpath or f"changes/{table.plan_id}/{slug(table)}.pdf", "changes", table.plan_id,
               f"修订对照表（{old_label} → {new_label}）", html, str(templates / "pdf"))


def change_jobs(versions, fonts: FontSet, build: BuildInfo, templates: Path) -> list[Job]:
    """Every change table of ``versions`` (plan id -> PlanVersions): between approved versions, and drafts."""
    return [changes_job(t, fonts, build, templates) for pv in versions.values() for t in pv.tables]


def jobs_for(views: Views, fonts: FontSet, build: BuildInfo, templates: Path, plans=None, cases=None,
             compendium=None) -> list[Job]:
    """Every document of the repository (or of the given plans and cases), as ``views`` show them (masked for
    their audience); ``compendium``: the library's training compendium when the caller has selected it
    already (RenderContext.compendium)."""
    repo = views.repo
    out: list[Job] = []
    for plan in repo.plans if plans is None else plans:
        out.append(plan_job(views, plan, fonts, build, templates))
        card = cards_job(views, plan, fonts, build, templates)
        if card:
            out.append(card)
    for case in repo.cases if cases is None else cases:
        out.append(case_job(views, case, fonts, build, templates))
    if plans is None and cases is None:  # the whole library: a period report per calendar year
        from .reports import period_jobs
        out.extend(period_jobs(views, fonts, build, templates, compendium))
    return out
