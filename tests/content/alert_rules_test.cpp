// The Prometheus rule reader: plain rule files, PrometheusRule resources, multi-document YAML,
// folders, recording rules, and bad input (not YAML, wrong shapes, huge files, 10,000 rules).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "content/alert_rules.h"

namespace {
namespace fs = std::filesystem;

const char* kPlain = R"(groups:
  - name: orders
    rules:
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_errors_total[5m]))
      - alert: OrdersHighErrorRate
        expr: job:http_errors:rate5m{job="orders"} > 0.05
        labels:
          severity: critical
        annotations:
          summary: Orders API returns errors
          runbook_url: https://kb.example.com/runbooks/orders/high-error-rate/
)";

const char* kOperator = R"(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: node-rules
spec:
  groups:
  - name: node
    rules:
    - alert: NodeDiskFull
      annotations:
        description: Disk on {{ $labels.instance }} is full.
      expr: node_filesystem_avail_bytes == 0
      labels:
        severity: warning
)";

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fb-alert-rules-test-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::vector<std::string> codes(const fb::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items) out.push_back(x.code);
  return out;
}

}  // namespace

TEST_CASE("a plain rule file: alerts with their place, labels and annotations, recording rules skipped") {
  fb::AlertRuleSet set;
  fb::Diagnostics d;
  fb::parse_alert_rules(kPlain, "rules/orders.yaml", set, d);
  CHECK(d.items.empty());
  REQUIRE(set.rules.size() == 1);
  const fb::AlertRule& r = set.rules[0];
  CHECK(r.name == "OrdersHighErrorRate");
  CHECK(r.file == "rules/orders.yaml");
  CHECK(r.pos.line == 6);
  CHECK(r.pos.col == 9);
  CHECK(r.group == "orders");
  CHECK(r.severity == "critical");
  CHECK(r.severity_pos.line == 9);
  CHECK(r.runbook_url == "https://kb.example.com/runbooks/orders/high-error-rate/");
  CHECK(r.runbook_url_pos.line == 12);
  CHECK(r.summary == "Orders API returns errors");
}

TEST_CASE("a PrometheusRule resource and several documents in one file") {
  fb::AlertRuleSet set;
  fb::Diagnostics d;
  std::string text = std::string(kOperator) + "---\n" + kPlain + "---\napiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n";
  fb::parse_alert_rules(text, "k8s.yaml", set, d);
  CHECK(d.items.empty());
  REQUIRE(set.rules.size() == 2);
  CHECK(set.rules[0].name == "NodeDiskFull");
  CHECK(set.rules[0].pos.line == 9);
  CHECK(set.rules[0].summary == "Disk on {{ $labels.instance }} is full.");  // description when no summary
  CHECK(set.rules[0].runbook_url.empty());
  CHECK(set.rules[0].runbook_url_pos.line == 9);  // the rule's place when absent
  CHECK(set.rules[1].name == "OrdersHighErrorRate");
  CHECK(set.rules[1].pos.line == 15 + 6);  // lines count from the file's start, across documents
}

TEST_CASE("text that is not YAML is FB314 at the parser's line and column") {
  fb::AlertRuleSet set;
  fb::Diagnostics d;
  fb::parse_alert_rules("groups:\n  - name: x\n    rules: [\n", "bad.yaml", set, d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB314");
  CHECK(d.items[0].level == fb::Level::Error);
  CHECK(d.items[0].file == "bad.yaml");
  CHECK(d.items[0].line >= 3);
  CHECK(d.items[0].message.find("not valid YAML") != std::string::npos);
  CHECK(set.rules.empty());
  fb::Diagnostics binary;
  fb::parse_alert_rules(std::string("\x00\xff\xfe{{[", 6), "bin.yaml", set, binary);
  CHECK(codes(binary) == std::vector<std::string>{"FB314"});
  fb::Diagnostics deep;  // nesting deeper than yaml-cpp's guard: a diagnostic, not a stack overflow
  fb::parse_alert_rules(std::string(100000, '[') + std::string(100000, ']'), "deep.yaml", set, deep);
  CHECK(codes(deep) == std::vector<std::string>{"FB314"});
}

TEST_CASE("wrong shapes are FB315 warnings and the rest is still read") {
  fb::AlertRuleSet set;
  fb::Diagnostics d;
  fb::parse_alert_rules("groups:\n  - name: g\n    rules:\n      - alert: [x]\n      - just text\n      - alert: Fine\n"
                        "  - plain\n  - name: h\n    rules: {a: b}\n",
                        "shape.yaml", set, d);
  REQUIRE(set.rules.size() == 1);
  CHECK(set.rules[0].name == "Fine");
  CHECK(codes(d) == std::vector<std::string>{"FB315", "FB315", "FB315", "FB315"});
  CHECK(d.items[0].line == 4);
  fb::Diagnostics none;
  fb::parse_alert_rules("title: not rules\n", "other.yaml", set, none);
  REQUIRE(codes(none) == std::vector<std::string>{"FB315"});
  CHECK(none.items[0].message.find("no alerting rules") != std::string::npos);
  fb::Diagnostics groups;
  fb::parse_alert_rules("groups: 3\n", "g.yaml", set, groups);
  CHECK(codes(groups) == std::vector<std::string>{"FB315"});
  fb::Diagnostics empty;
  fb::parse_alert_rules("", "empty.yaml", set, empty);
  fb::parse_alert_rules("groups:\n", "empty.yaml", set, empty);
  CHECK(empty.items.empty());
}

TEST_CASE("folders are read recursively in path order, *.yaml and *.yml only, the hash follows the bytes") {
  fs::path dir = temp_dir("folders");
  fs::create_directories(dir / "rules/b");
  std::ofstream(dir / "rules/b/node.yml") << kOperator;
  std::ofstream(dir / "rules/a.yaml") << kPlain;
  std::ofstream(dir / "rules/README.md") << "not rules";
  fb::Diagnostics d;
  fb::AlertRuleSet set = fb::read_alert_rules({dir / "rules"}, dir, d);
  CHECK(d.items.empty());
  CHECK(set.files == std::vector<std::string>{"rules/a.yaml", "rules/b/node.yml"});
  REQUIRE(set.rules.size() == 2);
  CHECK(set.rules[0].name == "OrdersHighErrorRate");
  CHECK(set.rules[1].file == "rules/b/node.yml");
  fb::AlertRuleSet again = fb::read_alert_rules({dir / "rules"}, dir, d);
  CHECK(again.hash == set.hash);
  std::ofstream(dir / "rules/a.yaml", std::ios::app) << "# changed\n";
  CHECK(fb::read_alert_rules({dir / "rules"}, dir, d).hash != set.hash);
  fs::create_directories(dir / "empty");
  fb::Diagnostics e;
  fb::read_alert_rules({dir / "empty"}, dir, e);
  CHECK(codes(e) == std::vector<std::string>{"FB315"});
}

TEST_CASE("a missing file and a file over the size limit are FB314, and nothing else is lost") {
  fs::path dir = temp_dir("missing");
  std::ofstream(dir / "ok.yaml") << kPlain;
  {
    std::ofstream big(dir / "big.yaml");
    big.seekp(static_cast<std::streamoff>(fb::kMaxAlertRuleFileBytes) + 1);
    big << '\n';  // a sparse file: larger than the limit without writing 32 MiB
  }
  fb::Diagnostics d;
  fb::AlertRuleSet set = fb::read_alert_rules({dir / "nope.yaml", dir / "big.yaml", dir / "ok.yaml"}, dir, d);
  REQUIRE(codes(d) == std::vector<std::string>{"FB314", "FB314"});
  CHECK(d.items[0].file == "nope.yaml");
  CHECK(d.items[0].message.find("cannot read") != std::string::npos);
  CHECK(d.items[1].message.find("too large") != std::string::npos);
  CHECK(set.rules.size() == 1);
}

TEST_CASE("10,000 rules in one file are all read, in order") {
  std::string text = "groups:\n  - name: many\n    rules:\n";
  for (int i = 0; i < 10000; ++i)
    text += "      - alert: Alert" + std::to_string(i) + "\n        expr: up == 0\n        labels: {severity: warning}\n";
  fb::AlertRuleSet set;
  fb::Diagnostics d;
  fb::parse_alert_rules(text, "many.yaml", set, d);
  CHECK(d.items.empty());
  REQUIRE(set.rules.size() == 10000);
  CHECK(set.rules[9999].name == "Alert9999");
  CHECK(set.rules[9999].pos.line == 4 + 3 * 9999);
}
