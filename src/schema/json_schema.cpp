#include "schema/json_schema.h"
#include "schema/json_schema_impl.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <regex>
#include <unordered_map>

#include <fmt/format.h>

namespace fb {
using namespace schema_detail;


int JsonSchema::Impl::compile(const json& s, const std::string& ptr, std::string& err) {
  if (auto it = by_pointer.find(ptr); it != by_pointer.end()) return it->second;
  int idx = static_cast<int>(nodes.size());
  nodes.emplace_back();
  by_pointer[ptr] = idx;
  if (s.is_boolean()) {
    nodes[idx].is_bool = true;
    nodes[idx].bool_value = s.get<bool>();
    return idx;
  }
  if (!s.is_object()) {
    err = fmt::format("schema at '{}' is neither an object nor a boolean", ptr);
    return -1;
  }
  return compile_keywords(s, ptr, idx, err) ? idx : -1;
}

bool JsonSchema::Impl::compile_keywords(const json& s, const std::string& ptr, int idx, std::string& err) {
  auto sub = [&](const char* key, const json& child, const std::string& suffix = {}) {
    int c = compile(child, ptr + "/" + escape_pointer_token(key) + suffix, err);
    return c;
  };
  auto list = [&](const char* key, std::vector<int>& out) {
    const json& arr = s[key];
    if (!arr.is_array()) {
      err = fmt::format("'{}' at '{}' must be an array", key, ptr);
      return false;
    }
    for (size_t i = 0; i < arr.size(); ++i) {
      int c = sub(key, arr[i], fmt::format("/{}", i));
      if (c < 0) return false;
      out.push_back(c);
    }
    return true;
  };
  auto count = [&](const char* key, std::optional<uint64_t>& out) {
    if (!s.contains(key)) return true;
    const json& v = s[key];
    if (!v.is_number() || !(bits_of(v) & kInteger) || v.get<double>() < 0) {
      err = fmt::format("'{}' at '{}' must be a non-negative integer", key, ptr);
      return false;
    }
    out = static_cast<uint64_t>(v.get<double>());
    return true;
  };
  auto number = [&](const char* key, std::optional<double>& out) {
    if (!s.contains(key)) return true;
    if (!s[key].is_number()) {
      err = fmt::format("'{}' at '{}' must be a number", key, ptr);
      return false;
    }
    out = s[key].get<double>();
    return true;
  };
  auto one = [&](const char* key, int& out) {
    if (!s.contains(key)) return true;
    out = sub(key, s[key]);
    return out >= 0;
  };

  std::vector<int> tmp;
  int t = -1;
  if (s.contains("type")) {
    const json& ty = s["type"];
    uint8_t bits = 0;
    for (const json& name : ty.is_array() ? ty : json::array({ty})) {
      uint8_t b = name.is_string() ? type_bit(name.get<std::string>()) : 0;
      if (!b) {
        err = fmt::format("unknown type {} at '{}'", name.dump(), ptr);
        return false;
      }
      bits |= b;
    }
    nodes[idx].types = bits;
  }
  if (s.contains("enum")) nodes[idx].enum_values = &s["enum"];
  if (s.contains("const")) nodes[idx].const_value = &s["const"];
  if (s.contains("required"))
    for (const json& r : s["required"]) nodes[idx].required.push_back(r.get<std::string>());
  if (s.contains("properties")) {
    std::vector<std::pair<std::string, int>> props;
    for (auto& [k, child] : s["properties"].items()) {
      int c = compile(child, ptr + "/properties/" + escape_pointer_token(k), err);
      if (c < 0) return false;
      props.emplace_back(k, c);
    }
    std::sort(props.begin(), props.end());
    for (auto& p : props) nodes[idx].known.push_back(p.first);
    nodes[idx].properties = std::move(props);
  }
  if (s.contains("patternProperties")) {
    for (auto& [k, child] : s["patternProperties"].items()) {
      int c = compile(child, ptr + "/patternProperties/" + escape_pointer_token(k), err);
      if (c < 0) return false;
      try {
        nodes[idx].pattern_properties.emplace_back(SchemaPattern(k), c);
      } catch (const std::regex_error&) {
        err = fmt::format("invalid regular expression '{}' at '{}'", k, ptr);
        return false;
      }
    }
  }
  if (!one("additionalProperties", t)) return false;
  nodes[idx].additional = t;
  if (!one("propertyNames", t = -1)) return false;
  nodes[idx].property_names = t;
  if (s.contains("prefixItems") && !list("prefixItems", tmp)) return false;
  nodes[idx].prefix_items = std::move(tmp);
  tmp.clear();
  if (!one("items", t = -1)) return false;
  nodes[idx].items = t;
  if (!one("contains", t = -1)) return false;
  nodes[idx].contains = t;
  if (!count("minProperties", nodes[idx].min_props) || !count("maxProperties", nodes[idx].max_props) ||
      !count("minItems", nodes[idx].min_items) || !count("maxItems", nodes[idx].max_items) ||
      !count("minLength", nodes[idx].min_len) || !count("maxLength", nodes[idx].max_len))
    return false;
  nodes[idx].unique = s.value("uniqueItems", false);
  if (s.contains("pattern")) {
    std::string text = s["pattern"].get<std::string>();
    try {
      nodes[idx].pattern.emplace(text);
    } catch (const std::regex_error&) {
      err = fmt::format("invalid regular expression '{}' at '{}'", text, ptr);
      return false;
    }
  }
  if (s.contains("format") && s["format"].is_string()) nodes[idx].format = s["format"].get<std::string>();
  if (!number("minimum", nodes[idx].minimum) || !number("maximum", nodes[idx].maximum) ||
      !number("exclusiveMinimum", nodes[idx].ex_min) || !number("exclusiveMaximum", nodes[idx].ex_max) ||
      !number("multipleOf", nodes[idx].multiple_of))
    return false;
  if (s.contains("allOf") && !list("allOf", tmp)) return false;
  nodes[idx].all_of = std::move(tmp);
  tmp.clear();
  if (s.contains("anyOf") && !list("anyOf", tmp)) return false;
  nodes[idx].any_of = std::move(tmp);
  tmp.clear();
  if (s.contains("oneOf") && !list("oneOf", tmp)) return false;
  nodes[idx].one_of = std::move(tmp);
  if (!one("not", t = -1)) return false;
  nodes[idx].not_ = t;
  if (!one("if", t = -1)) return false;
  nodes[idx].if_ = t;
  if (!one("then", t = -1)) return false;
  nodes[idx].then_ = t;
  if (!one("else", t = -1)) return false;
  nodes[idx].else_ = t;
  if (s.contains("$ref")) {
    if (!s["$ref"].is_string()) {
      err = fmt::format("'$ref' at '{}' must be a string", ptr);
      return false;
    }
    pending_refs.emplace_back(idx, s["$ref"].get<std::string>());
  }
  return true;
}

JsonSchema::JsonSchema() = default;
JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

bool JsonSchema::compile(const json& root, std::string& error) {
  impl_ = std::make_unique<Impl>();
  impl_->root = root;
  if (impl_->compile(impl_->root, "", error) < 0) return false;
  while (!impl_->pending_refs.empty()) {
    auto [idx, ref] = impl_->pending_refs.back();
    impl_->pending_refs.pop_back();
    if (ref.empty() || ref[0] != '#') {
      error = fmt::format("$ref '{}' is not a local reference (only '#/...' JSON pointers are supported)", ref);
      return false;
    }
    std::string ptr = percent_decode(ref.substr(1));
    const json* target = nullptr;
    try {
      target = &impl_->root.at(json::json_pointer(ptr));
    } catch (const json::exception&) {
      error = fmt::format("$ref '{}' points nowhere in the schema", ref);
      return false;
    }
    int t = impl_->compile(*target, ptr, error);
    if (t < 0) return false;
    impl_->nodes[idx].ref = t;
  }
  if (impl_->root.is_object() && impl_->root.contains("properties"))
    for (auto& [k, v] : impl_->root["properties"].items()) impl_->top_props.push_back(k);
  std::sort(impl_->top_props.begin(), impl_->top_props.end());
  return true;
}

const std::vector<std::string>& JsonSchema::top_level_properties() const {
  static const std::vector<std::string> none;
  return impl_ ? impl_->top_props : none;
}


}  // namespace fb
