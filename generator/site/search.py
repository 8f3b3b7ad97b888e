"""The site's search index, cut into small script files that a query loads only for the words it types.

Material's search plugin still collects every page's sections from the built HTML (so the index holds exactly
what the pages show: masked in a public build), but without jieba (:func:`material_without_jieba`).  After
MkDocs has built the site, :func:`write_index` turns ``search/search_index.json`` into

- ``search/c/`` and ``search/r/``: the index of the pages a phone keeps offline (home, plans, response pages,
  rosters: ``offline.PAGES``) and of the rest (cases, drills, reports ...).  In each, ``t<n>.js`` holds the
  postings of the terms whose hash falls into bucket n, ``w<n>.js`` one large term each (a very large one in two
  files, its highest-scoring pages first: :func:`segments`), ``m<n>.js`` the
  titles and opening words of ``BLOCK`` pages (what a result shows).  A term's postings are a list of
  integers, per page: its number less the previous page's, 2 × its sections holding the term + 1 when the term is
  in the page's title, then section and score for each; written as text (:func:`packed`);
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
import os
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import kept
from .offline import PAGES

TOKEN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z\u00c0-\u024f]+)")
TAG = re.compile(r"<[^>]*>")
#: pages per meta file (their sections' titles and opening words)
BLOCK = 2
#: sections per meta record: a page's first CHUNK sections are in its block's file, further ones in files of their own
CHUNK = 16
#: characters of a section's text kept to show under its title in the results
SNIPPET = 60
#: aimed size of one bucket file of small terms, and the size above which a term has a file of its own
BUCKET_BYTES = 4_000
BIG_BYTES = 6_000
#: a large term's postings above SPLIT_BYTES are cut in two, its highest-scoring pages (about FIRST_BYTES) and the
#: rest (segments())
SPLIT_BYTES = 64_000
FIRST_BYTES = 32_000
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


def cover(text: str) -> list[str]:
    """The terms of a query that the worker looks up (its ``cover``): of each Chinese run the pairs starting at
    its 1st, 3rd, 5th ... character and its last pair, so that every character is in one of them (half the
    files of all pairs); every Latin or digit run.  All of them are ``terms(text)``."""
    out: list[str] = []
    for han, word in TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if not han:
            out.append(word)
        elif len(han) == 1:
            out.append(han)
        else:
            out.extend(han[i:i + 2] for i in range(0, len(han) - 1, 2))
            if len(han) % 2:
                out.append(han[-2:])
    return list(dict.fromkeys(out))


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


#: digits of the postings' text (:func:`packed`): printable ASCII but the quote and the backslash (nothing to escape
#: in JSON) and the digits 0-9 (no run of it reads as a phone or ID number to someone checking a public build for
#: leaks); the first 64 end a number, the other 18 go before them
DIGITS = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in '"\\0123456789')
END, MORE = DIGITS[:64], DIGITS[64:]


def packed(numbers: list[int]) -> str:
    """Non-negative integers as text, about 1.1 characters each instead of 3-4 in JSON: each number is its
    quotient by 64 in base 18 (MORE digits, none when it is 0) and then its remainder (an END digit).  The
    worker's ``unpack`` reads it back."""
    out: list[str] = []
    for n in numbers:
        q, r = divmod(n, 64)
        lead = ""
        while q:
            q, d = divmod(q, len(MORE))
            lead = MORE[d] + lead
        out.append(lead + END[r])
    return "".join(out)


def _script(kind: str, part: str, n: int, data, pack: bool = True) -> str:
    if kept.enabled():  # serve: the same data as in the last build, the same text (_same_script)
        return _same_script(kind, part, n, data, pack)
    return _encode(kind, part, n, data, pack)


def _encode(kind: str, part: str, n: int, data, pack: bool = True) -> str:
    if kind != "m" and pack:
        data = {term: _packed(part, term, plist) for term, plist in data.items()}
    return f"pbShard({json.dumps(kind)},{json.dumps(part)},{n},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def write_index(site: Path, previous: Path | None = None) -> IndexStats | None:
    """Cut the built ``site``'s search/search_index.json into the files above; None when the site has no search.
    When ``previous`` (the last build's site) was cut from the same index by the same code, its files are
    hard-linked instead (an unchanged rebuild; nothing is ever written into a linked file)."""
    folder = site / "search"
    source = folder / "search_index.json"
    if not source.is_file():
        return None
    held = material_index(source)
    raw = held[0] if held is not None else source.read_text(encoding="utf-8")
    key = hashlib.sha256(raw.encode() + b"\0" + Path(__file__).read_bytes()).hexdigest()[:16]
    if previous is not None and _reuse(previous / "search", folder, key):
        return None
    index = held[1] if held is not None else json.loads(raw)
    pages: dict[str, list[dict]] = {}
    for doc in index.get("docs", []):
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    order = sorted(pages, key=lambda loc: not _core(loc))  # stable: the offline pages first
    core_pages = sum(1 for loc in order if _core(loc))
    # every section's term counts (a word in the title counts TITLE times) and length, page by page
    counted: list[list[tuple[Counter, int]]] = []
    titled: list[set[str]] = []  # the terms of each page's title (what a result shows as its name)
    meta: list[list[list[str]]] = []
    df: Counter[str] = Counter()
    for loc in order:
        docs = pages[loc]
        docs.sort(key=lambda d: "#" in d["location"])  # the page itself first (Material needs it)
        if "#" in docs[0]["location"]:  # no section for the page itself: its first section's title stands in
            docs.insert(0, {"location": loc, "title": docs[0]["title"], "text": ""})
        secs, rows = _page_counts(loc, docs)
        for tf, _ in secs:
            df.update(tf.keys())
        counted.append(secs)
        titled.append(set(terms(_plain(docs[0].get("title", "")))))
        meta.append(rows)
    n = sum(len(secs) for secs in counted) or 1
    # the average length to 3 significant digits: the scores do not change with every edit of a title (so that
    # serve's rebuild scores again only the pages with a term whose idf changed: _page_scores)
    avg = float(f"{sum(length for secs in counted for _, length in secs) / n:.3g}") or 1.0
    idf = {t: 10 * (K1 + 1) * math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    changed = _changed_idf(idf)
    # per term and page: page - the term's previous page, twice how many sections plus 1 when the term is in the
    # page's title (the worker knows which pages a whole query in the title could lift), then section, score for each
    # one page's scores at a time (a one-off build never holds all of them: 0.8 GB at 10,000 cases); serve keeps them
    heres = (_page_scores(order[p], secs, avg, idf, changed) for p, secs in enumerate(counted))
    postings = _postings(order, core_pages, heres, titled, changed)
    sections = n
    config = {"v": "", "source": key, "pages": len(order), "core": core_pages, "block": BLOCK, "chunk": CHUNK, "parts": {}}
    files: dict[str, str] = {}
    for part, name in ((0, "c"), (1, "r")):
        small: dict[str, list[int]] = {}
        big: dict[str, list] = {}  # term: [its file, its weight in KB(, its further segments)] (the worker leaves out large ones)
        count = 0  # w files
        for term, plist in sorted(postings[part].items()):  # in term order: the same whether assembled or reused
            if len(plist) * 4 > BIG_BYTES:
                cut = segments(plist) if len(plist) * 4 > SPLIT_BYTES else [(plist, 0, 0, 0)]
                rest: list[list[int]] = []
                for k, (seg, top, held, lead) in enumerate(cut):
                    data = {term + (f"#{k}" if k else ""): seg}
                    files[f"{name}/w{count}.js"] = _script("w", name, count, data)
                    # its weight: KB of its postings as JSON (the worker's BUDGET and WAVE are counted in it, as
                    # before the postings were packed: the same terms are looked up; the file is about half that)
                    kb = math.ceil(len(_script("w", name, count, data, pack=False).encode()) / 1000)
                    if k == 0:
                        big[term] = [count, kb]
                    else:
                        rest.append([count, kb, top, held, lead])
                    count += 1
                if rest:
                    big[term].append(rest)
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
        for b in blocks:  # the first CHUNK sections of BLOCK pages (a block never mixes core and rest)
            lo, hi = max(b * BLOCK, first), min((b + 1) * BLOCK, end)
            files[f"{name}/m{b}.js"] = _script("m", name, b, {f"{i}:0": meta[i][:CHUNK] for i in range(lo, hi)})
        for i in range(first, end):  # a long page's further sections, CHUNK at a time
            for k in range(1, math.ceil(len(meta[i]) / CHUNK)):
                files[f"{name}/m{i}-{k}.js"] = _script("m", name, i, {f"{i}:{k}": meta[i][k * CHUNK:(k + 1) * CHUNK]})
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
        size = kept.write("search", rel, folder, previous / "search" if previous is not None else None, text)
        total += size
        core += size if rel.startswith("c/") else 0
    stub = {"config": {**index.get("config", {}), "planbook": config}, "docs": []}
    text = json.dumps(stub, ensure_ascii=False, separators=(",", ":"))
    source.write_text(text, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")  # as Material's offline plugin
    return IndexStats(pages=len(order), sections=sections, files=len(files), bytes=total, core_bytes=core)


def _count(docs: list[dict]) -> tuple[list[tuple[Counter, int]], list[list[str]]]:
    """A page's sections: each one's term counts (a word in the title counts TITLE times) and length, and its
    meta row (location, title, opening words)."""
    rows, secs = [], []
    for doc in docs:
        title, text = _plain(doc.get("title", "")), _plain(doc.get("text", ""))
        tf = Counter(terms(text))
        length = sum(tf.values())
        for t in terms(title):
            tf[t] += TITLE
            length += 1
        secs.append((tf, length))
        rows.append([doc["location"], html.escape(title, quote=False), _snippet(text)])
    return secs, rows


def _score(secs: list[tuple[Counter, int]], avg: float, idf: dict[str, float],
           only: set[str] | None = None) -> dict[str, list[int]]:
    """A page's postings: for each term (of ``only``, if given), its sections and their BM25 scores."""
    here: dict[str, list[int]] = {}
    for s, (tf, length) in enumerate(secs):
        norm = K1 * (1 - B + B * length / avg)
        # with ``only`` (a few terms), its terms in the section (a term's sections are in order either way)
        for t, f in (tf.items() if only is None else ((t, tf[t]) for t in only if t in tf)):
            score = int(idf[t] * f / (f + norm) + 0.5) or 1
            got = here.get(t)
            if got is None:
                here[t] = [s, score]
            else:
                got += (s, score)
    return here


# ---------------------------------------------------------------- serve: what the last index of the same process had
# Incremental reuse only (generator/kept.py, on in `planbook serve` alone; a one-off build computes everything):
# a page whose sections are the same text as in the last build has the same counts (_page_counts) and, with the
# same idf for its terms, the same postings (_page_scores); a shard with the same data the same text
# (_same_script); a shard file whose text is the one the last build wrote is hard-linked from the last site
# (kept.write).

def _page_counts(loc: str, docs: list[dict]) -> tuple[list[tuple[Counter, int]], list[list[str]]]:
    """:func:`_count`, taken from the last build in serve when the page's sections are the same text."""
    if not kept.enabled():
        return _count(docs)
    sections = tuple((d["location"], d.get("title", ""), d.get("text", "")) for d in docs)
    return kept.kept("search-page", loc, (sections,), lambda: _count(docs))


def hold_material_index(plugin) -> None:
    """In serve, keep the index Material's search ``plugin`` makes in this build as text and as the records it was
    made of (:func:`material_index`), instead of reading and parsing the file it writes."""
    if not kept.enabled() or plugin is None:
        return
    index = plugin.search_index
    make = index.generate_search_index
    held = kept.kept("material-index", "", (), dict)
    held.clear()

    def generate(prev):
        text = make(prev)
        held.update(text=text, docs=index.entries)  # what was written: {"config": ..., "docs": index.entries}
        return text
    index.generate_search_index = generate


def held_material_index(path: Path) -> None:
    """After Material wrote the index held (hold_material_index): the file's identity, to know it is that file."""
    held = kept.kept("material-index", "", (), dict)
    if "text" in held:
        with contextlib.suppress(OSError):
            held["stamp"] = kept.stamp(path)


def material_index(path: Path) -> tuple[str, dict] | None:
    """In serve, the text of Material's index at ``path`` and the index it reads as, when ``path`` is still the file
    written from the index held in memory (its identity) and every section's location, title and text is text
    (as the file reads: nothing that ``json.dumps(default=str)`` turned into text); else None."""
    if not kept.enabled():
        return None
    held = kept.kept("material-index", "", (), dict)
    try:
        if "stamp" not in held or kept.stamp(path) != held["stamp"]:
            return None
    except OSError:
        return None
    text, docs = held["text"], held["docs"]
    head = '{"config":'
    if not text.startswith(head) or not all(
            type(d.get("location")) is str and type(d.get("title", "")) is str and type(d.get("text", "")) is str
            for d in docs):
        return None
    config, end = json.JSONDecoder().raw_decode(text, len(head))  # small, and as the file has it
    if not text.startswith(',"docs":', end):
        return None
    return text, {"config": config, "docs": docs}


def _changed_idf(idf: dict[str, float]) -> tuple[int, set[str] | None]:
    """In serve, this index's number and the terms whose idf is not the last index's (None: not in serve, or no
    last index).  A page's postings are reused only from the index just before (_page_scores)."""
    if not kept.enabled():
        return 0, None
    state = kept.kept("search-idf", "", (), dict)
    last, number = state.get("idf"), state.get("number", 0) + 1
    state["idf"], state["number"] = idf, number
    if last is None:
        return number, None
    changed = {t for t, v in idf.items() if last.get(t) != v}
    changed.update(t for t in last if t not in idf)
    return number, changed


def _page_scores(loc: str, secs: list[tuple[Counter, int]], avg: float, idf: dict[str, float],
                 changed: tuple[int, set[str] | None]) -> dict[str, list[int]]:
    """:func:`_score`; in serve, a page with the same counts (the very objects _page_counts kept) and average
    length as in the last build keeps its postings but those of its terms whose idf changed (``changed``)."""
    number, terms_changed = changed
    if not kept.enabled():
        return _score(secs, avg, idf)
    scores = kept.kept("search-scores", "", (), dict)
    deltas = kept.kept("search-delta", "", (), dict)
    last = scores.get(loc)
    if terms_changed is not None and last is not None and last[0] is secs and last[1] == avg \
            and last[4] == number - 1:
        here, words = last[2], last[3]
        redo = terms_changed & words
        delta: set[str] | None = set()
        if redo:
            fresh = _score(secs, avg, idf, redo)
            delta = {t for t, v in fresh.items() if here[t] != v}
            if delta:  # same keys: the order of a full build's dict
                here = {**here, **{t: fresh[t] for t in delta}}
    else:
        here = _score(secs, avg, idf)
        words = set(here)
        delta = None  # not known: _postings compares the page's postings term by term
    scores[loc] = (secs, avg, here, words, number)
    deltas[loc] = (number, delta)
    return here


def _assemble(heres: Iterable[dict[str, list[int]]], titled: list[set[str]], core_pages: int,
              only: set[str] | None = None) -> list[dict[str, list[int]]]:
    """The postings of every term (of ``only``, if given), core pages' and the rest's: per term and page, the page
    minus the term's previous page, twice how many sections plus 1 when the term is in the page's title (the worker
    knows which pages a whole query in the title could lift), then section, score for each."""
    postings: list[dict[str, list[int]]] = [defaultdict(list), defaultdict(list)]  # core, rest
    last: list[dict[str, int]] = [{}, {}]
    for p, here in enumerate(heres):
        part = 0 if p < core_pages else 1
        plists, prev = postings[part], last[part]
        for t in (here if only is None else here.keys() & only):
            hits = here[t]
            plist = plists[t]
            plist += (p - prev.get(t, 0), len(hits) + (t in titled[p]))  # 2 * (len(hits) // 2) + flag
            plist += hits
            prev[t] = p
    return postings


def _postings(order: list[str], core_pages: int, heres: Iterable[dict[str, list[int]]], titled: list[set[str]],
              changed: tuple[int, set[str] | None]) -> list[dict[str, list[int]]]:
    """:func:`_assemble`; in serve, with the same pages in the same order as the index just before, only the terms
    whose postings may differ are assembled again (those whose idf changed, and those whose scores or title flag
    changed on a page whose postings are not the very last ones): every other term keeps its last list."""
    if not kept.enabled():
        return _assemble(heres, titled, core_pages)
    heres = list(heres)  # the next build compares its pages' scores with these
    number, terms_changed = changed
    state = kept.kept("search-postings", "", (), dict)
    old = state.get("last")
    if old is None or terms_changed is None or old["number"] != number - 1 or old["order"] != order \
            or old["core"] != core_pages:
        postings = _assemble(heres, titled, core_pages)
    else:
        dirty = set(terms_changed)
        deltas = kept.kept("search-delta", "", (), dict)
        for p, (a, b) in enumerate(zip(old["heres"], heres, strict=True)):
            if a is not b:
                known = deltas.get(order[p])  # the terms _page_scores found changed on this page since the last index
                if known is not None and known[0] == number and known[1] is not None:
                    dirty |= known[1]
                else:
                    dirty.update(t for t in a.keys() | b.keys() if a.get(t) != b.get(t))
            if old["titled"][p] != titled[p]:
                dirty |= old["titled"][p] ^ titled[p]
        fresh = _assemble(heres, titled, core_pages, dirty)
        postings = [{t: plist for t, plist in part.items() if t not in dirty} for part in old["postings"]]
        for part, new in zip(postings, fresh, strict=True):
            part.update(new)
    state["last"] = {"number": number, "order": order, "core": core_pages, "heres": heres, "titled": titled,
                     "postings": postings}
    return postings


def _packed(part: str, term: str, plist: list[int]) -> str:
    """:func:`packed`; in serve, the last build's text of the term's postings when they are the same numbers (a shard
    written again because one of its terms changed keeps the text of all the others)."""
    if not kept.enabled():
        return packed(plist)
    texts = kept.kept("search-packed", "", (), dict)
    last = texts.get((part, term))
    if last is not None and (last[0] is plist or last[0] == plist):
        return last[1]
    text = packed(plist)
    texts[(part, term)] = (plist, text)
    return text


def _same_script(kind: str, part: str, n: int, data: dict, pack: bool = True) -> str:
    """:func:`_encode`, the text of the last build's file of the same name when ``data`` has the same keys in the same
    order and the same values (comparing is much quicker than encoding)."""
    scripts = kept.kept("search-scripts", "", (), dict)
    # one per file and packing: m<b> and m<i>-<k> share n
    key = (kind, part, n, next(iter(data), None) if kind == "m" else None, pack)
    items = list(data.items())
    last = scripts.get(key)
    if last is not None and last[0] == items:
        return last[1]
    text = _encode(kind, part, n, data, pack)
    scripts[key] = (items, text)
    return text


def segments(plist: list[int]) -> list[tuple[list[int], int, int, int]]:
    """A term's postings cut in two: its pages ordered by their best section's score (highest first, then by
    page number), the first ones up to about FIRST_BYTES, then the rest; each part's pages again in page order and
    encoded as in ``plist``; with each part the best score in it, its number of pages and the first page with that
    score (the worker breaks ties by page number, so a page of the rest never goes before a first part's page of the
    same score).  A query of this term alone loads the first part, and the rest only when one of its pages could
    be among those shown (the worker's ``more``); a query of several terms loads both."""
    entries: list[tuple[int, int, int, list[int]]] = []  # (page, best score, count field, its sections and scores)
    page = i = 0
    while i < len(plist):
        page += plist[i]
        n = plist[i + 1]
        hits = plist[i + 2:i + 2 + 2 * (n >> 1)]
        entries.append((page, max(hits[1::2]), n, hits))
        i += 2 + 2 * (n >> 1)
    entries.sort(key=lambda e: (-e[1], e[0]))
    groups: list[list[tuple[int, int, int, list[int]]]] = [[]]
    size = 0
    for e in entries:
        if size * 4 > FIRST_BYTES and len(groups) == 1:
            groups.append([])
            size = 0
        groups[-1].append(e)
        size += 2 + len(e[3])
    out = []
    for group in groups:
        top, lead = group[0][1], group[0][0]
        group.sort()
        seg: list[int] = []
        prev = 0
        for page, _, n, hits in group:
            seg += (page - prev, n, *hits)
            prev = page
        out.append((seg, top, len(group), lead))
    return out


def _reuse(old: Path, folder: Path, key: str) -> bool:
    """Link the previous build's index files into ``folder`` when they were cut from the same index (``key``)."""
    try:
        stub = (old / "search_index.json").read_text(encoding="utf-8")
        if json.loads(stub).get("config", {}).get("planbook", {}).get("source") != key:
            return False
        names = [(sub, f.name) for sub in ("c", "r") for f in (old / sub).iterdir() if f.is_file()]
    except (OSError, ValueError, AttributeError):
        return False
    for sub in ("c", "r"):
        (folder / sub).mkdir(exist_ok=True)
    try:
        for sub, name in names:
            os.link(old / sub / name, folder / sub / name)
    except OSError:  # another file system: cut it again
        for sub in ("c", "r"):
            shutil.rmtree(folder / sub, ignore_errors=True)
        return False
    for name in ("search_index.json", "search_index.js"):
        (folder / name).unlink(missing_ok=True)
        os.link(old / name, folder / name)
    return True


def _plain(markup: str) -> str:
    """Material's index keeps some tags in a section's text (p, li, code ...), the text between them escaped."""
    return html.unescape(TAG.sub(" ", markup))


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    cut = text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")
    return html.escape(cut, quote=False)
