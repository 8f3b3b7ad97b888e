"""The intranet site: plans, rosters and cases rendered with MkDocs and Material for MkDocs.

render_site(ctx, manifest, progress) writes Markdown pages from the Jinja2 templates in
site_templates/site/ and a generated mkdocs.yml into ``ctx.out/"site-src"``, copies the PDFs
and assets there, and builds the site into ``ctx.out/"site"`` (strict).  Case pages stay out
of the navigation (Material writes the whole navigation into every page).
"""
from __future__ import annotations

import functools
import itertools
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import yaml

from .. import kept
from ..numbering import cn_date
from ..output import CURRENT
from ..render import PdfManifest, RenderContext
from ..settings import css_outside, inside
from .mkdocs_config import mkdocs_config, site_name
from .offline import write_offline
from .pages import SiteData, case_path, drill_path, plan_path, report_path, response_path, roster_path
from .run import SiteError, mkdocs_build
from .search import material_without_jieba, write_index
from .text import markdown, plain, title_text
from .vcard import vcard_text
from .versions import change_page, change_path

__all__ = ["render_site", "write_sources", "SiteError"]

Progress = Callable[[str, int, int, str], None]


def _no_progress(part: str, done: int, total: int, label: str) -> None:
    pass


@functools.lru_cache(maxsize=4)
def _env(templates: Path):
    """The site's Jinja environment, made once per process (`planbook serve` builds again and again; Jinja
    reloads a template whose file changed)."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates / "site")), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
        # every value written into a page is plain text unless a template says otherwise
        finalize=lambda v: v if isinstance(v, Markup) else plain("" if v is None else v))
    env.filters["md"] = markdown
    env.filters["t"] = plain
    env.filters["heading"] = lambda v: plain(title_text(v))
    env.filters["url"] = lambda p: Markup(quote(str(p), safe="/:#?=&"))
    env.filters["rel"] = lambda target, here: Markup(quote(_relative(str(target), str(here)), safe="/#"))
    # in raw HTML MkDocs does not turn page.md into page.html: the link to the built page
    env.filters["page"] = lambda target, here: Markup(quote(re.sub(r"\.md(?=$|#)", ".html",
                                                                   _relative(str(target), str(here))), safe="/#"))
    env.filters["cn_date"] = cn_date
    env.filters["hm"] = lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""
    return env


#: a new number each time what every case page reads changed (write_sources)
_GENERATION = itertools.count(1)


def _template_stamp(templates: Path) -> tuple:
    """The site's Markdown templates as they are now (name, size, time written): Jinja reloads a changed one."""
    out = []
    for f in sorted((templates / "site").glob("*.j2")):
        st = f.stat()
        out.append((f.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def _relative(target: str, here: str) -> str:
    import posixpath
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def _copy_brand(repo_root: Path, rel: str, docs: Path, folder: str) -> str:
    """Copy an office file (logo, favicon, CSS) into the site; its path in the site.  A style sheet that would
    load anything from outside the site (@import, url(https://…)) is refused with its line."""
    src = (repo_root / rel).resolve()
    if not inside(rel) or not src.is_file() or repo_root.resolve() not in src.parents:
        raise SiteError(f"planbook.yml 的 site 设置中的文件不存在或不在库中：{rel}",
                        f"a file in planbook.yml's site settings is missing or outside the repository: {rel}", path=rel)
    data = src.read_bytes()
    if src.suffix.lower() == ".css":
        for line, excerpt in css_outside(data.decode("utf-8", "replace")):
            raise SiteError(f"{rel}:{line}: 样式表会从站点以外加载内容：{excerpt}",
                            f"{rel}:{line}: the style sheet would load from outside the site: {excerpt}",
                            "内网站点不访问外部：把字体、图片放进库中，用相对路径引用；不用 @import。",
                            "The intranet site requests nothing outside itself: put fonts and images in the "
                            "repository and refer to them by relative path; no @import.", path=rel)
    dst = docs / "assets" / folder / src.name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data)
    return f"assets/{folder}/{src.name}"


def write_sources(ctx: RenderContext, manifest: PdfManifest, progress: Progress = _no_progress) -> Path:
    """Write the Markdown pages, assets and mkdocs.yml into ``ctx.out/"site-src"``; the mkdocs.yml path."""
    repo = ctx.views.repo  # as this build's readers may see it (masked for a public build)
    src = ctx.out / "site-src"
    docs = src / "docs"
    if src.exists():
        shutil.rmtree(src)
    for d in ("plans", "rosters", "cases", "drills", "assets"):
        (docs / d).mkdir(parents=True, exist_ok=True)
    env = _env(ctx.templates)

    pdfs: dict[str, list] = {}
    for f in manifest.files:
        source = ctx.out / "pdf" / f.relpath
        if not source.is_file():
            continue
        target = docs / "pdf" / f.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        pdfs.setdefault(f.subject, []).append(f)
    made_compendium = any(f.kind == "training" for f in manifest.files)
    data = SiteData(ctx.views, ctx.today, pdfs, ctx.versions, ctx.compendium if made_compendium else None)

    # in serve, a page whose Markdown is the last build's is linked from its site-src (kept.write): the new file
    # costs more than the text, and MkDocs need not read it again to hash it (kept.file_digest)
    last_docs = ctx.previous_site / CURRENT / "site-src" / "docs" if ctx.previous_site is not None else None

    def put(path: str, text: str) -> None:
        kept.write("site-src", path, docs, last_docs, text)

    # in serve, a page's Markdown is taken from the last build when its template's values are the same
    # (kept.same_values: the same records, equal texts; other values by their ``repr``), as are the templates and --public: only the
    # pages whose inputs changed are rendered again (an edited case: its year or month page and those next to it,
    # the recent lists and reports that hold it)
    stamp = _template_stamp(ctx.templates) if kept.enabled() else ()

    def write(path: str, template: str, **values) -> None:
        def render() -> str:
            return env.get_template(template).render(here=path, public=ctx.public, **values)
        if kept.enabled():
            put(path, kept.kept("page-text", path, (template, stamp, ctx.public, values), render, kept.same_values))
        else:
            put(path, render())

    total = 2 + len(repo.plans) + len(repo.rosters) + len(repo.cases)
    done = 0
    write("index.md", "index.md.j2", site=site_name(repo), **data.home())
    for plan in repo.plans:
        write(plan_path(plan.id), "plan.md.j2", **data.plan(plan, ctx.git.history.get(plan.loc.path, ())))
        done += 1
        for level_id in data.response_paths(plan):  # the response page of each level of a plan in force
            path = response_path(plan.id, level_id)
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            write(path, "respond.md.j2", **data.response(plan, level_id))
    made = {f.relpath for f in manifest.files}
    for pv in ctx.versions.values():  # the change tables (修订对照表): between approved versions, and drafts
        for table in pv.tables:
            path = change_path(pv.plan_id, table)
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            write(path, "changes.md.j2", **change_page(table, plan_path(pv.plan_id), made))
    for roster in repo.rosters:
        values = data.roster(roster)
        write(roster_path(roster.id), "roster.md.j2", **values)
        if values["vcard"]:  # internal builds only: the roster as a phone imports it
            (docs / values["vcard"]).write_text(vcard_text(
                ctx.templates, people=values["people"], units=values["units"], roster_id=roster.id,
                office=roster.office or repo.config.office.name, category="舆情应急通讯录"), encoding="utf-8",
                newline="")
        done += 1
    def write_pages(pages: list[tuple[str, dict]], template: str) -> None:
        """A list's pages per year or month (pages.list_pages), each in its folder."""
        for path, values in pages:
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            write(path, template, **values)

    library, years = data.case_library()  # past pages.PAGE cases: the recent ones, and a page per year or month
    write("cases/index.md", "cases.md.j2", **library)
    write_pages(years, "cases.md.j2")
    case_tpl = env.get_template("case.md.j2")
    # in serve, a case page's Markdown is taken from the last build when what it reads is the same (kept.py): the
    # case and its plan records, its PDFs, and what every case page reads (settings, rosters, --today, --public,
    # the readers' masking, the templates); anything of those changed, every case page is written again
    shared = kept.kept("case-pages", "", kept.fingerprint(repo.config, repo.rosters, ctx.today, ctx.public,
                                                          tuple(sorted(data.masking.names)),
                                                          stamp),
                       lambda: next(_GENERATION)) if kept.enabled() else 0
    for i, case in enumerate(repo.cases, 1):
        path = case_path(case.id)
        text = kept.kept("case-page", case.id,
                         kept.fingerprint(shared, case, repo.plan_by_id.get(case.plan), pdfs.get(case.id)),
                         lambda path=path, case=case: case_tpl.render(here=path, public=ctx.public,
                                                                      **data.case(case)))
        put(path, text)
        if i % 200 == 0 or i == len(repo.cases):
            progress("site", done + i, total, case.id)
    done += len(repo.cases) + 1
    if repo.drills:  # the drills page (演练) and a page per drill
        write("drills/index.md", "drills.md.j2", **data.drills())
        for drill in repo.drills:
            write(drill_path(drill.id), "drill.md.j2", **data.drill(drill))
    from ..report.view import default_periods, period_name, period_slug
    reports = []  # one period report page per calendar year of the case library
    for start, end in default_periods(repo):
        path = report_path(period_slug(start, end))
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        write(path, "report.md.j2", **data.period(start, end, ctx.templates))
        reports.append({period_name(start, end): path})
    compendium = data.compendium_page()  # the training compendium of the cases with discussion questions
    if compendium is not None:
        page, years = compendium
        write("training.md", "training.md.j2", **page)
        write_pages(years, "training.md.j2")

    shutil.copytree(ctx.templates / "site" / "assets", docs / "assets", dirs_exist_ok=True)
    root = Path(repo.root)
    site = repo.config.site
    brand = {}
    if site.logo:
        brand["logo"] = _copy_brand(root, site.logo, docs, "brand")
    if site.favicon:
        brand["favicon"] = _copy_brand(root, site.favicon, docs, "brand")
    extra_css = [_copy_brand(root, css, docs, "extra") for css in site.extra_css]

    # Material prints navigation titles as HTML: no markup characters in them (text.title_text)
    nav = [{"首页": "index.md"},
           {"预案": [{title_text(p.title + ("（已废止）" if p.status.value == "superseded" else "")): plan_path(p.id)}
                     for p in repo.plans]},
           {"通讯录": [{title_text(r.office or r.id): roster_path(r.id)} for r in repo.rosters]},
           {"案例库": "cases/index.md"}]
    if repo.drills:
        nav.append({"演练": "drills/index.md"})
    if reports:
        nav.append({"统计报告": reports})
    if compendium is not None:
        nav.append({"案例汇编": "training.md"})
    if not repo.plans:
        nav.pop(1)
    if not repo.rosters:
        nav = [n for n in nav if "通讯录" not in n]
    cfg = mkdocs_config(repo, nav, docs_dir="docs", site_dir=str((ctx.out / "site").resolve()),
                        brand=brand, extra_css=extra_css, public=ctx.public,
                        overrides=str((ctx.templates / "site" / "overrides").resolve()))
    config_file = src / "mkdocs.yml"
    config_file.write_text("# 由 planbook build 生成，请勿手工修改；定制请写在 planbook.yml 的 site: 中。\n"
                           + yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def _incremental(ctx: RenderContext, config_file: Path):
    """The plugin that renders only the pages changed since the previous build (incremental.py)."""
    from ..build import CACHE, SITE_RECORD
    from .incremental import Incremental, load_record, site_key
    key = site_key(config_file.read_text("utf-8"), ctx.out, ctx.templates)
    last = ctx.previous_site
    previous = load_record(last / CACHE / SITE_RECORD) if last is not None else None
    return Incremental(key, ctx.out / CACHE / SITE_RECORD, last / "site" if last is not None else None, previous)


def render_site(ctx: RenderContext, manifest: PdfManifest, progress: Progress = _no_progress) -> None:
    """Render the site into ``ctx.out/"site"``; SiteError with a clear message when MkDocs fails."""
    try:
        import jieba
        jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    except ImportError:
        pass
    config_file = write_sources(ctx, manifest, progress)
    total = 3 + len(ctx.repo.plans) + len(ctx.repo.rosters) + len(ctx.repo.cases)
    progress("site", total - 1, total, "mkdocs")
    with material_without_jieba():  # the index is cut into character pairs afterwards (search.write_index)
        mkdocs_build(config_file, _incremental(ctx, config_file))
    write_index(ctx.out / "site", ctx.previous_site / "site" if ctx.previous_site is not None else None)
    office = ctx.repo.config.office
    write_offline(ctx.out / "site", _env(ctx.templates), site_name(ctx.repo), office.short_name or office.name)
    progress("site", total, total, "mkdocs")
