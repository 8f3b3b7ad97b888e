"""Findings: what the loader and the rules report, as data.

A *code* (``P204``) is a stable identifier with a default severity, a Chinese
and an English message and hint.  Codes are defined beside the code that reports
them (the loader's modules, the rules); :data:`CODE_MODULES` is the one list of
those modules, and :data:`CODES` always holds every code of all of them, whatever
the caller happened to import, so the docs, the CLI and the tests see the same list.  A :class:`Finding` is one occurrence
of a code at a place in a file, with the values that fill its message.

Nothing here formats for a terminal: the CLI does that (see ``cli/formats.py``).
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    error = "error"
    warning = "warning"
    off = "off"

    @property
    def label_zh(self) -> str:
        return {"error": "错误", "warning": "警告", "off": "关闭"}[self.value]


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a source file: repository-relative path, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""
    found_by: str = "rule"  # "file", "schema" (the loader) or "rule"
    summary: str = ""  # one-line Chinese title for the docs
    #: a rule whose finding keeps the build from breaking or publishing what it must not (a page name taken, a link
    #: to nothing, a setting that loads from outside); with the loader's codes, planbook.yml cannot lower it
    guard: bool = False

    @property
    def fixed(self) -> bool:
        """planbook.yml's ``rules`` may raise this code but not lower it: the loader's codes (the file or value
        is not in the model) and the guards."""
        return self.found_by != "rule" or self.guard


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    loc: Loc
    args: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        c = CODES[self.code]
        return _fill(c.zh if lang == "zh" else c.en, self.args)

    def hint(self, lang: str = "zh") -> str:
        c = CODES[self.code]
        return _fill(c.hint_zh if lang == "zh" else c.hint_en, self.args)

    def sort_key(self) -> tuple:
        return (self.loc.path, self.loc.line, self.loc.col, self.code)


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a message never fails to format
        return ""


def _fill(template: str, args: Mapping[str, Any]) -> str:
    return template.format_map(_Blank(args)) if template else ""


#: Every module that defines codes, in the order check runs them: the loader's (file, YAML, schema), then
#: the rules'.  A module that calls ``define`` or ``@rule`` must be listed here (tests/test_rules.py checks).
CODE_MODULES = (
    "generator.load.source", "generator.load.yamlnodes", "generator.load.build", "generator.load.repo",
    "generator.rules.cases", "generator.rules.compliance", "generator.rules.content", "generator.rules.deadlines",
    "generator.rules.drills", "generator.rules.grading",
    "generator.rules.lifecycle", "generator.rules.national", "generator.rules.publish", "generator.rules.references",
    "generator.rules.roster",
    "generator.rules.site", "generator.rules.structure",
)

_DEFINED: dict[str, Code] = {}


class _Catalogue(Mapping[str, Code]):
    """Every code of :data:`CODE_MODULES`: the modules are imported on first use, so the list never depends on
    what was imported before."""

    def _all(self) -> dict[str, Code]:
        import importlib
        for name in CODE_MODULES:
            importlib.import_module(name)
        return _DEFINED

    def __getitem__(self, code: str) -> Code:
        found = _DEFINED.get(code)
        return found if found is not None else self._all()[code]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


CODES: Mapping[str, Code] = _Catalogue()


def define(code: str, severity: str, zh: str, en: str, hint_zh: str = "", hint_en: str = "",
           *, found_by: str = "rule", summary: str = "", guard: bool = False) -> Code:
    """Register a code.  Codes are stable: never reuse a retired one."""
    if code in _DEFINED:
        raise ValueError(f"code {code} defined twice")
    c = Code(code, Severity(severity), zh, en, hint_zh, hint_en, found_by, summary or zh, guard)
    _DEFINED[code] = c
    return c


def finding(code: str, loc: Loc, **args: Any) -> Finding:
    return Finding(code, CODES[code].severity, loc, args)


_RANK = {Severity.off: 0, Severity.warning: 1, Severity.error: 2}


def settled_severity(code: str, default: Severity, overrides) -> Severity:
    """The severity planbook.yml's ``rules`` gives ``code``: any code may be raised; a fixed one
    (findings.Code.fixed: the loader's codes and the guards) is never lowered (K102 says so)."""
    sev = overrides.get(code, default)
    known = CODES.get(code)
    if known is not None and known.fixed and _RANK[sev] < _RANK[default]:
        return default
    return sev
