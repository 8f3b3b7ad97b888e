"""Benchmark: `planbook check` against PyYAML's C loader alone, on the same files, in the same run.

    python benchmarks/check_bench.py [--plans 200] [--cases 5000] [--rounds 3]

Builds a synthetic repository (benchmarks/corpus.py: example plans cloned under new ids, example cases
cloned with distinct text), then runs three commands, each in a fresh process, one after another in
every round (interleaved, so a slow minute of this shared machine slows all three alike):

  loader    read every file and yaml.load() it with yaml.CSafeLoader (for a case: its front matter),
            nothing else;
  check     check_tree() in a process of its own, as `planbook check` runs it (load and check in one
            pass, each case checked as it is read and then dropped; cyclic garbage collection off for
            the one-shot process): the whole of the command but start-up and printing;
  cli       the `planbook check --format json` command end to end.

Both in-process timings start after the imports and stop when the work is done.  Ratios are taken round
by round against the loader of the same round: the in-process wall time of check against the loader's
(target <= 1.2), the same in CPU time of the process (less moved by other work on a shared machine),
and the whole cli process against the whole loader process (start-up included: the loader imports
PyYAML only).  Reported as median (min-max) over the rounds, with the peak resident memory of the cli
process (target < 400 MB at 1,000 plans + 25,000 cases).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus
from harness import ROOT, interleave, ratios, run, spread, summary, verdict

LOADER = r"""
import os, sys, time, yaml
root = sys.argv[1]
files = [l.rstrip("\n") for l in open(os.path.join(root, "files.txt"), encoding="utf-8")]
t, cpu = time.perf_counter(), time.process_time()
for rel in files:
    with open(os.path.join(root, rel), encoding="utf-8") as fh:
        text = fh.read()
    if rel.endswith(".md"):
        text = text.split("\n---\n", 1)[0][4:]
    yaml.load(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - t, len(files), time.process_time() - cpu)
"""

CHECK = r"""
import datetime as dt, gc, sys, time
from generator.check import check_tree
gc.disable()  # as the planbook check command does (generator/cli/check.py)
t0, cpu = time.perf_counter(), time.process_time()
loaded, report = check_tree(sys.argv[1], dt.date(2026, 11, 21))
n = report.counted
print(time.perf_counter() - t0, n["plans"], n["cases"], report.errors, report.warnings, time.process_time() - cpu)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ratio-target", type=float, default=1.2)
    ap.add_argument("--memory-target", type=float, default=400)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmp:
        corpus = Path(tmp)
        files = make_corpus(corpus, args.cases, args.plans)
        size = sum((corpus / f).stat().st_size for f in files)
        s = interleave({
            "loader": lambda: run([py, "-c", LOADER, str(corpus)]),
            "check": lambda: run([py, "-c", CHECK, str(corpus)], cwd=ROOT),
            "cli": lambda: run([py, "-m", "generator", "-C", str(corpus), "check", "--format", "json"], cwd=ROOT),
        }, args.rounds)
    inner_loader = [float(r.stdout.split()[0]) for r in s["loader"].runs]
    inner_check = [float(r.stdout.split()[0]) for r in s["check"].runs]
    inner = [c / b for c, b in zip(inner_check, inner_loader, strict=True)]
    cpu_loader = [float(r.stdout.split()[2]) for r in s["loader"].runs]
    cpu_check = [float(r.stdout.split()[5]) for r in s["check"].runs]
    cpu = [c / b for c, b in zip(cpu_check, cpu_loader, strict=True)]
    whole = ratios(s["cli"], s["loader"])
    first = s["check"].runs[0].stdout.split()
    result = {
        "files": len(files), "megabytes": round(size / 1e6, 1), "plans": int(first[1]), "cases": int(first[2]),
        "errors": int(first[3]), "warnings": int(first[4]),
        "loader_s": summary(inner_loader), "check_s": summary(inner_check), "ratio": summary(inner),
        "loader_cpu_s": summary(cpu_loader), "check_cpu_s": summary(cpu_check), "cpu_ratio": summary(cpu),
        "loader_process_s": summary(s["loader"].seconds), "cli_process_s": summary(s["cli"].seconds),
        "process_ratio": summary(whole), "cli_peak_mb": summary(s["cli"].peaks),
        "check_peak_mb": summary(s["check"].peaks), "loader_peak_mb": summary(s["loader"].peaks),
    }
    med = statistics.median
    print(f"corpus: {result['plans']} plans, {result['cases']} cases, {result['files']} files, {result['megabytes']} MB;"
          f" {args.rounds} interleaved rounds, median (min–max)")
    print(f"PyYAML C loader, parsing     : {spread(inner_loader)}")
    print(f"planbook check, load + rules : {spread(inner_check)}  = {spread(inner, 'x')} the loader "
          f"(target <= {args.ratio_target}x) {verdict(med(inner), args.ratio_target)}")
    print(f"the same in CPU time         : loader {spread(cpu_loader)}, check {spread(cpu_check)}  = {spread(cpu, 'x')}")
    print(f"whole processes: loader {spread(s['loader'].seconds)}, planbook check {spread(s['cli'].seconds)}"
          f"  = {spread(whole, 'x')}")
    print(f"peak memory: planbook check {spread(s['cli'].peaks, ' MB', 0)} (target < {args.memory_target:.0f} MB) "
          f"{verdict(max(s['cli'].peaks), args.memory_target)}; loader {spread(s['loader'].peaks, ' MB', 0)}")
    print(f"findings in the corpus: {result['errors']} errors, {result['warnings']} warnings")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
