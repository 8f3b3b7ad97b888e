"""The output folder: refusal of foreign folders, swap of finished parts, recovery, and builds that take turns."""
from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from conftest import run_cli

from generator.output import MARKER, OutputRefused, check_output_dir, locked, publish, recover, staging


def test_refuses_folders_that_are_not_planbook_output(repo: Path, tmp_path: Path):
    for bad in (repo, repo / "plans", repo / "cases" / "2025", repo.parent, Path.home(), Path("/")):
        with pytest.raises(OutputRefused):
            check_output_dir(bad, repo)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(OutputRefused, match="不是 Planbook 生成"):
        check_output_dir(foreign, repo)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OutputRefused):
        check_output_dir(tmp_path / "a-file", repo)
    check_output_dir(tmp_path / "new-folder", repo)  # a new folder is fine
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / MARKER).touch()
    (ours / "site").mkdir()
    check_output_dir(ours, repo)  # one Planbook made is fine


def test_cli_refuses_the_repository_root(repo: Path):
    r = run_cli("build", "-o", ".", "--no-site", "--no-pdf", cwd=repo)
    assert r.returncode == 2 and "拒绝写入" in r.stderr and "Traceback" not in r.stderr
    assert (repo / "plans" / "demo" / "plan.yml").exists()


def test_build_with_errors_writes_nothing(repo: Path):
    p = repo / "plans" / "demo" / "plan.yml"
    p.write_text(p.read_text("utf-8").replace("    colour: red\n", "    colour: blue\n"), "utf-8")
    r = run_cli("build", "--no-site", "--no-pdf", cwd=repo)
    assert r.returncode == 1 and "error[P204]" in r.stdout
    assert not (repo / "output").exists()


def test_publish_swaps_parts_and_keeps_others(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "site").mkdir()
    (out / "site" / "old.html").write_text("old")
    (out / "pdf").mkdir()
    (out / "pdf" / "keep.pdf").write_text("pdf")
    with staging(out) as stage:
        (stage / "site").mkdir()
        (stage / "site" / "new.html").write_text("new")
        publish(out, stage, ["site"])
    assert (out / "site" / "new.html").exists() and not (out / "site" / "old.html").exists()
    assert (out / "pdf" / "keep.pdf").exists()
    assert not list(out.glob(".staging-*")) and not list(out.glob(".old-*"))


def test_failed_render_leaves_previous_output_whole(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("previous")
    with pytest.raises(RuntimeError), staging(out) as stage:
        (stage / "site").mkdir()
        (stage / "site" / "index.html").write_text("half")
        raise RuntimeError("renderer failed")
    assert (out / "site" / "index.html").read_text() == "previous"
    assert not list(out.glob(".staging-*"))


def _killed_between_renames(out: str) -> None:
    """A build killed after moving the old site aside and before moving the new one in."""
    out_p = Path(out)
    trash = out_p / ".old-crash"
    trash.mkdir()
    os.replace(out_p / "site", trash / "site")
    (out_p / ".staging-crash").mkdir()
    os._exit(9)


def test_recover_after_a_crash_between_renames(tmp_path: Path):
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("previous")
    p = multiprocessing.get_context("fork").Process(target=_killed_between_renames, args=(str(out),))
    p.start()
    p.join()
    assert not (out / "site").exists()
    recover(out)
    assert (out / "site" / "index.html").read_text() == "previous"
    assert not list(out.glob(".old-*")) and not list(out.glob(".staging-*"))


def _hold_lock(out: str, seconds: float, log: str) -> None:
    with locked(Path(out)):
        with open(log, "a") as fh:
            fh.write(f"start {time.monotonic()}\n")
        time.sleep(seconds)
        with open(log, "a") as fh:
            fh.write(f"end {time.monotonic()}\n")


def test_two_builds_take_turns(tmp_path: Path):
    out = tmp_path / "out"
    log = tmp_path / "log"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_hold_lock, args=(str(out), 0.5, str(log))) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    events = [line.split() for line in log.read_text().splitlines()]
    assert [e[0] for e in events] == ["start", "end", "start", "end"]  # never interleaved
    assert float(events[2][1]) >= float(events[1][1])


# --- issue 13, item 8: at every instant the whole previous build or the whole new one ------------------------

def _generation(out: Path, word: str) -> None:
    """Publish a build whose site and pdf both say ``word``."""
    with staging(out) as stage:
        for part in ("site", "pdf"):
            (stage / part).mkdir()
            (stage / part / "stamp").write_text(word)
        publish(out, stage, ["site", "pdf"])


def _shown(out: Path) -> tuple[str, str]:
    return tuple((out / part / "stamp").read_text() if (out / part / "stamp").exists() else "" for part in ("site", "pdf"))


def _killed_at(out: str, step: int) -> None:
    """Publish "new" and die (kill -9 as far as the folder can tell) just before file-system call number ``step``."""
    import shutil as sh
    count = [0]

    def dying(fn):
        def call(*a, **k):
            count[0] += 1
            if count[0] == step:
                os._exit(9)
            return fn(*a, **k)
        return call
    for name in ("rename", "replace", "symlink", "link", "unlink", "mkdir"):
        setattr(os, name, dying(getattr(os, name)))
    sh.rmtree = dying(sh.rmtree)
    _generation(Path(out), "new")
    os._exit(0)


def test_a_kill_at_any_step_of_publishing_leaves_one_whole_build(tmp_path: Path):
    seen = set()
    for step in range(1, 40):
        out = tmp_path / f"out{step}"
        out.mkdir()
        _generation(out, "old")
        assert _shown(out) == ("old", "old")
        p = multiprocessing.get_context("fork").Process(target=_killed_at, args=(str(out), step))
        p.start()
        p.join()
        shown = _shown(out)
        assert shown in (("old", "old"), ("new", "new")), (step, shown)
        seen.add(shown)
        recover(out)
        assert _shown(out) == shown and not list(out.glob(".staging-*")) and len(list(out.glob(".build-*"))) == 1
        _generation(out, "next")
        assert _shown(out) == ("next", "next")
        if p.exitcode == 0:
            break
    assert seen == {("old", "old"), ("new", "new")}, seen  # the kill came both before and after the flip


def test_a_failed_rename_keeps_the_previous_build(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    _generation(out, "old")
    real = os.replace

    def failing(a, b):
        if str(b).endswith(".current"):
            raise OSError(28, "No space left on device")
        return real(a, b)
    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        _generation(out, "new")
    monkeypatch.setattr(os, "replace", real)
    assert _shown(out) == ("old", "old")
    recover(out)
    assert _shown(out) == ("old", "old") and len(list(out.glob(".build-*"))) == 1


def test_an_older_output_folder_is_taken_over_and_a_part_not_built_is_kept(tmp_path: Path):
    out = tmp_path / "out"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / "stamp").write_text("old")
    (out / "site").mkdir()
    (out / "site" / "stamp").write_text("old")
    with staging(out) as stage:  # a --no-pdf build
        (stage / "site").mkdir()
        (stage / "site" / "stamp").write_text("new")
        publish(out, stage, ["site"])
    assert _shown(out) == ("new", "old")
    assert (out / "site").is_symlink() and (out / "pdf").is_symlink()
    assert not list(out.glob(".old-*")) and not list(out.glob(".staging-*"))


def test_recover_does_not_follow_a_planted_link(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    _generation(out, "old")
    victim = tmp_path / "victim"
    (victim / "site").mkdir(parents=True)
    (victim / "site" / "secret").write_text("x")
    (victim / "keep").write_text("x")
    for name in (".old-evil", ".build-evil", ".staging-evil"):
        os.symlink(victim, out / name)
    recover(out)
    assert (victim / "site" / "secret").exists() and (victim / "keep").exists()
    assert not any(os.path.lexists(out / n) for n in (".old-evil", ".build-evil", ".staging-evil"))
    assert _shown(out) == ("old", "old")
