"""Benchmark: `planbook build --no-pdf` against a plain `mkdocs build` of the same pages, in the same run.

    python benchmarks/site_bench.py [--sizes 2000,10000] [--repeat 1]

For each size N, builds a synthetic repository from the bundled examples (all plans and rosters,
N cases cloned from the example cases under new ids, their dates moved back by 0-5 years) as a
git repository with one commit, then times in fresh subprocesses:

  planbook  the `planbook build --no-pdf` command end to end: load, check, git history, the
            Markdown pages and mkdocs.yml, MkDocs with Material, publishing the output folder;
  mkdocs    the `mkdocs build` command on the Markdown pages and mkdocs.yml that Planbook
            generated for the same repository (its site-src folder, written beforehand by
            generator.site.write_sources), nothing else.

Reports the best of --repeat runs, the ratio planbook/mkdocs (target <= 1.3) and, for the
largest size against the smallest, how much the planbook build grew (target <= 5.5x for 5x
the cases).
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
TODAY = "2026-11-26"
ENV = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}

#: writes the site-src folder planbook would hand to MkDocs (argv: repository, output folder)
SOURCES = r"""
import datetime as dt, sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from generator.check import check
from generator.load.history import read_git
from generator.load.repo import load_repository
from generator.render import PdfManifest, RenderContext
from generator.site import write_sources
today = dt.date.fromisoformat(sys.argv[4])
loaded = load_repository(sys.argv[1])
report = check(loaded, today)
repo = loaded.repo
git = read_git(sys.argv[1], tuple(p for p in repo.files if p.startswith(("plans/", "cases/"))))
ctx = RenderContext(repo=repo, checked=report, out=Path(sys.argv[2]), git=git, today=today)
print(write_sources(ctx, PdfManifest()))
"""

YEAR = re.compile(r"\b(20\d\d)(-\d\d-\d\d)")


def make_corpus(dst: Path, n_cases: int) -> None:
    shutil.copy(ROOT / "planbook.yml", dst / "planbook.yml")
    shutil.copytree(ROOT / "plans", dst / "plans")
    templates = sorted((ROOT / "cases").glob("*/*.md"))
    texts = [p.read_text("utf-8") for p in templates]
    for i in range(n_cases):
        text = texts[i % len(texts)]
        back = (i // len(texts)) % 6  # years back: the same case in 2019 … 2025
        if "-02-29" in text:
            back -= back % 4
        text = YEAR.sub(lambda m, back=back: f"{int(m.group(1)) - back}{m.group(2)}", text)
        year = re.search(r"(?m)^discovered: (\d{4})", text).group(1)
        cid = f"S-{i:05d}"
        text = re.sub(r"(?m)^id: .*$", f"id: {cid}", text, count=1)
        # every sentence distinct, as in a real library: masking personal data is remembered per text,
        # and copies of the same 18 cases would make it look free
        text = re.sub(r"。(?=\n|$)", f"（样本{i}）。", text)
        rel = dst / "cases" / year / f"{cid}.md"
        rel.parent.mkdir(parents=True, exist_ok=True)
        rel.write_text(text, "utf-8")
    env = {**ENV, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.cn", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.cn", "GIT_CONFIG_GLOBAL": os.devnull}
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", "-C", str(dst), *cmd], check=True, env=env)


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=cwd)
    took = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    return took


def bin_of(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else name


def measure(n: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="planbook-site-bench-") as tmp:
        tmp = Path(tmp)
        repo = tmp / "repo"
        repo.mkdir()
        make_corpus(repo, n)
        src = tmp / "src"
        src.mkdir()
        config = subprocess.run([sys.executable, "-c", SOURCES, str(repo), str(src), str(ROOT), TODAY],
                                capture_output=True, text=True, env=ENV, check=True).stdout.strip()
        pages = sum(1 for _ in (src / "site-src" / "docs").rglob("*.md"))
        runs_pb, runs_mk = [], []
        for _ in range(repeat):  # alternately, so that both see the same machine load
            out = tmp / "out"
            runs_pb.append(timed([bin_of("planbook"), "-C", str(repo), "build", "--no-pdf", "--today", TODAY,
                                  "-o", str(out)]))
            site_mb = sum(f.stat().st_size for f in (out / "site").rglob("*") if f.is_file()) / 1e6
            shutil.rmtree(out)
            runs_mk.append(timed([bin_of("mkdocs"), "build", "-q", "-f", config, "-d", str(tmp / "mk-site")]))
            shutil.rmtree(tmp / "mk-site")
    pb, mk = min(runs_pb), min(runs_mk)
    return {"cases": n, "pages": pages, "site_mb": round(site_mb), "planbook_s": round(pb, 2),
            "mkdocs_s": round(mk, 2), "ratio": round(pb / mk, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,10000", help="numbers of cases, comma-separated (default 2000,10000)")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for n in sizes:
        r = measure(n, args.repeat)
        results.append(r)
        print(f"{n:>6} cases, {r['pages']} pages, site {r['site_mb']} MB: planbook build --no-pdf {r['planbook_s']:.2f} s, "
              f"mkdocs build {r['mkdocs_s']:.2f} s  = {r['ratio']:.2f}x  (target <= 1.3x)", flush=True)
    summary: dict = {"runs": results}
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = large["planbook_s"] / small["planbook_s"]
        summary["growth"] = round(growth, 2)
        print(f"growth {small['cases']} -> {large['cases']} cases ({large['cases'] / small['cases']:.0f}x): "
              f"planbook {growth:.2f}x (target <= 5.5x), mkdocs {large['mkdocs_s'] / small['mkdocs_s']:.2f}x")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
