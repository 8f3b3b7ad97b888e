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

from generator.site.run import mkdocs_build
from generator.site.search import cover, material_without_jieba, terms, write_index

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
    (site / "search" / "search_index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
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


def search_first(page, url: str, term: str) -> str:
    page.goto(url)
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill(term)
    page.wait_for_function("() => document.querySelector('a.md-search-result__link')", timeout=30000)
    return page.eval_on_selector("a.md-search-result__link", "a => a.getAttribute('href')").split("?")[0]


def test_a_case_title_finds_that_case_first_among_10000_over_http_with_less_than_1_mb(browser, large):
    site, title = large
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Counting, directory=str(site)))
    srv.sent = 0
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
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
    srv.shutdown()


def test_a_case_title_finds_that_case_first_among_10000_from_disk(browser, large):
    site, title = large
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    first = search_first(page, (site / "index.html").as_uri(), title)
    assert first.endswith(f"cases/S-{WANTED:05d}.html"), first
    ctx.close()
