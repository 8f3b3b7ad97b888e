"""The PDF renderer: official documents of the plans (GB/T 9704-2012), response cards, case reports.

``render_pdfs(ctx, progress)`` builds the HTML of every document from the typed model (documents.py and
the templates in site_templates/pdf/), checks that the fonts can draw every character (fonts.py), and
renders with WeasyPrint as PDF/A-2b in worker processes.  A PDF whose inputs (its HTML, the font files,
the WeasyPrint version) did not change since the previous build is copied from it instead.  Every date and
ID comes from the commit, so an unsigned PDF is byte-for-byte reproducible.

When nothing the renderer reads has changed at all (``inputs_key``: the loaded files, git's commit, history and
tags, the options, the fonts and their fallbacks, Planbook's code and templates, the versions of WeasyPrint and
of the packages that make the HTML), ``unchanged`` finds the previous build's PDFs reusable as they are, and an
unsigned build copies them without making any HTML (``Reuse``).

What the renderer wrote is kept in its record (record.py, ``.inputs.json``): each file's sha256, inputs, and the
plan's status, version and commit at build time.  Signing decides from it what may be signed.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..render import TEMPLATES, PdfFile, PdfManifest, RenderContext
from ..resources import code_digest, package_version
from .documents import BuildInfo, Job, build_info, changes_job, jobs_for
from .errors import FontMissing, GlyphMissing, PdfError, RenderFailed
from .fonts import FontSet, resolve_fonts
from .record import Entry, Origin, PdfRecord, file_hash

__all__ = ["render_pdfs", "render_jobs", "render_one", "render_change_table", "inputs_key", "unchanged", "Reuse",
           "origin_of", "PdfError", "FontMissing", "GlyphMissing", "RenderFailed"]
PDF_VARIANT = "pdf/a-2b"


#: Packages whose version changes what a PDF holds: the renderer (and, by _packages, what it needs),
#: and what makes its HTML (Markdown, Jinja2, the YAML reader, jieba's name detection in masked texts)
HTML_PACKAGES = ("weasyprint", "markdown", "jinja2", "markupsafe", "pyyaml", "jieba")


def _fonts_key(fonts: FontSet) -> str:
    """The font files of the roles and of their fallbacks (fontconfig's choice, which changes when fonts are
    installed or removed): path, size and time of each."""
    parts = []
    entries = [(path, path) for _role, path in fonts.files]
    entries += [(f"{role}:{family}:{path}#{index}", path) for role, chain in fonts.fallbacks
                for family, path, index in chain]
    for label, path in entries:
        try:
            st = os.stat(path)
            parts.append(f"{label}:{st.st_size}:{int(st.st_mtime)}")
        except OSError:
            parts.append(f"{label}:-")
    return "|".join(parts)


def input_hash(job: Job, fonts_key: str, engine: str) -> str:
    h = hashlib.sha256()
    for part in (PDF_VARIANT, engine, fonts_key, job.base_url, job.html, *job.alternatives):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def render_one(html: str, base_url: str, target: str, label: str = "", alternatives: tuple[str, ...] = ()) -> str:
    """Render one HTML document to ``target`` (PDF/A-2b).  Runs in a worker process.  While the document
    would end on an odd page, the next of ``alternatives`` is rendered instead (a 公文's last page is even)."""
    from weasyprint import DEFAULT_OPTIONS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from .justify import install
    install()  # justified Chinese lines
    configs: list[FontConfiguration] = []
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        options = {**DEFAULT_OPTIONS, "pdf_variant": PDF_VARIANT, "custom_metadata": True}
        configs.append(FontConfiguration())
        document = HTML(string=html, base_url=base_url + "/", url_fetcher=fonts_only()).render(
            font_config=configs[-1], **options)
        for other in alternatives:
            if len(document.pages) % 2 == 0:
                break
            configs.append(FontConfiguration())
            document = HTML(string=other, base_url=base_url + "/", url_fetcher=fonts_only()).render(
                font_config=configs[-1], **options)
        try:
            document.write_pdf(target, **options)
        except OSError as e:  # the disk, not the document: the caller says which folder is full
            raise OSError(e.errno, e.strerror, target) from None
    except OSError:
        raise
    except Exception as e:  # WeasyPrint's own errors: name the document, never a traceback
        raise RenderFailed(f"生成 PDF 失败：{label or target}：{type(e).__name__}: {e}。",
                           f"rendering a PDF failed: {label or target}: {type(e).__name__}: {e}",
                           "请检查该文档的内容；若问题持续，请加 --verbose 报告给维护者。",
                           "Check the document's content; if it persists, report it with --verbose to the maintainers.",
                           path=target) from None
    finally:
        for fc in configs:
            _drop_font_copies(fc)
    return target


def _drop_font_copies(fc) -> None:
    """Delete the copies of the @font-face files WeasyPrint made for one document (a ``weasyprint-*`` folder in
    the temporary directory, about 30 MB with the bundled fonts).  WeasyPrint deletes it only when the
    FontConfiguration is garbage-collected, which a PDF worker process never gets to before it exits: every
    build left one folder per worker and document kind behind, and a daily build filled /tmp."""
    folder = getattr(fc, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fc._folder = None


#: What a document may load while it renders (fonts_only): the font files of its @font-face rules.
FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc", ".woff", ".woff2")


def fonts_only():
    """WeasyPrint's url_fetcher for Planbook's documents: font files on this machine only.  An image or
    link written into a plan or case (``![](file:///etc/…)``, ``![](http://…)``) is not read, fetched or
    embedded: the PDF depends on the repository alone, and rendering never reaches the network."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file" and unquote(parsed.path).lower().endswith(FONT_SUFFIXES):
                return super().fetch(url, headers)
            raise ValueError(f"not loaded while rendering a Planbook PDF: {url[:80]}")
    return FontsOnly()


def render_jobs(jobs: list[Job], out: Path, previous: Path | None = None, workers: int = 0,
                progress: Callable[[str, int, int, str], None] | None = None,
                fonts: FontSet | None = None, inputs_key: str = "", origin: Origin | None = None) -> tuple[list[Job], list[str]]:
    """Render ``jobs`` into ``out`` (reusing unchanged files of ``previous``); returns (jobs, reused relpaths).
    The record of what was written goes to ``out``: with ``inputs_key`` (of the build, for
    ``unchanged``) and ``origin`` (the repository, commit and plan status of each document, for signing)."""
    out.mkdir(parents=True, exist_ok=True)
    engine = package_version("weasyprint")
    fkey = _fonts_key(fonts) if fonts else ""
    old = PdfRecord.load(previous)
    hashes: dict[str, str] = {}
    todo: list[Job] = []
    reused: list[str] = []
    total = len(jobs)
    done = 0
    for job in jobs:
        h = input_hash(job, fkey, engine)
        hashes[job.relpath] = h
        src = previous / job.relpath if previous else None
        before = old.entry_for(job.relpath)
        # what each file was when the previous build wrote it: a file changed since (signed in place by
        # `planbook sign`, edited by hand) is rendered again, never passed off as the build's own
        if (src is not None and before is not None and before.inputs == h and not before.signed and src.is_file()
                and before.sha256 == file_hash(src)):
            dst = out / job.relpath
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            reused.append(job.relpath)
            done += 1
            if progress:
                progress("pdf", done, total, job.relpath)
        else:
            todo.append(job)
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(todo)))
    if workers == 1:
        for job in todo:
            render_one(job.html, job.base_url, str(out / job.relpath), job.title, job.alternatives)
            done += 1
            if progress:
                progress("pdf", done, total, job.relpath)
    elif todo:
        import multiprocessing
        mp = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp) as pool:
            futures = {pool.submit(render_one, j.html, j.base_url, str(out / j.relpath), j.title, j.alternatives): j
                       for j in sorted(todo, key=lambda j: -len(j.html))}
            try:
                for fut in as_completed(futures):
                    fut.result()
                    done += 1
                    if progress:
                        progress("pdf", done, total, futures[fut].relpath)
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    written = [Entry(j.relpath, j.kind, j.subject, j.title, file_hash(out / j.relpath), hashes[j.relpath])
               for j in jobs if (out / j.relpath).is_file()]
    PdfRecord.written(written, origin, inputs_key).save(out)
    return jobs, reused


def _packages() -> set[str]:
    """HTML_PACKAGES and what WeasyPrint itself needs (fontTools, pydyf, tinycss2 …)."""
    import re
    from importlib.metadata import requires
    names = set(HTML_PACKAGES)
    try:
        names |= {re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0].lower() for r in requires("weasyprint") or ()
                  if "extra ==" not in r}
    except Exception:
        pass
    return names


@functools.lru_cache(maxsize=4)
def _code_key(templates: Path) -> str:
    """Planbook's own code and the PDF templates: a change to either makes every PDF again."""
    return code_digest(templates, _packages())


def inputs_key(repo, git, today: dt.date, public: bool, templates: Path, fonts: FontSet) -> str:
    """Everything the PDF renderer reads, as one hash: the loaded files (Repository.digest), git's commit,
    history and tags (dates, versions, change tables), the options, the font files, Planbook's code and
    templates.  Equal keys, equal PDFs."""
    if not repo.digest:
        return ""
    h = hashlib.sha256()
    parts = (PDF_VARIANT, _code_key(templates), repo.root, repo.digest, git.commit or "", str(git.dirty),
             repr(sorted((path, [(r.commit, r.date.isoformat()) for r in revs]) for path, revs in git.history.items())),
             repr(git.tags), today.isoformat(), str(public), _fonts_key(fonts))
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Reuse:
    """The previous build's PDFs, every one as it would be made again (``unchanged``)."""

    folder: Path  # the previous build's pdf folder
    record: PdfRecord

    @property
    def manifest(self) -> PdfManifest:
        return self.record.manifest

    def copy_to(self, out: Path, progress: Callable[[str, int, int, str], None] | None = None) -> PdfManifest:
        out.mkdir(parents=True, exist_ok=True)
        total = len(self.record.entries)
        for n, e in enumerate(self.record.entries, 1):
            (out / e.relpath).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.folder / e.relpath, out / e.relpath)
            if progress:
                progress("pdf", n, total, e.relpath)
        self.record.save(out)
        return self.manifest


def unchanged(previous: Path, repo, git, today: dt.date, public: bool, templates: Path = TEMPLATES) -> Reuse | None:
    """The PDFs in ``previous`` (the last build's pdf folder) when that build had the same inputs_key and
    every file is as it wrote it (none signed or edited since); None otherwise."""
    old = PdfRecord.load(previous)
    if not old.inputs_key or not old.entries or any(e.signed for e in old.entries):
        return None
    try:
        key = inputs_key(repo, git, today, public, templates, resolve_fonts(repo.config.fonts, repo.root))
    except PdfError:  # a font gone missing: render_pdfs says so
        return None
    if old.inputs_key != key:
        return None
    try:
        if any(e.sha256 != file_hash(previous / e.relpath) for e in old.entries):
            return None
    except OSError:
        return None
    return Reuse(previous, old)


def origin_of(repo, git, jobs: list[Job], tables=()) -> Origin:
    """What the record says of each document beside its bytes: the status and version of the plan of an
    official text or response cards, of the new side of a change table (``tables``: (job, ChangeTable)
    pairs; a draft revision is "draft"), and the commit of the build."""
    from ..render.changes import is_draft
    documents: dict[str, tuple[str, str]] = {}
    for job in jobs:
        plan = repo.plan_by_id.get(job.subject) if job.kind in ("plan", "cards", "response") else None
        if plan is not None:
            documents[job.relpath] = (plan.status.value, plan.version or "")
    for job, table in tables:
        documents[job.relpath] = ("draft" if is_draft(table) else table.new.status, table.new.version or "")
    commit = (git.commit or "") + ("+" if git.commit and git.dirty else "")
    return Origin(repo.root, commit, documents)


def render_change_table(table, fonts: FontSet, target: Path, templates: Path) -> Path:
    """One change table (修订对照表) between any two commits as a PDF at ``target`` (``planbook diff --pdf``).

    The date and commit in the file come from the newer commit (the older one when the newer is the
    working tree), so the same two commits give the same file."""
    from .reports import write  # written whole or not at all
    side = table.new if table.new.commit != "worktree" else table.old
    when = side.date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    commit = table.new.short if table.new.commit != "worktree" else f"{table.old.short}+"
    return write(changes_job(table, fonts, BuildInfo(commit, when), templates, relpath=target.name), target)


def render_pdfs(ctx: RenderContext, progress: Callable[[str, int, int, str], None] | None = None) -> PdfManifest:
    """Render every plan, its response cards and every closed case into ctx.out/"pdf"."""
    repo = ctx.repo
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    build = build_info(ctx.git, ctx.today)
    jobs = jobs_for(ctx.views, fonts, build, ctx.templates, compendium=ctx.compendium)
    tables = [(changes_job(t, fonts, build, ctx.templates), t) for pv in ctx.versions.values() for t in pv.tables]
    jobs += [job for job, _table in tables]
    previous = ctx.previous / "pdf" if ctx.previous else None
    out = ctx.out / "pdf"
    render_jobs(jobs, out, previous, ctx.jobs, progress, fonts,
                inputs_key(repo, ctx.git, ctx.today, ctx.public, ctx.templates, fonts),
                origin_of(repo, ctx.git, jobs, tables))
    return PdfManifest(tuple(PdfFile(j.relpath, j.kind, j.subject, j.title) for j in jobs))
