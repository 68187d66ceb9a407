// The default theme in headless Chromium, over http:// and file://: every page kind loads with no
// script error and no failed request, copy buttons copy (Clipboard API over http, the execCommand
// fallback over file://), tables sort by clicking a header (and keep their order without script),
// heading anchors are there, dark mode and print styles apply.
//
//   node tests/browser/theme.test.mjs path/to/firebreak
// Exits 77 (CTest: skipped) only when Debian's chromium is not installed.
import assert from "node:assert/strict";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, ROOT, buildSite, check, startBrowserTest, startServer } from "./lib.mjs";

const { firebreak, chromium, chromiumPath } = await startBrowserTest("theme.test.mjs");

const site = buildSite(firebreak, ROOT, "theme");
const server = await startServer(site);
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
let failures = 0;

const RUNBOOK = "runbooks/orders-db/connection-pool-exhausted/index.html";
const PIR = "postmortems/2026-03-04-checkout-outage/index.html";
const PAGES = ["index.html", "runbooks/index.html", "postmortems/index.html", RUNBOOK, PIR, "services/index.html",
  "services/orders-db/index.html", "tags/index.html", "severities/index.html", "severities/sev1/index.html",
  "owners/index.html", "search/index.html", "404.html"];

/** A page in a fresh context that records script errors and failed requests. */
async function open(url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => page.problems.push(`failed request: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  page.done = () => context.close();
  return page;
}

const cellTexts = (page, table, col) => page.$$eval(`${table} tbody tr`, (rows, c) =>
  rows.map((r) => (r.cells[c].getAttribute("data-sort") ?? r.cells[c].textContent).trim()), col);

try {
  const bases = [["http", server.url], ["file", pathToFileURL(site).href + "/"]];
  for (const [scheme, base] of bases) {
    failures += await check(`${scheme}: every page kind loads with no script error and no failed request`, async () => {
      for (const rel of PAGES) {
        const page = await open(base + rel);
        await page.waitForLoadState("load");
        assert.deepEqual(page.problems, [], rel);
        assert.equal(await page.locator("link[href$='assets/style.css']").count(), 1, rel);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes("system-ui")), true, rel);
        await page.done();
      }
    });

    failures += await check(`${scheme}: every code block gets a copy button that copies its text`, async () => {
      const options = scheme === "http" ? { permissions: ["clipboard-read", "clipboard-write"] } : {};
      const page = await open(base + RUNBOOK, options);
      const blocks = await page.locator("pre > code").count();
      assert.ok(blocks > 0);
      assert.equal(await page.locator(".code-block > .copy-button").count(), blocks);
      if (scheme === "file") {
        // Exercise the fallback for browsers without the Clipboard API (or where file:// is not a secure
        // context): take the API away and record what execCommand("copy") copies.
        await page.evaluate(() => {
          Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
          window.__copied = null;
          document.addEventListener("copy", () => {
            const el = document.activeElement;
            window.__copied = el && el.tagName === "TEXTAREA" ? el.value.slice(el.selectionStart, el.selectionEnd)
              : String(document.getSelection());
          });
        });
      }
      const button = page.locator(".copy-button").first();
      await button.click();
      await page.waitForFunction(() => document.querySelector(".copy-button").textContent === "Copied");
      const expected = await page.locator("pre > code").first().textContent();
      const copied = scheme === "http"
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await page.evaluate(() => window.__copied);
      assert.equal(copied, expected);
      assert.deepEqual(page.problems, []);
      await page.done();
    });

    failures += await check(`${scheme}: clicking a header sorts the table, again reverses it`, async () => {
      const page = await open(base + "runbooks/index.html");
      const table = "table.runbook-table";
      const before = await cellTexts(page, table, 0);
      const lower = (s) => s.toLowerCase();
      const sorted = [...before].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));
      assert.deepEqual(before, sorted, "server-side order is by title");
      const severity = page.locator(`${table} thead th`).nth(3);
      await severity.locator("button").click();
      assert.equal(await severity.getAttribute("aria-sort"), "ascending");
      const asc = (await cellTexts(page, table, 3)).map(Number);
      assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
      await severity.locator("button").click();
      assert.equal(await severity.getAttribute("aria-sort"), "descending");
      const desc = (await cellTexts(page, table, 3)).map(Number);
      assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
      assert.notDeepEqual(asc, desc);
      // Dates sort by their ISO data-sort value.
      const pirs = await open(base + "postmortems/index.html");
      const date = pirs.locator("table.incident-table thead th").first();
      await date.locator("button").click();
      const dates = await cellTexts(pirs, "table.incident-table", 0);
      assert.deepEqual(dates, [...dates].sort());
      await pirs.done();
      await page.done();
    });

    failures += await check(`${scheme}: headings carry anchor links; the TOC links to them`, async () => {
      const page = await open(base + PIR);
      const anchors = await page.$$eval("article.prose h2 > a.anchor", (as) => as.map((a) => [a.getAttribute("href"), a.parentElement.id]));
      assert.ok(anchors.length > 3);
      for (const [href, id] of anchors) assert.equal(href, `#${id}`);
      const toc = await page.$$eval("nav.toc a", (as) => as.map((a) => a.getAttribute("href").slice(1)));
      for (const id of toc) assert.equal(await page.locator(`[id="${id}"]`).count(), 1, id);
      await page.done();
    });
  }

  failures += await check("dark mode follows prefers-color-scheme", async () => {
    const light = await open(server.url + "index.html", { colorScheme: "light" });
    const dark = await open(server.url + "index.html", { colorScheme: "dark" });
    const bg = (p) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await bg(light), "rgb(255, 255, 255)");
    assert.notEqual(await bg(dark), await bg(light));
    await light.done();
    await dark.done();
  });

  failures += await check("print hides navigation and search and spells out link targets", async () => {
    const page = await open(server.url + RUNBOOK);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display), "none");
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("nav.toc")).display), "none");
    const after = await page.evaluate(() => getComputedStyle(document.querySelector(".prose a[href^='http'], .prose a[href$='.html']"), "::after").content);
    assert.match(after, /\(/);
    await page.done();
  });

  failures += await check("severity badges take their colours from site.yaml", async () => {
    const page = await open(server.url + "severities/index.html");
    const sev1 = await page.evaluate(() => getComputedStyle(document.querySelector(".badge.sev-sev1")).backgroundColor);
    assert.equal(sev1, "rgb(185, 28, 28)");  // #b91c1c in site.yaml
    await page.done();
  });
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
