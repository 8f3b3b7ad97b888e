"""The whole repository as loaded: config, plans, rosters, cases, and look-ups
between them (which roster a plan uses, what a reference names)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .case import Case
from .config import Config
from .drill import Drill
from .plan import Body, Plan, Post
from .roster import Person, Roster, Unit


@dataclass(frozen=True, slots=True)
class Target:
    """What a reference names: a person, a post, a body, a unit, or a roster post held by people."""

    kind: str  # "person" | "post" | "body" | "unit" | "roster_post"
    name: str
    item: Person | Post | Body | Unit | None = None
    people: tuple[Person, ...] = ()  # who to call: the person, or the holders of the post


@dataclass(frozen=True)
class Directory:
    """The names a plan's references can use: its organization and its roster."""

    plan: Plan
    roster: Roster | None

    @cached_property
    def _lookup(self) -> tuple[dict[str, Target], dict[str, tuple[Target, Target]]]:
        """(name -> target, name -> the two targets it could mean); ids come before names."""
        idx: dict[str, Target] = {}
        ambiguous: dict[str, tuple[Target, Target]] = {}
        people = self.roster.people if self.roster else ()
        by_post: dict[str, list[Person]] = {}
        for p in people:
            if p.post:
                by_post.setdefault(p.post, []).append(p)
        entries: list[tuple[str, Target]] = []
        for p in people:
            entries.append((p.id, Target("person", p.name, p, (p,))))
        org = self.plan.organization
        for b in org.bodies if org else ():
            entries.append((b.id, Target("body", b.name, b)))
        for post in org.posts if org else ():
            entries.append((post.id, Target("post", post.name, post)))
        for u in self.roster.units if self.roster else ():
            entries.append((u.id, Target("unit", u.name, u)))
        for b in org.bodies if org else ():
            entries.append((b.name, Target("body", b.name, b)))
        for post in org.posts if org else ():
            entries.append((post.name, Target("post", post.name, post)))
        for name, holders in by_post.items():
            entries.append((name, Target("roster_post", name, None, tuple(holders))))
        for u in self.roster.units if self.roster else ():
            entries.append((u.name, Target("unit", u.name, u)))
        for p in people:
            entries.append((p.name, Target("person", p.name, p, (p,))))
        for key, target in entries:
            known = idx.setdefault(key, target)
            if known is not target and known.item is not target.item:
                ambiguous.setdefault(key, (known, target))
        return idx, ambiguous

    @property
    def _index(self) -> dict[str, Target]:
        return self._lookup[0]

    @property
    def ambiguous(self) -> dict[str, tuple[Target, Target]]:
        """Names that two different things answer to: the first wins; rule P406 warns."""
        return self._lookup[1]

    def resolve(self, ref: str) -> Target | None:
        """What ``ref`` names: ids first, then names (see docs/formats.md, 引用)."""
        target = self._index.get(ref)
        if target is None or target.kind != "post" or target.people:
            return target
        # a plan post: whom to call are the people named as its holders
        post = target.item
        people: list[Person] = []
        for h in post.holder:  # type: ignore[union-attr]
            t = self._index.get(h)
            if t is not None and t.kind in ("person", "roster_post"):
                people.extend(t.people)
        return Target("post", target.name, post, tuple(people))

    def names(self) -> list[str]:
        return list(self._index)


@dataclass(frozen=True)
class Repository:
    root: str
    config: Config
    plans: tuple[Plan, ...] = ()
    rosters: tuple[Roster, ...] = ()
    cases: tuple[Case, ...] = ()
    drills: tuple[Drill, ...] = ()
    #: repository-relative paths of every file that was read, loaded or not
    files: tuple[str, ...] = field(default=())
    #: sha256 of the text of every file that was loaded (with its path): equal digests, equal model
    digest: str = ""
    #: (plan id, file) of every plan file that failed to load (its id read from its ``id:`` line): a case or
    #: drill naming one is not told its plan "does not exist" (the plan file's own findings say why)
    unloaded_plans: tuple[tuple[str, str], ...] = ()

    @cached_property
    def plan_by_id(self) -> dict[str, Plan]:
        out: dict[str, Plan] = {}
        for p in self.plans:
            out.setdefault(p.id, p)
        return out

    @cached_property
    def roster_by_id(self) -> dict[str, Roster]:
        out: dict[str, Roster] = {}
        for r in self.rosters:
            out.setdefault(r.id, r)
        return out

    @cached_property
    def unloaded_plan_ids(self) -> frozenset[str]:
        return frozenset(pid for pid, _ in self.unloaded_plans)

    def roster_for(self, plan: Plan) -> Roster | None:
        if plan.roster:
            return self.roster_by_id.get(plan.roster)
        return self.rosters[0] if len(self.rosters) == 1 else None

    def directory(self, plan: Plan) -> Directory:
        return self._directories.setdefault(plan.id, Directory(plan, self.roster_for(plan)))

    @cached_property
    def _directories(self) -> dict[str, Directory]:
        return {}

    def drills_of(self, plan: Plan) -> list[Drill]:
        return [d for d in self.drills if d.plan == plan.id]

    def cases_of(self, plan: Plan) -> list[Case]:
        return [c for c in self.cases if c.plan == plan.id]
