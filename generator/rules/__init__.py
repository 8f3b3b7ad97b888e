"""The rules, one module per concern; importing this package registers them all."""
from . import cases, compliance, deadlines, grading, lifecycle, references, roster, site, structure  # noqa: F401
from .registry import RULES, Context, Rule, run_rules

__all__ = ["RULES", "Context", "Rule", "run_rules"]
