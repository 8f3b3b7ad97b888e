"""What every renderer receives, and what the PDF renderer hands to the site renderer.

Renderers read the typed model only (never the files) and write only below
their own folder of ``RenderContext.out`` (the staging folder of one build).
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import resources
from ..check import CheckResult
from ..load.history import GitInfo
from ..model import Repository

if TYPE_CHECKING:
    from ..diff.versions import PlanVersions
    from ..views import Views


#: Planbook's own templates (site_templates/ in a checkout, generator/site_templates in a wheel)
TEMPLATES = resources.TEMPLATES


@dataclass(frozen=True)
class RenderContext:
    repo: Repository
    checked: CheckResult  # the check's findings (no errors: a build with errors stops before rendering)
    out: Path  # the build's staging root: the site goes to out/"site", PDFs to out/"pdf"
    git: GitInfo
    today: dt.date
    public: bool = False  # a build for readers beyond the office: mask mobiles, leave out personal fields
    jobs: int = 0  # parallel workers (0: one per core)
    previous: Path | None = None  # the last finished output folder (for reusing unchanged PDFs), if any
    #: the last finished output folder when it has a site (its pages are reused where unchanged), if any
    previous_site: Path | None = None
    templates: Path = TEMPLATES
    #: plan id -> its approved versions and draft revision, read from git history by the build (the load step)
    versions: Mapping[str, PlanVersions] = field(default_factory=dict)


    @functools.cached_property
    def views(self) -> Views:
        """The views of the repository for this build's readers (masked once here for a public build)."""
        from ..views import Audience, Views
        return Views(self.repo, Audience.public if self.public else Audience.internal)

    @functools.cached_property
    def compendium(self) -> tuple:
        """The library's training compendium (the cases with discussion questions, anonymised), selected
        once per build for its PDF and its site page alike."""
        from ..report.compendium import library_compendium
        return library_compendium(self.repo)


@dataclass(frozen=True)
class PdfFile:
    """One PDF the build made: where it is (relative to out/"pdf") and what it is."""

    relpath: str  # e.g. "plans/qingshi-township.pdf"
    kind: str  # "plan" | "cards" | "response" | "case" | "drill" | "report" | "training" | "changes"
    subject: str  # the plan id, case id or report name it belongs to
    title: str
    signed: bool = False


@dataclass(frozen=True)
class PdfManifest:
    files: tuple[PdfFile, ...] = ()

