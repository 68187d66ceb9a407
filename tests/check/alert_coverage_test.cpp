// Alert-rule coverage and its diagnostics: FB310 alert without a runbook, FB311 runbook naming an alert
// no rule defines, FB312 runbook_url pointing elsewhere, FB313 unknown severity label.
#include "model/alert_coverage.h"
#include "site_fixture.h"

using namespace fbtest;

namespace {

/// The coverage and its diagnostics for `rules_yaml` (one rule file) against `site`.
struct Coverage {
  fb::AlertRuleSet rules;
  fb::AlertCoverage cov;
  fb::Diagnostics diags;
  Coverage(const TestSite& site, const std::string& rules_yaml) {
    fb::parse_alert_rules(rules_yaml, "rules/app.yaml", rules, diags);
    cov = fb::alert_coverage(site.config, rules, site.model);
    diags.merge(fb::check_alert_coverage(site.config, cov));
  }
};

std::string rule(const std::string& name, const std::string& severity = "critical", const std::string& url = "") {
  std::string s = "      - alert: " + name + "\n        expr: up == 0\n        labels:\n          severity: " + severity + "\n";
  if (!url.empty()) s += "        annotations:\n          runbook_url: " + url + "\n";
  return s;
}

std::string rules(const std::string& body) { return "groups:\n  - name: app\n    rules:\n" + body; }

}  // namespace

TEST_CASE("FB310: an alert no runbook claims, once per alert name at its first rule") {
  TestSite s({runbook("content/runbooks/db/pool.md", "alerts: [PoolExhausted]\n")});
  Coverage c(s, rules(rule("PoolExhausted") + rule("DiskFull", "warning") + rule("DiskFull", "critical")));
  auto d = with_code(c.diags, "FB310");
  REQUIRE_MESSAGE(d.size() == 1, dump(c.diags));
  CHECK(d[0].level == fb::Level::Warning);
  CHECK(d[0].file == "rules/app.yaml");
  CHECK(d[0].line == 8);
  CHECK(d[0].col == 9);
  CHECK(d[0].message == "alert `DiskFull` has no runbook");
  CHECK(c.cov.alerts == 2);
  CHECK(c.cov.covered == 1);
  REQUIRE(c.cov.rows.size() == 3);
  CHECK(c.cov.rows[0].rule->name == "DiskFull");  // sorted by name, then file and line
  CHECK(c.cov.rows[2].runbook == &s.model.runbooks[0]);
  CHECK_FALSE(c.cov.rows[2].claimed_by_name);
}

TEST_CASE("a runbook named after an alert claims it, case-insensitively, as prometheus-operator runbooks do") {
  TestSite s({runbook("content/runbooks/node/NodeRAIDDegraded.md"), runbook("content/runbooks/kube-pod-crash-looping.md")});
  Coverage c(s, rules(rule("noderaiddegraded") + rule("KubePodCrashLooping")));
  CHECK_MESSAGE(with_code(c.diags, "FB310").empty(), dump(c.diags));
  CHECK(c.cov.covered == 2);
  CHECK(c.cov.rows[0].claimed_by_name);
  CHECK(c.cov.rows[1].runbook->doc->path == "content/runbooks/node/NodeRAIDDegraded.md");
  // `alerts:` wins over a name: the listing runbook claims the alert.
  TestSite t({runbook("content/runbooks/DiskFull.md"), runbook("content/runbooks/storage.md", "alerts: [diskfull]\n")});
  Coverage u(t, rules(rule("DiskFull")));
  CHECK(u.cov.rows[0].runbook->doc->id == "storage");
  CHECK_FALSE(u.cov.rows[0].claimed_by_name);
}

TEST_CASE("FB311: a runbook names an alert no rule defines, with a did-you-mean") {
  TestSite s({runbook("content/runbooks/pool.md", "alerts: [PoolExhausted, PoolExhaustd, GoneAlert]\n")});
  Coverage c(s, rules(rule("PoolExhausted")));
  auto d = with_code(c.diags, "FB311");
  REQUIRE_MESSAGE(d.size() == 2, dump(c.diags));
  CHECK(d[0].file == "content/runbooks/pool.md");
  CHECK(d[0].line == 4);
  CHECK(d[0].message == "`alerts` names `PoolExhaustd`, which no alerting rule defines");
  CHECK(d[0].hint == "Did you mean `PoolExhausted`?");
  CHECK(d[1].message.find("`GoneAlert`") != std::string::npos);
  CHECK(d[1].level == fb::Level::Warning);
}

TEST_CASE("FB312: a runbook_url that points elsewhere than the claiming runbook") {
  TestSite s({runbook("content/runbooks/db/pool.md", "alerts: [PoolExhausted, PoolSlow, PoolGone, PoolTpl, PoolOther]\n"),
              runbook("content/runbooks/other.md")});
  Coverage c(s, rules(rule("PoolExhausted", "critical", "https://kb.example.com/runbooks/db/pool/") +
                      rule("PoolSlow", "critical", "https://git.example.com/kb/blob/main/content/runbooks/db/pool.md#poolslow") +
                      rule("PoolGone", "critical", "https://wiki.example.com/display/OPS/Database+runbook") +
                      rule("PoolTpl", "critical", "'https://kb.example.com/{{ $labels.team }}'") +
                      rule("PoolOther", "critical", "https://kb.example.com/runbooks/other/index.html")));
  auto d = with_code(c.diags, "FB312");
  REQUIRE_MESSAGE(d.size() == 2, dump(c.diags));
  CHECK(d[0].line == 21);  // PoolGone's runbook_url value
  CHECK(d[0].col == 24);
  CHECK(d[0].message == "runbook_url of alert `PoolGone` points at https://wiki.example.com/display/OPS/Database+runbook, "
                        "not at its runbook pool (content/runbooks/db/pool.md)");
  CHECK(d[1].message.find("`PoolOther`") != std::string::npos);
  for (const auto& row : c.cov.rows)
    if (row.rule->name == "PoolTpl") CHECK(row.url == fb::RunbookUrlVerdict::Templated);
}

TEST_CASE("runbook_url matching: last segment or fragment, folded, templates naming the alert expand") {
  TestSite s({runbook("content/runbooks/kubernetes/KubePodCrashLooping.md"), runbook("content/runbooks/db/pool.md", "id: db-pool\n")});
  const fb::Runbook& pool = s.model.runbooks[0];  // path order
  const fb::Runbook& kube = s.model.runbooks[1];
  using V = fb::RunbookUrlVerdict;
  const std::string alert = "KubePodCrashLooping";
  CHECK(fb::runbook_url_verdict("https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/", alert, kube) == V::Matches);
  CHECK(fb::runbook_url_verdict("https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping", alert, kube) == V::Matches);
  CHECK(fb::runbook_url_verdict("https://example.com/runbooks/{{ $labels.alertname | toLower }}", alert, kube) == V::Matches);
  CHECK(fb::runbook_url_verdict("https://example.com/runbooks/{{ .Labels.alertname }}.md?plain=1", alert, kube) == V::Matches);
  CHECK(fb::runbook_url_verdict("https://example.com/runbooks/kubepodnotready", alert, kube) == V::Elsewhere);
  CHECK(fb::runbook_url_verdict("{{ $externalURL }}/{{ $labels.runbook }}", alert, kube) == V::Templated);
  CHECK(fb::runbook_url_verdict("", alert, kube) == V::Absent);
  CHECK(fb::runbook_url_verdict("https://kb/runbooks/db/pool/index.html", "X", pool) == V::Matches);  // page folder
  CHECK(fb::runbook_url_verdict("https://kb/db-pool", "X", pool) == V::Matches);                       // id
  CHECK(fb::runbook_url_verdict("https://kb/", "X", pool) == V::Elsewhere);
  CHECK(fb::fold_alert_name("Kube-Pod_Crash looping") == "kubepodcrashlooping");
}

TEST_CASE("FB313: a severity label that is no id or alias of the site's scale, templates and absent labels are not checked") {
  TestSite s({runbook("content/runbooks/a.md", "alerts: [A, B, C, D, E]\n")});
  Coverage c(s, rules(rule("A", "critical") + rule("B", "SEV2") + rule("C", "page") + rule("D", "'{{ $labels.sev }}'") +
                      "      - alert: E\n        expr: up == 0\n"));
  auto d = with_code(c.diags, "FB313");
  REQUIRE_MESSAGE(d.size() == 1, dump(c.diags));
  CHECK(d[0].line == 15);
  CHECK(d[0].message == "alert `C` has severity `page`, which is no id or alias of the site's severities");
  CHECK(d[0].hint.find("SEV1, SEV2, SEV3, SEV4") != std::string::npos);
  CHECK(c.cov.rows[0].level->id == "SEV1");  // critical is an alias of SEV1
  CHECK(c.cov.rows[1].level->id == "SEV2");
  CHECK(c.cov.rows[3].severity_templated);
  CHECK(c.cov.rows[4].level == nullptr);
}

TEST_CASE("without any claims or rules nothing is reported, and hostile names are kept as text") {
  TestSite s({runbook("content/runbooks/a.md")});
  Coverage empty(s, "groups: []\n");
  CHECK(empty.diags.items.empty());
  CHECK(empty.cov.alerts == 0);
  Coverage hostile(s, rules(rule("\"<script>alert(1)</script>\"")));
  REQUIRE(hostile.cov.rows.size() == 1);
  CHECK(hostile.cov.rows[0].rule->name == "<script>alert(1)</script>");
}
