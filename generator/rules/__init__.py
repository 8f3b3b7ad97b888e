"""The rules, one module per concern; importing this package registers them all."""
from . import (  # noqa: F401
    cases,
    compliance,
    content,
    deadlines,
    drills,
    grading,
    lifecycle,
    national,
    publish,
    references,
    roster,
    site,
    structure,
)
from .registry import RULES, Context, Rule, run_rules

__all__ = ["RULES", "Context", "Rule", "run_rules"]
