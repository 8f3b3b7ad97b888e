"""Incremental site builds (generator/site/incremental.py), with the real MkDocs and Material: after a case, a plan
or a roster changed, a build into the same output folder renders again only the pages whose content changed,
takes every other file from the previous build untouched, and gives the same site, byte for byte (search index
included), as a full build of the same files into an empty folder."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL

TODAY = dt.date(2026, 1, 1)
#: written afresh by every build, never taken from the last one (gzip's header holds the time of writing)
ALWAYS_NEW = {"sitemap.xml.gz"}


#: "serve": the builds into ``out`` run as `planbook serve` runs them, taking what the last build made from the same
#: records (generator/kept.py); the full builds they are compared with never do
MODE = {"serve": False}


def _build(root: Path, out: Path, *, full: bool = False, public: bool = False, today: dt.date = TODAY,
           pdf: bool = False):
    from generator import kept
    from generator.build import BuildOptions, build
    with kept.keeping() if MODE["serve"] and not full else contextlib.nullcontext():
        result = build(root, BuildOptions(out=out, today=today, site=True, pdf=pdf, public=public))
    assert result.built, [f.message for f in result.checked.findings]
    return out / "site"


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _inodes(site: Path) -> dict[str, int]:
    return {rel: p.stat().st_ino for rel, p in _files(site).items()}


def _same_as_full(root: Path, site: Path, tmp: Path, public: bool = False, today: dt.date = TODAY) -> None:
    """Every file of ``site`` is the one a full build of ``root`` into an empty folder writes."""
    full = _build(root, tmp / f"full-{len(list(tmp.iterdir()))}", full=True, public=public, today=today)
    mine, theirs = _files(site), _files(full)
    assert sorted(mine) == sorted(theirs)
    differ = [rel for rel in mine if rel not in ALWAYS_NEW and mine[rel].read_bytes() != theirs[rel].read_bytes()]
    assert differ == [], f"the incremental build differs from a full build in {differ}"


def _where(site: Path, text: str) -> set[str]:
    return {rel for rel, p in _files(site).items() if rel.endswith(".html") and text in p.read_text("utf-8")}


@pytest.fixture(scope="module", params=["build", "serve"])
def built(request, tmp_path_factory):
    """A repository with two cases, built once into ``out``: by one-off builds, or as serve builds (kept.py)."""
    from generator import kept
    MODE["serve"] = request.param == "serve"
    kept.clear()
    request.addfinalizer(kept.clear)
    tmp = tmp_path_factory.mktemp("incr")
    root = tmp / "repo"
    shutil.copytree(MINIMAL, root)
    first = root / "cases" / "2025" / "2025-001.md"
    (first.parent / "2025-002.md").write_text(
        first.read_text("utf-8").replace("id: 2025-001", "id: 2025-002", 1)
        .replace("title: 网传示范镇自来水浑浊", "title: 网传示范镇停电三天", 1), "utf-8")
    _build(root, tmp / "out")
    return tmp, root


def _rebuild(tmp: Path, root: Path) -> tuple[Path, dict[str, int], dict[str, bytes]]:
    """Build again into ``out``: the site, the previous site's inodes and contents."""
    old = tmp / "out" / "site"
    inodes, contents = _inodes(old), {rel: p.read_bytes() for rel, p in _files(old).items()}
    return _build(root, tmp / "out"), inodes, contents


def _index_text(site: Path) -> str:
    """Every file of the site's search index (site/search.py) as one text, JSON escapes undone."""
    return "".join(json.loads(json.dumps(f.read_text("utf-8"))) for f in sorted((site / "search").rglob("*.js")))


def _rendered(site: Path, inodes: dict[str, int]) -> set[str]:
    """The HTML pages this build wrote (not linked from the previous build)."""
    now = _inodes(site)
    return {rel for rel in now if rel.endswith(".html") and inodes.get(rel) != now[rel]}


def test_no_change_reuses_every_page_and_file(built):
    tmp, root = built
    site, inodes, contents = _rebuild(tmp, root)
    now = _inodes(site)
    written = sorted(rel for rel in now if inodes.get(rel) != now[rel])
    # Material's search index (cut into site/search/c and r, which are linked when it is unchanged), the sitemap,
    # 404 page and the offline files: always written
    assert set(written) <= {"404.html", "sitemap.xml", "sitemap.xml.gz", "sw.js", "manifest.webmanifest"}, written
    assert {rel: p.read_bytes() for rel, p in _files(site).items() if rel not in ALWAYS_NEW} == \
        {rel: b for rel, b in contents.items() if rel not in ALWAYS_NEW}


def test_changed_case_renders_the_pages_that_show_it_and_no_other(built):
    tmp, root = built
    case = root / "cases" / "2025" / "2025-002.md"
    case.write_text(case.read_text("utf-8").replace("网传示范镇停电三天", "网传示范镇停水五天", 1), "utf-8")
    site, inodes, contents = _rebuild(tmp, root)
    shown = _where(site, "网传示范镇停水五天")
    assert {"cases/2025-002.html", "cases/index.html", "index.html"} <= shown
    assert _where(site, "网传示范镇停电三天") == set(), "a page still shows the old title"
    rendered = _rendered(site, inodes)
    assert shown - {"404.html"} <= rendered
    assert "cases/2025-001.html" not in rendered and "plans/demo.html" in rendered  # the plan lists its cases
    changed = {rel for rel, p in _files(site).items() if rel.endswith(".html") and contents.get(rel) != p.read_bytes()}
    assert rendered - {"404.html"} == changed - {"404.html"}, "a page was rendered again though it did not change"
    index = _index_text(site)  # the sharded search index: its terms (character pairs), titles and opening words
    assert "停水" in index and "停电" not in index
    _same_as_full(root, site, tmp)


def test_changed_roster_renders_the_pages_that_show_it(built):
    tmp, root = built
    roster = root / "plans" / "rosters" / "demo.yml"
    roster.write_text(roster.read_text("utf-8").replace("13800000003", "13900000009"), "utf-8")
    site, inodes, _ = _rebuild(tmp, root)
    shown = _where(site, "13900000009")
    assert "rosters/demo.html" in shown and any(rel.startswith("respond/") for rel in shown), shown
    assert _where(site, "13800000003") == set()
    assert shown - {"404.html"} <= _rendered(site, inodes)
    assert "cases/2025-001.html" not in _rendered(site, inodes)
    _same_as_full(root, site, tmp)


def test_changed_plan_renders_its_pages_and_a_new_title_every_page(built):
    tmp, root = built
    plan = root / "plans" / "demo" / "plan.yml"
    text = plan.read_text("utf-8")
    assert "编制目的" in text
    plan.write_text(text.replace("编制目的", "编写目的", 1), "utf-8")  # the body only: the navigation stays
    site, inodes, _ = _rebuild(tmp, root)
    assert "plans/demo.html" in _where(site, "编写目的") and _where(site, "编制目的") == set()
    assert "plans/demo.html" in _rendered(site, inodes) and "cases/2025-001.html" not in _rendered(site, inodes)
    _same_as_full(root, site, tmp)

    plan.write_text(plan.read_text("utf-8").replace("title: 示范镇网络舆情应急预案", "title: 示范镇网络舆情应对预案", 1),
                    "utf-8")  # the title is in the navigation of every page: all are rendered again
    site, inodes, _ = _rebuild(tmp, root)
    pages = {rel for rel in _files(site) if rel.endswith(".html")}
    assert _rendered(site, inodes) == pages
    assert "示范镇网络舆情应急预案" not in (site / "cases" / "2025-001.html").read_text("utf-8")
    _same_as_full(root, site, tmp)


def test_removed_case_builds_in_full_and_leaves_no_page_behind(built):
    tmp, root = built
    (root / "cases" / "2025" / "2025-002.md").unlink()
    site, inodes, _ = _rebuild(tmp, root)
    assert not (site / "cases" / "2025-002.html").exists()
    _same_as_full(root, site, tmp)


def test_previous_build_is_never_written_to(built):
    """The files linked into the new site are the previous build's: nothing in them changed while the new
    build ran (MkDocs wrote only files it had not been given)."""
    tmp, root = built
    old = tmp / "out" / "site"
    before = {rel: (p.stat().st_ino, p.read_bytes()) for rel, p in _files(old).items()}
    keep = tmp / "keep"  # hold the previous generation's files, which the build removes by name only
    keep.mkdir()
    for rel, p in _files(old).items():
        target = keep / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(p, target)
    case = root / "cases" / "2025" / "2025-001.md"
    case.write_text(case.read_text("utf-8").replace("网传示范镇自来水浑浊", "网传示范镇自来水发黄", 1), "utf-8")
    _build(root, tmp / "out")
    after = {rel: (p.stat().st_ino, p.read_bytes()) for rel, p in _files(keep).items()}
    assert after == before


def test_serve_takes_unchanged_case_pages_from_its_last_build_and_stays_exact(tmp_path):
    """As serve builds (kept.py), a public site after a case, a roster name and the settings changed: the
    pages of unchanged cases are taken from the last build, and every file is a full build's."""
    from generator import kept
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    first = root / "cases" / "2025" / "2025-001.md"
    (first.parent / "2025-002.md").write_text(
        first.read_text("utf-8").replace("id: 2025-001", "id: 2025-002", 1)
        .replace("title: 网传示范镇自来水浑浊", "title: 网传示范镇停电三天", 1), "utf-8")
    MODE["serve"] = True
    kept.clear()
    try:
        out = tmp_path / "out"
        _build(root, out, public=True)
        before = dict(kept.stats)
        case = root / "cases" / "2025" / "2025-002.md"
        case.write_text(case.read_text("utf-8").replace("网传示范镇停电三天", "网传示范镇停水五天", 1), "utf-8")
        site = _build(root, out, public=True)
        assert kept.stats["kept"] > before["kept"], "nothing was taken from the last build"
        assert _where(site, "网传示范镇停水五天") and not _where(site, "网传示范镇停电三天")
        _same_as_full(root, site, tmp_path, public=True)
        roster = root / "plans" / "rosters" / "demo.yml"  # read by every case page: none is kept
        roster.write_text(roster.read_text("utf-8").replace("13800000003", "13900000009"), "utf-8")
        _same_as_full(root, _build(root, out, public=True), tmp_path, public=True)
        config = root / "planbook.yml"
        config.write_text(config.read_text("utf-8") + "\n", "utf-8")  # same settings, another file: still exact
        _same_as_full(root, _build(root, out, public=True), tmp_path, public=True)
    finally:
        MODE["serve"] = False
        kept.clear()


def test_serve_cuts_the_search_index_again_only_where_it_changed(tmp_path):
    """As serve builds: after one case's title changed, the search shard files and the pages' Markdown (site-src)
    whose text is unchanged are the last build's files (hard-linked), the others written; the new title is found, the old one not, and the whole
    index is a full build's, byte for byte (generator/site/search.py, _write_shard and the rest behind kept)."""
    from generator import kept
    from generator.site.search import cover
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    first = root / "cases" / "2025" / "2025-001.md"
    for i in range(2, 8):  # enough pages for more than one shard file of each kind
        (first.parent / f"2025-00{i}.md").write_text(
            first.read_text("utf-8").replace("id: 2025-001", f"id: 2025-00{i}", 1)
            .replace("title: 网传示范镇自来水浑浊", f"title: 网传示范镇停电{'一二三四五六七'[i - 1]}天", 1), "utf-8")
    MODE["serve"] = True
    kept.clear()
    try:
        out = tmp_path / "out"
        _build(root, out)
        old = out / "site" / "search"
        before = {p.relative_to(old).as_posix(): p.stat().st_ino for p in old.rglob("*.js") if p.parent != old}
        md = {p.name: (p.stat().st_ino, p.read_bytes()) for p in (out / ".current" / "site-src" / "docs" / "cases").iterdir()}
        case = root / "cases" / "2025" / "2025-003.md"
        case.write_text(case.read_text("utf-8").replace("网传示范镇停电三天", "网传示范镇断网整夜", 1), "utf-8")
        site = _build(root, out)
        now = {p.relative_to(site / "search").as_posix(): p.stat().st_ino
               for p in (site / "search").rglob("*.js") if p.parent != site / "search"}
        linked = {rel for rel in now if before.get(rel) == now[rel]}
        assert len(linked) > len(now) // 2, f"only {len(linked)} of {len(now)} shard files were taken from the last build"
        assert linked != set(now), "no shard file was written again"
        # the Markdown of the pages that did not change is the last build's file, linked; the last build's files as they were
        now_md = {p.name: p.stat().st_ino for p in (out / ".current" / "site-src" / "docs" / "cases").iterdir()}
        assert now_md["2025-001.md"] == md["2025-001.md"][0] and now_md["2025-003.md"] != md["2025-003.md"][0]
        assert now_md["index.md"] != md["index.md"][0]  # the case library lists the new title
        assert all(p.read_bytes() == md[p.name][1] for p in (out / ".current" / "site-src" / "docs" / "cases").iterdir()
                   if p.name != "2025-003.md" and p.name != "index.md")
        index = _index_text(site)
        assert all(t in index for t in cover("断网整夜")) and "停电三" not in index
        _same_as_full(root, site, tmp_path)
    finally:
        MODE["serve"] = False
        kept.clear()


def test_serve_renders_only_changed_pages_and_rereads_nothing_it_wrote(tmp_path, monkeypatch):
    """As serve builds, after one case's title changed: the page templates run only for the pages whose values
    changed (not the rosters', not the plans' response pages), the site record and Material's index are the ones
    held in memory (not read from their files again), and every file is a full build's."""
    import jinja2

    from generator import kept
    from generator.site import incremental, search
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    rendered: list[str] = []
    real_render = jinja2.Template.render
    monkeypatch.setattr(jinja2.Template, "render", lambda self, *a, **k: rendered.append(self.name) or real_render(self, *a, **k))
    records, indexes = [], []
    real_load, real_index = incremental.load_record, search.material_index
    monkeypatch.setattr(incremental, "load_record", lambda path: records.append(real_load(path)) or records[-1])
    monkeypatch.setattr(search, "material_index", lambda path: indexes.append(real_index(path)) or indexes[-1])
    MODE["serve"] = True
    kept.clear()
    try:
        out = tmp_path / "out"
        _build(root, out)
        assert "roster.md.j2" in rendered and indexes[-1] is not None, "Material's index was read from its file"
        held = kept._KEPT[("site-record", "")][1]["data"]  # what the build wrote its record from
        rendered.clear()
        case = root / "cases" / "2025" / "2025-001.md"
        case.write_text(case.read_text("utf-8").replace("网传示范镇自来水浑浊", "网传示范镇断水两天", 1), "utf-8")
        site = _build(root, out)
        assert records[-1] is held, "the record was read from its file again"
        assert indexes[-1] is not None, "Material's index was read from its file again"
        assert "cases.md.j2" in rendered and "case.md.j2" in rendered
        assert "roster.md.j2" not in rendered and "respond.md.j2" not in rendered, rendered
        assert _where(site, "网传示范镇断水两天")
        _same_as_full(root, site, tmp_path)
    finally:
        MODE["serve"] = False
        kept.clear()


# --- the whole site taken from the previous build (generator/site/reuse.py) -----------------------------------------

def test_no_change_takes_the_whole_site_without_making_it(tmp_path):
    """Nothing changed: the new generation's site is the previous one, every file linked (the 404 page, sitemap and
    offline files too, which a build that runs MkDocs writes anew), its site-src and records with it; no Markdown
    is written and MkDocs does not run."""
    from generator.site import run
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    out = tmp_path / "out"
    _build(root, out)
    site = out / "site"
    inodes = _inodes(site)
    md = _inodes(out / ".current" / "site-src")
    calls = []
    real = run.mkdocs_build
    run.mkdocs_build = lambda *a, **k: calls.append(a) or real(*a, **k)
    try:
        _build(root, out)
    finally:
        run.mkdocs_build = real
    assert calls == [], "MkDocs ran though nothing changed"
    assert _inodes(site) == inodes
    assert _inodes(out / ".current" / "site-src") == md
    assert {p.name for p in (out / ".cache").iterdir()} >= {"site.json", "site-inputs.json"}


def test_no_change_after_pdfs_takes_the_site_and_the_pdfs(tmp_path):
    """A build that made the PDFs, then the same build again: the PDFs are reused from their record and the site,
    which links them, is taken whole (its key holds each PDF's sha256 from the record, not from reading them)."""
    from generator.site import run
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    out = tmp_path / "out"
    site = _build(root, out, pdf=True)
    pdfs = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pdf").rglob("*.pdf")}
    assert pdfs, "the build made no PDF: the test proves nothing"
    inodes = _inodes(site)
    calls = []
    real = run.mkdocs_build
    run.mkdocs_build = lambda *a, **k: calls.append(a) or real(*a, **k)
    try:
        _build(root, out, pdf=True)
    finally:
        run.mkdocs_build = real
    assert calls == [], "MkDocs ran though nothing changed"
    assert _inodes(site) == inodes
    # reused PDFs are copied into the new generation, byte for byte (a PDF made again would differ: signing time)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pdf").rglob("*.pdf")} == pdfs


BRAND_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
                          "f8cfc0f01f0005000201a5d4c1e50000000049454e44ae426082")


def _case_title(root: Path, **_) -> None:
    case = root / "cases" / "2025" / "2025-001.md"
    case.write_text(case.read_text("utf-8").replace("网传示范镇自来水浑浊", "网传示范镇自来水发黄", 1), "utf-8")


def _roster(root: Path, **_) -> None:
    roster = root / "plans" / "rosters" / "demo.yml"
    roster.write_text(roster.read_text("utf-8").replace("13800000003", "13900000009"), "utf-8")


def _settings(root: Path, **_) -> None:
    config = root / "planbook.yml"
    config.write_text(config.read_text("utf-8") + "site:\n  name: 示范镇舆情值班平台\n", "utf-8")


def _logo(root: Path, first: bool) -> None:
    """The logo's bytes change, not planbook.yml (a file the loader does not read)."""
    if first:
        (root / "brand").mkdir()
        config = root / "planbook.yml"
        config.write_text(config.read_text("utf-8") + "site:\n  logo: brand/logo.png\n", "utf-8")
    (root / "brand" / "logo.png").write_bytes(BRAND_PNG if first else BRAND_PNG + b"\0")


@pytest.mark.parametrize("change", ["case", "roster", "settings", "logo", "today", "public"])
def test_any_changed_input_makes_the_site_again(tmp_path, change):
    """After a case, a roster, the settings, a brand file, --today or --public changed, the site is not taken
    whole: it is exactly a full build's of the new inputs (and differs from the previous site)."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    edit = {"case": _case_title, "roster": _roster, "settings": _settings, "logo": _logo}.get(change)
    if edit is _logo:
        edit(root, first=True)
    out = tmp_path / "out"
    before = {rel: p.read_bytes() for rel, p in _files(_build(root, out)).items()}
    options = {"today": dt.date(2027, 6, 1)} if change == "today" else {"public": True} if change == "public" else {}
    if edit is not None:
        edit(root, first=False)
    site = _build(root, out, **options)
    after = {rel: p.read_bytes() for rel, p in _files(site).items()}
    assert after != before, "the change shows nowhere in the site: the test proves nothing"
    _same_as_full(root, site, tmp_path, **options)


def test_the_key_covers_templates_code_git_and_pdfs(tmp_path):
    """What a build cannot change from a test: a template (any file under the templates folder), git's history
    and tags, the PDFs linked.  Each changes the key."""
    import subprocess

    from generator.load.history import read_git
    from generator.load.repo import load_repository
    from generator.render import PdfFile
    from generator.resources import TEMPLATES
    from generator.site.reuse import inputs_key
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    repo = load_repository(str(root)).repo
    git = read_git(str(root), repo.files)
    pdf = PdfFile("cases/2025-001.pdf", "case", "2025-001", "t")

    def key(**kw):
        return inputs_key(repo, kw.get("git", git), TODAY, False, kw.get("pdfs", [(pdf, "a")]), templates)
    first = key()
    assert first and key() == first
    assert key(pdfs=[(pdf, "b")]) != first and key(pdfs=[]) != first
    (templates / "site" / "case.md.j2").write_text((templates / "site" / "case.md.j2").read_text("utf-8") + "\n",
                                                    "utf-8")
    from generator.site import reuse
    reuse._code_key.cache_clear()
    assert key() != first
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x", "--allow-empty"],
                   cwd=root, check=True)
    assert key(git=read_git(str(root), repo.files)) != key()
