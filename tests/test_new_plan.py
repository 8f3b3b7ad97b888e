"""``planbook new plan --from-example``: a plan and its placeholder roster from the same starter templates as
``planbook init``, passing ``planbook check`` in the examples and in a freshly initialised repository."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


def _check_errors(root: Path) -> list[str]:
    from conftest import check_repo
    return [f"{f.loc} {f.code}" for f in check_repo(root) if f.severity.value == "error"]


@pytest.mark.parametrize("example", ["township", "school", "company", "bureau"])
def test_new_plan_from_each_example_passes_check(tmp_path, example):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("plans", "cases", "planbook.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / name)
    from conftest import check_repo
    before = {(f.code, f.loc.path) for f in check_repo(repo)}
    r = run_cli("new", "plan", "--from-example", example, "--id", f"new-{example}", cwd=repo)
    assert r.returncode == 0, r.stderr
    plan = repo / "plans" / f"new-{example}" / "plan.yml"
    roster = repo / "plans" / "rosters" / f"new-{example}.yml"
    assert plan.is_file() and roster.is_file()
    text = plan.read_text("utf-8")
    assert f"id: new-{example}" in text and "status: draft" in text and "示例库" in text  # planbook.yml's office
    assert "planbook new plan --from-example" in text
    assert _check_errors(repo) == []
    after = {(f.code, f.loc.path) for f in check_repo(repo)}
    assert after - before == {("P602", f"plans/rosters/new-{example}.yml")}  # only the placeholders to fill in
    r = run_cli("check", cwd=repo)
    assert r.returncode == 0, r.stdout
    # the same id again is refused and nothing is overwritten
    again = run_cli("new", "plan", "--from-example", example, "--id", f"new-{example}", cwd=repo)
    assert again.returncode == 2 and "--id" in again.stderr and plan.read_text("utf-8") == text


def test_new_plan_in_an_initialised_repository(tmp_path):
    root = tmp_path / "office"
    assert run_cli("init", str(root), "--no-git", "--office", "安平镇人民政府").returncode == 0
    r = run_cli("new", "plan", "--from-example", "school", cwd=root)  # the default id is the example's name
    assert r.returncode == 0, r.stderr
    assert (root / "plans" / "school" / "plan.yml").is_file()
    assert "安平镇人民政府" in (root / "plans" / "school" / "plan.yml").read_text("utf-8")
    assert _check_errors(root) == []
    taken = run_cli("new", "plan", "--from-example", "township", cwd=root)  # init already wrote plans/township
    assert taken.returncode == 2 and "Traceback" not in taken.stderr
    bad = run_cli("new", "plan", "--from-example", "township", "--id", "青石", cwd=root)
    assert bad.returncode == 2 and "id" in bad.stderr
