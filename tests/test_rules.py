"""Every code, failing and passing.

The passing example is the clean fixture (tests/fixtures/minimal, checked to
give no finding at all).  Each row below breaks it in one way and asserts that
the code appears at the exact line.  ``test_every_code_is_exercised`` fails if
a code is registered without a row here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import TODAY, check_repo, codes

PLAN = "plans/demo/plan.yml"
ROSTER = "plans/rosters/demo.yml"
CASE = "cases/2025/2025-001.md"
CONFIG = "planbook.yml"
DRILL = "drills/2025/2025-D01.md"


@dataclass
class Break:
    code: str
    file: str
    old: str | None = None  # text replaced (first occurrence); None: ``new`` is the whole file
    new: str | bytes = ""
    at: str | tuple[str, int] | int | None = None  # the line (text, occurrence, or number) of the finding; None: none
    today: dt.date = TODAY
    extra: dict[str, str] = field(default_factory=dict)  # more files to write
    col: int | None = None
    due: dt.timedelta | None = None  # check --due

    def __str__(self) -> str:
        return self.code


def _apply(root: Path, b: Break) -> None:
    path = root / b.file
    if b.old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(b.new, bytes):
            path.write_bytes(b.new)
        else:
            path.write_text(b.new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert b.old in text, f"{b.code}: fixture has no {b.old!r}"
        path.write_text(text.replace(b.old, b.new, 1), encoding="utf-8")
    for rel, content in b.extra.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")


def _line_of(root: Path, b: Break) -> int:
    if b.at is None:
        return 0
    if isinstance(b.at, int):
        return b.at
    text, nth = (b.at, 1) if isinstance(b.at, str) else b.at
    seen = 0
    for i, line in enumerate((root / b.file).read_bytes().decode("utf-8-sig", "replace").splitlines(), 1):
        if line == text:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(f"{b.code}: no line {b.at!r} in {b.file}")


BREAKS = [
    # --- structure
    Break("P101", PLAN, "    kind: aftermath\n", "    kind: other\n", at="  - id: purpose"),
    Break("P102", PLAN, "deadlines:\n  - id: oral-report", "deadlines: []\nold:\n  - id: oral-report", at="deadlines: []"),
    Break("P103", PLAN, "    kind: drills\n", "    kind: other\n", at="  - id: purpose"),
    Break("P104", PLAN, "    title: 应急保障\n", "", at="  - id: support"),
    Break("P105", PLAN, "  - id: drills\n", "  - id: support\n", at=("  - id: support", 2)),
    Break("P106", PLAN, "        text: 发现苗头及时预警。\n",
          "        text: 发现苗头及时预警。\n        sections:\n          - title: 三\n            sections:\n"
          "              - title: 四\n                sections:\n                  - title: 五\n",
          at="                  - title: 五"),
    # --- grading
    Break("P201", PLAN, "    criteria: [引发全国性关注的舆情。]\n", "    criteria: []\n", at="    criteria: []"),
    Break("P202", PLAN, "    lead: [office]\n", "", at="  - id: II"),
    Break("P203", PLAN, "  - id: II\n", "  - id: I\n", at=("  - id: I", 2)),
    Break("P204", PLAN, "    colour: red\n", "    colour: blue\n", at="  - id: II"),
    # --- deadlines and procedure
    Break("P301", PLAN, "    limit: 3日\n", "    limit: 很快\n", at="    limit: 很快", col=12),
    Break("P302", PLAN, "    max: 5日\n", "    max: 2日\n", at="    max: 2日"),
    Break("P303", PLAN, "    limit: 30分钟\n", "    limit: 2小时\n", at="    limit: 2小时"),
    Break("P304", PLAN, "    recipient: [office]\n", "    recipient: [office]\n    levels: [I]\n", at="  - id: II"),
    Break("P305", PLAN, "    levels: [I]\n", "    levels: [III]\n", at="    levels: [III]", col=14),
    Break("P306", PLAN, "  - id: reply\n", "  - id: oral-report\n", at=("  - id: oral-report", 2)),
    Break("P307", PLAN, "    deadlines: [reply]\n", "    deadlines: [replay]\n", at="    deadlines: [replay]"),
    Break("P308", PLAN, "    event: replied\n", "    event: replied\n    trigger: replied\n", at="    trigger: replied"),
    # --- references and organization
    Break("P401", PLAN, "      members: [sun-san, li-si]\n", "      members: [sun-san, li-wu]\n",
          at="      members: [sun-san, li-wu]", col=26),
    Break("P402", PLAN, "roster: demo\n", "roster: demo2\n", at="roster: demo2"),
    Break("P403", PLAN, "      deputies: [li-si]\n", "", at="      leader: [sun-san]"),
    Break("P404", PLAN, "    - id: office\n", "    - id: leading-group\n", at=("    - id: leading-group", 2)),
    Break("P405", PLAN, "      leader: [zhao-yi]\n      deputies: [党委副书记]\n", "", at="    - id: leading-group"),
    Break("P406", PLAN, "      holder: [党委副书记]\n", "      holder: [党委副书记]\n    - id: deputy-secretary\n"
          "      name: 党委副书记\n      holder: [qian-er]\n", at="      deputies: [党委副书记]"),
    # --- lifecycle
    Break("P501", PLAN, "  reviewed: {by: qian-er, date: 2025-02-20}\n", "",
          at="  drafted: {by: sun-san, date: 2025-02-10}"),
    Break("P502", PLAN, "effective: 2025-03-05\n", "", at="status: approved"),
    Break("P503", PLAN, "version:", "version:", at="approved: 2025-03-01", today=dt.date(2029, 1, 1)),
    Break("P511", PLAN, "version:", "version:", at="approved: 2025-03-01", today=dt.date(2028, 1, 1),
          due=dt.timedelta(days=90)),
    Break("P504", PLAN, "status: approved\n", "status: superseded\n", at="status: superseded"),
    Break("P505", PLAN, "status: approved\n", "status: superseded\nsuccessor: demo-2030\n", at="successor: demo-2030"),
    Break("P506", PLAN, "status: approved\n", "status: superseded\nsuccessor: demo\n", at="successor: demo"),
    Break("P507", "plans/zz-copy/plan.yml", None, (Path(__file__).parent / "fixtures/minimal" / PLAN).read_text("utf-8"),
          at="id: demo"),
    Break("P508", PLAN, "effective: 2025-03-05\n", "effective: 2025-02-05\n", at="effective: 2025-02-05"),
    Break("P509", PLAN, "document_number: 示政发〔2025〕3号\n", "document_number: 示政发[2025]第03号\n",
          at="document_number: 示政发[2025]第03号"),
    Break("P510", PLAN, "roster: demo\n", "roster: demo\nsuccessor: demo\n", at="successor: demo"),
    # --- placeholders (content)
    Break("P601", ROSTER, '"13800000004"', '"待填写"', at='    phones: ["待填写"]'),
    Break("P602", PLAN, "status: approved\nversion: \"1.0\"\nissuer: 示范镇人民政府\ndocument_number: 示政发〔2025〕3号\n"
          "signatory: 赵一\n", "status: draft\nsignatory: ×××\n", at="signatory: ×××"),
    Break("P603", PLAN, "    text: 信息员每日浏览本地论坛。\n", "    text: 信息员发现舆情后20分钟内口头报告办公室。\n",
          at="    text: 信息员发现舆情后20分钟内口头报告办公室。"),
    Break("P604", PLAN, "    text: 速报事实，慎报原因。\n", "    text: 达到Ⅲ级的，速报事实，慎报原因。\n",
          at="    text: 达到Ⅲ级的，速报事实，慎报原因。"),
    # --- the national rules (国办发〔2024〕5号)
    Break("P701", PLAN, "    text: 舆情平息后由领导小组决定终止响应，处置结束后总结评估。\n", "    text: 处置结束后总结评估。\n",
          at="  - id: purpose"),
    Break("P702", PLAN, "signatory: 赵一\n", "signatory: 钱二\n", at="signatory: 钱二"),
    Break("P703", PLAN, "filing: {to: 示范县人民政府, date: 2025-03-20, receipt: 示县应备〔2025〕5号}\n", "",
          at="approved: 2025-03-01"),
    Break("P704", PLAN, "date: 2025-03-20", "date: 2025-04-20",
          at="filing: {to: 示范县人民政府, date: 2025-04-20, receipt: 示县应备〔2025〕5号}"),
    Break("P705", PLAN, 'version: "1.0"\n', 'version: "2.0"\n', at='version: "2.0"'),
    # --- roster
    Break("R101", ROSTER, '    phones: ["13800000004"]\n', "", at="  - id: li-si"),
    Break("R102", ROSTER, '"13800000002"', '"5550102"', at='    phones: ["5550102"]'),
    Break("R103", ROSTER, "  - id: li-si\n", "  - id: sun-san\n", at=("  - id: sun-san", 2)),
    Break("R104", ROSTER, "    backup: qian-er\n", "    backup: qian-san\n", at="    backup: qian-san"),
    Break("R105", ROSTER, "  - weekday: 1\n", "  - weekday: 9\n", at="  - weekday: 9"),
    Break("R106", "plans/rosters/other.yml", None, "id: demo\npeople: []\n", at="id: demo"),
    Break("R107", ROSTER, '"13800000004"', '"13800000003"', at=('    phones: ["13800000003"]', 2)),
    # --- cases
    Break("C001", CASE, "---\n", "", at="id: 2025-001"),
    Break("C201", CASE, "plan: demo\n", "plan: dem\n", at="plan: dem"),
    Break("C202", CASE, "level: II\n", "level: III\n", at="level: III"),
    Break("C203", CASE, "  - time: 2025-04-02 10:00\n", "  - time: 2025-04-01 09:10\n", at="  - time: 2025-04-01 09:10"),
    Break("C204", CASE, "  - time: 2025-04-03 16:00\n", "  - time: 2025-04-04 16:00\n", at="  - time: 2025-04-04 16:00"),
    Break("C205", "cases/2026/dup.md", None, (Path(__file__).parent / "fixtures/minimal" / CASE).read_text("utf-8"),
          at="id: 2025-001"),
    Break("C206", CASE, "closed: 2025-04-03\n", "closed: 2025-03-30\n", at="closed: 2025-03-30"),
    Break("C207", CASE, "    posted: 2025-04-01 08:10\n", "    posted: 2025-04-01 10:10\n", at="    posted: 2025-04-01 10:10"),
    Break("C208", CASE, "    by: [li-si]\n", "    by: [li-wu]\n", at="    by: [li-wu]"),
    Break("C209", CASE, "discovered: 2025-04-01 09:00\n", "discovered: 2025-03-01 09:00\n",
          at="discovered: 2025-03-01 09:00"),
    Break("C301", CASE, "  - time: 2025-04-01 09:20\n", "  - time: 2025-04-01 09:45\n", at="  - time: 2025-04-01 09:45"),
    Break("C302", CASE, "  - time: 2025-04-01 09:20\n    event: oral_report\n    by: [信息员]\n", "",
          at="  - time: 2025-04-01 09:00"),
    # --- drills
    Break("D201", DRILL, "plan: demo\n", "plan: dem\n", at="plan: dem"),
    Break("D202", DRILL, "level: II\n", "level: III\n", at="level: III"),
    Break("D203", DRILL, "participants: [sun-san, li-si, 钱二]\n", "participants: [sun-san, li-wu, 钱二]\n",
          at="participants: [sun-san, li-wu, 钱二]", col=25),
    Break("D204", "drills/2026/copy.md", None, (Path(__file__).parent / "fixtures/minimal" / DRILL).read_text("utf-8"),
          at="id: 2025-D01"),
    Break("D205", DRILL, "from_case: 2025-001\n", "from_case: 2025-009\n", at="from_case: 2025-009"),
    Break("D206", DRILL, "  - time: 2025-06-10 09:25\n", "  - time: 2025-06-10 09:45\n", at="  - time: 2025-06-10 09:45"),
    Break("D301", PLAN, "version:", "version:", at="approved: 2025-03-01", today=dt.date(2028, 7, 1)),
    Break("D302", DRILL, "    done: 2025-06-20\n", "", at="    due: 2025-07-01"),
    # --- config
    Break("K101", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nrules:\n  P999: off\n", at="  P999: off"),
    Break("K102", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nrules:\n  P103: off\n  O103: warning\n",
          at="  O103: warning"),  # the entry's own line, not the first one's
    Break("K201", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nsite:\n  mkdocs:\n    theme:\n      custom_dir: /tmp\n",
          at="    theme:"),
    Break("K202", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nsite:\n  mkdocs:\n    theme:\n      font: {text: Roboto}\n",
          at="    theme:"),
    Break("K203", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nsite:\n  extra_css: [a.css, ../../x.css]\n",
          at="  extra_css: [a.css, ../../x.css]"),
    Break("K204", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nsite:\n  primary: 'red\" onclick=\"x'\n",
          at="  primary: 'red\" onclick=\"x'"),
    # --- schema (loader)
    Break("S001", PLAN, "kind: emergency_plan\n", "kind: emergency_plan\ntitel: x\n", at="titel: x", col=1),
    Break("S002", PLAN, "    criteria: [引发全国性关注的舆情。]\n", "    criteria: {a: 1}\n", at="    criteria: {a: 1}"),
    Break("S003", PLAN, "title: 示范镇网络舆情应急预案\n", "", at="id: demo"),
    Break("S004", PLAN, "kind: emergency_plan\n", "kind: emergency\n", at="kind: emergency", col=7),
    Break("S005", PLAN, 'version: "1.0"\n', 'version: "1.0"\nversion: "2.0"\n', at='version: "2.0"'),
    Break("S006", PLAN, "approved: 2025-03-01\n", "approved: 2025-13-01\n", at="approved: 2025-13-01"),
    Break("S007", PLAN, "  - id: purpose\n", "  - id: pur pose\n", at="  - id: pur pose"),
    Break("S008", CONFIG, "review_cycle: 3年\n", "review_cycle: 三年\n", at="review_cycle: 三年"),
    # ids name pages and PDFs (issue 13 item 10): . and .., #x, a 300-character id
    Break("S007", PLAN, "id: demo\n", "id: '..'\n", at="id: '..'"),
    Break("S007", CASE, "id: 2025-001\n", "id: '#x'\n", at="id: '#x'"),
    Break("S007", CASE, "id: 2025-001\n", "id: " + "a" * 300 + "\n", at="id: " + "a" * 300),
    Break("S007", PLAN, "  - id: II\n", "  - id: Ⅱ?级\n", at="  - id: Ⅱ?级"),
    # bounds (issue 13 item 9): 8000年 and 99999999999年 crashed the build, 9999999天 too
    Break("S008", CONFIG, "review_cycle: 3年\n", "review_cycle: 8000年\n", at="review_cycle: 8000年"),
    Break("S008", CONFIG, "review_cycle: 3年\n", "review_cycle: 99999999999年\n", at="review_cycle: 99999999999年"),
    Break("P301", PLAN, "    limit: 3日\n", "    limit: 9999999天\n", at="    limit: 9999999天"),
    # what passes check also builds (issue 13 items 9, 10)
    Break("O101", CASE, "id: 2025-001\n", "id: index\n", at="id: index"),
    Break("O101", PLAN, "  - id: II\n", "  - id: README\n", at="  - id: README"),
    Break("O102", CASE, "4 月 1 日上午", "见[附件一](附件一.docx)。4 月 1 日上午", at=("见[附件一](附件一.docx)。4 月 1 日上午"
                                                                           "，信息员在本地论坛发现帖文。"), col=8),
    Break("O102", PLAN, "    text: 每年演练一次。\n", "    text: |\n      每年演练一次。\n      见![流程](../流程图.png)。\n",
          at="      见![流程](../流程图.png)。"),
    Break("O103", CASE, "4 月 1 日上午", "*" * 50000 + "词" + "*" * 50000 + "\n\n4 月 1 日上午", at=34),
    Break("O103", CASE, "4 月 1 日上午", "[" * 20000 + "x" + "]" * 20000 + "\n\n4 月 1 日上午", at=34),
    Break("O103", CASE, "4 月 1 日上午", "".join(" " * i + "- x\n" for i in range(2000)) + "\n4 月 1 日上午",
          at=34 + 32),
    Break("S009", CONFIG, "timezone: Asia/Shanghai\n", "timezone: Asia/Beijing\n", at="timezone: Asia/Beijing"),
    Break("S010", CONFIG, "review_cycle: 3年\n", "review_cycle: 3年\nsite:\n  url: ftp://yuqing.example.cn/\n",
          at="  url: ftp://yuqing.example.cn/", col=8),
    # --- files (bad input)
    Break("F002", PLAN, None, "id: demo\ntitle: 示范镇网络舆情应急预案\n".encode("gb18030"), at=2),
    Break("F003", PLAN, None, b"\xef\xbb\xbf" + (Path(__file__).parent / "fixtures/minimal" / PLAN).read_bytes(),
          at="id: demo"),
    Break("F005", PLAN, None, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), at=None),
    Break("F006", PLAN, None, b"id: demo\ntitle: caf\xe9", at=2),
    Break("F007", PLAN, None, "\ufeffid: demo\ntitle: 示范镇网络舆情应急预案\n".encode("utf-16-le"), at=None),
    Break("F010", "plans/demo/notes.yml", None, "a: 1\n", at=None),
    Break("Y001", PLAN, "title: 示范镇网络舆情应急预案\n", "title: 示范镇: 网络舆情\n", at="title: 示范镇: 网络舆情"),
    Break("Y001", PLAN, "title: 示范镇网络舆情应急预案\n", "title: 示范镇\x01网络舆情应急预案\n", at="title: 示范镇\x01网络舆情应急预案",
          col=11),
    Break("Y002", PLAN, "  - id: purpose\n    kind: purpose\n", "  - id: purpose\n\tkind: purpose\n", at="\tkind: purpose",
          col=1),
    Break("Y003", PLAN, None, "# 只有注释\n", at=None),
    Break("Y004", PLAN, "procedure:\n", "---\nprocedure:\n", at="---"),
    Break("Y005", PLAN, "title: 示范镇网络舆情应急预案\n",
          'title: !!python/object/apply:os.system ["touch pwned-by-yaml"]\n',
          at='title: !!python/object/apply:os.system ["touch pwned-by-yaml"]', col=8),
    Break("Y008", PLAN, "    limit: 30分钟\n", "    limit：30分钟\n", at="    limit：30分钟", col=10),
    Break("Y009", PLAN, "    limit: 30分钟\n", "  \u3000limit: 30分钟\n", at="  \u3000limit: 30分钟"),
    Break("Y007", PLAN, "title: 示范镇网络舆情应急预案\n", "title: " + "[" * 100_000 + "]" * 100_000 + "\n",
          at="title: " + "[" * 100_000 + "]" * 100_000),
    Break("Y006", PLAN, None, "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)), at="a: &a [x, x, x, x, x, x, x, x, x]"),
]


@pytest.mark.parametrize("b", BREAKS, ids=str)
def test_break_is_found_at_its_line(repo: Path, b: Break):
    assert b.code not in codes(check_repo(repo)), "the clean fixture must not show the code"
    _apply(repo, b)
    got = check_repo(repo, b.today, due_within=b.due)
    found = [f for f in got if f.code == b.code]
    assert found, f"{b.code} not reported; got {[(f.code, str(f.loc)) for f in got]}"
    want = _line_of(repo, b)
    where = [(f.loc.path, f.loc.line) for f in found]
    assert (b.file, want) in where, f"{b.code} at {where}, expected {b.file}:{want}"
    if b.col is not None:
        assert any(f.loc.col == b.col for f in found if f.loc.line == want), [str(f.loc) for f in found]
    for f in found:
        assert f.message("zh") and f.message("en") and f.hint("zh")


def test_clean_fixture_has_no_findings(repo: Path):
    assert check_repo(repo) == ()


def test_every_code_is_exercised():
    import generator.load.repo
    import generator.rules  # noqa: F401  registers the rules
    from generator.findings import CODES
    tested = {b.code for b in BREAKS} | {"F001", "F004"}  # these two: test_bad_input.py
    assert sorted(set(CODES) - tested) == []


def test_unsafe_tag_is_never_executed(repo: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    b = next(b for b in BREAKS if b.code == "Y005")
    _apply(repo, b)
    check_repo(repo)
    assert not (tmp_path / "pwned-by-yaml").exists()
    assert not (repo / "pwned-by-yaml").exists()


def test_severity_override_in_config(repo: Path):
    b = next(b for b in BREAKS if b.code == "P403")
    _apply(repo, b)
    assert [f.severity.value for f in check_repo(repo) if f.code == "P403"] == ["warning"]
    cfg = repo / CONFIG
    cfg.write_text(cfg.read_text("utf-8") + "rules:\n  P403: error\n  P103: off\n", "utf-8")
    assert [f.severity.value for f in check_repo(repo) if f.code == "P403"] == ["error"]
    plan = repo / PLAN
    plan.write_text(plan.read_text("utf-8").replace("    kind: drills\n", "    kind: other\n"), "utf-8")
    assert "P103" not in codes(check_repo(repo))


def test_did_you_mean_for_unknown_reference(repo: Path):
    b = next(b for b in BREAKS if b.code == "P401")
    _apply(repo, b)
    (f,) = [f for f in check_repo(repo) if f.code == "P401"]
    assert "li-si" in f.message("zh") and "did you mean 'li-si'" in f.message("en")


def test_chinese_labels_are_accepted_for_choices(repo: Path):
    plan = repo / PLAN
    plan.write_text(plan.read_text("utf-8").replace("kind: emergency_plan", "kind: 应急预案")
                    .replace("colour: red", "colour: 红色"), "utf-8")
    assert check_repo(repo) == ()


def test_only_paths_filters_the_report(repo: Path):
    _apply(repo, next(b for b in BREAKS if b.code == "R102"))
    _apply(repo, next(b for b in BREAKS if b.code == "C201"))
    assert set(codes(check_repo(repo, only=["plans"]))) == {"R102"}
    assert set(codes(check_repo(repo, only=["cases/2025/2025-001.md"]))) == {"C201"}


def test_the_list_of_codes_does_not_depend_on_imports():
    """Every code is known whatever was imported first (it was 53 after one import and 78 after another)."""
    import subprocess
    import sys
    counts = set()
    for first in ("generator.findings", "generator.load.source", "generator.rules", "generator.check"):
        r = subprocess.run([sys.executable, "-c", f"import {first}; from generator.findings import CODES; "
                            "print(len(CODES), len(set(CODES)))"], capture_output=True, text=True, check=True)
        counts.add(r.stdout.strip())
    from generator.findings import CODES
    assert counts == {f"{len(CODES)} {len(CODES)}"}


def test_every_module_that_defines_codes_is_listed():
    from generator.findings import CODE_MODULES
    root = Path(__file__).parent.parent
    defining = {".".join(p.relative_to(root).with_suffix("").parts) for p in (root / "generator").rglob("*.py")
                if re.search(r"^(define\(|@rule\()", p.read_text("utf-8"), re.M)}
    assert defining == set(CODE_MODULES)


def test_a_vague_limit_is_one_finding_with_advice(repo: Path):
    """尽快 is no limit: one P301 at its line saying why, not a cascade at the steps that use the deadline."""
    _apply(repo, Break("P301", PLAN, "    limit: 3日\n", "    limit: 尽快\n"))
    got = check_repo(repo)
    assert [f.code for f in got] == ["P301"], [(f.code, str(f.loc)) for f in got]
    assert "写明最长多少时间" in got[0].hint("zh") and "longest" in got[0].hint("en")


def test_full_width_colon_is_reported_on_its_line_in_chinese(repo: Path):
    _apply(repo, Break("Y008", PLAN, "    limit: 30分钟\n", "    limit：30分钟\n"))
    got = [f for f in check_repo(repo) if f.loc.path == PLAN]
    assert [f.code for f in got] == ["Y008"]
    assert got[0].message("zh") == "“limit”后面用了全角冒号“：”" and got[0].hint("zh").endswith("limit: 30分钟")


def test_text_and_deadline_that_disagree_are_reported_at_both_places(repo: Path):
    """The limit changed from 30分钟 to 20分钟 while the text still says 30分钟 in three places: a warning at each
    place in the text (on its own line of a block text) and one at the deadline, each naming the other place."""
    text = ("    text: |\n      信息员每日浏览本地论坛，发现舆情后30分钟内口头报告办公室。\n"
            "      夜间和节假日同样在30分钟内电话报告值班领导。\n      确有困难的，30分钟内报告带班领导。\n")
    _apply(repo, Break("P603", PLAN, "    text: 信息员每日浏览本地论坛。\n", text))
    _apply(repo, Break("P603", PLAN, "    limit: 30分钟\n", "    limit: 20分钟\n"))
    lines = (repo / PLAN).read_text("utf-8").splitlines()
    limit_line = lines.index("    limit: 20分钟") + 1
    text_lines = [i for i, line in enumerate(lines, 1) if "30分钟内" in line]
    found = [f for f in check_repo(repo) if f.code == "P603"]
    assert sorted(f.loc.line for f in found) == sorted([*text_lines, limit_line]), [str(f.loc) for f in found]
    at_limit = next(f for f in found if f.loc.line == limit_line)
    assert f"{PLAN}:{text_lines[0]}" in at_limit.message("zh")
    assert all(f"{PLAN}:{limit_line}" in f.message("zh") for f in found if f is not at_limit)
    assert {f.severity.value for f in found} == {"warning"}


def test_a_plan_that_fails_to_load_is_not_reported_missing_by_its_cases_and_drills(repo: Path):
    """A plan file that does not build gives its own findings; its cases and drills do not add C201 / D201
    ("the plan does not exist") for it, which sent the reader to the wrong file."""
    plan = repo / PLAN
    plan.write_text(plan.read_text("utf-8").replace("status: approved", "status: [approved"), "utf-8")
    found = check_repo(repo)
    assert found and all(f.loc.path == PLAN for f in found if f.severity.value == "error"), \
        [(f.code, f.loc.path) for f in found]
    assert not {"C201", "D201"} & set(codes(found))
    # a plan id that names no file at all is still reported
    _apply(repo, next(b for b in BREAKS if b.code == "C201"))
    assert "C201" in codes(check_repo(repo))


def test_the_summary_line_counts_drills(repo: Path):
    from generator.check import check
    from generator.cli.formats import as_json, text
    from generator.load.repo import load_repository
    loaded = load_repository(str(repo))
    report = check(loaded, TODAY)
    assert "1 次演练" in text(loaded.repo, report, "zh", False)
    assert "1 drills" in text(loaded.repo, report, "en", False)
    assert '"drills": 1' in as_json(loaded.repo, report, "en", False)
