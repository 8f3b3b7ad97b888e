"""Each plan as an editable Word document in 公文 layout (python-docx), beside its PDF: offices pass documents
through Word or WPS (their OA systems, 套打 on pre-printed red-header paper).

The numbers are the PDF's (pdf/layout.py): A4, margins 37 / 35 mm, binding 28 mm inside and 26 mm outside
(mirrored), a 22 × 28 document grid, page numbers "— 1 —" in 4号 宋体 outside on alternate sides.  Named styles
carry the faces as offices have them installed (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体), so Word and
WPS show the right ones.  The text is the plan's view (views.py), masked as the PDF is for its readers.

``preprinted=True`` (套打) leaves the red issuer mark and red rule out and keeps their room: the document is
printed onto paper whose red header is already there.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx  # python-docx: build._renderer names the extra when it is missing

from .numbering import cn_date
from .pdf import layout
from .pdf.titles import break_title

#: style name -> (font as offices have it installed, size pt)
FACES = {"title": ("方正小标宋简体", 22.0), "hei": ("黑体", 16.0), "kai": ("楷体_GB2312", 16.0),
         "fang": ("仿宋_GB2312", 16.0), "song": ("宋体", 14.0)}
STYLES = {"公文标题": "title", "公文一级标题": "hei", "公文二级标题": "kai", "公文正文": "fang", "版记": "fang"}
RED = "E60012"
TWIPS = 20  # per point


def _md_paragraphs(text: str) -> list[str]:
    """Markdown as plain paragraphs: one per paragraph or list item, emphasis marks dropped."""
    out = []
    for block in re.split(r"\n\s*\n", text or ""):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        items = [re.sub(r"^([-*+]|\d+[.、])\s+", "", ln) for ln in lines]
        joined = items if any(re.match(r"^([-*+]|\d+[.、])\s+", ln) for ln in lines) else ["".join(items)]
        out.extend(re.sub(r"\*\*|__|(?<!\w)[*_](?!\s)|`", "", p) for p in joined)
    return [p for p in out if p]


def _font(run_or_style, face: str, size: float | None = None, colour: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
    font = run_or_style.font
    font.name = face
    if size:
        font.size = Pt(size)
    if colour:
        font.color.rgb = RGBColor.from_string(colour)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face)


def _styles(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt
    # the document's default size is what the character grid is counted in: 3号 (16 pt, in half points)
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set(qn("w:val"), str(int(layout.BODY_PT * 2)))
    normal = doc.styles["Normal"]
    _font(normal, *FACES["fang"])
    spacing = normal.element.get_or_add_rPr().makeelement(qn("w:spacing"), {
        qn("w:val"): str(round(layout.LETTER_SPACING_PT * TWIPS))})  # twentieths of a point
    normal.element.get_or_add_rPr().append(spacing)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(layout.LINE_PT)
    for name, role in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        face, size = FACES[role]
        _font(style, face, 14.0 if name == "版记" else size)
        fmt = style.paragraph_format
        if name == "公文标题":
            fmt.alignment = 1  # centre
            fmt.line_spacing = Pt(layout.TITLE_LINE_PT)
            fmt.keep_with_next = True
        elif name in ("公文一级标题", "公文二级标题"):
            fmt.first_line_indent = Pt(2 * layout.PITCH_PT)
            fmt.keep_with_next = True
        elif name == "公文正文":
            fmt.first_line_indent = Pt(2 * layout.PITCH_PT)
            fmt.alignment = 3  # justify
            fmt.widow_control = True


def _grid(section) -> None:
    """The 22-line document grid (line pitch 28.99 pt); the 28 characters of a line come from the body's
    character spacing (-0.21 pt: 15.79 pt apart).  A character grid would do the same in Word, but LibreOffice
    gives a 16 pt character two cells of a 15.79 pt grid."""
    from docx.oxml.ns import qn
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = sect.makeelement(qn("w:docGrid"), {})
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(layout.LINE_PT * TWIPS)))


def _settings(doc) -> None:
    """Mirrored margins (binding inside) and different odd and even footers."""
    from docx.oxml.ns import qn
    settings = doc.settings.element
    for tag in ("w:mirrorMargins", "w:evenAndOddHeaders"):
        if settings.find(qn(tag)) is None:
            settings.insert(0, settings.makeelement(qn(tag), {}))


def _page_number(paragraph, odd: bool) -> None:
    """ "— N —" in 4号 宋体, one character in from the outer edge."""
    from docx.oxml.ns import qn
    from docx.shared import Pt
    paragraph.alignment = 2 if odd else 0
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(layout.PAGE_NUMBER_PT)
    if odd:
        fmt.right_indent = Pt(layout.PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(layout.PAGE_NUMBER_PT)
    _font(paragraph.add_run("— "), FACES["song"][0], layout.PAGE_NUMBER_PT)
    field = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
    run = paragraph.add_run("1")
    _font(run, FACES["song"][0], layout.PAGE_NUMBER_PT)
    field.append(run._r)
    paragraph._p.append(field)
    _font(paragraph.add_run(" —"), FACES["song"][0], layout.PAGE_NUMBER_PT)


def _border(paragraph, side: str, size_mm: float, colour: str = "000000", space: int = 1) -> None:
    from docx.oxml.ns import qn
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(borders)
    el = borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): str(round(size_mm * layout.MM * 8)),
                                               qn("w:space"): str(space), qn("w:color"): colour})
    borders.append(el)


def plan_docx(views, plan, target: Path, preprinted: bool = False) -> Path:
    """Write ``plan`` (as ``views`` show it) to ``target`` as a .docx in 公文 layout."""
    from docx.enum.section import WD_SECTION
    from docx.shared import Mm, Pt

    from .model.plan import Direction
    from .pdf.documents import _attachments, _mark_size

    view = views.plan(plan)
    doc = docx.Document()
    _styles(doc)
    _settings(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_W), Mm(layout.PAGE_H)
    section.top_margin, section.bottom_margin = Mm(layout.TOP), Mm(layout.BOTTOM)
    section.left_margin, section.right_margin = Mm(layout.BINDING), Mm(layout.OUTER)
    section.footer_distance = Mm(layout.BOTTOM - layout.PAGE_NUMBER_GAP - 5.5)
    section.header_distance = Mm(15)
    _grid(section)
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)
    core = doc.core_properties
    core.title, core.author, core.subject = plan.title, plan.issuer, plan.document_number
    core.keywords = f"{plan.kind.label}, 版本 {plan.version or '—'}"

    def para(text: str = "", style: str = "公文正文"):
        p = doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        return p

    # 版头: the issuer mark 35 mm under the top of the block, the 发文字号 two lines under it, the red rule 4 mm under
    mark = f"{plan.issuer}文件" if plan.issuer else ""
    if mark:
        size, _spacing = _mark_size(mark)
        p = para(style="公文标题")
        p.paragraph_format.space_before = Mm(layout.ISSUER_MARK_TOP)
        p.paragraph_format.line_spacing = Pt(size)
        run = p.add_run(mark if not preprinted else "")
        _font(run, FACES["title"][0], size, RED)
        para()
        para()
    signatory = plan.signatory if plan.direction is Direction.up else ""
    number = para(style="公文正文")
    number.paragraph_format.first_line_indent = Pt(0)
    if signatory:
        number.paragraph_format.left_indent = Pt(layout.PITCH_PT)
        number.paragraph_format.right_indent = Pt(layout.PITCH_PT)
        number.add_run(plan.document_number)
        number.add_run("\t签发人：")
        _font(number.add_run(signatory), FACES["kai"][0])
        number.paragraph_format.tab_stops.add_tab_stop(Mm(layout.BLOCK_W) - Pt(layout.PITCH_PT), alignment=2)
    else:
        number.alignment = 1
        number.add_run(plan.document_number)
    number.paragraph_format.space_after = Mm(layout.RED_RULE_GAP)
    if not preprinted:
        _border(number, "bottom", layout.RED_RULE, RED, space=4)
    para()
    para()
    title = para(style="公文标题")
    for line in break_title(plan.title, layout.TITLE_CHARS):
        title.add_run(line)
    _title_breaks(title)
    if plan.addressees:
        p = para("，".join(plan.addressees) + "：")
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.space_before = Pt(layout.LINE_PT)

    def body(sections):
        for n in sections:
            if n.kind == "chapter":
                p = para(f"{n.number}　{n.title}" if n.title else n.number, "公文一级标题")
                p.alignment = 1
                p.paragraph_format.first_line_indent = Pt(0)
                texts = _md_paragraphs(n.text)
            elif n.kind in ("article", "item"):
                texts = _md_paragraphs(n.text)
                lead = n.number + (f"　{n.title}" if n.kind == "article" and n.title else n.title or "")
                p = para(style="公文正文")
                _font(p.add_run(lead), FACES["hei"][0] if n.kind == "article" else FACES["fang"][0])
                if texts:
                    p.add_run("　" + texts[0])
                    texts = texts[1:]
            else:
                style = "公文一级标题" if n.depth == 0 else "公文二级标题" if n.depth == 1 else "公文正文"
                para(f"{n.number}{n.title or ''}", style)
                texts = _md_paragraphs(n.text)
            for t in texts:
                para(t)
            body(n.children)

    body(view.sections)
    attachments = _attachments(views, plan)
    if attachments:
        p = para()
        p.paragraph_format.space_before = Pt(layout.LINE_PT)
        for i, a in enumerate(attachments, 1):
            line = para(("附件：" if i == 1 else "") + f"{i}. {a['title']}")
            line.paragraph_format.first_line_indent = Pt(0)
            line.paragraph_format.left_indent = Pt((2 if i == 1 else 5) * layout.PITCH_PT)
            line.paragraph_format.keep_with_next = True
    # issuer and date: the date 4 characters from the right, the name centred over it, 2 blank lines above
    date = cn_date(plan.approved or plan.effective or plan.printed)
    para().paragraph_format.keep_with_next = True
    para().paragraph_format.keep_with_next = True
    for text, pad in ((plan.issuer, _issuer_pad(plan.issuer, date)), (date, layout.DATE_INDENT * layout.PITCH_PT)):
        p = para(text)
        p.alignment = 2
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(pad)
        p.paragraph_format.keep_with_next = True
    p.paragraph_format.keep_with_next = False

    for i, a in enumerate(attachments, 1):
        label = para(f"附件{i}", "公文一级标题")
        label.paragraph_format.first_line_indent = Pt(0)
        label.paragraph_format.page_break_before = True
        para()
        t = para(a["title"], "公文标题")
        t.paragraph_format.line_spacing = Pt(layout.LINE_PT)
        para()
        _attachment_table(doc, a)

    # 版记: at the foot of a page of its own, an even one (a section that starts on an even page, aligned bottom)
    last = doc.add_section(WD_SECTION.EVEN_PAGE)
    _grid(last)
    _valign_bottom(last)
    rows = []
    if plan.copied_to:
        rows.append(("抄送：" + "，".join(plan.copied_to) + "。", ""))
    rows.append((plan.printed_by or plan.issuer, f"{cn_date(plan.printed or plan.approved)}印发"))
    for k, (left, right) in enumerate(rows):
        p = para(style="版记")
        p.paragraph_format.left_indent = Pt(14)
        p.paragraph_format.right_indent = Pt(14)
        p.add_run(left)
        if right:
            p.paragraph_format.tab_stops.add_tab_stop(Mm(layout.BLOCK_W) - Pt(28), alignment=2)
            p.add_run("\t" + right)
        if k == 0:
            _border(p, "top", 0.35)
        _border(p, "bottom", 0.35 if k == len(rows) - 1 else 0.25)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _save(doc, target)
    return target


#: the time every part of a .docx is stamped with (the zip format's first day), so that the same plan gives the same
#: bytes at every build, as its PDF does
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _save(doc, target: Path) -> None:
    """Save ``doc`` with its parts in the same order and each stamped ZIP_TIME (python-docx stamps the wall clock)."""
    import io
    import zipfile
    made = io.BytesIO()
    doc.save(made)
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            part.compress_type, part.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            out.writestr(part, src.read(info.filename))


def write_word(ctx, folder: Path) -> list[Path]:
    """Every plan of the build as ``folder/<id>.docx``, and for 套打 (pre-printed red header) ``folder/taoda/<id>.docx``;
    masked for the build's readers as the PDFs are."""
    out = []
    for plan in ctx.repo.plans:
        out.append(plan_docx(ctx.views, plan, Path(folder) / f"{plan.id}.docx"))
        out.append(plan_docx(ctx.views, plan, Path(folder) / "taoda" / f"{plan.id}.docx", preprinted=True))
    return out


def _title_breaks(paragraph) -> None:
    """Turn the runs of a title into lines: a line break before every run but the first."""
    from docx.oxml.ns import qn
    for run in paragraph.runs[1:]:
        br = run._r.makeelement(qn("w:br"), {})
        run._r.insert(1 if run._r.find(qn("w:rPr")) is not None else 0, br)


def _issuer_pad(issuer: str, date: str) -> float:
    """Right indent (pt) that centres the issuer's name over the date (estimated: CJK one pitch, digits half)."""
    def width(text: str) -> float:
        return sum(layout.PITCH_PT / 2 if ord(c) < 0x2E80 else layout.PITCH_PT for c in text)
    return max(0.0, layout.DATE_INDENT * layout.PITCH_PT + (width(date) - width(issuer)) / 2)


def _valign_bottom(section) -> None:
    from docx.oxml.ns import qn
    sect = section._sectPr
    v = sect.makeelement(qn("w:vAlign"), {qn("w:val"): "bottom"})
    grid = sect.find(qn("w:docGrid"))
    (grid.addprevious if grid is not None else sect.append)(v)


def _attachment_table(doc, a: dict) -> None:
    """An attachment's rows as a bordered table in 宋体 10.5 pt (the PDF's columns)."""
    from docx.oxml.ns import qn
    kind, rows = a["kind"], a["rows"]
    if kind == "levels":
        head = ["级别", "判定标准", "牵头", "报告对象", "响应措施"]
        body = [[r["name"] + (f"（{r['colour']}）" if r["colour"] else ""), "\n".join(r["criteria"]),
                 "、".join(r["lead"]), "、".join(r["report_to"]), "\n".join(r["actions"])] for r in rows]
    elif kind == "organization":
        head = ["机构 / 岗位", "组成", "职责"]
        body = [[b["name"], "\n".join(x for x in (
            "组长：" + "、".join(b["leader"]) if b["leader"] else "", "副组长：" + "、".join(b["deputies"]) if b["deputies"] else "",
            "成员：" + "、".join(b["members"]) if b["members"] else "") if x), "\n".join(b["duties"])] for b in rows["bodies"]]
        body += [[p["name"], "、".join(p["holder"]) + ("\n替补：" + "、".join(p["backup"]) if p["backup"] else ""),
                  "\n".join(p["duties"])] for p in rows["posts"]]
    elif kind == "deadlines":
        head = ["事项", "起算", "时限", "责任", "报送对象", "适用级别", "说明"]
        body = [[r["name"], r["trigger"], r["limit"] + (f"（最长{r['max']}）" if r["max"] else ""), "、".join(r["owner"]),
                 "、".join(r["recipient"]), "、".join(r["levels"]) or "全部", "\n".join(x for x in (r["when"], r["text"]) if x)]
                for r in rows]
    elif kind == "procedure":
        head = ["序号", "步骤", "负责", "时限", "做法"]
        body = [[str(i), f"{r['name']}（{r['stage']}）", "、".join(r["owner"]), "；".join(r["deadlines"]), r["text"]]
                for i, r in enumerate(rows, 1)]
    else:  # roster
        head = ["姓名", "职务", "单位", "电话", "应急角色"]
        body = [[p["name"], p["post"], p["unit"], "、".join(p["phones"]), "、".join(p["roles"])] for p in rows["people"]]
        body += [[u["name"], "", "", "、".join(u["phones"]), ""] for u in rows["units"]]
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _cell(cell, text, FACES["hei"][0])
    for values in body:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _cell(cell, text, FACES["song"][0])
    for row in table.rows:  # a row is never split across pages
        trpr = row._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))


def _cell(cell, text: str, face: str) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt
    cell.text = ""
    lines = str(text).split("\n") if text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.alignment = 0
        _font(p.add_run(line), face, 10.5)
