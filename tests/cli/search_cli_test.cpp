#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;

namespace {
const std::string kNow = " --now 2026-11-23T00:00:00Z";
const std::string kFixture = FB_FIXTURES_DIR "/search";

/// A copy of the search fixture site in a temp dir (so tests may change it).
fs::path copy_fixture(const std::string& name) {
  fs::path site = fresh_temp_dir(name);
  fs::copy(kFixture, site, fs::copy_options::recursive);
  return site;
}

nlohmann::json search_json(const std::string& args) {
  auto r = run_firebreak("search --json " + args);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  // stderr (-v notes) comes first; the JSON array starts at the first '['.
  return nlohmann::json::parse(r.output.substr(r.output.find('[')));
}
}  // namespace

TEST_CASE("firebreak search --json: url, title, kind, score, snippet, the published index when fresh") {
  fs::path site = copy_fixture("search-fresh");
  auto b = run_firebreak("build -q --site " + site.string() + kNow);
  REQUIRE_MESSAGE(b.exit_code == 0, b.output);
  REQUIRE(fs::exists(site / "public/search/manifest.js"));

  auto used = run_firebreak("search -v --site " + site.string() + " etcdNoLeader");
  CHECK(used.output.find("Using the published index") != std::string::npos);
  auto j = search_json("--site " + site.string() + " --limit 3 \"PgBouncerPoolExhausted\"");
  REQUIRE(j.size() == 3);  // --limit 3; partial matches follow the runbook and the review
  CHECK(j[0]["url"] == "runbooks/postgres/connection-pool-exhausted/index.html");
  CHECK(j[0]["title"] == "orders-db connection pool exhausted");
  CHECK(j[0]["kind"] == "runbook");
  CHECK(j[0]["score"].get<uint64_t>() > j[1]["score"].get<uint64_t>());
  CHECK(j[1]["kind"] == "postmortem");
  CHECK(j[0]["snippet"].get<std::string>().find("<mark>") != std::string::npos);

  // Markup in a title stays text in the snippet's HTML.
  auto m = search_json("--site " + site.string() + " AlertTemplateInjection");
  REQUIRE(!m.empty());
  CHECK(m[0]["title"] == "Alert text shows <script> and <b>markup</b>");
  CHECK(m[0]["snippet"].get<std::string>().find("<b>") == std::string::npos);
}

TEST_CASE("firebreak search builds the index in memory when the content changed since the build") {
  fs::path site = copy_fixture("search-stale");
  REQUIRE(run_firebreak("build -q --site " + site.string() + kNow).exit_code == 0);
  fb::write_file(site / "content/runbooks/zebra.md",
                 "---\ntitle: Zebra crossing alarms\nalerts: [ZebraCrossingAlarm]\n---\n## Symptoms\n\nStripes.\n");
  auto r = run_firebreak("search -v --json --site " + site.string() + " ZebraCrossingAlarm");
  CHECK(r.output.find("Building the index in memory") != std::string::npos);
  auto j = search_json("--site " + site.string() + " ZebraCrossingAlarm");
  REQUIRE(!j.empty());
  CHECK(j[0]["url"] == "runbooks/zebra/index.html");
  // Without any build at all, too.
  fs::remove_all(site / "public");
  CHECK(search_json("--site " + site.string() + " ZebraCrossingAlarm").at(0)["url"] == "runbooks/zebra/index.html");
}

TEST_CASE("firebreak search filters with flags and query words, limits, and prints text") {
  auto lag = search_json("--site " + kFixture + " --kind postmortem lag");
  REQUIRE(!lag.empty());
  for (const auto& r : lag) CHECK(r["kind"] == "postmortem");
  CHECK(lag[0]["url"] == "postmortems/2026-01-15-kafka-lag-black-friday/index.html");
  CHECK(search_json("--site " + kFixture + " \"etcd sev:SEV2\"").at(0)["title"] ==
        "Leader election storm in the control plane");
  auto sev1 = search_json("--site " + kFixture + " --severity critical --tag kubernetes etcd");
  REQUIRE(sev1.size() == 2);  // the SEV2 review and the SEV3 runbook about etcd are filtered out
  CHECK(sev1[0]["url"] == "runbooks/etcd/etcd-no-leader/index.html");
  CHECK(sev1[1]["url"] == "runbooks/kubernetes/kube-apiserver-down/index.html");
  CHECK(search_json("--site " + kFixture + " --limit 1 pool").size() == 1);
  CHECK(search_json("--site " + kFixture + " zzzzqqqq").empty());

  auto text = run_firebreak("search --site " + kFixture + " --limit 2 \"too many clients\"");
  CHECK(text.exit_code == 0);
  CHECK(text.output.find(" 1. orders-db connection pool exhausted") != std::string::npos);
  CHECK(text.output.find("runbooks/postgres/connection-pool-exhausted/index.html") != std::string::npos);
  CHECK(text.output.find("\033[") == std::string::npos);  // no colour when not on a terminal
  auto bad = run_firebreak("search --site " + kFixture + " --kind nonsense x");
  CHECK(bad.exit_code == 2);
}
