"""The roster draft: people the source names (beside a post, in a contact table), written in the roster
format (docs/formats.md) beside the drafted plan, every entry marked for review.  Names never go into the
plan's posts; the draft is a file the loader does not read (``roster.yml.draft``) until a person has checked
it and renamed or merged it."""
from __future__ import annotations

import datetime as dt
import re

from ..model.common import phone_kind, placeholder_in
from .extract import Person, Review
from .write import Commented, render

DRAFT_NAME = "roster.yml.draft"


def placeholder_phone(number: str) -> str | None:
    """Why ``number`` looks like a placeholder rather than a real number, or None."""
    if placeholder_in(number) or re.search(r"[xX×*＊?？]", number):
        return "含 x、* 等占位符"
    digits = re.sub(r"\D", "", number)
    if re.search(r"(\d)\1{6,}", digits):
        return "一串相同的数字"
    if phone_kind(number) is None:
        return "位数或格式不对（手机 11 位，固定电话带区号）"
    return None


def merge(people: list[Person]) -> list[Person]:
    """One entry per name, in order of first mention: posts and phones from every mention."""
    out: dict[str, Person] = {}
    for p in people:
        known = out.get(p.name)
        if known is None:
            out[p.name] = p
            continue
        phones = known.phones + tuple(n for n in p.phones if n not in known.phones)
        out[p.name] = Person(known.name, known.post or p.post, known.where, known.quote, phones)
    return list(out.values())


def roster_draft(people: list[Person], pid: str, source: str, unit: str, today: dt.date
                 ) -> tuple[str | None, list[Review]]:
    """The draft's text (None when the source names nobody) and the review items it adds to the plan's."""
    people = merge(people)
    if not people:
        return None, []
    review: list[Review] = []
    entries = []
    for i, p in enumerate(people, start=1):
        notes = [f"待核对：来源 第{p.where}{unit} “{p.quote}”"]
        value: dict = {"id": f"person-{i}", "name": p.name}
        if p.post:
            value["post"] = p.post
        if p.phones:
            value["phones"] = list(p.phones)
        else:
            notes.append("原文没有写电话，请补充 phones")
        for n in p.phones:
            why = placeholder_phone(n)
            if why:
                notes.append(f"电话“{n}”像是占位（{why}），请换成真实号码")
                review.append(Review(p.where, f"通讯录草稿：{p.name}的电话“{n}”像是占位（{why}）", p.quote))
        value["note"] = "导入的草稿，待核对"
        entries.append(Commented(value, "\n".join(notes)))
    header = [f"通讯录草稿：由 planbook import 从 {source} 导入，{today.isoformat()}；供预案 {pid} 使用。",
              "其中的人员和电话取自原文，每一项都要核对（见各项上方的注释），人员标识 person-N 请改为小写拼音。",
              "这个文件不会被 planbook 读取：核对后并入 plans/rosters/ 下的通讯录，或改名为 roster.yml。"]
    return render(header, {"id": f"{pid}-draft", "people": entries}), review
