"""Contacts as the site shows them: names, posts, phones as tel: links; a public build masks
mobiles and leaves out the other personal fields (model fields marked personal=True)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Repository
from ..model.plan import Plan
from ..model.roster import Person, Roster, Shift

if TYPE_CHECKING:
    from ..views import Masking


@dataclass(frozen=True)
class Phone:
    shown: str
    tel: str  # the tel: target ("" when masked: a masked number cannot be called)


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    post: str = ""
    unit: str = ""
    phones: tuple[Phone, ...] = ()
    roles: tuple[str, ...] = ()
    email: str = ""
    note: str = ""
    backup: str = ""


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number.split("转")[0])


def phone(number: str, masking: Masking) -> Phone:
    shown = masking.phone(number)
    return Phone(shown, "") if shown != number else Phone(number, _tel(number))


def personal_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls) if f.metadata.get("personal")}


_PERSON_PERSONAL = personal_fields(Person)


def contact(person: Person, masking: Masking, roster: Roster | None = None) -> Contact:
    """A person as shown; for a masked audience personal fields are masked (phones) or left out."""
    def keep(name: str, value: str) -> str:
        return "" if masking.masks and name in _PERSON_PERSONAL else value
    backup = ""
    if person.backup and roster is not None:
        b = next((p for p in roster.people if p.id == person.backup), None)
        backup = b.name if b else person.backup
    return Contact(person.id, person.name, person.post, person.unit,
                   tuple(phone(n, masking) for n in person.phones),
                   tuple(r.label for r in person.roles), keep("email", person.email), keep("note", person.note),
                   backup)


def on_duty(roster: Roster, day: dt.date) -> Shift | None:
    """The shift of ``day``: a shift for that date first, else the one for its weekday."""
    for s in roster.rota:
        if s.date == day:
            return s
    for s in roster.rota:
        if s.date is None and s.weekday == day.isoweekday():
            return s
    return None


def person_by_id(roster: Roster | None) -> dict[str, Person]:
    return {p.id: p for p in roster.people} if roster else {}


@dataclass(frozen=True)
class Named:
    """A reference as shown: what it names and the people to call for it."""

    name: str
    people: tuple[Contact, ...] = ()


def resolve(repo: Repository, plan: Plan, refs, masking: Masking) -> list[Named]:
    directory = repo.directory(plan)
    out = []
    for ref in refs:
        t = directory.resolve(ref)
        if t is None:
            out.append(Named(str(ref)))
            continue
        out.append(Named(t.name, tuple(contact(p, masking, directory.roster) for p in t.people)))
    return out
