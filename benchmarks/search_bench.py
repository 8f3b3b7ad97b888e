"""Benchmark: the site's search in Chromium on a phone profile, Material's search against Pagefind, same site.

    python benchmarks/search_bench.py SITE [--query 垃圾中转点] [--rounds 3] [--pagefind]

SITE is a built site (output/site of `planbook build`; benchmarks/corpus.py makes a repository of any
size).  Served over HTTP from this machine with Chromium's network throttled (40 ms latency, 1.6 Mbit/s
down: a township intranet on a phone) and its CPU slowed 4x, it measures, in interleaved rounds:

  material  Material's search as built: from opening index.html to the first result of the query
            (the worker downloads search_index.json and builds its index first), and bytes transferred;
  pagefind  (with --pagefind: the site is indexed once with `python -m pagefind`, extended build, into
            SITE/pagefind) the same query through pagefind.js: from opening index.html and loading
            pagefind.js to its first result's data, and bytes transferred for that.

Nothing here changes the site besides adding SITE/pagefind.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import spread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a page closed mid-download: not a failure here
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    srv = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}/", srv


def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40,
                                                  "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    got = {"bytes": 0}
    cdp.on("Network.loadingFinished", lambda e: got.__setitem__("bytes", got["bytes"] + e["encodedDataLength"]))
    return ctx, page, got


def material(browser, base: str, query: str) -> dict:
    ctx, page, got = phone(browser)
    t = time.perf_counter()
    page.goto(base + "index.html")
    loaded = time.perf_counter() - t
    before = got["bytes"]
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function("() => document.querySelector('a.md-search-result__link')", timeout=600_000)
    took = time.perf_counter() - t
    first = page.eval_on_selector("a.md-search-result__link", "a => a.getAttribute('href')")
    ctx.close()
    return {"page_s": loaded, "result_s": took, "search_bytes": got["bytes"] - before, "first": first}


def pagefind(browser, base: str, query: str) -> dict:
    ctx, page, got = phone(browser)
    t = time.perf_counter()
    page.goto(base + "index.html")
    loaded = time.perf_counter() - t
    before = got["bytes"]
    t1 = time.perf_counter()
    first = page.evaluate("""async (q) => {
        const pf = await import('./pagefind/pagefind.js');
        const r = await pf.search(q);
        if (!r.results.length) return null;
        return (await r.results[0].data()).url;
    }""", query)
    took = time.perf_counter() - t1
    ctx.close()
    return {"page_s": loaded, "result_s": loaded + took, "query_s": took, "search_bytes": got["bytes"] - before,
            "first": first}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--query", default="垃圾中转点")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pagefind", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    index = args.site / "search" / "search_index.json"
    print(f"site: {sum(1 for _ in args.site.rglob('*.html'))} pages; Material's index {index.stat().st_size / 1e6:.1f} MB")
    if args.pagefind:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(args.site), "--output-subdir", "pagefind",
                        "--force-language", "zh-cn", "--root-selector", "article"], check=True,
                       capture_output=True)
        pf = args.site / "pagefind"
        size = sum(f.stat().st_size for f in pf.rglob("*") if f.is_file())
        print(f"pagefind indexing {time.perf_counter() - t:.1f} s, {size / 1e6:.1f} MB in "
              f"{sum(1 for _ in pf.rglob('*'))} files")
    base, srv = serve(args.site)
    runs: dict[str, list[dict]] = {"material": [], "pagefind": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for i in range(args.rounds):
            runs["material"].append(material(browser, base, args.query))
            if args.pagefind:
                runs["pagefind"].append(pagefind(browser, base, args.query))
            print(f"  round {i + 1}: " + "; ".join(f"{k} {v[-1]}" for k, v in runs.items() if v), file=sys.stderr)
        browser.close()
    srv.shutdown()
    for name, rs in runs.items():
        if rs:
            print(f"{name}: first result {spread([r['result_s'] for r in rs])} after opening the page "
                  f"(page {spread([r['page_s'] for r in rs])}), "
                  f"{spread([r['search_bytes'] / 1e6 for r in rs], ' MB')} transferred for search, first hit {rs[0]['first']}")
    print(json.dumps(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
