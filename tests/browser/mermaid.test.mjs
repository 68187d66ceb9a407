// ```mermaid diagrams in headless Chromium, over http:// and file://: a block becomes an SVG drawn by
// the theme's mermaid bundle, an invalid one shows its source and mermaid's parse error while the other
// diagram on the page is still drawn, hostile label text stays inert, a dark page gets mermaid's dark
// theme, print shows the light drawing, and without JavaScript the source shows as code. The example
// site's decision tree is drawn too.
//
//   node tests/browser/mermaid.test.mjs path/to/firebreak
// Exits 77 (CTest: skipped) only when Debian's chromium is not installed.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, ROOT, buildSite, check, startBrowserTest, startServer } from "./lib.mjs";

const { firebreak, chromium, chromiumPath } = await startBrowserTest("mermaid.test.mjs");
if (!fs.existsSync(path.join(ROOT, "themes/default/assets/vendor/mermaid.min.js"))) {
  console.log("FAIL the theme has no mermaid bundle: run scripts/install-theme-vendor.sh (scripts/install-deps.sh does)");
  process.exit(1);
}

const RUNBOOK = "runbooks/flows/index.html";
const PLAIN = "runbooks/plain/index.html";
const TRIAGE = "runbooks/incident-triage/index.html";
const front = (title) => `---\ntitle: ${title}\nservice: api\nowner: team-api\nlast_reviewed: 2026-11-01\n---\n`;
const sections = "\n## Diagnosis\n\nLook.\n\n## Mitigation\n\nFix.\n\n## Escalation\n\nPage.\n";
const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), "fb-mermaid-site-"));
fs.writeFileSync(path.join(siteDir, "site.yaml"), "title: Diagrams\n");
fs.mkdirSync(path.join(siteDir, "content/runbooks"), { recursive: true });
fs.writeFileSync(path.join(siteDir, "content/runbooks/flows.md"), front("Flows") + `
## Symptoms

\`\`\`mermaid
---
title: Alert routing
---
graph TD
  A[Alert fires] --> B{Severity?}
  B -->|SEV1| C["<img src=x onerror=window.__pwned=1> War room"]
  B -->|SEV3| D[Normal process]
\`\`\`

This one is broken:

\`\`\`mermaid
graph TD
  A -->
  this is not ((( valid
\`\`\`

\`\`\`mermaid
sequenceDiagram
  Alertmanager->>PagerDuty: page
  PagerDuty->>On-call: notify
\`\`\`
` + sections);
fs.writeFileSync(path.join(siteDir, "content/runbooks/plain.md"), front("Plain") + "\n## Symptoms\n\nNo diagram.\n" + sections);

const out = buildSite(firebreak, siteDir, "mermaid");
const example = buildSite(firebreak, ROOT, "mermaid-example");
const server = await startServer(out);
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
let failures = 0;

/** Each figure: its state, which drawings are visible, the fill of its first node, its error text. */
const figures = (page) => page.$$eval("figure.diagram", (list) => list.map((f) => {
  const visible = [...f.querySelectorAll(".diagram-view")].filter((v) => getComputedStyle(v).display !== "none");
  const shape = visible[0]?.querySelector(".node rect, .node polygon, rect.actor");
  return {
    state: f.dataset.state, label: f.getAttribute("aria-label"),
    visible: visible.map((v) => v.className.replace("diagram-view ", "")),
    role: visible[0]?.querySelector("svg")?.getAttribute("role") ?? null,
    fill: shape ? getComputedStyle(shape).fill : null,
    error: f.querySelector(".diagram-error")?.textContent ?? null,
    sourceShown: [...f.querySelectorAll("pre > code.language-mermaid")].some((c) => c.checkVisibility()),
  };
}));
/** Relative luminance (0 black .. 1 white) of an rgb() colour. */
const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

async function open(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => ["done", "unavailable"].includes(document.body.dataset.diagrams), null, { timeout: 60000 });
  return { page, problems, ms: Date.now() - t0 };
}

try {
  for (const [scheme, base] of [["http", server.url], ["file", pathToFileURL(out).href + "/"]]) {
    const context = await browser.newContext({ colorScheme: "light" });
    const { page, problems, ms } = await open(context, base + RUNBOOK);
    console.log(`     ${scheme}: three diagrams loaded and drawn in ${ms} ms`);
    const [flow, broken, sequence] = await figures(page);

    failures += await check(`${scheme}: a mermaid block becomes a labelled SVG, its source under "Diagram source"`, async () => {
      assert.equal(await page.evaluate(() => document.body.dataset.diagrams), "done");
      assert.equal(flow.state, "drawn");
      assert.deepEqual(flow.visible, ["theme-default"]);
      assert.match(flow.role, /graphics-document/);
      assert.equal(flow.label, "Alert routing");
      assert.ok(luminance(flow.fill) > 0.7, `light theme fill ${flow.fill}`);
      assert.equal(flow.sourceShown, false);
      const svgText = await page.locator("#fb-diagram-1 .diagram-view svg").textContent();
      assert.match(svgText, /Alert fires/);
      await page.locator("#fb-diagram-1 .diagram-source > summary").click();
      assert.equal((await figures(page))[0].sourceShown, true);
    });

    failures += await check(`${scheme}: an invalid diagram shows its source and the parse error, the next one still draws`, async () => {
      assert.equal(broken.state, "error");
      assert.match(broken.error, /could not be drawn/);
      assert.match(broken.error, /Parse error on line 3/);
      assert.equal(broken.sourceShown, true);
      assert.equal(sequence.state, "drawn");
      assert.deepEqual(sequence.visible, ["theme-default"]);
      assert.deepEqual(problems, []);
      // Mermaid's scratch elements are gone: the body holds only the page.
      assert.equal(await page.locator("body > div[id^='dfb-diagram']").count(), 0);
    });

    failures += await check(`${scheme}: hostile label text is inert (securityLevel strict)`, async () => {
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator("[onerror]").count(), 0);
    });

    failures += await check(`${scheme}: print shows the light drawing and hides the source`, async () => {
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const [printed] = await figures(page);
      assert.deepEqual(printed.visible, ["theme-default"]);
      assert.equal(printed.sourceShown, false);
      assert.equal(await page.locator("#fb-diagram-1 .diagram-source").isVisible(), false);
    });
    await context.close();

    failures += await check(`${scheme}: a dark page draws with mermaid's dark theme`, async () => {
      const dark = await browser.newContext({ colorScheme: "dark" });
      const { page: p } = await open(dark, base + RUNBOOK);
      const [f] = await figures(p);
      assert.deepEqual(f.visible, ["theme-dark"]);
      assert.ok(luminance(f.fill) < 0.3, `dark theme fill ${f.fill}`);
      await p.emulateMedia({ colorScheme: "light" });  // the light drawing is there too
      assert.deepEqual((await figures(p))[0].visible, ["theme-default"]);
      await dark.close();
    });

    failures += await check(`${scheme}: a page without a diagram loads neither diagrams.js nor mermaid`, async () => {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      const requested = [];
      p.on("request", (r) => requested.push(new URL(r.url()).pathname.split("/").pop()));
      await p.goto(base + PLAIN);
      await p.waitForLoadState("load");
      assert.ok(requested.includes("site.js"));
      assert.deepEqual(requested.filter((u) => /diagrams\.js|mermaid/.test(u)), []);
      await ctx.close();
    });
  }

  failures += await check("without JavaScript the diagrams show as their source", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + RUNBOOK);
    const codes = page.locator("pre > code.language-mermaid");
    assert.equal(await codes.count(), 3);
    assert.ok(await codes.first().isVisible());
    assert.match(await codes.first().textContent(), /A\[Alert fires\] --> B\{Severity\?\}/);
    assert.equal(await page.locator("svg[id^='fb-diagram']").count(), 0);
    await context.close();
  });

  failures += await check("the example site's triage decision tree is drawn from file://", async () => {
    const context = await browser.newContext();
    const { page, problems } = await open(context, pathToFileURL(example).href + "/" + TRIAGE);
    const [tree] = await figures(page);
    assert.equal(tree.state, "drawn");
    assert.equal(tree.label, "Incident triage decision tree");
    assert.match(await page.locator("#fb-diagram-1 svg").textContent(), /Customer-facing impact\?/);
    assert.ok(await page.locator("article.prose li > input[type=checkbox]:not([disabled])").count() >= 5);
    assert.deepEqual(problems, []);
    await context.close();
  });
} finally {
  await browser.close();
  await server.close();
  for (const dir of [siteDir, out, example]) fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
