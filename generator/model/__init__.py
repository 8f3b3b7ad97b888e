"""The typed model: what the loader produces and every later step reads."""
from .case import Action, Case, Category, Entry, Source
from .common import Limit, LimitUnit, Period, Record, Ref, Role
from .config import Config, Office
from .drill import Drill, DrillForm
from .plan import (
                   Body,
                   BodyType,
                   Colour,
                   Deadline,
                   EventType,
                   Filing,
                   Level,
                   Numbering,
                   Organization,
                   Plan,
                   PlanKind,
                   Post,
                   Section,
                   SectionKind,
                   Stage,
                   Status,
                   Step,
)
from .repository import Repository
from .roster import Person, Roster, Shift, Unit

__all__ = [
    "Action", "Drill", "DrillForm", "Body", "BodyType", "Case", "Category", "Colour", "Config", "Deadline", "Entry",
    "EventType", "Filing", "Level", "Limit", "LimitUnit", "Numbering", "Office", "Organization", "Period", "Person",
    "Plan", "PlanKind", "Post", "Record", "Ref", "Repository", "Role", "Roster", "Section",
    "SectionKind", "Shift", "Source", "Stage", "Status", "Step", "Unit",
]
