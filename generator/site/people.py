"""The rota as the site shows it: who is on duty on a day (contacts as shown: views.contact)."""
from __future__ import annotations

import datetime as dt

from ..model.roster import Person, Roster, Shift


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
