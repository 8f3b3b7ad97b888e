"""Findings: what the loader and the rules report, as data.

A *code* (``P204``) is a stable identifier with a default severity, a Chinese
and an English message and hint.  Every code lives in one registry so the docs,
the CLI and the tests can list them all.  A :class:`Finding` is one occurrence
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
    stage: str = "rule"  # "file", "schema" (loader) or "rule"
    summary: str = ""  # one-line Chinese title for the docs


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


CODES: dict[str, Code] = {}


def define(code: str, severity: str, zh: str, en: str, hint_zh: str = "", hint_en: str = "",
           *, stage: str = "rule", summary: str = "") -> Code:
    """Register a code.  Codes are stable: never reuse a retired one."""
    if code in CODES:
        raise ValueError(f"code {code} defined twice")
    c = Code(code, Severity(severity), zh, en, hint_zh, hint_en, stage, summary or zh)
    CODES[code] = c
    return c


def finding(code: str, loc: Loc, **args: Any) -> Finding:
    return Finding(code, CODES[code].severity, loc, args)
