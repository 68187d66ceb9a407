// Browser half of bench/search-bench.sh: Firebreak's search and Pagefind's default UI on the same built
// site, in headless Chromium (Debian's chromium driven by npm playwright-core), over a loopback server.
//
//   node bench/search-bench.mjs SITE_DIR RUNS QUERY...
//
// For each engine, query and run (a fresh browser context, so nothing is cached):
//   - first-query bytes: every search file (script, style, index, wasm, fragments) transferred from the
//     page load until the first query (the query without its last word, entered at once) is on screen
//     and the network has been idle for 300 ms;
//   - first-query time: from the query being entered to its results being on screen;
//   - keystroke latency: the last word is then typed one key at a time; for each key, the time from the
//     keydown to the updated results being on screen;
//   - typing bytes: in a fresh context, the whole query typed by hand (100 ms per key), every search
//     byte loaded until its results are on screen (each keystroke is a query of its own).
// Prints one JSON object per line (engine, query, first, run, bytes, files, first_ms, keys_ms[], typing_bytes).
// SEARCH_BENCH_ENGINES=firebreak (or pagefind) limits the run to those engines.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const lib = await import(path.join(here, "../tests/browser/lib.mjs"));
const [site, runsArg, ...queries] = process.argv.slice(2);
if (!site || !queries.length) {
  console.error("usage: node bench/search-bench.mjs SITE_DIR RUNS QUERY...");
  process.exit(2);
}
const runs = Number(runsArg) || 3;

async function playwright() {
  for (const dir of [path.join(here, "node_modules"), path.join(here, "../tests/browser/node_modules")]) {
    const entry = path.join(dir, "playwright-core/index.mjs");
    if (fs.existsSync(entry)) return import(entry);
  }
  throw new Error("playwright-core is missing: npm install --prefix bench --no-save playwright-core");
}
const { chromium } = await playwright();
const chromiumPath = lib.findChromium();
if (!chromiumPath) throw new Error("chromium is not installed (apt-get install -y chromium)");

// Pagefind's own UI on a page of its own (the site's pages carry Firebreak's search box).
fs.writeFileSync(path.join(site, "pagefind-bench.html"), `<!doctype html><html><head><meta charset="utf-8">
<title>Pagefind</title><link rel="stylesheet" href="pagefind/pagefind-ui.css"></head><body>
<div id="search"></div><script src="pagefind/pagefind-ui.js"></script>
<script>new PagefindUI({ element: "#search", showSubResults: false, showImages: false, debounceTimeoutMs: 0 });</script>
</body></html>`);

const engines = {
  firebreak: {
    page: "index.html",
    input: "#fb-search-input",
    isSearchFile: (u) => /\/search\/(manifest|t\/|d\/|f\/)/.test(u) || /\/assets\/search\.(js|css)$/.test(u),
    // Rendered: the results list shows an option and the page announced a rendering for this query.
    installProbe: () => {
      window.__renders = [];
      document.getElementById("fb-search-results").addEventListener("fb-search-rendered",
        (e) => window.__renders.push({ q: e.detail.query, t: performance.now() }));
    },
    rendered: (q) => {
      const r = window.__renders.filter((x) => x.q === q);
      return r.length && document.querySelector("#fb-search-list [role=option]") ? r[r.length - 1].t : 0;
    },
  },
  pagefind: {
    page: "pagefind-bench.html",
    input: ".pagefind-ui__search-input",
    isSearchFile: (u) => /\/pagefind\//.test(u),
    installProbe: () => {},
    // Rendered: the message names the current query and the first result's title is filled in.
    rendered: (q) => {
      const msg = document.querySelector(".pagefind-ui__message");
      const link = document.querySelector(".pagefind-ui__result-link");
      return msg && link && link.textContent.trim() && msg.textContent.includes(q) ? performance.now() : 0;
    },
  },
};

// SEARCH_BENCH_ENGINES=firebreak measures one engine only (e.g. to compare two Firebreak builds).
if (process.env.SEARCH_BENCH_ENGINES) {
  const keep = process.env.SEARCH_BENCH_ENGINES.split(",");
  for (const name of Object.keys(engines)) if (!keep.includes(name)) delete engines[name];
}

const server = await lib.startServer(site, 3600 * 1000);
const browser = await chromium.launch({ executablePath: chromiumPath, args: lib.CHROMIUM_ARGS });
try {
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? Object.entries(engines).reverse() : Object.entries(engines);  // ABBA
    for (const [name, eng] of order) {
      for (const query of queries) {
        const context = await browser.newContext();
        const page = await context.newPage();
        let bytes = 0, files = 0;
        page.on("requestfinished", async (req) => {
          if (!eng.isSearchFile(req.url())) return;
          const s = await req.sizes().catch(() => null);
          if (s) { bytes += s.responseBodySize; files += 1; }
        });
        await page.goto(server.url + eng.page, { waitUntil: "load" });
        await page.evaluate(eng.installProbe);
        // The first query: everything but the query's tail, entered at once (one input event).
        const cut = query.lastIndexOf(" ") > 0 ? query.lastIndexOf(" ") : Math.ceil(query.length * 0.6);
        const head = query.slice(0, cut);
        const t0 = await page.evaluate(() => performance.now());
        await page.fill(eng.input, head);
        const tFirst = await page.waitForFunction(eng.rendered, head, { timeout: 60000, polling: "raf" }).then((h) => h.jsonValue());
        await page.waitForLoadState("networkidle").catch(() => {});
        await page.waitForTimeout(300);
        const firstBytes = bytes, firstFiles = files;
        // Then the tail, key by key: keydown to results on screen.
        const keys = [];
        let typed = head;
        for (const ch of query.slice(cut)) {
          typed += ch;
          await page.evaluate(() => {
            window.__keydown = 0;
            document.addEventListener("keydown", () => { window.__keydown = performance.now(); }, { once: true, capture: true });
          });
          await page.keyboard.type(ch);
          if (ch === " ") continue;  // a trailing space changes no results worth timing
          const t = await page.waitForFunction(eng.rendered, typed, { timeout: 10000, polling: "raf" })
            .then((h) => h.jsonValue()).catch(() => 0);
          const kd = await page.evaluate(() => window.__keydown);
          if (t && kd) keys.push(+(t - kd).toFixed(2));
        }
        // A second visit types the whole query by hand (100 ms per key) and counts every byte loaded.
        await context.close();
        const context2 = await browser.newContext();
        const page2 = await context2.newPage();
        let typingBytes = 0;
        page2.on("requestfinished", async (req) => {
          if (!eng.isSearchFile(req.url())) return;
          const s2 = await req.sizes().catch(() => null);
          if (s2) typingBytes += s2.responseBodySize;
        });
        await page2.goto(server.url + eng.page, { waitUntil: "load" });
        await page2.evaluate(eng.installProbe);
        await page2.click(eng.input);
        await page2.keyboard.type(query, { delay: 100 });
        await page2.waitForFunction(eng.rendered, query, { timeout: 60000, polling: "raf" }).catch(() => {});
        await page2.waitForLoadState("networkidle").catch(() => {});
        await page2.waitForTimeout(300);
        await context2.close();
        console.log(JSON.stringify({ engine: name, query, first: head, run, bytes: firstBytes, files: firstFiles,
                                     first_ms: +(tFirst - t0).toFixed(1), keys_ms: keys, typing_bytes: typingBytes }));
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(path.join(site, "pagefind-bench.html"), { force: true });
}
