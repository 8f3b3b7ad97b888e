"""The end of an official document by GB/T 9704-2012, measured on every example plan's PDF with PyMuPDF and
poppler (pdftotext, pdfinfo, pdfsig): the 版记 on the last, even page and nothing else in it, the issuer and
date never alone on a page, the name centred over the date, 签发人 only on 上行文, the attachment title on
line 3, page 1's body on the grid, titles broken between words; signing with rare characters in the name,
with a seal image, and PDF/A metadata that agrees after signing."""
from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from test_pdf_kit import MM, ROOT, flat, load_examples, text_of

pymupdf = pytest.importorskip("pymupdf")

LINE = 225 / 22  # mm
PITCH = 156 / 28  # mm
HALF_LEADING = (225 * MM / 22 - 16) / 2 / MM  # mm between a line box's top and the 16 pt em box
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


@pytest.fixture(scope="module")
def repo():
    return load_examples()


def _jobs(repo, plans):
    from generator.load.history import GitInfo
    from generator.pdf.documents import build_info, plan_job
    from generator.pdf.fonts import resolve_fonts
    from generator.views import Views
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    build = build_info(GitInfo("0123456789abcdef0123456789abcdef01234567", False, False, {}), None)
    views = Views(repo)
    return [plan_job(views, p, fonts, build, ROOT / "site_templates") for p in plans], fonts


@pytest.fixture(scope="module")
def plans(repo, tmp_path_factory):
    """Every example plan's PDF (plan -> path), and an upward (上行文) copy of the township's plan."""
    from generator.model.plan import Direction
    from generator.pdf import render_jobs
    township = repo.plan_by_id["qingshi-township"]
    upward = dataclasses.replace(township, id="upward", direction=Direction.up)
    jobs, fonts = _jobs(repo, [*repo.plans, upward])
    out = tmp_path_factory.mktemp("gongwen")
    render_jobs(jobs, out, None, 0, None, fonts)
    return {p.id: out / "plans" / f"{p.id}.pdf" for p in [*repo.plans, upward]}, jobs, fonts


def _lines(page):
    """(x0, y0, x1, y1 in mm, text, size, colour) of every text line of a page, top to bottom."""
    out = []
    for b in page.get_text("dict")["blocks"]:
        for line in b.get("lines", []):
            text = "".join(s["text"] for s in line["spans"])
            if text.strip():
                x0, y0, x1, y1 = (v / MM for v in line["bbox"])
                out.append((x0, y0, x1, y1, text.strip(), round(line["spans"][0]["size"]), line["spans"][0]["color"]))
    return sorted(out, key=lambda r: (round(r[1], 1), r[0]))


def _block(page_no: int) -> tuple[float, float]:
    """Left and right edge (mm) of the text block on a 1-based page (mirrored margins)."""
    left = 28.0 if page_no % 2 else 26.0
    return left, left + 156.0


def _example_pdfs(plans, repo):
    return [(p, plans[0][p.id]) for p in repo.plans]


def _signature(doc, plan):
    """(page number, issuer line, date line, the lines above the issuer on that page)."""
    for i, page in enumerate(doc, 1):
        lines = [r for r in _lines(page) if r[5] == 16 and not PAGE_NUMBER.fullmatch(r[4])]
        for k, r in enumerate(lines):
            if k and DATE.fullmatch(r[4]) and lines[k - 1][4] == plan.issuer:
                return i, lines[k - 1], r, lines[:k - 1]
    raise AssertionError(f"{plan.id}: no issuer and date found")


# --- the 版记 ------------------------------------------------------------------------------------------------

def test_the_banji_is_on_the_last_page_and_it_is_even(plans, repo):
    odd_before = []
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        n = doc.page_count
        assert n % 2 == 0, f"{plan.id}: {n} pages, the last is odd"
        last = flat(doc[-1].get_text())
        assert last.endswith("印发") or "印发" in last, plan.id
        for i in range(n - 1):
            assert not re.search(r"\d日印发", doc[i].get_text()) and "抄送：" not in doc[i].get_text(), \
                f"{plan.id}: 版记 on page {i + 1} of {n}"
        printed = next(r for r in _lines(doc[-1]) if r[4].endswith("印发"))
        rules = [d["rect"] for d in doc[-1].get_drawings() if d["rect"].width / MM > 150]
        assert max(r.y1 for r in rules) / MM == pytest.approx(37 + 225, abs=1.0), plan.id  # on the block's bottom
        assert printed[3] < 262.5
        if not PAGE_NUMBER.search(doc[-1].get_text()):
            odd_before.append(plan.id)
    assert odd_before, "no example needed the 版记 on a page of its own: the test would prove nothing"


def test_nothing_but_copied_to_and_printed_lines_in_the_banji(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        page = pymupdf.open(pdf)[-1]
        rules = sorted(d["rect"].y0 / MM for d in page.get_drawings() if d["rect"].width / MM > 150)
        top = rules[0] - 0.5  # the first rule of the 版记
        inside = [r for r in _lines(page) if r[1] > top and not PAGE_NUMBER.fullmatch(r[4])]
        assert inside, plan.id
        allowed = (plan.printed_by or plan.issuer, "抄送：")
        for r in inside:
            ok = r[4].startswith(allowed) or r[4].endswith("印发") or (plan.copied_to and r[4].endswith("。"))
            assert ok, f"{plan.id}: not a 抄送 / 印发 line in the 版记: {r[4]!r}"
            assert r[5] == 14 and r[6] == 0, f"{plan.id}: {r[4]!r} is not 4号 black"
        text = flat(" ".join(r[4] for r in inside))
        assert "构建" not in text and "提交" not in text and "版本" not in text


# --- issuer, date and seal ---------------------------------------------------------------------------------

def test_issuer_and_date_never_stand_alone_on_a_page(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        page, issuer, date, above = _signature(doc, plan)
        assert above, f"{plan.id}: the issuer's name and the date stand alone on page {page}"
        body = [r for r in above if len(r[4]) > 3]
        assert body, f"{plan.id}: nothing but headings above the signature on page {page}"


def test_the_name_is_centred_over_the_date_four_characters_from_the_right(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        page, issuer, date, above = _signature(doc, plan)
        _left, right = _block(page)
        assert (issuer[0] + issuer[2]) / 2 == pytest.approx((date[0] + date[2]) / 2, abs=1.0), plan.id
        assert right - date[2] == pytest.approx(4 * PITCH, abs=1.0), f"{plan.id}: date {right - date[2]:.1f} mm in"
        # two blank lines between the text and the name, the date on the next line
        assert issuer[1] - above[-1][1] == pytest.approx(3 * LINE, abs=0.5), plan.id
        assert date[1] - issuer[1] == pytest.approx(LINE, abs=0.3), plan.id


def test_the_seal_is_not_printed_and_its_place_overlaps_name_and_date(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        page, issuer, date, above = _signature(doc, plan)
        for p in doc:
            for d in p.get_drawings():
                colour = d.get("color") or d.get("fill")
                assert not (d.get("dashes") and d["dashes"] not in ("[] 0", "")), f"{plan.id}: a dashed line is printed"
                assert not (colour and colour[0] > 0.9 and 0.5 < colour[1] < 0.8), f"{plan.id}: a pink ring"
        dest = doc.resolve_names()["seal"]
        assert dest["page"] == page - 1
        x0, y_top = dest["to"][0] / MM, (doc[page - 1].rect.height - dest["to"][1]) / MM
        # pymupdf gives the destination in PDF coordinates (from the bottom); the seal is 42 mm across
        if y_top > 297 or y_top < 0:
            y_top = dest["to"][1] / MM
        centre = x0 + 21
        assert centre == pytest.approx((date[0] + date[2]) / 2, abs=1.0), plan.id
        assert 0 < y_top - above[-1][3] <= LINE, f"{plan.id}: the seal's top {y_top - above[-1][3]:.1f} mm under the text"
        assert y_top < issuer[1] and y_top + 42 > date[3], f"{plan.id}: the seal does not cover name and date"


# --- 签发人, 发文字号, attachments, page 1 ----------------------------------------------------------------------

def test_the_signatory_is_printed_on_upward_documents_only(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        page = pymupdf.open(pdf)[0]
        assert "签发人" not in page.get_text(), plan.id
        number = next(r for r in _lines(page) if r[4] == plan.document_number)
        left, right = _block(1)
        assert (number[0] + number[2]) / 2 == pytest.approx((left + right) / 2, abs=1.0), f"{plan.id}: not centred"
    up = pymupdf.open(plans[0]["upward"])[0]
    lines = _lines(up)
    township = repo.plan_by_id["qingshi-township"]
    number = next(r for r in lines if r[4].startswith(township.document_number))
    signer = next(r for r in lines if "签发人" in r[4])
    assert number[0] - 28 == pytest.approx(PITCH, abs=1.0)  # one character in on the left
    assert 184 - signer[2] == pytest.approx(PITCH, abs=1.0)  # one character in on the right
    assert abs(number[1] - signer[1]) < 0.5 and township.signatory in signer[4]


def test_an_attachment_title_stands_on_its_third_line(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        seen = 0
        for page in doc:
            lines = _lines(page)
            if lines and re.fullmatch(r"附件\d+", lines[0][4]):
                label, title = lines[0], lines[1]
                assert label[1] - HALF_LEADING == pytest.approx(37, abs=1.0)
                assert title[5] == 22
                title_mid = (title[1] + title[3]) / 2
                assert title_mid - 37 == pytest.approx(2.5 * LINE, abs=1.0), f"{plan.id}: {title[4]} not on line 3"
                seen += 1
        assert seen == sum(1 for _ in re.finditer(r"附件\d+\n", text_of(pdf))) and seen, plan.id


def test_the_body_of_page_one_stands_on_the_grid(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        first = [r for r in _lines(doc[0]) if r[5] == 16 and r[6] == 0][1:]  # under the 发文字号
        assert first
        for r in first:
            offset = (r[1] - HALF_LEADING - 37) % LINE
            assert min(offset, LINE - offset) < 0.15, f"{plan.id}: {r[4][:10]} {offset:.2f} mm off the grid"


def test_titles_break_between_words_into_a_trapezoid():
    from generator.pdf.titles import break_title
    assert break_title("西园小学网络舆情应急预案", 20) == ("西园小学网络舆情应急预案",)
    lines = break_title("关于进一步加强和改进新形势下网络舆情应对处置工作的实施意见（试行）", 20)
    assert "".join(lines) == "关于进一步加强和改进新形势下网络舆情应对处置工作的实施意见（试行）"
    assert len(lines) == 2 and all(len(x) <= 20 for x in lines)
    assert not lines[0].endswith("应") and not lines[1].startswith("对") and "网络舆情" in lines[0] + " " + lines[1]
    long = "青石镇关于做好重大节假日期间涉农涉访网络舆情突发事件应对处置工作的实施方案"
    lines = break_title(long, 20)
    assert "".join(lines) == long and len(lines) == 2 and len(lines[0]) <= len(lines[1])
    for word in ("网络舆情", "突发事件", "应对处置", "实施方案", "节假日"):
        assert any(word in x for x in lines), (word, lines)


def test_a_long_title_is_printed_in_the_lines_it_was_broken_into(repo, tmp_path):
    from generator.pdf import render_jobs
    from generator.pdf.titles import break_title
    title = "青石镇关于做好重大节假日期间涉农涉访网络舆情突发事件应对处置工作的实施方案"
    plan = dataclasses.replace(repo.plan_by_id["xiyuan-school"], id="long-title", title=title)
    jobs, fonts = _jobs(repo, [plan])
    render_jobs(jobs, tmp_path, None, 1, None, fonts)
    page = pymupdf.open(tmp_path / "plans" / "long-title.pdf")[0]
    printed = [r[4] for r in _lines(page) if r[5] == 22]
    assert printed == list(break_title(title, 20))
    body = [r for r in _lines(page) if r[5] == 16 and r[6] == 0][1:]
    offset = (body[0][1] - HALF_LEADING - 37) % LINE
    assert min(offset, LINE - offset) < 0.15


def test_unsigned_plans_are_byte_for_byte_reproducible(plans, tmp_path):
    from generator.pdf import render_jobs
    paths, jobs, fonts = plans
    again = [j for j in jobs if j.subject in ("qingshi-township", "xiyuan-school", "qingshi-measures")]
    render_jobs(again, tmp_path, None, 1, None, fonts)
    for j in again:
        assert (tmp_path / j.relpath).read_bytes() == paths[j.subject].read_bytes(), j.relpath


# --- signing -----------------------------------------------------------------------------------------------

PASS = b"Seal-pass 9"


@pytest.fixture(scope="module")
def rare_pki(tmp_path_factory):
    from test_sign_pki import make_pki
    return make_pki(tmp_path_factory.mktemp("pki"), PASS, cn="王喆", org="堃珺镇人民政府")


def _built(plans, tmp_path: Path, plan_id: str) -> Path:
    """A plan PDF with a build record that says it is approved (signing asks the record)."""
    from generator.load.history import GitInfo
    from generator.pdf import origin_of, render_jobs
    repo = load_examples()
    paths, jobs, fonts = plans
    job = next(j for j in jobs if j.subject == plan_id)
    origin = origin_of(repo, GitInfo("f" * 40, False, False, {}), [job])
    render_jobs([job], tmp_path / "pdf", None, 1, None, fonts, origin=origin)
    return tmp_path / "pdf" / job.relpath


def _sign(source: Path, pki, target: Path, seal: Path | None = None):
    from generator.model.config import Fonts
    from generator.pdf.fonts import resolve_fonts
    from generator.pdf.record import records_for
    from generator.sign import SignSpec, sign_file
    fonts = resolve_fonts(Fonts(), ROOT)
    records = tuple(r for _f, r in records_for(source, None))
    return sign_file(SignSpec(source, pki["p12"], PASS, fonts.stamp_font(), target=target, records=records,
                              fallback_fonts=fonts.stamp_fallbacks(), seal=seal))


def _producers(pdf: Path) -> tuple[str, str]:
    doc = pymupdf.open(pdf)
    xmp = re.search(r'pdf:Producer(?:="([^"]*)"|>([^<]*)<)', doc.get_xml_metadata())
    return doc.metadata["producer"], (xmp.group(1) or xmp.group(2)) if xmp else ""


def test_signing_as_a_person_with_rare_characters_works_and_pdfsig_finds_it_valid(plans, rare_pki, tmp_path):
    from generator.model.config import Fonts
    from generator.pdf.fonts import cmap, resolve_fonts
    stamp = resolve_fonts(Fonts(), ROOT).stamp_font()
    assert ord("喆") not in cmap(stamp)  # the stamp's own font lacks it: the fallback is what is tested
    source = _built(plans, tmp_path, "xiyuan-school")
    st = _sign(source, rare_pki, tmp_path / "signed.pdf")
    assert st.signer == "王喆"
    sig = subprocess.run(["pdfsig", str(st.path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "王喆" in sig and "堃珺镇人民政府" in sig
    words = flat(pymupdf.open(st.path)[st.page - 1].get_text())
    page_words = flat(text_of(st.path, "-f", str(st.page), "-l", str(st.page)))
    assert "王喆" in words or "王喆" in page_words
    info, xmp = _producers(st.path)
    assert info and info == xmp, (info, xmp)


def test_a_seal_image_is_the_visible_signature_over_name_and_date(plans, rare_pki, tmp_path, repo):
    from PIL import Image, ImageDraw
    seal = tmp_path / "seal.png"
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 392, 392), outline=(230, 0, 18, 255), width=14)
    draw.regular_polygon((200, 200, 70), 5, fill=(230, 0, 18, 255))
    image.save(seal)
    source = _built(plans, tmp_path, "xiyuan-school")
    st = _sign(source, rare_pki, tmp_path / "sealed.pdf", seal=seal)
    assert "Signature is Valid" in subprocess.run(["pdfsig", str(st.path)], capture_output=True, text=True).stdout
    doc = pymupdf.open(st.path)
    page = doc[st.page - 1]
    widget = next(iter(page.widgets()))
    box = widget.rect
    plan = repo.plan_by_id["xiyuan-school"]
    _p, issuer, date, _above = _signature(doc, plan)
    assert box.width / MM == pytest.approx(42, abs=0.5) and box.height / MM == pytest.approx(42, abs=0.5)
    assert box.y0 / MM < issuer[1] and box.y1 / MM > date[3]
    assert (box.x0 + box.x1) / 2 / MM == pytest.approx((date[0] + date[2]) / 2, abs=1.0)
    # the seal is drawn there: red pixels at its centre
    pix = page.get_pixmap(dpi=72, clip=box)
    reds = sum(1 for i in range(0, len(pix.samples), pix.n)
               if pix.samples[i] > 200 and pix.samples[i + 1] < 60 and pix.samples[i + 2] < 80)
    assert reds > 100
    info, xmp = _producers(st.path)
    assert info == xmp


def test_a_seal_outside_the_repository_or_of_another_kind_is_refused(tmp_path):
    from generator.sign import seal_file
    from generator.sign.errors import SealError
    (tmp_path / "repo").mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    (tmp_path / "repo" / "seal.gif").write_bytes(b"x")
    for rel, word in (("../outside.png", "不在库中"), ("seal.gif", "PNG 或 SVG"), ("missing.png", "找不到")):
        with pytest.raises(SealError) as e:
            seal_file(tmp_path / "repo", rel)
        assert word in e.value.zh


# --- fonts for every name ----------------------------------------------------------------------------------

def test_rare_characters_in_titles_come_from_a_bold_fallback_and_the_build_names_them(repo, tmp_path, caplog):
    from generator.pdf import render_jobs
    plan = dataclasses.replace(repo.plan_by_id["xiyuan-school"], id="rare", title="堃珺镇𠮷䶮网络舆情应急预案",
                               issuer="堃珺镇人民政府")
    with caplog.at_level("WARNING", logger="planbook.pdf"):
        jobs, fonts = _jobs(repo, [plan])
    notes = [r.getMessage() for r in caplog.records if r.name == "planbook.pdf"]
    xbs = next(n for n in notes if "小标宋" in n)
    assert all(c in xbs for c in "堃珺𠮷䶮") and "Noto Serif CJK SC" in xbs and "FandolSong-Bold.otf" in xbs
    assert any("仿宋" in n and "堃" in n for n in notes)  # the issuer's name in the 仿宋 signature too
    render_jobs(jobs, tmp_path, None, 1, None, fonts)
    pdf = tmp_path / "plans" / "rare.pdf"
    used = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Noto-?Serif-?CJK-?SC-?Bold", used), used
    title = [r for r in _lines(pymupdf.open(pdf)[0]) if r[5] == 22]
    assert flat("".join(r[4] for r in title)) == "堃珺镇𠮷䶮网络舆情应急预案"


# --- typography --------------------------------------------------------------------------------------------

def _body(page):
    return [r for r in _lines(page) if r[5] == 16 and r[6] == 0 and not PAGE_NUMBER.fullmatch(r[4])]


def test_lines_that_do_not_end_a_paragraph_reach_the_right_edge(plans, repo):
    measured = 0
    for plan, pdf in _example_pdfs(plans, repo):
        for i, page in enumerate(pymupdf.open(pdf), 1):
            left, right = _block(i)
            lines = _body(page)
            for a, b in zip(lines, lines[1:], strict=False):
                # a line followed, on the next grid line, by one flush left continues its paragraph
                if abs(b[0] - left) < 0.5 and b[1] - a[1] < LINE + 0.5 and a[0] - left < 12:
                    measured += 1
                    assert right - a[2] == pytest.approx(0, abs=1.0), \
                        f"{plan.id} p{i}: stops {right - a[2]:.1f} mm short: {a[4]}"
    assert measured > 300  # 335 in the examples; 49 of them stopped short by up to 12.4 mm before


def test_justified_text_extracts_clean(plans):
    text = text_of(plans[0]["qingshi-township"])
    assert "报，联络员于每天17时前汇总当天舆情，以“标题+链接地" in text  # a line stretched by 12 mm before
    for line in text.splitlines():  # a body line (28 characters) has no space put into it
        if len(line) >= 24 and not re.search(r"[\u4e00-\u9fff]  ?[\u4e00-\u9fff].* [\u4e00-\u9fff]", line):
            assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", line), line


def test_no_paragraph_ends_with_one_character_and_its_punctuation(plans, repo):
    for plan, pdf in _example_pdfs(plans, repo):
        for i, page in enumerate(pymupdf.open(pdf), 1):
            for r in _body(page):
                assert not re.fullmatch(r"[\u3400-\u9fff][。！？；：”’）]{1,2}", r[4]), f"{plan.id} p{i}: {r[4]}"


def test_widows_and_orphans(plans, repo):
    """No page opens with the last line of a paragraph that began on the page before (a widow)."""
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        for i in range(1, doc.page_count):
            before, now = _body(doc[i - 1]), _body(doc[i])
            if not before or not now:
                continue
            left = _block(i + 1)[0]
            continued = abs(now[0][0] - left) < 0.5  # the page opens inside a paragraph
            if continued and len(now) > 1:
                next_starts = abs(now[1][0] - left) > 5 or now[1][1] - now[0][1] > LINE + 0.5
                assert not next_starts or now[0][2] > _block(i + 1)[1] - 1.0, \
                    f"{plan.id} p{i + 1} opens with a paragraph's last line: {now[0][4]}"


def test_table_cells_break_between_words_and_rows_are_never_split(plans, repo):
    from generator.pdf.titles import words
    for plan, pdf in _example_pdfs(plans, repo):
        doc = pymupdf.open(pdf)
        small = [r[4] for page in doc for r in _lines(page) if r[5] in (10, 11)]
        for lv in plan.levels:
            for w in (w for w in words(lv.name) if len(w) > 1):
                assert any(w in line for line in small), f"{plan.id}: {lv.name}: {w} split"
        for i, page in enumerate(doc, 1):
            cells = [r for r in _lines(page) if r[5] in (10, 11)]
            rules = [d["rect"] for d in page.get_drawings() if d["rect"].width / MM > 20 and d["rect"].height / MM < 1]
            if cells and rules:
                assert max(c[3] for c in cells) < max(r.y1 for r in rules) / MM + 0.5, \
                    f"{plan.id} p{i}: a table row runs past the page's last rule"
