"""Writing findings for people and for machines: text, json, junit, github."""
from __future__ import annotations

import json
from collections.abc import Callable

import click

from ..check import CheckResult
from ..findings import Finding, Severity
from ..model import Repository
from . import terminal_safe

_COLOURS = {Severity.error: "red", Severity.warning: "yellow"}


def _counts(repo: Repository, report: CheckResult, lang: str) -> str:
    n = report.counted
    p, r, c, d = n["plans"], n["rosters"], n["cases"], n["drills"]
    e, w = report.errors, report.warnings
    if lang == "zh":
        head = f"检查了 {p} 个预案、{r} 个通讯录、{c} 个案例、{d} 次演练"
        tail = "没有发现问题" if not (e or w) else f"{e} 个错误，{w} 个警告"
        return f"{head}：{tail}。"
    head = f"Checked {p} plans, {r} rosters, {c} cases, {d} drills"
    tail = "no problems found" if not (e or w) else f"{e} errors, {w} warnings"
    return f"{head}: {tail}."


def text(repo: Repository, report: CheckResult, lang: str, colour: bool) -> str:
    hint_word = "提示" if lang == "zh" else "hint"
    lines = []
    for f in report.findings:
        sev = f.severity.value
        tag = click.style(f"{sev}[{f.code}]", fg=_COLOURS.get(f.severity), bold=True) if colour else f"{sev}[{f.code}]"
        lines.append(terminal_safe(f"{f.loc}: {tag} {f.message(lang)}"))
        hint = terminal_safe(f.hint(lang))
        if hint:
            lines.append(f"    {hint_word}: {hint}" if lang == "en" else f"    {hint_word}：{hint}")
    lines.append(_counts(repo, report, lang))
    return "\n".join(lines)


def _as_dict(f: Finding, lang: str) -> dict:
    return {"path": f.loc.path, "line": f.loc.line, "col": f.loc.col, "severity": f.severity.value,
            "code": f.code, "message": f.message(lang), "hint": f.hint(lang)}


def as_json(repo: Repository, report: CheckResult, lang: str, colour: bool) -> str:
    return json.dumps({
        "findings": [_as_dict(f, lang) for f in report.findings],
        "summary": {**report.counted, "errors": report.errors, "warnings": report.warnings},
    }, ensure_ascii=False, indent=2)


def junit(repo: Repository, report: CheckResult, lang: str, colour: bool) -> str:
    """One test case per file; each error is a failure (warnings go to system-out)."""
    from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib.request, 30 ms of every command's start
    by_file: dict[str, list[Finding]] = {p: [] for p in repo.files}
    for f in report.findings:
        by_file.setdefault(f.loc.path, []).append(f)
    cases = []
    for path, found in by_file.items():
        errors = [f for f in found if f.severity is Severity.error]
        warnings = [f for f in found if f.severity is Severity.warning]
        body = ""
        if errors:
            detail = "\n".join(f"{f.loc}: [{f.code}] {f.message(lang)} ({f.hint(lang)})" for f in errors)
            body += f"<failure message={quoteattr(errors[0].message(lang))} type={quoteattr(errors[0].code)}>" \
                    f"{escape(detail)}</failure>"
        if warnings:
            body += "<system-out>" + escape("\n".join(f"{f.loc}: warning[{f.code}] {f.message(lang)}"
                                                      for f in warnings)) + "</system-out>"
        cases.append(f'  <testcase classname="planbook.check" name={quoteattr(path)}>{body}</testcase>')
    failures = sum(1 for p, fs in by_file.items() if any(f.severity is Severity.error for f in fs))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuite name="planbook check" tests="{len(by_file)}" failures="{failures}" errors="0">\n'
            + "\n".join(cases) + "\n</testsuite>")


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def github(repo: Repository, report: CheckResult, lang: str, colour: bool) -> str:
    """GitHub Actions workflow commands: annotations on the lines of the pull request."""
    out = []
    for f in report.findings:
        level = "error" if f.severity is Severity.error else "warning"
        props = f"file={_gh_escape(f.loc.path, True)}"
        if f.loc.line:
            props += f",line={f.loc.line},col={f.loc.col or 1}"
        props += f",title={_gh_escape(f.code, True)}"
        msg = f.message(lang) + (f" — {f.hint(lang)}" if f.hint(lang) else "")
        out.append(f"::{level} {props}::{_gh_escape(msg)}")
    out.append(_counts(repo, report, lang))
    return "\n".join(out)


FORMATS: dict[str, Callable[[Repository, CheckResult, str, bool], str]] = {
    "text": text, "json": as_json, "junit": junit, "github": github}
