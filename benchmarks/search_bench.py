"""Benchmark: the site's search in Chromium, on a desk and on a phone profile (and Pagefind on the same site).

    python benchmarks/search_bench.py SITE [--query 垃圾中转点 ...] [--rounds 3] [--pagefind]

SITE is a built site (output/site of `planbook build`; benchmarks/corpus.py makes a repository of any
size).  Served over HTTP from this machine, twice per round: as on a desk (no throttling) and as a phone on a
township intranet (40 ms before each response and 1.6 Mbit/s, applied by this script's server, because
Chromium's network throttling does not reach a Web Worker's requests; the page's CPU slowed 4x).  Per round and
profile, in interleaved rounds:

  page      the baseline: opening index.html until its load event;
  ready     from the load event until the search worker says it is ready (Material's message 1) — target < 1 s
            on a desk;
  result    from typing each query (the box's input event, in the page) until its first result is in the page
            — target < 300 ms;
  all       from typing it until the worker's last message for it (all 20 results: it may send the first
            ones before);
  fill      Playwright's own time to type it (from the call until the input event: locating the box, its checks
            in the slowed page, the messages to Chromium), which no reader waits for: not counted (before issue 18
            item 1's third round it was, 30-50 ms on the phone);
  bytes     transferred for that query (every response after the query was typed) — target < 1 MB;
  next      the same query on the next page opened, the first query's first result (nothing is rebuilt);
  first     the first result's link.

With --pagefind the site is also indexed with `python -m pagefind` (extended build) into SITE/pagefind and the
same queries are run through pagefind.js on the phone profile (http only: Pagefind cannot run from file://).
Nothing here changes the site besides adding SITE/pagefind.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import spread, verdict

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]


#: the phone's township intranet, applied by the server (Chromium's own network throttling does not reach
#: requests made by a Web Worker): 40 ms before each response, 1.6 Mbit/s for its body
LATENCY, RATE = 0.040, 1.6e6 / 8


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def copyfile(self, source, outputfile):
        throttled = self.server.throttled
        start = time.perf_counter()
        if throttled:
            time.sleep(LATENCY)
        size = 0
        while chunk := source.read(16384):
            outputfile.write(chunk)
            size += len(chunk)
            with self.server.lock:
                self.server.sent += len(chunk)
            if throttled:
                time.sleep(len(chunk) / RATE)
        with self.server.lock:
            self.server.log.append((start, time.perf_counter(), size, self.path.split("?")[0]))


class _Server(http.server.ThreadingHTTPServer):
    throttled = False
    sent = 0
    log: list  # (start, end, bytes, path) of every response, in the order they ended
    lock = threading.Lock()

    def handle_error(self, request, client_address):  # a page closed mid-download: not a failure here
        pass


def serve(folder: Path, throttled: bool = False) -> tuple[str, http.server.ThreadingHTTPServer]:
    srv = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    srv.throttled = throttled
    srv.log = []
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}/", srv


#: records when the search worker says it is ready (message type 1), before Material's bundle makes it
READY_HOOK = """(() => {
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener("message", e => {
        if (e.data && e.data.type === 1 && !window.__pbReady) window.__pbReady = performance.now();
        if (e.data && e.data.type === 3) (window.__pbResults = window.__pbResults || []).push(
          [performance.now(), e.data.data.items.length, !!e.data.data.partial]);
      });
    }
    postMessage(m, ...rest) {  // the query's message to the worker (2), after Material's handling of the keyup
      if (m && m.type === 2 && window.__pbPosted === null) window.__pbPosted = performance.now();
      return super.postMessage(m, ...rest);
    }
  };
  // typed: the box's first input event after the bench resets __pbTyped to null; shown: the first result link
  // put into the page (before it is painted)
  addEventListener("input", e => {
    if (window.__pbTyped === null && e.target.value) window.__pbTyped = performance.now();
  }, true);
  new MutationObserver(() => {
    if (window.__pbShown === null && document.querySelector("a.md-search-result__link"))
      window.__pbShown = performance.now();
  }).observe(document, { childList: true, subtree: true });
})()"""


def phone(browser, throttled: bool = True):
    """A page at 390 px; throttled: its CPU slowed 4x (the page's; the network is slowed by the server)."""
    # no service worker: its one-time copy of the offline pages would be counted as the first query's bytes
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, service_workers="block")
    ctx.add_init_script(READY_HOOK)
    page = ctx.new_page()
    if throttled:
        ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return ctx, page


FIRST = "() => document.querySelector('a.md-search-result__link')"
LIMIT = 20  # results the worker shows (assets/search-worker.js)
#: time.time() - time.perf_counter(): the page's clock (performance.timeOrigin + now(), ms since 1970) on the
#: server log's
EPOCH = time.time() - time.perf_counter()


def searchbox(browser, srv, queries: list[str]) -> dict:
    """Open index.html, wait for the search worker, then each query in turn; the next page, the first again."""
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    ctx, page = phone(browser, srv.throttled)
    t = time.perf_counter()
    page.goto(base + "index.html", wait_until="load")
    loaded = time.perf_counter() - t
    page.wait_for_function("() => window.__pbReady", timeout=600_000)
    ready = page.evaluate("() => (window.__pbReady - performance.timing.loadEventStart"
                          " + performance.timing.navigationStart) / 1000")
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    out = {"page_s": loaded, "ready_s": max(ready, 0.0), "queries": {}}
    for q in queries:
        box.fill("")
        page.wait_for_function("() => !document.querySelector('a.md-search-result__link')")
        before, logged = srv.sent, len(srv.log)
        page.evaluate("() => { window.__pbResults = []; window.__pbTyped = window.__pbPosted = window.__pbShown = null; }")
        t = time.perf_counter()
        box.fill(q)
        page.wait_for_function(FIRST, timeout=600_000)
        origin, typed, posted, shown = page.evaluate(
            "() => [performance.timeOrigin, window.__pbTyped, window.__pbPosted, window.__pbShown]")
        typed_at = (origin + typed) / 1000 - EPOCH  # on this process's perf_counter clock, as the server's log
        # the worker may send the first results before the rest (a message marked partial): wait for the last
        page.wait_for_function("() => (window.__pbResults || []).some(r => !r[2])", timeout=600_000)
        page.wait_for_timeout(200)  # a further message, more files: counted too
        final = page.evaluate("() => (window.__pbResults.filter(r => !r[2]).pop()[0] - window.__pbTyped) / 1000")
        first = page.eval_on_selector("a.md-search-result__link", "a => a.getAttribute('href')")
        requests = [(round((a - typed_at) * 1000), round((b - typed_at) * 1000), n, path)
                    for a, b, n, path in srv.log[logged:]]
        out["queries"][q] = {"result_s": (shown - typed) / 1000, "all_s": final, "fill_s": typed_at - t,
                             "posted_s": (posted - typed) / 1000, "asked_s": requests[0][0] / 1000 if requests else None,
                             "bytes": srv.sent - before, "requests": requests,
                             "first": urljoin(base + "index.html", first.split("?")[0]).removeprefix(base)}
    # the next page: the first query's first result, as a reader goes on (before issue 18's paging, cases/index.html
    # and training.html listed every case: 5.4 and 8.7 MB at 10,000, half a minute on the phone's line); nothing to
    # rebuild there
    page.goto(base + out["queries"][queries[0]]["first"], wait_until="load", timeout=600_000)
    page.locator("label.md-header__button[for=__search]").click()
    t = time.perf_counter()
    page.locator("input.md-search__input").fill(queries[0])
    page.wait_for_function(FIRST, timeout=600_000)
    out["next_s"] = time.perf_counter() - t
    ctx.close()
    return out


def pagefind(browser, srv, query: str) -> dict:
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    ctx, page = phone(browser, srv.throttled)
    t = time.perf_counter()
    page.goto(base + "index.html")
    loaded = time.perf_counter() - t
    before = srv.sent
    t1 = time.perf_counter()
    first = page.evaluate("""async (q) => {
        const pf = await import('./pagefind/pagefind.js');
        const r = await pf.search(q);
        if (!r.results.length) return null;
        return (await r.results[0].data()).url;
    }""", query)
    took = time.perf_counter() - t1
    ctx.close()
    return {"page_s": loaded, "result_s": loaded + took, "query_s": took, "search_bytes": srv.sent - before,
            "first": first}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--query", action="append", help="(repeatable) default: 研判, 新闻发言人, 垃圾中转点")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pagefind", action="store_true")
    ap.add_argument("--trace", action="store_true", help="print each query's responses (the last round)")
    args = ap.parse_args()
    queries = args.query or ["研判", "新闻发言人", "垃圾中转点"]
    from playwright.sync_api import sync_playwright
    search = args.site / "search"
    files = [f for f in search.rglob("*") if f.is_file()]
    offline = [f for f in files if f.parent.name == "c"]
    print(f"site: {sum(1 for _ in args.site.rglob('*.html'))} pages; search index {len(files)} files, "
          f"{sum(f.stat().st_size for f in files) / 1e6:.1f} MB, largest {max(f.stat().st_size for f in files) / 1e3:.0f} KB; "
          f"kept by a phone for offline search (search/c): {sum(f.stat().st_size for f in offline) / 1e6:.2f} MB")
    if args.pagefind:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(args.site), "--output-subdir", "pagefind",
                        "--force-language", "zh-cn", "--root-selector", "article"], check=True,
                       capture_output=True)
        pf = args.site / "pagefind"
        size = sum(f.stat().st_size for f in pf.rglob("*") if f.is_file())
        print(f"pagefind indexing {time.perf_counter() - t:.1f} s, {size / 1e6:.1f} MB in "
              f"{sum(1 for _ in pf.rglob('*'))} files")
    servers = {"desk": serve(args.site)[1], "phone": serve(args.site, throttled=True)[1]}
    runs: dict[str, list[dict]] = {"desk": [], "phone": [], "pagefind": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for i in range(args.rounds):
            runs["desk"].append(searchbox(browser, servers["desk"], queries))
            runs["phone"].append(searchbox(browser, servers["phone"], queries))
            if args.pagefind:
                runs["pagefind"].append({q: pagefind(browser, servers["phone"], q) for q in queries})
            print(f"  round {i + 1}/{args.rounds} done", file=sys.stderr, flush=True)
        browser.close()
    for srv in servers.values():
        srv.shutdown()
    for name in ("desk", "phone"):
        rs = runs[name]
        ready = [r["ready_s"] for r in rs]
        ratio = [r["ready_s"] / r["page_s"] for r in rs]
        print(f"{name}: page load {spread([r['page_s'] for r in rs])}; search ready {spread(ready)} after it "
              f"({spread(ratio, '×')} of the page load; target < 1 s on a desk: {verdict(max(ready), 1.0)})")
        for q in queries:
            res = [r["queries"][q]["result_s"] * 1000 for r in rs]
            kb = [r["queries"][q]["bytes"] / 1e3 for r in rs]
            full = [r["queries"][q]["all_s"] * 1000 for r in rs]
            print(f"  {q}: result {spread(res, ' ms', 0)} ({verdict(statistics.median(res), 300)} < 300 ms), "
                  f"all {LIMIT} results {spread(full, ' ms', 0)}, "
                  f"{spread(kb, ' KB', 0)} transferred ({verdict(max(kb), 1000)} < 1 MB), first {rs[0]['queries'][q]['first']}")
            if args.trace:  # the last round's responses: ms after typing (start-end), bytes, file
                asked = [r["queries"][q]["asked_s"] * 1000 for r in rs if r["queries"][q]["asked_s"] is not None]
                print(f"      typed -> query posted to the worker {spread([r['queries'][q]['posted_s'] * 1000 for r in rs], ' ms', 0)}"
                      f", -> first request at the server {spread(asked, ' ms', 0)}; Playwright's fill before the "
                      f"input event (not counted) {spread([r['queries'][q]['fill_s'] * 1000 for r in rs], ' ms', 0)}")
                for a, b, n, path in rs[-1]["queries"][q]["requests"]:
                    print(f"      {a:5d}-{b:5d} ms {n / 1e3:7.1f} KB {path}")
        print(f"  on the next page, the first query again: {spread([r['next_s'] * 1000 for r in rs], ' ms', 0)} "
              f"(cached files; nothing rebuilt)")
    for q in queries if runs["pagefind"] else ():
        rs = [r[q] for r in runs["pagefind"]]
        print(f"pagefind (phone) {q}: query {spread([r['query_s'] * 1000 for r in rs], ' ms', 0)}, "
              f"{spread([r['search_bytes'] / 1e3 for r in rs], ' KB', 0)} transferred, first {rs[0]['first']}")
    print(json.dumps(runs, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
