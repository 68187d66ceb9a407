// `firebreak search` (C++) and the theme's search.js (JavaScript) must rank and snippet identically:
// both read the same built index; this runs search.js in node (no browser needed) and compares the two
// on the search fixture site, the example site and, when present, the prometheus-operator corpus.
//
//   node tests/browser/parity.test.mjs path/to/firebreak
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { ROOT, buildSite, check, cliSearch, loadSearchJs } from "./lib.mjs";

const firebreak = process.argv[2];
if (!firebreak || !fs.existsSync(firebreak)) {
  console.error("usage: node parity.test.mjs path/to/firebreak");
  process.exit(2);
}

async function jsSearch(api, query, limit = 10) {
  const res = await api.runQuery(api.parseQuery(query), limit);
  const recs = await api.records(res.hits.map((h) => h.doc));
  return res.hits.map((h, i) => ({
    url: recs[i][0], title: recs[i][1], kind: recs[i][2] === 0 ? "runbook" : "postmortem", score: h.score,
    snippet: api.snippetHtml(recs[i][7], res.matched),
  }));
}

async function compare(name, siteDir, queries) {
  const out = buildSite(firebreak, siteDir, name);
  const api = loadSearchJs(out);
  let failures = 0;
  try {
    if (typeof queries === "function") queries = queries(out);
    for (const q of queries) {
      failures += await check(`${name}: "${q}"`, async () => {
        const cpp = cliSearch(firebreak, siteDir, out, q);
        const js = await jsSearch(api, q);
        assert.deepEqual(JSON.parse(JSON.stringify(js)), cpp);  // (objects from the VM have another prototype)
      });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return failures;
}

const fixtureQueries = [
  "etcdNoLeader", "NoLeader", "etcdNoLea", "KubeAPIErrorBudgetBurn", "ErrorBudgetBurn", "kube-apiserver",
  "CrashLoopBackOff", "PoolExhausted", "too many clients", "pg_stat_activity", "pg_stat", "replication lag ",
  "no space left on device", "exit code 137", "x509 certificate has expired", "SERVFAIL", "invalid_grant",
  "INC-2026-031", "INC-2026", "inc 2026 047", "session-cache", "certficate expird", "kafka consumer lagg",
  "pgbounce", "prometheus rule failur", "lag kind:postmortem", "etcd sev:SEV2", "sev:P0", "tag:postgres",
  "owner:team-edge kind:runbook", "namensauflösung schlägt", "NAMENSAUFLOSUNG", "markup", "<script>", "co", "e",
  "the", "pool the", "zzzzqq", "ÆRØ Straße",
];
const exampleQueries = [
  "PgBouncerPoolExhausted", "connection pool", "tls cert", "kafka lag", "sso login", "INC-2026", "disk full",
  "5xx deploy", "checkout", "etl stuck", "service:checkout-api", "sev:SEV1 kind:postmortem",
];

let failures = 0;
failures += await compare("fixture", path.join(ROOT, "tests/fixtures/search"), fixtureQueries);
failures += await compare("example", ROOT, exampleQueries);

const corpus = path.join(ROOT, "..", "shared", "corpus", "prometheus-operator-runbooks", "content", "runbooks");
if (fs.existsSync(corpus)) {
  // A throw-away site holding a copy of the corpus (a symlink out of the site would be refused: FB506).
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "fb-parity-prom-"));
  fs.writeFileSync(path.join(site, "site.yaml"), "title: prometheus-operator runbooks\n");
  fs.mkdirSync(path.join(site, "content"));
  fs.cpSync(corpus, path.join(site, "content", "runbooks"), { recursive: true });
  const alerts = [];
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    if (e.isDirectory()) walk(path.join(d, e.name));
    else if (e.name.endsWith(".md") && e.name !== "_index.md") alerts.push(e.name.slice(0, -3));
  });
  walk(corpus);
  alerts.sort();
  failures += await compare("prometheus-operator", site, alerts.concat(alerts.map((a) => a.slice(0, 6)), ["kube", "node down"]));
  fs.rmSync(site, { recursive: true, force: true });
} else {
  console.log("note: the prometheus-operator corpus is not present; compared the fixture and example sites only");
}

// A generated site of 300 documents: several term and document shards, so prefixes whose terms span
// two shards, stored prefix lists and results from many document shards are compared too.
{
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "fb-parity-gen-"));
  execFileSync("python3", [path.join(ROOT, "bench/gen_corpus.py"), "--out", site, "--runbooks", "120",
                           "--postmortems", "180", "--seed", "3"], { stdio: ["ignore", "ignore", "inherit"] });
  const generated = (out) => {
    const manifest = fs.readFileSync(path.join(out, "search/manifest.js"), "utf8");
    const shards = JSON.parse(manifest.slice(manifest.indexOf("(") + 1, manifest.lastIndexOf(")"))).shards;
    assert.ok(shards.length >= 3, `the generated site has ${shards.length} term shards`);
    // The word being typed at every shard boundary (the common prefix of the keys either side): its
    // expansions lie in two shards.
    const keysOf = (i) => {
      const text = fs.readFileSync(path.join(out, `search/t/${i}.js`), "utf8");
      return Object.keys(JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")))).sort();
    };
    const edges = [];
    for (let i = 1; i < shards.length; i++) {
      const a = keysOf(i - 1).pop().replace("*", ""), b = keysOf(i)[0].replace("*", "");
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      for (let k = 2; k <= n; k++) edges.push(b.slice(0, k));
    }
    assert.ok(edges.length >= 2, `prefixes across shard boundaries: ${edges}`);
    return ["connection pool exhausted", "connection po", "connection pool ", "latency", "lat", "co", "re", "5xx",
            "kind:runbook disk", "sev:SEV1 timeout", "error rate high", "rollback deploy", "INC-2025", "certif", "20", "202", "10", "4"]
      .concat(edges, edges.map((e) => "service " + e));
  };
  failures += await compare("generated", site, generated);
  fs.rmSync(site, { recursive: true, force: true });
}

console.log(failures ? `${failures} parity check(s) failed` : "C++ and search.js agree on every query");
process.exit(failures ? 1 : 0);
