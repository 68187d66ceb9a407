#include <doctest/doctest.h>

#include <cmath>

#include "schema/json_schema.h"
#include "schema/yaml_scalar.h"
#include "util/time.h"

using fb::YamlScalar;
using fb::type_yaml_scalar;

TEST_CASE("plain scalars are typed by the YAML 1.2 core schema") {
  CHECK(type_yaml_scalar("?", "").kind == YamlScalar::Null);
  CHECK(type_yaml_scalar("?", "~").kind == YamlScalar::Null);
  CHECK(type_yaml_scalar("?", "NULL").kind == YamlScalar::Null);
  for (const char* t : {"true", "True", "TRUE"}) {
    auto v = type_yaml_scalar("?", t);
    CHECK(v.kind == YamlScalar::Bool);
    CHECK(v.boolean);
  }
  CHECK(type_yaml_scalar("?", "False").kind == YamlScalar::Bool);
  for (const char* t : {"yes", "no", "on", "off", "Y", "n", "tRUE"}) CHECK(type_yaml_scalar("?", t).kind == YamlScalar::String);
  auto i = type_yaml_scalar("?", "-42");
  CHECK(i.kind == YamlScalar::Int);
  CHECK(i.exact);
  CHECK(i.integer == -42);
  CHECK(type_yaml_scalar("?", "0o17").integer == 15);
  CHECK(type_yaml_scalar("?", "0x1f").integer == 31);
  auto big = type_yaml_scalar("?", "1000000000000000000000000000000");
  CHECK(big.kind == YamlScalar::Int);
  CHECK_FALSE(big.exact);
  CHECK(big.number == doctest::Approx(1e30));
  CHECK(type_yaml_scalar("?", "1.5e3").number == 1500);
  CHECK(std::isinf(type_yaml_scalar("?", "-.inf").number));
  CHECK(std::isnan(type_yaml_scalar("?", ".nan").number));
  CHECK(type_yaml_scalar("?", "2026-03-04").kind == YamlScalar::String);
  CHECK(type_yaml_scalar("?", "1.2.3").kind == YamlScalar::String);
}

TEST_CASE("quoted scalars and explicit tags") {
  CHECK(type_yaml_scalar("!", "true").kind == YamlScalar::String);
  CHECK(type_yaml_scalar("!", "42").kind == YamlScalar::String);
  CHECK(type_yaml_scalar("tag:yaml.org,2002:str", "42").kind == YamlScalar::String);
  CHECK(type_yaml_scalar("tag:yaml.org,2002:int", "42").kind == YamlScalar::Int);
  CHECK(type_yaml_scalar("tag:yaml.org,2002:int", "x").kind == YamlScalar::String);
  CHECK(type_yaml_scalar("tag:yaml.org,2002:float", "3").kind == YamlScalar::Float);
  CHECK(type_yaml_scalar("tag:example.com,2026:thing", "true").kind == YamlScalar::String);
}

TEST_CASE("YAML 1.1 booleans are recognised for the hint") {
  for (const char* t : {"yes", "Yes", "YES", "no", "on", "OFF", "y", "N"}) CHECK(fb::is_yaml11_boolean(t));
  for (const char* t : {"true", "false", "yep", "", "nope"}) CHECK_FALSE(fb::is_yaml11_boolean(t));
}

TEST_CASE("the date-time format is util's strict RFC 3339 parser") {
  for (const char* s : {"2026-03-04T13:52:00Z", "2026-03-04t13:52:00.25-07:00", "2016-12-31T23:59:60Z"})
    CHECK_MESSAGE(fb::format_valid("date-time", s) == fb::parse_rfc3339(s).has_value(), s);
  for (const char* s : {"2026-03-04 13:52:00Z", "2026-03-04T13:52:00", "2016-12-31T12:59:60Z", "2026-02-30T00:00:00Z"})
    CHECK_MESSAGE(!fb::format_valid("date-time", s), s);
}
