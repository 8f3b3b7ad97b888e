"""The documents of the PDF renderer as HTML: one official document per plan, the response cards of a plan,
one report per closed case, one evaluation report per drill.  Views are built from the typed model only; the markup is in the Jinja2
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
from ..model.drill import Drill
from ..model.plan import BodyType, Direction, Plan
from ..numbering import Numbered, cn_date
from ..privacy import protect_masks
from ..views import Views
from . import layout
from .fonts import BOLD_ROLES, ROLES, FontSet, check_coverage, text_width
from .record import watermark
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

#: A link whose address has no scheme and is no place on the page: a file
_FILE_LINK = re.compile(r'<a href="(?![A-Za-z][A-Za-z0-9+.-]*:|#)[^"]*"[^>]*>(.*?)</a>', re.S)


def _markdown(text: str | None, lead: str = "", lead_class: str = "article-label") -> Markup:
    """Markdown to HTML; raw HTML in the text is shown as text, never interpreted."""
    import markdown
    if not text:
        return Markup(f'<p><span class="{lead_class}">{escape(lead)}</span></p>') if lead else Markup("")
    from ..site.mdext import LocalImagesExtension  # links that run or embed something go nowhere, as on the site
    html = markdown.markdown(protect_masks(str(escape(text)).replace("&#34;", '"').replace("&#39;", "'")),
                             extensions=[LocalImagesExtension()])
    html = re.sub(r'<a href="#">(.*?)</a>', r"\1", html, flags=re.S)  # in a PDF such a link is plain text
    # so is a link to a file (附件一.docx, ../x.md): the PDF has no such file, and WeasyPrint would make it a
    # file:// link into the template folder (check refuses them, O102; this is for PDFs made without check)
    html = _FILE_LINK.sub(r"\1", html)
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
    """草稿 on a plan that is not approved (已废止 on a superseded one); "" on an approved plan (record.watermark)."""
    return watermark("plan", plan.status.value)


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

def _key(kind: str, item) -> str:
    return f"{kind}:{item.id}"


def _contact_rows(label: str, named, rows: dict[str, dict]) -> None:
    """Add the rows of 联系谁 for references as shown (views.Named) to ``rows``: one per person to call (a unit:
    its duty phones); someone listed already gets the new reason added to the row's, and the role's own holders
    (``rows`` maps them to None) are left out."""
    for n in named:
        who = [(p.id, {"unit": n.name if n.name not in (p.name, p.post) else "", "name": p.name, "post": p.post,
                       "phones": [ph.shown for ph in p.phones]}) for p in n.people]
        if not n.people:
            who = [(n.key or n.name, {"unit": "", "name": n.name, "post": "", "phones": [ph.shown for ph in n.phones]})]
        for key, row in who:
            if key not in rows:
                rows[key] = {"role": label, **row}
            elif rows[key] is not None and label not in rows[key]["role"]:
                rows[key]["role"] += "；" + label


def card_views(views: Views, plan: Plan) -> list[dict]:
    """One role card (应急处置卡) per body and post of the plan, and per other owner of a deadline or step, read
    from the plan's views (PlanView: every reference resolved once).  联系谁 names whom the role reports to (the
    recipients of its deadlines, the report_to of the levels it leads, the body above it) and its backup, with
    their phones; never the role's own holders."""
    view = views.plan(plan)
    bodies = view.bodies
    leading = next((b for b in bodies if b.body.type is BodyType.leading_group), None)
    office = next((b for b in bodies if b.body.type is BodyType.office), None)
    roles: list[dict] = []
    for b in bodies:
        head, deputy = b.titles
        roles.append({"key": _key("body", b.body), "name": b.body.name, "kind": b.body.type.label,
                      "duties": list(b.body.duties), "holders": (head, b.leader),
                      "backup": (f"替补（{deputy}）", b.deputies), "above": None if b is leading else leading})
    for p in view.posts:
        roles.append({"key": _key("post", p.post), "name": p.post.name, "kind": p.post.role.label,
                      "duties": list(p.post.duties), "holders": ("担任", p.holder),
                      "backup": ("AB 岗替补", p.backup), "above": office or leading})
    known = {r["key"] for r in roles}
    for owners in [d.owner for d in view.deadlines] + [s.owner for s in view.steps]:
        for n in owners:
            key = n.key or n.name
            if key in known:
                continue
            known.add(key)
            backups = tuple(b for c in n.people if c.backup for b in view.named((c.backup,)))
            roles.append({"key": key, "name": n.name, "kind": "时限责任人", "duties": [], "holders": ("担任", (n,)),
                          "backup": ("AB 岗替补", backups), "above": office or leading})

    cards = []
    for role in roles:
        key = role["key"]

        def owns(named, key=key) -> bool:
            return any((n.key or n.name) == key for n in named)
        deadlines = [d for d in view.deadlines if owns(d.owner)]
        steps = [s for s in view.steps if owns(s.owner)]
        label, holders = role["holders"]
        rows: dict[str, dict | None] = {p.id: None for n in holders for p in n.people}
        rows[key] = None
        recipients: dict[str, tuple[list[str], object]] = {}
        for d in deadlines:
            for n in d.recipient:
                recipients.setdefault(n.key or n.name, ([], n))[0].append(d.deadline.name)
        for names, n in recipients.values():
            _contact_rows(f"报送（{'、'.join(names)}）", (n,), rows)
        for lv in view.levels:
            if owns(lv.lead):
                _contact_rows(f"报告（{lv.level.name}）", lv.report_to, rows)
        above = role["above"]
        if above is not None:
            _contact_rows(f"上级：{above.body.name}（{above.titles[0]}）", above.leader, rows)
        backup_label, backup = role["backup"]
        _contact_rows(backup_label, backup, rows)
        contacts = [r for r in rows.values() if r is not None]
        cards.append({
            "name": role["name"], "kind": role["kind"], "duties": role["duties"],
            "holders": {"label": label, "names": [p.name for n in holders for p in n.people] or
                        [n.name for n in holders]},
            "deadlines": [{"name": d.deadline.name, "limit": d.limit,
                           "max": _limit(d.deadline.max) if d.deadline.max else "", "trigger": d.deadline.trigger.label,
                           "recipient": [n.name for n in d.recipient], "when": d.deadline.when,
                           "levels": list(d.levels)} for d in deadlines],
            "steps": [{"name": s.step.name, "label": s.label, "stage": s.step.stage.label, "text": s.step.text}
                      for s in steps],
            "contacts": contacts})
    return cards


def cards_job(views: Views, plan: Plan, fonts: FontSet, build: BuildInfo, templates: Path) -> Job | None:
    cards = card_views(views, plan)
    if not cards:
        return None
    subject = f"预案 {plan.id} 的应急处置卡"
    footer = f"{plan.title} · 版本 {plan.version or '—'} · 提交 {build.commit or '—'}"
    text = _text_of(cards) + footer + plan.title + "应急处置卡职责时限第一步联系谁报送起算最长适用为何单位或岗位姓名职务电话预案没有写本岗位向谁报告由替补（）：、"
    check_coverage(fonts, {"fang": text, "song": text, "hei": text, "xbs": plan.title + "应急处置卡" + _text_of(
        [c["name"] for c in cards])}, subject)
    doc = {"title": f"{plan.title} · 应急处置卡", "author": plan.issuer, "version": plan.version,
           "status": plan.status.value,
           "description": "应急处置卡", "keywords": ["应急处置卡", f"版本 {plan.version}", f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("cards.html.j2").render(
        **_common(fonts, build), doc=doc, plan=plan, cards=cards, footer=footer, watermark=watermark_for(plan))
    return Job(f"cards/{plan.id}.pdf", "cards", plan.id, doc["title"], html, str(templates / "pdf"))


# --- level cards (应急响应卡) ---------------------------------------------------------------------------

def response_url(site_url: str, plan_id: str, level_id: str) -> str:
    """The address of a level's response page on the intranet site (planbook.yml site.url); "" without one."""
    if not site_url:
        return ""
    from urllib.parse import quote

    from ..site.pages import response_path
    page = response_path(plan_id, level_id).removesuffix(".md") + ".html"
    return site_url.rstrip("/") + "/" + quote(page, safe="/")


def qr_svg(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG (segno; black modules on white, no XML declaration)."""
    import segno
    svg = segno.make_qr(url, error="m").svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True,
                                                   svgclass="qr", lineclass=None)
    return Markup(svg)


def _visible_text(html: str) -> str:
    """The text a document prints: its HTML without tags, style or script, entities decoded (for the glyph
    coverage check of everything the template wrote)."""
    import html as html_lib
    body = re.sub(r"(?is)<(style|svg|script)\b.*?</\1>", " ", html)
    return html_lib.unescape(re.sub(r"(?s)<[^>]*>", " ", body))


def level_cards_job(views: Views, plan: Plan, fonts: FontSet, build: BuildInfo, templates: Path) -> Job | None:
    """The level cards (应急响应卡) of a plan in force: one page per level, the content of its response page (the same
    ResponseView), with a QR code to that page when planbook.yml sets site.url."""
    from ..views import responds
    if not responds(plan):
        return None
    view = views.plan(plan)
    site_url = views.repo.config.site.url
    cards = []
    for r in view.responses:
        url = response_url(site_url, plan.id, r.level.level.id)
        cards.append({"r": r, "url": url, "qr": qr_svg(url) if url else ""})
    subject = f"预案 {plan.id} 的应急响应卡"
    footer = f"{plan.title} · 版本 {plan.version or '—'} · 提交 {build.commit or '—'}"
    doc = {"title": f"{plan.title} · 应急响应卡", "author": plan.issuer, "version": plan.version,
           "status": plan.status.value, "description": "应急响应卡",
           "keywords": ["应急响应卡", f"版本 {plan.version}", f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("level_cards.html.j2").render(
        **_common(fonts, build), doc=doc, plan=plan, cards=cards, footer=footer, watermark=watermark_for(plan))
    text = _visible_text(html) + footer + "0123456789 / "
    check_coverage(fonts, {"fang": text, "song": text, "hei": text, "xbs": text}, subject)
    return Job(f"respond/{plan.id}.pdf", "response", plan.id, doc["title"], html, str(templates / "pdf"))


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
        "timeline": timeline_rows(shown.timeline),
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


# --- drill evaluation reports (演练评估报告) ------------------------------------------------------------

def drill_job(views: Views, drill: Drill, fonts: FontSet, build: BuildInfo, templates: Path) -> Job:
    """The evaluation report of one drill, laid out like a case report: what was exercised, the scenario, who
    took part, the course, the plan's deadlines measured on it, the findings and the follow-up actions."""
    repo = views.repo
    shown = views.drill(drill)
    d, plan = shown.drill, shown.plan
    view = {
        "meta": [("演练编号", d.id), ("演练的预案", plan.title if plan else d.plan), ("级别", shown.level),
                 ("形式", d.form.label), ("日期", cn_date(d.date)), ("情景发现时间", _when(d.discovered)),
                 *((("情景取自案例", d.from_case),) if d.from_case else ())],
        "participants": list(shown.participants),
        "timeline": timeline_rows(shown.timeline),
        "compliance": compliance_rows(shown.compliance),
        "actions": [{"action": r.action.action, "owner": r.owner, "due": cn_date(r.action.due),
                     "done": cn_date(r.action.done) if r.action.done else "未完成"} for r in shown.actions],
    }
    footer = f"演练 {d.id} · 提交 {build.commit or '—'}"
    text = " ".join([d.title, d.scenario, _text_of(view), " ".join(d.findings), d.body, footer,
                     "演练评估报告情景参演人员演练经过时限达标评估发现的问题整改事项责任人期限完成说明"
                     "要求应于实际时间事件经办"])
    check_coverage(fonts, {"fang": text, "song": text, "hei": text, "xbs": d.title + "演练评估报告"},
                   f"演练 {d.id}（{d.title}）")
    doc = {"title": f"{d.title} · 演练评估报告", "author": repo.config.office.name, "version": d.id, "status": "",
           "description": f"演练 {d.id}", "keywords": ["演练", d.id, f"提交 {build.commit}"]}
    html = environment(str(templates)).get_template("drill.html.j2").render(
        **_common(fonts, build), doc=doc, drill=d, view=view, footer=footer)
    return Job(f"drills/{d.id}.pdf", "drill", d.id, d.title, html, str(templates / "pdf"))


def _when(t: dt.datetime | None) -> str:
    if t is None:
        return ""
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def timeline_rows(rows) -> list[dict]:
    """The course of a case or drill as its report prints it (TimelineRow views: masked, names resolved)."""
    return [{"time": _when(r.entry.time), "event": r.entry.event.label, "by": list(r.by), "note": r.entry.note}
            for r in rows]


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
        watermark=watermark("changes", doc["status"]),
        counts=counts_text(table), groups=groups(table), footer=footer)
    return Job(relpath or f"changes/{table.plan_id}/{slug(table)}.pdf", "changes", table.plan_id,
               f"修订对照表（{old_label} → {new_label}）", html, str(templates / "pdf"))


def jobs_for(views: Views, fonts: FontSet, build: BuildInfo, templates: Path, plans=None, cases=None,
             compendium=None, drills=None) -> list[Job]:
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
        response = level_cards_job(views, plan, fonts, build, templates)
        if response:
            out.append(response)
    for case in repo.cases if cases is None else cases:
        out.append(case_job(views, case, fonts, build, templates))
    if drills is not None or (plans is None and cases is None):
        for drill in repo.drills if drills is None else drills:
            out.append(drill_job(views, drill, fonts, build, templates))
    if plans is None and cases is None:  # the whole library: a period report per calendar year
        from .reports import period_jobs
        out.extend(period_jobs(views, fonts, build, templates, compendium))
    return out
