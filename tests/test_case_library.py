"""The case library at work: deadline compliance on the case page and in the case PDF, the period report
as a site page and an official-style PDF (SVG charts), the training compendium (table of contents with
page numbers, personal data masked), and ``planbook new plan --from-example``.

One real ``planbook build`` of a git copy of the examples is shared by the build tests; counts are made
independently from the raw case files (plain PyYAML)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli
from test_pdf_kit import flat, text_of

from generator.load.repo import load_repository

pymupdf = pytest.importorskip("pymupdf")

LABELS = {"inquiry": "询问诉求", "doubt": "质疑", "malicious_hype": "恶意炒作", "rumour": "谣言/不实信息",
          "suggestion": "建设性意见", "complaint": "投诉举报", "other": "其他"}
LEVELS = {"I": "Ⅰ级（一级）", "II": "Ⅱ级（二级）", "III": "Ⅲ级（三级）", "IV": "Ⅳ级（四级）"}


def _raw_cases(year: int) -> list[dict]:
    out = []
    for p in sorted((ROOT / "cases").glob("*/*.md")):
        fm = yaml.safe_load(p.read_text("utf-8").split("\n---\n", 1)[0][4:])
        if str(fm["discovered"]).startswith(str(year)):
            out.append(fm)
    return out


def _git_copy(dst: Path) -> Path:
    dst.mkdir()
    for name in ("plans", "cases", "planbook.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst / name)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+08:00",
           "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+08:00"}
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(dst), *cmd], check=True, env=env, capture_output=True)
    return dst


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``planbook build`` (PDFs and site) of a git copy of the examples."""
    base = tmp_path_factory.mktemp("library")
    repo = _git_copy(base / "repo")
    out = base / "out"
    r = run_cli("build", "-o", str(out), "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


# --- deadline compliance ------------------------------------------------------------------------------

def test_compliance_badges_on_the_case_page(built):
    html = (built / "site" / "cases" / "2025-006.html").read_text("utf-8")
    assert "时限达标" in html
    badges = re.findall(r'<tr class="pb-compliance-(\w+)"><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)</td><td[^>]*><span '
                        r'class="pb-badge pb-badge-(\w+)">([^<]+)</span></td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>',
                        html)
    rows = {b[1]: b for b in badges}
    assert rows["口头报告"][3:5] == ("ok", "按时") and rows["口头报告"][5] == "2025-07-08 10:50"
    # 2025-006: the written report was due two hours after discovery (12:20) and made at 13:00
    assert rows["书面报告"][3:] == ("late", "超时 40分钟", "2025-07-08 12:20", "2025-07-08 13:00")
    missing = (built / "site" / "cases" / "2025-008.html").read_text("utf-8")
    assert 'pb-badge pb-badge-none">未记录</span>' in missing  # 2025-008 has no written report


def test_compliance_table_in_the_case_pdf(built):
    text = flat(text_of(built / "pdf" / "cases" / "2025-006.pdf"))
    at = text.find("时限达标")
    assert at > text.find("处置经过") > 0
    table = text[at:]
    assert "书面报告2小时超时40分钟2025年7月8日12:202025年7月8日13:00" in table
    assert "口头报告30分钟按时" in table
    assert "未记录" in flat(text_of(built / "pdf" / "cases" / "2025-008.pdf"))


# --- period report ------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2024, 2025])
def test_report_pdf_counts_match_an_independent_count(built, year):
    raw = _raw_cases(year)
    pdf = built / "pdf" / "reports" / f"{year}.pdf"
    text = flat(text_of(pdf))
    n = len(raw)
    assert f"共处置网络舆情案例{n}起" in text
    for label, count in Counter(LABELS[c["category"]] for c in raw).items():
        assert f"{label}{count}{count / n:.0%}" in text, label
    for level, count in Counter(str(c["level"]) for c in raw).items():
        assert f"{LEVELS[level]}{count}{count / n:.0%}" in text, level
    for month, count in Counter(str(c["discovered"])[:7] for c in raw).items():
        y, m = month.split("-")
        assert f"{y}年{int(m)}月{count}{count / n:.0%}" in text, month
    platforms = Counter(p for c in raw for p in {s["platform"] for s in c.get("sources", [])})
    for platform, count in platforms.items():
        assert f"{platform}{count}{count / n:.0%}" in text, platform
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert f"{year}年网络舆情处置工作统计报告" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "PB-Fang" in fonts and "PB-XBS" in fonts


def test_report_pdf_is_laid_out_like_an_official_document(built):
    doc = pymupdf.open(built / "pdf" / "reports" / "2025.pdf")
    assert doc.page_count >= 2
    mm = 72 / 25.4
    for i, page in enumerate(doc):
        assert round(page.rect.width / mm) == 210 and round(page.rect.height / mm) == 297
        numbers = [(b[0] / mm, b[4].strip()) for b in page.get_text("blocks") if re.fullmatch(r"— \d+ —", b[4].strip())]
        assert numbers and numbers[0][1] == f"— {i + 1} —"
        assert (numbers[0][0] > 105) == (i % 2 == 0)  # odd pages right, even pages left
    first = doc[0].get_text("dict")
    spans = [s for b in first["blocks"] for line in b.get("lines", []) for s in line["spans"]]
    title = next(s for s in spans if "统计报告" in s["text"])
    assert "XBS" in title["font"] and round(title["size"]) == 22
    body = next(s for s in spans if "共处置网络舆情案例" in s["text"])
    assert "Fang" in body["font"] and round(body["size"]) == 16


def test_the_same_svg_chart_in_the_site_page_and_the_pdf(built):
    page = (built / "site" / "reports" / "2025.html").read_text("utf-8")
    svgs = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="pb-bar-chart".*?</svg>', page, re.S)
    assert [re.search(r'id="chart-(\w+)"', s).group(1) for s in svgs] == ["level", "category", "platform", "month", "unit"]
    raw = _raw_cases(2025)
    level = svgs[0]
    for lv, count in Counter(str(c["level"]) for c in raw).items():
        assert f'data-label="{LEVELS[lv]}" data-value="{count}"' in level
    # the PDF was drawn from the same template: the level chart's bars are there in the level colours
    import datetime as dt

    from generator.load.repo import load_repository
    from generator.report import charts
    from generator.report.stats import period_report
    repo = load_repository(str(ROOT)).repo
    r = period_report(repo, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    expected = charts.svg(charts.horizontal("level", "按级别统计", r.by_level, by_level=True), ROOT / "site_templates")
    assert str(expected) == level
    doc = pymupdf.open(built / "pdf" / "reports" / "2025.pdf")
    fills = {tuple(round(c * 255) for c in d["fill"]) for p in doc for d in p.get_drawings() if d.get("fill")}
    assert {(0xc6, 0x28, 0x28), (0xef, 0x6c, 0x00), (0x15, 0x65, 0xc0)} <= fills
    # numbers in a table beside the chart, and the PDF linked from the page
    assert "<th>案例数</th>" in page and 'href="../pdf/reports/2025.pdf"' in page


def test_report_pages_in_the_navigation(built):
    index = (built / "site" / "index.html").read_text("utf-8")
    assert "统计报告" in index and "reports/2025.html" in index and "reports/2024.html" in index


def test_cli_writes_the_report_pdf(tmp_path):
    out = tmp_path / "统计.pdf"
    r = run_cli("report", "--from", "2025-01-01", "--to", "2025-06-30", "-o", str(out), cwd=ROOT)
    assert r.returncode == 0, r.stderr
    n = sum(1 for c in _raw_cases(2025) if str(c["discovered"])[:7] <= "2025-06")
    text = flat(text_of(out))
    assert f"共处置网络舆情案例{n}起" in text and "2025年1月1日至2025年6月30日" in text
    bad = run_cli("report", "--from", "2025-01-01", "--to", "2025-12-31", "-o", str(tmp_path / "no" / "x.pdf"), cwd=ROOT)
    assert bad.returncode == 2 and "目录不存在" in bad.stderr and "Traceback" not in bad.stderr
    missing = run_cli("report", cwd=ROOT)
    assert missing.returncode == 2 and "--from" in missing.stderr


# --- training compendium ------------------------------------------------------------------------------

PLANTED = """---
id: 2025-099
title: 植入测试：网民反映镇食堂饭菜问题
plan: qingshi-township
level: III
category: complaint
unit: 党政办
tags: [植入测试]
sources:
  - platform: 微博
    title: 镇食堂的饭菜
    url: https://weibo.example.com/u/zhiru_laowang_88/status/1
    posted: 2025-11-03 08:00
    author: 植入老王88
    quote: 我是植入老王88，电话13912345678，身份证110101199001011234，找周明远书记没人管。
discovered: 2025-11-03 09:00
timeline:
  - time: 2025-11-03 09:00
    event: discovered
    by: [zhou-mingyuan]
    note: 网民在留言中公开了手机号 139 1234 5678。
  - time: 2025-11-03 09:20
    event: oral_report
    by: [党政办信息员]
    note: 报告何建国。
closed: 2025-11-05
lessons: [与何建国核对后再答复网民。]
questions: [网民再次公开手机号 13912345678 时，回复中应当怎么处理？]
---

林晓燕负责联系网民，核对身份证号 110101199001011234 后登记。
"""
SECRETS = ("13912345678", "110101199001011234", "植入老王88", "zhiru_laowang", "周明远", "何建国", "林晓燕")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    base = tmp_path_factory.mktemp("planted")
    repo = base / "repo"
    repo.mkdir()
    for name in ("plans", "cases", "planbook.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / name)
    (repo / "cases" / "2025" / "2025-099.md").write_text(PLANTED, "utf-8")
    return repo


def test_compendium_masks_personal_data(planted, tmp_path):
    out = tmp_path / "汇编.pdf"
    r = run_cli("report", "--training", "--tag", "植入测试", "-o", str(out), cwd=planted)
    assert r.returncode == 0, r.stderr
    text = flat(text_of(out))
    assert "镇食堂" in text and "讨论题" in text and "时限达标" in text
    for secret in SECRETS:
        assert secret not in text, secret
    assert "139****5678" in text and "网民A" in text and "周某某" in text
    # the planted data does reach the PDF when asked not to mask (internal use)
    raw = tmp_path / "raw.pdf"
    r = run_cli("report", "--training", "--tag", "植入测试", "--no-anonymise", "-o", str(raw), cwd=planted)
    assert r.returncode == 0, r.stderr
    text = flat(text_of(raw))
    for secret in SECRETS:
        assert secret in text, secret


def test_compendium_table_of_contents_has_the_right_page_numbers(tmp_path):
    out = tmp_path / "汇编.pdf"
    r = run_cli("report", "--training", "--level", "I", "--level", "II", "-o", str(out), cwd=ROOT)
    assert r.returncode == 0, r.stderr
    doc = pymupdf.open(out)
    toc_text = flat(doc[1].get_text())
    assert toc_text.startswith("目录")
    raw = [c for y in (2024, 2025) for c in _raw_cases(y) if str(c["level"]) in ("I", "II")]
    entries = []  # (n, title, id, page): the page number is followed by the next entry's number
    pos = len("目录")
    for n in range(1, len(raw) + 1):
        m = re.compile(rf"{n}\.(.+?)（(\d{{4}}-\d{{3}})）\.+(\d+)(?={n + 1}\.|—|$)").match(toc_text, pos)
        assert m, (n, toc_text[pos:pos + 40])
        entries.append((str(n), m.group(1), m.group(2), m.group(3)))
        pos = m.end()
    assert sorted(e[2] for e in entries) == sorted(str(c["id"]) for c in raw)
    assert [int(e[0]) for e in entries] == list(range(1, len(raw) + 1))
    pages = [int(e[3]) for e in entries]
    assert pages == sorted(pages) and pages[0] == 3  # the cover, the table of contents, then the cases
    for n, title, case_id, page in entries:
        page_text = flat(doc[int(page) - 1].get_text())
        assert page_text.startswith(f"{n}.{title}"), (case_id, page)
        if int(page) - 2 > 1:  # the page before is the end of the previous case (not the contents)
            assert f"{n}.{title}" not in flat(doc[int(page) - 2].get_text())
        assert f"— {page} —" in doc[int(page) - 1].get_text()
    assert "— 1 —" not in doc[0].get_text()  # no number on the cover


def test_compendium_selection_and_cli_errors(tmp_path):
    listed = run_cli("report", "--training", "--tag", "谣言", "--from", "2025-01-01", cwd=ROOT)
    assert listed.returncode == 0
    ids = [line.split("\t")[0] for line in listed.stdout.splitlines()]
    raw = _raw_cases(2025)
    assert ids == [str(c["id"]) for c in sorted(raw, key=lambda c: str(c["discovered"])) if "谣言" in c.get("tags", [])]
    none = run_cli("report", "--training", "--tag", "没有这个标签", "-o", str(tmp_path / "x.pdf"), cwd=ROOT)
    assert none.returncode == 2 and "没有符合条件的案例" in none.stderr and not (tmp_path / "x.pdf").exists()
    wrong = run_cli("report", "--tag", "谣言", "--from", "2025-01-01", "--to", "2025-12-31", cwd=ROOT)
    assert wrong.returncode == 2 and "--training" in wrong.stderr


def test_public_case_page_and_pdf_mask_a_person_named_by_id(planted):
    """A timeline entry by a roster id (zhou-mingyuan) resolves to the real name: public output masks it."""
    import datetime as dt

    from generator.load.history import NO_GIT
    from generator.load.repo import load_repository
    from generator.pdf.documents import build_info, case_job
    from generator.pdf.fonts import resolve_fonts
    from generator.site.pages import SiteData
    from generator.views import Audience, Views
    repo = load_repository(str(planted)).repo
    case = next(c for c in repo.cases if c.id == "2025-099")
    public = SiteData(Views(repo, Audience.public), dt.date(2026, 1, 1)).case(case)
    assert [t["by"] for t in public["timeline"]][0] == "周某某"
    assert SiteData(Views(repo), dt.date(2026, 1, 1)).case(case)["timeline"][0]["by"] == "周明远"
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    html = case_job(Views(repo, Audience.public), case, fonts, build_info(NO_GIT), ROOT / "site_templates").html
    for secret in SECRETS:
        if secret != "zhiru_laowang":  # the source's address is kept in a case report (the compendium drops it)
            assert secret not in html, secret
    assert "周明远" in case_job(Views(repo), case, fonts, build_info(NO_GIT), ROOT / "site_templates").html


def test_build_binds_the_cases_with_questions_into_a_compendium(built):
    with_questions = [str(c["id"]) for y in (2024, 2025) for c in _raw_cases(y) if c.get("questions")]
    page = (built / "site" / "training.html").read_text("utf-8")
    assert re.findall(r'href="cases/(\d{4}-\d{3})\.html"', page) == sorted(
        with_questions, key=lambda i: next(str(c["discovered"]) for y in (2024, 2025) for c in _raw_cases(y)
                                           if str(c["id"]) == i))
    assert "讨论题" in page and 'href="pdf/training/compendium.pdf"' in page
    assert "案例汇编" in (built / "site" / "index.html").read_text("utf-8")
    text = flat(text_of(built / "pdf" / "training" / "compendium.pdf"))
    assert text.count("讨论题") - text.count("有讨论题的") == len(with_questions) and "已作匿名处理" in text
    authors = {s["author"] for y in (2024, 2025) for c in _raw_cases(y) for s in c.get("sources", []) if s.get("author")}
    assert not [a for a in authors if flat(a) in text]


def test_the_build_keeps_only_masked_texts_for_the_next_build(built):
    import json
    import re
    saved = json.loads((built / ".cache" / "masked.json").read_text("utf-8"))
    assert saved, "the compendium's texts are remembered"
    blob = "\n".join(saved.values())
    roster_names = {p.name for r in load_repository(str(ROOT)).repo.rosters for p in r.people}
    assert not [n for n in roster_names if n in blob]
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", blob)
