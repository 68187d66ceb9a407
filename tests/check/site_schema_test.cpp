// schema/site.schema.json stays in step with config/config.cpp, and the shipped site.yaml files
// validate against it.
#include <doctest/doctest.h>

#include <set>

#include "schema/json_schema.h"
#include "check/yaml_json.h"
#include "config/config.h"
#include "config/site_schema.h"
#include "content/yaml.h"
#include "util/fs.h"
#include "util/text.h"

namespace {
nlohmann::json site_schema() {
  auto text = fb::read_file(std::string(FB_SOURCE_DIR) + "/schema/site.schema.json");
  REQUIRE(text);
  return nlohmann::json::parse(*text);
}
}  // namespace

TEST_CASE("the binary validates site.yaml with schema/site.schema.json as it is in the source tree") {
  auto text = fb::read_file(std::string(FB_SOURCE_DIR) + "/schema/site.schema.json");
  REQUIRE(text);
  CHECK(fb::kSiteSchemaText == *text);
  CHECK(fb::site_schema().top_level_properties().size() == site_schema()["properties"].size());
}

namespace {
/// Every property name the schema describes, at any depth (following $ref into $defs).
void collect_properties(const nlohmann::json& s, std::set<std::string>& out) {
  if (s.is_object()) {
    if (s.contains("properties"))
      for (auto& [k, v] : s["properties"].items()) out.insert(k);
    for (auto& [k, v] : s.items()) collect_properties(v, out);
  } else if (s.is_array()) {
    for (const auto& v : s) collect_properties(v, out);
  }
}
}  // namespace

TEST_CASE("every key site.schema.json describes is read into the configuration") {
  const char* full = R"(title: T
description: D
base_url: https://runbooks.example.com/
theme: default
output_dir: out
repo_url: https://git.example.com/ops/runbooks
edit_path: edit/trunk
language: de
markdown:
  unsafe_html: true
severities:
  - id: S1
    label: Critical
    description: Customer-facing outage
    aliases: [P0]
    acknowledge_within: 2m
    resolve_within: 30m
    update_every: 10m
    pir_required: true
    pir_due_within: 3d
    color: "#ff0000"
runbooks:
  review_every: 30d
  required_sections:
    - Symptoms
    - name: Mitigation
      synonyms: [Fix]
root_cause_categories: [capacity, deploy]
patterns:
  min_occurrences: 4
  window: 30d
  similarity_threshold: 0.5
  min_support: 5
  min_lift: 2
  similar_top_k: 7
rules:
  FB305: off
fields:
  start_time: started_at
git:
  max_commits: 500
teams:
  - {id: ops, name: Ops}
escalation:
  - severity: S1
    service: api
    repeat: 1
    tiers:
      - after: 5m
        notify:
          - {team: ops, role: primary, name: Dana, handle: "@dana", via: pager, contact: "+1-555"}
  - severities: [P0]
    team: ops
    tiers: []
alert_rules: [alerts, monitoring/rules.yaml]
)";
  std::set<std::string> described;
  collect_properties(site_schema(), described);
  for (const auto& key : described)  // a key added to the schema must be added here, and read
    CHECK_MESSAGE(std::string(full).find(key + ":") != std::string::npos, key);
  fb::Diagnostics d;
  fb::Config c = fb::parse_config(full, "site.yaml", d);
  CHECK_MESSAGE(d.items.empty(), (d.items.empty() ? "" : d.items[0].message));
  CHECK(c.title == "T");
  CHECK(c.description == "D");
  CHECK(c.base_url == "https://runbooks.example.com/");
  CHECK(c.alert_rules == std::vector<std::string>{"alerts", "monitoring/rules.yaml"});
  CHECK(c.output_dir == "out");
  CHECK(c.repo_url == "https://git.example.com/ops/runbooks");
  CHECK(c.edit_path == "edit/trunk");
  CHECK(c.language == "de");
  CHECK(c.unsafe_html);
  REQUIRE(c.severities.size() == 1);
  const auto& s = c.severities[0];
  CHECK(s.label == "Critical");
  CHECK(s.aliases == std::vector<std::string>{"P0"});
  CHECK(s.acknowledge_within == 120);
  CHECK(s.resolve_within == 1800);
  CHECK(s.update_every == 600);
  CHECK(s.pir_required);
  CHECK(s.pir_due_within == 3 * 86400);
  CHECK(s.color == "#ff0000");
  CHECK(c.runbooks.review_every == 30 * 86400);
  REQUIRE(c.runbooks.required_sections.size() == 2);
  CHECK(c.runbooks.required_sections[1].synonyms == std::vector<std::string>{"Fix"});
  CHECK(c.root_cause_categories == std::vector<std::string>{"capacity", "deploy"});
  CHECK(c.patterns.min_occurrences == 4);
  CHECK(c.patterns.window == 30 * 86400);
  CHECK(c.patterns.similarity_threshold == doctest::Approx(0.5));
  CHECK(c.patterns.min_support == 5);
  CHECK(c.patterns.min_lift == doctest::Approx(2));
  CHECK(c.patterns.similar_top_k == 7);
  CHECK(c.rule_level("FB305", fb::Level::Error) == fb::Level::Off);
  CHECK(c.fields.at("start_time") == "started_at");
  CHECK(c.git_max_commits == 500);
  REQUIRE(c.teams.size() == 1);
  CHECK(c.teams[0].name == "Ops");
  REQUIRE(c.escalation.policies.size() == 2);
  const auto& p = c.escalation.policies[0];
  CHECK(p.severities == std::vector<std::string>{"S1"});
  CHECK(p.service == "api");
  CHECK(p.repeat == 1);
  REQUIRE(p.tiers.size() == 1);
  CHECK(p.tiers[0].after == 300);
  REQUIRE(p.tiers[0].notify.size() == 1);
  const auto& who = p.tiers[0].notify[0];
  CHECK(who.team + who.role + who.name + who.handle + who.via + who.contact == "opsprimaryDana@danapager+1-555");
  CHECK(c.escalation.policies[1].severities == std::vector<std::string>{"S1"});
  CHECK(c.escalation.policies[1].team == "ops");
}

TEST_CASE("the repository's and the documented site.yaml files validate against site.schema.json") {
  fb::JsonSchema schema;
  std::string err;
  REQUIRE(schema.compile(site_schema(), err));
  for (const char* rel : {"site.yaml", "docs/examples/icco-site.yaml", "docs/examples/prometheus-operator-site.yaml",
                          "tests/fixtures/check/site/site.yaml"}) {
    auto text = fb::read_file(std::string(FB_SOURCE_DIR) + "/" + rel);
    REQUIRE_MESSAGE(text, rel);
    fb::YamlNode root;
    fb::YamlError yerr;
    REQUIRE(fb::parse_yaml(*text, root, yerr));
    std::vector<fb::SchemaError> errors;
    bool ok = schema.validate(fb::yaml_to_json(root), &errors);
    CHECK_MESSAGE(ok, rel << ": " << (errors.empty() ? "" : errors[0].message));
    fb::Diagnostics d;
    fb::parse_config(*text, rel, d);
    CHECK_MESSAGE(!d.has_errors(), rel);
  }
  std::vector<fb::SchemaError> errors;
  CHECK_FALSE(schema.validate(nlohmann::json::parse(R"({"rules": {"FB2": "off", "FB201": "loud"}})"), &errors));
  CHECK(errors.size() == 2);
}
