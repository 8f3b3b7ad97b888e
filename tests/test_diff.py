"""``planbook diff`` and approved versions, on a real git repository with a plan's history:

v1.0 approved → draft 1.1 (section renamed, section moved, deadline changed, member removed,
level added) → 1.1 approved → an uncommitted edit in the working tree.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, git, run_cli

PLAN = "plans/demo/plan.yml"

NEW_LEVEL = """  - id: III
    name: Ⅲ级（较小）
    colour: blue
    criteria: [个别网民发帖，尚未扩散。]
    lead: [office]
    report_to: [office]
    actions: [信息员持续关注。]
deadlines:
"""

DRILLS = """  - id: drills
    kind: drills
    title: 演练与培训
    text: 每年演练一次。
"""




def edit(root: Path, *pairs: tuple[str, str], path: str = PLAN) -> None:
    p = root / path
    text = p.read_text("utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    p.write_text(text, "utf-8")


def draft_1_1(root: Path) -> None:
    edit(root,
         ('version: "1.0"', 'version: "1.1"'),
         ("status: approved", "status: draft"),
         ("    title: 监测预警\n", "    title: 监测与预警\n"),  # renamed
         (DRILLS, ""), ("  - id: release\n", DRILLS + "  - id: release\n"),  # moved up, before 信息发布
         ("    limit: 3日\n", "    limit: 2日\n"),  # changed deadline
         ("      members: [sun-san, li-si]\n", "      members: [sun-san]\n"),  # removed member
         ("deadlines:\n", NEW_LEVEL))  # new level


def approve_1_1(root: Path) -> None:
    edit(root, ("status: draft", "status: approved"), ("approved: 2025-03-01", "approved: 2026-02-01"),
         ("effective: 2025-03-05", "effective: 2026-02-05"),
         ("approved: {by: zhao-yi, date: 2025-03-01}", "approved: {by: zhao-yi, date: 2026-02-01}"))


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    """The repository and the commits of its history (built once for the module)."""
    root = tmp_path_factory.mktemp("diff") / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "预案 1.0 版")
    v10 = git(root, "rev-parse", "HEAD")
    git(root, "tag", "plan/demo/v1.0")
    draft_1_1(root)
    git(root, "commit", "-q", "-am", "修订草案 1.1", date="2026-01-10T09:00:00+08:00")
    draft = git(root, "rev-parse", "HEAD")
    approve_1_1(root)
    git(root, "commit", "-q", "-am", "批准 1.1 版", date="2026-02-01T15:00:00+08:00")
    v11 = git(root, "rev-parse", "HEAD")
    return {"root": root, "v1.0": v10, "draft": draft, "v1.1": v11}


@pytest.fixture
def work(history, tmp_path) -> Path:
    """A private copy of the repository (with its .git), for tests that edit the working tree."""
    dst = tmp_path / "work"
    shutil.copytree(history["root"], dst)
    return dst


def test_change_table_between_approved_versions(history):
    from generator.diff import ChangeKind, Subject, diff_plan

    t = diff_plan(str(history["root"]), "demo", history["v1.0"], history["v1.1"])
    assert (t.plan_id, t.old_version, t.new_version) == ("demo", "1.0", "1.1")
    assert (t.old_commit, t.new_commit) == (history["v1.0"], history["v1.1"])
    assert [(c.kind, c.what, c.id) for c in t.changes] == [
        (ChangeKind.changed, Subject.metadata, "version"),
        (ChangeKind.changed, Subject.metadata, "approved"),
        (ChangeKind.changed, Subject.metadata, "effective"),
        (ChangeKind.changed, Subject.metadata, "approval"),
        (ChangeKind.renamed, Subject.section, "monitoring"),
        (ChangeKind.moved, Subject.section, "drills"),
        (ChangeKind.changed, Subject.body, "leading-group"),
        (ChangeKind.added, Subject.level, "III"),
        (ChangeKind.changed, Subject.deadline, "reply"),
    ]
    renamed, moved = t.of(Subject.section)
    assert (renamed.old_title, renamed.new_title) == ("监测预警", "监测与预警")
    assert (renamed.old_path, renamed.new_path) == ("三、监测预警", "三、监测与预警")
    assert [f.field for f in renamed.fields] == ["title"] and renamed.matched_by == "id"
    assert (moved.old_path, moved.new_path) == ("九、演练与培训", "六、演练与培训")
    assert [(f.field, f.old, f.new) for f in moved.fields] == [("position", "九、演练与培训", "六、演练与培训")]
    assert moved.old_loc.path == PLAN and moved.new_loc.line > 0

    (body,) = t.of(Subject.body)
    (members,) = body.fields
    assert (members.field, members.old, members.new, members.removed, members.added) == \
        ("members", "孙三、李四", "孙三", ("李四",), ())
    (level,) = t.of(Subject.level)
    assert (level.new_title, level.new_path, level.old_text) == ("Ⅲ级（较小）", "分级 第 3 项", "")
    assert "判定标准：个别网民发帖，尚未扩散。" in level.new_text
    (reply,) = t.of(Subject.deadline)
    assert [(f.field, f.old, f.new) for f in reply.fields] == [("limit", "3日", "2日")]
    assert t.counts()[ChangeKind.changed] == 6


def test_approved_versions_from_history(history):
    from generator.diff import approved_versions

    v10, v11 = approved_versions(str(history["root"]), "demo")
    assert (v10.version, v10.commit, v10.marked, v10.tag, v10.changes) == \
        ("1.0", history["v1.0"], history["v1.0"], "plan/demo/v1.0", None)
    assert (v10.approver, v10.approver_name, str(v10.approved)) == ("zhao-yi", "赵一", "2025-03-01")
    # the draft commit in between is not a version; 1.1 is marked when it is approved
    assert (v11.version, v11.commit, v11.marked, v11.tag) == ("1.1", history["v1.1"], history["v1.1"], None)
    assert str(v11.approved) == "2026-02-01" and v11.date.year == 2026
    assert v11.changes.old_commit == history["v1.0"] and len(v11.changes.changes) == 9


def test_diff_defaults_to_last_approved_against_worktree(work, history):
    edit(work, ("    text: 每年演练一次。\n", "    text: 每半年演练一次。\n"))
    r = run_cli("diff", cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:4] == [
        "修订对照：示范镇网络舆情应急预案（demo）",
        f"  旧：1.1 版，已批准 2026-02-01 — 提交 {history['v1.1'][:10]}（2026-02-01）",
        "  新：1.1 版，已批准 2026-02-01 — 工作区",
        "共 1 处修订：新增 0，删除 0，修改 1，移动 0，更名 0。",
    ]
    assert "  修改    六、演练与培训  [drills]" in r.stdout
    assert "      正文：每{+半+}年演练一次。" in r.stdout


def test_cli_two_revisions_plan_argument_json_and_english(history):
    root = history["root"]
    r = run_cli("diff", "plan/demo/v1.0", "HEAD", "demo", "--format", "json", cwd=root)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["old"]["commit"] == history["v1.0"] and data["new"]["version"] == "1.1"
    assert data["counts"] == {"added": 1, "removed": 0, "changed": 6, "moved": 1, "renamed": 1}
    moved = next(c for c in data["changes"] if c["kind"] == "moved")
    assert moved["what"] == "section" and moved["new_loc"].startswith(PLAN + ":")
    r = run_cli("diff", "HEAD~2", "HEAD", "plans/demo", "--lang", "en", cwd=root)
    assert r.returncode == 0, r.stderr
    assert "9 changes: 1 added, 0 removed, 6 changed, 1 moved, 1 renamed." in r.stdout
    assert "  renamed   三、监测预警 → 三、监测与预警  [monitoring]" in r.stdout
    assert "      limit: 3日 → 2日" in r.stdout
    assert "      members: removed 李四" in r.stdout


@pytest.mark.parametrize("args, message", [
    (("no-such-rev",), "git 中没有提交“no-such-rev”"),
    (("HEAD", "HEAD~1", "nonesuch"), "没有预案“nonesuch”"),
    (("a", "b", "c", "d"), "最多写两个提交"),
])
def test_usage_problems_exit_2_without_traceback(history, args, message):
    r = run_cli("diff", *args, cwd=history["root"])
    assert r.returncode == 2 and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_plan_not_at_old_revision(work):
    git(work, "mv", "plans/demo", "plans/demo2")
    edit(work, ("id: demo\n", "id: demo-two\n"), path="plans/demo2/plan.yml")
    git(work, "commit", "-q", "-am", "换了标识")
    r = run_cli("diff", "HEAD~1", "demo-two", cwd=work)
    assert r.returncode == 2 and "中没有预案“demo-two”" in r.stderr and "那时有：demo" in r.stderr


def test_broken_plan_at_old_revision_gives_file_and_line(work):
    edit(work, ("kind: emergency_plan\n", "kind: emergency_plan\n  bad: [\n"))
    git(work, "commit", "-q", "-am", "写坏了")
    edit(work, ("kind: emergency_plan\n  bad: [\n", "kind: emergency_plan\n"))
    r = run_cli("diff", "HEAD", cwd=work)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f":{PLAN}:4:" in r.stderr and "error[Y" in r.stderr and "有错误，无法对照" in r.stderr


def test_no_approved_version_and_not_git(repo: Path):
    r = run_cli("diff", cwd=repo)  # a copy of the fixture without git
    assert r.returncode == 2 and "不在 git 仓库中" in r.stderr
    git(repo, "init", "-q")
    edit(repo, ("status: approved", "status: draft"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "草案")
    r = run_cli("diff", cwd=repo)
    assert r.returncode == 2 and "还没有已批准的版本" in r.stderr


def test_sections_without_id_match_by_title_then_text():
    from generator.diff import ChangeKind, compare
    from generator.model import Plan, PlanKind, Section

    text = "信息员每天上午、下午各巡查一次本地论坛、短视频平台和政务留言板，发现苗头及时报告。"
    old = Plan(id="p", title="t", kind=PlanKind.rules, sections=(
        Section(title="总则", text="为规范工作，制定本制度。"),
        Section(title="日常监测", text=text),
        Section(title="附则", text="本制度自印发之日起施行。")))
    new = Plan(id="p", title="t", kind=PlanKind.rules, sections=(
        Section(title="总则", text="为规范网络舆情工作，制定本制度。"),
        Section(title="监测", text=text.replace("每天", "每日")),
        Section(title="考核", text="每年考核一次。"),
        Section(title="附则", text="本制度自印发之日起施行。")))
    t = compare(old, new)
    assert [(c.kind, c.old_title, c.new_title, c.matched_by) for c in t.changes] == [
        (ChangeKind.changed, "总则", "总则", "title"),
        (ChangeKind.renamed, "日常监测", "监测", "text"),
        (ChangeKind.added, "", "考核", ""),
    ]
    assert [s.op for s in t.changes[0].fields[0].segments] == ["same", "added", "same"]


def test_planbook_root_in_a_subfolder_of_the_git_repository(tmp_path: Path):
    top = tmp_path / "top"
    root = top / "预案库"
    shutil.copytree(MINIMAL, root)
    git(top, "init", "-q")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "1.0")
    draft_1_1(root)
    git(top, "commit", "-q", "-am", "1.1 草案")
    approve_1_1(root)
    git(top, "commit", "-q", "-am", "1.1")
    from generator.diff import approved_versions
    assert [(v.version, v.path) for v in approved_versions(str(root), "demo")] == [("1.0", PLAN), ("1.1", PLAN)]
    r = run_cli("diff", "HEAD~2", cwd=root / "plans")
    assert r.returncode == 0 and "共 9 处修订" in r.stdout, r.stderr


def test_plan_moved_to_another_folder_keeps_its_versions(work, history):
    git(work, "mv", "plans/demo", "plans/示范镇预案")
    git(work, "commit", "-q", "-m", "换目录")
    from generator.diff import approved_versions
    versions = approved_versions(str(work), "demo")
    assert [(v.version, v.path) for v in versions] == [("1.0", PLAN), ("1.1", PLAN)]
    r = run_cli("diff", cwd=work)
    assert r.returncode == 0 and "两个版本没有差别。" in r.stdout, r.stderr


def test_broken_working_tree_and_plan_only_in_history(work):
    (work / PLAN).write_text("id: demo\ntitle: [\n", "utf-8")
    r = run_cli("diff", cwd=work)
    assert r.returncode == 2 and "工作区中的预案文件 plans/demo/plan.yml 有错误" in r.stderr
    assert f"{PLAN}:" in r.stderr and "Traceback" not in r.stderr
    (work / PLAN).unlink()
    r = run_cli("diff", "HEAD~2", "HEAD", "demo", cwd=work)  # no longer in the working tree, still in git
    assert r.returncode == 0 and "共 9 处修订" in r.stdout, r.stderr


def test_correction_after_approval_and_a_tag_on_a_draft(work, history):
    git(work, "tag", "plan/demo/v1.2", history["draft"])  # a tag does not approve a draft
    edit(work, ("    text: 每年演练一次。\n", "    text: 每年至少演练一次。\n"))
    git(work, "commit", "-q", "-am", "改正 1.1 版的表述", date="2026-02-03T09:00:00+08:00")
    fix = git(work, "rev-parse", "HEAD")
    from generator.diff import approved_versions
    versions = approved_versions(str(work), "demo")
    assert [v.version for v in versions] == ["1.0", "1.1"]
    v11 = versions[-1]
    assert (v11.marked, v11.commit, v11.amended) == (history["v1.1"], fix, True)
    assert not versions[0].amended
    (drills,) = [c for c in v11.changes.changes if c.id == "drills"]
    assert drills.kind.value == "changed" and [f.field for f in drills.fields] == ["position", "text"]  # moved, too


def test_people_the_plan_refers_to(repo: Path):
    """People are compared through the roster: who the plan names (by id or by post), and their details."""
    from generator.diff import ChangeKind, Subject, compare
    from generator.load.repo import load_repository

    before = load_repository(str(repo)).repo
    edit(repo, ("      deputies: [li-si]\n", "      deputies: [sun-san]\n"),
         ("    owner: [li-si]\n    recipient: [office]\n", "    owner: [office]\n    recipient: [office]\n"),
         ("    owner: [li-si]\n    deadlines:", "    owner: [office]\n    deadlines:"),
         ("      members: [sun-san, li-si]\n", "      members: [sun-san]\n"))
    edit(repo, ('phones: ["13800000002"]', 'phones: ["13900000002"]'), path="plans/rosters/demo.yml")
    after = load_repository(str(repo)).repo
    old, new = before.plan_by_id["demo"], after.plan_by_id["demo"]
    t = compare(old, new, before.roster_for(old), after.roster_for(new))
    people = t.of(Subject.person)
    assert [(c.kind, c.id, c.title) for c in people] == [
        (ChangeKind.changed, "qian-er", "钱二"), (ChangeKind.removed, "li-si", "李四")]
    (phones,) = people[0].fields
    assert (phones.field, phones.old, phones.new) == ("phones", "138****0002", "139****0002")  # masked
    assert "电话：138****0004" in people[1].old_text and "13800000004" not in people[1].old_text


def test_cli_lists_approved_versions(history):
    r = run_cli("diff", "--versions", cwd=history["root"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "预案“demo”的已批准版本：",
        f"  1.0 版，批准 2025-03-01，审批人 赵一，提交 {history['v1.0'][:10]}，plan/demo/v1.0",
        f"  1.1 版，批准 2026-02-01，审批人 赵一，提交 {history['v1.1'][:10]}，较上一版 9 处修订",
    ]
    data = json.loads(run_cli("diff", "--versions", "--format", "json", "demo", cwd=history["root"]).stdout)
    assert [v["version"] for v in data] == ["1.0", "1.1"] and len(data[1]["changes"]["changes"]) == 9


def test_one_git_process_reads_what_one_command_each_reads(tmp_path, monkeypatch):
    """plumbing.batched (git cat-file --batch) gives the same bytes, dates and absences as git show, and
    runs no git command per file."""
    from generator.load import git as plumbing
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one", date="2025-03-01T10:00:00+08:00")
    (repo / PLAN).write_text((repo / PLAN).read_text("utf-8") + "# 二\n", "utf-8")
    git(repo, "commit", "-qam", "two", date="2025-07-04T23:30:00-05:30")
    root = str(repo)
    commits = git(repo, "log", "--format=%H").split()
    asked = [(c, rel) for c in commits for rel in (PLAN, "plans/rosters/demo.yml", "plans/none.yml")]
    alone = [plumbing.show(root, c, rel) for c, rel in asked], [plumbing.commit_date(root, c) for c in commits]
    runs = []
    real_run = subprocess.run
    monkeypatch.setattr(plumbing.subprocess, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    with plumbing.batched(root):
        present = [(c, rel) for c, rel in asked if not rel.endswith("none.yml")]
        batched = [plumbing.show(root, c, rel) for c, rel in present], [plumbing.commit_date(root, c) for c in commits]
        assert runs == [], "every present file and every date came from the one batch process"
        batched = [plumbing.show(root, c, rel) for c, rel in asked], batched[1]
    assert batched == alone
    assert alone[0][2] is None and alone[0][0].endswith("# 二\n".encode())
    assert [d.isoformat() for d in alone[1]] == ["2025-07-04T23:30:00-05:30", "2025-03-01T10:00:00+08:00"]
    assert root not in plumbing._OBJECTS  # the process is gone with the block


def test_a_batch_that_cannot_wait_for_git_steps_aside(tmp_path, monkeypatch):
    """Where select cannot watch a pipe (Windows) or git does not answer in time, the batch ends and each
    file comes from git show: the same answers, never a hang or an answer out of step."""
    from generator.load import git as plumbing
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    root, commit = str(repo), git(repo, "rev-parse", "HEAD")
    alone = [plumbing.show(root, commit, rel) for rel in (PLAN, "plans/rosters/demo.yml") * 20]

    def cannot(self, timeout=None):
        raise OSError(10038, "not a socket")
    monkeypatch.setattr(plumbing.selectors.DefaultSelector, "select", cannot)
    with plumbing.batched(root):
        assert [plumbing.show(root, commit, rel) for rel in (PLAN, "plans/rosters/demo.yml") * 20] == alone
        assert plumbing._OBJECTS[root].closed
