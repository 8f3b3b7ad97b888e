"""The change tables (修订对照表) in a public build, with planted data (issue 13): a plan whose approved version
1.1 wrote a self-introduced name, a mobile and an ID number into every text field (test_masking's plants), and a
draft 1.2 in the working tree that changes each number a little (so the comparison splits them into pieces).
Every output that shows a change table — its site pages, the search index, the two-column PDFs (text and
metadata) — must show none of it in a public build; an internal build shows it (the test can fail)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, git, run_cli
from test_masking import leaks, pdf_text, plant

PLAN = "plans/demo/plan.yml"
ROSTER = "plans/rosters/demo.yml"


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("changes-planted") / "repo"
    shutil.copytree(MINIMAL, root)
    shutil.rmtree(root / "cases")  # only the plan's history is under test
    shutil.rmtree(root / "drills")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "预案 1.0 版")
    fields: list[str] = []
    for rel in (PLAN, ROSTER):
        f = root / rel
        f.write_text(yaml.safe_dump(plant(yaml.safe_load(f.read_text("utf-8")), rel, fields), allow_unicode=True,
                                    sort_keys=False), "utf-8")
    text = (root / PLAN).read_text("utf-8").replace("version: '1.0'", "version: '1.1'", 1)
    assert "version: '1.1'" in text
    (root / PLAN).write_text(text, "utf-8")
    git(root, "commit", "-q", "-am", "批准 1.1 版", date="2026-02-01T15:00:00+08:00")
    # the draft 1.2: every planted number changed in its last digits, the ID's birth date too
    text = text.replace("version: '1.1'", "version: '1.2'", 1).replace("status: approved", "status: draft", 1)
    text = re.sub(r"(8765[ .\-]?)0(\d)(\d\d)", r"\g<1>5\2\3", text).replace("19900101", "19900102")
    (root / PLAN).write_text(text.replace("我叫杨建华", "我叫杨建华同志", 3), "utf-8")
    check = run_cli("check", "--today", "2026-03-01", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    return root


def change_outputs(out: Path) -> list[Path]:
    """Every file of a build that shows a change table (the search index as one: its shards, site/search.py)."""
    files = sorted((out / "site" / "changes").rglob("*.html")) + sorted((out / "pdf" / "changes").rglob("*.pdf"))
    return files + [out / "site" / "search"]


def leaks_in(f: Path) -> list[str]:
    if f.is_dir():  # the search index: every shard (terms, titles and opening words of the pages)
        return [x for shard in sorted(f.rglob("*")) if shard.is_file() for x in leaks_in(shard)]
    if f.suffix == ".pdf":
        text = pdf_text(f)
    else:  # the comparison marks pieces of a number as <del>/<ins>: read the text as a browser shows it
        text = f.read_text("utf-8", errors="replace")
        text = re.sub(r"<[^>]+>", "", text).replace("\\u003c", "<")
        text = re.sub(r"\\u003c[^>]*>|<[^>]+>", "", text)
    return leaks(text)


def _build(root: Path, out: Path, *args: str) -> None:
    r = run_cli("build", "--today", "2026-03-01", "-o", str(out), *args, cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr


def test_an_internal_build_shows_the_plants_in_its_change_tables(history, tmp_path):
    out = tmp_path / "out"
    _build(history, out)
    files = change_outputs(out)
    assert len([f for f in files if f.suffix == ".pdf"]) == 2 and len([f for f in files if f.suffix == ".html"]) == 2
    for f in files:
        assert leaks_in(f), f"{f.relative_to(out)} shows no planted data: the test could not fail"


def test_a_public_build_masks_every_change_table(history, tmp_path):
    out = tmp_path / "out"
    _build(history, out, "--public")
    files = change_outputs(out)
    assert len([f for f in files if f.suffix == ".pdf"]) == 2 and len([f for f in files if f.suffix == ".html"]) == 2
    leaked = [f"{f.relative_to(out)}: {x}" for f in files for x in leaks_in(f)]
    assert not leaked, leaked[:20]
    words = pdf_text(out / "pdf" / "changes" / "demo" / "draft.pdf")
    assert "139****" in words and "修订对照表" in words  # masked, and still a change table
    # and the rest of the public build, as test_masking checks it
    rest = [f"{f.relative_to(out)}: {x}" for f in sorted(out.rglob("*")) if f.is_file()
            and f.suffix in (".html", ".json", ".js", ".svg", ".pdf") for x in leaks_in(f)]
    assert not rest, rest[:20]
