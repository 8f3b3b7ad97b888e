"""The PDFs, checked with independent tools: pdffonts, pdftotext, pdfinfo (poppler) and PyMuPDF measurements.

One module-scoped rendering of a subset of the examples is shared by the tests; one test runs the real
``planbook build --sign`` over a copy of all examples (and its no-change rebuild)."""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from test_pdf_kit import MM, ROOT, flat, load_examples, subset_jobs, text_of

pymupdf = pytest.importorskip("pymupdf")


@pytest.fixture(scope="module")
def repo():
    return load_examples()


@pytest.fixture(scope="module")
def rendered(repo, tmp_path_factory):
    from generator.pdf import render_jobs
    out = tmp_path_factory.mktemp("pdf")
    jobs, fonts = subset_jobs(repo)
    render_jobs(jobs, out, None, 0, None, fonts)
    return {j.relpath: out / j.relpath for j in jobs}, jobs


@pytest.fixture(scope="module")
def plan_pdf(rendered):
    return rendered[0]["plans/qingshi-township.pdf"]


def _lines(page):
    """(x0, y0, x1, y1 in mm, text, size) of every text line of a page."""
    out = []
    for b in page.get_text("dict")["blocks"]:
        for line in b.get("lines", []):
            text = "".join(s["text"] for s in line["spans"])
            if text.strip():
                x0, y0, x1, y1 = (v / MM for v in line["bbox"])
                out.append((x0, y0, x1, y1, text, round(line["spans"][0]["size"]), line["spans"][0]["color"]))
    return sorted(out, key=lambda r: (round(r[1], 1), r[0]))


# --- fonts and text ------------------------------------------------------------------------------------

def test_every_font_is_embedded(rendered):
    for path in rendered[0].values():
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, path
        for row in rows:
            cols = row.split()
            # name type... emb sub uni: the three yes/no columns before the object number
            flags = [c for c in cols if c in ("yes", "no")]
            assert flags[0] == "yes", f"{path.name}: not embedded: {row}"


def test_the_text_is_all_there_in_order(repo, plan_pdf):
    plan = repo.plan_by_id["qingshi-township"]
    text = re.sub(r"—\d+—", "", flat(text_of(plan_pdf)))  # page numbers fall inside paragraphs
    expected = ["青石镇人民政府文件", plan.document_number, plan.title,
                "各村（社区），镇直各单位："]
    expected += ["一、指导思想", "二、工作原则", "（一）事件处置与舆情引导同步推进", "三、工作职责", "四、舆情分级"]
    expected[-4:-4] = [flat(plan.sections[0].text)[:40]]
    expected += ["附件：1.舆情分级标准与响应措施", plan.issuer, "2024年3月18日", "附件1", "舆情分级标准与响应措施",
                 "附件5", "应急通讯录", "抄送：县委宣传部，县委网信办。", "青石镇党政办公室", "2024年3月20日印发"]
    pos = 0  # (the page number of the last page falls between these two)
    for piece in expected:
        found = text.find(flat(piece), pos)
        assert found >= 0, f"missing or out of order: {piece!r}"
        pos = found
    for s, _ in plan.walk_sections():
        for para in s.text.split("\n\n"):
            if para.strip() and not para.lstrip().startswith("-"):
                assert flat(para) in text, para[:30]


def test_articles_are_numbered_by_chapter_and_article(rendered):
    text = flat(text_of(rendered[0]["plans/qingshi-measures.pdf"]))
    assert text.index("第一章总则") < text.index("第一条") < text.index("第二条") < text.index("第二章")


def test_the_pdf_numbers_chapters_and_articles_as_the_site_does(repo, rendered):
    """The signed document and the intranet page must cite the same 第X条 (items of an article are （一）)."""
    import dataclasses

    from generator.numbering import numbered_sections
    from generator.pdf.documents import _section_views
    from generator.site.pages import plan_blocks
    plan = next(p for p in repo.plans if p.id == "qingshi-measures")
    labels = [b.number for b in plan_blocks(plan) if b.kind in ("heading", "article")]
    # an article with two items (（一）（二）), and an article outside any chapter: counted alike everywhere
    chapter = plan.sections[0]
    article = dataclasses.replace(chapter.sections[0], sections=tuple(
        dataclasses.replace(chapter.sections[1], id=f"item{k}", sections=()) for k in (1, 2)))
    varied = dataclasses.replace(plan, sections=(dataclasses.replace(chapter, sections=(article, *chapter.sections[1:])),
                                                 chapter.sections[-1], *plan.sections[1:]))

    def flat_views(views):
        for v in views:
            yield v["kind"], v["label"]
            yield from flat_views(v["children"])
    site = [(b.kind, b.number) for b in plan_blocks(varied)]
    pdf = [(k, label) for k, label in flat_views(_section_views(numbered_sections(varied)))]
    assert [n for _, n in pdf] == [n for _, n in site]
    assert ("item", "（二）") in pdf
    text = flat(text_of(rendered[0]["plans/qingshi-measures.pdf"]))
    body = text[text.index(labels[0]):]
    pos = 0
    for label in labels:
        found = body.find(label, pos)
        assert found >= pos, (label, body[pos:pos + 80])
        pos = found
    from generator.numbering import article_label
    articles = sum(1 for b in plan_blocks(plan) if b.kind == "article")
    assert article_label(articles) in body and article_label(articles + 1) not in body  # items are not articles


def test_metadata_carries_version_and_commit_and_pdfa(plan_pdf):
    doc = pymupdf.open(plan_pdf)
    assert "版本 2.0" in doc.metadata["keywords"] and "0123456789" in doc.metadata["keywords"]
    info = subprocess.run(["pdfinfo", "-isodates", str(plan_pdf)], capture_output=True, text=True).stdout
    assert "CreationDate:" in info
    xmp = doc.get_xml_metadata()
    assert "pdfaid:part" in xmp and ">2<" in xmp.replace('"', "<").replace("=", ">") or 'pdfaid:part="2"' in xmp
    # the build is in the metadata, not printed on a page
    custom = subprocess.run(["pdfinfo", "-custom", str(plan_pdf)], capture_output=True, text=True).stdout
    assert re.search(r"planbookcommit:\s+0123456789", custom) and re.search(r"planbookversion:\s+2\.0", custom)
    assert "构建自提交" not in flat(text_of(plan_pdf)) and "0123456789" not in flat(text_of(plan_pdf))


# --- layout (GB/T 9704-2012) -----------------------------------------------------------------------------

HALF_LEADING = (225 * MM / 22 - 16) / 2 / MM  # mm between a line box's top and the 16 pt em box


def body_lines(page):
    return [r for r in _lines(page) if r[5] == 16 and r[6] == 0]


def test_margins_lines_and_characters(plan_pdf):
    doc = pymupdf.open(plan_pdf)
    full_pages = 0
    full_lines = 0
    for i in range(1, doc.page_count):
        page = doc[i]
        lines = body_lines(page)
        if not lines:
            continue  # an attachment of tables only
        odd = (i + 1) % 2 == 1
        left = 28.0 if odd else 26.0
        assert page.rect.width / MM == pytest.approx(210, abs=0.5) and page.rect.height / MM == pytest.approx(297, abs=0.5)
        full = [r for r in lines if r[2] - r[0] > 150]
        if full:
            x0 = min(r[0] for r in full)
            assert x0 == pytest.approx(left, abs=1.0), f"page {i + 1}: left edge {x0:.2f} mm"
            x1 = max(r[2] for r in full)
            assert x1 == pytest.approx(left + 156, abs=1.0), f"page {i + 1}: right edge {x1:.2f} mm"
        top = lines[0][1] - HALF_LEADING
        if not any("附件" in r[4] for r in lines):
            assert top == pytest.approx(37.0, abs=1.0), f"page {i + 1}: text block starts at {top:.2f} mm"
        for r in lines:
            assert r[2] <= left + 156 + 1.0, f"page {i + 1}: line past the text block: {r}"
            if r[2] - r[0] > 154 and all(ord(c) >= 0x2E80 for c in r[4].strip()):  # a full line of Chinese
                # 28 on the grid; 26-27 stretched to the edge when characters went on to the next line (a
                # paragraph's last two characters are kept together, or punctuation may not start a line)
                assert len(r[4].strip()) in (26, 27, 28), f"page {i + 1}: {len(r[4])} characters: {r[4]}"
                full_lines += len(r[4].strip()) == 28
        rows = sorted({round(r[1], 1) for r in lines})
        assert len(rows) <= 22
        if len(rows) == 22:
            full_pages += 1
            bottom = lines[-1][3] + HALF_LEADING
            assert bottom == pytest.approx(37 + 225, abs=1.0), f"page {i + 1}: block ends at {bottom:.2f} mm"
            pitch = (rows[-1] - rows[0]) / 21
            assert pitch == pytest.approx(225 / 22, abs=0.05)
    assert full_pages >= 2 and full_lines >= 20


def test_page_numbers_position_and_parity(plan_pdf):
    doc = pymupdf.open(plan_pdf)
    for i, page in enumerate(doc, 1):
        nums = [r for r in _lines(page) if re.fullmatch(r"—\s*\d+\s*—", r[4].strip())]
        assert len(nums) == 1, f"page {i}"
        x0, y0, x1, y1, text, size, _c = nums[0]
        assert text.replace(" ", "") == f"—{i}—"
        assert size == 14
        assert y0 - 262 == pytest.approx(7.0, abs=1.0), f"page {i}: number {y0 - 262:.2f} mm under the block"
        if i % 2:  # odd: right, one character in
            assert 184 - x1 == pytest.approx(14 / MM, abs=1.0)
        else:
            assert x0 - 26 == pytest.approx(14 / MM, abs=1.0)


def test_red_mark_rule_and_title(plan_pdf):
    page = pymupdf.open(plan_pdf)[0]
    lines = _lines(page)
    mark = next(r for r in lines if r[4].strip() == "青石镇人民政府文件")
    assert mark[6] == 0xE60012
    assert mark[1] - 37 == pytest.approx(35, abs=2.0)  # its top 35 mm under the top of the text block
    assert (mark[0] + mark[2]) / 2 == pytest.approx(28 + 78, abs=1.0)  # centred
    number = next(r for r in lines if "青政发" in r[4])
    rules = [d for d in page.get_drawings() if d.get("fill") and tuple(round(c, 2) for c in d["fill"]) == (0.9, 0.0, 0.07)
             or d.get("color") and tuple(round(c, 2) for c in d["color"]) == (0.9, 0.0, 0.07)]
    assert rules, "no red rule"
    rule = rules[0]["rect"]
    assert rule.width / MM == pytest.approx(156, abs=1.0)
    assert rule.y0 / MM - number[3] == pytest.approx(4, abs=1.5)
    title = next(r for r in lines if "实施方案" in r[4])
    assert title[5] == 22 and title[1] > rule.y1 / MM


def test_banji_on_the_last_page_at_the_bottom(plan_pdf):
    doc = pymupdf.open(plan_pdf)
    page = doc[-1]
    lines = _lines(page)
    printed = next(r for r in lines if r[4].strip().endswith("印发"))
    copied = next(r for r in lines if r[4].startswith("抄送"))
    assert copied[1] < printed[1] and printed[3] > 240 and printed[5] == 14
    black = [d["rect"] for d in page.get_drawings() if d["rect"].width / MM > 150 and d["rect"].y0 / MM > 230]
    assert black and max(r.y1 for r in black) / MM == pytest.approx(262, abs=1.0)
    for i in range(doc.page_count - 1):
        assert "抄送：" not in doc[i].get_text() and "3月20日印发" not in doc[i].get_text()


def test_draft_has_watermark_on_every_page(rendered):
    doc = pymupdf.open(rendered[0]["plans/xiyuan-draft.pdf"])
    for page in doc:
        assert "草稿" in page.get_text()


# --- cards and case reports ------------------------------------------------------------------------------

def test_one_a5_card_per_role(repo, rendered):
    from generator.pdf.documents import card_views
    from generator.views import Views
    plan = repo.plan_by_id["qingshi-township"]
    cards = card_views(Views(repo), plan)
    org = plan.organization
    assert len(cards) >= len(org.bodies) + len(org.posts)
    doc = pymupdf.open(rendered[0]["cards/qingshi-township.pdf"])
    assert doc.page_count == len(cards)
    for page, card in zip(doc, cards, strict=False):
        assert page.rect.width / MM == pytest.approx(148, abs=0.5) and page.rect.height / MM == pytest.approx(210, abs=0.5)
        text = flat(page.get_text())
        assert flat(card["name"]) in text and "联系谁" in text and "第一步做什么" in text
    monitor = next(c for c in cards if c["name"] == "信息员")
    assert [d["name"] for d in monitor["deadlines"]] == ["口头报告"]
    assert [s["name"] for s in monitor["steps"]] == ["发现", "报告"]
    assert any(p["phones"] for p in monitor["contacts"])


def test_public_cards_mask_mobiles(repo):
    from generator.pdf.documents import card_views
    from generator.views import Audience, Views
    plan = repo.plan_by_id["qingshi-township"]
    for card in card_views(Views(repo, Audience.public), plan):
        for p in card["contacts"]:
            for phone in p["phones"]:
                assert not re.fullmatch(r"1\d{10}", phone), phone
    phones = [ph for c in card_views(Views(repo, Audience.public), plan) for p in c["contacts"] for ph in p["phones"]]
    assert any(re.fullmatch(r"1\d\d\*{4}\d{4}", ph) for ph in phones)


def test_case_report_sections(repo, rendered):
    case = next(c for c in repo.cases if c.id == "2025-001")
    text = flat(text_of(rendered[0]["cases/2025-001.pdf"]))
    pos = 0
    for piece in [case.title, "舆情来源", case.sources[0].platform, "处置经过", "采取的措施", "处置结果", "经验教训"]:
        found = text.find(flat(piece), pos)
        assert found >= 0, piece
        pos = found
    assert "提交0123456789" in text


def test_netizen_text_is_never_markup(repo, tmp_path):
    from generator.load.history import NO_GIT
    from generator.pdf import render_one
    from generator.pdf.documents import build_info, case_job
    from generator.pdf.fonts import resolve_fonts
    from generator.views import Views
    case = next(c for c in repo.cases if c.id == "2025-001")
    evil = '<b>加粗</b><img src="file:///etc/passwd"><script>x()</script>&amp;'
    src = dataclasses.replace(case.sources[0], quote=evil, title="<i>标题</i>")
    case = dataclasses.replace(case, sources=(src,), measures=("<span style='color:red'>措施</span>",))
    job = case_job(Views(repo), case, resolve_fonts(repo.config.fonts, repo.root), build_info(NO_GIT), ROOT / "site_templates")
    assert "<b>加粗" not in job.html and "&lt;b&gt;加粗" in job.html and "<script>" not in job.html
    out = tmp_path / "c.pdf"
    render_one(job.html, job.base_url, str(out))
    text = text_of(out)
    assert "<b>加粗</b>" in text and "<i>标题</i>" in text and "<span" in text


# --- fonts: configuration and coverage -------------------------------------------------------------------

def test_missing_glyph_is_an_error_naming_character_role_and_plan(repo):
    from generator.load.history import NO_GIT
    from generator.pdf.documents import build_info, plan_job
    from generator.pdf.errors import GlyphMissing
    from generator.pdf.fonts import resolve_fonts
    from generator.views import Views
    plan = repo.plan_by_id["xiyuan-school"]
    plan = dataclasses.replace(plan, signatory="王𪚥")
    with pytest.raises(GlyphMissing) as e:
        plan_job(Views(repo), plan, resolve_fonts(repo.config.fonts, repo.root), build_info(NO_GIT), ROOT / "site_templates")
    msg = str(e.value)
    assert "𪚥" in msg and "U+2A6A5" in msg and "xiyuan-school" in msg and "fonts." in msg


def test_rare_name_characters_come_from_a_fallback(repo):
    from generator.pdf.fonts import check_coverage, cmap, resolve_fonts
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    assert ord("镕") not in cmap(fonts.file("fang")) or ord("堃") not in cmap(fonts.file("fang"))
    check_coverage(fonts, {"fang": "朱镕基 王堃"}, "test")  # a fallback has them: no error


def test_configured_font_files_and_font_dir(tmp_path, monkeypatch):
    from generator.model.config import Fonts
    from generator.pdf.errors import FontMissing
    from generator.pdf.fonts import FONT_DIR_ENV, resolve_fonts
    fandol = ROOT / ".fonts" / "fandol"
    (tmp_path / "fonts").mkdir()
    shutil.copy(fandol / "FandolKai-Regular.otf", tmp_path / "fonts" / "kai.otf")
    fs = resolve_fonts(Fonts(fangsong=("fonts/仿宋_GB2312.ttf", "fonts/kai.otf")), tmp_path)
    assert fs.file("fang") == str((tmp_path / "fonts" / "kai.otf").resolve())
    with pytest.raises(FontMissing, match="fonts.hei"):
        resolve_fonts(Fonts(hei=("fonts/黑体.ttf",)), tmp_path)
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path / "fonts"))  # a Fandol file there serves its role
    shutil.copy(fandol / "FandolHei-Regular.otf", tmp_path / "fonts")
    assert resolve_fonts(Fonts(), tmp_path).file("hei") == str((tmp_path / "fonts" / "FandolHei-Regular.otf").resolve())


# --- reproducibility, the real command, reuse, signing ---------------------------------------------------

def test_unsigned_pdf_is_reproducible(rendered, tmp_path):
    from generator.pdf import render_jobs
    jobs = [j for j in rendered[1] if j.kind == "case"]
    render_jobs(jobs, tmp_path, None, 1)
    for j in jobs:
        assert (tmp_path / j.relpath).read_bytes() == rendered[0][j.relpath].read_bytes()


def _git_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("plans", "cases", "planbook.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / name)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+08:00", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+08:00"}
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(repo), *cmd], check=True, env=env)
    return repo


def test_build_sign_verify_and_reuse(tmp_path):
    from test_sign_pki import make_pki
    repo = _git_copy(tmp_path)
    pki = make_pki(tmp_path / "pki", b"pass-word")
    out = tmp_path / "out"
    env = {"PLANBOOK_SIGN_PASSPHRASE": "pass-word"}
    scratch = tmp_path / "tmp"  # the build's temporary directory: WeasyPrint copies the fonts there per document
    scratch.mkdir()
    r = run_cli("build", "--no-site", "--sign", "--certificate", str(pki["p12"]), "-o", str(out),
                "--today", "2026-01-01", cwd=repo, env={**env, "TMPDIR": str(scratch)})
    assert r.returncode == 0, r.stderr
    # nothing left behind in it (each build used to leave 4 folders of font copies, 120 MB, with two workers)
    assert [p.name for p in scratch.iterdir() if p.name != "jieba.cache"] == []
    made = [p for p in (out / "pdf").rglob("*.pdf")]
    assert f"PDF {len(made)} 个" in r.stdout and len(made) >= 32  # plans, cards, cases, a period report per year
    assert (out / "pdf" / "reports" / "2024.pdf").is_file() and (out / "pdf" / "reports" / "2025.pdf").is_file()
    assert "未签名 plans/qingshi-measures-2019.pdf" in r.stderr  # superseded: skipped with a note
    pdf = out / "pdf"
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout[:10]
    assert commit in flat(text_of(pdf / "cases" / "2025-001.pdf"))
    info = subprocess.run(["pdfinfo", str(pdf / "plans" / "qingshi-township.pdf")], capture_output=True, text=True).stdout
    assert "2026" in info.split("CreationDate:")[1].splitlines()[0]  # the commit's date, not today's
    sig = subprocess.run(["pdfsig", str(pdf / "plans" / "qingshi-township.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    old = subprocess.run(["pdfsig", str(pdf / "plans" / "qingshi-measures-2019.pdf")], capture_output=True, text=True)
    assert "does not contain any signatures" in old.stdout + old.stderr
    v = run_cli("verify", "--trust", str(pki["root"]), str(pdf / "plans" / "qingshi-township.pdf"),
                str(pdf / "cards" / "qingshi-township.pdf"), str(pdf / "respond" / "qingshi-township.pdf"), cwd=repo)
    assert v.returncode == 0, v.stdout + v.stderr
    # no change: unsigned files are copied from the last build, signed ones made again
    before = {p: p.read_bytes() for p in (pdf / "cases").iterdir()}
    r2 = run_cli("build", "--no-site", "-o", str(out), "--today", "2026-01-01", cwd=repo)
    assert r2.returncode == 0, r2.stderr
    for p, data in before.items():
        assert p.read_bytes() == data
    assert "does not contain any signatures" in subprocess.run(
        ["pdfsig", str(pdf / "plans" / "qingshi-township.pdf")], capture_output=True, text=True).stdout
    # a file signed in place with `planbook sign` after the build is not reused as the build's own
    card = pdf / "cards" / "xiyuan-school.pdf"
    s = run_cli("sign", "--certificate", str(pki["p12"]), str(card), cwd=repo, env=env)
    assert s.returncode == 0, s.stderr
    r3 = run_cli("build", "--no-site", "-o", str(out), "--today", "2026-01-01", cwd=repo)
    assert r3.returncode == 0, r3.stderr
    assert "does not contain any signatures" in subprocess.run(["pdfsig", str(card)], capture_output=True,
                                                                text=True).stdout


def test_a_missing_glyph_stops_the_build_with_a_message_not_an_internal_error(tmp_path):
    from conftest import MINIMAL, run_cli
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    plan = repo / "plans" / "demo" / "plan.yml"
    plan.write_text(plan.read_text("utf-8").replace("title: 示范镇网络舆情应急预案", "title: 示范镇𪚥网络舆情应急预案", 1), "utf-8")
    r = run_cli("build", "--no-site", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "𪚥" in r.stderr and "内部错误" not in r.stderr and "Traceback" not in r.stderr
    assert not (repo / "output" / "pdf").exists(), "nothing half-written"


def test_a_document_loads_its_fonts_and_nothing_else(tmp_path):
    """An image written into a plan or case (a local file, a web address) is neither read nor embedded."""
    from PIL import Image

    from generator.pdf import render_one
    Image.new("RGB", (20, 20), "red").save(tmp_path / "red.png")
    html = (f'<p>文字</p><img src="{(tmp_path / "red.png").as_uri()}"><img src="http://127.0.0.1:9/x.png">')
    out = tmp_path / "out.pdf"
    render_one(html, str(ROOT / "site_templates" / "pdf"), str(out), "test")
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header lines only


def test_a_build_with_nothing_changed_copies_the_pdfs_and_anything_changed_makes_them_again(tmp_path, monkeypatch):
    """The whole PDF renderer is skipped only while everything it reads is the same (pdf.unchanged)."""
    import datetime as dt
    import json

    from conftest import MINIMAL, git

    import generator.build
    import generator.pdf
    from generator.load.history import read_git
    from generator.load.repo import load_repository
    from generator.load.tree import tracked
    from generator.pdf import unchanged
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    case = repo / "cases" / "2025" / "2025-001.md"
    # a discussion question puts the case in the training compendium, whose texts are masked
    case.write_text(case.read_text("utf-8").replace("lessons:", "questions: [村民老王的帖文应由谁回应？]\nlessons:", 1),
                    "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "x")
    out = tmp_path / "out"
    pdf = out / "pdf"

    def build():
        r = run_cli("build", "-o", str(out), "--today", "2026-01-01", cwd=repo)
        assert r.returncode == 0, r.stdout + r.stderr

    def reusable():
        loaded = load_repository(str(repo)).repo
        return unchanged(pdf, loaded, read_git(str(repo), tracked(loaded.files)),
                         dt.date(2026, 1, 1), False)

    build()
    first = {p.relative_to(pdf): p.read_bytes() for p in pdf.rglob("*.pdf")}
    masked = json.loads((out / ".cache" / "masked.json").read_text("utf-8"))
    assert masked and reusable() is not None
    assert sorted(f.relpath for f in reusable().manifest.files) == sorted(str(p) for p in first)
    # the same again, in this process, with the HTML and the git versions made to fail if they were asked for
    with monkeypatch.context() as m:
        def asked(*args, **kwargs):
            raise AssertionError("made again although nothing changed")
        m.setattr(generator.pdf, "jobs_for", asked)
        m.setattr(generator.build, "_versions", asked)
        done = generator.build.build(repo, generator.build.BuildOptions(out=out, today=dt.date(2026, 1, 1), site=False))
    assert done.built and sorted(f.relpath for f in done.pdfs.files) == sorted(str(p) for p in first)
    assert {p.relative_to(pdf): p.read_bytes() for p in pdf.rglob("*.pdf")} == first
    assert json.loads((out / ".cache" / "masked.json").read_text("utf-8")) == masked  # kept for the next build
    build()  # with the site: it links every PDF of the copied manifest
    site_links = "".join(p.read_text("utf-8") for p in (out / "site").rglob("*.html"))
    assert "cases/2025-001.pdf" in site_links and "plans/demo.pdf" in site_links
    # a tag (an approved version's), a changed case, an edited PDF: each makes the renderer run again
    git(repo, "tag", "plan/demo/v1.0")
    assert reusable() is None
    build()
    assert reusable() is not None
    (pdf / "cases" / "2025-001.pdf").write_bytes(b"%PDF-1.7 edited")
    assert reusable() is None
    build()
    assert (pdf / "cases" / "2025-001.pdf").read_bytes() == first[Path("cases/2025-001.pdf")]
    case.write_text(case.read_text("utf-8") + "\n补记：复盘会议已召开。\n", "utf-8")
    assert reusable() is None
    build()
    assert "复盘会议已召开" in flat(text_of(pdf / "cases" / "2025-001.pdf"))
    # asked to sign, a build signs, even when the last (unsigned) build had nothing to make again
    from test_sign_pki import make_pki
    assert reusable() is not None
    pki = make_pki(tmp_path / "pki", b"pw")
    r = run_cli("build", "--no-site", "--sign", "--certificate", str(pki["p12"]), "-o", str(out), "--today",
                "2026-01-01", cwd=repo, env={"PLANBOOK_SIGN_PASSPHRASE": "pw"})
    assert r.returncode == 0, r.stdout + r.stderr
    sig = subprocess.run(["pdfsig", str(pdf / "plans" / "demo.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig


def _record(*rows: dict, **top) -> str:
    """A record file in the current format (generator/pdf/record.py) with these rows, damaged as told."""
    import json
    full = {"relpath": "plans/demo.pdf", "kind": "plan", "subject": "demo", "title": "示范", "sha256": "0" * 64,
            "inputs": "1" * 64, "status": "approved", "version": "1.0", "commit": "", "signed": ""}
    data = {"format": "planbook-pdf-record/3", "root": "", "inputs_key": "KEY", "files": [{**full, **r} for r in rows]}
    return json.dumps({**data, **top}, ensure_ascii=False)


@pytest.mark.parametrize("inputs", [
    # files of the first format, damaged in six ways
    '{"signed": 5, "files": [], "outputs": 3}', "[1, 2]", "not json",
    '{"stage": "KEY", "manifest": [["../../etc/passwd", "plan", "x", "y"]], "outputs": {}}',
    '{"stage": "KEY", "manifest": [["a.pdf", "plan", "x", "y", "signed"]], "outputs": {}}',
    '{"stage": "KEY", "manifest": 7, "outputs": {}}',
    # and the same damage in the current format
    _record({"relpath": "../../etc/passwd"}), _record({"relpath": "/etc/passwd"}), _record({"signed": 5}),
    _record({"extra": "x"}), _record(files=7), _record({}, {}), _record({}, format="planbook-pdf-record/9"),
    _record({}, root=3)])
def test_a_damaged_inputs_file_means_make_everything_again(tmp_path, inputs):
    """output/pdf/.inputs.json is read, never trusted: a damaged one is no error, reuses nothing and makes
    nothing signable."""
    import datetime as dt

    from conftest import MINIMAL

    import generator.pdf as pdf
    from generator.load.history import NO_GIT
    from generator.load.repo import load_repository
    from generator.pdf.record import NAME, PdfRecord, records_for
    repo = load_repository(str(MINIMAL)).repo
    previous = tmp_path / "previous"
    (previous / "plans").mkdir(parents=True)
    (previous / "plans" / "demo.pdf").write_bytes(b"%PDF-1.7")
    key = pdf.inputs_key(repo, NO_GIT, dt.date(2026, 1, 1), False, pdf.TEMPLATES,
                        pdf.resolve_fonts(repo.config.fonts, repo.root))
    (previous / NAME).write_text(inputs.replace("KEY", key), "utf-8")
    assert PdfRecord.load(previous) == PdfRecord()
    assert pdf.unchanged(previous, repo, NO_GIT, dt.date(2026, 1, 1), False) is None
    assert pdf.render_jobs([], tmp_path / "out", previous) == ([], [])
    assert records_for(previous / "plans" / "demo.pdf") == ()
    PdfRecord.load(previous).with_signed("plans/demo.pdf", "2" * 64)  # noting a signature: no crash either


def test_the_record_notes_what_was_signed(tmp_path):
    """What a build wrote, and then signed in place (build --sign, planbook sign), round-trips whole."""
    from generator.pdf.record import NAME, Entry, Origin, PdfRecord
    entries = [Entry("plans/demo.pdf", "plan", "demo", "示范", "a" * 64, "b" * 64),
               Entry("cases/2025-001.pdf", "case", "2025-001", "案例", "c" * 64, "d" * 64)]
    record = PdfRecord.written(entries, Origin(str(tmp_path), "e" * 40, {"plans/demo.pdf": ("approved", "1.0")}), "KEY")
    record.save(tmp_path)
    assert PdfRecord.load(tmp_path) == record
    record.with_signed("plans/demo.pdf", "f" * 64).save(tmp_path)
    back = PdfRecord.load(tmp_path)
    plan, case = back.entry_for("plans/demo.pdf"), back.entry_for("cases/2025-001.pdf")
    assert (plan.signed, plan.status, plan.version, plan.commit) == ("f" * 64, "approved", "1.0", "e" * 40)
    assert (case.signed, case.status) == ("", "")
    assert back.matching("a" * 64) == plan and back.of(str(tmp_path)) and not back.of(str(tmp_path / "x"))
    assert [p.name for p in tmp_path.iterdir()] == [NAME]  # written whole: no temporary file left


def test_only_the_record_module_reads_or_writes_the_record():
    """One owner of output/pdf/.inputs.json: the build's reuse and signing both go through pdf/record.py."""
    owner = ROOT / "generator" / "pdf" / "record.py"
    for path in (ROOT / "generator").rglob("*.py"):
        if path != owner:
            text = path.read_text("utf-8")
            assert '".inputs.json"' not in text and "INPUTS" not in text, path
