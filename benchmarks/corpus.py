"""A synthetic repository of any size, made from the bundled examples (shared by the benchmarks).

    python benchmarks/corpus.py DEST [--plans 200] [--cases 1000] [--git]

Plans are the example plans cloned under new ids (the originals keep theirs, so the cases' references
resolve); every roster is copied.  Cases are the example cases cloned under new ids, their dates moved
back 0-5 years, every sentence ending in "（样本 i）" so that no two cases have the same text (masking is
remembered per text; copies of the same 18 cases would make it look free).  With ``git``, the folder
becomes a git repository with one commit.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = re.compile(r"\b(20\d\d)(-\d\d-\d\d)")


def make_corpus(dst: Path, cases: int, plans: int = 0, git: bool = False) -> list[str]:
    """Write the corpus into ``dst``; its input files, repository-relative.  ``plans=0``: the example plans
    as they are."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "planbook.yml", dst / "planbook.yml")
    files = ["planbook.yml"]
    if plans:
        shutil.copytree(ROOT / "plans" / "rosters", dst / "plans" / "rosters")
        files += [f"plans/rosters/{p.name}" for p in sorted((dst / "plans" / "rosters").iterdir())]
        templates = sorted((ROOT / "plans").glob("*/plan.yml"))
        for i in range(plans):
            src = templates[i % len(templates)]
            text = src.read_text("utf-8")
            if i >= len(templates):
                text = re.sub(r"(?m)^id: .*$", f"id: synthetic-plan-{i:04d}", text, count=1)
                text = re.sub(r"(?m)^status: superseded$", "status: approved", text)
                text = re.sub(r"(?m)^successor: .*\n", "", text)
            rel = f"plans/p{i:04d}/plan.yml"
            (dst / rel).parent.mkdir(parents=True)
            (dst / rel).write_text(text, "utf-8")
            files.append(rel)
    else:
        shutil.copytree(ROOT / "plans", dst / "plans")
        files += sorted(str(p.relative_to(dst)) for p in (dst / "plans").rglob("*.y*ml"))
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "cases").glob("*/*.md"))]
    for i in range(cases):
        text = texts[i % len(texts)]
        back = (i // len(texts)) % 6
        if "-02-29" in text:
            back -= back % 4
        text = YEAR.sub(lambda m, back=back: f"{int(m.group(1)) - back}{m.group(2)}", text)
        year = re.search(r"(?m)^discovered: (\d{4})", text).group(1)
        cid = f"S-{i:05d}"
        text = re.sub(r"(?m)^id: .*$", f"id: {cid}", text, count=1)
        text = re.sub(r"(?m)^title: (.*)$", lambda m, i=i: f"title: {m.group(1)}（样本{i}）", text, count=1)
        text = re.sub(r"。(?=\n|$)", f"（样本{i}）。", text)
        rel = f"cases/{year}/{cid}.md"
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_text(text, "utf-8")
        files.append(rel)
    (dst / "files.txt").write_text("\n".join(files) + "\n", "utf-8")
    if git:
        env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.cn",
               "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.cn",
               "GIT_CONFIG_GLOBAL": os.devnull}
        for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "bench"]):
            subprocess.run(["git", "-C", str(dst), *cmd], check=True, env=env)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--plans", type=int, default=0, help="plans to clone (default: the examples as they are)")
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--git", action="store_true")
    args = ap.parse_args()
    files = make_corpus(args.dest, args.cases, args.plans, args.git)
    print(f"{args.dest}: {len(files)} files")


if __name__ == "__main__":
    main()
