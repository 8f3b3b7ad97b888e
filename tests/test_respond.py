"""On duty, in a real browser: the response pages, the incident clock, phone widths, search from disk and the
site offline.  Headless Chromium (Debian's) at a phone's 390 x 844 and a desk's 1280 x 800 on a real build of
the examples."""
from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
import yaml
from test_site import build_site, make_repo, serve

from generator.compliance import Calendar, due_time
from generator.model import Deadline, EventType
from generator.model.common import Limit

pytest.importorskip("mkdocs")
sync_api = pytest.importorskip("playwright.sync_api")

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}
#: the office's holidays and make-up working days in the test repository (National Day 2025)
HOLIDAYS = ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"]
WORKDAYS = ["2025-09-28", "2025-10-11"]
PLAN = "qingshi-township"  # 青石镇网络舆情应对处置工作实施方案: levels I, II, III


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("respond") / "repo")
    cfg = yaml.safe_load((root / "planbook.yml").read_text(encoding="utf-8"))
    cfg.update(holidays=HOLIDAYS, workdays=WORKDAYS)
    (root / "planbook.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    return build_site(repo, tmp_path_factory.mktemp("out") / "out")


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as url:
        yield url


def page_of(browser, viewport, **options):
    ctx = browser.new_context(viewport=viewport, **options)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, page, errors


def in_first_screen(page, locator, viewport) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


# --- two taps from the home page -------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["phone", "desk"])
def test_two_taps_from_home_reach_whom_to_call_and_what_is_due(browser, server, viewport):
    ctx, page, errors = page_of(browser, viewport)
    page.goto(server)
    start = page.locator("#pb-start")
    assert in_first_screen(page, start.locator("a", has_text="二级（较大）").first, viewport)
    # tap 1: the level of the plan (the row of 青石镇…实施方案)
    row = start.locator(".pb-start-plan", has_text="青石镇网络舆情应对处置工作实施方案")
    row.locator("a", has_text="二级（较大）").click()
    assert page.url.endswith(f"respond/{PLAN}/II.html")
    # tap 2 would be the call: the lead's tel: link and the first deadline are on the first screen
    lead = page.locator(".pb-respond-lead a[href^='tel:']").first
    assert in_first_screen(page, lead, viewport), lead.bounding_box()
    assert lead.get_attribute("href") == "tel:13800000103"  # 林晓燕, 党委副书记, who leads Ⅱ级
    first = page.locator("li.pb-due-row").first
    assert "口头报告" in first.inner_text() and "30分钟" in first.inner_text()
    assert in_first_screen(page, first.locator(".pb-due-what"), viewport)
    assert not errors
    ctx.close()


def test_grading_table_links_each_level_to_its_response_page(browser, server):
    ctx, page, _ = page_of(browser, PHONE)
    page.goto(server + f"plans/{PLAN}.html")
    hrefs = page.eval_on_selector_all(".pb-grading td.pb-level-name a", "els => els.map(a => a.getAttribute('href'))")
    assert hrefs == ["../respond/qingshi-township/I.html", "../respond/qingshi-township/II.html",
                     "../respond/qingshi-township/III.html"]
    ctx.close()


def test_a_plan_page_opens_with_its_levels_on_the_first_phone_screen(browser, server):
    ctx, page, _ = page_of(browser, PHONE)
    page.goto(server + f"plans/{PLAN}.html")
    level = page.locator(".pb-start-plan-page a", has_text="二级（较大）")
    assert in_first_screen(page, level, PHONE), level.bounding_box()
    level.click()
    assert page.url.endswith(f"respond/{PLAN}/II.html")
    ctx.close()


def test_a_superseded_plan_has_no_response_pages(site):
    assert not (site / "respond" / "qingshi-measures-2019").exists()
    assert (site / "respond" / "qingshi-measures" / "I.html").is_file()


# --- the incident clock ------------------------------------------------------------------------------------

def _cases() -> list[tuple[str, str]]:
    """(start, limit) pairs across units, weekends, the listed holidays and make-up days, times of day."""
    return [
        ("2025-10-14T09:00", "30分钟"), ("2025-10-14T23:50", "30分钟"), ("2025-10-14T09:07", "90分钟"),
        ("2025-10-14T09:00", "2小时"), ("2025-10-14T22:15", "4小时"), ("2025-10-14T09:00", "1.5小时"),
        ("2025-10-14T10:00", "24小时"), ("2025-12-31T20:00", "6小时"), ("2025-10-14T10:00", "3日"),
        ("2025-10-14T10:00", "1日"),
        ("2025-02-27T10:00", "2日"), ("2024-02-28T10:00", "2日"),  # across the end of February, leap year
        ("2025-10-14T09:00", "1个工作日"), ("2025-10-17T15:00", "1个工作日"),  # Friday -> Monday
        ("2025-10-17T15:00", "3个工作日"), ("2025-10-18T11:00", "1个工作日"),  # a Saturday start
        ("2025-10-19T11:00", "2个工作日"),  # a Sunday start
        ("2025-09-30T16:00", "1个工作日"),  # before the holiday: past 1-8 October
        ("2025-09-30T16:00", "2个工作日"),  # and a make-up Saturday (11 October) counts
        ("2025-10-01T09:00", "1个工作日"),  # started on a holiday
        ("2025-09-27T10:00", "1个工作日"),  # Saturday before the make-up Sunday (28 September)
        ("2025-09-28T10:00", "1个工作日"),  # on the make-up Sunday itself
        ("2025-10-10T18:00", "5个工作日"), ("2025-10-14T09:00", "10个工作日"),
        ("2025-10-14T09:00", "17:00"), ("2025-10-14T16:59", "17:00"), ("2025-10-14T17:00", "17:00"),
        ("2025-10-14T17:01", "17:00"), ("2025-10-14T23:30", "9:00"), ("2025-10-14T08:00", "9时"),
        ("2025-10-31T18:00", "8:30"), ("2025-12-31T23:59", "0:00"),
    ]


def test_clock_arithmetic_equals_the_python_compliance_code(browser, server):
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    calendar = Calendar(frozenset(dt.date.fromisoformat(d) for d in HOLIDAYS),
                        frozenset(dt.date.fromisoformat(d) for d in WORKDAYS))
    ctx, page, _ = page_of(browser, PHONE)
    page.goto(server + f"respond/{PLAN}/II.html")
    cases = _cases()
    assert len(cases) >= 30
    wrong = []
    for start, text in cases:
        limit = Limit.parse(text)
        assert limit is not None, text
        deadline = Deadline(id="x", name="x", event=EventType.other, limit=limit)
        expected = due_time(dt.datetime.fromisoformat(start).replace(tzinfo=tz), deadline, calendar)
        got = page.evaluate("([s, u, a, h, w]) => PlanbookClock.due(s, u, a, h, w)",
                            [start, limit.unit.value, limit.amount, HOLIDAYS, WORKDAYS])
        if got != expected.strftime("%Y-%m-%dT%H:%M"):
            wrong.append((start, text, got, expected.isoformat()))
    assert not wrong, wrong
    ctx.close()


def test_starting_the_clock_shows_the_due_times_python_computes(browser, server, repo):
    from generator.load.repo import load_repository
    from generator.views import Views
    loaded = load_repository(str(repo)).repo
    plan = loaded.plan_by_id[PLAN]
    response = next(r for r in Views(loaded).plan(plan).responses if r.level.level.id == "II")
    calendar = Calendar.of(loaded.config)
    found = dt.datetime(2025, 9, 30, 16, 20, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))  # eve of the holiday

    ctx, page, errors = page_of(browser, PHONE)
    page.goto(server + f"respond/{PLAN}/II.html")
    page.locator("#pb-found").fill("2025-09-30T16:20")
    page.locator("#pb-found").dispatch_event("change")
    shown = dict(page.eval_on_selector_all("[data-at][data-due]", "els => els.map(e => [e.dataset.at, e.dataset.due])"))
    expected = {d.deadline.id: due_time(found, d.deadline, calendar).strftime("%Y-%m-%dT%H:%M")
                for d in response.deadlines if d.deadline.trigger is EventType.discovered}
    assert expected and shown == expected
    assert not errors
    ctx.close()


def test_clock_state_survives_a_reload_and_copies_a_summary(browser, server):
    ctx, page, errors = page_of(browser, PHONE)
    page.goto(server + f"respond/{PLAN}/II.html")
    page.get_by_role("button", name="现在发现").click()
    found = page.locator("#pb-found").input_value()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", found)
    rows = page.locator("li.pb-due-row")
    assert "应于" in rows.first.locator(".pb-due-at").inner_text()
    rows.first.locator("input[type=checkbox]").check()
    page.locator("[data-step]").first.check()
    page.locator("#pb-source").fill("微博：网传某村道路塌陷")
    page.reload()
    assert page.locator("#pb-found").input_value() == found
    assert rows.first.locator("input[type=checkbox]").is_checked()
    assert page.locator("[data-step]").first.is_checked()
    assert "已完成" in rows.first.locator(".pb-due-at").inner_text()
    page.get_by_role("button", name="复制进展").click()
    summary = page.locator("#pb-summary").input_value()
    assert "二级（较大）" in summary and "发现时间：" + found.replace("T", " ") in summary
    assert "微博：网传某村道路塌陷" in summary and "口头报告（" in summary and "下一项：" in summary
    # another level's page keeps its own incident
    page.goto(server + f"respond/{PLAN}/I.html")
    assert page.locator("#pb-found").input_value() == ""
    assert not errors
    ctx.close()


# --- phone first --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["phone", "desk"])
def test_no_page_is_wider_than_the_screen(browser, server, site, viewport):
    ctx, page, _ = page_of(browser, viewport)
    wide = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        page.goto(server + rel)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            wide.append((rel, width))
    assert not wide, wide
    ctx.close()


@pytest.mark.parametrize("path", [f"respond/{PLAN}/II.html", "rosters/qingshi.html", "index.html",
                                  f"plans/{PLAN}.html"])
def test_phone_numbers_are_tel_links_big_enough_to_tap(browser, server, path):
    ctx, page, _ = page_of(browser, PHONE)
    page.goto(server + path)
    links = page.locator("a[href^='tel:']")
    assert links.count() > 0
    small = []
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        if box is not None and box["height"] < 44:
            small.append((links.nth(i).inner_text(), box["height"]))
    assert not small, small
    ctx.close()


def test_wide_tables_become_cards_on_a_phone(browser, server):
    ctx, page, _ = page_of(browser, PHONE)
    for path, table in ((f"plans/{PLAN}.html", "table.pb-grading"), (f"plans/{PLAN}.html", "table.pb-deadlines"),
                        ("rosters/qingshi.html", "table.pb-people"), ("cases/index.html", "table.pb-cases")):
        page.goto(server + path)
        rows = page.locator(f"{table} tbody tr")
        assert rows.count() > 0
        display = rows.first.evaluate("tr => getComputedStyle(tr).display")
        box = page.locator(table).bounding_box()
        assert display == "block" and box["width"] <= PHONE["width"], (path, table, display, box)
    ctx.close()


# --- labels --------------------------------------------------------------------------------------------------

def test_labels_say_what_things_are(site):
    plan = (site / "plans" / f"{PLAN}.html").read_text(encoding="utf-8")
    assert "发现（发现）" not in plan and "报告（报告）" not in plan
    assert re.search(r"<strong>主任</strong>：", plan)  # the office's head is its 主任, not a 组长
    roster = (site / "rosters" / "qingshi.html").read_text(encoding="utf-8")
    assert "青石镇网络舆情管理与处置办法</a>（已废止" in roster


# --- offline ---------------------------------------------------------------------------------------------------

def test_search_from_disk_finds_yanpan_when_pasted(browser, site):
    ctx, page, errors = page_of(browser, PHONE)
    page.goto((site / "index.html").as_uri())
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("研判")  # one input event and no key: as a paste does
    links = "Array.from(document.querySelectorAll('a.md-search-result__link')).map(a => a.href)"
    page.wait_for_function(f"() => {links}.some(h => h.includes('/plans/'))", timeout=20000)
    assert not errors
    ctx.close()


def test_a_phone_that_visited_once_reloads_a_response_page_offline(browser, server):
    ctx, page, _ = page_of(browser, PHONE)
    page.goto(server)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null || "
                           "navigator.serviceWorker.ready.then(() => true)", timeout=20000)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker, which has kept the pages
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    ctx.set_offline(True)
    page.goto(server + f"respond/{PLAN}/II.html")
    assert page.locator(".pb-respond-lead a[href^='tel:']").first.is_visible()
    page.reload()
    assert "口头报告" in page.locator("li.pb-due-row").first.inner_text()
    ctx.close()


def test_manifest_and_worker_name_only_the_site(site):
    import json
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./index.html" and (site / manifest["icons"][0]["src"]).is_file()
    sw = (site / "sw.js").read_text(encoding="utf-8")
    files = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw).group(1))
    assert f"respond/{PLAN}/II.html" in files and "index.html" in files and f"plans/{PLAN}.html" in files
    assert all((site / f).is_file() for f in files)
    assert "http" not in sw
