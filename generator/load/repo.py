"""Finding the files of a repository and loading them into a :class:`Repository`: one loader for the
working tree and for any git commit (a :class:`~generator.load.tree.Tree` gives the files).

Layout::

    planbook.yml                 the office's settings
    plans/<plan>/plan.yml        one plan per folder (the folder may hold attachments)
    plans/rosters/<roster>.yml   rosters (or plans/**/roster.yml)
    cases/**/<case>.md           one closed case per Markdown file, YAML front matter first
    drills/**/<drill>.md         one drill per Markdown file, front matter first, like a case

Every problem becomes a finding; a file that cannot be read or built is left
out of the repository and the rest still loads.  A :class:`Loader` reads and
builds each file of its tree at most once, all of them (:meth:`Loader.repository`)
or only those a question needs (a plan and its roster at an old commit).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import kept as keep
from ..errors import PlanbookError
from ..findings import Finding, Loc, define, finding
from ..model import Case, Config, Drill, Office, Plan, Repository, Roster
from .build import Builder
from .source import read_text
from .tree import CASES_DIR, CONFIG_NAME, DRILLS_DIR, PLANS_DIR, Tree, WorkTree
from .yamlnodes import compose

__all__ = ["CASES_DIR", "CONFIG_NAME", "PLANS_DIR", "Loaded", "Loader", "NotARepository", "classify", "discover",
           "find_root", "load_config", "load_repository", "plan_id_of", "split_front_matter", "timezone_of"]

define("F010", "warning", "无法识别的文件：预案文件应命名为 plan.yml，通讯录放在 plans/rosters/ 下或命名为 roster.yml",
       "unrecognised file: name plans plan.yml, and put rosters in plans/rosters/ or name them roster.yml",
       "改名或移出 plans/；不是 YAML 的附件（图片、Word 等）不受影响。", "Rename it or move it out of plans/.",
       found_by="file", summary="plans/ 中无法识别的 YAML 文件")
define("C001", "error", "案例文件缺少开头的 YAML front matter（以 --- 开始和结束）",
       "the case file does not start with YAML front matter between '---' lines",
       "第一行写 ---，接着写 id、title 等字段，再用一行 --- 结束，之后是正文。",
       "Start with a '---' line, the fields, and another '---' line; the narrative follows.",
       found_by="file", summary="案例缺少 front matter")
define("S009", "error", "未知的时区“{value}”", "unknown timezone '{value}'",
       "写作 Asia/Shanghai 这样的 IANA 时区名。", "Use an IANA name such as Asia/Shanghai.",
       found_by="schema", summary="时区无效")

define("S010", "error", "站点地址“{value}”不是 http:// 或 https:// 开头的网址", "the site url '{value}' is not an http:// or "
       "https:// address", "写内网站点的完整地址，如 http://yuqing.example.gov.cn/；不需要二维码就删去 site.url。",
       "Write the intranet site's full address, e.g. http://yuqing.example.gov.cn/, or remove site.url.",
       found_by="schema", summary="站点地址无效")

DEFAULT_TZ = "Asia/Shanghai"


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection inside: loading makes millions of small, long-lived, acyclic objects (nodes,
    records, locations), and every full collection walked all of them again, 27-37 % of check's time and growing
    faster than the files (benchmarks/check_bench.py).  Reference counting still frees everything at once;
    cycles made inside are collected after, when collection resumes as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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


@dataclass(frozen=True)
class Layout:
    """A tree's input files by kind, repository-relative, in reading order."""

    plans: tuple[str, ...]
    rosters: tuple[str, ...]
    cases: tuple[str, ...]
    other: tuple[str, ...]
    drills: tuple[str, ...] = ()  # YAML files under plans/ that are neither (finding F010)


def classify(files) -> Layout:
    """Sort a tree's files (:meth:`Tree.files`) into plans, rosters, cases and unrecognised YAML files."""
    plans, rosters, cases, other, drills = [], [], [], [], []
    for rel in files:
        parts = rel.split("/")
        low = parts[-1].lower()
        if parts[0] in (CASES_DIR, DRILLS_DIR) and len(parts) > 1:
            if low.endswith(".md") and low not in ("readme.md", "index.md"):
                (cases if parts[0] == CASES_DIR else drills).append(rel)
        elif parts[0] == PLANS_DIR and len(parts) > 1 and low.endswith((".yml", ".yaml")):
            if low in ("plan.yml", "plan.yaml"):
                plans.append(rel)
            elif low in ("roster.yml", "roster.yaml") or "rosters" in parts[1:-1]:
                rosters.append(rel)
            else:
                other.append(rel)
    return Layout(tuple(plans), tuple(rosters), tuple(cases), tuple(other), tuple(drills))


def discover(root: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(plan files, roster files, case files, unrecognised YAML files) of the working tree at ``root``."""
    layout = classify(WorkTree(root).files())
    return list(layout.plans), list(layout.rosters), list(layout.cases), list(layout.other)


#: The line closing the front matter, with the line break before it: a search for a literal first character
#: (^ in multi-line mode was tried at every character of the case)
_FM_END = re.compile(r"\n(?:---|\.\.\.)[ \t]*\r?(?=\n|\Z)")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line offset of the front matter) or None when the file has none."""
    first = text.split("\n", 1)
    if first[0].rstrip("\r \t") != "---" or len(first) == 1:
        return None
    rest = first[1]
    end = _FM_END.search("\n" + rest)  # in rest: the match starts where the line break's is, ends a character before
    if end is None:
        return None
    nl = rest.find("\n", end.end() - 1)
    return rest[:end.start()], ("" if nl < 0 else rest[nl + 1:]), 1


def plan_id_of(text: str) -> str | None:
    """The plan's id without building the whole file (top-level ``id:`` line)."""
    for line in text.splitlines():
        if line.startswith("id:"):
            return line[3:].split("#", 1)[0].strip().strip("'\"") or None
    return None


@functools.lru_cache(maxsize=256)
def _built(text: str, rel: str, cls: type, tz: dt.tzinfo, line_offset: int) -> tuple[object | None,
                                                                                   tuple[Finding, ...]]:
    """A record from YAML text; the same file is often the same text at many commits (a roster between
    plan revisions, a plan and its last approved version): built once."""
    node, found = compose(text, rel, line_offset=line_offset)
    if node is None:
        return None, tuple(found)
    b = Builder(rel, tz, line_offset=line_offset, merges="<<" in text)
    value = b.build(cls, node)
    return value, tuple(found + b.findings)


def timezone_of(cfg: Config, found: list[Finding]) -> dt.tzinfo:
    try:
        return ZoneInfo(cfg.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(finding("S009", cfg.at("timezone"), value=cfg.timezone))
        return ZoneInfo(DEFAULT_TZ)


def site_url_of(cfg: Config, found: list[Finding]) -> Config:
    """The settings with site.url kept only when it is an http(s) address with a host (S010 otherwise)."""
    from urllib.parse import urlsplit
    url = cfg.site.url
    if not url:
        return cfg
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in url)
    except ValueError:
        ok = False
    if ok:
        return cfg
    found.append(finding("S010", cfg.site.at("url"), value=url[:200]))
    return dataclasses.replace(cfg, site=dataclasses.replace(cfg.site, url=""))


class Loader:
    """The files of one tree, each read and built at most once: a whole repository (:meth:`repository`), or
    only what a question needs (:meth:`plan_files`, :meth:`record`, :meth:`roster_for`).

    Every file is read through ``tree.read`` (:func:`~generator.load.source.read_text`): nothing else opens
    the inputs.
    """

    def __init__(self, tree: Tree):
        self.tree = tree
        self._texts: dict[str, tuple[str | None, tuple[Finding, ...]]] = {}
        self._records: dict[tuple[str, type], tuple[object | None, tuple[Finding, ...]]] = {}
        self._repository: Loaded | None = None

    @functools.cached_property
    def layout(self) -> Layout:
        return classify(self.tree.files())

    def text(self, rel: str) -> tuple[str | None, tuple[Finding, ...]]:
        """The text of ``rel`` (None when it cannot be read as text) and the problems reading it."""
        if rel not in self._texts:
            text, found = read_text(self.tree, rel)
            self._texts[rel] = (text, tuple(found))
        return self._texts[rel]

    @functools.cached_property
    def config_file(self) -> tuple[Config, tuple[Finding, ...]]:
        """The settings in planbook.yml (defaults when it cannot be read or built) and the file's problems."""
        cfg, found = self._build(CONFIG_NAME, Config, ZoneInfo(DEFAULT_TZ))
        if not isinstance(cfg, Config):
            cfg = Config(office=Office(name=""), loc=Loc(CONFIG_NAME))
        return cfg, found

    @functools.cached_property
    def _config(self) -> tuple[Config, tuple[Finding, ...], dt.tzinfo]:
        cfg, found = self.config_file
        more: list[Finding] = []
        tz = timezone_of(cfg, more)
        cfg = site_url_of(cfg, more)
        return cfg, found + tuple(more), tz

    @property
    def config(self) -> Config:
        return self._config[0]

    @property
    def tz(self) -> dt.tzinfo:
        """The office's timezone (planbook.yml), in which written times are read."""
        return self._config[2]

    def record(self, rel: str, cls: type) -> tuple[object | None, tuple[Finding, ...]]:
        """The plan, roster or case in file ``rel`` (None when it cannot be read or built), with the file's
        problems."""
        key = (rel, cls)
        if key not in self._records:
            self._records[key] = self._case(rel, cls) if cls in (Case, Drill) else self._build(rel, cls, self.tz)
        return self._records[key]

    def _build(self, rel: str, cls: type, tz: dt.tzinfo) -> tuple[object | None, tuple[Finding, ...]]:
        text, found = self.text(rel)
        if text is None:
            return None, found
        # in serve (kept.py) a file whose text is the same as in the last build gives that build's record itself
        value, more = keep.kept(f"built-{cls.__name__}", rel, keep.fingerprint(text, tz),
                                lambda: _built(text, rel, cls, tz, 0))
        return value, found + more

    def _case(self, rel: str, cls: type = Case, kept: bool = True) -> tuple[Case | Drill | None, tuple[Finding, ...]]:
        """A case or a drill: front matter, then the Markdown body.  ``kept=False``: built outside the cache of
        :func:`_built`, so that nothing holds it once its reader drops it.  In serve (kept.py) a file whose text is
        the same as in the last build gives that build's record itself."""
        text, found = self.text(rel)
        if text is None:
            return None, found
        return keep.kept(f"built-{cls.__name__}", rel, keep.fingerprint(text, self.tz, found),
                         lambda: self._case_of(text, found, rel, cls, kept))

    def _case_of(self, text: str, found: tuple[Finding, ...], rel: str, cls: type,
                 kept: bool) -> tuple[Case | Drill | None, tuple[Finding, ...]]:
        parts = split_front_matter(text)
        if parts is None:
            return None, found + (finding("C001", Loc(rel, 1, 1)),)
        fm, body, offset = parts
        case, more = (_built if kept else _built.__wrapped__)(fm, rel, cls, self.tz, offset)
        if not isinstance(case, cls):
            return None, found + more
        first = text.count("\n", 0, len(text) - len(body)) + 1 + (len(body) - len(body.lstrip("\n")))
        return dataclasses.replace(case, body=body.strip("\n") + ("\n" if body.strip() else ""),
                                   locs={**case.locs, "body": (first, 1)}), found + more

    def plan_files(self) -> dict[str, str]:
        """plan id -> its plan file, read from each file's ``id:`` line without building it (so plans that do
        not build are there too); the first file wins for a repeated id."""
        out: dict[str, str] = {}
        for rel in self.layout.plans:
            text = self.text(rel)[0]
            pid = plan_id_of(text) if text else None
            if pid:
                out.setdefault(pid, rel)
        return out

    def roster_for(self, plan: Plan) -> tuple[Roster | None, tuple[Finding, ...]]:
        """The roster ``plan`` uses, by the rule of :meth:`Repository.roster_for` (the first roster file with
        its id; with no id, the only roster), and that roster file's problems.  Rosters are built only until
        the one is found."""
        built: list[tuple[Roster, tuple[Finding, ...]]] = []
        for rel in self.layout.rosters:
            roster, found = self.record(rel, Roster)
            if isinstance(roster, Roster):
                if plan.roster and roster.id == plan.roster:
                    return roster, found
                built.append((roster, found))
        if not plan.roster and len(built) == 1:
            return built[0]
        return None, ()

    def repository(self) -> Loaded:
        """Every file of the tree, as a :class:`Repository` with every problem found."""
        if self._repository is None:
            with gc_paused():
                self._repository = self._load()
        return self._repository

    def stream(self, each_case: Callable[[Repository, Case], None]) -> Loaded:
        """Every file of the tree like :meth:`repository`, but each case goes to ``each_case(head, case)`` as soon
        as it is built and is not kept: memory holds one case at a time, whatever the number of cases.  ``head``
        is the repository without its cases and drills (settings, plans, rosters); the :class:`Repository` returned
        has no cases.  Each call reads the cases again."""
        with gc_paused():
            return self._load(each_case)

    def _load(self, each_case: Callable[[Repository, Case], None] | None = None) -> Loaded:
        config, found_config, _ = self._config
        found = list(found_config)
        layout = self.layout
        found.extend(finding("F010", Loc(rel)) for rel in layout.other)
        digest = hashlib.sha256()  # of what was read: equal digests, equal model

        def digested(rel: str) -> None:
            text = self.text(rel)[0]
            digest.update(f"{rel}\0{len(text) if text is not None else -1}\0".encode())
            digest.update((text or "").encode("utf-8"))

        digested(CONFIG_NAME)
        records: dict[type, list] = {Plan: [], Roster: [], Case: [], Drill: []}
        unloaded: list[tuple[str, str]] = []  # plan files that did not build: (the id on their id: line, file)
        head = None
        for cls, files in ((Plan, layout.plans), (Roster, layout.rosters), (Case, layout.cases),
                           (Drill, layout.drills)):
            streamed = cls is Case and each_case is not None
            if streamed:
                head = Repository(root=self.tree.root, config=config, plans=tuple(records[Plan]),
                                  rosters=tuple(records[Roster]), unloaded_plans=tuple(unloaded))
            for rel in files:
                value, problems = self._case(rel, kept=False) if streamed else self.record(rel, cls)
                found.extend(problems)
                if streamed:
                    if value is not None:
                        each_case(head, value)
                elif value is not None:
                    records[cls].append(value)
                elif cls is Plan:
                    text = self.text(rel)[0]
                    pid = plan_id_of(text) if text else None
                    if pid:
                        unloaded.append((pid, rel))
                digested(rel)
                if cls in (Case, Drill):  # thousands of them, never asked for again: their texts are not kept
                    self._texts.pop(rel)
        repo = Repository(root=self.tree.root, config=config, plans=tuple(records[Plan]),
                          rosters=tuple(records[Roster]), cases=tuple(records[Case]), drills=tuple(records[Drill]),
                          files=(CONFIG_NAME,) + layout.plans + layout.rosters + layout.cases + layout.other
                          + layout.drills,
                          digest=digest.hexdigest(), unloaded_plans=tuple(unloaded))
        return Loaded(repo, tuple(found))


def load_config(source: str | os.PathLike | Tree, found: list[Finding]) -> Config:
    """The office's settings from planbook.yml alone (no plan or case is read), its problems added to
    ``found``: for commands that need only the settings (sign, verify)."""
    tree = source if isinstance(source, Tree) else WorkTree(os.fspath(source))
    config, problems = Loader(tree).config_file
    found.extend(problems)
    return config


def load_repository(source: str | os.PathLike | Tree) -> Loaded:
    """Load every file of ``source``: a :class:`Tree` (the working tree or a commit), or the folder holding
    planbook.yml (its working tree)."""
    tree = source if isinstance(source, Tree) else WorkTree(os.fspath(source))
    return Loader(tree).repository()
