"""``planbook new case``: options, prompts on a real terminal, fresh ids, and a skeleton that checks clean."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from conftest import check_repo, run_cli


def _errors(repo: Path):
    return [f"{f.loc} {f.code}" for f in check_repo(repo) if f.severity.value == "error"]


def test_options_write_a_valid_skeleton_with_the_next_id(repo: Path):
    r = run_cli("new", "case", "--plan", "demo", "--level", "I", "--category", "rumour", "--title", "网传停水",
                "--discovered", "2025-06-03 08:15", "--platform", "微博", cwd=repo)
    assert r.returncode == 0, r.stderr
    path = repo / "cases" / "2025" / "2025-002.md"  # the fixture already has 2025-001
    assert path.exists() and "id: 2025-002" in path.read_text("utf-8")
    assert _errors(repo) == []
    warned = [f.message() for f in check_repo(repo) if f.code == "C302" and f.loc.path.endswith("2025-002.md")]
    assert len(warned) == 3  # level I: oral, written and reply deadlines still to be recorded
    r = run_cli("new", "case", "--plan", "demo", "--level", "II", "--category", "inquiry", "--title", "次年第一起",
                "--discovered", "2026-01-02 10:00", cwd=repo)
    assert (repo / "cases" / "2026" / "2026-001.md").exists() and _errors(repo) == []


def test_titles_with_yaml_characters_stay_text(repo: Path):
    title = '关于"停电": 何时恢复? # 还有 [括号] & *星号'
    r = run_cli("new", "case", "--plan", "demo", "--level", "II", "--category", "inquiry", "--title", title,
                "--discovered", "2025-06-03 08:15", cwd=repo)
    assert r.returncode == 0
    from generator.load.repo import load_repository
    case = next(c for c in load_repository(str(repo)).repo.cases if c.id == "2025-002")
    assert case.title == title


def test_bad_options_and_missing_options_without_a_terminal(repo: Path):
    for args, words in [(["--plan", "nope"], "没有预案"), (["--plan", "demo", "--level", "IX"], "没有级别"),
                        (["--plan", "demo", "--level", "I", "--category", "bad"], "类别"),
                        (["--plan", "demo"], "非交互")]:
        r = run_cli("new", "case", *args, "--title", "x", "--discovered", "2025-06-03 08:15", cwd=repo)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
    r = run_cli("new", "case", "--plan", "demo", "--level", "I", "--category", "doubt", "--title", "x",
                "--discovered", "昨天", cwd=repo)
    assert r.returncode == 2 and "无法识别" in r.stderr


def _answer_prompts(repo: Path, answers: list[str]) -> str:
    """Run ``planbook new case`` on a real pseudo-terminal and answer its prompts in turn; its output."""
    exe = Path(sys.executable).parent / "planbook"
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(exe), "new", "case"], cwd=repo, stdin=slave, stdout=slave, stderr=slave,
                            env={**os.environ, "NO_COLOR": "1"}, close_fds=True)
    os.close(slave)
    sent, seen, deadline = 0, b"", time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        seen += chunk
        if seen.rstrip().endswith((b":", b"]:")) and seen.endswith(b": ") and sent < len(answers):
            os.write(master, (answers[sent] + "\n").encode())
            sent += 1
    proc.wait(timeout=10)
    os.close(master)
    assert proc.returncode == 0, seen.decode("utf-8", "replace")
    return seen.decode("utf-8", "replace")


def test_chinese_labels_are_taken_and_the_time_is_the_offices(repo: Path):
    """The prompts show 级别 and 类别 with their Chinese names; typing those names works, and the default time
    of discovery is now in planbook.yml's timezone (UTC+14 here, so never the machine's UTC date and hour)."""
    import datetime as dt
    from zoneinfo import ZoneInfo
    config = repo / "planbook.yml"
    config.write_text(config.read_text("utf-8").replace("Asia/Shanghai", "Pacific/Kiritimati"), "utf-8")
    before = dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).replace(second=0, microsecond=0, tzinfo=None)
    _answer_prompts(repo, ["demo", "Ⅱ级", "质疑", "网民质疑路灯", ""])
    after = dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).replace(tzinfo=None)
    path = next((repo / "cases").rglob(f"{before.year}-*.md")) if before.year != 2025 else \
        repo / "cases" / "2025" / "2025-002.md"
    written = path.read_text("utf-8")
    assert "level: \"II\"" in written and "category: doubt" in written, written
    got = dt.datetime.strptime(written.split("discovered: ", 1)[1][:16], "%Y-%m-%d %H:%M")
    assert before <= got <= after, (got, before, after)
    r = run_cli("new", "case", "--plan", "demo", "--level", "一般", "--category", "谣言", "--title", "x",
                "--discovered", "2025-06-03 08:15", cwd=repo)
    assert r.returncode == 2 and "没有级别" in r.stderr  # 一般 is not how the level is shown (Ⅱ级（一般）)
    r = run_cli("new", "case", "--plan", "demo", "--level", "Ⅱ级（一般）", "--category", "谣言", "--title", "x",
                "--discovered", "2025-06-03 08:15", cwd=repo)
    assert r.returncode == 0, r.stderr


def test_prompts_on_a_terminal(repo: Path):
    """Answer the prompts through a real pseudo-terminal, as a person at the keyboard would."""
    exe = Path(sys.executable).parent / "planbook"
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(exe), "new", "case"], cwd=repo, stdin=slave, stdout=slave, stderr=slave,
                            env={**os.environ, "NO_COLOR": "1"}, close_fds=True)
    os.close(slave)
    answers = ["demo", "II", "complaint", "市民投诉路灯不亮", "2025-07-01 20:30"]
    sent = 0
    seen = b""
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        seen += chunk
        prompts = seen.count(b": ")  # every click prompt ends with ": "
        if seen.endswith(b": ") and sent < prompts and sent < len(answers):
            os.write(master, (answers[sent] + "\n").encode())
            sent += 1
    proc.wait(timeout=10)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 0, text
    written = (repo / "cases" / "2025" / "2025-002.md").read_text("utf-8")
    assert "市民投诉路灯不亮" in written and "category: complaint" in written and _errors(repo) == []


def test_new_drill_from_a_case(repo: Path):
    """``new drill --from-case`` takes the case's plan, level and scenario; the expected course is the case's
    timeline moved to the drill's day; the skeleton loads and checks without errors, and a second drill gets the
    next number."""
    r = run_cli("new", "drill", "--from-case", "2025-001", "--date", "2025-11-20", "--form", "实战演练", cwd=repo)
    assert r.returncode == 0, r.stderr
    path = repo / "drills" / "2025" / "2025-D02.md"  # the fixture already has 2025-D01
    text = path.read_text("utf-8")
    assert 'from_case: "2025-001"' in text and "plan: demo" in text and 'level: "II"' in text
    assert "form: live" in text and "网传示范镇自来水浑浊" in text
    assert "#   event: oral_report" in text and "# - time: 2025-11-20 09:20" in text  # 09:00 + 20 min, as in the case
    assert _errors(repo) == []
    from generator.load.repo import load_repository
    drill = next(d for d in load_repository(str(repo)).repo.drills if d.id == "2025-D02")
    assert drill.from_case == "2025-001" and drill.discovered.hour == 9
    r = run_cli("new", "drill", "--plan", "demo", "--level", "Ⅰ级", "--date", "2025-12-01", cwd=repo)
    assert r.returncode == 0 and (repo / "drills" / "2025" / "2025-D03.md").exists(), r.stderr
    bad = run_cli("new", "drill", "--from-case", "2099-001", cwd=repo)
    assert bad.returncode == 2 and "没有案例" in bad.stderr and "Traceback" not in bad.stderr
