"""Plans under version control, as the site and the PDFs show them: the real ``planbook build`` over a
temporary git repository whose plan went through approved versions 1.0 and 1.1 (a renamed section, a moved
section, a changed deadline, a removed member, a new level), a correction after approval, and a draft 1.2
in the working tree; and the review reminders of the home page.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, run_cli
from test_diff import PLAN, approve_1_1, draft_1_1, edit, git

TODAY = "2026-03-01"
DUE_SOON = "2026-04-15"  # 45 days after TODAY: inside the default 60 days
FAR_PLAN = "plans/far/plan.yml"


def _far_plan(root: Path) -> None:
    """A second plan whose review is years away."""
    text = (root / PLAN).read_text("utf-8")
    text = text.replace("id: demo\n", "id: far\n", 1).replace("title: 示范镇网络舆情应急预案", "title: 远期评估的示范预案", 1)
    text = text.replace("document_number: 示政发〔2025〕3号", "document_number: 示政发〔2025〕9号", 1)
    text = text.replace("roster: demo\n", "roster: demo\nnext_review: 2031-01-01\n", 1)
    (root / FAR_PLAN).parent.mkdir(parents=True)
    (root / FAR_PLAN).write_text(text, "utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("versions") / "repo"
    shutil.copytree(MINIMAL, root)
    _far_plan(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "预案 1.0 版")
    git(root, "tag", "plan/demo/v1.0")
    v10 = git(root, "rev-parse", "HEAD")
    draft_1_1(root)
    git(root, "commit", "-q", "-am", "修订草案 1.1", date="2026-01-10T09:00:00+08:00")
    approve_1_1(root)
    git(root, "commit", "-q", "-am", "批准 1.1 版", date="2026-02-01T15:00:00+08:00")
    edit(root, ("text: 速报事实，慎报原因。", "text: 快报事实，慎报原因。"))  # a correction after approval
    git(root, "commit", "-q", "-am", "改正错别字", date="2026-02-03T10:00:00+08:00")
    v11 = git(root, "rev-parse", "HEAD")
    # the draft revision 1.2, not committed: a new clause text, a section removed, the review date soon
    edit(root, ('version: "1.1"', 'version: "1.2"'), ("status: approved", "status: draft"),
         ("为及时处置网络舆情，制定本预案。", "为及时、妥善处置网络舆情，维护良好网络秩序，制定本预案。"),
         ("roster: demo\n", f"roster: demo\nnext_review: {DUE_SOON}\n"))
    return {"root": root, "v1.0": v10, "v1.1": v11}


@pytest.fixture(scope="module")
def built(history, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("versions-out") / "output"
    r = run_cli("build", "-o", str(out), "--today", TODAY, "-j", "2", cwd=history["root"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    return out


def page(out: Path, rel: str) -> str:
    """The article of a built page, with tags kept (the marks matter) and entities decoded."""
    text = (out / "site" / rel).read_text("utf-8")
    article = text[text.index("<article"):text.index("</article>")]
    return html.unescape(article)


def pdftext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the change table page ---------------------------------------------------------------------------

def test_change_table_page_lists_every_change_with_old_and_new_text(built):
    a = page(built, "changes/demo/v1.0-v1.1.html")
    assert "《示范镇网络舆情应急预案》修订对照表" in a
    assert "1.0 版（2025年3月1日批准）" in a and "1.1 版（2026年2月1日批准）" in a
    assert "<th>原条款</th>" in a and "<th>修改后条款</th>" in a
    # renamed section: old title, and the new one with the inserted character marked
    assert "三、监测预警" in a and "三、监测<ins>与</ins>预警" in a
    # moved section
    assert "<del>九</del>、演练与培训" in a and "<ins>六</ins>、演练与培训" in a
    # changed deadline: 3日 → 2日
    assert "时限：<del>3</del>日" in a and "时限：<ins>2</ins>日" in a
    # removed member
    assert "成员：孙三<del>、李四</del>" in a
    # new level: nothing on the old side, the whole clause inserted on the new side
    assert "（无）" in a and "<ins>名称：Ⅲ级（较小）</ins>" in a
    assert "<ins>牵头：领导小组办公室</ins>" in a  # a body's id reads as its name
    kinds = re.findall(r'class="pb-kind pb-kind-(\w+)">(\w+)<', a)
    assert {("renamed", "更名"), ("moved", "移动"), ("changed", "修改"), ("added", "新增")} <= set(kinds)
    # the correction after approval is part of 1.1's text
    assert "快报事实" not in a  # (the release section did not change between the versions otherwise)
    assert 'href="../../pdf/changes/demo/v1.0-v1.1.pdf"' in a
    assert 'href="../../plans/demo.html"' in a


def test_draft_revision_page_is_labelled_as_a_draft(built):
    a = page(built, "changes/demo/draft.html")
    assert "修订草案" in a and "1.2 版修订草案（未批准）" in a
    assert "为及时<ins>、妥善</ins>处置网络舆情，<ins>维护良好网络秩序，</ins>制定本预案。" in a
    assert "为及时处置网络舆情，制定本预案。" in a
    assert "本次构建的文本" in a


# --- the plan page's versions ------------------------------------------------------------------------

def test_plan_page_lists_its_approved_versions(built, history):
    a = page(built, "plans/demo.html")
    section = a[a.index("历次版本"):a.index("修订记录")]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)[1:]
    cells = [[flat(re.sub(r"<[^>]+>", " ", c)) for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in rows]
    assert [c[0] for c in cells] == ["1.2修订草案", "1.1批准后有改动", "1.0"]
    assert cells[1][1:5] == ["2026-02-01", "赵一", history["v1.1"][:10], ""]
    assert cells[2][1:5] == ["2025-03-01", "赵一", history["v1.0"][:10], "plan/demo/v1.0"]
    assert cells[2][5] == "首个已批准版本"
    assert 'href="../changes/demo/v1.0-v1.1.html"' in section and 'href="../pdf/changes/demo/v1.0-v1.1.pdf"' in section
    assert 'href="../changes/demo/draft.html"' in section and "与1.1版对照" in flat(section)
    # the change PDFs are listed there, not among the plan's own PDFs
    head = a[:a.index("历次版本")]
    assert "changes/demo" not in head


def test_a_plan_with_one_approved_version_has_no_change_table(built):
    a = page(built, "plans/far.html")
    section = a[a.index("历次版本"):a.index("修订记录")]
    assert "首个已批准版本" in section  # committed approved once, unchanged since
    assert not (built / "site" / "changes" / "far").exists()


# --- the PDF -----------------------------------------------------------------------------------------

def test_change_pdf_has_old_and_new_clauses_page_numbers_and_embedded_fonts(built):
    pdf = built / "pdf" / "changes" / "demo" / "v1.0-v1.1.pdf"
    text = flat(pdftext(pdf))
    for piece in ("《示范镇网络舆情应急预案》修订对照表", "序号", "原条文", "修订后条文", "说明",
                  "三、监测预警", "三、监测与预警", "时限：3日", "时限：2日", "成员：孙三、李四", "成员：孙三",
                  "Ⅲ级（较小）", "（无）", "更名", "移动", "新增", "—1—"):
        assert flat(piece) in text, piece
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert len(rows) >= 4
    for row in rows:
        assert [c for c in row.split() if c in ("yes", "no")][0] == "yes", row
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size and float(size.group(1)) > float(size.group(2))  # A4 landscape


def test_draft_pdf_says_draft(built):
    text = flat(pdftext(built / "pdf" / "changes" / "demo" / "draft.pdf"))
    assert "修订草案，尚未批准，仅供审议" in text
    assert "1.2版修订草案（未批准）" in text
    assert "为及时处置网络舆情，制定本预案。" in text and "为及时、妥善处置网络舆情，维护良好网络秩序，制定本预案。" in text


def test_a_draft_change_table_is_never_signed(built, tmp_path):
    from conftest import run_cli
    from test_sign_pki import make_pki
    pki = make_pki(tmp_path / "pki", b"pw")
    draft = built / "pdf" / "changes" / "demo" / "draft.pdf"  # where the build's record vouches for it
    signed = tmp_path / "signed"
    r = run_cli("sign", "--certificate", str(pki["p12"]), "-o", str(signed), str(draft), cwd=tmp_path,
                env={"PLANBOOK_SIGN_PASSPHRASE": "pw"})
    assert r.returncode == 1 and "不能签名" in r.stderr, r.stdout + r.stderr
    assert not signed.exists() or not any(signed.iterdir())


def _lines_across(doc, word: str) -> list[tuple[float, tuple]]:
    """(height of the line within the word's box, 0 top … 1 bottom; colour) of the thin lines drawn over ``word``."""
    out = []
    for page in doc:
        for r in page.search_for(word):
            for d in page.get_drawings():
                b = d["rect"]
                if b.height < 2 and b.x0 <= r.x0 + 1 and b.x1 >= r.x1 - 1 and r.y0 - 2 < b.y0 < r.y1 + 2:
                    out.append(((b.y0 - r.y0) / r.height, d.get("color")))
    return out


def test_marks_are_lines_not_colour_alone(built):
    """Printed in black and white: deleted text is struck through, inserted text underlined, in black."""
    pymupdf = pytest.importorskip("pymupdf")
    doc = pymupdf.open(built / "pdf" / "changes" / "demo" / "v1.0-v1.1.pdf")
    struck = _lines_across(doc, "、李四")
    assert any(0.3 < y < 0.8 and colour == (0.0, 0.0, 0.0) for y, colour in struck), struck
    under = _lines_across(doc, "与")  # 三、监测与预警: only the inserted character
    assert any(y > 0.85 and colour == (0.0, 0.0, 0.0) for y, colour in under), under
    assert not _lines_across(doc, "监测预警")  # the old title itself is unchanged text


def test_cli_diff_writes_a_pdf_for_any_two_revisions(history, tmp_path):
    target = tmp_path / "对照.pdf"
    r = run_cli("diff", history["v1.0"], history["v1.1"], "demo", "--pdf", str(target), cwd=history["root"])
    assert r.returncode == 0, r.stderr
    assert "已写入修订对照表" in r.stdout and target.is_file()
    text = flat(pdftext(target))
    assert "三、监测预警" in text and "三、监测与预警" in text and "1.0版（2025年3月1日批准）" in text
    again = tmp_path / "again.pdf"
    run_cli("diff", history["v1.0"], history["v1.1"], "demo", "--pdf", str(again), cwd=history["root"])
    assert target.read_bytes() == again.read_bytes()  # the same two commits give the same file

    r = run_cli("diff", "--versions", "demo", "--pdf", str(target), cwd=history["root"])
    assert r.returncode == 2 and "--pdf" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("diff", "demo", "--pdf", str(tmp_path / "no" / "such" / "x.pdf"), cwd=history["root"])
    assert r.returncode == 2 and "目录不存在" in r.stderr


# --- review reminders on the home page ---------------------------------------------------------------

def test_home_page_reminds_of_reviews_due_within_the_period(built):
    a = page(built, "index.html")
    box = a[a.index("待办："):a.index(">预案<")]  # the due list, right after the response buttons
    assert "60 天内到期" in box and "评估修订" in box
    assert "示范镇网络舆情应急预案" in box and "还有 45 天" in box and DUE_SOON in box
    assert "远期评估的示范预案" not in box


def test_reminders_use_the_same_dates_as_check_due(history):
    """Overdue plans are marked; the window comes from site.review_warning; the dates are P511's."""
    from conftest import check_repo

    from generator.load.repo import load_repository
    from generator.site.versions import review_reminders, window_days

    repo = load_repository(str(history["root"])).repo
    assert window_days(repo.config.site.review_warning) == 60
    today = dt.date(2026, 3, 1)
    soon = review_reminders(repo, today, 60)
    assert [(r["plan"].id, r["days"], r["overdue"]) for r in soon] == [("demo", 45, False)]
    p511 = [f for f in check_repo(history["root"], today, due_within=dt.timedelta(days=60)) if f.code == "P511"]
    assert [f.loc.path for f in p511] == [PLAN]
    late = review_reminders(repo, dt.date(2026, 5, 1), 0)
    assert [(r["plan"].id, r["days"], r["overdue"]) for r in late] == [("demo", -16, True)]
    assert review_reminders(repo, today, 30) == []


def test_review_warning_is_configurable_and_checked(repo):
    from conftest import check_repo, codes

    from generator.load.repo import load_repository
    from generator.site.versions import window_days

    cfg = repo / "planbook.yml"
    cfg.write_text(cfg.read_text("utf-8") + "site:\n  review_warning: 90d\n", "utf-8")
    assert window_days(load_repository(str(repo)).repo.config.site.review_warning) == 90
    cfg.write_text(cfg.read_text("utf-8").replace("90d", "三个月左右"), "utf-8")
    assert "P301" in codes(check_repo(repo))


def test_a_superseded_plan_has_no_draft_revision(history, tmp_path):
    from generator.diff import plan_versions
    from generator.load.repo import load_repository

    root = tmp_path / "repo"
    shutil.copytree(history["root"], root)
    edit(root, ("status: draft", "status: superseded"), ("roster: demo\n", "roster: demo\nsuccessor: far\n"))
    repo = load_repository(str(root)).repo
    plan = repo.plan_by_id["demo"]
    pv = plan_versions(str(root), plan, repo.roster_for(plan))
    assert [v.version for v in pv.versions] == ["1.0", "1.1"] and pv.draft is None
    assert [(t.old.version, t.new.version) for t in pv.tables] == [("1.0", "1.1")]
