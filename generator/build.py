"""``build``: the whole pipeline, one part after another.

load (files -> model) -> check (rules; errors stop here) -> PDFs -> signatures
-> site (links the PDFs) -> publish (swap the finished parts into the output folder).
"""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .check import CheckResult, check
from .errors import PlanbookError
from .load.history import read_git
from .load.repo import load_repository
from .load.tree import tracked
from .model import Repository
from .output import CURRENT, check_output_dir, link_tree, locked, publish, recover, staging, writing
from .privacy import remembered
from .render import PdfManifest, RenderContext

#: What one build leaves for the next beside site/ and pdf/: the masked texts (privacy.remembered), the record of
#: the site's pages (site/incremental.py)
CACHE, MASKED, SITE_RECORD = ".cache", "masked.json", "site.json"

#: progress(part, done, total, label): part is "pdf", "sign" or "site"
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
    checked: CheckResult
    built: bool
    pdfs: PdfManifest = field(default_factory=PdfManifest)


#: the top-level module of each optional package -> the extra that installs it (the PDF extra for the packages
#: both renderers use: a build renders its PDFs first)
EXTRA_OF = {"weasyprint": "pdf", "pyhanko": "pdf", "pyhanko_certvalidator": "pdf", "segno": "pdf", "fontTools": "pdf",
            "docx": "pdf", "markdown": "pdf", "jieba": "pdf", "pymdownx": "site", "mkdocs": "site", "material": "site"}


class MissingExtra(PlanbookError):
    """A renderer (PDF or site) whose optional packages are not installed."""

    def __init__(self, extra: str, module: str):
        super().__init__(f"生成{ {'pdf': 'PDF', 'site': '站点'}[extra] }需要安装 planbook[{extra}]（缺少 {module}）。",
                         f"{ {'pdf': 'PDFs', 'site': 'the site'}[extra] } need planbook[{extra}] ({module} is missing)",
                         f"pip install 'planbook[{extra}]'（全部功能：planbook[all]），或在 Planbook 源码目录运行 ./dev.sh setup。",
                         f"pip install 'planbook[{extra}]' (everything: planbook[all]), or run ./dev.sh setup in "
                         "Planbook's source folder.")

    @classmethod
    def of(cls, e: ModuleNotFoundError) -> MissingExtra | None:
        """The missing extra behind ``e``, whenever a renderer imports the package (renderers import lazily, also
        in the middle of rendering); None when ``e`` is not about an optional package."""
        extra = EXTRA_OF.get((e.name or "").split(".")[0])
        return cls(extra, e.name) if extra else None


def _renderer(extra: str, name: str):
    """Import a renderer lazily, saying which extra to install when its packages are missing (a package it
    imports later, while rendering, is named at the command's boundary: cli._problem)."""
    import importlib
    try:
        return importlib.import_module(f".{name}", __package__)
    except ModuleNotFoundError as e:
        if EXTRA_OF.get((e.name or "").split(".")[0]):
            raise MissingExtra(extra, e.name) from None
        raise


def _no_progress(part: str, done: int, total: int, label: str) -> None:
    pass


def _versions(root: Path, repo: Repository, public: bool) -> dict:
    """Each plan's approved versions and draft revision from git history (the load step, before rendering).
    ``repo`` is the working tree as the build loaded it: the history reads only commits, never the files again.
    For a public build every version is masked (views.Masking) before its change table is made."""
    from .diff.versions import repository_versions
    from .views import Audience, Masking
    masking = Masking.of(repo, Audience.public if public else Audience.internal)
    return repository_versions(str(root), repo, masking.version if masking.masks else None)


def _pdf_shas(record, manifest: PdfManifest) -> list:
    """(PdfFile, sha256) of the manifest's PDFs, as the PDF record has them (what was written, reused or signed:
    the record is checked against the files when it is reused, and signing records its new bytes)."""
    shas = {e.relpath: e.sha256 for e in record.entries}
    return [(f, shas.get(f.relpath, "-")) for f in manifest.files]


def _site_key(repo: Repository, git, options: BuildOptions, pdfs: list) -> str:
    from .site.reuse import inputs_key
    return inputs_key(repo, git, options.today, options.public, pdfs)


def _site_unchanged(out: Path, key: str) -> bool:
    """Whether the previous build's site is the one these inputs make (its key recorded, site and record there)."""
    from .site.reuse import recorded
    return bool(key) and (out / "site").is_dir() and (out / CACHE / SITE_RECORD).is_file() \
        and recorded(out / CACHE) == key


def _keep_site(out: Path, staged: Path, source: bool = True) -> None:
    """The previous site's records (and with ``source``, its site-src, hard-linked) into the new generation."""
    from .site.reuse import KEY_FILE
    for name in (SITE_RECORD, KEY_FILE):
        if (out / CACHE / name).is_file():
            (staged / CACHE).mkdir(exist_ok=True)
            shutil.copyfile(out / CACHE / name, staged / CACHE / name)
    last = out / CURRENT / "site-src"
    if source and last.is_dir():
        link_tree(last.resolve(), staged / "site-src")


def build(root: str | Path, options: BuildOptions, progress: Progress = _no_progress) -> BuildResult:
    root = Path(root).resolve()
    loaded = load_repository(str(root))
    checked = check(loaded, options.today)
    if checked.errors:
        return BuildResult(loaded.repo, checked, built=False)
    out = options.out.resolve()
    check_output_dir(out, root)
    repo = loaded.repo
    git = read_git(str(root), tracked(repo.files))
    with locked(out):
        recover(out)
        previous = out if (out / "pdf").is_dir() else None
        # a signed build always signs: it never takes the last build's files as they are
        reuse = _renderer("pdf", "pdf").unchanged(previous / "pdf", repo, git, options.today, options.public) \
            if options.pdf and options.sign is None and previous else None
        # the whole site is the previous one when everything it is made from is the same (site/reuse.py): known
        # here when no PDF is made anew (a build that makes PDFs compares after them, for the next build)
        site_key, take_site = "", False
        if options.site and (reuse is not None or not options.pdf):
            site_key = _site_key(repo, git, options, _pdf_shas(reuse.record, reuse.manifest) if reuse else [])
            take_site = _site_unchanged(out, site_key)
        # the versions come from git history: needed by the site, and by PDFs that are made again
        versions = _versions(root, repo, options.public) \
            if git.commit and ((options.site and not take_site) or (options.pdf and not reuse)) else {}
        with writing(out), staging(out) as staged:  # a full disk is named as such, never as bad content
            ctx = RenderContext(repo=repo, checked=checked, out=staged, git=git, today=options.today,
                                public=options.public, jobs=options.jobs, previous=previous, versions=versions,
                                previous_site=out if (out / "site").is_dir() else None)
            parts: list[str] = [CACHE]
            manifest = PdfManifest()
            previous_masked = out / CACHE / MASKED
            with remembered(previous_masked if previous_masked.is_file() else None, staged / CACHE / MASKED,
                            keep=reuse is not None or take_site):
                if reuse is not None:
                    manifest = reuse.copy_to(staged / "pdf", progress)
                    parts.append("pdf")
                elif options.pdf:
                    manifest = _renderer("pdf", "pdf").render_pdfs(ctx, progress)
                    if options.sign is not None:
                        manifest = _renderer("pdf", "sign").sign_pdfs(ctx, manifest, options.sign, progress)
                    parts.append("pdf")
                if options.pdf:  # the plans as Word documents beside their PDFs (cheap: always made again)
                    _renderer("pdf", "word").write_word(ctx, staged / "word")
                    parts.append("word")
                if take_site:  # not in parts: publish links the previous site into the new generation
                    _keep_site(out, staged)
                elif options.site:
                    _renderer("site", "site").render_site(ctx, manifest, progress)
                    parts.append("site")
                    from .pdf.record import PdfRecord
                    from .site.reuse import record
                    if not site_key:  # PDFs were made: their bytes as this build's record has them
                        site_key = _site_key(repo, git, options, _pdf_shas(PdfRecord.load(staged / "pdf"), manifest))
                    record(staged / CACHE, site_key)
                else:  # the previous site stays: so do its records
                    _keep_site(out, staged, source=False)
            publish(out, staged, parts)
    return BuildResult(repo, checked, built=True, pdfs=manifest)
