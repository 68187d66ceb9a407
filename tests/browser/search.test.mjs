// The default theme's search in headless Chromium, over http:// (a loopback server started here) and
// over file:// (a site copied to a laptop): "/" focuses the box, results appear as you type, arrow
// keys and Enter open a result, Escape closes, filter chips and ?q= deep links work, markup in a title
// stays text, and the ARIA roles are in place.
//
//   node tests/browser/search.test.mjs path/to/firebreak
// Exits 77 (CTest: skipped) only when Debian's chromium is not installed.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, ROOT, buildSite, check, startBrowserTest, startServer } from "./lib.mjs";

const { firebreak, chromium, chromiumPath } = await startBrowserTest("search.test.mjs");

const example = buildSite(firebreak, ROOT, "example");
const fixture = buildSite(firebreak, path.join(ROOT, "tests/fixtures/search"), "fixture");
const servers = [await startServer(example), await startServer(fixture)];
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
let failures = 0;

/** A fresh page that fails the test on any script error. */
async function newPage() {
  const page = await browser.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}
const firstTitle = (page) => page.locator("#fb-search-list [role=option] .fbs-title").first().textContent();
async function typeQuery(page, text) {
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "fb-search-input", "/ focuses the search box");
  await page.keyboard.type(text, { delay: 15 });
  await page.waitForFunction((q) => {
    const box = document.getElementById("fb-search-input");
    return box.value === q && document.querySelector("#fb-search-list [role=option]");
  }, text);
}

try {
  const bases = [
    ["http", servers[0].url, servers[1].url],
    ["file", pathToFileURL(example).href + "/", pathToFileURL(fixture).href + "/"],
  ];
  for (const [scheme, exampleBase, fixtureBase] of bases) {
    failures += await check(`${scheme}: typing part of an alert name on a nested page finds its runbook first`, async () => {
      const page = await newPage();
      await page.goto(exampleBase + "runbooks/edge-gateway/tls-certificate-expiry/index.html");
      await typeQuery(page, "PgBouncerPoolExh");
      assert.match(await firstTitle(page), /connection pool exhausted/);
      const input = page.locator("#fb-search-input");
      assert.equal(await input.getAttribute("role"), "combobox");
      assert.equal(await input.getAttribute("aria-expanded"), "true");
      assert.equal(await page.locator("#fb-search-list").getAttribute("role"), "listbox");
      assert.equal(await page.locator("#fb-search-results").getAttribute("aria-live"), "polite");
      assert.match(await page.locator("#fb-search-results [role=status]").textContent(), /result/);
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.locator("#fbs-opt-0").getAttribute("aria-selected"), "true");
      assert.equal(await input.getAttribute("aria-activedescendant"), "fbs-opt-0");
      await Promise.all([page.waitForURL(/connection-pool-exhausted\/index\.html$/), page.keyboard.press("Enter")]);
      assert.equal(page.url(), exampleBase + "runbooks/orders-db/connection-pool-exhausted/index.html");
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    failures += await check(`${scheme}: Escape closes the results; "/" does not steal keys typed in the box`, async () => {
      const page = await newPage();
      await page.goto(exampleBase + "index.html");
      await typeQuery(page, "kafka lag/");  // the "/" is typed into the box, not a shortcut
      await page.keyboard.press("Escape");
      assert.equal(await page.locator("#fb-search-list").count(), 0);
      assert.equal(await page.locator("#fb-search-input").getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("#fb-search-input").inputValue(), "kafka lag/");
      await page.close();
    });

    failures += await check(`${scheme}: markup in a title or snippet stays text`, async () => {
      const page = await newPage();
      await page.goto(fixtureBase + "index.html");
      await typeQuery(page, "AlertTemplateInjection");
      assert.equal(await firstTitle(page), "Alert text shows <script> and <b>markup</b>");
      assert.equal(await page.locator("#fb-search-results b, #fb-search-results script, #fb-search-results img").count(), 0);
      assert.ok((await page.locator("#fb-search-results mark").count()) > 0, "matches are marked");
      await page.close();
    });

    failures += await check(`${scheme}: ?q= deep link on the search page, filter chips`, async () => {
      const page = await newPage();
      await page.goto(fixtureBase + "search/index.html?q=INC-2026-031");
      await page.waitForSelector("#fb-search-list [role=option]");
      assert.equal(await page.locator("#fb-search-input").inputValue(), "INC-2026-031");
      assert.equal(await firstTitle(page), "Partner API certificate expired");
      await page.goto(fixtureBase + "search/index.html?q=etcd");
      await page.waitForSelector("#fb-search-list [role=option]");
      assert.equal(await firstTitle(page), "etcd cluster has no leader");
      await page.click(".fbs-chip[data-facet=kind][data-value=postmortem]");
      await page.waitForFunction(() => {
        const t = document.querySelector("#fb-search-list .fbs-title");
        return t && t.textContent === "Leader election storm in the control plane";
      });
      const kinds = await page.locator("#fb-search-list .fbs-kind").allTextContents();
      assert.ok(kinds.length > 0 && kinds.every((k) => k === "Incident review"), kinds.join());
      assert.equal(await page.locator(".fbs-chip[data-value=postmortem]").getAttribute("aria-pressed"), "true");
      if (scheme === "http") assert.match(page.url(), /[?&]kind=postmortem/);
      await page.close();
    });
  }

  failures += await check("http: results render within 50 ms of a keystroke after the first query (median)", async () => {
    const page = await newPage();
    await page.goto(servers[0].url + "index.html");
    await typeQuery(page, "connection pool");
    // Timestamps of every keydown in the box and of every rendering, taken in the page.
    await page.evaluate(() => {
      window.__fbKeys = [];
      window.__fbRenders = [];
      document.getElementById("fb-search-input").addEventListener("keydown", () => window.__fbKeys.push(performance.now()), true);
      document.getElementById("fb-search-results").addEventListener("fb-search-rendered", () => window.__fbRenders.push(performance.now()));
    });
    const times = [];
    for (const key of [" ", "e", "x", "h", "a", "u", "s"]) {
      const renders = await page.evaluate(() => window.__fbRenders.length);
      await page.keyboard.press(key === " " ? "Space" : key);
      await page.waitForFunction((n) => window.__fbRenders.length > n, renders, { timeout: 10000 });
      times.push(await page.evaluate(() => window.__fbRenders[window.__fbRenders.length - 1] - window.__fbKeys[window.__fbKeys.length - 1]));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`     keystroke -> rendered: median ${median.toFixed(1)} ms (${times.map((t) => t.toFixed(1)).join(", ")})`);
    assert.ok(median < 250, `median ${median} ms`);  // the benchmark holds the 50 ms target; CI machines vary
    await page.close();
  });
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(example, { recursive: true, force: true });
  fs.rmSync(fixture, { recursive: true, force: true });
}
console.log(failures ? `${failures} browser check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
