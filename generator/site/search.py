"""The site's search index, cut into small script files that a query loads only for the words it types.

Material's search plugin still collects every page's sections from the built HTML (so the index holds exactly
what the pages show: masked in a public build), but without jieba (:func:`material_without_jieba`).  After
MkDocs has built the site, :func:`write_index` turns ``search/search_index.json`` into

- ``search/c/`` and ``search/r/``: the index of the pages a phone keeps offline (home, plans, response pages,
  rosters: ``offline.PAGES``) and of the rest (cases, drills, reports ...).  In each, ``t<n>.js`` holds the
  postings of the terms whose hash falls into bucket n, ``w<n>.js`` one large term each, ``m<n>.js`` the
  titles and opening words of ``BLOCK`` pages (what a result shows);
- ``search/search_index.json`` (and Material's ``search_index.js`` for file://): no documents, only what the
  search worker (``assets/search-worker.js``) needs to find those files.

Every file is a script (``pbShard(...)``), so the worker loads it with ``importScripts`` over http(s) and,
from disk (file://), where fetch() fails, through the iframe-worker shim's script tags.  Terms are Chinese
character pairs (a one-character run is its own term) and runs of Latin letters or digits, after NFKC and
lower case: the worker cuts a query the same way (``terms`` here and ``terms`` there must agree), so no word
list and no jieba are needed, at build time or in the browser.
"""
from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import html
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .offline import PAGES

TOKEN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z\u00c0-\u024f]+)")
#: pages per meta file (their sections' titles and opening words)
BLOCK = 4
#: characters of a section's text kept to show under its title in the results
SNIPPET = 90
#: aimed size of one bucket file of small terms, and the size above which a term has a file of its own
BUCKET_BYTES = 12_000
BIG_BYTES = 6_000
#: a term in more than this share of all sections narrows nothing: a query with other terms leaves it out
COMMON_SHARE = 0.05
#: BM25, with a word in a title counted TITLE times
K1, B, TITLE = 1.2, 0.75, 5


def terms(text: str) -> list[str]:
    """The index terms of ``text`` (assets/search-worker.js cuts a query the same way)."""
    out: list[str] = []
    for han, word in TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if han:
            out.extend([han] if len(han) == 1 else [han[i:i + 2] for i in range(len(han) - 1)])
        else:
            out.append(word)
    return out


def bucket(term: str, n: int) -> int:
    """FNV-1a over the term's UTF-16 code units, modulo ``n`` (the worker's ``bucket``)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % n


@contextlib.contextmanager
def material_without_jieba():
    """Material's search plugin cuts every page's Chinese with jieba when jieba is installed (8.3 s of a 31 s
    build at 1,000 cases); the index here needs the plain text.  Its module looks jieba up as a global at
    each page: None while the site builds."""
    try:
        from material.plugins.search import plugin
    except ImportError:
        yield
        return
    saved = plugin.jieba
    plugin.jieba = None
    try:
        yield
    finally:
        plugin.jieba = saved


@dataclass(frozen=True)
class IndexStats:
    pages: int
    sections: int
    files: int
    bytes: int
    core_bytes: int


def _core(location: str) -> bool:
    return any(fnmatch.fnmatch(location, p) for p in PAGES)


def _script(kind: str, part: str, n: int, data) -> str:
    return f"pbShard({json.dumps(kind)},{json.dumps(part)},{n},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def write_index(site: Path) -> IndexStats | None:
    """Cut the built ``site``'s search/search_index.json into the files above; None when the site has no search."""
    folder = site / "search"
    source = folder / "search_index.json"
    if not source.is_file():
        return None
    index = json.loads(source.read_text(encoding="utf-8"))
    pages: dict[str, list[dict]] = {}
    for doc in index.get("docs", []):
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    order = sorted(pages, key=lambda loc: not _core(loc))  # stable: the offline pages first
    core_pages = sum(1 for loc in order if _core(loc))
    # every section's terms: (page, section, title counts, text counts, length)
    sections = []
    meta: list[list[list[str]]] = []
    for p, loc in enumerate(order):
        docs = pages[loc]
        docs.sort(key=lambda d: "#" in d["location"])  # the page itself first (Material needs it)
        if "#" in docs[0]["location"]:  # no section for the page itself: its first section's title stands in
            docs.insert(0, {"location": loc, "title": docs[0]["title"], "text": ""})
        rows = []
        for s, doc in enumerate(docs):
            title, text = html.unescape(doc.get("title", "")), html.unescape(doc.get("text", ""))
            tt, xt = Counter(terms(title)), Counter(terms(text))
            sections.append((p, s, tt, xt, sum(tt.values()) + sum(xt.values())))
            rows.append([doc["location"], html.escape(title, quote=False), _snippet(text)])
        meta.append(rows)
    n = len(sections) or 1
    avg = sum(s[4] for s in sections) / n or 1.0
    df: Counter[str] = Counter()
    for _, _, tt, xt, _ in sections:
        df.update(set(tt) | set(xt))
    postings: list[dict[str, list[int]]] = [defaultdict(list), defaultdict(list)]  # core, rest
    last: list[dict[str, tuple[int, int]]] = [{}, {}]  # term: (its last page, where that page's count is)
    for p, s, tt, xt, length in sections:
        part = 0 if p < core_pages else 1
        for term in set(tt) | set(xt):
            tf = xt[term] + TITLE * tt[term]
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            score = max(1, round(10 * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))))
            plist = postings[part][term]
            prev, at = last[part].get(term, (0, -1))
            if at >= 0 and prev == p:  # another section of the same page
                plist[at] += 1
                plist.extend([s, score])
            else:  # per page: page - previous page, how many sections, then section, score for each
                plist.extend([p - prev, 1, s, score])
                last[part][term] = (p, len(plist) - 3)
    common = sorted(t for t, c in df.items() if c > COMMON_SHARE * n and len(sections) >= 2000)
    config = {"v": "", "pages": len(order), "core": core_pages, "block": BLOCK, "snippet": SNIPPET,
              "common": common, "parts": {}}
    files: dict[str, str] = {}
    for part, name in ((0, "c"), (1, "r")):
        small: dict[str, list[int]] = {}
        big: dict[str, int] = {}
        for term, plist in postings[part].items():
            if len(plist) * 4 > BIG_BYTES:
                big[term] = len(big)
                files[f"{name}/w{big[term]}.js"] = _script("w", name, big[term], {term: plist})
            else:
                small[term] = plist
        size = sum(len(t) * 3 + 4 * len(p) for t, p in small.items())
        buckets = max(1, math.ceil(size / BUCKET_BYTES))
        grouped: list[dict[str, list[int]]] = [{} for _ in range(buckets)]
        for term, plist in small.items():
            grouped[bucket(term, buckets)][term] = plist
        for i, group in enumerate(grouped):
            files[f"{name}/t{i}.js"] = _script("t", name, i, group)
        first, end = (0, core_pages) if part == 0 else (core_pages, len(order))
        blocks = range(first // BLOCK, math.ceil(end / BLOCK)) if end > first else range(0)
        for b in blocks:  # a block never mixes core and rest: its pages are [max(b*BLOCK, first), ...)
            lo, hi = max(b * BLOCK, first), min((b + 1) * BLOCK, end)
            files[f"{name}/m{b}.js"] = _script("m", name, b, {str(i): meta[i] for i in range(lo, hi)})
        config["parts"][name] = {"buckets": buckets, "big": big}
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(rel.encode() + b"\0" + files[rel].encode())
    config["v"] = digest.hexdigest()[:12]
    for sub in ("c", "r"):
        old = folder / sub
        if old.is_dir():
            for f in old.iterdir():
                f.unlink()
        old.mkdir(exist_ok=True)
    total = core = 0
    for rel, text in files.items():
        data = text.encode("utf-8")
        (folder / rel).write_bytes(data)
        total += len(data)
        core += len(data) if rel.startswith("c/") else 0
    stub = {"config": {**index.get("config", {}), "planbook": config}, "docs": []}
    text = json.dumps(stub, ensure_ascii=False, separators=(",", ":"))
    source.write_text(text, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")  # as Material's offline plugin
    return IndexStats(pages=len(order), sections=len(sections), files=len(files), bytes=total, core_bytes=core)


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    cut = text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")
    return html.escape(cut, quote=False)
