"""planbook check in bounded memory: check_tree checks each case as it is loaded and drops it, and finds exactly
what the check of a whole loaded repository finds."""
from __future__ import annotations

import datetime as dt
import gc
import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT

from generator.check import check, check_tree
from generator.load.repo import load_repository
from generator.model import Case
from generator.rules import publish

TODAY = dt.date(2026, 11, 21)


def _faulty_examples(dst: Path) -> Path:
    """The bundled examples, each case also copied twice with faults: the same id again (C205), an unknown plan
    or level (C201/C202), an unknown person (C208), relative links and deep nesting in the body (O102/O103), an
    overdue action (D302), a reserved id (O101); and a drill taken from a case that does not exist (D205)."""
    shutil.copy(ROOT / "planbook.yml", dst / "planbook.yml")
    for top in ("plans", "cases", "drills"):
        shutil.copytree(ROOT / top, dst / top)
    for i, f in enumerate(sorted((dst / "cases").rglob("*.md"))):
        text = f.read_text("utf-8")
        f.with_name(f.stem + "-again.md").write_text(text, "utf-8")
        bad = re.sub(r"(?m)^id: (.*)$", (lambda m: "id: index") if i == 0 else (lambda m: f"id: {m.group(1)}-x"),
                     text, count=1)
        bad = (re.sub(r"(?m)^plan: .*$", "plan: qingshi-townshp", bad, count=1) if i % 3 == 0 else
               re.sub(r"(?m)^level: .*$", "level: IIII", bad, count=1) if i % 3 == 1 else bad)
        bad = re.sub(r"(?m)^(  - time: .*\n    event: .*\n)(    by: .*\n)?", r"\1    by: [wang-nobody]\n", bad,
                     count=1)
        bad = bad.replace("\n---\n", "\nactions:\n  - action: 换值班电话\n    owner: sun-san\n    due: 2020-01-01\n---\n",
                          1)
        bad += "\n见[附件](附件一.docx)。\n" + "[" * 20 + "\n" + "> " * 20 + "深\n" + "*" * 40 + "强调\n"
        f.with_name(f.stem + "-x.md").write_text(bad, "utf-8")
    drill = sorted((dst / "drills").rglob("*.md"))[0]
    text = re.sub(r"(?m)^id: (.*)$", r"id: \1-y", drill.read_text("utf-8"), count=1)
    text = re.sub(r"(?m)^from_case: .*$", "from_case: 2025-0O3", text)
    drill.with_name(drill.stem + "-y.md").write_text(text, "utf-8")
    return dst


def _seen(findings) -> list[tuple]:
    return [(f.code, f.severity, str(f.loc), dict(f.args)) for f in findings]


def test_checking_case_by_case_finds_what_checking_the_loaded_repository_finds(tmp_path: Path):
    root = _faulty_examples(tmp_path)
    loaded = load_repository(root)
    whole = check(loaded, TODAY)
    streamed_loaded, streamed = check_tree(root, TODAY)
    found = {f.code for f in whole.findings}
    assert {"C201", "C202", "C205", "C208", "D205", "D302", "O101", "O102", "O103", "C301"} <= found
    assert _seen(streamed.findings) == _seen(whole.findings)
    assert streamed.counted == whole.counted == {"plans": len(loaded.repo.plans), "rosters": len(loaded.repo.rosters),
                                                 "cases": len(loaded.repo.cases), "drills": len(loaded.repo.drills)}
    assert streamed_loaded.repo.digest == loaded.repo.digest and streamed_loaded.repo.files == loaded.repo.files
    assert streamed_loaded.repo.cases == ()  # none kept
    only = ["cases/2025"]  # the paths asked about filter alike
    assert _seen(check_tree(root, TODAY, only)[1].findings) == _seen(check(loaded, TODAY, only).findings)


def test_check_tree_holds_one_case_at_a_time(tmp_path: Path, monkeypatch):
    """Memory does not grow with the number of cases: while a case is checked, at most it and the one before
    (kept by the rules' one-record memos) are alive, where loading the repository keeps all of them."""
    import generator.check as checking
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    case = next((root / "cases").rglob("*.md"))
    text = case.read_text("utf-8")
    for i in range(40):
        (case.parent / f"copy-{i:03d}.md").write_text(text.replace("id: ", f"id: STREAMED{i:03d}-", 1), "utf-8")

    def alive() -> int:  # this test's cases alive now
        return sum(1 for o in gc.get_objects() if type(o) is Case and o.id.startswith("STREAMED"))

    counts: list[int] = []
    real = checking.check_case

    def counting(ctx, case):
        counts.append(alive())
        return real(ctx, case)

    monkeypatch.setattr(checking, "check_case", counting)
    _, report = check_tree(root, TODAY)
    assert report.counted["cases"] == 41 and len(counts) == 41
    assert max(counts) <= 2, counts
    loaded = load_repository(root)
    assert alive() >= 40 and len(loaded.repo.cases) == 41  # what the measure sees when all are kept


def _nesting_without_prechecks(text: str):
    """publish.nesting_problem as it was before it first asked whether a text could fail at all."""
    if "[" in text:
        depth = 0
        escaped = False
        for i, ch in enumerate(text):
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == "[":
                depth += 1
                if depth > publish.MAX_BRACKET_DEPTH:
                    return i, "brackets"
            elif ch == "]" and depth:
                depth -= 1
    start = 0
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        columns = line[:indent].count(" ") + 4 * line[:indent].count("\t")
        levels, pos = columns // 2, 0
        while levels <= publish.MAX_BLOCK_DEPTH and (m := publish._CONTAINER.match(line, pos)) and m.end() > pos:
            levels, pos = levels + 1, m.end()
        if levels > publish.MAX_BLOCK_DEPTH:
            return start, "blocks"
        start += len(line) + 1
    if "*" in text or "_" in text:
        masks = {m.start() for m in publish.MASKED_RUN.finditer(text)}
        for m in publish._RUN.finditer(text):
            if len(m.group(0)) > publish.MAX_EMPHASIS_RUN and m.start() not in masks:
                end = text.find("\n", m.end())
                if publish._RULE_LINE.fullmatch(text, text.rfind("\n", 0, m.start()) + 1,
                                                len(text) if end < 0 else end):
                    continue
                return m.start(), "emphasis"
    return None


@pytest.mark.parametrize("seed", range(4))
def test_nesting_is_found_where_it_was_before_the_quick_looks(seed: int):
    """Texts near every bound (16 brackets, 16 levels of lists, quotes and tabs, runs of 32 * or _): the quick
    looks at a text, and at all of a record's texts joined, never skip a problem."""
    rnd = random.Random(seed)
    opening = ["> ", "- ", "* ", "+ ", "1. ", "12) ", "\t", "  ", " ", ">", "-", "1.", "> " * 4, "\t\t"]
    inline = ["[", "]", "\\", "x", "*", "_", "词", " ", "*" * 16, "_" * 17, "[" * 8, "-"]

    def line() -> str:
        return ("".join(rnd.choice(opening) for _ in range(rnd.randint(0, 14)))
                + "".join(rnd.choice(inline) for _ in range(rnd.randint(0, 12))))

    at_the_bounds = ["\t" * 8 + ">", "\t" * 8 + "- x", "\t" * 7 + "1. 2) x", "\t" * 9 + "x", " " * 34 + "x",
                     " " * 33 + "x", " " * 32 + "- x", "> " * 16 + ">", ">" * 17, "- " * 17 + "x", "1. " * 17,
                     "[" * 17, "[" * 16 + "]" + "[", "\\[" * 20, "*" * 33 + "x", "_" * 33 + "x", "*" * 32 + "x",
                     "*" * 40]
    seen = {"brackets": 0, "blocks": 0, "emphasis": 0, None: 0}
    for i in range(3000):
        lines = [line() for _ in range(rnd.randint(1, 4))]
        if i < 4 * len(at_the_bounds):
            lines.insert(rnd.randint(0, len(lines)), at_the_bounds[i // 4][: len(at_the_bounds[i // 4]) - i % 4 + 2])
        text = "\n".join(lines)
        want = _nesting_without_prechecks(text)
        got = publish.nesting_problem(text)
        assert (got[0] if got else None) == (want[0] if want else None), repr(text)
        if want:
            assert publish._could_nest("前文\n" + text + "\n后文"), repr(text)
        seen[want[1] if want else None] += 1
    assert all(seen.values()), seen  # every kind of problem came up, and texts without any


def test_check_tree_runs_no_full_garbage_collection_and_leaves_it_as_found(tmp_path: Path):
    """As for loading a whole repository (tests/test_loader.py): no full collection while the cases stream past
    and their rules run, at most one as collection resumes, and collection on again after."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    case = next((root / "cases").rglob("*.md"))
    text = case.read_text("utf-8")
    for i in range(300):
        (case.parent / f"copy-{i:03d}.md").write_text(text.replace("id: ", f"id: G{i:03d}-", 1), "utf-8")
    full: list[int] = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(1)
    old = gc.get_threshold()
    gc.set_threshold(100, 2, 2)  # collect often, so that a collection while checking would show
    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        _, report = check_tree(root, TODAY)
        assert report.counted["cases"] == 301
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*old)
    assert len(full) <= 1


def test_front_matter_ends_where_it_did_before_the_quicker_search():
    """split_front_matter finds the closing line by a line break followed by --- or ... (not ^ tried at every
    character): the same split as the multi-line pattern before it, on texts made of the pieces that matter."""
    from generator.load.repo import split_front_matter
    before = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)

    def split_before(text: str):
        first = text.split("\n", 1)
        if first[0].rstrip("\r \t") != "---" or len(first) == 1:
            return None
        rest = first[1]
        end = before.search(rest)
        if end is None:
            return None
        nl = rest.find("\n", end.end())
        return rest[:end.start()], ("" if nl < 0 else rest[nl + 1:]), 1

    rnd = random.Random(7)
    pieces = ["---", "...", "\n", "\r", " ", "\t", "a: 1", "x", "-", ".", "--- x", "\r\n"]
    found = 0
    for _ in range(20000):
        text = "---\n" + "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert split_front_matter(text) == split_before(text), repr(text)
        found += split_front_matter(text) is not None
    assert 500 < found < 19500  # both kinds came up


def test_rules_run_twice_on_one_context_find_the_same(tmp_path: Path):
    """The cross-case index fills as the cases pass: a second pass over the same context does not take every case
    for a duplicate of itself."""
    from generator.rules import Context, run_rules
    loaded = load_repository(_faulty_examples(tmp_path))
    ctx = Context(loaded.repo, TODAY)
    first = _seen(run_rules(ctx))
    assert [f for f in first if f[0] == "C205"] and _seen(run_rules(ctx)) == first
