"""Drills (演练) in the outputs, on a real build of the examples: the drills page and a page per drill with the
plan's deadlines measured on it, the evaluation report PDF (fonts embedded, text extractable, masked in a public
build), the home page's due list, the plan page's filing record and revision reasons; pages stack as cards at
390 px in headless Chromium."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, git
from test_pdf_kit import flat, text_of
from test_site import BUILD_DAY, CHROMIUM, CHROMIUM_ARGS, MOBILE, make_repo, planbook, serve

pytest.importorskip("mkdocs")

#: planted in a copy of the examples: an overdue action of a drill and of a case, a mobile number and a roster
#: person's name in a drill's free text (fictional)
PLANTED_MOBILE = "13912345678"
DRILL_ACTION = "夜间值班表改为双人值守"
CASE_ACTION = "补齐安置小区物业联系人"


def _plant(root: Path) -> None:
    shutil.copytree(ROOT / "drills", root / "drills")
    d02 = root / "drills" / "2025" / "2025-D02.md"
    text = d02.read_text("utf-8")
    text = text.replace("actions:\n", f"actions:\n  - action: {DRILL_ACTION}\n    owner: lin-xiaoyan\n"
                        "    due: 2026-10-15\n", 1)
    text = text.replace("findings:\n", f"findings:\n  - 值班员先打了林晓燕的座机 {PLANTED_MOBILE} 未接通。\n", 1)
    d02.write_text(text, "utf-8")
    case = root / "cases" / "2025" / "2025-003.md"
    text = case.read_text("utf-8")
    assert "\nactions:" not in text
    case.write_text(text.replace("\n---\n", f"\nactions:\n  - action: {CASE_ACTION}\n    owner: lu-jing\n"
                                 "    due: 2026-12-10\n---\n", 1), "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "演练与整改事项")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("drills") / "repo")
    _plant(root)
    return root


@pytest.fixture(scope="module")
def out(repo, tmp_path_factory) -> Path:
    """The internal build, with its PDFs."""
    target = tmp_path_factory.mktemp("out") / "out"
    r = planbook(repo, "build", "--today", BUILD_DAY, "-o", str(target))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 次演练" in r.stdout + r.stderr
    return target


@pytest.fixture(scope="module")
def public(repo, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("public") / "out"
    r = planbook(repo, "build", "--public", "--today", BUILD_DAY, "-o", str(target))
    assert r.returncode == 0, r.stdout + r.stderr
    return target


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the site -------------------------------------------------------------------------------------------------

def test_drills_page_is_in_the_navigation_and_lists_every_drill(out):
    site = out / "site"
    index = page(site, "drills/index.html")
    text = plain(index)
    assert "共 2 次演练" in text
    for drill_id, title, plan, form in (("2025-D01", "移民安置小区房屋漏水舆情桌面推演", "云岚市移民开发局", "桌面推演"),
                                        ("2025-D02", "夜间突发舆情实战演练", "青石镇网络舆情应对处置工作实施方案", "实战演练")):
        assert f'href="{drill_id}.html"' in index and title in text and plan in text and form in text
    assert "1（1 项过期）" in text  # D02: the planted open action, overdue on the build day
    home = page(site, "index.html")
    assert re.search(r'href="drills/index\.html" class="md-nav__link">(?:(?!</a>).)*演练', home, re.S), \
        "演练 is not in the navigation"


def test_a_drill_page_shows_the_plans_deadlines_measured_on_it(out):
    html = page(out / "site", "drills/2025-D01.html")
    text = plain(html)
    for piece in ("演练情景", "参演人员", "谢国梁", "演练经过", "时限达标", "评估发现的问题", "整改事项", "魏东升",
                  "2026-01-31", "2026-01-20"):
        assert piece in text, piece
    # the same arithmetic as a case's: 首次公开回应 5小时 from 08:20, done 13:40 -> 20 minutes late
    assert re.search(r"发出权威声音.*?pb-badge-late\">超时 20分钟", html, re.S)
    assert html.count("pb-badge-ok") >= 2
    assert 'href="../cases/2025-003.html"' in html and 'href="../plans/yunlan-bureau.html"' in html
    assert 'href="../pdf/drills/2025-D01.pdf"' in html


def test_home_page_lists_what_is_due_after_the_response_buttons(out):
    html = page(out / "site", "index.html")
    start, due, plans = html.index('id="pb-start"'), html.index("待办："), html.index(">预案<")
    assert start < due < plans  # 启动响应 first, the due list right after it
    box = re.sub(r"\s+", "", plain(html[due:plans]))
    # the drill's action is overdue (due 2026-10-15, built 2026-11-26); the case's falls due within 60 days
    assert f"整改{DRILL_ACTION}：已过期42天（应于2026-10-15前），责任人：林晓燕；演练2025-D02" in box, box
    assert f"整改{CASE_ACTION}：还有14天（2026-12-10到期），责任人：陆静；案例2025-003" in box, box
    assert 'href="drills/2025-D02.html"' in html[due:plans] and 'href="cases/2025-003.html"' in html[due:plans]


def test_plan_page_shows_its_filing_record_and_revision_reasons_and_drills(repo, out):
    import yaml
    data = yaml.safe_load((repo / "plans" / "qingshi-township" / "plan.yml").read_text("utf-8"))
    text = plain(page(out / "site", "plans/qingshi-township.html"))
    filing = data["filing"]
    assert f"{filing['date']} 报送{filing['to']}备案" in text and filing["receipt"] in text
    assert "本版修订原因" in text and data["revision_reasons"][0] in text
    assert "夜间突发舆情实战演练" in text


# --- masking ----------------------------------------------------------------------------------------------------

def test_public_build_masks_drill_participants_and_numbers_in_page_and_pdf(public):
    site = public / "site"
    html = page(site, "drills/2025-D02.html")
    text = plain(html)
    for name in ("周明远", "何建国", "林晓燕", "钱波"):
        assert name not in text, name
    assert "林某某" in text and "钱某" in text
    assert PLANTED_MOBILE not in html and not MOBILE.search(text)
    assert "139****5678" in text or "139&#42;&#42;&#42;&#42;5678" in html
    home = page(site, "index.html")
    due = re.sub(r"\s+", "", plain(home[home.index("待办："):home.index(">预案<")]))
    assert f"{DRILL_ACTION}：已过期42天（应于2026-10-15前），责任人：林某某" in due, due
    pdf = flat(text_of(public / "pdf" / "drills" / "2025-D02.pdf"))
    assert "参演人员" in pdf and "林某某" in pdf
    for name in ("周明远", "林晓燕", PLANTED_MOBILE):
        assert name not in pdf, name


# --- the PDF ------------------------------------------------------------------------------------------------------

def test_drill_evaluation_report_pdf_has_embedded_fonts_and_its_text(out):
    pdf = out / "pdf" / "drills" / "2025-D01.pdf"
    assert pdf.is_file()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all([c for c in r.split() if c in ("yes", "no")][0] == "yes" for r in rows), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "演练评估报告" in info
    text = flat(text_of(pdf))
    pos = 0
    for piece in ("移民安置小区房屋漏水舆情桌面推演", "演练评估报告", "云岚市移民开发局网络舆情突发事件应急预案", "桌面推演",
                  "参演人员", "谢国梁", "演练情景", "演练经过", "时限达标", "超时20分钟", "评估发现的问题", "整改事项",
                  "魏东升"):
        found = text.find(flat(piece), pos)
        assert found >= 0, f"missing or out of order: {piece!r}"
        pos = found


# --- phone first -----------------------------------------------------------------------------------------------------

def test_drill_tables_become_cards_at_390_px(out):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    with serve(out / "site") as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_ = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        for path, table in (("drills/index.html", "table.pb-drills"), ("drills/2025-D01.html", "table.pb-compliance"),
                            ("drills/2025-D01.html", "table.pb-actions"), ("plans/qingshi-township.html",
                                                                            "table.pb-drills")):
            page_.goto(url + path)
            assert page_.evaluate("document.documentElement.scrollWidth") <= 390, path
            row = page_.locator(f"{table} tbody tr").first
            assert row.evaluate("tr => getComputedStyle(tr).display") == "block", (path, table)
        browser.close()
