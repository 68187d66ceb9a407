/* Firebreak search: instant search over the sharded index in search/ (docs/search.md).
   Plain JavaScript, no dependencies, no build step. Every index file is a script calling
   window.__fbSearch.<kind>(...), so the index loads through <script> tags from file:// as well as
   http://. The tokenizer, ranking and snippets are line-for-line ports of src/search/tokenizer.cpp,
   query.cpp and snippet.cpp: `firebreak search` and this file rank identically (checked by
   tests/browser/search.test.mjs). Every string from the index is escaped before it reaches the page. */
(function () {
  "use strict";

  var S = (window.__fbSearch = window.__fbSearch || {});

  /* ---- Tokenizer (port of src/search/tokenizer.cpp) ------------------------------------------ */

  var FOLD_RANGES = [
    [0xC0, 6, "a"], [0xC6, 1, "ae"], [0xC7, 1, "c"], [0xC8, 4, "e"], [0xCC, 4, "i"], [0xD0, 1, "d"],
    [0xD1, 1, "n"], [0xD2, 5, "o"], [0xD8, 1, "o"], [0xD9, 4, "u"], [0xDD, 1, "y"], [0xDE, 1, "th"],
    [0xDF, 1, "ss"], [0xE0, 6, "a"], [0xE6, 1, "ae"], [0xE7, 1, "c"], [0xE8, 4, "e"], [0xEC, 4, "i"],
    [0xF0, 1, "d"], [0xF1, 1, "n"], [0xF2, 5, "o"], [0xF8, 1, "o"], [0xF9, 4, "u"], [0xFD, 1, "y"],
    [0xFE, 1, "th"], [0xFF, 1, "y"],
    [0x100, 6, "a"], [0x106, 8, "c"], [0x10E, 4, "d"], [0x112, 10, "e"], [0x11C, 8, "g"], [0x124, 4, "h"],
    [0x128, 10, "i"], [0x132, 2, "ij"], [0x134, 2, "j"], [0x136, 3, "k"], [0x139, 10, "l"], [0x143, 7, "n"],
    [0x14A, 2, "n"], [0x14C, 6, "o"], [0x152, 2, "oe"], [0x154, 6, "r"], [0x15A, 8, "s"], [0x162, 6, "t"],
    [0x168, 12, "u"], [0x174, 2, "w"], [0x176, 3, "y"], [0x179, 6, "z"], [0x17F, 1, "s"],
    [0x218, 2, "s"], [0x21A, 2, "t"]
  ];
  var FOLD = Object.create(null);
  FOLD_RANGES.forEach(function (r) { for (var k = 0; k < r[1]; k++) FOLD[r[0] + k] = r[2]; });
  var STOP = new Set(("an and are as at be but by for from has have if in into is it its of on or so such " +
    "that the their then there these this to was were which will with within").split(" "));
  var SEP = 0, WORD = 1, JOIN = 2, SKIP = 3, MAX_TERM = 64, MAX_COMPOUND_PARTS = 8;

  function classify(cp) {
    if (cp < 0x80) {
      if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57)) return WORD;
      return cp === 45 || cp === 95 || cp === 46 ? JOIN : SEP;
    }
    if (cp === 0xAD || (cp >= 0x300 && cp <= 0x36F)) return SKIP;
    if (cp < 0xC0 || cp === 0xD7 || cp === 0xF7) return SEP;
    if (cp < 0x2B0) return WORD;
    if (cp < 0x370 || cp === 0x37E || cp === 0x387) return SEP;
    if (cp < 0x2000) return WORD;
    if (cp < 0x2C00) return SEP;
    if (cp < 0x2E00) return WORD;
    if (cp < 0x2E80 || (cp >= 0x3000 && cp < 0x3040)) return SEP;
    return cp < 0xD800 ? WORD : SEP;  // surrogates (astral code points) and above separate
  }
  function caseOf(cp) {
    if (cp >= 97 && cp <= 122) return 1;
    if (cp >= 65 && cp <= 90) return 2;
    return cp >= 48 && cp <= 57 ? 3 : 0;
  }
  function foldCp(cp) {
    if (cp < 0x80) return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
    var f = FOLD[cp];
    if (f !== undefined) return f;
    if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;
    else if (cp === 0x3C2) cp = 0x3C3;
    else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
    return String.fromCharCode(cp);
  }
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var cp = text.charCodeAt(i);
      if (classify(cp) !== SKIP) out += foldCp(cp);
    }
    return out;
  }

  /** Words of `text`: {begin, end, whole, parts, suffixes, lastPart} (offsets in UTF-16 units). */
  function splitWords(text) {
    var words = [], n = text.length, i = 0;
    while (i < n) {
      var at = i, cp = text.charCodeAt(i++);
      if (classify(cp) !== WORD) continue;
      var folded = foldCp(cp), parts = [], partStart = 0, prev = caseOf(cp), prevprev = -1, wordEnd = i;
      var close = function (x) { if (x > partStart) parts.push([partStart, x]); partStart = x; };
      while (i < n) {
        var j = i, c2 = text.charCodeAt(j++), k2 = classify(c2);
        if (k2 === WORD) {
          var cs = caseOf(c2);
          if (cs === 2 && (prev === 1 || prev === 3)) close(folded.length);
          else if (cs === 1 && prev === 2 && prevprev === 2) close(folded.length - 1);
          folded += foldCp(c2);
          prevprev = prev;
          prev = cs;
          i = wordEnd = j;
        } else if (k2 === SKIP) {
          i = j;
        } else if (k2 === JOIN) {
          var joiners = String.fromCharCode(c2), k = j, next = SEP;
          while (k < n) {
            var c3 = text.charCodeAt(k);
            next = classify(c3);
            if (next === JOIN) joiners += String.fromCharCode(c3);
            else if (next !== SKIP) break;
            k++;
          }
          if (k >= n || next !== WORD) break;
          close(folded.length);
          folded += joiners;
          partStart = folded.length;
          prev = prevprev = -1;
          i = k;
        } else break;
      }
      close(folded.length);
      i = Math.max(i, wordEnd);
      var w = { begin: at, end: wordEnd, whole: "", parts: [], suffixes: [], lastPart: "" };
      if (parts.length) w.lastPart = folded.slice(parts[parts.length - 1][0]);
      var wholeOk = parts.length > 1 && folded.length <= MAX_TERM;
      if (wholeOk) w.whole = folded;
      parts.forEach(function (p) {
        var s = folded.slice(p[0], p[1]);
        if (s.length >= 2 && s.length <= MAX_TERM && !STOP.has(s)) w.parts.push(s);
      });
      if (wholeOk && parts.length >= 3 && parts.length <= MAX_COMPOUND_PARTS)
        for (var m = 1; m + 1 < parts.length; m++) w.suffixes.push(folded.slice(parts[m][0]));
      words.push(w);
    }
    return words;
  }

  /* ---- Queries (port of src/search/query.cpp) ------------------------------------------------- */

  var FACETS = ["kind", "severity", "service", "tag", "owner"];
  function isSpace(c) { return c === 32 || c === 9 || c === 10 || c === 13; }
  function emptyFilters() { return { kind: [], severity: [], service: [], tag: [], owner: [] }; }
  function addFilter(f, key, value) {
    var k = fold(key);
    if (k === "sev") k = "severity";
    if (FACETS.indexOf(k) < 0) return false;
    f[k].push(value);
    return true;
  }

  function parseQuery(text) {
    var q = { words: [], filters: emptyFilters() }, rest = "", n = text.length, i = 0;
    var typing = n > 0 && !isSpace(text.charCodeAt(n - 1));
    while (i < n) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      var b = i;
      while (i < n && !isSpace(text.charCodeAt(i))) i++;
      if (b === i) break;
      var tok = text.slice(b, i), colon = tok.indexOf(":");
      if (colon > 0 && colon + 1 < tok.length && addFilter(q.filters, tok.slice(0, colon), tok.slice(colon + 1))) {
        if (i === n) typing = false;
        continue;
      }
      if (rest) rest += " ";
      rest += tok;
    }
    var words = splitWords(rest);
    words.forEach(function (w, idx) {
      var prefix = typing && idx === words.length - 1 && w.end === rest.length;
      var qw = { raw: rest.slice(w.begin, w.end), whole: [], parts: [] };
      if (w.whole) qw.whole.push({ text: w.whole, prefix: prefix });
      w.parts.forEach(function (p) { qw.parts.push({ text: p, prefix: false }); });
      if (prefix && w.lastPart) {
        var last = qw.parts[qw.parts.length - 1];
        if (last && last.text === w.lastPart) last.prefix = true;
        else if (w.lastPart.length >= 2 && STOP.has(w.lastPart)) qw.parts.push({ text: w.lastPart, prefix: true });
      }
      if (qw.whole.length || qw.parts.length) q.words.push(qw);
    });
    return q;
  }

  /* ---- Index files ------------------------------------------------------------------------------ */

  var LAST = "0123456789abcdefghijklmnopqrstuv", MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = new Int8Array(128).fill(-1), IS_LAST = new Uint8Array(128);
  for (var d = 0; d < 32; d++) {
    DIGIT[LAST.charCodeAt(d)] = d;
    IS_LAST[LAST.charCodeAt(d)] = 1;
    DIGIT[MORE.charCodeAt(d)] = d;
  }
  /** Decodes gap-encoded ids (pairs=false) or (id, impact) postings (pairs=true). */
  function decode(s, pairs) {
    var docs = [], imp = [], prev = -1, v = 0, second = false;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), dg = c < 128 ? DIGIT[c] : -1;
      if (dg < 0) throw new Error("malformed search index");
      v = v * 32 + dg;
      if (!IS_LAST[c]) continue;
      if (pairs && second) imp.push(v);
      else { prev += v + 1; docs.push(prev); }
      if (pairs) second = !second;
      v = 0;
    }
    return { docs: docs, imp: imp };
  }

  var ix = { base: "", manifest: null, shards: [], keys: [], decoded: new Map(), docs: [], facets: Object.create(null), loads: Object.create(null) };
  S.manifest = function (m) { ix.manifest = m; };
  /* A term shard: its keys in order and a map from key to postings. The file lists the keys sorted, but
     JavaScript enumerates keys that look like array indexes ("404", "2024") first, so sort them again. */
  S.shard = function (i, terms) {
    var keys = Object.keys(terms), map = new Map();
    for (var j = 1; j < keys.length; j++) if (keys[j - 1] > keys[j]) { keys.sort(); break; }
    for (var k = 0; k < keys.length; k++) map.set(keys[k], terms[keys[k]]);
    ix.shards[i] = map;
    ix.keys[i] = keys;
  };
  S.docs = function (i, rows) { for (var k = 0; k < rows.length; k++) ix.docs[i * ix.manifest.docShard + k] = rows[k]; };
  S.facet = function (name, values) { ix.facets[name] = Object.entries(values); };
  /** Loads one index file; tests replace it (node has no <script>). */
  S.loadScript = S.loadScript || function (url) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = url;
      el.async = true;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error("cannot load " + url)); };
      document.head.appendChild(el);
    });
  };
  function load(rel) {
    if (!ix.loads[rel]) {
      ix.loads[rel] = S.loadScript(ix.base + rel);
      ix.loads[rel].catch(function () { delete ix.loads[rel]; });
    }
    return ix.loads[rel];
  }
  function loadManifest() { return load("manifest.js").then(function () { return ix.manifest; }); }
  function shardOf(term) {
    var f = ix.manifest.shards, lo = 0, hi = f.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (term < f[mid]) hi = mid; else lo = mid + 1; }
    return lo === 0 ? 0 : lo - 1;
  }
  function shardRange(text, prefix) {
    var s = shardOf(text), out = [s], f = ix.manifest.shards;
    while (prefix && s + 1 < f.length && f[s + 1].startsWith(text)) out.push(++s);
    return out;
  }
  function need(text, prefix) {
    return Promise.all(shardRange(text, prefix).map(function (s) { return load("t/" + s + ".js"); }));
  }
  function postings(shard, term) {
    var key = shard + " " + term, p = ix.decoded.get(key);
    if (!p) ix.decoded.set(key, (p = decode(ix.shards[shard].get(term), true)));
    return p;
  }

  /* ---- Ranking -------------------------------------------------------------------------------- */

  var MIN_FALLBACK = 3, LIST_MARK = "*";
  /** Postings of dictionary key `key` if its shard is loaded and has it, else null. */
  function lookup(key) {
    var s = shardOf(key);
    return ix.shards[s] && ix.shards[s].has(key) ? postings(s, key) : null;
  }
  /** First position in sorted `keys` whose key is not below `text`. */
  function lowerBound(keys, text) {
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < text) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function keepBest(best, doc, c) { if (!(best.get(doc) >= c)) best.set(doc, c); }
  function contribution(impact, lp, lu) { return Math.max(1, Math.floor((impact * (lp + lu)) / (2 * lu))); }
  /** Adds the postings of `term`; false when the index does not have it. */
  async function exact(term, best, matched) {
    await load("t/" + shardOf(term) + ".js");
    var p = lookup(term);
    if (!p || !p.docs.length) return false;
    matched.terms.add(term);
    for (var i = 0; i < p.docs.length; i++) keepBest(best, p.docs[i], p.imp[i]);
    return true;
  }
  /** Adds the expansions of `prefix`: its stored list, or each longer term starting with it. */
  async function expand(prefix, best, matched) {
    await load("t/" + shardOf(prefix + LIST_MARK) + ".js");
    var list = lookup(prefix + LIST_MARK), any = false;
    if (list) {
      for (var i = 0; i < list.docs.length; i++) keepBest(best, list.docs[i], list.imp[i]);
      any = list.docs.length > 0;
    } else {
      await need(prefix, true);
      shardRange(prefix, true).forEach(function (s) {
        var keys = ix.keys[s];
        for (var at = lowerBound(keys, prefix); at < keys.length && keys[at].startsWith(prefix); at++) {
          var term = keys[at];
          if (term === prefix || term.indexOf(LIST_MARK) >= 0) continue;
          var p = postings(s, term);
          for (var k = 0; k < p.docs.length; k++) keepBest(best, p.docs[k], contribution(p.imp[k], prefix.length, term.length));
          any = any || p.docs.length > 0;
        }
      });
    }
    if (any) matched.prefixes.add(prefix);
    return any;
  }
  async function evaluate(t, matched) {
    var best = new Map(), len = t.text.length;
    var found = await exact(t.text, best, matched);
    if (t.prefix && len >= 2) found = (await expand(t.text, best, matched)) || found;
    for (var k = len - 1; !found && len > MIN_FALLBACK && k >= MIN_FALLBACK; k--) {
      var p = t.text.slice(0, k);
      found = await exact(p, best, matched);
      found = (await expand(p, best, matched)) || found;
    }
    return best;
  }
  function canonical(facet, v) {
    if (facet === "kind") {
      if (v === "runbooks") return "runbook";
      if (["pir", "pirs", "postmortems", "post-mortem"].indexOf(v) >= 0) return "postmortem";
    } else if (facet === "severity") {
      var sevs = ix.manifest.severities;
      for (var i = 0; i < sevs.length; i++) {
        var names = [sevs[i].id, sevs[i].label].concat(sevs[i].aliases);
        if (names.some(function (x) { return fold(x) === v; })) return fold(sevs[i].id);
      }
    }
    return v;
  }
  /** A mask of the documents passing `filters`, or null when there is no filter. */
  async function filterMask(filters) {
    var mask = null, n = ix.manifest.docs;
    for (var f = 0; f < FACETS.length; f++) {
      var facet = FACETS[f], wanted = filters[facet] || [];
      if (!wanted.length) continue;
      await load("f/" + facet + ".js");
      var keys = wanted.map(function (w) { return canonical(facet, fold(w)); }), m = new Uint8Array(n);
      ix.facets[facet].forEach(function (e) {
        if (keys.indexOf(fold(e[0])) >= 0) decode(e[1], false).docs.forEach(function (id) { m[id] = 1; });
      });
      if (mask) for (var i = 0; i < n; i++) mask[i] &= m[i];
      else mask = m;
    }
    return mask;
  }
  function better(a, b) { return b.words - a.words || b.score - a.score || a.doc - b.doc; }
  /** The first `k` hits in `better` order (a small insertion-sorted list instead of a full sort). */
  function best(hits, k) {
    if (k > 64 || hits.length <= k) return hits.sort(better).slice(0, k);
    var top = [];
    for (var i = 0; i < hits.length; i++) {
      var h = hits[i];
      if (top.length < k) top.push(h);
      else if (better(h, top[k - 1]) < 0) top[k - 1] = h;
      else continue;
      for (var j = top.length - 1; j > 0 && better(top[j], top[j - 1]) < 0; j--) {
        var t = top[j]; top[j] = top[j - 1]; top[j - 1] = t;
      }
    }
    return top;
  }

  /** Runs a parsed query: {hits: [{doc, words, score}], total, matched: Set of index terms}. */
  async function runQuery(q, limit) {
    await loadManifest();
    var res = { hits: [], total: 0, matched: { terms: new Set(), prefixes: new Set() } }, n = ix.manifest.docs, hits = [];
    var mask = await filterMask(q.filters);
    if (!q.words.length) {
      if (!mask) return res;
      for (var d0 = 0; d0 < n; d0++) if (mask[d0]) hits.push({ doc: d0, words: 0, score: 0 });
    } else {
      var terms = [];
      q.words.forEach(function (w) { terms.push.apply(terms, w.whole.concat(w.parts)); });
      var first = [];  // the shards of every term (and of its stored prefix list), loaded in parallel
      terms.forEach(function (t) {
        first.push(t.text);
        if (t.prefix && t.text.length >= 2) first.push(t.text + LIST_MARK);
      });
      await Promise.all(first.map(function (k) { return load("t/" + shardOf(k) + ".js"); }));
      var score = new Float64Array(n), words = new Uint16Array(n), partsHit = new Uint16Array(n), wholeHit = new Uint8Array(n);
      for (var w = 0; w < q.words.length; w++) {
        var qw = q.words[w];
        partsHit.fill(0);
        wholeHit.fill(0);
        for (var a = 0; a < qw.whole.length; a++)
          (await evaluate(qw.whole[a], res.matched)).forEach(function (c, d) { score[d] += c; wholeHit[d] = 1; });
        for (var b = 0; b < qw.parts.length; b++)
          (await evaluate(qw.parts[b], res.matched)).forEach(function (c, d) { score[d] += c; partsHit[d]++; });
        var needParts = qw.parts.length;
        for (var d1 = 0; d1 < n; d1++) if (wholeHit[d1] || (needParts > 0 && partsHit[d1] === needParts)) words[d1]++;
      }
      for (var d2 = 0; d2 < n; d2++)
        if (score[d2] && (!mask || mask[d2])) hits.push({ doc: d2, words: words[d2], score: score[d2] });
    }
    res.total = hits.length;
    res.hits = best(hits, limit);
    return res;
  }

  /** The records ([url, title, kind, severity, services, tags, owner, excerpt]) of `ids`. */
  async function records(ids) {
    var per = ix.manifest.docShard;
    await Promise.all(ids.map(function (id) { return load("d/" + Math.floor(id / per) + ".js"); }));
    return ids.map(function (id) { return ix.docs[id]; });
  }

  /* ---- Snippets (port of src/search/snippet.cpp) ------------------------------------------------ */

  var WIDTH = 160, LEAD = 30;
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  /** Whether a word's whole form, a part or a suffix compound matched (a term, or a term's prefix). */
  function wordMatches(w, matched) {
    var prefixes = Array.from(matched.prefixes);
    var hit = function (t) {
      return matched.terms.has(t) || prefixes.some(function (p) { return t.startsWith(p); });
    };
    return (w.whole && hit(w.whole)) || w.parts.some(hit) || w.suffixes.some(hit);
  }
  /** HTML of text[b, e): escaped, matched words in <mark>. */
  function markHtml(text, words, marks, b, e) {
    var out = "", at = b;
    words.forEach(function (w, i) {
      if (w.end <= b || w.begin >= e) return;
      out += escapeHtml(text.slice(at, w.begin));
      var word = escapeHtml(text.slice(w.begin, w.end));
      out += marks[i] ? "<mark>" + word + "</mark>" : word;
      at = w.end;
    });
    return at < e ? out + escapeHtml(text.slice(at, e)) : out;
  }
  function highlightHtml(text, terms) {
    var words = splitWords(text);
    return markHtml(text, words, words.map(function (w) { return wordMatches(w, terms); }), 0, text.length);
  }
  function snippetHtml(text, terms) {
    var words = splitWords(text), marks = words.map(function (w) { return wordMatches(w, terms); });
    var first = marks.indexOf(true), b = 0, e = text.length;
    if (words.length && text.length > WIDTH) {
      if (first < 0) first = 0;
      var from = words[first].begin > LEAD ? words[first].begin - LEAD : 0, k = 0, start = 0;
      if (from > 0) {
        k = first;
        while (k > 0 && words[k - 1].begin >= from) k--;
        b = start = words[k].begin;
      }
      var m = k;
      while (m + 1 < words.length && words[m + 1].end <= start + WIDTH) m++;
      e = m + 1 === words.length ? text.length : words[m].end;
    }
    return (b > 0 ? "… " : "") + markHtml(text, words, marks, b, e) + (e < text.length ? " …" : "");
  }

  /** The search API, for the page below, tests and curious users. */
  S.api = { fold: fold, splitWords: splitWords, parseQuery: parseQuery, runQuery: runQuery, records: records,
            snippetHtml: snippetHtml, highlightHtml: highlightHtml, escapeHtml: escapeHtml,
            setBase: function (base) { ix.base = base; } };

  if (typeof document === "undefined" || !document.getElementById) return;

  /* ---- Page: search box, results, filter chips, keyboard ------------------------------------- */

  var SCRIPT_SRC = document.currentScript ? document.currentScript.src : "";
  var KINDS = [["runbook", "Runbooks"], ["postmortem", "Incident reviews"]];
  var DROPDOWN_LIMIT = 8, PAGE_STEP = 50;

  function slug(s) { return String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""); }
  function el(tag, cls, attrs) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function initUi() {
    var input = document.getElementById("fb-search-input"), box = document.getElementById("fb-search-results");
    if (!input || !box) return;
    var root = document.body.getAttribute("data-root");
    if (root === null) root = SCRIPT_SRC.replace(/assets\/search\.js(\?.*)?$/, "");
    ix.base = root + "search/";
    var onPage = !!box.closest("main");  // search/index.html: results are the page, not a dropdown
    var ui = { filters: emptyFilters(), limit: onPage ? PAGE_STEP : DROPDOWN_LIMIT, active: -1, seq: 0, items: [] };
    var pending = false, running = false;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "fb-search-list");
    input.setAttribute("aria-expanded", "false");
    if (!input.getAttribute("aria-describedby")) {
      var hint = el("span", "fbs-visually-hidden", { id: "fb-search-hint" });
      hint.textContent = "Results appear as you type. Use the arrow keys to choose a result and Enter to open it.";
      input.parentNode.appendChild(hint);
      input.setAttribute("aria-describedby", "fb-search-hint");
    }

    function params() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value);
      FACETS.forEach(function (f) { ui.filters[f].forEach(function (v) { p.append(f, v); }); });
      return p.toString();
    }
    function setActive(i) {
      ui.items.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      ui.active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", ui.items[i].id);
        ui.items[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function close() {
      box.textContent = "";
      ui.items = [];
      setActive(-1);
      input.setAttribute("aria-expanded", "false");
    }
    function hasFilters(f) { return FACETS.some(function (k) { return f[k].length > 0; }); }

    function chip(facet, value, label, counts) {
      var on = ui.filters[facet].indexOf(value) >= 0;
      var b = el("button", "fbs-chip" + (facet === "severity" ? " sev-" + slug(value) : ""),
                 { type: "button", "aria-pressed": on ? "true" : "false", "data-facet": facet });
      b.dataset.value = value;
      if (facet === "service" || facet === "tag") {
        var f = el("span", "fbs-chip-facet");
        f.textContent = facet + " ";
        b.appendChild(f);
      }
      b.appendChild(document.createTextNode(label));
      if (counts && counts[value]) b.title = counts[value] + " of the results shown";
      return b;
    }
    function topValues(recs, col, facet) {
      var counts = Object.create(null);
      recs.forEach(function (r) { (r ? r[col] : []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
      var vals = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0); });
      vals = vals.slice(0, 5);
      ui.filters[facet].forEach(function (v) { if (vals.indexOf(v) < 0) vals.push(v); });
      return { vals: vals, counts: counts };
    }
    function chips(recs) {
      var g = el("div", "fbs-chips", { role: "group", "aria-label": "Filter results" });
      KINDS.forEach(function (k) { g.appendChild(chip("kind", k[0], k[1])); });
      ix.manifest.severities.forEach(function (s) { g.appendChild(chip("severity", s.id, s.id)); });
      [[4, "service"], [5, "tag"]].forEach(function (c) {
        var t = topValues(recs, c[0], c[1]);
        t.vals.forEach(function (v) { g.appendChild(chip(c[1], v, v, t.counts)); });
      });
      return g;
    }
    function resultItem(rec, i, matched) {
      var li = el("li", "fbs-item", { role: "option", id: "fbs-opt-" + i, "aria-selected": "false" });
      var url = String(rec[0]);
      var a = el("a", "fbs-link", { tabindex: "-1" });
      if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && url.charAt(0) !== "/") a.setAttribute("href", root + url);
      a.innerHTML = '<span class="fbs-title">' + highlightHtml(String(rec[1]), matched) + "</span>";
      var meta = el("span", "fbs-meta");
      meta.innerHTML = (rec[3] ? '<span class="badge sev sev-' + escapeHtml(slug(rec[3])) + '">' + escapeHtml(rec[3]) + "</span> " : "") +
        '<span class="fbs-kind">' + (rec[2] === 0 ? "Runbook" : "Incident review") + "</span>" +
        (rec[4].length ? " · " + rec[4].map(escapeHtml).join(", ") : "");
      var snip = el("p", "fbs-snippet");
      snip.innerHTML = snippetHtml(String(rec[7]), matched);
      a.appendChild(meta);
      li.appendChild(a);
      if (rec[7]) li.appendChild(snip);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep focus in the box
      li.addEventListener("click", function (e) { if (e.target === li && a.href) location.href = a.href; });
      return li;
    }

    function render(text, res, recs) {
      box.textContent = "";
      var status = el("p", "fbs-status", { role: "status" });
      var shown = res.hits.length;
      status.textContent = res.total === 0 ? "No results." :
        shown < res.total ? "Top " + shown + " of " + res.total + " results." : res.total + (res.total === 1 ? " result." : " results.");
      box.appendChild(status);
      box.appendChild(chips(recs));
      var list = el("ul", "fbs-list", { id: "fb-search-list", role: "listbox", "aria-label": "Search results", "aria-live": "off" });
      ui.items = recs.map(function (r, i) { return list.appendChild(resultItem(r, i, res.matched)); });
      box.appendChild(list);
      if (onPage && shown < res.total) {
        var more = el("button", "fbs-more", { type: "button" });
        more.textContent = "Show more results";
        more.addEventListener("click", function () { ui.limit += PAGE_STEP; schedule(); });
        box.appendChild(more);
      }
      input.setAttribute("aria-expanded", "true");
      setActive(-1);
    }

    async function searchNow(seq) {
      var q = parseQuery(input.value);
      FACETS.forEach(function (f) { q.filters[f] = q.filters[f].concat(ui.filters[f]); });
      if (onPage) try { history.replaceState(null, "", "?" + params()); } catch (e) { /* file:// may refuse */ }
      if (!q.words.length && !hasFilters(q.filters)) {
        if (!onPage || !input.value.trim()) close();
        return;
      }
      var res = await runQuery(q, ui.limit);
      var recs = await records(res.hits.map(function (h) { return h.doc; }));
      if (seq !== ui.seq || pending) return;  // a newer query is waiting: skip this rendering
      render(input.value, res, recs);
      box.dispatchEvent(new CustomEvent("fb-search-rendered", { detail: { query: input.value, total: res.total } }));
    }
    async function run() {
      running = true;
      while (pending) {
        pending = false;
        var seq = ++ui.seq;
        try {
          await searchNow(seq);
        } catch (err) {
          box.textContent = "";
          var p = el("p", "fbs-status fbs-error", { role: "status" });
          p.textContent = "Search is unavailable: " + (err && err.message ? err.message : err) + ".";
          box.appendChild(p);
        }
      }
      running = false;
    }
    /* Keystrokes typed while a search runs are coalesced into one follow-up search. */
    function schedule() {
      pending = true;
      if (!running) run();
    }

    input.addEventListener("input", function () { if (!onPage) ui.limit = DROPDOWN_LIMIT; schedule(); });
    input.addEventListener("focus", function () {
      loadManifest().catch(function () {});
      if (input.value.trim() && !ui.items.length && !onPage) schedule();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!ui.items.length) return;
        e.preventDefault();
        var n = ui.items.length, d = e.key === "ArrowDown" ? 1 : -1;
        setActive(ui.active < 0 ? (d > 0 ? 0 : n - 1) : (ui.active + d + n) % n);
      } else if (e.key === "Enter") {
        e.preventDefault();
        var link = ui.active >= 0 ? ui.items[ui.active].querySelector("a") : null;
        if (link && link.href) location.href = link.href;
        else if (onPage) schedule();
        else if (input.value.trim()) location.href = root + "search/index.html?" + params();
      } else if (e.key === "Escape") {
        if (ui.items.length && !onPage) close();
        else { input.value = ""; close(); if (onPage) schedule(); }
        e.preventDefault();
      }
    });
    box.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest(".fbs-chip") : null;
      if (!b) return;
      var f = b.getAttribute("data-facet"), v = b.dataset.value, list = ui.filters[f], at = list.indexOf(v);
      if (at >= 0) list.splice(at, 1);
      else list.push(v);
      schedule();
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.focus(); if (!onPage) close(); }
    });
    document.addEventListener("click", function (e) {
      if (!onPage && ui.items.length && !box.contains(e.target) && e.target !== input) close();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });

    if (onPage) {
      var sp = new URLSearchParams(location.search);
      if (sp.get("q")) input.value = sp.get("q");
      FACETS.forEach(function (f) { ui.filters[f] = sp.getAll(f).concat(f === "severity" ? sp.getAll("sev") : []); });
      if (input.value || hasFilters(ui.filters)) schedule();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initUi);
  else initUi();
})();
