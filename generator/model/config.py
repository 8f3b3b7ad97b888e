"""planbook.yml: settings of one office's repository."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..findings import Severity
from .common import Period, Record, fld


@dataclass(frozen=True, kw_only=True, slots=True)
class Office(Record):
    name: str = fld("单位全称", example="安平镇人民政府")
    short_name: str = fld("简称", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Config(Record):
    office: Office = fld("本单位")
    timezone: str = fld("时区：案例中不带时区的时间按此理解", "Asia/Shanghai")
    review_cycle: Period = fld("预案评估修订周期：3年、18个月", Period("3年", 36), example="3年")
    rules: Mapping[str, Severity] = fld("按规则代码调整严重程度：error / warning / off", factory=dict,
                                        example={"P503": "warning"})
