// Validator details the official suite (draft 7 files in Debian 12) does not cover: the `duration`
// format, RFC 3339 edge cases, literal-prefix patterns, error paths and messages, and YAML validated in
// place agreeing with the same data validated as JSON.
#include <doctest/doctest.h>

#include <algorithm>

#include "schema/json_schema.h"
#include "schema/json_schema_check.h"
#include "check/yaml_json.h"
#include "check/yaml_view.h"
#include "content/yaml.h"

using nlohmann::json;

TEST_CASE("format duration: ISO 8601 as RFC 3339 appendix A defines it") {
  for (const char* ok : {"P4DT12H30M5S", "P1Y", "P1M", "PT1M", "PT0S", "P4W", "P1Y2M3D", "PT36H"})
    CHECK_MESSAGE(fb::format_valid("duration", ok), ok);
  for (const char* bad : {"P", "PT", "P1", "PT1D", "P1W2D", "P2D1Y", "1h30m", "P1.5D", "p1d", ""})
    CHECK_MESSAGE(!fb::format_valid("duration", bad), bad);
}

TEST_CASE("format date and date-time: calendar days, offsets, fractions, leap seconds") {
  CHECK(fb::format_valid("date", "2024-02-29"));
  CHECK_FALSE(fb::format_valid("date", "2023-02-29"));
  CHECK_FALSE(fb::format_valid("date", "2026-3-4"));
  CHECK(fb::format_valid("date-time", "2026-03-04T13:52:00Z"));
  CHECK(fb::format_valid("date-time", "2026-03-04t13:52:00.123+01:30"));
  CHECK(fb::format_valid("date-time", "1998-12-31T23:59:60Z"));
  CHECK(fb::format_valid("date-time", "1998-12-31T15:59:60-08:00"));
  CHECK_FALSE(fb::format_valid("date-time", "1998-12-31T23:58:60Z"));
  CHECK_FALSE(fb::format_valid("date-time", "2026-03-04 13:52:00Z"));
  CHECK_FALSE(fb::format_valid("date-time", "2026-03-04T13:52:00"));
  CHECK_FALSE(fb::format_valid("date-time", "2026-03-04T24:00:00Z"));
  CHECK_FALSE(fb::format_valid("date-time", "2026-03-04T13:52:00+24:00"));
  CHECK_FALSE(fb::format_valid("date-time", "2026-03-04T13:52:00.Z"));
  CHECK(fb::format_valid("email", "a.b+c@example.com"));
  CHECK_FALSE(fb::format_valid("email", "a..b@example.com"));
  CHECK(fb::format_valid("uri", "https://runbooks.example/x?y=1#z"));
  CHECK_FALSE(fb::format_valid("uri", "runbooks/x.md"));
  CHECK(fb::format_valid("unknown-format", "anything"));
}

TEST_CASE("patterns: ^literal is a prefix test, others are searched, unanchored") {
  fb::JsonSchema s;
  std::string err;
  REQUIRE(s.compile(json::parse(R"({"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false,
                                    "properties": {"code": {"pattern": "[0-9]{3}"}}})"), err));
  CHECK(s.validate(json::parse(R"({"x-a": "s", "code": "FB201"})")));
  CHECK_FALSE(s.validate(json::parse(R"({"x-a": 1})")));
  CHECK_FALSE(s.validate(json::parse(R"({"ax-": "s"})")));
  CHECK_FALSE(s.validate(json::parse(R"({"code": "FB2"})")));
}

TEST_CASE("errors carry the instance path, keyword and a message") {
  fb::JsonSchema s;
  std::string err;
  REQUIRE(s.compile(json::parse(R"({"properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
      "$defs": {"item": {"type": "object", "required": ["owner"], "properties": {"owner": {"type": "string"},
      "n": {"type": "integer", "minimum": 1}}, "additionalProperties": false}}})"), err));
  std::vector<fb::SchemaError> e;
  CHECK_FALSE(s.validate(json::parse(R"({"items": [{"owner": "a"}, {"n": 0, "ownr": "b"}]})"), &e));
  REQUIRE(e.size() == 3);
  CHECK(e[0].keyword == "required");
  CHECK(e[0].path == std::vector<std::string>{"items", "1"});
  CHECK(e[0].property == "owner");
  CHECK(e[1].keyword == "minimum");
  CHECK(e[1].path == std::vector<std::string>{"items", "1", "n"});
  CHECK(e[1].message == "must be at least 1");
  CHECK(e[2].keyword == "additionalProperties");
  CHECK(e[2].path == std::vector<std::string>{"items", "1", "ownr"});
  CHECK(e[2].allowed == std::vector<std::string>{"n", "owner"});
}

TEST_CASE("oneOf explains through the alternative of the value's type") {
  fb::JsonSchema s;
  std::string err;
  REQUIRE(s.compile(json::parse(R"({"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})"), err));
  std::vector<fb::SchemaError> e;
  CHECK_FALSE(s.validate(json::parse(R"(["a", 3])"), &e));
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "must be a string, not a whole number");
  CHECK(e[0].path == std::vector<std::string>{"1"});
  e.clear();
  CHECK_FALSE(s.validate(json(4.5), &e));
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "must be a string or a list, not a number");
}

TEST_CASE("YAML validated in place agrees with the same YAML converted to JSON") {
  fb::JsonSchema s;
  std::string err;
  REQUIRE(s.compile(json::parse(R"({"type": "object", "properties": {"n": {"type": "integer"}, "q": {"type": "string"},
      "b": {"type": "boolean"}, "d": {"type": "string", "format": "date"}, "e": {"enum": [1, "x", null]},
      "l": {"type": "array", "uniqueItems": true}}})"), err));
  const char* docs[] = {"n: 3\nq: '3'\nb: true\nd: 2026-03-04\ne: 1.0\nl: [a, b]\n",
                        "n: '3'\nq: 3\nb: yes\nd: 2026-02-30\ne: y\nl: [a, a]\n", "e: ~\nn: 0x10\n", "e: null\nn: 1.5\n"};
  for (const char* text : docs) {
    fb::FrontMatterNode node;
    fb::YamlError yerr;
    REQUIRE(fb::parse_yaml(text, node, yerr));
    std::vector<fb::SchemaError> a, b;
    bool via_view = s.validate_view(fb::YamlView(node), &a);
    bool via_json = s.validate(fb::yaml_to_json(node), &b);
    CHECK_MESSAGE(via_view == via_json, text);
    // Same errors; the order differs (YAML keeps the document's key order, JSON objects sort keys).
    std::vector<std::string> ma, mb;
    for (const auto& x : a) ma.push_back(x.message);
    for (const auto& x : b) mb.push_back(x.message);
    std::sort(ma.begin(), ma.end());
    std::sort(mb.begin(), mb.end());
    CHECK_MESSAGE(ma == mb, text);
  }
}
