"""Helpers shared by the PDF and signing tests (no tests here): render a subset of the examples once."""
from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4


def load_examples():
    from generator.load.repo import load_repository
    return load_repository(str(ROOT)).repo


def subset_jobs(repo, public: bool = False):
    """The township plan (sections), the measures (articles), a draft, cards and one case report."""
    from generator.load.history import GitInfo
    from generator.model.plan import Status
    from generator.pdf.documents import build_info, cards_job, case_job, plan_job
    from generator.pdf.fonts import resolve_fonts
    from generator.views import Audience, Views
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    git = GitInfo("0123456789abcdef0123456789abcdef01234567", False, False, {})
    build = build_info(git, None)
    t = ROOT / "site_templates"
    v = Views(repo, Audience.public if public else Audience.internal)
    township = repo.plan_by_id["qingshi-township"]
    school = repo.plan_by_id["xiyuan-school"]
    draft = dataclasses.replace(school, status=Status.draft, id="xiyuan-draft")
    case = next(c for c in repo.cases if c.id == "2025-001")
    jobs = [plan_job(v, township, fonts, build, t), plan_job(v, repo.plan_by_id["qingshi-measures"],
                                                                      fonts, build, t),
            plan_job(v, draft, fonts, build, t), cards_job(v, township, fonts, build, t),
            case_job(v, case, fonts, build, t)]
    return jobs, fonts


def text_of(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)
