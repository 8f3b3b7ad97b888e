"""Writing a drafted plan as plan.yml: readable Chinese, a comment header with the review items, and a
provenance comment ('# 来源：第N行 “…”') above every extracted value; written atomically."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import PlanbookError


@dataclass(frozen=True)
class Commented:
    """A value with a comment line written above it."""

    value: Any
    comment: str


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _scalar(v: Any) -> str:
    if isinstance(v, str):
        v = _CONTROL.sub("", v)
    text = yaml.safe_dump([v], allow_unicode=True, width=10 ** 9, default_flow_style=False)
    return text[2:].rstrip("\n")


def _block(text: str, indent: str) -> str:
    lines = [ln.rstrip() for ln in _CONTROL.sub("", text).strip("\n").split("\n")]
    return "|-\n" + "\n".join((indent + ln) if ln else "" for ln in lines)


def _comment(text: str, indent: str) -> str:
    return "\n".join(f"{indent}# {ln}" for ln in text.split("\n"))


def emit(mapping: dict, indent: str = "") -> list[str]:
    out: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, Commented):
            out.append(_comment(value.comment, indent))
            value = value.value
        if value is None or value == [] or value == {} or value == "":
            continue
        if isinstance(value, dict):
            out.append(f"{indent}{key}:")
            out.extend(emit(value, indent + "  "))
        elif isinstance(value, list):
            out.append(f"{indent}{key}:")
            for item in value:
                note = None
                if isinstance(item, Commented):
                    note, item = item.comment, item.value
                if note:
                    out.append(_comment(note, indent + "  "))
                if isinstance(item, dict):
                    lines = emit(item, indent + "    ")
                    first = lines[0][len(indent) + 4:]
                    out.append(f"{indent}  - {first}")
                    out.extend(lines[1:])
                elif isinstance(item, str) and "\n" in item:
                    out.append(f"{indent}  - {_block(item, indent + '    ')}")
                else:
                    out.append(f"{indent}  - {_scalar(item)}")
        elif isinstance(value, str) and "\n" in value:
            out.append(f"{indent}{key}: {_block(value, indent + '  ')}")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}")
    return out


def render(header: list[str], mapping: dict) -> str:
    return "\n".join([_comment(h, "") if h else "#" for h in header] + emit(mapping)) + "\n"


class OutputExists(PlanbookError):
    """The plan file exists and --force was not given."""


def write_atomic(path: str, text: str, force: bool) -> None:
    if os.path.exists(path) and not force:
        raise OutputExists(f"{path} 已存在。", f"{path} exists", "加 --force 覆盖。", "Add --force to overwrite it.", path=path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".yml.tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
