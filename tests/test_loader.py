"""One loader over a tree of files (load/tree.py, load/repo.Loader): a commit loads like the working tree,
only regular files are read, and ``planbook diff`` and the build's version history open each input file
once, on a real git repository with several commits (the history of test_diff: 1.0, draft 1.1, 1.1).
"""
from __future__ import annotations

import builtins
import collections
import datetime as dt
import io
import os
import shutil
import threading
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, git
from test_diff import PLAN, approve_1_1, draft_1_1, edit

ROSTER = "plans/rosters/demo.yml"


@pytest.fixture
def history(tmp_path) -> Path:
    """A repository whose plan went 1.0 → draft 1.1 → 1.1, with an uncommitted edit in the working tree."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "预案 1.0 版")
    draft_1_1(root)
    git(root, "commit", "-q", "-am", "修订草案 1.1", date="2026-01-10T09:00:00+08:00")
    approve_1_1(root)
    git(root, "commit", "-q", "-am", "批准 1.1 版", date="2026-02-01T15:00:00+08:00")
    edit(root, ("    text: 每年演练一次。\n", "    text: 每半年演练一次。\n"))
    return root


def inputs(root: Path) -> list[str]:
    from generator.load.tree import WorkTree
    return list(WorkTree(str(root)).files())


class Opened:
    """Every open of a file under ``root`` (not .git) in this process, by any means Python has: os.open,
    open() / io.open; and every read through a tree, as (revision, path)."""

    def __init__(self, root: Path, monkeypatch):
        from generator.load.tree import GitTree, WorkTree
        self.bases = {str(root) + os.sep, os.path.realpath(root) + os.sep}
        self.files: collections.Counter[str] = collections.Counter()
        self.reads: collections.Counter[tuple[str, str]] = collections.Counter()
        real_os_open, real_open = os.open, builtins.open

        def note(path) -> None:
            path = os.fspath(path) if isinstance(path, (str, os.PathLike)) else ""
            for base in self.bases:
                if path.startswith(base) and not path[len(base):].startswith(".git"):
                    self.files[path[len(base):].replace(os.sep, "/")] += 1

        def os_open(path, *a, **k):
            note(path)
            return real_os_open(path, *a, **k)

        def py_open(file, *a, **k):
            note(file)
            return real_open(file, *a, **k)

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(builtins, "open", py_open)
        monkeypatch.setattr(io, "open", py_open)
        for cls in (WorkTree, GitTree):
            monkeypatch.setattr(cls, "read", self._counting(cls.read))

    def _counting(self, read):
        def counted(tree, rel, limit):
            self.reads[(tree.commit, rel)] += 1
            return read(tree, rel, limit)
        return counted

    def clear(self) -> None:
        self.files.clear()
        self.reads.clear()


@pytest.mark.parametrize("args", [
    (),  # the last approved version against the working tree
    ("HEAD~2", "HEAD", "plans/demo"),  # two commits, the plan named by its folder
    ("--versions",),
    ("HEAD~1", "demo", "--format", "json"),
])
def test_diff_opens_each_working_tree_file_once(history, monkeypatch, args):
    from generator.cli import main
    from generator.load.git import WORKTREE

    monkeypatch.chdir(history)
    opened = Opened(history, monkeypatch)
    r = CliRunner().invoke(main, ["diff", *args])
    assert r.exit_code == 0, r.output
    assert "demo" in r.output
    assert dict(opened.files) == {rel: 1 for rel in inputs(history)}
    assert {rel for rev, rel in opened.reads if rev == WORKTREE} == set(inputs(history))
    # each file of each commit is read once, and only what the question needs: plans, their roster, the settings
    assert max(opened.reads.values()) == 1, opened.reads
    at_commits = {rel for rev, rel in opened.reads if rev != WORKTREE}
    assert at_commits and at_commits <= {PLAN, ROSTER, "planbook.yml"}, at_commits


def test_build_history_opens_each_working_tree_file_once(history, tmp_path, monkeypatch):
    """The build loads the working tree once and hands it to the version history, which reads only commits."""
    from generator import build as pipeline
    from generator.load.git import WORKTREE

    seen = {}

    def renderer(extra, name):  # the renderers are other tests' business: keep what they would get
        return types.SimpleNamespace(render_site=lambda ctx, manifest, progress: seen.update(ctx=ctx))

    monkeypatch.setattr(pipeline, "_renderer", renderer)
    opened = Opened(history, monkeypatch)
    options = pipeline.BuildOptions(out=tmp_path / "out", today=dt.date(2026, 3, 1), pdf=False)
    result = pipeline.build(history, options)
    assert result.built, result.checked.findings
    pv = seen["ctx"].versions["demo"]
    assert [v.version for v in pv.versions] == ["1.0", "1.1"] and pv.draft is not None
    assert dict(opened.files) == {rel: 1 for rel in inputs(history)}
    assert max(opened.reads.values()) == 1, opened.reads
    assert {rel for rev, rel in opened.reads if rev != WORKTREE} <= {PLAN, ROSTER, "planbook.yml"}

    # repository_versions as the build calls it, on a repository already loaded: no working-tree file at all
    from generator.diff import repository_versions
    from generator.load.repo import load_repository
    repo = load_repository(str(history)).repo
    opened.clear()
    versions = repository_versions(str(history), repo)
    assert versions["demo"] == pv
    assert opened.files == {} and all(rev != WORKTREE for rev, _ in opened.reads)


BAD = {
    "plans/bom/plan.yml": b"\xef\xbb\xbfid: bom\ntitle: [\n",
    "plans/gbk/plan.yml": "id: gbk\ntitle: 网络舆情应急预案\n".encode("gbk"),
    "plans/binary/plan.yml": b"id: x\n\x00\x01\x02",
    "plans/huge/plan.yml": b"# " + b"x" * (5 * 1024 * 1024 + 10) + b"\n",
    "plans/broken/plan.yml": b"id: broken\ntitle: [\n",
    "plans/notes.yml": b"a: 1\n",
    "plans/_drafts/plan.yml": b"id: hidden\n",
    "plans/.hidden.yml": b"a: 1\n",
    "cases/2025/README.md": b"# cases\n",
    "cases/2025/no-front-matter.md": "没有 front matter\n".encode(),
}


def _with_links(root: Path, outside: Path) -> None:
    for rel, data in BAD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    text = (root / PLAN).read_text("utf-8")
    outside.write_text(text.replace("id: demo\n", "id: outside\n"), "utf-8")
    (root / "plans" / "shared").mkdir()
    (root / "plans" / "shared" / "same.yml").write_text(text.replace("id: demo\n", "id: linked\n"), "utf-8")
    for name, target in [("linked", "../shared/same.yml"), ("outside", os.path.relpath(outside, root / "plans" / "outside")),
                         ("dangling", "missing.yml"), ("absolute", str(outside))]:
        (root / "plans" / name).mkdir(exist_ok=True)
        os.symlink(target, root / "plans" / name / "plan.yml")


def test_a_commit_loads_like_the_working_tree(tmp_path):
    """The same files, committed: the same repository, digest and findings (code and file:line) from the
    git tree as from the disk: bad encodings, a byte-order mark, binary and huge files, links."""
    from generator.load.git import batched
    from generator.load.repo import load_repository
    from generator.load.tree import GitTree, WorkTree

    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    _with_links(root, tmp_path / "outside.yml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "all of it")
    head = git(root, "rev-parse", "HEAD")

    disk = load_repository(WorkTree(str(root)))
    with batched(str(root)):
        committed = load_repository(GitTree(str(root), head))
    unbatched = load_repository(GitTree(str(root), head))  # one git command per object: the same answers
    for loaded in (committed, unbatched):
        assert loaded.repo.files == disk.repo.files
        assert loaded.repo.digest == disk.repo.digest
        assert (loaded.repo.plans, loaded.repo.rosters, loaded.repo.cases, loaded.repo.config) == \
            (disk.repo.plans, disk.repo.rosters, disk.repo.cases, disk.repo.config)
        assert [(f.code, str(f.loc)) for f in loaded.findings] == [(f.code, str(f.loc)) for f in disk.findings]

    got = {(f.loc.path.split("/")[1], f.code) for f in disk.findings}
    for folder, code in [("bom", "F003"), ("bom", "Y001"), ("gbk", "F002"), ("binary", "F005"), ("huge", "F004"),
                         ("broken", "Y001"), ("notes.yml", "F010"), ("outside", "F001"), ("absolute", "F001"),
                         ("dangling", "F001"), ("2025", "C001")]:
        assert (folder, code) in got, (folder, code, sorted(got))
    assert {"demo", "linked"} <= set(disk.repo.plan_by_id) and "outside" not in disk.repo.plan_by_id
    assert not any("_drafts" in p or ".hidden" in p or "README" in p for p in disk.repo.files)
    outside = next(f for f in disk.findings if f.loc.path == "plans/outside/plan.yml")
    assert "out of the repository" in outside.message("zh") and "out of the repository" in outside.message("en")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_not_read(repo: Path):
    """A named pipe where a plan should be is refused at once (opening it to read would wait for a writer)."""
    from generator.load.repo import load_repository
    os.mkfifo(repo / "plans" / "demo" / "roster.yml")
    done = {}
    worker = threading.Thread(target=lambda: done.update(loaded=load_repository(str(repo))), daemon=True)
    worker.start()
    worker.join(30)
    assert "loaded" in done, "loading waited on the pipe"
    (problem,) = [f for f in done["loaded"].findings if f.loc.path == "plans/demo/roster.yml"]
    assert problem.code == "F001" and "Not a regular file" in problem.message("zh")
    assert "demo" in done["loaded"].repo.plan_by_id


def test_loading_and_checking_run_no_full_garbage_collection_and_leave_it_as_found(tmp_path):
    """Every full collection walked all the loaded objects again (27-37 % of check's time, growing faster than
    the files): none runs while a repository loads or its rules run, and collection is on again after."""
    import gc

    from generator.check import check
    from generator.load.repo import load_repository
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    case = next((root / "cases").rglob("*.md"))
    text = case.read_text("utf-8")
    for i in range(300):  # enough objects for the collector to run several full passes without the pause
        (case.parent / f"copy-{i:03d}.md").write_text(text.replace("id: ", f"id: X{i:03d}-", 1), "utf-8")
    full: list[int] = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(1)
    old = gc.get_threshold()
    gc.set_threshold(100, 2, 2)  # collect often, so that a collection during loading would show
    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        loaded = load_repository(root)
        assert len(loaded.repo.cases) > 300
        check(loaded, dt.date(2026, 1, 1))
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*old)
    assert len(full) <= 2  # at most one each as collection resumes after loading and after the rules
