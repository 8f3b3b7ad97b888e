"""``planbook diff``: the change table (修订对照) of two versions of a plan, in the terminal."""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
import sys

import click

from . import UsageProblem, main
from .common import find_root_here, lang_option

_KIND_COLOURS = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan", "renamed": "cyan"}
_KIND_EN = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved", "renamed": "renamed"}
_SUBJECT_EN = {"metadata": "Metadata", "section": "Sections", "body": "Bodies", "post": "Posts",
               "person": "People", "level": "Levels", "deadline": "Deadlines", "step": "Procedure"}
_STATUS_EN = {"draft": "draft", "approved": "approved", "superseded": "superseded"}


def _side(s, lang: str) -> str:
    from ..model.plan import Status
    zh = lang == "zh"
    version = (f"{s.version} 版" if zh else f"version {s.version}") if s.version else ("未写版本" if zh else "no version")
    status = Status(s.status).label if zh else _STATUS_EN.get(s.status, s.status)
    if s.approved and s.status == "approved":
        status += f" {s.approved}"
    where = ("工作区" if zh else "working tree") if s.commit == "worktree" else \
        (f"提交 {s.short}" if zh else f"commit {s.short}") + (f"（{s.date:%Y-%m-%d}）" if zh and s.date else
                                                            f" ({s.date:%Y-%m-%d})" if s.date else "")
    return f"{version}，{status} — {where}" if zh else f"{version}, {status} — {where}"


def _segments(fc, colour: bool) -> str:
    out = []
    for seg in fc.segments:
        if seg.op == "same":
            out.append(seg.text)
        elif colour:
            out.append(click.style(seg.text, fg="red" if seg.op == "removed" else "green",
                                   strikethrough=seg.op == "removed", underline=seg.op == "added"))
        else:
            out.append(f"[-{seg.text}-]" if seg.op == "removed" else f"{{+{seg.text}+}}")
    return "".join(out).replace("\n", "\n          ")


def _field_line(fc, lang: str, colour: bool) -> str:
    from ..diff import label
    zh = lang == "zh"
    name = label(fc.field, lang)
    sep = "：" if zh else ": "
    if fc.segments:
        return f"      {name}{sep}{_segments(fc, colour)}"
    def paint(text: str, fg: str) -> str:
        return click.style(text, fg=fg) if colour else text

    if fc.removed or fc.added:
        parts = []
        if fc.removed:
            parts.append(("删除 " if zh else "removed ") + paint("、".join(fc.removed), "red"))
        if fc.added:
            parts.append(("新增 " if zh else "added ") + paint("、".join(fc.added), "green"))
        return f"      {name}{sep}{('；' if zh else '; ').join(parts)}"
    old = fc.old or ("（无）" if zh else "(none)")
    new = fc.new or ("（无）" if zh else "(none)")
    return f"      {name}{sep}{paint(old, 'red')} → {paint(new, 'green')}"


def _headline(c, lang: str) -> str:
    ident = f"  [{c.id}]" if c.id and c.what.value != "metadata" else ""
    if c.what.value == "section":
        old, new = c.old_path, c.new_path
    elif c.what.value == "metadata":
        return f"{c.title}"
    else:
        old, new = c.old_title, c.new_title
    if c.kind.value == "added":
        return f"{new}{ident}"
    if c.kind.value == "removed":
        return f"{old}{ident}"
    if old != new:
        return f"{old} → {new}{ident}"
    return f"{new}{ident}"


def render_text(table, lang: str, colour: bool) -> str:
    from ..diff import ChangeKind, Subject
    zh = lang == "zh"
    lines = [(f"修订对照：{table.title}（{table.plan_id}）" if zh else f"Changes to {table.title} ({table.plan_id})"),
             ("  旧：" if zh else "  old: ") + _side(table.old, lang),
             ("  新：" if zh else "  new: ") + _side(table.new, lang)]
    counts = table.counts()
    total = len(table.changes)
    if not total:
        lines.append("两个版本没有差别。" if zh else "The two versions do not differ.")
        return "\n".join(lines)
    if zh:
        lines.append(f"共 {total} 处修订：" + "，".join(f"{k.label} {counts[k]}" for k in ChangeKind) + "。")
    else:
        lines.append(f"{total} changes: " + ", ".join(f"{counts[k]} {k.value}" for k in ChangeKind) + ".")
    for what in Subject:
        rows = table.of(what)
        if not rows:
            continue
        lines.append("")
        head = f"【{what.label}】" if zh else f"{_SUBJECT_EN[what.value]}"
        lines.append(click.style(head, bold=True) if colour else head)
        for c in rows:
            word = c.kind.label if zh else _KIND_EN[c.kind.value]
            tag = f"{word:<4}" if zh else f"{word:<8}"
            if colour:
                tag = click.style(tag, fg=_KIND_COLOURS[c.kind.value], bold=True)
            if c.what.value == "metadata":  # one line: 版本：1.0 → 1.1
                lines.append(f"  {tag}{_field_line(c.fields[0], lang, colour)[4:]}")
                continue
            lines.append(f"  {tag}  {_headline(c, lang)}")
            if c.kind.value in ("added", "removed"):
                continue
            for fc in c.fields:
                if c.what.value == "section" and fc.field in ("position", "title"):
                    continue  # the headline shows both places
                lines.append(_field_line(fc, lang, colour))
    return "\n".join(lines)


def _plain(o):
    if isinstance(o, enum.Enum):
        return o.value
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        from ..findings import Loc
        if isinstance(o, Loc):
            return str(o)
        return {f.name: _plain(getattr(o, f.name)) for f in dataclasses.fields(o)}
    if isinstance(o, (tuple, list)):
        return [_plain(x) for x in o]
    if isinstance(o, dict):
        return {str(_plain(k)): _plain(v) for k, v in o.items()}
    return o


def render_json(table) -> str:
    data = _plain(table)
    data["counts"] = {k.value: n for k, n in table.counts().items()}
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_versions(versions, plan_id: str, lang: str) -> str:
    zh = lang == "zh"
    if not versions:
        return (f"预案“{plan_id}”在 git 历史中还没有已批准的版本。" if zh
                else f"Plan '{plan_id}' has no approved version in git history.")
    lines = [f"预案“{plan_id}”的已批准版本：" if zh else f"Approved versions of '{plan_id}':"]
    for v in versions:
        n = len(v.changes.changes) if v.changes else None
        parts = [f"{v.version} 版" if zh else f"version {v.version}",
                 (f"批准 {v.approved}" if zh else f"approved {v.approved}") if v.approved else "",
                 (f"审批人 {v.approver_name}" if zh else f"by {v.approver_name}") if v.approver_name else "",
                 (f"提交 {v.commit[:10]}" if zh else f"commit {v.commit[:10]}"),
                 v.tag or "",
                 ("批准后有改动" if zh else "amended after approval") if v.amended else "",
                 "" if n is None else (f"较上一版 {n} 处修订" if zh else f"{n} changes since the previous version")]
        lines.append("  " + ("，" if zh else ", ").join(p for p in parts if p))
    return "\n".join(lines)


def _plan_arg(work, arg: str, ids: list[str]) -> str | None:
    """The plan id ``arg`` names (an id, or a path to its plan.yml or folder), or None.  ``work``: the
    loader of the working tree (a plan file of the repository is not read a second time)."""
    if arg in ids:
        return arg
    path = os.path.abspath(arg)
    if os.path.isdir(path):
        path = os.path.join(path, "plan.yml")
    if os.path.isfile(path):
        from ..load.repo import plan_id_of
        try:
            rel = os.path.relpath(path, work.tree.root).replace(os.sep, "/")
        except ValueError:  # another drive
            rel = ""
        if rel in work.layout.plans:
            text = work.text(rel)[0]
        else:  # a plan file outside the repository's plans/
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                return None
        return plan_id_of(text) if text else None
    return None


@main.command()
@click.argument("args", nargs=-1, metavar="[A] [B] [PLAN]")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text 给人看（终端中带颜色）；json 给程序。")
@click.option("--versions", "list_versions", is_flag=True,
              help="不对照，列出该预案在 git 历史中的已批准版本（版本号、批准日期、审批人、提交、标签）。")
@click.option("--pdf", "pdf_file", type=click.Path(dir_okay=False, writable=True), default=None, metavar="文件.pdf",
              help="把修订对照表写成公文格式的两栏 PDF（删去的字加删除线、新加的字加下划线），不在终端中输出。"
                   " (write the change table as a PDF)")
def diff(args: tuple[str, ...], lang: str, fmt: str, list_versions: bool, pdf_file: str | None) -> None:
    """逐条对照一个预案的两个版本：节、级别、机构、岗位、人员、时限和处置步骤的新增、删除、修改、移动和更名。

    \b
    A、B 为 git 提交（提交号、分支、标签、HEAD~1），或 worktree（工作区）。
    默认：最近一个已批准版本 对照 工作区。只写 A 时与工作区对照。
    PLAN 为预案 id 或其目录；库中只有一个预案时可省略。
    --pdf 文件.pdf：写成两栏的修订对照表 PDF（A4 横向，序号、原条文、修订后条文、说明）。
    退出码：0 已输出对照，2 用法、git 或文件问题。

    \b
    Compare two versions of a plan clause by clause (default: the last approved
    version against the working tree); --pdf FILE writes the two-column change table as a PDF.
    """
    from ..load.plan_at import reading
    from ..load.repo import Loader
    from ..load.tree import WorkTree

    root = find_root_here()
    work = Loader(WorkTree(root))  # the working tree: each file read once for the whole command
    with reading(root):  # each commit's files too, through one git process
        _diff(root, work, args, lang, fmt, list_versions, pdf_file)


def _diff(root: str, work, args: tuple[str, ...], lang: str, fmt: str, list_versions: bool,
          pdf_file: str | None) -> None:
    from ..diff import WORKTREE, BrokenVersion, GitError, approved_versions, diff_plan, last_approved
    from ..load.plan_at import at_commit, plan_ids

    ids = plan_ids(work)
    rest = list(args)
    plan_id = _plan_arg(work, rest[-1], ids) if rest else None
    if rest and plan_id is None and len(rest) == 3:  # a plan that is no longer in the working tree
        from ..load.git import resolve
        try:
            at_head = at_commit(root, resolve(root, "HEAD")).plan_files()
        except GitError:
            at_head = {}
        plan_id = rest[-1] if rest[-1] in at_head else None
    if plan_id is not None:
        rest.pop()
    elif rest and len(rest) == 3:
        raise UsageProblem(f"没有预案“{rest[-1]}”。可用：{'、'.join(ids) or '（无）'}",
                           f"no plan '{rest[-1]}'; there are: {', '.join(ids) or '(none)'}")
    if len(rest) > 2:
        raise UsageProblem("最多写两个提交：planbook diff [A] [B] [PLAN]",
                           "at most two commits: planbook diff [A] [B] [PLAN]")
    if plan_id is None:
        if len(ids) != 1:
            raise UsageProblem("库中有多个预案，请写明要对照哪一个："
                               f"planbook diff [A] [B] PLAN；可用：{'、'.join(ids) or '（无）'}",
                               "the repository has several plans: name the one to compare, "
                               f"planbook diff [A] [B] PLAN; there are: {', '.join(ids) or '(none)'}")
        plan_id = ids[0]
    if list_versions:
        if pdf_file:
            raise UsageProblem("--versions 不能与 --pdf 同用。", "--versions does not go with --pdf")
        if rest:
            raise UsageProblem("--versions 只接受预案：planbook diff --versions [PLAN]",
                               "--versions takes a plan only: planbook diff --versions [PLAN]")
        versions = approved_versions(root, plan_id, worktree=work)
        click.echo(render_versions(versions, plan_id, lang) if fmt == "text" else
                   json.dumps(_plain(versions), ensure_ascii=False, indent=2))
        return
    try:
        if rest:
            old_rev = rest[0]
        else:
            last = last_approved(root, plan_id, worktree=work)
            if last is None:
                raise UsageProblem(f"预案“{plan_id}”在 git 历史中还没有已批准的版本（status: approved 并写明 version "
                                   "后提交）。", f"the plan '{plan_id}' has no approved version in git history "
                                   "(status: approved with a version, committed)",
                                   "请写明要对照的提交，如 planbook diff HEAD~1。",
                                   "Name the commit to compare, such as planbook diff HEAD~1.")
            old_rev = last.commit
        new_rev = rest[1] if len(rest) > 1 else WORKTREE
        table = diff_plan(root, plan_id, old_rev, new_rev, worktree=work)
    except BrokenVersion as e:  # its findings first, with file:line; then the error itself at the boundary
        at = e.at
        prefix = "" if at.commit == WORKTREE else f"{at.commit[:10]}:"
        for f in e.findings:
            click.echo(f"{prefix}{f.loc}: {f.severity.value}[{f.code}] {f.message(lang)}", err=True)
        raise
    if pdf_file:
        _write_pdf(work, table, pdf_file)
    elif fmt == "json":
        click.echo(render_json(table))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(render_text(table, lang, colour))


def _write_pdf(work, table, pdf_file: str) -> None:
    """The change table as a PDF (the fonts of planbook.yml, as in planbook build; ``work`` loaded it)."""
    from pathlib import Path

    from ..build import MissingExtra, _renderer
    from ..render import TEMPLATES
    pdf = _renderer("pdf", "pdf")
    repo = work.repository().repo
    target = Path(pdf_file).resolve()
    if not target.parent.is_dir():
        raise UsageProblem(f"目录不存在：{target.parent}", f"no such folder: {target.parent}", path=target.parent)
    try:
        fonts = pdf.resolve_fonts(repo.config.fonts, repo.root)
        pdf.render_change_table(table, fonts, target, TEMPLATES)
    except ModuleNotFoundError as e:
        raise MissingExtra("pdf", e.name or "weasyprint") from None
    click.echo(f"已写入修订对照表 (written): {pdf_file}（{len(table.changes)} 处修订）")
