"""The check step: run every rule over a loaded repository and settle the findings.

Load findings and rule findings are merged, severities overridden from
planbook.yml, ``off`` dropped, and the result filtered to the paths asked
about and sorted by place.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, Severity, settled_severity
from .load.repo import Loaded, gc_paused
from .rules import Context, run_rules


@dataclass(frozen=True)
class CheckResult:
    """What ``planbook check`` found: the findings, settled and sorted."""

    findings: tuple[Finding, ...]

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
    return CheckResult(tuple(settled))

