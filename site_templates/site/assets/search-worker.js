/* Planbook's search worker, in place of Material's (overrides/main.html points Material's search box here).
   It speaks Material's messages (0 setup, 1 ready, 2 query, 3 result) but builds no index: the index is cut
   into small script files (generator/site/search.py), and a query loads only the files of the terms it types
   and the titles of the pages it shows.  Ready as soon as it starts; nothing to rebuild on the next page.
   Works in a real Web Worker (importScripts over http(s)) and in Material's iframe-worker shim from disk
   (file://, where fetch() fails and the files are loaded as script tags).  Loads nothing from outside. */
"use strict";
(function () {
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("([" + HAN + "]+)|([0-9a-z\u00c0-\u024f]+)", "g");
  var LIMIT = 20;  // pages shown; the count of all matches is sent as well (assets/search-zh.js shows it)
  var SECTIONS = 8;  // sections shown under a page
  // large terms are weighed in KB of their postings as JSON (their files, packed, are about half that)
  var BUDGET = 400;  // KB of large terms a query loads at most
  var WAVE = 160;  // KB of large terms loaded at once (in parallel) before looking at what they narrow to
  var EARLY = 6;  // titles files loaded before the first results are shown (a browser's parallel requests to a host)
  // done: per file asked for, the promise of its loading (a query waits for a file another query asked for)
  var conf = null, root = null, postings = { c: {}, r: {} }, meta = {}, done = {};
  var begin, ready = new Promise(function (resolve) { begin = resolve; });  // queries wait for the setup only
  var latest = 0, STALE = {};  // the number of the newest query; what an older one stops with

  /* The index terms of a text: Chinese character pairs (a one-character run is its own term), runs of
     Latin letters or digits; NFKC and lower case.  As generator/site/search.py's terms(). */
  function cut(text) {
    var out = [], m;
    text = String(text).normalize("NFKC").toLowerCase();
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[1]) {
        if (m[1].length === 1) out.push(m[1]);
        for (var i = 0; i + 1 < m[1].length; i++) out.push(m[1].slice(i, i + 2));
      } else out.push(m[2]);
    }
    return out;
  }

  /* The terms of a query that are looked up: for each run of Chinese characters the pairs that start at its
     1st, 3rd, 5th ... character and its last pair (every character is in one of them: half the files of all
     pairs, and a page must still hold every character of the query), every Latin or digit run.  As
     generator/site/search.py's cover(). */
  function cover(text) {
    var out = [], m;
    text = String(text).normalize("NFKC").toLowerCase();
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      var run = m[1];
      if (!run) { out.push(m[2]); continue; }
      if (run.length === 1) { out.push(run); continue; }
      for (var i = 0; i + 1 < run.length; i += 2) out.push(run.slice(i, i + 2));
      if (run.length % 2) out.push(run.slice(-2));
    }
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  /* weight in KB of a large term's files, all its segments (0: a small term, in a bucket file) */
  function size(t) {
    return ["c", "r"].reduce(function (n, p) {
      var b = conf.parts[p].big[t];
      return n + (b ? b[1] + (b[2] || []).reduce(function (m, s) { return m + s[1]; }, 0) : 0);
    }, 0);
  }

  /* A very large term's postings are cut by score (search.py's segments()): big[t] is [file, KB, [[file, KB,
     best score in it, pages, first page with that score], ...]], the first file holding its highest-scoring pages,
     the further ones (one as the index is cut now) the rest. */
  function segments(p, t) { var b = conf.parts[p].big[t]; return (b && b[2]) || []; }

  /* What a query looks up: its covering terms, the small ones at once, the large ones from the smallest while
     they add up to at most BUDGET KB (at least one term in all). */
  function plan(query) {
    var terms = cover(query), spent = 0;
    var small = terms.filter(function (t) { return !size(t); });
    var large = terms.filter(function (t) { return size(t); }).sort(function (a, b) { return size(a) - size(b); });
    large = large.filter(function (t, i) {
      if ((small.length || i) && spent + size(t) > BUDGET) return false;
      spent += size(t);
      return true;
    });
    return { small: small, large: large };
  }

  /* Add term number ti's postings (both parts; of its segments, the first or all) to pages: per page its best
     score per term, whether the term is in its title, and its sections. */
  function collect(pages, t, ti, all) {
    ["c", "r"].forEach(function (p) {
      collectList(pages, postings[p][t], ti);
      if (all) segments(p, t).forEach(function (s, k) { collectList(pages, postings[p][t + "#" + (k + 1)], ti); });
    });
  }

  function collectList(pages, list, ti) {
    if (!list) return;
    var page = 0;
    for (var i = 0; i < list.length;) {
      page += list[i];
      var field = list[i + 1], count = field >> 1;  // 2 x sections + 1 when the term is in the page's title
      i += 2;
      var hit = pages[page] || (pages[page] = { page: page, terms: {}, titled: {}, secs: {} });
      if (field & 1) hit.titled[ti] = true;
      var best = 0;
      for (var k = 0; k < count; k++, i += 2) {
        var s = list[i], score = list[i + 1];
        var sec = hit.secs[s] || (hit.secs[s] = { sum: 0, n: 0 });
        sec.sum += score;
        sec.n += 1;
        if (score > best) best = score;
      }
      hit.terms[ti] = best;
    }
  }

  /* the pages that hold all of the first need terms */
  function complete(pages, need) {
    var out = [];
    for (var k in pages) if (Object.keys(pages[k].terms).length === need) out.push(pages[k]);
    return out;
  }

  /* FNV-1a over UTF-16 code units, as search.py's bucket() */
  function bucket(term, n) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % n;
  }

  /* A term's postings, written as text by search.py's packed(): each number is its quotient by 64 in base 18,
     then its remainder; the digits are printable ASCII but the quote, the backslash and 0-9, the first 64 of them
     ending a number. */
  var DIGIT = [], MORE = 0;
  for (var c = 0x21; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c && (c < 0x30 || c > 0x39)) DIGIT[c] = MORE++;
  MORE -= 64;
  function unpack(text) {
    var out = [], lead = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d < 64) { out.push(lead * 64 + d); lead = 0; } else lead = lead * MORE + d - 64;
    }
    return out;
  }

  self.pbCut = cut;  // for tests: the worker's term cutting against search.py's
  self.pbCover = cover;
  self.pbUnpack = unpack;
  self.pbShard = function (kind, part, n, data) {
    var into = kind === "m" ? meta : postings[part];
    for (var k in data) if (Object.prototype.hasOwnProperty.call(data, k))
      into[k] = kind === "m" ? data[k] : unpack(data[k]);
  };

  function here() {
    if (typeof document !== "undefined") {  // the iframe-worker shim: this script is a tag in its iframe
      var tags = document.querySelectorAll("script[src]");
      return tags[tags.length - 1].src;
    }
    return self.location.href;
  }

  /* Load the files not loaded yet, each applied as it arrives; a file that cannot be had (offline, not kept) is
     left out.  A file already asked for (by this query or one typed before, perhaps still on its way) is waited
     for, not asked again. */
  function loadFiles(files) {
    var waits = [], fresh = files.filter(function (f, i) {
      if (done[f]) waits.push(done[f]);
      return !done[f] && files.indexOf(f) === i;
    });
    var urls = fresh.map(function (f) { return new URL("search/" + f + "?v=" + conf.v, root).href; });
    var each;
    if (!urls.length) each = [];
    else if (typeof document !== "undefined") {
      each = urls.map(function (url) {
        return new Promise(function (resolve) {
          var s = document.createElement("script");
          s.src = url;
          s.onload = s.onerror = function () { s.remove(); resolve(); };
          document.body.appendChild(s);
        });
      });
    } else if (typeof fetch === "function" && /^https?:/.test(root)) {  // all at once (importScripts: one by one)
      each = urls.map(function (url) {
        return fetch(url).then(function (r) { return r.ok ? r.text() : ""; }).catch(function () { return ""; })
          .then(function (text) {  // 'pbShard(kind,part,n,data);': its arguments are JSON, read as data, not run
            var m = /^pbShard\(([\s\S]*)\);\s*$/.exec(text);
            if (!m) return;
            try { self.pbShard.apply(null, JSON.parse("[" + m[1] + "]")); } catch (e) { /* a damaged file is left out */ }
          });
      });
    } else {
      try {
        importScripts.apply(self, urls);
      } catch (e) {  // one missing file stops the rest: then one by one
        urls.forEach(function (url) { try { importScripts(url); } catch (e2) { /* not available */ } });
      }
      each = urls.map(function () { return Promise.resolve(); });
    }
    fresh.forEach(function (f, i) { done[f] = each[i]; });
    return Promise.all(waits.concat(each));
  }

  function row(page, s) {
    var rows = meta[page + ":" + Math.floor(s / conf.chunk)];
    return rows && rows[s % conf.chunk];
  }

  function part(page) { return page < conf.core ? "c" : "r"; }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function marker(words) {
    var alts = words.filter(function (w) { return w.length > 1 || new RegExp("[" + HAN + "]").test(w); })
      .map(function (w) { return escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!alts.length) return function (s) { return s; };
    var re = new RegExp("(&[#a-z0-9]+;)|(" + alts.join("|") + ")", "gi");
    return function (s) {
      return s.replace(re, function (all, entity, word) { return entity || "<mark>" + word + "</mark>"; });
    };
  }

  /* Search for query; early(result) may be called first with the first results only, when the ones shown are
     certain to stay first (the result promised is always the whole one).  Once live() is false (a newer query
     was typed) it asks for no more files and fails with STALE. */
  function search(query, early, live) {
    function load(files) { return live && !live() ? Promise.reject(STALE) : loadFiles(files); }
    var words = [], m;
    var norm = String(query).normalize("NFKC").toLowerCase();
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(norm)) !== null) words.push(m[0]);
    if (!cut(query).length) return Promise.resolve({ items: [], total: 0 });
    // the terms to look up (plan()): a covering subset of the pairs (every character in one of them), the small
    // ones (a bucket file of a few KB) at once, then the large ones (a file each) from the smallest while they
    // add up to less than BUDGET KB, up to WAVE KB of them at a time (in parallel: one round trip), stopping
    // once at most LIMIT pages have every term looked up.  A large term is a frequent one and narrows little;
    // the whole query in a title ranks first.
    // A query of one large term loads that term's first segment (its highest-scoring pages) and the further
    // ones only while one of them could hold a page of the first LIMIT (more()); otherwise every segment.
    // A query of several terms loads, in its last wave of large terms, only their first segments, tries to show
    // its first results from them (threshold()), then loads the further segments (pending) and shows all.
    var order = plan(query), used = [], pages = {}, full = [], unloaded = 0, pending = [];
    var single = !order.small.length && order.large.length === 1;
    function fetchTerms(list, last) {
      var files = [], later = [];
      ["c", "r"].forEach(function (p) {
        var info = conf.parts[p];
        list.forEach(function (t) {
          files.push(p + "/" + (t in info.big ? "w" + info.big[t][0] : "t" + bucket(t, info.buckets)) + ".js");
          if (!single) segments(p, t).forEach(function (s, k) { later.push({ p: p, t: t, k: k + 1, file: p + "/w" + s[0] + ".js" }); });
        });
      });
      // the further segments after the first results (if they can be shown from the first), unless loaded before
      var defer = last && early && later.some(function (x) { return !done[x.file]; });
      if (!defer) later.forEach(function (x) { files.push(x.file); });
      return load(files).then(function () {
        list.forEach(function (t) {
          var ti = used.length;
          collect(pages, t, ti, false);
          later.forEach(function (x) { if (x.t === t) x.ti = ti; });
          used.push(t);
        });
        if (defer) pending = later;
        else later.forEach(further);
        full = complete(pages, used.length);
      });
    }
    function further(x) { collectList(pages, postings[x.p][x.t + "#" + x.k], x.ti); }
    function more() {
      var t = order.large[0], left = [];
      ["c", "r"].forEach(function (p) {
        segments(p, t).forEach(function (s, k) { left.push({ p: p, k: k + 1, s: s }); });
      });
      function next() {
        if (!left.length) return Promise.resolve();
        left.sort(function (a, b) { return b.s[2] - a.s[2]; });
        // pages of equal score go by their number: one with the bound's score counts when it goes before
        // every unloaded page of that score
        var bound = left[0].s[2], lead = Infinity, above = 0;
        left.forEach(function (x) { if (x.s[2] === bound && x.s[4] < lead) lead = x.s[4]; });
        for (var k in pages) {
          var best = pages[k].terms[0];
          if (best > bound || (best === bound && pages[k].page < lead)) above++;
        }
        if (above >= LIMIT) {  // no page in the rest can be among the first LIMIT: count them, leave them
          unloaded = left.reduce(function (n, x) { return n + x.s[3]; }, 0);
          return Promise.resolve();
        }
        var seg = left.shift();
        return load([seg.p + "/w" + seg.s[0] + ".js"]).then(function () {
          collectList(pages, postings[seg.p][t + "#" + seg.k], 0);
          return next();
        });
      }
      return next();
    }
    function step(i) {
      if (i >= order.large.length || (full.length && full.length <= LIMIT)) return Promise.resolve();
      var j = i + 1, kb = size(order.large[i]);
      while (j < order.large.length && kb + size(order.large[j]) <= WAVE) kb += size(order.large[j++]);
      return fetchTerms(order.large.slice(i, j), j >= order.large.length).then(function () { return step(j); });
    }

    var mark = marker(words), highlight = {};
    words.forEach(function (w) { highlight[w] = true; });
    var phrase = norm.replace(/\s+/g, ""), lift = phrase.length > 1;
    // a page whose title holds the whole query goes first (score doubled); one whose title lacks a Chinese pair
    // looked up cannot (the postings say which terms are in a page's title)
    function pairs() {
      var out = [];
      used.forEach(function (t, i) { if (t.length === 2 && new RegExp("^[" + HAN + "]{2}$").test(t)) out.push(i); });
      return out;
    }
    function liftable(h) { return lift && pairs().every(function (i) { return h.titled[i]; }); }
    /* a page's score: the best score of each term in it, plus the best sum of a section holding every term */
    function score(h, need) {
      var sum = 0, whole = 0;
      for (var t in h.terms) sum += h.terms[t];
      for (var s in h.secs) if (h.secs[s].n === need && h.secs[s].sum > whole) whole = h.secs[s].sum;
      return sum + whole;
    }
    function byScore(a, b) { return b.score - a.score || a.page - b.page; }
    function rank(h) {  // the final score, once its titles file is loaded
      var head = row(h.page, 0);
      h.final = head && lift && head[1].normalize("NFKC").toLowerCase().indexOf(phrase) >= 0 ? h.score * 2 : h.score;
    }
    function byFinal(a, b) { return b.final - a.final || a.page - b.page; }
    function show(h) {  // the page and its best sections (at most SECTIONS), and their titles files
      h.shown = Object.keys(h.secs).map(Number);
      h.shown.sort(function (a, b) { return h.secs[b].sum - h.secs[a].sum || a - b; });
      h.shown = h.shown.slice(0, SECTIONS);
      h.files = {};
      [0].concat(h.shown).forEach(function (s) {
        var k = Math.floor(s / conf.chunk);
        h.files[part(h.page) + "/m" + (k ? h.page + "-" + k : Math.floor(h.page / conf.block)) + ".js"] = true;
      });
    }
    /* the first pages of list whose titles files come in one round of parallel requests (at most EARLY files) */
    function firsts(list) {
      var first = {}, n = 0, k = 0;
      for (; k < list.length; k++) {
        show(list[k]);
        var add = Object.keys(list[k].files).filter(function (f) { return !first[f]; });
        if (k && n + add.length > EARLY) break;
        add.forEach(function (f) { first[f] = true; });
        n += add.length;
      }
      return { head: list.slice(0, k), files: Object.keys(first) };
    }
    function result(list, total) {
      var items = [];
      list.forEach(function (h) {
        var head = row(h.page, 0);
        if (!head) return;  // not available (offline, not kept)
        var group = h.shown.filter(function (s) { return row(h.page, s); }).map(function (s) {
          var r = row(h.page, s);
          return { location: r[0], title: mark(r[1]), text: mark(r[2]), score: h.secs[s].sum, terms: highlight };
        });
        if (h.shown.indexOf(0) < 0)
          group.push({ location: head[0], title: mark(head[1]), text: mark(head[2]), score: 0, terms: highlight });
        items.push(group);
      });
      return { items: items, total: total };
    }
    /* The first results from the first segments only (Fagin's threshold algorithm).  A page that holds every term
       in what is loaded has its exact score; one that lacks a term whose further segments are not loaded yet may
       have it there, scoring at most that segment's best (config), in each of its terms and in the section that
       holds them all; a page in no first segment at most twice the sum of those bests; and each of them twice
       that if its title may hold the whole query.  The first pages of exact score are shown when each goes before
       every such bound (ties: by page number, as the ranking; a page not seen at all may have any number) and is
       sure to be among the LIMIT best scores: the start of the whole result.  The count comes with the whole. */
    function threshold() {
      var need = used.length, most = { c: [], r: [] }, exact = [], open = [], titledPairs = pairs();
      ["c", "r"].forEach(function (p) {
        used.forEach(function (t, ti) {
          most[p][ti] = segments(p, t).reduce(function (m, s) { return Math.max(m, s[2]); }, 0);
        });
      });
      for (var key in pages) {
        var h = pages[key], top = most[part(h.page)], known = 0, seen = 0, rest = 0, ok = true;
        for (var ti = 0; ti < need && ok; ti++) {
          if (ti in h.terms) { known += h.terms[ti]; seen++; } else if (top[ti]) rest += top[ti]; else ok = false;
        }
        if (!ok) continue;  // lacks a term all of whose postings are loaded
        if (seen === need) { h.score = score(h, need); exact.push(h); continue; }
        var whole = -1;
        for (var s in h.secs) if (h.secs[s].n === seen && h.secs[s].sum > whole) whole = h.secs[s].sum;
        var bound = known + rest + (whole >= 0 ? whole + rest : 0);
        var maybe = lift && titledPairs.every(function (i) { return !(i in h.terms) || h.titled[i]; });
        open.push({ page: h.page, score: bound, final: maybe ? bound * 2 : bound });
      }
      ["c", "r"].forEach(function (p) {  // pages in no first segment of the terms cut in this part
        if (!most[p].every(function (m) { return m > 0; })) return;
        var sum = most[p].reduce(function (n, m) { return n + m; }, 0) * 2;
        open.push({ page: -1, score: sum, final: lift ? sum * 2 : sum });
      });
      if (!exact.length) return Promise.resolve(false);
      exact.sort(byScore);
      var batch = firsts(exact.slice(0, LIMIT)), head = batch.head;
      return load(batch.files).then(function () {
        head.forEach(rank);
        var order = head.slice().sort(byFinal), others = open.slice();
        exact.forEach(function (u) {
          if (head.indexOf(u) < 0) others.push({ page: u.page, score: u.score, final: liftable(u) ? u.score * 2 : u.score });
        });
        var sure = [];
        for (var i = 0; i < order.length; i++) {
          var h = order[i], ahead = exact.indexOf(h);  // pages that may have a higher score
          others.forEach(function (u) { if (u.score > h.score || (u.score === h.score && u.page < h.page)) ahead++; });
          if (ahead >= LIMIT) break;  // perhaps not among the LIMIT best scores, the ones ranked
          if (!others.every(function (u) { return u.final < h.final || (u.final === h.final && u.page > h.page); })) break;
          sure.push(h);
        }
        if (!sure.length) return false;
        var partial = result(sure, null);
        partial.partial = true;  // Material shows it and replaces it with the whole result that follows
        if (!partial.items.length) return false;
        early(partial);
        return true;
      });
    }

    return fetchTerms(order.small, false).then(function () { return step(0); }).then(function () {
      if (single) return more();
      if (!pending.length) return null;
      return threshold().then(function (sent) {
        if (sent) early = null;  // one message of first results at most
        return load(pending.map(function (x) { return x.file; }));
      }).then(function () {
        pending.forEach(further);
      });
    }).then(function () {
      var found = Object.keys(pages).map(function (k) { return pages[k]; });
      var need = used.length;
      full = found.filter(function (h) { return Object.keys(h.terms).length === need; });
      if (!full.length) {  // no page has every term: the pages with most of them (at least half)
        var most = found.reduce(function (n, h) { return Math.max(n, Object.keys(h.terms).length); }, 0);
        full = most * 2 >= need ? found.filter(function (h) { return Object.keys(h.terms).length === most; }) : [];
      }
      full.forEach(function (h) { h.score = score(h, need); });
      full.sort(byScore);
      var top = full.slice(0, LIMIT), total = full.length + unloaded;
      // first the titles of the first pages (one round of parallel requests), shown when no page after them can
      // go before them, then the rest
      var batch = firsts(top), head = batch.head, tail = top.slice(head.length);
      tail.forEach(show);
      return load(batch.files).then(function () {
        if (!tail.length || !early) return;
        head.forEach(rank);
        head.sort(byFinal);
        var sure = head.filter(function (h) {  // no page of the tail can overtake it (they are in order: a prefix)
          return tail.every(function (u) {
            var most = liftable(u) ? u.score * 2 : u.score;
            return most < h.final || (most === h.final && u.page > h.page);
          });
        });
        for (var i = 0; i < sure.length; i++) if (sure[i] !== head[i]) { sure = sure.slice(0, i); break; }
        if (sure.length) {
          var partial = result(sure, total);
          partial.partial = true;  // Material shows it and replaces it with the whole result that follows
          if (partial.items.length) early(partial);
        }
      }).then(function () {
        var files = {};
        tail.forEach(function (h) { for (var f in h.files) files[f] = true; });
        return load(Object.keys(files));
      }).then(function () {
        top.forEach(rank);
        top.sort(byFinal);
        return result(top, total);
      });
    });
  }

  addEventListener("message", function (ev) {
    var message = ev.data;
    if (message.type === 0) {
      conf = message.data.config.planbook;
      root = new URL("../", here()).href;
      begin();
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      // Each query starts at once, not after the one typed before it has loaded all its files (a keystroke each:
      // 研, then 研判): the older one stops asking for files and sends nothing; only the newest query's results are
      // sent (Material shows every result message it gets, whichever query it was for).
      var n = ++latest;
      var live = function () { return n === latest; };
      ready.then(function () {
        return search(message.data, function (first) { if (live()) postMessage({ type: 3, data: first }); }, live);
      }).then(function (result) {
        if (live()) postMessage({ type: 3, data: result });
      }, function (err) {
        if (err === STALE) return;
        console.warn("search failed", err);
        if (live()) postMessage({ type: 3, data: { items: [], total: 0 } });
      });
    }
  });
})();
