// End-to-end: `firebreak check --alert-rules`, site.yaml `alert_rules:` in `build` (the alerts page and
// api/alerts.json), rule files that are not YAML or lie outside the site, and a cached build after a
// rule file changed equal to a cold build.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;

namespace {
const std::string kNow = " --now 2026-11-23T00:00:00Z";

/// make_site()'s site (one runbook claiming NodeDiskFull) with a rules file in `rel` (site-relative).
fs::path site_with_rules(const std::string& name, const std::string& rel, const std::string& extra_rules = "") {
  fs::path site = make_site(name);
  fb::write_file(site / rel, "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: node}\nspec:\n"
                             "  groups:\n  - name: node\n    rules:\n    - alert: NodeDiskFull\n      expr: x == 0\n"
                             "      labels: {severity: critical}\n    - alert: NodeDown\n      expr: up == 0\n" + extra_rules);
  return site;
}
}  // namespace

TEST_CASE("check --alert-rules: uncovered alerts are warnings at file:line, the summary counts coverage") {
  fs::path site = site_with_rules("alerts-check", "monitoring/node.yaml");
  auto r = run_firebreak("check --site " + site.string() + " --alert-rules " + (site / "monitoring").string() + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 0);  // warnings only
  CHECK(r.output.find("monitoring/node.yaml:11:7: warning[FB310]: alert `NodeDown` has no runbook") != std::string::npos);
  CHECK(r.output.find("against 2 alerting rules (1 of 2 alerts have a runbook)") != std::string::npos);
  auto strict = run_firebreak("check --strict --site " + site.string() + " --alert-rules " + (site / "monitoring/node.yaml").string() + kNow);
  CHECK(strict.exit_code == 1);
  auto json = run_firebreak("check --format json --site " + site.string() + " --alert-rules " +
                            (site / "monitoring/node.yaml").string() + kNow + " 2>/dev/null");
  auto j = nlohmann::json::parse(json.output);
  std::vector<std::string> alert_codes;
  for (const auto& d : j["diagnostics"])
    if (d["code"].get<std::string>().rfind("FB31", 0) == 0) alert_codes.push_back(d["code"]);
  CHECK(alert_codes == std::vector<std::string>{"FB310"});
  // Without rules nothing about alerts is said.
  auto none = run_firebreak("check --site " + site.string() + kNow);
  CHECK(none.output.find("FB31") == std::string::npos);
  CHECK(none.output.find("alerting rules") == std::string::npos);
}

TEST_CASE("check --alert-rules: a file that is not YAML is an error at its line, a missing one too") {
  fs::path site = make_site("alerts-bad");
  fb::write_file(site / "bad.yaml", "groups:\n  - name: x\n    rules: [\n");
  auto r = run_firebreak("check --site " + site.string() + " --alert-rules " + (site / "bad.yaml").string() + " " +
                         (site / "missing.yaml").string() + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("bad.yaml:4:1: error[FB314]: rule file is not valid YAML") != std::string::npos);
  CHECK(r.output.find("missing.yaml: error[FB314]: cannot read rule file") != std::string::npos);
}

TEST_CASE("build with site.yaml alert_rules publishes /alerts/ and api/alerts.json, a path outside the site is refused") {
  fs::path site = site_with_rules("alerts-build", "rules/node.yaml");
  fb::write_file(site / "site.yaml", "title: Test KB\nalert_rules: rules\n");
  auto r = run_firebreak("build --site " + site.string() + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::string page = *fb::read_file(site / "public/alerts/index.html");
  CHECK(page.find("1 of 2 alerts have a runbook") != std::string::npos);
  CHECK(page.find("rules/node.yaml:8") != std::string::npos);
  auto api = nlohmann::json::parse(*fb::read_file(site / "public/api/alerts.json"));
  CHECK(api["coverage"]["alerts"] == 2);
  CHECK(api["rules"][0]["runbook"] == "disk-full");
  CHECK(fb::read_file(site / "public/index.html")->find("href=\"alerts/index.html\"") != std::string::npos);

  fs::path outside = fresh_temp_dir("alerts-outside");
  fb::write_file(outside / "rules.yaml", "groups: []\n");
  fb::write_file(site / "site.yaml", "title: Test KB\nalert_rules: [" + (outside / "rules.yaml").string() + "]\n");
  auto out = run_firebreak("check --site " + site.string() + kNow);
  CHECK(out.exit_code == 1);
  CHECK(out.output.find("error[FB314]: alert_rules: " + (outside / "rules.yaml").string() + " resolves outside the site") !=
        std::string::npos);
  fb::write_file(site / "site.yaml", "title: Test KB\nalert_rules: 3\n");
  CHECK(run_firebreak("check --site " + site.string() + kNow).exit_code == 2);  // the schema: FB002
}

TEST_CASE("incremental: after a rule file changes, the cached build equals a cold build") {
  fs::path site = site_with_rules("alerts-incr", "rules/node.yaml");
  fb::write_file(site / "site.yaml", "title: Test KB\nalert_rules: [rules]\n");
  fs::path cached = site / "public", cold = site.parent_path() / "fb-cli-test-alerts-incr-cold";
  auto build_both = [&] {
    auto a = run_firebreak("build --site " + site.string() + " --out " + cached.string() + kNow);
    auto b = run_firebreak("build --no-cache --site " + site.string() + " --out " + cold.string() + kNow);
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    CHECK(snapshot(cached) == snapshot(cold));
  };
  build_both();
  std::string before = *fb::read_file(cached / "api/alerts.json");
  fb::write_file(site / "rules/node.yaml", *fb::read_file(site / "rules/node.yaml") +
                                               "    - alert: NodeHot\n      expr: temp > 90\n      labels: {severity: warning}\n");
  build_both();
  CHECK(*fb::read_file(cached / "api/alerts.json") != before);
  CHECK(fb::read_file(cached / "alerts/index.html")->find("NodeHot") != std::string::npos);
  fs::remove(site / "rules/node.yaml");  // an empty folder: a warning, and the page says there are none
  build_both();
  CHECK(fb::read_file(cached / "alerts/index.html")->find("0 of 0 alerts") != std::string::npos);
}
