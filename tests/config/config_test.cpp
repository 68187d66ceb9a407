#include <doctest/doctest.h>

#include "config/config.h"

using namespace fb;

TEST_CASE("the example site.yaml loads without diagnostics") {
  Diagnostics d;
  Config c = load_config(FB_SOURCE_DIR, d);
  CHECK(d.items.empty());
  REQUIRE(c.severities.size() == 4);
  CHECK(c.severities[0].id == "SEV1");
  CHECK(c.severities[0].acknowledge_within == 300);
  CHECK(c.severities[0].pir_required);
  CHECK(c.runbooks.review_every == 90 * 86400);
}

TEST_CASE("severity aliases normalise case-insensitively") {
  Diagnostics d;
  Config c = parse_config(R"(
severities:
  - id: SEV1
    aliases: [P0, P0_Critical, critical]
  - id: SEV2
    aliases: [P1]
)", "site.yaml", d);
  REQUIRE(d.items.empty());
  bool alias = true;
  CHECK(c.find_severity("sev1", &alias)->id == "SEV1");
  CHECK_FALSE(alias);
  CHECK(c.find_severity("P0_CRITICAL", &alias)->id == "SEV1");
  CHECK(alias);
  CHECK(c.find_severity(" p1 ")->id == "SEV2");
  CHECK(c.find_severity("SEV9") == nullptr);
  CHECK(c.severities[1].rank == 1);
}

TEST_CASE("unknown keys are errors with a did-you-mean at the key's place") {
  Diagnostics d;
  parse_config("title: x\nseverites:\n  - id: A\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB001");
  CHECK(d.items[0].line == 2);
  CHECK(d.items[0].col == 1);
  CHECK(d.items[0].message.find("severites") != std::string::npos);
  CHECK(d.items[0].hint == "Did you mean `severities`?");
}

TEST_CASE("nested unknown keys and bad durations are reported") {
  Diagnostics d;
  parse_config(R"(severities:
  - id: SEV1
    acknowledge_whithin: 5m
    resolve_within: soon
)", "site.yaml", d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB001");
  CHECK(d.items[0].line == 3);
  CHECK(d.items[0].col == 5);
  CHECK(d.items[0].hint == "Did you mean `acknowledge_within`?");
  CHECK(d.items[1].code == "FB003");
  CHECK(d.items[1].line == 4);
  CHECK(d.items[1].message.find("soon") != std::string::npos);
}

TEST_CASE("malformed YAML names the place") {
  Diagnostics d;
  parse_config("title: [unclosed\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB003");
  CHECK(d.items[0].line >= 1);
}

TEST_CASE("missing site.yaml is reported") {
  Diagnostics d;
  load_config("/nonexistent-dir-for-test", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB004");
}

TEST_CASE("fields, rules and duplicate severities") {
  Diagnostics d;
  Config c = parse_config(R"(fields:
  start_time: started_at
  categories: tags
rules:
  FB305: off
  FB220: warning
  FB999: loud
severities:
  - id: SEV1
  - id: sev1
)", "site.yaml", d);
  CHECK(c.fields.at("start_time") == "started_at");
  CHECK(c.rule_level("FB305", Level::Error) == Level::Off);
  CHECK(c.rule_level("FB220", Level::Error) == Level::Warning);
  CHECK(c.rule_level("FB100", Level::Info) == Level::Info);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].message.find("loud") != std::string::npos);
  CHECK(d.items[1].message.find("declared twice") != std::string::npos);
  CHECK(c.severities.size() == 1);
}
