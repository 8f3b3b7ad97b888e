"""The rule registry.

A rule is a small function registered with a stable code, a default severity,
a Chinese and an English message and hint.  It reads the typed model and
yields ``(loc, args)`` pairs; the registry turns them into findings.  Rules
never read files and never render.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import CODES, Finding, Loc, define
from ..model import Repository

Hit = tuple[Loc, dict[str, Any]]


@dataclass(frozen=True)
class Context:
    repo: Repository
    today: dt.date
    #: ``check --due``: also report reviews falling due within this time (rule P511)
    due_within: dt.timedelta | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    check: Callable[[Context], Iterable[Hit]]

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


RULES: list[Rule] = []


def rule(code: str, severity: str, zh: str, en: str, hint_zh: str = "", hint_en: str = "", *, summary: str = "",
         guard: bool = False):
    """Register ``fn(ctx) -> Iterable[(loc, args)]`` under ``code``; ``guard``: planbook.yml cannot lower it
    (findings.Code.guard)."""

    def deco(fn: Callable[[Context], Iterable[Hit]]):
        define(code, severity, zh, en, hint_zh, hint_en, found_by="rule", summary=summary, guard=guard)
        RULES.append(Rule(code, fn))
        return fn

    return deco


def hit(loc: Loc, **args: Any) -> Hit:
    return loc, args


def run_rules(ctx: Context) -> Iterator[Finding]:
    for r in RULES:
        sev = CODES[r.code].severity
        for loc, args in r.check(ctx):
            yield Finding(r.code, sev, loc, args)


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
