"""Search at 10,000 cases, in Chromium: a case's title finds that case first, over http and from disk (file://),
loading less than 1 MB for the query.

The cheapest honest large site: the bundled examples are built for real (planbook build), Material's search
plugin collects their sections (mkdocs on the same site-src, as planbook build runs it), and the 18 example
cases' sections are cloned into 10,000 cases the way benchmarks/corpus.py clones case files (new id, the title
and every sentence marked "（样本 i）").  Planbook's own index step (generator/site/search.write_index) then
cuts all of it, as a build would: the index is the size of a 10,000-case site's, the pages are the examples'
(a 10,000-case mkdocs build takes minutes; the clones' result links point at pages that are not written).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from test_site import build_site, make_repo

from generator.site import search as search_py
from generator.site.run import mkdocs_build
from generator.site.search import cover, material_without_jieba, packed, segments, terms, write_index

pytest.importorskip("mkdocs")
pytest.importorskip("playwright.sync_api")

CASES = 10_000
WANTED = 7_777
WORKER = Path(__file__).resolve().parent.parent / "site_templates" / "site" / "assets" / "search-worker.js"
SAMPLES = ["研判", "研", "新闻发言人", "某县2023年7月暴雨致道路中断（样本500）", "Ｗｉ-Fi 断网 3 小时", "应急管理局　值班室",
           "涉及ＡＢＣ公司的事故调查报告", "", "！？"]


def test_the_worker_cuts_and_covers_a_query_as_search_py_does(browser):
    """The build indexes terms(); the worker looks up cover() of a query, a subset of terms(): both as here."""
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
    for text in SAMPLES:
        assert page.evaluate("t => self.pbCut(t)", text) == terms(text), text
        assert page.evaluate("t => self.pbCover(t)", text) == cover(text), text
        assert set(cover(text)) <= set(terms(text))
        assert set("".join(cover(text))) == set("".join(terms(text))), text  # every character looked up
    page.close()


def test_the_worker_unpacks_postings_as_search_py_packs_them(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
    numbers = [0, 1, 2, 63, 64, 65, 1791, 1792, 1793, 4095, 4096, 10_049, 50_000, 2 ** 31 - 1, *range(0, 300, 7)]
    text = packed(numbers)
    assert '"' not in text and "\\" not in text and text.isascii() and len(packed(range(64))) == 64
    assert not any(c.isdigit() for c in text)  # nothing in it reads as a number
    assert page.evaluate("t => self.pbUnpack(t)", text) == numbers
    page.close()


def clone(docs: list[dict], n: int) -> list[dict]:
    """``n`` cases made from the example cases' sections (Material's index entries)."""
    cases: dict[str, list[dict]] = {}
    for d in docs:
        page = d["location"].split("#")[0]
        if re.fullmatch(r"cases/\d{4}-\d{3}\.html", page):
            cases.setdefault(page, []).append(d)
    examples = [cases[k] for k in sorted(cases)]
    out = []
    for i in range(n):
        mark = f"（样本{i}）"
        for d in examples[i % len(examples)]:
            anchor = d["location"].partition("#")[2]
            first = "#" not in d["location"]
            out.append({"location": f"cases/S-{i:05d}.html" + (f"#{anchor}" if anchor else ""),
                        "title": d["title"] + mark if first else d["title"],
                        "text": re.sub(r"。", mark + "。", d["text"])})
    return out


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[Path, str]:
    """A site whose search index holds the examples and 10,000 cloned cases; the wanted case's title."""
    tmp = tmp_path_factory.mktemp("scale")
    built = build_site(make_repo(tmp / "repo"), tmp / "out").resolve()
    src = built.parent / "site-src"
    cfg = yaml.safe_load((src / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["site_dir"] = str(tmp / "material")
    (src / "mkdocs-material.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    with material_without_jieba():
        assert mkdocs_build(src / "mkdocs-material.yml") == []
    index = json.loads((tmp / "material" / "search" / "search_index.json").read_text(encoding="utf-8"))
    wanted = next(d["title"] for d in clone(index["docs"], WANTED + 1) if d["location"] == f"cases/S-{WANTED:05d}.html")
    index["docs"] += clone(index["docs"], CASES)
    site = tmp / "site"
    shutil.copytree(built, site)
    raw = json.dumps(index, ensure_ascii=False)
    (tmp / "raw_index.json").write_text(raw, encoding="utf-8")  # for the uncut copy (unsplit)
    (site / "search" / "search_index.json").write_text(raw, encoding="utf-8")
    stats = write_index(site)
    assert stats.pages > CASES and stats.sections > 10 * CASES
    return site, wanted


class _Counting(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.server.sent += len(data)


@contextlib.contextmanager
def _served(folder, handler=None):
    """An HTTP server for ``folder`` in a thread (``handler``: _Counting unless said; ``sent`` counts the bytes it
    sent), and its base URL; shut down afterwards."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler or _Counting, directory=str(folder)))
    srv.sent = 0
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield srv, f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()


def search_first(page, url: str, term: str) -> str:
    page.goto(url)
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill(term)
    page.wait_for_function("() => document.querySelector('a.md-search-result__link')", timeout=30000)
    return page.eval_on_selector("a.md-search-result__link", "a => a.getAttribute('href')").split("?")[0]


def test_a_case_title_finds_that_case_first_among_10000_over_http_with_less_than_1_mb(browser, large):
    site, title = large
    with _served(site) as (srv, base):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "index.html")
        page.wait_for_load_state("networkidle")
        before = srv.sent
        first = search_first(page, base + "index.html", title)
        page.wait_for_load_state("networkidle")
        assert first.endswith(f"cases/S-{WANTED:05d}.html"), first
        index_html = (site / "index.html").stat().st_size
        assert srv.sent - before - index_html < 1_000_000, srv.sent - before
        assert not errors
        ctx.close()


def test_a_case_title_finds_that_case_first_among_10000_from_disk(browser, large):
    site, title = large
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    first = search_first(page, (site / "index.html").as_uri(), title)
    assert first.endswith(f"cases/S-{WANTED:05d}.html"), first
    ctx.close()


def _decode(plist: list[int]) -> dict[int, list[int]]:
    """page: [whether the term is in its title, then section, score for each]"""
    out, page, i = {}, 0, 0
    while i < len(plist):
        page += plist[i]
        n = plist[i + 1]
        out[page] = [n & 1, *plist[i + 2:i + 2 + 2 * (n >> 1)]]
        i += 2 + 2 * (n >> 1)
    return out


def test_segments_hold_every_page_once_the_highest_scores_first():
    plist, prev = [], 0
    for page in range(0, 12000, 2):  # a frequent term: 6,000 pages, one to three sections each
        hits = [s for k in range(1 + page % 3) for s in (k, 1 + (page * 7 + k) % 50)]
        plist += [page - prev, len(hits) + (page % 5 == 0), *hits]  # 2 x sections + in the title
        prev = page
    cut = segments(plist)
    assert len(cut) > 1
    merged: dict[int, list[int]] = {}
    for seg, top, held, lead in cut:
        got = _decode(seg)
        assert len(got) == held and max(max(h[2::2]) for h in got.values()) == top
        assert lead == min(page for page, h in got.items() if max(h[2::2]) == top)
        assert not merged.keys() & got.keys()
        merged.update(got)
    assert merged == _decode(plist)
    for (a, *_), (_, top, _, lead) in zip(cut, cut[1:], strict=False):  # each page at least the next part's best
        earlier = _decode(a)
        assert min(max(h[2::2]) for h in earlier.values()) >= top
        assert all(page < lead for page, h in earlier.items() if max(h[2::2]) == top)  # ties: by page number


@pytest.fixture(scope="module")
def unsplit(large, tmp_path_factory) -> Path:
    """The same site with no term's postings cut into segments (what the segments must not change)."""
    site, _ = large
    other = tmp_path_factory.mktemp("unsplit") / "site"
    shutil.copytree(site, other)
    shutil.copy(site.parent / "raw_index.json", other / "search" / "search_index.json")
    saved = search_py.SPLIT_BYTES
    search_py.SPLIT_BYTES = 10 ** 12
    try:
        write_index(other)
    finally:
        search_py.SPLIT_BYTES = saved
    return other


#: records the search worker's result messages (Material's message 3): partial or whole, total, each item's link
MESSAGES = """(() => {
  const Native = window.Worker;
  window.__pbResults = [];
  window.Worker = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener("message", e => {
        if (e.data && e.data.type === 1) window.__pbReady = true;
        if (e.data && e.data.type === 3) window.__pbResults.push({partial: !!e.data.data.partial,
          total: e.data.data.total, links: e.data.data.items.map(g => g[0].location)});
      });
    }
  };
})()"""
WHOLE = "() => window.__pbResults === undefined || window.__pbResults.some(r => !r.partial)"


def _results(page, url: str, term: str) -> tuple[list[str], str]:
    search_first(page, url, term)
    page.wait_for_function(WHOLE)  # the whole result, not only its first part
    page.wait_for_timeout(300)
    links = page.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.getAttribute('href'))")
    return [re.sub(r"^https?://[^/]+/", "", h) for h in links], page.inner_text(".md-search-result__meta")


def test_a_frequent_term_loads_its_first_segment_and_shows_what_all_of_it_shows(browser, large, unsplit):
    site, _ = large
    conf = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["planbook"]
    assert len(conf["parts"]["r"]["big"]["研判"]) == 3  # cut into segments at 10,000 cases
    shown = {}
    for folder in (site, unsplit):
        with _served(folder) as (srv, base):
            ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
            ctx.add_init_script(MESSAGES)
            page = ctx.new_page()
            page.goto(base + "index.html")
            page.wait_for_load_state("networkidle")
            before = srv.sent
            shown[folder] = [_results(page, base + "index.html", q) for q in ("研判", "新闻发言人")]
            page.wait_for_load_state("networkidle")
            shown[folder].append(srv.sent - before)
            ctx.close()
    assert shown[site][:2] == shown[unsplit][:2]
    assert shown[site][0][0], shown[site]
    assert shown[site][2] < shown[unsplit][2], (shown[site][2], shown[unsplit][2])
    ctx = browser.new_context(viewport={"width": 390, "height": 844})  # from disk: the parts load as script tags
    page = ctx.new_page()
    links, meta = _results(page, (site / "index.html").as_uri(), "研判")
    prefix = site.as_uri() + "/"
    assert ([h.removeprefix(prefix) for h in links], meta) == shown[site][0]
    ctx.close()


def test_the_first_results_come_first_and_stay_first(browser, large):
    """For a frequent query the worker sends the first results as soon as their titles are loaded, when no page
    after them can overtake them (a whole query in a title doubles a page's score: the postings say which pages'
    titles hold the query's pairs), then the whole result: the first message is the start of the second, with the
    same count or none (a query of several words, from the first segments only: the next test)."""
    site, _ = large
    with _served(site) as (srv, base):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        ctx.add_init_script(MESSAGES)
        page = ctx.new_page()
        page.goto(base + "index.html")
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input.md-search__input")
        early = 0
        for q in ("研判", "新闻发言人", "垃圾中转点", "值班", "网络舆情应急预案", "应急管理局　值班室"):
            box.fill("")
            page.wait_for_function("() => !document.querySelector('a.md-search-result__link')")
            page.evaluate("() => { window.__pbResults = []; }")
            box.fill(q)
            page.wait_for_function(WHOLE, timeout=30000)
            got = page.evaluate("() => window.__pbResults")
            *first, whole = got
            assert whole["links"] and not whole["partial"], (q, got)
            for part in first:  # at most one, the start of the whole result, with the same total
                assert part["partial"] and 0 < len(part["links"]) < len(whole["links"]), (q, got)
                assert part["links"] == whole["links"][:len(part["links"])], (q, got)
                assert part["total"] in (None, whole["total"]), (q, got)  # None: sent before the count was known
            assert len(first) <= 1, (q, got)
            early += len(first)
        assert early >= 4, early  # frequent queries: their first results come before the rest
        ctx.close()


class _Holding(_Counting):
    """Nothing from the browser's cache; the further segments of large terms (server.held) are held back until
    server.release is set, and noted (server.asked)."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        name = self.path.split("?")[0].lstrip("/")
        if name in self.server.held:
            self.server.asked.append(name)
            self.server.release.wait(30)
        super().do_GET()


def test_several_words_show_their_first_results_before_the_further_segments(browser, large):
    """A query of several words loads its large terms' first segments (their highest-scoring pages) and shows the
    first results before asking for the further segments, when they are sure to stay first: a page seen with
    every word has its exact score; one not fully seen at most its known scores plus, for each word it lacks, the
    best score of that word's further segment (config), counted in its best section too, twice all that if its
    title may hold the whole query; a page seen nowhere twice the sum of those bests.  The first message is the
    start of the whole result.  For 暴雨 研判 the first result is a case in 研判's further segment: nothing can be
    shown before that segment arrives (a bound that forgot the pages not fully seen would show a plan first)."""
    site, _ = large
    conf = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["planbook"]
    with _served(site, _Holding) as (srv, base):
        srv.sent, srv.asked, srv.release = 0, [], threading.Event()
        srv.held = {f"search/{p}/w{seg[0]}.js" for p in "cr" for big in conf["parts"][p]["big"].values()
                    for seg in (big[2] if len(big) > 2 else [])}
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        ctx.add_init_script(MESSAGES)
        try:
            for q, ahead in (("新闻发言人", True), ("暴雨 研判", False)):
                srv.release.clear()
                srv.asked.clear()
                page = ctx.new_page()  # a new worker: nothing loaded
                page.goto(base + "index.html")
                page.locator("label.md-header__button[for=__search]").click()
                page.wait_for_function("() => window.__pbReady === true", timeout=20000)  # the worker is ready
                page.wait_for_timeout(300)
                page.evaluate("() => { window.__pbResults = []; }")  # Material's search of the empty box
                page.locator("input.md-search__input").fill(q)
                if ahead:
                    page.wait_for_function("() => window.__pbResults.some(r => r.partial)", timeout=20000)
                else:
                    page.wait_for_function("() => window.__pbResults !== undefined", timeout=20000)
                    for _ in range(200):
                        if srv.asked:
                            break
                        page.wait_for_timeout(50)
                    page.wait_for_timeout(300)
                held = list(srv.asked)
                # a late answer to the empty box (no links), under load, is not this query's
                got = [r for r in page.evaluate("() => window.__pbResults") if r["links"]]
                assert not any(not r["partial"] for r in got), (q, got)  # no whole result without the further segments
                assert len(got) == (1 if ahead else 0), (q, got)
                srv.release.set()
                page.wait_for_function(WHOLE, timeout=30000)
                got = [r for r in page.evaluate("() => window.__pbResults") if r["links"]]
                *first, whole = got
                assert held and srv.asked, q  # the further segments were wanted, after the first results
                assert len(first) <= 1 and (first or not ahead), (q, got)
                for part in first:
                    assert part["partial"] and part["links"] == whole["links"][:len(part["links"])], (q, got)
                if ahead:
                    assert first[0]["total"] is None and whole["total"] > len(whole["links"]), (q, got)
                else:
                    assert whole["links"][0].startswith("cases/"), (q, got)
                page.close()
        finally:
            srv.release.set()
            ctx.close()


class _HoldingFirst(_Holding):
    """Every index file asked for while server.holding is set is held back until server.release is set."""

    def do_GET(self):
        name = self.path.split("?")[0].lstrip("/")
        if self.server.holding and name.startswith("search/") and name != "search/search_index.json":
            self.server.asked.append(name)
            self.server.release.wait(30)
        http.server.SimpleHTTPRequestHandler.do_GET(self)


def test_a_query_typed_while_the_one_before_is_loading_starts_at_once_and_alone_is_shown(browser, large):
    """A keystroke each (研判, then 垃圾中转点 before 研判's files have come): the newer query asks for its files
    and shows its results at once, not after the older one has loaded everything (it did: queries went in
    turn), and the older one's results, when its files come, are not shown over the newer one's."""
    site, _ = large
    with _served(site, _HoldingFirst) as (srv, base):
        srv.sent, srv.asked, srv.release, srv.holding = 0, [], threading.Event(), True
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        ctx.add_init_script(MESSAGES)
        try:
            page = ctx.new_page()
            page.goto(base + "index.html")
            page.locator("label.md-header__button[for=__search]").click()
            page.wait_for_timeout(300)
            box = page.locator("input.md-search__input")
            box.fill("研判")
            for _ in range(200):
                if srv.asked:
                    break
                page.wait_for_timeout(50)
            assert srv.asked, "研判 asked for nothing"
            held = set(srv.asked)
            srv.holding = False  # 研判's files stay held; the next query's go through
            page.evaluate("() => { window.__pbResults = []; }")
            box.fill("垃圾中转点")
            page.wait_for_function(WHOLE, timeout=10000)  # before 研判's files are released (30 s)
            got = page.evaluate("() => window.__pbResults")
            assert got and all(r["links"] for r in got), got
            srv.release.set()
            page.wait_for_timeout(1500)  # 研判's files arrive: nothing more is shown
            assert page.evaluate("() => window.__pbResults") == got
            shown = page.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.getAttribute('href'))")
            assert shown and held, (shown, held)
            # the same as the query alone, on a fresh page
            fresh = ctx.new_page()
            links, _ = _results(fresh, base + "index.html", "垃圾中转点")
            assert [re.sub(r"^https?://[^/]+/", "", h) for h in shown] == links
        finally:
            srv.release.set()
            ctx.close()
