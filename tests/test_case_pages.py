"""The case library (案例库) and the training compendium (案例汇编) at a few hundred cases: their own pages stay
small (the most recent cases, and links to a page per year), and every case is on exactly one year page.

A real `planbook build --no-pdf` of benchmarks/corpus.py's corpus (cases cloned from the examples, dated over
the last six years), read as a phone reads it in Chromium.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from test_search_scale import search_first
from test_site import build_site, serve

from generator.site.pages import PAGE, RECENT, RECENT_TRAINING, by_year, list_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import make_corpus

pytest.importorskip("mkdocs")

CASES = 320  # past pages.PAGE: the library is paged
#: at 10,000 cases one page listing them all was 5.4 MB (案例库) and 8.7 MB (案例汇编); at 320, 0.2 and 0.3 MB
LIBRARY_MAX = 100_000
TRAINING_MAX = 120_000
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    make_corpus(tmp / "repo", CASES, git=True)
    return build_site(tmp / "repo", tmp / "out")


def links(html: str, prefix: str) -> list[str]:
    """The case pages ``html`` links to (case ids), in order; ``prefix``: the way from that page to cases/."""
    return [i for i in re.findall(r'href="' + re.escape(prefix) + r'([^"/#]+)\.html"', html) if i != "index"]


def test_the_library_page_shows_the_recent_cases_and_every_case_is_on_one_year_page(site):
    index = site / "cases" / "index.html"
    assert CASES > PAGE and index.stat().st_size < LIBRARY_MAX, index.stat().st_size
    html = index.read_text("utf-8")
    table = html[html.index('id="pb-cases"'):]
    recent = links(table, "")
    assert len(recent) == RECENT == len(set(recent))
    years = sorted(set(re.findall(r'href="(years/[^"]+\.html)"', html)))
    assert years and all((site / "cases" / y).is_file() for y in years)  # one tap from the library page
    assert sorted(p.relative_to(site / "cases").as_posix() for p in (site / "cases" / "years").glob("*.html")) == years
    everywhere = []
    for y in years:
        page = (site / "cases" / y).read_text("utf-8")
        assert (site / "cases" / y).stat().st_size < LIBRARY_MAX, y
        assert 'href="../index.html"' in page  # back to the library
        everywhere += links(page[page.index('id="pb-cases"'):], "../")
    cases = sorted(p.stem for p in (site / "cases").glob("*.html") if p.stem != "index")
    assert len(cases) == CASES and sorted(everywhere) == cases  # each case exactly once across the year pages
    assert set(recent) <= set(everywhere)


def test_the_training_page_shows_the_recent_cases_and_each_is_on_one_year_page(site):
    page = site / "training.html"
    assert page.stat().st_size < TRAINING_MAX, page.stat().st_size
    html = page.read_text("utf-8")
    recent = links(html, "cases/")
    assert len(recent) == RECENT_TRAINING == len(set(recent))
    years = sorted(set(re.findall(r'href="(training/[^"]+\.html)"', html)))
    everywhere, numbers = [], []
    for y in years:
        text = (site / y).read_text("utf-8")
        assert (site / y).stat().st_size < TRAINING_MAX, y
        everywhere += links(text, "../cases/")
        numbers += [int(n) for n in re.findall(r'<h2 id="[^"]*">(\d+)\. ', text)]
    assert len(everywhere) == len(set(everywhere)) and set(recent) <= set(everywhere)
    assert sorted(numbers) == list(range(1, len(everywhere) + 1))  # the compendium's numbers, each once


def test_a_year_page_works_on_a_phone_and_search_finds_it(browser, site):
    with serve(site) as url:
        ctx = browser.new_context(viewport=PHONE, service_workers="block")
        page = ctx.new_page()
        page.goto(url + "cases/index.html")
        first = page.locator("a[href^='years/']").first
        label = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert "/cases/years/" in page.url and label in page.locator("h1").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.select_option("select[data-filter=level]", index=1)
        assert re.fullmatch(r"显示 \d+ / \d+ 个", page.inner_text(".pb-filter-count"))
        assert search_first(page, url + "index.html", f"案例库：{label}").endswith(f"cases/years/{label[:4]}.html")
        ctx.close()


def _row(day: str) -> dict:
    return {"when": dt.datetime.fromisoformat(day)}


def test_a_year_with_more_cases_than_a_page_gets_a_page_per_month():
    rows = [_row(d) for d in ("2025-03-02", "2025-03-01", "2025-01-05", "2024-12-31")]
    years = by_year(rows, lambda part: f"cases/years/{part}.md", size=2)
    assert [(y["label"], y["count"]) for y in years] == [("2025年", 3), ("2024年", 1)]
    assert [(p["label"], p["path"], len(p["rows"])) for p in years[0]["parts"]] == [
        ("2025年3月", "cases/years/2025-03.md", 2), ("2025年1月", "cases/years/2025-01.md", 1)]
    assert [p["path"] for p in years[1]["parts"]] == ["cases/years/2024.md"]


def test_a_small_library_is_one_page():
    rows = [_row("2025-03-02")] * PAGE
    page, pages = list_pages(rows, str, "cases/index.md", rows[:RECENT])
    assert pages == [] and len(page["rows"]) == PAGE and page["years"] == []
    page, pages = list_pages(rows + rows[:1], str, "cases/index.md", rows[:RECENT])
    assert len(page["rows"]) == RECENT and [p for p, _ in pages] == ["2025-03"]  # 201 cases of one year: by month
