"""The check step: run every rule over a loaded repository and settle the findings.

Load findings and rule findings are merged, severities overridden from
planbook.yml, ``off`` dropped, and the result filtered to the paths asked
about and sorted by place.

:func:`check` checks a repository already loaded (the build has one); :func:`check_tree` is ``planbook check``:
it loads and checks in one pass, each case checked as it is loaded and then dropped, so memory holds the plans,
rosters and drills, the findings and one case, not tens of thousands of cases.  Both run the same rules in the
same order (:func:`generator.rules.registry.check_case`, then ``check_rest``) and give the same findings.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .findings import Finding, Severity, settled_severity
from .load.repo import Loaded, Loader, gc_paused
from .load.tree import Tree, WorkTree
from .model import Case, Repository
from .rules import Context, run_rules
from .rules.registry import check_case, check_rest


@dataclass(frozen=True)
class CheckResult:
    """What ``planbook check`` found: the findings, settled and sorted."""

    findings: tuple[Finding, ...]
    #: how many plans, rosters, cases and drills were checked
    counted: Mapping[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.error)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.warning)


def _selected(path: str, only: Iterable[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in only)


def check(loaded: Loaded, today: dt.date, only: Iterable[str] | None = None,
          due_within: dt.timedelta | None = None) -> CheckResult:
    """Run the rules.  ``only``: repository-relative files or folders to report on (None = all);
    ``due_within``: also remind of plan reviews due within this time."""
    repo = loaded.repo
    found = list(loaded.findings)
    with gc_paused():
        found.extend(run_rules(Context(repo, today, due_within)))
    return _settle(found, repo, len(repo.cases), only)


def check_tree(source: str | os.PathLike | Tree, today: dt.date, only: Iterable[str] | None = None,
               due_within: dt.timedelta | None = None) -> tuple[Loaded, CheckResult]:
    """Load ``source`` (a tree, or the folder holding planbook.yml) and check it, in memory that does not grow
    with the number of cases: the loaded repository (without its cases) and what :func:`check` would find."""
    tree = source if isinstance(source, Tree) else WorkTree(os.fspath(source))
    found: list[Finding] = []
    ctx: Context | None = None
    cases = 0

    def each_case(head: Repository, case: Case) -> None:
        nonlocal ctx, cases
        if ctx is None:
            ctx = Context(head, today, due_within)
        found.extend(check_case(ctx, case))
        cases += 1

    with gc_paused():
        loaded = Loader(tree).stream(each_case)
        rest = Context(loaded.repo, today, due_within, case_ids=ctx.case_ids if ctx else {})
        found.extend(check_rest(rest))
    return loaded, _settle([*loaded.findings, *found], loaded.repo, cases, only)


def _settle(found: list[Finding], repo: Repository, cases: int, only: Iterable[str] | None) -> CheckResult:
    overrides = repo.config.rules
    settled = []
    for f in found:
        sev = settled_severity(f.code, f.severity, overrides)
        if sev is Severity.off:
            continue
        if sev is not f.severity:
            f = dataclasses.replace(f, severity=sev)
        settled.append(f)
    if only is not None:
        only = [p for p in only if p not in ("", ".")] or None
    if only is not None:
        settled = [f for f in settled if _selected(f.loc.path, only)]
    settled.sort(key=Finding.sort_key)
    counted = {"plans": len(repo.plans), "rosters": len(repo.rosters), "cases": cases, "drills": len(repo.drills)}
    return CheckResult(tuple(settled), counted)
