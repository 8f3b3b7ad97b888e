"""Benchmark: `planbook check` against PyYAML's C loader alone, on the same files, in the same run.

    python benchmarks/check_bench.py [--plans 200] [--cases 5000] [--repeat 3]

Builds a synthetic repository from the bundled examples (plans cloned under new
ids, cases cloned under new ids), then times in fresh subprocesses:

  baseline  read every file and yaml.load() it with yaml.CSafeLoader
            (for a case: its front matter), nothing else;
  check     load_repository() + check(): the whole of `planbook check` but printing;
  cli       the `planbook check` command end to end (start-up and output included).

Reports the best of --repeat runs, the ratio check/baseline (target <= 1.5) and the
peak memory of the check process (target < 500 MB).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = r"""
import os, sys, time, yaml
root = sys.argv[1]
files = [l.rstrip("\n") for l in open(os.path.join(root, "files.txt"), encoding="utf-8")]
t = time.perf_counter()
n = 0
for rel in files:
    with open(os.path.join(root, rel), encoding="utf-8") as fh:
        text = fh.read()
    if rel.endswith(".md"):
        text = text.split("\n---\n", 1)[0][4:]
    yaml.load(text, Loader=yaml.CSafeLoader)
    n += 1
print(time.perf_counter() - t, n)
"""

CHECK = r"""
import datetime as dt, resource, sys, time
sys.path.insert(0, sys.argv[2])
t = time.perf_counter()
from generator.load.repo import load_repository
from generator.check import check
t0 = time.perf_counter()
loaded = load_repository(sys.argv[1])
report = check(loaded, dt.date(2026, 11, 21))
t1 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(t1 - t0, peak, len(loaded.repo.plans), len(loaded.repo.cases), report.errors, report.warnings)
"""


def make_corpus(dst: Path, n_plans: int, n_cases: int) -> list[str]:
    shutil.copy(ROOT / "planbook.yml", dst / "planbook.yml")
    shutil.copytree(ROOT / "plans" / "rosters", dst / "plans" / "rosters")
    templates = sorted(p for p in (ROOT / "plans").glob("*/plan.yml"))
    case_templates = sorted((ROOT / "cases").glob("*/*.md"))
    files = ["planbook.yml"] + [f"plans/rosters/{p.name}" for p in sorted((dst / "plans" / "rosters").iterdir())]
    for i in range(n_plans):
        src = templates[i % len(templates)]
        text = src.read_text("utf-8")
        if i >= len(templates):  # the originals keep their ids so the cases' references resolve
            text = re.sub(r"(?m)^id: .*$", f"id: synthetic-plan-{i:04d}", text, count=1)
            text = re.sub(r"(?m)^status: superseded$", "status: approved", text)
            text = re.sub(r"(?m)^successor: .*\n", "", text)
        rel = f"plans/p{i:04d}/plan.yml"
        (dst / rel).parent.mkdir(parents=True)
        (dst / rel).write_text(text, "utf-8")
        files.append(rel)
    for i in range(n_cases):
        src = case_templates[i % len(case_templates)]
        text = re.sub(r"(?m)^id: .*$", f"id: S-{i:05d}", src.read_text("utf-8"), count=1)
        rel = f"cases/{2020 + i % 6}/S-{i:05d}.md"
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_text(text, "utf-8")
        files.append(rel)
    (dst / "files.txt").write_text("\n".join(files) + "\n", "utf-8")
    return files


def best(cmd: list[str], repeat: int) -> list[str]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
        runs.append(out)
    return min(runs, key=lambda r: float(r[0]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmp:
        corpus = Path(tmp)
        files = make_corpus(corpus, args.plans, args.cases)
        size = sum((corpus / f).stat().st_size for f in files)
        base = best([sys.executable, "-c", BASELINE, str(corpus)], args.repeat)
        chk = best([sys.executable, "-c", CHECK, str(corpus), str(ROOT)], args.repeat)
        t = time.perf_counter()
        cli = subprocess.run([sys.executable, "-m", "generator", "-C", str(corpus), "check", "--format", "json"],
                             capture_output=True, text=True, cwd=ROOT)
        cli_time = time.perf_counter() - t
        if cli.returncode == 2:
            print(cli.stderr, file=sys.stderr)
            return 2
    result = {
        "files": len(files), "megabytes": round(size / 1e6, 1), "plans": int(chk[2]), "cases": int(chk[3]),
        "baseline_s": round(float(base[0]), 3), "check_s": round(float(chk[0]), 3),
        "ratio": round(float(chk[0]) / float(base[0]), 2), "peak_mb": round(float(chk[1])),
        "cli_s": round(cli_time, 3), "errors": int(chk[4]), "warnings": int(chk[5]),
    }
    print(f"corpus: {result['plans']} plans, {result['cases']} cases, {result['files']} files, {result['megabytes']} MB")
    print(f"PyYAML C loader alone : {result['baseline_s']:.3f} s")
    print(f"planbook check (load+rules): {result['check_s']:.3f} s  = {result['ratio']:.2f}x the loader  (target <= 1.5x)")
    print(f"planbook check, whole CLI  : {result['cli_s']:.3f} s")
    print(f"peak memory of check  : {result['peak_mb']} MB  (target < 500 MB)")
    print(f"findings in the corpus: {result['errors']} errors, {result['warnings']} warnings")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
