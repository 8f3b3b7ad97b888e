"""JSON Schema and the field reference, both generated from the model classes.

The schemas let an editor (VS Code with the YAML extension, JetBrains …)
validate plan files as people type.  They mirror what the loader accepts: any
plain scalar for a text field, a single value where a list is expected, and
the Chinese label of a choice as well as its English value.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from .findings import Severity
from .load.build import is_required, written_fields
from .model import Case, Config, Drill, Plan, Roster
from .model.common import Id, Labelled, Limit, Markdown, Period, Ref

#: file kind -> (model class, schema file name, Chinese name)
DOCUMENTS = {
    "plan": (Plan, "plan.schema.json", "预案"),
    "roster": (Roster, "roster.schema.json", "通讯录"),
    "case": (Case, "case.schema.json", "案例（front matter）"),
    "drill": (Drill, "drill.schema.json", "演练（front matter）"),
    "config": (Config, "planbook.schema.json", "单位设置 planbook.yml"),
}

_DATE = r"^(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)$"
_DATETIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
_LIMIT = (r"^\s*((每日|每天)?\s*\d{1,2}([:：]\d{2}|时|点)\s*(前|之前)?|半小时|"
          r"(\d+(\.\d+)?|[零一二两三四五六七八九十半]+)\s*半?\s*"
          r"(个工作日|工作日|wd|working days?|分钟|分|mins?|minutes?|m|个小时|小时|时|h|hours?|"
          r"个自然日|自然日|日|天|d|days?)\s*(内|以内)?)\s*$")
_TEXT = {"type": ["string", "number", "boolean"]}


def _unwrap_optional(t: Any) -> tuple[Any, bool]:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(t) if a is not type(None)]
        return inner[0], True
    return t, False


def _scalar_schema(t: Any) -> dict | None:
    if t is Any:
        return {}
    if t is Markdown:
        return {"type": "string"}
    if t in (str, Ref):
        return dict(_TEXT)
    if t is Id:
        return {"type": ["string", "number"], "pattern": r"^[^\s/\\]+$"}
    if t is int:
        return {"type": "integer"}
    if t is bool:
        return {"type": "boolean"}
    if t is dt.date:
        return {"type": "string", "pattern": _DATE}
    if t is dt.datetime:
        return {"type": "string", "pattern": _DATETIME}
    if t is Limit:
        return {"type": "string", "pattern": _LIMIT}
    if t is Period:
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\d+\s*(年|y|years?|个月|月|mo|months?)$"}]}
    if isinstance(t, type) and issubclass(t, Labelled):
        return {"enum": [m.value for m in t] + [m.label for m in t if m.label != m.value]}
    if isinstance(t, type) and issubclass(t, Severity):
        return {"enum": [s.value for s in Severity]}
    return None


def _type_schema(t: Any, defs: dict) -> dict:
    t, optional = _unwrap_optional(t)
    out = _type_schema_required(t, defs)
    return {"anyOf": [out, {"type": "null"}]} if optional else out


def _type_schema_required(t: Any, defs: dict) -> dict:
    origin = typing.get_origin(t)
    if origin is tuple:
        item = typing.get_args(t)[0]
        item_schema = _type_schema(item, defs)
        if _scalar_schema(item) is not None:
            return {"anyOf": [item_schema, {"type": "array", "items": item_schema}]}
        return {"type": "array", "items": item_schema}
    import collections.abc
    if origin in (dict, collections.abc.Mapping, typing.Mapping):
        return {"type": "object", "additionalProperties": _type_schema(typing.get_args(t)[1], defs)}
    s = _scalar_schema(t)
    if s is not None:
        return s
    if dataclasses.is_dataclass(t):
        name = t.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _record_schema(t, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(t)


def _record_schema(cls: type, defs: dict) -> dict:
    props = {}
    required = []
    for f, t in written_fields(cls):
        s = dict(_type_schema(t, defs))
        s["description"] = f.metadata["doc"]
        props[f.name] = s
        if is_required(f):
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        out["required"] = required
    return out


def json_schema(kind: str) -> dict:
    cls, filename, zh = DOCUMENTS[kind]
    defs: dict[str, Any] = {}
    root = _record_schema(cls, defs)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"https://planbook.invalid/schemas/{filename}",
              "title": f"Planbook {zh}", **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


# ---------------------------------------------------------------------- field reference (docs)

def _type_name(t: Any) -> str:
    t, optional = _unwrap_optional(t)
    origin = typing.get_origin(t)
    if origin is tuple:
        return f"列表〈{_type_name(typing.get_args(t)[0])}〉"
    import collections.abc
    if origin in (dict, collections.abc.Mapping, typing.Mapping):
        return f"映射〈代码: {_type_name(typing.get_args(t)[1])}〉"
    if t is Any:
        return "任意 YAML"
    names = {str: "文本", Markdown: "Markdown", Ref: "引用", Id: "标识", int: "整数", bool: "是/否",
             dt.date: "日期", dt.datetime: "时间", Limit: "时限", Period: "周期"}
    if t in names:
        return names[t]
    if isinstance(t, type) and issubclass(t, Labelled):
        return "选项：" + " / ".join(f"`{m.value}` {m.label}" for m in t)
    if isinstance(t, type) and issubclass(t, Severity):
        return "选项：`error` / `warning` / `off`"
    if dataclasses.is_dataclass(t):
        return f"[{t.__name__}](#{t.__name__.lower()})"
    return str(t)


def _records(cls: type, seen: list[type]) -> list[type]:
    if cls in seen:
        return seen
    seen.append(cls)
    for _, t in written_fields(cls):
        for inner in _inner_types(t):
            if dataclasses.is_dataclass(inner) and inner not in (Limit, Period):
                _records(inner, seen)
    return seen


def _inner_types(t: Any):
    t, _ = _unwrap_optional(t)
    if typing.get_origin(t) is tuple:
        yield from _inner_types(typing.get_args(t)[0])
    else:
        yield t


def field_reference() -> str:
    """Markdown tables of every field of every file kind."""
    out = ["<!-- 由 scripts/gen_docs.py 从 generator/model 生成，请勿手改。 -->", ""]
    done: list[type] = []
    for kind, (cls, filename, zh) in DOCUMENTS.items():
        out += [f"## {zh}（`{kind}`，JSON Schema：`schemas/{filename}`）", ""]
        for rec in _records(cls, []):
            if rec in done:
                continue
            done.append(rec)
            out += [f"### {rec.__name__}", "", "| 键 | 类型 | 必填 | 说明 |", "|---|---|---|---|"]
            for f, t in written_fields(rec):
                req = "是" if is_required(f) else ""
                doc = f.metadata["doc"]
                if f.metadata.get("personal"):
                    doc += "（个人信息：公开站点和培训材料中隐去或打码）"
                default = f.default
                if not is_required(f) and default not in (dataclasses.MISSING, None, "") and not isinstance(default, tuple):
                    doc += f"；默认 `{default}`"
                out.append(f"| `{f.name}` | {_type_name(t)} | {req} | {doc} |")
            out.append("")
    return "\n".join(out)
