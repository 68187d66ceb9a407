// Helpers of the browser tests: building a site with the firebreak binary, a loopback static server,
// finding Debian's Chromium, and loading the theme's search.js into node.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SKIP = 77;  // CTest SKIP_RETURN_CODE

/** Builds `siteDir` with `firebreak` into a fresh temporary directory and returns that directory. */
export function buildSite(firebreak, siteDir, name) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `fb-browser-${name}-`));
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(firebreak, ["build", "--site", siteDir, "--out", out, "--now", "2026-11-23T00:00:00Z", "-q"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  return out;
}

/** `firebreak search --json` results. */
export function cliSearch(firebreak, siteDir, outDir, query, limit = 10) {
  const args = ["search", "--site", siteDir, "--out", outDir, "--json", "--limit", String(limit), "--", query];
  return JSON.parse(execFileSync(firebreak, args, { encoding: "utf8" }));
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml" };

/** A static file server on 127.0.0.1 (random port) for `dir`; stops itself after `lifetimeMs`. */
export async function startServer(dir, lifetimeMs = 120000) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, path.normalize(rel).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const timer = setTimeout(() => server.close(), lifetimeMs);
  timer.unref();
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { clearTimeout(timer); server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** Path of Debian's Chromium (FB_CHROMIUM overrides), or "" when there is none. */
export function findChromium() {
  const candidates = [process.env.FB_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) || "";
}

/** Flags for a quiet, offline headless Chromium. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Loads playwright-core from tests/browser/node_modules (installed by `npm ci` in scripts/test.sh). */
export async function loadPlaywright() {
  try {
    return await import("playwright-core");
  } catch (e) {
    throw new Error("playwright-core is not installed: run `npm ci --prefix tests/browser` (scripts/test.sh does)");
  }
}

/** The theme's search.js running in a node VM, reading index files from `outDir`/search. */
export function loadSearchJs(outDir) {
  const ctx = vm.createContext({ console, URLSearchParams });
  ctx.window = ctx;
  ctx.__fbSearch = {
    loadScript: (url) => {
      vm.runInContext(fs.readFileSync(url, "utf8"), ctx, { filename: url });
      return Promise.resolve();
    },
  };
  const file = path.join(ROOT, "themes/default/assets/search.js");
  vm.runInContext(fs.readFileSync(file, "utf8"), ctx, { filename: file });
  ctx.__fbSearch.api.setBase(path.join(outDir, "search") + path.sep);
  return ctx.__fbSearch.api;
}

let running = "start-up";
/** The name of the check that is running (for time-out messages). */
export const currentCheck = () => running;

/** Runs `fn` and reports "ok"/"FAIL" lines; returns the number of failures. */
export async function check(name, fn) {
  running = name;
  try {
    await fn();
    console.log(`ok   ${name}`);
    return 0;
  } catch (e) {
    console.log(`FAIL ${name}\n     ${(e && e.stack) || e}`);
    return 1;
  }
}

/**
 * The common start of a browser test: the firebreak binary from argv (exit 2 without it), Debian's
 * chromium (exit SKIP when it is not installed), playwright-core, and a watchdog so that a hung
 * browser fails the test instead of stalling CI. Returns { firebreak, chromium, chromiumPath }.
 */
export async function startBrowserTest(script, timeoutMs = 240000) {
  const firebreak = process.argv[2];
  if (!firebreak || !fs.existsSync(firebreak)) {
    console.error(`usage: node ${script} path/to/firebreak`);
    process.exit(2);
  }
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log("SKIP: chromium is not installed (apt-get install -y chromium, or scripts/install-deps.sh)");
    process.exit(SKIP);
  }
  const { chromium } = await loadPlaywright();
  const watchdog = setTimeout(() => {
    console.log(`FAIL timed out during: ${currentCheck()}`);
    process.exit(1);
  }, timeoutMs);
  watchdog.unref();
  return { firebreak, chromium, chromiumPath };
}
