#include <doctest/doctest.h>

#include <algorithm>

#include "helpers.h"
#include "search/query.h"
#include "search/shards.h"
#include "search/source.h"

using namespace fb;
using namespace fb::search;

namespace {

std::unique_ptr<TestSite> small_site() {
  return make_site({
      {"content/runbooks/db/pool.md",
       runbook_md("title: Connection pool exhausted\nservice: orders-db\nowner: team-data\nseverity: SEV2\n"
                  "alerts: [PgBouncerPoolExhausted]\ntags: [postgres, pgbouncer]",
                  "## Symptoms\n\nClients wait for a connection. The pool has no free connection.\n\n"
                  "## Mitigation\n\nRaise the pool size.")},
      {"content/runbooks/etcd.md",
       runbook_md("title: etcd has no leader\nservice: etcd\nowner: team-platform\nseverity: SEV1\n"
                  "alerts: [etcdNoLeader]\ntags: [kubernetes]",
                  "## Symptoms\n\nThe cluster cannot elect a leader; writes fail.")},
      {"content/runbooks/disk.md",
       runbook_md("title: Node disk full\nservice: node\nowner: team-platform\nseverity: minor\n"
                  "alerts: [NodeFilesystemAlmostOutOfSpace]\ntags: [disk, node]",
                  "## Symptoms\n\nWrites fail with ENOSPC. Logs fill the disk.\n\n## Notes\n\n"
                  "Unrelated to any connection pool, though a connection may drop.")},
      {"content/runbooks/cert.md",
       runbook_md("title: TLS certificate expiry\nservice: edge\nowner: team-edge\nseverity: SEV2\n"
                  "alerts: [CertificateExpiringSoon]\ntags: [tls]",
                  "## Symptoms\n\nHandshakes fail.")},
      {"content/runbooks/certbot.md",
       runbook_md("title: Renewal job\nservice: edge\nowner: team-edge\nseverity: SEV4\ntags: [cron]",
                  "The renewal job renews every certificate; a certificate renewal failure leaves an old "
                  "certificate in place until the certificate expires.")},
      {"content/postmortems/2026-01-01-pool.md",
       "---\ntitle: Checkout outage\nincident_id: INC-2026-001\nseverity: SEV1\nservices: [checkout-api, orders-db]\n"
       "alerts: [PgBouncerPoolExhausted]\ntags: [postgres]\n---\n## Summary\n\nThe pool was exhausted.\n"},
      {"content/postmortems/2026-02-02-etcd.md",
       "---\ntitle: Control plane writes failed\nincident_id: INC-2026-002\nseverity: SEV2\nservices: [etcd]\n"
       "tags: [kubernetes]\n---\n## Summary\n\nLeader election flapped in etcd.\n"},
  });
}

/// URLs of the hits of `q`.
std::vector<std::string> urls(IndexSource& src, const std::string& q, size_t limit = 10) {
  std::vector<std::string> out;
  for (const auto& h : run_query(src, parse_query(q), limit).hits) out.push_back(src.doc(h.doc).url);
  return out;
}

std::string first(IndexSource& src, const std::string& q) {
  auto u = urls(src, q, 1);
  return u.empty() ? "" : u[0];
}

}  // namespace

TEST_CASE("parse_query extracts filters, words and the prefix of the word being typed") {
  Query q = parse_query("kind:runbook etcdNoLea sev:P1 tag:a tag:b service:x owner:y");
  CHECK(q.filters.kind == std::vector<std::string>{"runbook"});
  CHECK(q.filters.severity == std::vector<std::string>{"P1"});
  CHECK(q.filters.tag == std::vector<std::string>{"a", "b"});
  CHECK(q.filters.service == std::vector<std::string>{"x"});
  CHECK(q.filters.owner == std::vector<std::string>{"y"});
  REQUIRE(q.words.size() == 1);
  CHECK_FALSE(q.words[0].whole.at(0).prefix);  // a filter came after it: the word is finished

  q = parse_query("pool etcdNoLea");
  REQUIRE(q.words.size() == 2);
  CHECK_FALSE(q.words[0].parts.at(0).prefix);
  CHECK(q.words[1].whole.at(0).text == "etcdnolea");
  CHECK(q.words[1].whole.at(0).prefix);
  CHECK(q.words[1].parts.back().text == "lea");
  CHECK(q.words[1].parts.back().prefix);
  CHECK_FALSE(q.words[1].parts.front().prefix);

  CHECK_FALSE(parse_query("pool ").words.at(0).parts.at(0).prefix);
  CHECK(parse_query("url:x").words.size() == 1);  // not a filter name: searched as text
  CHECK(parse_query("pool th").words.at(1).parts.at(0).text == "th");
  CHECK(parse_query("pool the").words.at(1).parts.at(0).prefix);  // a stop word being typed is a prefix
  CHECK(parse_query("pool the ").words.size() == 1);
}

TEST_CASE("alert names, their parts and their tails find the runbook written for them") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  CHECK(first(src, "PgBouncerPoolExhausted") == "runbooks/db/pool/index.html");
  CHECK(urls(src, "PgBouncerPoolExhausted").at(1) == "postmortems/2026-01-01-pool/index.html");
  CHECK(first(src, "etcdNoLeader") == "runbooks/etcd/index.html");
  CHECK(first(src, "NoLeader") == "runbooks/etcd/index.html");
  CHECK(first(src, "INC-2026-002") == "postmortems/2026-02-02-etcd/index.html");
  CHECK(first(src, "inc 2026 001") == "postmortems/2026-01-01-pool/index.html");
}

TEST_CASE("BM25 with field weights: a title match beats repeated body mentions") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  auto r = urls(src, "certificate ");
  REQUIRE(r.size() == 2);
  CHECK(r[0] == "runbooks/cert/index.html");
  CHECK(r[1] == "runbooks/certbot/index.html");
  // Both mention "connection" twice in the body; only one has it in the title.
  Results res = run_query(src, parse_query("connection "), 10);
  REQUIRE(res.hits.size() == 2);
  CHECK(src.doc(res.hits[0].doc).url == "runbooks/db/pool/index.html");
  CHECK(res.hits[0].score > res.hits[1].score);
}

TEST_CASE("documents matching more query words come first") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  Results res = run_query(src, parse_query("fail connection "), 10);
  REQUIRE(res.hits.size() >= 2);
  CHECK(src.doc(res.hits[0].doc).url == "runbooks/disk/index.html");
  CHECK(res.hits[0].words == 2);
  CHECK(src.doc(res.hits[1].doc).url == "runbooks/db/pool/index.html");
  CHECK(res.hits[1].words == 1);
  CHECK(res.hits[1].score > res.hits[0].score);  // ranked lower despite the higher score
}

TEST_CASE("the word being typed matches as a prefix, a finished word does not") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  CHECK(first(src, "connec") == "runbooks/db/pool/index.html");
  CHECK(first(src, "etcdNoLea") == "runbooks/etcd/index.html");
  CHECK(first(src, "pgbounc") == "runbooks/db/pool/index.html");
  CHECK(urls(src, "connec ").empty() == false);  // a typo fallback still helps…
  Results typed = run_query(src, parse_query("connec"), 10);
  Results done = run_query(src, parse_query("connec "), 10);
  REQUIRE(!typed.hits.empty());
  REQUIRE(!done.hits.empty());
  CHECK(typed.hits[0].score >= done.hits[0].score);  // …but never scores above the prefix match
  CHECK(typed.matched.prefixes.count("connec"));
  CHECK(done.matched.prefixes.count("conne"));  // the typo fallback's prefix
}

TEST_CASE("a misspelt word falls back to its longest known prefix") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  CHECK(first(src, "certficate expiry") == "runbooks/cert/index.html");
  CHECK(first(src, "etcdNoLeadr ") == "runbooks/etcd/index.html");
  CHECK(urls(src, "zzzzqqq").empty());
}

TEST_CASE("filters by kind, severity (id, alias or label), service, tag and owner") {
  auto site = small_site();
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  CHECK(urls(src, "pool kind:postmortem") == std::vector<std::string>{"postmortems/2026-01-01-pool/index.html"});
  CHECK(urls(src, "pool kind:pir") == std::vector<std::string>{"postmortems/2026-01-01-pool/index.html"});
  CHECK(urls(src, "sev:P0") ==
        std::vector<std::string>{"postmortems/2026-01-01-pool/index.html", "runbooks/etcd/index.html"});
  CHECK(urls(src, "severity:critical kind:runbook") == std::vector<std::string>{"runbooks/etcd/index.html"});
  CHECK(urls(src, "sev:SEV3") == std::vector<std::string>{"runbooks/disk/index.html"});  // written as "minor"
  CHECK(urls(src, "sev:P3") == std::vector<std::string>{"runbooks/disk/index.html"});
  CHECK(urls(src, "service:orders-db") ==
        std::vector<std::string>{"postmortems/2026-01-01-pool/index.html", "runbooks/db/pool/index.html"});
  CHECK(urls(src, "leader service:etcd kind:runbook") == std::vector<std::string>{"runbooks/etcd/index.html"});
  CHECK(urls(src, "tag:TLS") == std::vector<std::string>{"runbooks/cert/index.html"});
  CHECK(urls(src, "owner:team-edge") ==
        std::vector<std::string>{"runbooks/cert/index.html", "runbooks/certbot/index.html"});
  CHECK(urls(src, "tag:nope").empty());
  CHECK(urls(src, "").empty());
  Query q = parse_query("fail");
  q.filters.tag = {"kubernetes", "disk"};  // alternatives within a facet
  std::vector<std::string> got;
  for (const auto& h : run_query(src, q, 10).hits) got.push_back(src.doc(h.doc).url);
  CHECK(got.size() == 3);
  CHECK(std::find(got.begin(), got.end(), "runbooks/cert/index.html") == got.end());
}

TEST_CASE("the published shards answer exactly like the index in memory") {
  auto site = small_site();
  SearchIndex idx = site->index();
  idx.fingerprint = "abc";
  MemoryIndex mem(idx);
  auto dir = std::filesystem::temp_directory_path() / "fb-search-test-published";
  std::filesystem::remove_all(dir);
  ShardOptions tiny{200, 2};  // many small shards: prefix ranges cross shard boundaries
  for (const auto& f : write_index(idx, tiny)) REQUIRE(write_file(dir / f.path, f.bytes));
  std::string err;
  auto pub = PublishedIndex::open(dir, err);
  REQUIRE_MESSAGE(pub, err);
  CHECK(pub->fingerprint() == "abc");
  for (const char* q : {"PgBouncerPoolExhausted", "connec", "c", "co", "certficate expiry", "etcdNoLeadr", "pool kind:pir",
                        "sev:P0", "tag:postgres", "fail tag:kubernetes", "INC-2026", "noleader", "p"}) {
    Results a = run_query(mem, parse_query(q), 20);
    Results b = run_query(*pub, parse_query(q), 20);
    REQUIRE_MESSAGE(a.hits.size() == b.hits.size(), q);
    for (size_t i = 0; i < a.hits.size(); ++i) {
      CHECK_MESSAGE(a.hits[i].doc == b.hits[i].doc, q);
      CHECK_MESSAGE(a.hits[i].score == b.hits[i].score, q);
      CHECK(mem.doc(a.hits[i].doc).title == pub->doc(b.hits[i].doc).title);
      CHECK(mem.doc(a.hits[i].doc).excerpt == pub->doc(b.hits[i].doc).excerpt);
    }
    CHECK(a.matched.terms == b.matched.terms);
    CHECK(a.matched.prefixes == b.matched.prefixes);
  }
  CHECK(pub->error().empty());
  std::filesystem::remove_all(dir);
}
