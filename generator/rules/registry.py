"""The rule registry.

A rule is a small function registered with a stable code, a default severity,
a Chinese and an English message and hint.  It reads the typed model and
yields ``(loc, args)`` pairs; the registry turns them into findings.  Rules
never read files and never render.

Cases are by far the most numerous files (tens of thousands after years), so what a rule checks in one case
is a function of that case alone, ``fn(ctx, case)`` (``@rule(..., per_case=True)``, or ``@for_each_case(code)``
beside a rule that also checks the other files): ``planbook check`` then runs it on each case as the case is
loaded and keeps no case in memory (:func:`generator.check.check_tree`).  What a rule needs across cases is
in the context's small index (:attr:`Context.case_ids`), filled as the cases pass.  The rules over the rest
of the repository (``fn(ctx)``) never read ``ctx.repo.cases``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..findings import CODES, Finding, Loc, define
from ..model import Case, Repository

Hit = tuple[Loc, dict[str, Any]]


@dataclass(frozen=True)
class Context:
    repo: Repository
    today: dt.date
    #: ``check --due``: also report reviews falling due within this time (rule P511)
    due_within: dt.timedelta | None = None
    #: case id -> the file of the first case with it, in the order the cases were checked (filled by
    #: :func:`check_case` as each case passes; what rules need across cases)
    case_ids: dict[str, str] = field(default_factory=dict)
    #: id of a plan, roster or drill -> all its texts joined (:func:`generator.rules.content.joined`)
    joined: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    code: str
    #: ``fn(ctx)``: the rule over the repository but its cases
    check: Callable[[Context], Iterable[Hit]] | None = None
    #: ``fn(ctx, case)``: the rule over one case
    each_case: Callable[[Context, Case], Iterable[Hit]] | None = None

    @property
    def doc(self) -> str:
        return ((self.check or self.each_case).__doc__ or "").strip()


RULES: list[Rule] = []
#: (code, severity, fn) of every rule's part over one case, in RULES order (filled on first use)
_CASE_CHECKS: list[tuple[str, Any, Callable[[Context, Case], Iterable[Hit]]]] = []


def rule(code: str, severity: str, zh: str, en: str, hint_zh: str = "", hint_en: str = "", *, summary: str = "",
         per_case: bool = False, guard: bool = False):
    """Register ``fn(ctx) -> Iterable[(loc, args)]`` under ``code``; with ``per_case``, ``fn(ctx, case)``, run on
    each case; ``guard``: planbook.yml cannot lower it (findings.Code.guard)."""

    def deco(fn):
        define(code, severity, zh, en, hint_zh, hint_en, found_by="rule", summary=summary, guard=guard)
        RULES.append(Rule(code, each_case=fn) if per_case else Rule(code, check=fn))
        _CASE_CHECKS.clear()
        return fn

    return deco


def for_each_case(code: str):
    """Add ``fn(ctx, case)`` to the rule ``code`` (registered with :func:`rule` just before): what the rule checks
    in one case."""

    def deco(fn: Callable[[Context, Case], Iterable[Hit]]):
        i = next(i for i, r in enumerate(RULES) if r.code == code)
        RULES[i] = Rule(code, RULES[i].check, fn)
        _CASE_CHECKS.clear()
        return fn

    return deco


def hit(loc: Loc, **args: Any) -> Hit:
    return loc, args


def check_case(ctx: Context, case: Case) -> Iterator[Finding]:
    """Every rule's findings in one case; the case's id then joins :attr:`Context.case_ids`."""
    if not _CASE_CHECKS:
        _CASE_CHECKS.extend((r.code, CODES[r.code].severity, r.each_case) for r in RULES if r.each_case is not None)
    for code, sev, fn in _CASE_CHECKS:
        for loc, args in fn(ctx, case):
            yield Finding(code, sev, loc, args)
    ctx.case_ids.setdefault(case.id, case.loc.path)


def check_rest(ctx: Context) -> Iterator[Finding]:
    """Every rule's findings in the repository but its cases, once the cases have passed :func:`check_case`."""
    for r in RULES:
        if r.check is not None:
            sev = CODES[r.code].severity
            for loc, args in r.check(ctx):
                yield Finding(r.code, sev, loc, args)


def run_rules(ctx: Context) -> Iterator[Finding]:
    """Every rule over a whole loaded repository: each case, then the rest."""
    for case in ctx.repo.cases:
        yield from check_case(ctx, case)
    yield from check_rest(ctx)


def repeated(items: Iterable[Any], key: Callable[[Any], Any] = lambda x: x.id) -> Iterator[tuple[Any, Any]]:
    """(item, first item with the same key) for every item whose key was seen before."""
    first: dict[Any, Any] = {}
    for item in items:
        k = key(item)
        if k in first:
            yield item, first[k]
        else:
            first[k] = item


def did_you_mean(word: str, choices: Iterable[str], lang: str) -> str:
    from ..load.build import suggest
    s = suggest(word, list(choices))
    if not s:
        return ""
    return f"，是不是“{s}”？" if lang == "zh" else f"; did you mean '{s}'?"
