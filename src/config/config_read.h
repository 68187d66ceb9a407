#pragma once
// Private to src/config: readers of site.yaml values, shared by config.cpp and escalation.cpp. They
// take what site.yaml says once validate_site_yaml() has reported everything the schema can say: a
// value of the wrong type keeps the default, silently (it was reported once already). Scalars are
// typed by the one rule (schema/yaml_scalar.h), so `yes` is a string here too.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "schema/yaml_scalar.h"
#include "util/diagnostic.h"

namespace fb::config_read {

/// The 1-based line:column of `n` (0:0 when it has no mark).
SourcePos pos_of(const YAML::Node& n);

/// The string value of scalar `v`, or nullopt when it is not a string scalar.
std::optional<std::string> str(const YAML::Node& v);

/// Sets `out` when `v` is a string scalar.
void read_str(const YAML::Node& v, std::string& out);

/// Sets `out` when `v` is a boolean scalar.
void read_bool(const YAML::Node& v, bool& out);

/// Sets `out` when `v` is an integer in [min, max of Int].
template <class Int>
void read_int(const YAML::Node& v, Int& out, long long min) {
  if (!v.IsScalar()) return;
  YamlScalar t = type_yaml_scalar(v.Tag(), v.Scalar());
  if (t.kind == YamlScalar::Int && t.exact && t.integer >= min && t.integer <= std::numeric_limits<Int>::max())
    out = static_cast<Int>(t.integer);
}

/// Sets `out` when `v` is a number in [min, max] (min excluded when `exclusive_min`).
void read_number(const YAML::Node& v, double& out, double min, double max, bool exclusive_min);

/// The duration `v` holds in seconds. A duration the schema's pattern accepts but parse_duration cannot
/// read (one that overflows) is reported as FB003 (`key` names it), unless the place was reported already.
std::optional<int64_t> read_duration(const YAML::Node& v, const std::string& file, Diagnostics& diags,
                                     const std::string& key);

/// A string or a list of strings as a list (non-strings skipped).
std::vector<std::string> read_strings(const YAML::Node& v);

/// Calls fn(key, key node, value node) for each entry of mapping `map` (none when it is not a mapping).
template <class Fn>
void each(const YAML::Node& map, Fn fn) {
  if (!map.IsMap()) return;
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar()) fn(it->first.Scalar(), it->first, it->second);
}

}  // namespace fb::config_read
