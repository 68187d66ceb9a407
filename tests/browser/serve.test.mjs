// `firebreak serve` in headless Chromium: an open page reloads itself after its runbook is edited
// (keeping its scroll position), restyles without a reload when only a stylesheet changed, shows the
// failed build's diagnostics over the page and drops them after the fix.
//
//   node tests/browser/serve.test.mjs path/to/firebreak
// Exits 77 (CTest: skipped) only when Debian's chromium is not installed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, ROOT, check, startBrowserTest } from "./lib.mjs";

const { firebreak, chromium, chromiumPath } = await startBrowserTest("serve.test.mjs");

// A copy of the example site (its content, site.yaml, schemas and alert rules) to edit.
const site = fs.mkdtempSync(path.join(os.tmpdir(), "fb-browser-serve-"));
for (const part of ["content", "schema", "site.yaml", "alerts"])
  fs.cpSync(path.join(ROOT, part), path.join(site, part), { recursive: true });
const RUNBOOK_FILE = path.join(site, "content/runbooks/dns-resolution-failures.md");
const original = fs.readFileSync(RUNBOOK_FILE, "utf8");

const serve = spawn(firebreak, ["serve", "--site", site, "--port", "0", "--now", "2026-11-23T00:00:00Z"],
  { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 20000);
  serve.stderr.on("data", (d) => {
    log += d;
    const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 500 } })).newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
const PAGE = `${url}runbooks/dns-resolution-failures/`;
let failures = 0;

failures += await check("an open page reloads itself after its runbook is edited, at the same scroll position", async () => {
  await page.goto(PAGE);
  await page.waitForFunction(() => !!document.querySelector('script[src="/__firebreak/live.js"]'));
  await page.waitForTimeout(300);  // the event stream is open
  await page.evaluate(() => { window.__notReloaded = true; window.scrollTo(0, 400); });
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, "the page is long enough to scroll");
  const reloaded = page.waitForEvent("load", { timeout: 15000 });
  fs.writeFileSync(RUNBOOK_FILE, original + "\n## A step added while serving\n\nRestart the resolver pods.\n");
  await reloaded;
  await page.waitForFunction(() => document.body.textContent.includes("A step added while serving"));
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled, { timeout: 5000 });
});

failures += await check("a broken file shows its path:line:col, message and hint over the page until it is fixed", async () => {
  fs.writeFileSync(RUNBOOK_FILE, "---\ntitle: [unclosed\n---\nbody\n");
  const overlay = await page.waitForSelector("#firebreak-build-errors", { timeout: 15000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/runbooks\/dns-resolution-failures\.md:2:8: error\[FB503\]/);
  assert.match(text, /hint: /);
  assert.ok(await page.evaluate(() => document.body.textContent.includes("A step added while serving")),
    "the last good page stays underneath");
  fs.writeFileSync(RUNBOOK_FILE, original);
  await page.waitForSelector("#firebreak-build-errors", { state: "detached", timeout: 15000 });
});

failures += await check("a stylesheet change restyles the page without reloading it", async () => {
  await page.goto(PAGE);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__notReloaded = true; });
  fs.mkdirSync(path.join(site, "assets"), { recursive: true });
  fs.writeFileSync(path.join(site, "assets/extra.css"), "body { outline: 0; }\n");  // a new asset: no page uses it
  fs.writeFileSync(path.join(site, "assets/style.css"),
    fs.readFileSync(path.join(ROOT, "themes/default/assets/style.css"), "utf8") + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).borderTopWidth === "7px", null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true);
});

assert.deepEqual(problems, []);
await browser.close();
serve.kill("SIGINT");
await new Promise((resolve) => serve.on("exit", resolve));
fs.rmSync(site, { recursive: true, force: true });
console.log(failures ? `${failures} checks failed` : "all checks passed");
process.exit(failures ? 1 : 0);
