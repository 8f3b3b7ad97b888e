"""`planbook serve` as a user runs it: the real command, the site fetched over HTTP on 127.0.0.1,
a plan and a case edited (incremental rebuilds) and then the plan broken while it runs."""
from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import MINIMAL

PLAN = "plans/demo/plan.yml"


def _lines(proc: subprocess.Popen) -> queue.Queue:
    q: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stdout:  # type: ignore[union-attr]
            q.put(line)
    threading.Thread(target=pump, daemon=True).start()
    return q


def _wait_for(q: queue.Queue, pattern: str, seconds: float = 120) -> str:
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = q.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if re.search(pattern, line):
            return line
    raise AssertionError(f"no line matching {pattern!r}; got:\n{''.join(seen)}")


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(tmp_path: Path):
    import shutil
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    exe = Path(sys.executable).parent / "planbook"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    proc = subprocess.Popen(cmd + ["serve", "--port", "0", "--interval", "0.3", "--today", "2026-01-01"], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    try:
        q = _lines(proc)
        url = re.search(r"http://127\.0\.0\.1:\d+/", _wait_for(q, r"预览地址")).group(0)
        _wait_for(q, r"已更新")
        plan_page = url + "plans/demo.html"
        assert "示范镇网络舆情应急预案" in _page(plan_page)

        path = repo / PLAN
        path.write_text(path.read_text("utf-8").replace("title: 示范镇网络舆情应急预案", "title: 示范镇网络舆情应对预案（修订）", 1),
                        "utf-8")
        _wait_for(q, r"已更新")
        assert "示范镇网络舆情应对预案（修订）" in _page(plan_page)

        case = repo / "cases" / "2025" / "2025-001.md"  # a case: its page and the case library change
        case.write_text(case.read_text("utf-8").replace("title: 网传示范镇自来水浑浊", "title: 网传示范镇自来水发黄", 1),
                        "utf-8")
        _wait_for(q, r"已更新")
        assert "网传示范镇自来水发黄" in _page(url + "cases/2025-001.html")
        assert "网传示范镇自来水发黄" in _page(url + "cases/index.html")
        assert "网传示范镇自来水浑浊" not in _page(url + "cases/2025-001.html")

        path.write_text(path.read_text("utf-8") + "levels: [\n", "utf-8")  # broken YAML
        line = _wait_for(q, r"plan\.yml:\d+:\d+: error|有错误")
        assert "Traceback" not in line
        _wait_for(q, r"有错误，站点未更新")
        assert "示范镇网络舆情应对预案（修订）" in _page(plan_page), "the last good site is still served"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
