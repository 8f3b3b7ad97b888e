"""Finding the files of a repository and loading them into a :class:`Repository`.

Layout::

    planbook.yml                 the office's settings
    plans/<plan>/plan.yml        one plan per folder (the folder may hold attachments)
    plans/rosters/<roster>.yml   rosters (or plans/**/roster.yml)
    cases/**/<case>.md           one closed case per Markdown file, YAML front matter first

Every problem becomes a finding; a file that cannot be read or built is left
out of the repository and the rest still loads.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import PlanbookError
from ..findings import Finding, Loc, define, finding
from ..model import Case, Config, Office, Plan, Repository, Roster
from .build import Builder
from .source import read_text
from .yamlnodes import compose

CONFIG_NAME = "planbook.yml"
PLANS_DIR = "plans"
CASES_DIR = "cases"

define("F010", "warning", "无法识别的文件：预案文件应命名为 plan.yml，通讯录放在 plans/rosters/ 下或命名为 roster.yml",
       "unrecognised file: name plans plan.yml, and put rosters in plans/rosters/ or name them roster.yml",
       "改名或移出 plans/；不是 YAML 的附件（图片、Word 等）不受影响。", "Rename it or move it out of plans/.",
       stage="file", summary="plans/ 中无法识别的 YAML 文件")
define("C001", "error", "案例文件缺少开头的 YAML front matter（以 --- 开始和结束）",
       "the case file does not start with YAML front matter between '---' lines",
       "第一行写 ---，接着写 id、title 等字段，再用一行 --- 结束，之后是正文。",
       "Start with a '---' line, the fields, and another '---' line; the narrative follows.",
       stage="file", summary="案例缺少 front matter")
define("S009", "error", "未知的时区“{value}”", "unknown timezone '{value}'",
       "写作 Asia/Shanghai 这样的 IANA 时区名。", "Use an IANA name such as Asia/Shanghai.",
       stage="schema", summary="时区无效")

DEFAULT_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Loaded:
    repo: Repository
    findings: tuple[Finding, ...]


class NotARepository(PlanbookError):
    """No planbook.yml here or in any parent folder."""


def find_root(start: str) -> str:
    here = os.path.abspath(start)
    if os.path.isfile(here):
        here = os.path.dirname(here)
    while True:
        if os.path.isfile(os.path.join(here, CONFIG_NAME)):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise NotARepository(f"这里不是 Planbook 库：{start} 及其上级目录中都没有 {CONFIG_NAME}。",
                                 f"not a Planbook repository: no {CONFIG_NAME} in {start} or any folder above it",
                                 "可用 planbook init 新建，或用 -C 指定库目录。",
                                 "Create one with planbook init, or name the repository's folder with -C.", path=start)
        here = parent


def _rel(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def discover(root: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(plan files, roster files, case files, unrecognised YAML files), repository-relative, sorted."""
    plans, rosters, cases, other = [], [], [], []
    for top, bucket in ((PLANS_DIR, "plans"), (CASES_DIR, "cases")):
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for name in sorted(filenames):
                if name.startswith((".", "_")):
                    continue
                rel = _rel(root, os.path.join(dirpath, name))
                low = name.lower()
                if bucket == "cases":
                    if low.endswith(".md") and low not in ("readme.md", "index.md"):
                        cases.append(rel)
                elif low.endswith((".yml", ".yaml")):
                    parts = rel.split("/")
                    if low in ("plan.yml", "plan.yaml"):
                        plans.append(rel)
                    elif low in ("roster.yml", "roster.yaml") or "rosters" in parts[1:-1]:
                        rosters.append(rel)
                    else:
                        other.append(rel)
    return plans, rosters, cases, other


def _read(root: str, rel: str, found: list[Finding], digest=None) -> str | None:
    """The text of ``rel``, its problems added to ``found``; ``digest`` (a hashlib object) takes in what was read."""
    text, problems = read_text(os.path.join(root, rel), rel)
    found.extend(problems)
    if digest is not None:
        digest.update(f"{rel}\0{len(text) if text is not None else -1}\0".encode())
        digest.update((text or "").encode("utf-8"))
    return text


def _load_yaml(root: str, rel: str, cls: type, tz: dt.tzinfo, found: list[Finding], digest=None):
    text = _read(root, rel, found, digest)
    if text is None:
        return None
    node, problems = compose(text, rel)
    found.extend(problems)
    if node is None:
        return None
    b = Builder(rel, tz)
    value = b.build(cls, node)
    found.extend(b.findings)
    return value


_FM_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line offset of the front matter) or None when the file has none."""
    first = text.split("\n", 1)
    if first[0].rstrip("\r \t") != "---" or len(first) == 1:
        return None
    rest = first[1]
    end = _FM_END.search(rest)
    if end is None:
        return None
    nl = rest.find("\n", end.end())
    return rest[:end.start()], ("" if nl < 0 else rest[nl + 1:]), 1


def load_case(root: str, rel: str, tz: dt.tzinfo, found: list[Finding], digest=None) -> Case | None:
    text = _read(root, rel, found, digest)
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        found.append(finding("C001", Loc(rel, 1, 1)))
        return None
    fm, body, offset = parts
    node, problems = compose(fm, rel, line_offset=offset)
    found.extend(problems)
    if node is None:
        return None
    b = Builder(rel, tz, line_offset=offset)
    case = b.build(Case, node)
    found.extend(b.findings)
    if case is None:
        return None
    import dataclasses
    return dataclasses.replace(case, body=body.strip("\n") + ("\n" if body.strip() else ""))


def load_config(root: str, found: list[Finding], digest=None) -> Config:
    rel = CONFIG_NAME
    cfg = _load_yaml(root, rel, Config, ZoneInfo(DEFAULT_TZ), found, digest)
    if cfg is None:
        cfg = Config(office=Office(name=""), loc=Loc(rel))
    return cfg


def timezone_of(cfg: Config, found: list[Finding]) -> dt.tzinfo:
    try:
        return ZoneInfo(cfg.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(finding("S009", cfg.at("timezone"), value=cfg.timezone))
        return ZoneInfo(DEFAULT_TZ)


def load_repository(root: str) -> Loaded:
    """Load everything under ``root`` (the folder holding planbook.yml)."""
    root = os.path.abspath(root)
    found: list[Finding] = []
    digest = hashlib.sha256()
    config = load_config(root, found, digest)
    tz = timezone_of(config, found)
    plan_files, roster_files, case_files, other = discover(root)
    for rel in other:
        found.append(finding("F010", Loc(rel)))
    plans = [p for rel in plan_files if (p := _load_yaml(root, rel, Plan, tz, found, digest)) is not None]
    rosters = [r for rel in roster_files if (r := _load_yaml(root, rel, Roster, tz, found, digest)) is not None]
    cases = [c for rel in case_files if (c := load_case(root, rel, tz, found, digest)) is not None]
    files = tuple([CONFIG_NAME] + plan_files + roster_files + case_files + other)
    repo = Repository(root=root, config=config, plans=tuple(plans), rosters=tuple(rosters),
                      cases=tuple(cases), files=files, digest=digest.hexdigest())
    return Loaded(repo, tuple(found))
