"""The real ``planbook`` command as users and CI run it: exit codes, formats, languages,
and bad input that must never show a Python traceback."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import run_cli

BROKEN_PLAN = "plans/demo/plan.yml"


def _break(repo: Path) -> None:
    p = repo / BROKEN_PLAN
    p.write_text(p.read_text("utf-8").replace("    colour: red\n", "    colour: blue\n"), "utf-8")


def test_clean_repository_exits_0(repo: Path):
    r = run_cli("check", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "没有发现问题" in r.stdout


def test_errors_exit_1_compiler_style_in_chinese_and_english(repo: Path):
    _break(repo)
    r = run_cli("check", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith("plans/demo/plan.yml:") and ": error[P204] 级别顺序不对" in first
    assert "    提示：" in r.stdout
    r = run_cli("check", "--lang", "en", "--today", "2026-01-01", cwd=repo)
    assert "error[P204] levels are out of order" in r.stdout and "    hint: " in r.stdout


def test_lang_from_environment(repo: Path):
    _break(repo)
    r = run_cli("check", cwd=repo, env={"PLANBOOK_LANG": "en"})
    assert "levels are out of order" in r.stdout


def test_json_format(repo: Path):
    _break(repo)
    r = run_cli("check", "--format", "json", "--today", "2026-01-01", cwd=repo)
    data = json.loads(r.stdout)
    (f,) = [f for f in data["findings"] if f["code"] == "P204"]
    assert f["path"] == BROKEN_PLAN and f["line"] > 0 and f["severity"] == "error" and f["hint"]
    assert data["summary"]["errors"] >= 1 and data["summary"]["plans"] == 1


def test_junit_format(repo: Path):
    _break(repo)
    r = run_cli("check", "--format", "junit", "--today", "2026-01-01", cwd=repo)
    suite = ET.fromstring(r.stdout)
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases[BROKEN_PLAN].find("failure") is not None
    assert cases["plans/rosters/demo.yml"].find("failure") is None
    assert suite.get("failures") == "1"


def test_github_format(repo: Path):
    _break(repo)
    r = run_cli("check", "--format", "github", "--today", "2026-01-01", cwd=repo)
    line = next(x for x in r.stdout.splitlines() if "P204" in x)
    assert line.startswith("::error file=plans/demo/plan.yml,line=") and ",title=P204::" in line


def test_paths_limit_the_report_and_resolve_from_cwd(repo: Path):
    _break(repo)
    r = run_cli("check", "cases", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout
    r = run_cli("check", "plan.yml", "--today", "2026-01-01", cwd=repo / "plans" / "demo")
    assert r.returncode == 1 and "P204" in r.stdout


def test_usage_and_io_failures_exit_2(repo: Path, tmp_path: Path):
    r = run_cli("check", "no-such-file.yml", cwd=repo)
    assert r.returncode == 2 and "路径不存在" in r.stderr
    empty = tmp_path / "not-a-repo"
    empty.mkdir()
    r = run_cli("check", cwd=empty)
    assert r.returncode == 2 and "planbook.yml" in r.stderr
    r = run_cli("check", "--format", "xml", cwd=repo)
    assert r.returncode == 2
    assert "Traceback" not in r.stdout + r.stderr


def test_every_bad_input_at_once_no_traceback(repo: Path):
    """The issue's list of bad input, all in one repository, through the real command."""
    plans = repo / "plans"
    bad = {
        "malformed/plan.yml": "id: x\ntitle: [未闭合\n",
        "wrongtype/plan.yml": "id: wrongtype\ntitle: 类型错误\nkind: rules\nlevels: 三级\n",
        "tabs/plan.yml": "id: tabs\nsections:\n\t- title: 总则\n",
        "empty/plan.yml": "",
        "unsafe/plan.yml": "id: !!python/object/apply:os.system ['echo owned']\n",
        "selfsucc/plan.yml": (repo / BROKEN_PLAN).read_text("utf-8")
        .replace("id: demo\n", "id: selfsucc\n").replace("status: approved\n", "status: superseded\nsuccessor: selfsucc\n"),
        "bomb/plan.yml": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
    }
    for rel, text in bad.items():
        (plans / rel).parent.mkdir(parents=True)
        (plans / rel).write_text(text, "utf-8")
    (plans / "gbk").mkdir()
    (plans / "gbk" / "plan.yml").write_bytes("id: gbk\ntitle: 网络舆情应急预案\n".encode("gbk"))
    (plans / "bom").mkdir()
    (plans / "bom" / "plan.yml").write_bytes(b"\xef\xbb\xbfid: [\n")
    (plans / "binary").mkdir()
    (plans / "binary" / "plan.yml").write_bytes(os.urandom(2048) + b"\x00")
    (plans / "huge").mkdir()
    with open(plans / "huge" / "plan.yml", "wb") as fh:  # 50 MB, sparse: never read
        fh.truncate(50 * 1024 * 1024)
    (plans / "dangling").mkdir()
    os.symlink(plans / "dangling" / "missing-target.yml", plans / "dangling" / "plan.yml")

    r = run_cli("check", "--format", "json", cwd=repo)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    got = {(f["path"].split("/")[1], f["code"]) for f in json.loads(r.stdout)["findings"]}
    for folder, code in [("malformed", "Y001"), ("wrongtype", "S002"), ("tabs", "Y002"), ("empty", "Y003"),
                         ("unsafe", "Y005"), ("selfsucc", "P506"), ("bomb", "Y006"), ("gbk", "F002"),
                         ("bom", "F003"), ("bom", "Y001"), ("binary", "F005"), ("huge", "F004"),
                         ("dangling", "F001")]:
        assert (folder, code) in got, (folder, code, sorted(got))
    findings = json.loads(r.stdout)["findings"]
    gbk = next(f for f in findings if f["code"] == "F002")
    assert "GB18030" in gbk["message"] and "iconv" in gbk["hint"]
    assert all(f["line"] > 0 for f in findings if f["code"] in ("Y001", "Y002", "S002", "P506", "F002"))


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0 and "check" in r.stdout
    r = run_cli("check", "--help")
    assert "--format" in r.stdout and "退出码" in r.stdout
    assert run_cli("--version").returncode == 0


def test_due_reminds_of_reviews_within_the_period(repo: Path):
    # approved 2025-03-01, cycle 3 years: due 2028-03-01
    r = run_cli("check", "--due", "90d", "--today", "2028-01-01", cwd=repo)
    assert r.returncode == 0 and "warning[P511]" in r.stdout and "2028-03-01" in r.stdout
    r = run_cli("check", "--due", "30天", "--today", "2028-01-01", cwd=repo)
    assert "P511" not in r.stdout
    r = run_cli("check", "--today", "2028-01-01", cwd=repo)
    assert "P511" not in r.stdout
    r = run_cli("check", "--due", "soon", cwd=repo)
    assert r.returncode == 2 and "无法识别" in r.stderr
