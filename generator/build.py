"""``build``: the whole pipeline, as stages.

load (files -> model) -> check (rules; errors stop here) -> PDFs -> signatures
-> site (links the PDFs) -> publish (swap the finished parts into the output folder).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .check import Report, check
from .load.history import read_git
from .load.repo import load_repository
from .model import Repository
from .output import check_output_dir, locked, publish, recover, staging
from .render import PdfManifest, RenderContext

#: progress(stage, done, total, label): stage is "pdf", "sign" or "site"
Progress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class SignRequest:
    """What signing needs that must not come from the repository: the passphrase."""

    certificate: Path
    passphrase: bytes
    timestamp_url: str = ""


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    today: dt.date
    site: bool = True
    pdf: bool = True
    public: bool = False
    sign: SignRequest | None = None
    jobs: int = 0


@dataclass(frozen=True)
class BuildResult:
    repo: Repository
    report: Report
    built: bool
    pdfs: PdfManifest = field(default_factory=PdfManifest)


def _no_progress(stage: str, done: int, total: int, label: str) -> None:
    pass


def build(root: str | Path, options: BuildOptions, progress: Progress = _no_progress) -> BuildResult:
    root = Path(root).resolve()
    loaded = load_repository(str(root))
    report = check(loaded, options.today)
    if report.errors:
        return BuildResult(loaded.repo, report, built=False)
    out = options.out.resolve()
    check_output_dir(out, root)
    repo = loaded.repo
    tracked = tuple(p for p in repo.files if p.startswith(("plans/", "cases/")))
    git = read_git(str(root), tracked)
    with locked(out):
        recover(out)
        with staging(out) as stage:
            ctx = RenderContext(repo=repo, report=report, out=stage, git=git, today=options.today,
                                public=options.public, jobs=options.jobs,
                                previous=out if (out / "pdf").is_dir() else None)
            parts: list[str] = []
            manifest = PdfManifest()
            if options.pdf:
                from .pdf import render_pdfs
                manifest = render_pdfs(ctx, progress)
                if options.sign is not None:
                    from .sign import sign_pdfs
                    manifest = sign_pdfs(ctx, manifest, options.sign, progress)
                parts.append("pdf")
            if options.site:
                from .site import render_site
                render_site(ctx, manifest, progress)
                parts.append("site")
            publish(out, stage, parts)
    return BuildResult(repo, report, built=True, pdfs=manifest)
