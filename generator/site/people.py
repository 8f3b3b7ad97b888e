"""Contacts as the site shows them: names, posts, phones as tel: links; a public build masks
mobiles and leaves out the other personal fields (model fields marked personal=True)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from ..model import Repository
from ..model.plan import Plan
from ..model.roster import Person, Roster, Shift
from ..privacy import mask_mobile


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


def phone(number: str, public: bool) -> Phone:
    if public:
        masked = mask_mobile(number)
        if masked != number:
            return Phone(masked, "")
    return Phone(number, _tel(number))


def personal_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls) if f.metadata.get("personal")}


_PERSON_PERSONAL = personal_fields(Person)


def contact(person: Person, public: bool, roster: Roster | None = None) -> Contact:
    """A person as shown; in a public build personal fields are masked (phones) or left out."""
    def keep(name: str, value: str) -> str:
        return "" if public and name in _PERSON_PERSONAL else value
    backup = ""
    if person.backup and roster is not None:
        b = next((p for p in roster.people if p.id == person.backup), None)
        backup = b.name if b else person.backup
    return Contact(person.id, person.name, person.post, person.unit,
                   tuple(phone(n, public) for n in person.phones),
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


def resolve(repo: Repository, plan: Plan, refs, public: bool) -> list[Named]:
    directory = repo.directory(plan)
    out = []
    for ref in refs:
        t = directory.resolve(ref)
        if t is None:
            out.append(Named(str(ref)))
            continue
        out.append(Named(t.name, tuple(contact(p, public, directory.roster) for p in t.people)))
    return out
