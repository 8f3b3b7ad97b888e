"""The plans as Word documents (generator/word.py): read back with python-docx (styles, faces, sizes, margins,
grid, page numbers), and converted to PDF by LibreOffice headless (Debian's libreoffice-writer, as dev.sh
installs it) to measure the layout as the PDFs are measured."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_pdf_kit import MM, load_examples

docx = pytest.importorskip("docx")
pymupdf = pytest.importorskip("pymupdf")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


@pytest.fixture(scope="module")
def repo():
    return load_examples()


@pytest.fixture(scope="module")
def word(repo, tmp_path_factory):
    from generator.views import Views
    from generator.word import plan_docx
    out = tmp_path_factory.mktemp("word")
    views = Views(repo)
    files = {p.id: plan_docx(views, p, out / f"{p.id}.docx") for p in repo.plans}
    files["taoda"] = plan_docx(views, repo.plan_by_id["qingshi-township"], out / "taoda" / "qingshi-township.docx",
                               preprinted=True)
    return files


@pytest.fixture(scope="module")
def converted(word, tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (libreoffice-writer) is not installed: ./dev.sh setup installs it")
    out = tmp_path_factory.mktemp("lo")
    profile = tmp_path_factory.mktemp("lo-profile")
    plans = [str(p) for k, p in word.items() if k != "taoda"]
    r = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                        # the blank page an even-page section break inserts is printed, as Word prints it
                        'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
                        "--outdir", str(out), *plans], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return {Path(p).stem: out / (Path(p).stem + ".pdf") for p in plans}


@pytest.fixture(scope="module")
def pdfs(repo, tmp_path_factory):
    from test_gongwen import _jobs

    from generator.pdf import render_jobs
    jobs, fonts = _jobs(repo, repo.plans)
    out = tmp_path_factory.mktemp("pdf")
    render_jobs(jobs, out, None, 0, None, fonts)
    return {p.id: out / "plans" / f"{p.id}.pdf" for p in repo.plans}


def test_styles_faces_and_sizes_as_offices_have_them(word):
    d = docx.Document(str(word["qingshi-township"]))
    want = {"公文标题": ("方正小标宋简体", 22), "公文一级标题": ("黑体", 16), "公文二级标题": ("楷体_GB2312", 16),
            "公文正文": ("仿宋_GB2312", 16), "版记": ("仿宋_GB2312", 14)}
    for name, (face, size) in want.items():
        style = d.styles[name]
        fonts = style.element.rPr.find(f"{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia") == face, name
        assert style.font.size.pt == size, name
    used = {p.style.name for p in d.paragraphs}
    assert {"公文标题", "公文一级标题", "公文二级标题", "公文正文", "版记"} <= used
    assert d.paragraphs[0].runs[0].text == "青石镇人民政府文件"
    assert str(d.paragraphs[0].runs[0].font.color.rgb) == "E60012"


def test_a4_margins_grid_and_alternating_page_numbers(word):
    d = docx.Document(str(word["qingshi-township"]))
    for s in d.sections:
        assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
        assert round(s.top_margin.mm) == 37 and round(s.bottom_margin.mm) == 35
        assert round(s.left_margin.mm) == 28 and round(s.right_margin.mm) == 26
        grid = s._sectPr.find(f"{W}docGrid")
        assert int(grid.get(f"{W}linePitch")) == pytest.approx(225 / 22 * 72 / 25.4 * 20, abs=1)
    settings = d.settings.element
    assert settings.find(f"{W}mirrorMargins") is not None and settings.find(f"{W}evenAndOddHeaders") is not None
    odd, even = d.sections[0].footer.paragraphs[0], d.sections[0].even_page_footer.paragraphs[0]
    for p, align in ((odd, 2), (even, 0)):
        assert p.alignment == align and p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.find(f"{W}fldSimple").get(f"{W}instr") == "PAGE"
    spacing = d.styles["Normal"].element.rPr.find(f"{W}spacing")
    assert 28 * (16 + int(spacing.get(f"{W}val")) / 20) == pytest.approx(156 * 72 / 25.4, abs=2)  # 28 a line
    last = d.sections[-1]._sectPr
    assert last.find(f"{W}type").get(f"{W}val") == "evenPage" and last.find(f"{W}vAlign").get(f"{W}val") == "bottom"


def test_signatory_only_upward_and_taoda_leaves_the_red_header_out(word):
    d = docx.Document(str(word["qingshi-township"]))
    assert "签发人" not in "\n".join(p.text for p in d.paragraphs)
    t = docx.Document(str(word["taoda"]))
    assert "青石镇人民政府文件" not in "\n".join(p.text for p in t.paragraphs)
    assert "E60012" not in t.element.xml.upper() or "w:color=\"E60012\"" not in t.element.xml
    number = next(p for p in t.paragraphs if p.text == "青政发〔2024〕8号")
    assert number._p.find(f".//{W}pBdr") is None
    assert [p.paragraph_format.space_before for p in t.paragraphs[:3]] == \
        [p.paragraph_format.space_before for p in d.paragraphs[:3]]  # the header's room is kept


def _body(page):
    out = []
    for b in page.get_text("dict")["blocks"]:
        for line in b.get("lines", []):
            text = "".join(s["text"] for s in line["spans"]).strip()
            if text and not PAGE_NUMBER.fullmatch(text):
                x0, y0, x1, y1 = (v / MM for v in line["bbox"])
                out.append((x0, y0, x1, y1, text, round(line["spans"][0]["size"])))
    return out


def _margins(pdf: Path) -> dict:
    """Leftmost and rightmost edges of 16 pt lines on odd and even pages, the top of page 2's first line."""
    doc = pymupdf.open(pdf)
    edges = {"odd": [], "even": []}
    sizes = []
    for i, page in enumerate(doc, 1):
        lines = [r for r in _body(page) if r[5] == 16]
        if i < doc.page_count:  # (the last page holds the 版记, in 4号)
            sizes += [r[5] for r in _body(page) if len(r[4]) > 20]
        for r in lines:
            edges["odd" if i % 2 else "even"].append((r[0], r[2]))
    top = min(r[1] for r in _body(doc[1]))
    return {"odd_left": min(x for x, _ in edges["odd"]), "odd_right": max(x for _, x in edges["odd"]),
            "even_left": min(x for x, _ in edges["even"]), "even_right": max(x for _, x in edges["even"]),
            "top": top, "sizes": sizes, "pages": doc.page_count}


def test_libreoffice_converts_every_plan_within_2_mm_of_the_pdf_margins(repo, converted, pdfs):
    for plan in repo.plans:
        lo, ours = _margins(converted[plan.id]), _margins(pdfs[plan.id])
        for key in ("odd_left", "odd_right", "even_left", "even_right", "top"):
            assert lo[key] == pytest.approx(ours[key], abs=2.0), f"{plan.id}: {key} {lo[key]:.1f} vs {ours[key]:.1f} mm"
        assert set(lo["sizes"]) == {16}, f"{plan.id}: body sizes {set(lo['sizes'])}"
        doc = pymupdf.open(converted[plan.id])
        assert doc[0].rect.width / MM == pytest.approx(210, abs=0.5)
        assert lo["pages"] % 2 == 0 and "印发" in doc[-1].get_text(), plan.id  # the 版记 on an even last page
        first = re.sub(r"\s+", "", doc[0].get_text())
        assert f"{plan.issuer}文件" in first and plan.document_number in first


def test_a_build_publishes_the_word_documents(tmp_path):
    """output/word is published with the PDFs (one rename, like pdf/ and site/), and a site-only build keeps it."""
    from conftest import MINIMAL, run_cli
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    out = tmp_path / "out"
    r = run_cli("build", "--no-site", "-o", str(out), cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    made = sorted(p.name for p in (out / "word").glob("*.docx"))
    assert made and str(out / "word") in r.stdout
    r = run_cli("build", "--no-pdf", "-o", str(out), cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(p.name for p in (out / "word").glob("*.docx")) == made


def test_the_same_plan_gives_the_same_bytes(word, repo, tmp_path):
    """Like the PDFs, a Word file is reproducible: python-docx stamped each part with the wall clock, so two builds
    of the same commit differed (byte 11 of the file); every part now carries the zip format's first day."""
    import zipfile

    from generator.views import Views
    from generator.word import plan_docx
    with zipfile.ZipFile(word["qingshi-township"]) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    again = plan_docx(Views(repo), repo.plan_by_id["qingshi-township"], tmp_path / "again.docx")
    assert again.read_bytes() == word["qingshi-township"].read_bytes()
