#pragma once
/// site.yaml checked against schema/site.schema.json (compiled into the binary at build time) before it
/// is read: the schema is the one description of what site.yaml may hold, so config.cpp keeps only the
/// checks a schema cannot say (a severity id or alias declared twice).
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "schema/json_schema.h"
#include "util/diagnostic.h"

namespace fb {

/// The text of schema/site.schema.json as it was when the binary was built.
extern const std::string_view kSiteSchemaText;

/// The compiled site schema (compiled once; the build's tests prove it compiles).
const JsonSchema& site_schema();

/// The site.yaml tree as JSON, every scalar typed by the YAML 1.2 core schema (schema/yaml_scalar.h).
nlohmann::json site_yaml_to_json(const YAML::Node& node);

/// Reports keys written twice in one mapping (FB005) and every schema violation: unknown keys (FB001,
/// with a did-you-mean), durations that cannot be read (FB003), other wrong values (FB002), each at
/// its file:line:col. Returns true when nothing was reported.
bool validate_site_yaml(const YAML::Node& root, const std::string& file, Diagnostics& diags);

}  // namespace fb
