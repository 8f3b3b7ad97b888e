"""Benchmark: `planbook build --no-pdf` against a plain `mkdocs build` of the same pages, in the same run.

    python benchmarks/site_bench.py [--sizes 2000,10000] [--rounds 3]

For each size N, builds a synthetic repository (benchmarks/corpus.py: all example plans and rosters,
N example cases cloned with distinct text, dates moved back 0-5 years) as a git repository with one
commit, then runs, each in a fresh process and one after another in every round (interleaved):

  mkdocs    the `mkdocs build` command on the Markdown pages and mkdocs.yml that Planbook generated
            for the same repository (its site-src folder, written beforehand by
            generator.site.write_sources), nothing else: the baseline;
  planbook  the `planbook build --no-pdf` command end to end into an empty output folder: load, check,
            git history, the Markdown pages and mkdocs.yml, MkDocs with Material, publishing;
  rebuild   the same command again with nothing changed (the whole site taken as it is: generator/site/reuse.py);
  one-case  the same command again after one case's title was changed (another case each round).

Reports per round ratios as median (min-max): planbook/mkdocs (target <= 1.3), rebuild/planbook
(target < 0.10), one-case/planbook, the site's size and its search index's size, and for the largest size against the
smallest how much the planbook build grew.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus
from harness import ENV, ROOT, Run, interleave, ratios, run, spread, summary

TODAY = "2026-11-26"

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

def bin_of(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else name


def measure(n: int, rounds: int) -> dict:
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="planbook-site-bench-") as tmp:
        tmp = Path(tmp)
        repo = tmp / "repo"
        make_corpus(repo, n, git=True)
        src = tmp / "src"
        src.mkdir()
        config = subprocess.run([py, "-c", SOURCES, str(repo), str(src), str(ROOT), TODAY],
                                capture_output=True, text=True, env=ENV, check=True).stdout.strip()
        pages = sum(1 for _ in (src / "site-src" / "docs").rglob("*.md"))
        out = tmp / "out"
        build = [bin_of("planbook"), "-C", str(repo), "build", "--no-pdf", "--today", TODAY, "-o", str(out)]

        def full() -> Run:
            shutil.rmtree(out, ignore_errors=True)
            return run(build)

        def mkdocs() -> Run:
            shutil.rmtree(tmp / "mk-site", ignore_errors=True)
            return run([bin_of("mkdocs"), "build", "-q", "-f", config, "-d", str(tmp / "mk-site")])

        cases = sorted((repo / "cases").rglob("*.md"))
        edits = iter(range(1, rounds + 1))

        def one_case() -> Run:
            i = next(edits)
            case = cases[(i * 97) % len(cases)]
            case.write_text(re.sub(r"^title: .*$", f"title: 基准改动标题{i}号", case.read_text("utf-8"), count=1,
                                   flags=re.M), "utf-8")
            return run(build)

        s = interleave({"mkdocs": mkdocs, "planbook": full, "rebuild": lambda: run(build), "one-case": one_case},
                       rounds)
        site = out / "site"
        site_mb = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
        # the search index is a folder of files (search.py writes it in pieces; search_index.json is a stub)
        index_mb = sum(f.stat().st_size for f in (site / "search").rglob("*") if f.is_file()) / 1e6
    ratio, rebuild = ratios(s["planbook"], s["mkdocs"]), ratios(s["rebuild"], s["planbook"])
    edit = ratios(s["one-case"], s["planbook"])
    return {"cases": n, "pages": pages, "site_mb": round(site_mb), "search_index_mb": round(index_mb, 1),
            "mkdocs_s": summary(s["mkdocs"].seconds), "planbook_s": summary(s["planbook"].seconds),
            "rebuild_s": summary(s["rebuild"].seconds), "ratio": summary(ratio), "rebuild_share": summary(rebuild),
            "one_case_s": summary(s["one-case"].seconds), "one_case_share": summary(edit),
            "_s": s, "_ratio": ratio, "_rebuild": rebuild, "_edit": edit}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,10000", help="numbers of cases, comma-separated (default 2000,10000)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for n in sizes:
        r = measure(n, args.rounds)
        s = r.pop("_s")
        results.append(r)
        print(f"{n:>6} cases, {r['pages']} pages, site {r['site_mb']} MB, search index {r['search_index_mb']} MB; "
              f"{args.rounds} interleaved rounds, median (min–max)")
        print(f"   mkdocs build {spread(s['mkdocs'].seconds)}, planbook build --no-pdf {spread(s['planbook'].seconds)}"
              f" = {spread(r.pop('_ratio'), 'x')} (target <= 1.3x)")
        print(f"   no-change rebuild {spread(s['rebuild'].seconds)} = {spread(r.pop('_rebuild'), 'x')} of a full build"
              f" (target < 0.10x)")
        print(f"   one case changed {spread(s['one-case'].seconds)} = {spread(r.pop('_edit'), 'x')} of a full build",
              flush=True)
    summary_: dict = {"runs": results}
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = large["planbook_s"]["median"] / small["planbook_s"]["median"]
        summary_["growth"] = round(growth, 2)
        print(f"growth {small['cases']} -> {large['cases']} cases ({large['cases'] / small['cases']:.0f}x): "
              f"planbook {growth:.2f}x, mkdocs {large['mkdocs_s']['median'] / small['mkdocs_s']['median']:.2f}x")
    print(json.dumps(summary_))
    return 0


if __name__ == "__main__":
    sys.exit(main())
