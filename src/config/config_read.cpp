#include "config/config_read.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/time.h"

namespace fb::config_read {

SourcePos pos_of(const YAML::Node& n) {
  if (!n.IsDefined()) return {};
  auto m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

std::optional<std::string> str(const YAML::Node& v) {
  if (!v.IsScalar() || type_yaml_scalar(v.Tag(), v.Scalar()).kind != YamlScalar::String) return std::nullopt;
  return v.Scalar();
}

void read_str(const YAML::Node& v, std::string& out) {
  if (auto s = str(v)) out = *s;
}

void read_bool(const YAML::Node& v, bool& out) {
  if (!v.IsScalar()) return;
  YamlScalar t = type_yaml_scalar(v.Tag(), v.Scalar());
  if (t.kind == YamlScalar::Bool) out = t.boolean;
}

void read_number(const YAML::Node& v, double& out, double min, double max, bool exclusive_min) {
  if (!v.IsScalar()) return;
  YamlScalar t = type_yaml_scalar(v.Tag(), v.Scalar());
  if (t.is_number() && (exclusive_min ? t.number > min : t.number >= min) && t.number <= max) out = t.number;
}

std::optional<int64_t> read_duration(const YAML::Node& v, const std::string& file, Diagnostics& diags,
                                     const std::string& key) {
  auto s = str(v);
  if (!s) return std::nullopt;
  if (auto d = parse_duration(*s)) return d;
  SourcePos at = pos_of(v);
  bool reported = std::any_of(diags.items.begin(), diags.items.end(), [&](const Diagnostic& x) {
    return x.file == file && x.line == at.line && x.col == at.col;
  });
  if (!reported)
    diags.add("FB003", Level::Error, file, pos_of(v), fmt::format("`{}`: '{}' is not a duration", key, *s),
              "Use a number and a unit: 90s, 5m, 2h, 1h30m, 3d, 2w.");
  return std::nullopt;
}

std::vector<std::string> read_strings(const YAML::Node& v) {
  std::vector<std::string> out;
  if (auto s = str(v)) {
    out.push_back(*s);
  } else if (v.IsSequence()) {
    for (const auto& item : v)
      if (auto i = str(item)) out.push_back(*i);
  }
  return out;
}

}  // namespace fb::config_read
