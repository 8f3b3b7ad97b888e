"""``planbook init``: a new office repository from the templates in site_templates/init/.

One starter plan and roster per office type (township, school, company, bureau),
derived from the bundled examples but with placeholder people and phone numbers
marked 待填写; planbook.yml; .gitignore; a .pre-commit-config.yaml with a local hook running the
installed planbook; CI for GitLab and GitHub that installs Planbook from the office's own bundle or
package mirror (ci/install-planbook.sh).  Nothing written names a host outside the office's network.
The result passes ``planbook check``.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from .. import __version__, resources
from ..errors import PlanbookError
from ..model import PlanKind
from ..model.common import PLACEHOLDER

TEMPLATES = resources.TEMPLATES / "init"

#: office type -> its name in Chinese
OFFICE_TYPES = {"township": "乡镇（街道）", "school": "学校", "company": "企业", "bureau": "政府部门"}
KIND_LABELS = {"emergency_plan": "预案", "implementation_plan": "方案", "measures": "办法", "rules": "制度"}

class ScaffoldRefused(PlanbookError):
    """The target cannot be scaffolded (not empty, not writable)."""


@dataclass(frozen=True)
class InitOptions:
    target: Path
    office_type: str = "township"
    office: str = ""  # the office's full name; the type's placeholder when empty
    git: bool = True


@dataclass(frozen=True)
class Scaffolded:
    root: Path
    files: tuple[str, ...]  # repository-relative paths written, in order
    plan_id: str
    git: bool


def _q(value) -> str:
    """A value as YAML (JSON is YAML): quoted text, flow lists; Chinese stays readable."""
    return json.dumps(value, ensure_ascii=False)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["q"] = _q
    return env


def office_type(name: str) -> dict:
    with open(TEMPLATES / "types" / f"{name}.yml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data["kind_label"] = KIND_LABELS[data["kind"]]
    data["kind_full"] = PlanKind(data["kind"]).label
    return data


def _plan_values(t: dict, office: str, plan_id: str, roster_id: str, person_prefix: str = "person",
                 made_by: str = "planbook init") -> dict:
    """What plan.yml.j2 and roster.yml.j2 need: the type, the office, placeholder people and units."""
    people = [{"id": f"{person_prefix}-{i:02d}", "name": f"{p['post']}（{PLACEHOLDER}）", "phone": PLACEHOLDER, **p}
              for i, p in enumerate(t["people"], 1)]
    units = [{"id": f"superior-{i}", "name": name, "phone": PLACEHOLDER}
             for i, name in enumerate(t["superiors"], 1)]
    return dict(t=t, office=office, plan_id=plan_id, roster_id=roster_id, people=people, units=units, made_by=made_by)


def files_for(options: InitOptions) -> dict[str, str]:
    """Repository-relative path -> text of every file ``planbook init`` writes."""
    if options.office_type not in OFFICE_TYPES:
        raise ScaffoldRefused(f"单位类型“{options.office_type}”无效，可用：{'、'.join(OFFICE_TYPES)}",
                              f"no office type '{options.office_type}'; there are: {', '.join(OFFICE_TYPES)}")
    t = office_type(options.office_type)
    office = options.office.strip() or t["office"]
    plan_id, roster_id = options.office_type, "roster"
    env = _env()
    values = dict(_plan_values(t, office, plan_id, roster_id), version=__version__)
    out = {
        "planbook.yml": "planbook.yml.j2",
        f"plans/{plan_id}/plan.yml": "plan.yml.j2",
        f"plans/rosters/{roster_id}.yml": "roster.yml.j2",
        "cases/README.md": None,
        ".gitignore": "gitignore.j2",
        ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
        ".gitlab-ci.yml": "gitlab-ci.yml.j2",
        ".github/workflows/planbook.yml": "github-workflow.yml.j2",
        "ci/install-planbook.sh": "install-planbook.sh.j2",
    }
    texts = {}
    for rel, name in out.items():
        if name is None:
            texts[rel] = ("# 案例\n\n办结的舆情案例放在这里，一个案例一个文件：cases/<年份>/<编号>.md。\n"
                          "用 `planbook new case` 新建。\n")
        else:
            texts[rel] = env.get_template(name).render(**values)
    from ..schema import DOCUMENTS, json_schema  # editors validate as you type (see docs/formats.md)
    for kind, (_, filename, _) in DOCUMENTS.items():
        texts[f"schemas/{filename}"] = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    return texts


def scaffold(options: InitOptions) -> Scaffolded:
    """Write a new repository into ``options.target`` (created if missing; refused unless empty)."""
    root = Path(options.target)
    if root.exists() and not root.is_dir():
        raise ScaffoldRefused(f"{root} 已存在且不是目录。", f"{root} exists and is not a folder", path=root)
    if root.is_dir() and any(root.iterdir()):
        raise ScaffoldRefused(f"{root} 不是空目录，为避免覆盖已有文件，planbook init 只在空目录或新目录中生成。",
                              f"{root} is not empty: planbook init only writes into an empty or new folder, "
                              "so that no file is overwritten", path=root)
    texts = files_for(options)
    try:
        root.mkdir(parents=True, exist_ok=True)
        for rel, text in texts.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ScaffoldRefused(f"无法写入 {e.filename or root}：{e.strerror or e}",
                              f"cannot write {e.filename or root}: {e.strerror or e}", path=e.filename or root) from None
    if options.git and not (root / ".git").exists():
        _git_init(root)
    return Scaffolded(root, tuple(texts), options.office_type, options.git)


def _git_init(root: Path) -> None:
    try:
        r = subprocess.run(["git", "init", "-q", str(root)], capture_output=True, text=True, timeout=60)
    except OSError:
        raise ScaffoldRefused("找不到 git 命令。", "the git command was not found",
                              "请安装 git，或加 --no-git 只生成文件。", "Install git, or add --no-git to write the files only.") from None
    if r.returncode != 0:
        raise ScaffoldRefused(f"git init 失败：{r.stderr.strip()}", f"git init failed: {r.stderr.strip()}", path=root)
    subprocess.run(["git", "-C", str(root), "symbolic-ref", "HEAD", "refs/heads/main"], capture_output=True)


# --- planbook new plan --from-example ------------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class NewPlan:
    root: Path  # the repository
    office_type: str  # township / school / company / bureau
    plan_id: str = ""  # the type's name when empty
    office: str = ""  # the office's name (planbook.yml's when empty)


def plan_files(new: NewPlan, plan_ids: set[str], roster_ids: set[str], office: str) -> dict[str, str]:
    """plans/<id>/plan.yml and its roster plans/rosters/<id>.yml (placeholder people), from the same
    templates as ``planbook init``; refused when the id or either file is taken."""
    if new.office_type not in OFFICE_TYPES:
        raise ScaffoldRefused(f"示例类型“{new.office_type}”无效，可用：{'、'.join(OFFICE_TYPES)}",
                              f"no example '{new.office_type}'; there are: {', '.join(OFFICE_TYPES)}")
    plan_id = new.plan_id or new.office_type
    if not ID_RE.match(plan_id):
        raise ScaffoldRefused(f"预案 id“{plan_id}”无效。", f"bad plan id '{plan_id}'",
                              "用小写字母、数字和连字符，如 anping-township。",
                              "Use lowercase letters, digits and hyphens, such as anping-township.")
    plan_rel, roster_rel = f"plans/{plan_id}/plan.yml", f"plans/rosters/{plan_id}.yml"
    if plan_id in plan_ids or plan_id in roster_ids:
        raise ScaffoldRefused(f"库中已有 id 为“{plan_id}”的预案或通讯录。",
                              f"the repository already has a plan or roster with the id '{plan_id}'",
                              f"请用 --id 另起一个，如 --id {plan_id}-2。", f"Choose another with --id, such as --id {plan_id}-2.")
    for rel in (plan_rel, roster_rel):
        if (new.root / rel).exists() or (rel == plan_rel and (new.root / rel).parent.exists()):
            taken = rel if rel != plan_rel else (new.root / rel).parent.relative_to(new.root)
            raise ScaffoldRefused(f"{taken} 已存在，为避免覆盖，不写入。", f"{taken} exists: not overwritten",
                                  "请用 --id 另起一个。", "Choose another id with --id.", path=new.root / taken)
    t = office_type(new.office_type)
    values = _plan_values(t, new.office.strip() or office or t["office"], plan_id, plan_id, person_prefix=plan_id,
                         made_by=f"planbook new plan --from-example {new.office_type}")
    env = _env()
    return {plan_rel: env.get_template("plan.yml.j2").render(**values),
            roster_rel: env.get_template("roster.yml.j2").render(**values)}


def write_plan(new: NewPlan, plan_ids: set[str], roster_ids: set[str], office: str) -> tuple[str, ...]:
    """Write the new plan and its roster; the repository-relative paths written."""
    texts = plan_files(new, plan_ids, roster_ids, office)
    written = []
    try:
        for rel, text in texts.items():
            path = new.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            written.append(rel)
    except OSError as e:
        raise ScaffoldRefused(f"无法写入 {e.filename or new.root}：{e.strerror or e}",
                              f"cannot write {e.filename or new.root}: {e.strerror or e}",
                              path=e.filename or new.root) from None
    return tuple(written)
