"""Benchmark: `planbook serve`, one case edited, until the page shows it.

    python benchmarks/serve_bench.py [--cases 1000] [--edits 5]

Builds a synthetic repository (benchmarks/corpus.py) and starts the real `planbook serve` command on it
(--interval 0.2).  When its first build is done (the baseline, measured in the same run: the site built from
nothing in that process), edits one case's title ``--edits`` times, a different case each time, and measures
from the moment the file is written until the case's page, fetched over HTTP every 50 ms, shows the new title:
polling, the build, and publishing.  Reports median (min-max) and the ratio to the first build.
Target (issue 18): under 2 s at 1,000 cases.
"""
from __future__ import annotations

import argparse
import json
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus
from harness import ENV, spread, summary

TODAY = "2026-11-26"


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "planbook"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory(prefix="planbook-serve-bench-") as tmp:
        repo = Path(tmp) / "repo"
        make_corpus(repo, args.cases, git=True)
        cases = sorted((repo / "cases").rglob("*.md"))
        started = time.perf_counter()
        proc = subprocess.Popen(cmd + ["serve", "--port", "0", "--interval", "0.2", "--today", TODAY], cwd=repo,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env={**ENV, "PYTHONUNBUFFERED": "1"})
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()  # type: ignore

        def wait(pattern: str) -> str:
            while True:
                line = lines.get(timeout=600)
                if re.search(pattern, line):
                    return line
                if "有错误" in line or "失败" in line:
                    raise SystemExit(line)
        try:
            url = re.search(r"http://127\.0\.0\.1:\d+/", wait("预览地址")).group(0)
            wait("已更新")
            first = time.perf_counter() - started
            took = []
            for i in range(args.edits):
                case = cases[(i * 97) % len(cases)]
                text = case.read_text("utf-8")
                cid = re.search(r"^id: (\S+)", text, re.M).group(1)
                title = f"压测改动标题{i}号"
                t = time.perf_counter()
                case.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")
                while title not in _page(f"{url}cases/{cid}.html"):
                    time.sleep(0.05)
                took.append(time.perf_counter() - t)
                wait("已更新")
        finally:
            proc.send_signal(signal.SIGINT)  # as Ctrl+C: serve removes its temporary folder (SIGTERM would not)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.terminate()
                proc.wait(timeout=30)
    ratio = [x / first for x in took]
    print(f"{args.cases} cases: serve's first build {first:.1f}s (start to site); {args.edits} edits, median (min–max)")
    print(f"   case edited -> its page updated {spread(took)} = {spread(ratio, 'x', 3)} of the first build"
          " (target < 2 s)")
    print(json.dumps({"cases": args.cases, "first_s": round(first, 2), "edit_s": summary(took),
                      "edit_share": summary(ratio)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
