"""Views: what every output shows of a plan, a case or a roster, made once per build and read by the site's
pages, the PDFs, the reports and the compendium alike.

Masking is a step of the pipeline here, not a flag in the renderers: a build is for an :class:`Audience`, and
:class:`Masking` (the one place that knows the names to mask and what each audience may see) makes the
views for it.  A renderer gets views that are already what its readers may see.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import re
from dataclasses import dataclass

from . import kept
from .compliance import Badge, Calendar, applies, case_badges
from .model import Case, Plan, Repository
from .model.case import Action, Entry
from .model.common import LimitUnit, Role
from .model.drill import Drill
from .model.plan import RANK_NAMES, Body, BodyType, Deadline, EventType, Level, Post, Status, Step, level_rank
from .model.repository import Directory
from .model.roster import Person, Roster
from .numbering import Numbered, numbered_sections
from .privacy import Masker, actor_name, anonymise_case, anonymise_summary, mask_mobile, mask_plain, mask_record


class Audience(str, enum.Enum):
    """Who reads an output."""

    internal = "internal"  # the office itself: everything as written
    public = "public"  # readers beyond the office (planbook build --public): mobiles masked, case texts anonymised
    training = "training"  # the training compendium: case texts anonymised


@dataclass(frozen=True)
class Masking:
    """What an audience may see, and the one list of names to mask (the rosters' people)."""

    audience: Audience
    names: frozenset[str]  # every roster name of two or more characters

    @classmethod
    def of(cls, repo: Repository, audience: Audience) -> Masking:
        return cls(audience, frozenset(p.name for r in repo.rosters for p in r.people if len(p.name) >= 2))

    @property
    def masks(self) -> bool:
        return self.audience is not Audience.internal

    def phone(self, number: str) -> str:
        """A phone number as shown: mobiles masked for the public (office landlines are published anyway)."""
        return mask_mobile(number) if self.masks else number

    def text(self, text: str) -> str:
        """Free text with personal data masked (names, mobiles, ID numbers) for a masked audience."""
        return Masker(self.names, ()).text(text) if self.masks else text

    def case(self, case: Case) -> Case:
        """A case as shown: anonymised in every free-text field for a masked audience."""
        if not self.masks:
            return case
        # in serve, kept from the last build when the case and the names are the same (name detection is slow)
        return kept.kept(f"anonymised-{self.audience.value}", case.id, kept.fingerprint(case, tuple(sorted(self.names))),
                         lambda: anonymise_case(case, self.names))

    def drill(self, drill: Drill) -> Drill:
        """A drill as shown: every free-text field (title, scenario, timeline notes, findings, actions, body)
        masked for names, mobiles and ID numbers for a masked audience.  Its references (participants, ``by``,
        owners) stay ids here: the views resolve them through :meth:`actor`."""
        if not self.masks:
            return drill
        return mask_record(drill, Masker(self.names, ()).text)

    def summary(self, case: Case) -> Case:
        """What a list shows of a case (title, lessons, questions), masked for a masked audience."""
        return anonymise_summary(case, self.names) if self.masks else case

    def repository(self, repo: Repository) -> Repository:
        """The repository as a masked audience may see it, for every renderer alike: in every plan's text fields
        the ID and mobile numbers and self-introduced names masked (mask_plain); in the rosters the mobiles
        masked, personal fields (note, email) left out, unit notes masked as free text; in the cases every text
        field masked for numbers (the case views then anonymise names on top).  Internal: ``repo`` itself."""
        if not self.masks:
            return repo
        return dataclasses.replace(repo, plans=tuple(self.plan(p) for p in repo.plans),
                                   rosters=tuple(self.roster(r) for r in repo.rosters),
                                   cases=tuple(kept.kept("numbers-masked", c.id, kept.fingerprint(c),
                                                         functools.partial(mask_record, c, mask_plain))
                                               for c in repo.cases),
                                   drills=tuple(mask_record(d, mask_plain) for d in repo.drills))

    def plan(self, plan: Plan) -> Plan:
        """A plan as a masked audience may see it: every text field masked for ID and mobile numbers and
        self-introduced names (mask_plain).  Internal: ``plan`` itself."""
        return mask_record(plan, mask_plain) if self.masks else plan

    def roster(self, roster: Roster) -> Roster:
        """A roster as a masked audience may see it: every text field (posts, units, phones …) masked for
        numbers, personal fields (note, email) left out, unit notes masked as free text."""
        if not self.masks:
            return roster
        r = mask_record(roster, mask_plain)
        people = tuple(dataclasses.replace(
            p, **{f: "" for f in _PERSON_PERSONAL if isinstance(getattr(p, f), str)}) for p in r.people)
        units = tuple(dataclasses.replace(u, note=self.text(u.note)) for u in r.units)
        return dataclasses.replace(r, people=people, units=units)

    def version(self, plan: Plan, roster: Roster | None) -> tuple[Plan, Roster | None]:
        """One version of a plan and its roster as a change table (修订对照表) compares them for this audience:
        both sides are masked before they are compared, so no number is split into pieces that escape it."""
        return self.plan(plan), (self.roster(roster) if roster is not None else None)

    def actor(self, directory: Directory | None, ref: str) -> str:
        """What a timeline shows for a ``by`` reference: the directory's name for it, a person pseudonymised
        for a masked audience (an id resolves to the roster's real name, which the case's own masking never
        saw), and the result masked again as free text."""
        name = actor_name(directory, ref, self.masks)
        return self.text(name) if self.masks else name


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
    """A phone number as shown, with the tel: target to call it (none for a masked number)."""
    shown = masking.phone(number)
    return Phone(shown, "") if shown != number or "*" in shown else Phone(number, _tel(number))


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


@dataclass(frozen=True)
class Named:
    """A reference as shown: what it names, the people to call for it, and a unit's own duty phones."""

    name: str
    people: tuple[Contact, ...] = ()
    phones: tuple[Phone, ...] = ()  # an outside unit's duty phones (people have their own)
    key: str = ""  # what it names, as "kind:id" (body:office, post:monitor, person:…); "" when it names nothing

    @property
    def callable(self) -> tuple[Phone, ...]:
        """Every number to call for it: its people's, then the unit's."""
        return tuple(ph for c in self.people for ph in c.phones) + self.phones


def target_key(target) -> str:
    """What a resolved reference names, as one key: "kind:id" (a roster post by its name)."""
    item = target.item
    return f"{target.kind}:{getattr(item, 'id', None) or target.name}"


def responds(plan: Plan) -> bool:
    """Whether a plan gets response pages and response cards: every plan in force with levels (not a
    superseded one)."""
    return plan.status is not Status.superseded and bool(plan.levels)


@dataclass(frozen=True)
class LevelView:
    level: Level
    lead: tuple[Named, ...]
    report_to: tuple[Named, ...]


@dataclass(frozen=True)
class DeadlineView:
    deadline: Deadline
    owner: tuple[Named, ...]
    recipient: tuple[Named, ...]
    levels: tuple[str, ...]  # the names of the levels it applies to; () for every level

    @property
    def limit(self) -> str:
        return str(self.deadline.limit)


@dataclass(frozen=True)
class StepView:
    step: Step
    owner: tuple[Named, ...]
    deadlines: tuple[Deadline, ...]

    @property
    def label(self) -> str:
        """The step's name, with its stage when the name does not say it (报告（研判）, never 发现（发现）)."""
        stage = self.step.stage.label
        return self.step.name if stage in self.step.name else f"{self.step.name}（{stage}）"


@dataclass(frozen=True)
class BodyView:
    body: Body
    leader: tuple[Named, ...]
    deputies: tuple[Named, ...]
    members: tuple[Named, ...]

    @property
    def titles(self) -> tuple[str, str]:
        """What its head and deputies are called: 主任 / 副主任 in an office, 组长 / 副组长 elsewhere."""
        return ("主任", "副主任") if self.body.type is BodyType.office else ("组长", "副组长")


@dataclass(frozen=True)
class PostView:
    post: Post
    holder: tuple[Named, ...]
    backup: tuple[Named, ...]


#: events by which an office speaks in public: the release rule of a response
RELEASE_EVENTS = frozenset({EventType.first_response, EventType.published, EventType.press_conference,
                            EventType.replied})


def _span(deadline: Deadline) -> float:
    """How far off a deadline is due, for ordering (a time of day counts as within the day)."""
    limit = deadline.limit
    return 1440.0 if limit.unit is LimitUnit.time_of_day else limit.minutes


@dataclass(frozen=True)
class ResponseView:
    """One level of one plan as the person on duty needs it: who leads, what is due by when and to whom,
    the steps and who takes them, who speaks and the release rule (the response page and card)."""

    plan: Plan
    level: LevelView
    deadlines: tuple[DeadlineView, ...]  # those that apply to the level, soonest first
    steps: tuple[StepView, ...]
    spokespeople: tuple[PostView, ...]
    release: tuple[DeadlineView, ...]  # deadlines of public release (首次公开回应, 发布信息 …)


@dataclass(frozen=True)
class TimelineRow:
    entry: Entry  # as shown (masked for a masked audience)
    by: tuple[str, ...]  # the names of who acted, as shown


@dataclass(frozen=True)
class ActionRow:
    """A follow-up action (整改事项) of a case or a drill as shown: its text masked, its owner's name."""

    action: Action  # as shown
    owner: str  # the owner's name (a person pseudonymised for a masked audience)

    def overdue(self, today) -> bool:
        return self.action.done is None and self.action.due < today


def level_names(plan: Plan | None, level_id: str) -> tuple[str, str]:
    """(the level's name in its plan, the name used to count and filter across plans: by severity rank,
    Ⅰ级（一级）…, else the plan's name for it); the level id when the plan does not know it."""
    level = next((lv for lv in plan.levels if lv.id == level_id), None) if plan else None
    name = level.name if level else level_id
    rank = level_rank(level_id, level.name if level else "")
    return name, RANK_NAMES.get(rank, name) if rank else name


@dataclass(frozen=True)
class CaseView:
    """A case as its page, its report PDF and the compendium show it."""

    case: Case  # as shown: anonymised for a masked audience
    plan: Plan | None
    level: str  # the level's name in its plan (the level id when the plan does not know it)
    level_group: str  # the name used to filter across plans (重大 …)
    timeline: tuple[TimelineRow, ...]
    compliance: tuple[Badge, ...]
    actions: tuple[ActionRow, ...] = ()


@dataclass(frozen=True)
class DrillView:
    """A drill (演练) as its page, its evaluation report PDF and the home page's due list show it: the same
    compliance arithmetic as a case's, its people resolved through its plan's directory."""

    drill: Drill  # as shown: masked for a masked audience
    plan: Plan | None
    level: str  # the level's name in its plan (the level id when the plan does not know it)
    participants: tuple[str, ...]  # names as shown
    timeline: tuple[TimelineRow, ...]
    compliance: tuple[Badge, ...]
    actions: tuple[ActionRow, ...]

    @property
    def late(self) -> int:
        """How many of the plan's deadlines the drill missed or did not record."""
        return sum(1 for b in self.compliance if b.tone != "ok")

    def open_actions(self) -> tuple[ActionRow, ...]:
        return tuple(a for a in self.actions if a.action.done is None)


@dataclass(frozen=True)
class PlanView:
    """A plan as its page and its PDFs show it: its sections numbered once, and its references resolved through
    one directory (the plan's bodies and posts, its roster) into what its audience may see."""

    plan: Plan
    sections: tuple[Numbered, ...]
    roster: Roster | None
    directory: Directory
    masking: Masking

    def named(self, refs) -> list[Named]:
        """References as shown: what each names (the reference itself when it names nothing) and the people
        to call for it, their contacts as the audience may see them."""
        return list(self._named(refs))

    def names(self, refs) -> list[str]:
        """The names the plan's directory gives the references (a reference itself when it names nothing)."""
        return [actor_name(self.directory, r, False) for r in refs]

    def _named(self, refs) -> tuple[Named, ...]:
        out = []
        for ref in refs:
            t = self.directory.resolve(ref)
            if t is None:
                out.append(Named(str(ref)))
            else:
                unit = tuple(phone(n, self.masking) for n in t.item.phones) if t.kind == "unit" else ()
                out.append(Named(t.name, tuple(contact(p, self.masking, self.roster) for p in self._callees(t)),
                                 unit, target_key(t)))
        return tuple(out)

    def _callees(self, target) -> tuple[Person, ...]:
        """Whom to call for a target: its people; for a body, the people who lead it (its 组长 or 主任)."""
        if target.kind != "body" or target.people:
            return target.people
        out: list[Person] = []
        for ref in target.item.leader:
            t = self.directory.resolve(ref)
            if t is not None and t.kind != "body":
                out.extend(p for p in t.people if p not in out)
        return tuple(out)

    @functools.cached_property
    def levels(self) -> tuple[LevelView, ...]:
        return tuple(LevelView(lv, self._named(lv.lead), self._named(lv.report_to)) for lv in self.plan.levels)

    @functools.cached_property
    def deadlines(self) -> tuple[DeadlineView, ...]:
        names = {lv.id: lv.name for lv in self.plan.levels}
        return tuple(DeadlineView(d, self._named(d.owner), self._named(d.recipient),
                                  tuple(names.get(x, x) for x in d.levels)) for d in self.plan.deadlines)

    @functools.cached_property
    def steps(self) -> tuple[StepView, ...]:
        by_id = {d.id: d for d in self.plan.deadlines}
        return tuple(StepView(s, self._named(s.owner), tuple(by_id[x] for x in s.deadlines if x in by_id))
                     for s in self.plan.procedure)

    @functools.cached_property
    def bodies(self) -> tuple[BodyView, ...]:
        org = self.plan.organization
        return tuple(BodyView(b, self._named(b.leader), self._named(b.deputies), self._named(b.members))
                     for b in (org.bodies if org else ()))

    @functools.cached_property
    def posts(self) -> tuple[PostView, ...]:
        org = self.plan.organization
        return tuple(PostView(p, self._named(p.holder), self._named(p.backup)) for p in (org.posts if org else ()))

    @functools.cached_property
    def responses(self) -> tuple[ResponseView, ...]:
        """One response per level, in the plan's order (most serious first)."""
        out = []
        for lv in self.levels:
            due = sorted((d for d in self.deadlines if applies(d.deadline, lv.level.id)),
                         key=lambda d: (d.deadline.trigger is not EventType.discovered, _span(d.deadline)))
            out.append(ResponseView(self.plan, lv, tuple(due), self.steps,
                                    tuple(p for p in self.posts if p.post.role is Role.spokesperson),
                                    tuple(d for d in due if d.deadline.event in RELEASE_EVENTS)))
        return tuple(out)


class Views:
    """The views of one repository for one audience, each made once (on first use) and then shared."""

    def __init__(self, repo: Repository, audience: Audience = Audience.internal):
        self.masking = Masking.of(repo, audience)
        #: the repository as this audience may see it (Masking.repository): what every renderer reads
        self.repo = self.masking.repository(repo)
        self._plans: dict[str, PlanView] = {}
        self._cases: dict[str, CaseView] = {}
        self._drills: dict[str, DrillView] = {}

    @property
    def audience(self) -> Audience:
        return self.masking.audience

    @functools.cached_property
    def calendar(self) -> Calendar:
        return Calendar.of(self.repo.config)

    def plan(self, plan: Plan) -> PlanView:
        view = self._plans.get(plan.id)
        if view is None:
            view = self._plans[plan.id] = PlanView(plan, numbered_sections(plan), self.repo.roster_for(plan),
                                                   self.repo.directory(plan), self.masking)
        return view

    def level_names(self, case: Case | Drill) -> tuple[str, str]:
        return level_names(self.repo.plan_by_id.get(case.plan), case.level)

    def case(self, case: Case) -> CaseView:
        view = self._cases.get(case.id)
        if view is None:
            view = self._cases[case.id] = self._case(case)
        return view

    def _case(self, case: Case) -> CaseView:
        shown = self.masking.case(case)
        plan = self.repo.plan_by_id.get(case.plan)
        directory = self.repo.directory(plan) if plan is not None else None
        who = functools.cache(lambda ref: self.masking.actor(directory, ref))
        level, group = self.level_names(case)
        return CaseView(shown, plan, level, group,
                        tuple(TimelineRow(e, tuple(who(b) for b in e.by)) for e in shown.timeline),
                        tuple(case_badges(case, plan, self.calendar)),
                        tuple(ActionRow(a, who(a.owner)) for a in shown.actions))

    def drill(self, drill: Drill) -> DrillView:
        view = self._drills.get(drill.id)
        if view is None:
            view = self._drills[drill.id] = self._drill(drill)
        return view

    def _drill(self, drill: Drill) -> DrillView:
        shown = self.masking.drill(drill)
        plan = self.repo.plan_by_id.get(drill.plan)
        directory = self.repo.directory(plan) if plan is not None else None
        who = functools.cache(lambda ref: self.masking.actor(directory, ref))
        level, _group = self.level_names(drill)
        known = plan is not None and drill.level in {lv.id for lv in plan.levels}
        return DrillView(shown, plan, level, tuple(who(p) for p in drill.participants),
                         tuple(TimelineRow(e, tuple(who(b) for b in e.by)) for e in shown.timeline),
                         tuple(case_badges(drill, plan, self.calendar)) if known else (),
                         tuple(ActionRow(a, who(a.owner)) for a in shown.actions))
