"""The roster (通讯录): people, outside units and the duty rota of one office."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import Id, Record, Ref, Role, fld


@dataclass(frozen=True, kw_only=True, slots=True)
class Person(Record):
    id: Id = fld("人员标识（小写拼音或字母数字），预案中以此引用", example="wang-lei")
    name: str = fld("姓名", example="王磊")
    post: str = fld("职务，预案可按职务引用（如“党委副书记”）", "", example="党委副书记")
    unit: str = fld("所在部门或单位", "", example="党政办")
    phones: tuple[str, ...] = fld("电话：手机号，或带区号的固定电话（0123-5550101）", factory=tuple,
                                  personal=True)
    roles: tuple[Role, ...] = fld("角色：值班的 duty_leader 带班领导 / duty_officer 值班员，或岗位的 "
                                  "spokesperson / liaison / monitor / commentator / other（与预案岗位的 role 同一列表）",
                                  factory=tuple)
    backup: Ref | None = fld("AB 岗替补（人员标识）", None)
    email: str = fld("电子邮箱", "", personal=True)
    note: str = fld("备注（对外公开的站点不显示）", "", personal=True)


@dataclass(frozen=True, kw_only=True, slots=True)
class Unit(Record):
    id: Id = fld("单位标识", example="county-propaganda")
    name: str = fld("单位名称，预案可按名称引用", example="县委宣传部")
    phones: tuple[str, ...] = fld("值班电话", factory=tuple)
    note: str = fld("备注", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Shift(Record):
    date: dt.date | None = fld("日期（与 weekday 二选一）", None)
    weekday: int | None = fld("星期几，1 = 星期一 … 7 = 星期日", None)
    leader: Ref | None = fld("带班领导（人员标识）", None)
    staff: tuple[Ref, ...] = fld("值班人员（人员标识）", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Roster(Record):
    id: Id = fld("通讯录标识；预案的 roster 引用它", example="anping")
    office: str = fld("所属单位", "")
    people: tuple[Person, ...] = fld("人员", factory=tuple)
    units: tuple[Unit, ...] = fld("外部单位（上级部门、协作单位）", factory=tuple)
    rota: tuple[Shift, ...] = fld("值班表：按日期，或按星期几循环", factory=tuple)
