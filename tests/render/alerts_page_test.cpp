// The alerts page (/alerts/) and api/alerts.json with alert rules: every rule with its file and line,
// severity, runbook and coverage; escaped; absent without rules.
#include <nlohmann/json.hpp>

#include "model/alert_coverage.h"
#include "sample_site.h"

namespace {
using json = nlohmann::json;
using fbtest::TestSite;

const char* kRules = R"yaml(groups:
  - name: db
    rules:
      - alert: PoolExhausted
        expr: pgbouncer_pools_cl_waiting > 0
        labels: {severity: critical}
        annotations:
          runbook_url: https://kb.example.com/runbooks/db/pool/
          summary: Clients wait for a connection
      - alert: TooManyConnections
        expr: pg_stat_activity_count > 90
        labels: {severity: page}
        annotations:
          runbook_url: https://wiki.example.com/db
      - alert: "<img src=x onerror=alert(1)>"
        expr: up == 0
        annotations:
          summary: "<script>alert('summary')</script>"
          runbook_url: "javascript:alert(1)"
)yaml";

/// Renders `site` with the alert rules `yaml` (as rules/db.yaml).
std::map<std::string, std::string> render_with_rules(TestSite& site, const std::string& yaml,
                                                     fb::Diagnostics* diags = nullptr) {
  fb::AlertRuleSet rules;
  fb::Diagnostics d;
  fb::parse_alert_rules(yaml, "rules/db.yaml", rules, d);
  fb::AlertCoverage cov = fb::alert_coverage(site.config, rules, site.model);
  site.alert_rules = &rules;
  site.alert_coverage = &cov;
  fb::RenderResult r = site.render();
  site.alert_rules = nullptr;
  site.alert_coverage = nullptr;
  if (diags) *diags = r.diags;
  return fbtest::by_path(r);
}

}  // namespace

TEST_CASE("the alerts page lists every rule with file:line, severity pill, runbook and the coverage") {
  TestSite site;
  fbtest::add_sample(site).load();
  fb::Diagnostics diags;
  auto files = render_with_rules(site, kRules, &diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(files.count("alerts/index.html") == 1);
  const std::string& page = files["alerts/index.html"];
  CHECK(page.find("2 of 3 alerts have a runbook") != std::string::npos);
  CHECK(page.find("<code>rules/db.yaml:4</code>") != std::string::npos);
  CHECK(page.find("<a href=\"../runbooks/db/pool/index.html\">Connection pool exhausted</a>") != std::string::npos);
  CHECK(page.find("class=\"badge sev sev-sev1\" title=\"Critical (severity: critical)\">SEV1</span>") != std::string::npos);
  CHECK(page.find(">page</span>") != std::string::npos);  // an unknown label, shown as written
  CHECK(page.find("runbook_url points elsewhere") != std::string::npos);
  CHECK(page.find("no runbook") != std::string::npos);
  // The nav of every page links the alerts page.
  CHECK(files["index.html"].find("href=\"alerts/index.html\"") != std::string::npos);
  CHECK(files["runbooks/db/pool/index.html"].find("href=\"../../../alerts/index.html\"") != std::string::npos);
}

TEST_CASE("hostile alert names and annotations render inert on the alerts page and stay text in the JSON") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = render_with_rules(site, kRules);
  const std::string& page = files["alerts/index.html"];
  CHECK(page.find("<img src=x") == std::string::npos);
  CHECK(page.find("<script>alert(") == std::string::npos);
  CHECK(page.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(page.find("href=\"javascript:") == std::string::npos);  // an unclaimed alert's runbook_url is never a link
  json api = json::parse(files["api/alerts.json"]);
  CHECK(api["rules"][0]["alert"] == "<img src=x onerror=alert(1)>");
}

TEST_CASE("api/alerts.json with rules: coverage, every rule in page order, alerts claimed by name added") {
  TestSite site;
  fbtest::add_sample(site).load();
  std::string rules = std::string(kRules) + "      - alert: DiskFull\n        expr: up == 0\n      - alert: disk-full\n        expr: up == 0\n";
  json api = json::parse(render_with_rules(site, rules)["api/alerts.json"]);
  CHECK(api["coverage"] == json{{"alerts", 5}, {"covered", 4}});
  REQUIRE(api["rules"].size() == 5);
  CHECK(api["rules"][1]["alert"] == "DiskFull");
  json pool = api["rules"][2];
  CHECK(pool["alert"] == "PoolExhausted");
  CHECK(pool["file"] == "rules/db.yaml");
  CHECK(pool["line"] == 4);
  CHECK(pool["group"] == "db");
  CHECK(pool["severity"] == "SEV1");
  CHECK(pool["severity_label"] == "critical");
  CHECK(pool["runbook"] == "pool");
  CHECK(pool["url"] == "runbooks/db/pool/index.html");
  CHECK(pool["runbook_url_check"] == "matches");
  CHECK(pool["summary"] == "Clients wait for a connection");
  CHECK(api["rules"][3]["runbook_url_check"] == "elsewhere");
  CHECK(api["rules"][0]["runbook"].is_null());
  CHECK(api["rules"][0]["severity"].is_null());
  // `disk-full` folds like the runbook disk-full's id: claimed by name, so it is in the alerts map too.
  CHECK(api["alerts"]["disk-full"]["runbook"] == "disk-full");
  CHECK(api["count"] == api["alerts"].size());
}

TEST_CASE("without alert rules there is no alerts page, no nav link and api/alerts.json keeps its shape") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  CHECK(files.count("alerts/index.html") == 0);
  CHECK(files["index.html"].find("alerts/index.html") == std::string::npos);
  CHECK(files["runbooks/db/pool/index.html"].find("alerts/index.html") == std::string::npos);  // it lists alerts: itself
  json api = json::parse(files["api/alerts.json"]);
  CHECK_FALSE(api.contains("rules"));
  CHECK_FALSE(api.contains("coverage"));
}

TEST_CASE("an alerts page with no alerting rules says so") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = render_with_rules(site, "groups: []\n");
  CHECK(files["alerts/index.html"].find("0 of 0 alerts have a runbook") != std::string::npos);
  CHECK(files["alerts/index.html"].find("hold no alerting rules") != std::string::npos);
}
