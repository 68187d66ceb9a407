// schema/site.schema.json stays in step with config/config.cpp, and the shipped site.yaml files
// validate against it.
#include <doctest/doctest.h>

#include <set>

#include "schema/json_schema.h"
#include "check/yaml_json.h"
#include "config/config.h"
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

TEST_CASE("site.schema.json lists exactly the top-level keys site.yaml accepts") {
  fb::Diagnostics d;
  fb::parse_config("zzzzzzzzzzzzzzzz: 1\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  const std::string& hint = d.items[0].hint;  // "Allowed keys: title, description, ..."
  REQUIRE(hint.rfind("Allowed keys: ", 0) == 0);
  std::set<std::string> config_keys;
  std::string list = hint.substr(14, hint.size() - 15);
  for (auto k : fb::split(list, ',')) config_keys.insert(std::string(fb::trim(k)));
  std::set<std::string> schema_keys;
  nlohmann::json schema = site_schema();
  for (auto& [k, v] : schema["properties"].items()) schema_keys.insert(k);
  CHECK_MESSAGE(config_keys == schema_keys, fb::join({config_keys.begin(), config_keys.end()}, "|") << " vs "
                                                 << fb::join({schema_keys.begin(), schema_keys.end()}, "|"));
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
