// Runbook checklists in headless Chromium, over http:// and file://: GFM task lists become live
// checkboxes, ticks and their UTC times survive a reload, an edited runbook shows no stale ticks,
// "Copy progress" copies the expected Markdown summary and "Reset" clears the page.
//
//   node tests/browser/checklist.test.mjs path/to/firebreak
// Exits 77 (CTest: skipped) only when Debian's chromium is not installed.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, ROOT, buildSite, check, startBrowserTest, startServer } from "./lib.mjs";

const { firebreak, chromium, chromiumPath } = await startBrowserTest("checklist.test.mjs");

// A copy of the example site, so the test can edit a runbook and build again.
const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), "fb-checklist-site-"));
for (const part of ["site.yaml", "content", "themes", "alerts"]) fs.cpSync(path.join(ROOT, part), path.join(siteDir, part), { recursive: true });
const RUNBOOK_MD = path.join(siteDir, "content/runbooks/node-disk-full.md");
const RUNBOOK = "runbooks/node-disk-full/index.html";
const built = [];
const build = () => { const out = buildSite(firebreak, siteDir, "checklist"); built.push(out); return out; };

const out = build();
const server = await startServer(out);
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
let failures = 0;

/** The checkboxes' checked states and the tick times shown beside them. */
const state = (page) => page.$$eval("article.prose li > input[type=checkbox]", (boxes) => boxes.map((b) => ({
  checked: b.checked, disabled: b.disabled, label: b.getAttribute("aria-label"),
  time: b.parentElement.querySelector(":scope > .step-time time")?.getAttribute("datetime") ?? null })));

try {
  const bases = [["http", server.url], ["file", pathToFileURL(out).href + "/"]];
  for (const [scheme, base] of bases) {
    // One context per scheme: localStorage persists across pages and reloads within it.
    const options = scheme === "http" ? { permissions: ["clipboard-read", "clipboard-write"] } : {};
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));

    failures += await check(`${scheme}: task list items are live, labelled checkboxes`, async () => {
      await page.goto(base + RUNBOOK);
      const boxes = await state(page);
      assert.ok(boxes.length >= 3, "the runbook has a checklist");
      for (const b of boxes) {
        assert.equal(b.disabled, false);
        assert.equal(b.checked, false);
        assert.ok(b.label && b.label.length > 3, "aria-label names the step");
      }
      assert.equal(await page.locator(".checklist-bar button").count(), 2);
    });

    failures += await check(`${scheme}: two ticks and their times survive a reload`, async () => {
      const boxes = page.locator("article.prose li > input[type=checkbox]");
      await boxes.nth(0).click();
      await boxes.nth(2).focus();
      await page.keyboard.press("Space");  // keyboard-usable
      const before = await state(page);
      assert.deepEqual(before.map((b) => b.checked).slice(0, 3), [true, false, true]);
      assert.match(before[0].time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(before[1].time, null);
      await page.reload();
      assert.deepEqual(await state(page), before);
    });

    failures += await check(`${scheme}: "Copy progress" copies the title, URL and each step with its time`, async () => {
      if (scheme === "file") {
        await page.evaluate(() => {
          Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
          document.addEventListener("copy", () => {
            const el = document.activeElement;
            window.__copied = el && el.tagName === "TEXTAREA" ? el.value : String(document.getSelection());
          });
        });
      }
      await page.locator(".checklist-copy").click();
      await page.waitForFunction(() => document.querySelector(".checklist-status").textContent === "Progress copied");
      const copied = scheme === "http" ? await page.evaluate(() => navigator.clipboard.readText())
        : await page.evaluate(() => window.__copied);
      const boxes = await state(page);
      const title = (await page.locator(".doc-header h1").textContent()).trim();
      const minute = (iso) => iso.slice(0, 16).replace("T", " ") + " UTC";
      const expected = [`Runbook: ${title}`, `URL: ${page.url()}`, `Progress: 2 of ${boxes.length} steps`,
        ...boxes.map((b) => `- [${b.checked ? "x" : " "}] ${b.label}${b.time ? ` (${minute(b.time)})` : ""}`)].join("\n") + "\n";
      assert.equal(copied, expected);
      assert.match(copied, /\n- \[x\] .+ \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\n- \[ \] /);
    });

    failures += await check(`${scheme}: "Reset" clears the page's ticks, also after a reload`, async () => {
      await page.locator(".checklist-reset").click();
      assert.ok((await state(page)).every((b) => !b.checked && b.time === null));
      await page.reload();
      assert.ok((await state(page)).every((b) => !b.checked));
      assert.deepEqual(problems, []);
    });
    await context.close();
  }

  failures += await check("an edited runbook shows no stale ticks", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = pathToFileURL(out).href + "/" + RUNBOOK;
    await page.goto(url);
    await page.locator("article.prose li > input[type=checkbox]").nth(1).click();
    await page.reload();
    assert.equal((await state(page))[1].checked, true, "kept while the runbook is unchanged");
    // Edit the runbook and build into the same output directory's place.
    fs.writeFileSync(RUNBOOK_MD, fs.readFileSync(RUNBOOK_MD, "utf8") + "\nOne more sentence after an edit.\n");
    const edited = build();
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(edited, out);
    await page.reload();
    assert.ok((await state(page)).every((b) => !b.checked), "no stale ticks after the edit");
    await context.close();
  });

  failures += await check("without JavaScript the task list stays a read-only list", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + RUNBOOK);
    assert.ok((await state(page)).every((b) => b.disabled));
    assert.equal(await page.locator(".checklist-bar").count(), 0);
    await context.close();
  });
} finally {
  await browser.close();
  await server.close();
  for (const dir of [siteDir, ...built]) fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
