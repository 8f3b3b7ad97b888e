"""Benchmark: the PDF renderer of `planbook build` against WeasyPrint rendering the same HTML, in the same run.

    python benchmarks/pdf_bench.py [--copies 2] [--jobs 2] [--rounds 3]

Builds a repository from the bundled examples (each plan cloned ``--copies`` times under new ids,
the example cases as they are), commits it to a fresh git repository, then times in fresh
subprocesses, round after round (so that a slow spell of the machine hits every kind alike):

  baseline  WeasyPrint alone: HTML(string=...).write_pdf(..., pdf_variant="pdf/a-2b") of exactly the
            HTML documents Planbook renders, one after another in one process (its import included,
            as it is in Planbook's);
  serial    `planbook build --no-site -j 1` into an empty output folder: load, check, the versions from
            git, the HTML of every document (masking the compendium, segmenting lessons), the glyph check,
            rendering, writing the output folder;
  parallel  the same with -j N (one worker per core by default);
  rebuild   the same again with nothing changed: the PDFs of the last build are copied.

Reports the best time of each kind over the rounds (and every round), pages per second, the ratio
serial/baseline (target <= 1.2), the speed-up of parallel rendering, and the no-change rebuild as a
share of a full build at the same -j (target < 5%).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Writes the HTML of every job of the repository (as Planbook makes it) into a folder, one file a job.
DUMP = r"""
import datetime as dt, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator.load.repo import load_repository
from generator.load.history import read_git
from generator.pdf.documents import build_info, jobs_for
from generator.views import Views
from generator.pdf.fonts import resolve_fonts
root, out = sys.argv[1], Path(sys.argv[2])
repo = load_repository(root).repo
git = read_git(root, tuple(p for p in repo.files if p.startswith(("plans/", "cases/"))))
jobs = jobs_for(Views(repo), resolve_fonts(repo.config.fonts, root), build_info(git, dt.date(2026, 11, 26)),
                Path(sys.argv[3]) / "site_templates")
index = []
for i, j in enumerate(jobs):
    (out / f"{i:04d}.html").write_text(j.html, "utf-8")
    index.append([f"{i:04d}.html", j.base_url])
(out / "index.json").write_text(json.dumps(index), "utf-8")
"""

BASELINE = r"""
import json, sys, time
from pathlib import Path
t = time.perf_counter()
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
pages = 0
for name, base in json.loads((folder / "index.json").read_text("utf-8")):
    doc = HTML(string=(folder / name).read_text("utf-8"), base_url=base + "/").render(font_config=FontConfiguration())
    pages += len(doc.pages)
    doc.write_pdf(out / (name + ".pdf"), pdf_variant="pdf/a-2b", custom_metadata=True)
print(time.perf_counter() - t, pages)
"""


def make_repo(dst: Path, copies: int) -> None:
    shutil.copy(ROOT / "planbook.yml", dst / "planbook.yml")
    shutil.copytree(ROOT / "plans", dst / "plans")
    shutil.copytree(ROOT / "cases", dst / "cases")
    for src in sorted((ROOT / "plans").glob("*/plan.yml")):
        text = src.read_text("utf-8")
        if re.search(r"(?m)^status: superseded$", text):
            continue
        for k in range(1, copies):
            clone = re.sub(r"(?m)^id: (.*)$", rf"id: \1-copy{k}", text, count=1)
            target = dst / "plans" / f"{src.parent.name}-copy{k}" / "plan.yml"
            target.parent.mkdir(parents=True)
            target.write_text(clone, "utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "bench"]):
        subprocess.run(cmd, cwd=dst, check=True, env=env)


def planbook(repo: Path, out: Path, jobs: int) -> float:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "generator", "-C", str(repo), "build", "--no-site", "-j", str(jobs),
                        "-o", str(out), "--today", "2026-11-26"], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"planbook build failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=2, help="copies of each example plan (default 2)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel run")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the four timings (default 3); the best counts")
    args = ap.parse_args()
    runs: dict[str, list[float]] = {"baseline": [], "serial": [], "parallel": [], "rebuild": []}
    with tempfile.TemporaryDirectory(prefix="planbook-pdf-bench-") as tmp:
        tmp = Path(tmp)
        repo = tmp / "repo"
        repo.mkdir()
        make_repo(repo, args.copies)
        html = tmp / "html"
        html.mkdir()
        subprocess.run([sys.executable, "-c", DUMP, str(repo), str(html), str(ROOT)], check=True)
        for n in range(args.rounds):
            for d in ("baseline", "out-serial", "out-parallel"):
                shutil.rmtree(tmp / d, ignore_errors=True)
            (tmp / "baseline").mkdir()
            base = subprocess.run([sys.executable, "-c", BASELINE, str(html), str(tmp / "baseline")],
                                  capture_output=True, text=True, check=True).stdout.split()
            runs["baseline"].append(float(base[0]))
            pages = int(base[1])
            docs = len(list((tmp / "baseline").glob("*.pdf")))
            runs["serial"].append(planbook(repo, tmp / "out-serial", 1))
            runs["parallel"].append(planbook(repo, tmp / "out-parallel", args.jobs))
            runs["rebuild"].append(planbook(repo, tmp / "out-parallel", args.jobs))
            print(f"round {n + 1}: " + "  ".join(f"{k} {v[-1]:.2f} s" for k, v in runs.items())
                  + f"  (ratio {runs['serial'][-1] / runs['baseline'][-1]:.2f}x,"
                    f" rebuild {runs['rebuild'][-1] / runs['parallel'][-1]:.1%})", flush=True)
        same = sum((tmp / "out-serial" / "pdf" / p.relative_to(tmp / "out-parallel" / "pdf")).read_bytes()
                   == p.read_bytes() for p in (tmp / "out-parallel" / "pdf").rglob("*.pdf"))
    base_s, serial, parallel, rebuild = (min(runs[k]) for k in ("baseline", "serial", "parallel", "rebuild"))
    result = {"documents": docs, "pages": pages, "rounds": args.rounds, "baseline_s": round(base_s, 2),
              "serial_s": round(serial, 2), "ratio": round(serial / base_s, 2), "parallel_s": round(parallel, 2),
              "jobs": args.jobs, "speedup": round(serial / parallel, 2), "rebuild_s": round(rebuild, 2),
              "rebuild_share": round(rebuild / parallel, 3), "identical_serial_parallel": same,
              "pages_per_s_baseline": round(pages / base_s, 1), "pages_per_s_serial": round(pages / serial, 1),
              "pages_per_s_parallel": round(pages / parallel, 1),
              "runs_s": {k: [round(x, 2) for x in v] for k, v in runs.items()},
              "ratio_by_round": [round(s / b, 2) for s, b in zip(runs["serial"], runs["baseline"], strict=True)]}
    print(f"corpus: {docs} documents, {pages} pages; best of {args.rounds} rounds")
    print(f"WeasyPrint alone, same HTML     : {base_s:7.2f} s  {result['pages_per_s_baseline']} pages/s")
    print(f"planbook build --no-site -j 1   : {serial:7.2f} s  {result['pages_per_s_serial']} pages/s"
          f"  = {result['ratio']:.2f}x WeasyPrint alone (target <= 1.2x)")
    print(f"planbook build --no-site -j {args.jobs}   : {parallel:7.2f} s  {result['pages_per_s_parallel']} pages/s"
          f"  = {result['speedup']:.2f}x faster than -j 1")
    print(f"no-change rebuild               : {rebuild:7.2f} s  = {result['rebuild_share']:.1%} of a full build"
          f" (target < 5%)")
    print(f"PDFs byte-identical between the -j 1 and -j {args.jobs} builds: {same} of {docs}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
