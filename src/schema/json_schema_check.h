#pragma once
// Private to src/check: the validator's walk, templated on an instance view so that front matter is
// validated in place (YamlView, check/yaml_view.h) and JSON test data through JsonView. A view has:
//   uint8_t bits() const                       type bits (schema_detail::kNull ... kInteger)
//   std::string_view str() const; double num() const; bool fits_int64() const (a number a 64-bit integer holds)
//   size_t size() const                        items or members
//   void each_item(F f) const                  f(size_t index, const View& item) -> bool (false stops)
//   void each_member(F f) const                f(std::string_view key, const View& value) -> bool
//   bool has(const std::string& key) const
//   bool equals(const nlohmann::json& j) const JSON equality (1 == 1.0)
//   nlohmann::json to_json() const; std::string show() const
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "schema/json_schema.h"
#include "schema/json_schema_impl.h"

namespace fb {
namespace schema_detail {

/// The view of a nlohmann::json value.
class JsonView {
 public:
  explicit JsonView(const json& j) : j_(&j) {}
  uint8_t bits() const { return bits_of(*j_); }
  const std::string& str() const { return j_->get_ref<const std::string&>(); }
  double num() const { return j_->get<double>(); }
  /// A number whose value a 64-bit signed integer holds (a float: by its rounded value).
  bool fits_int64() const {
    if (j_->is_number_integer()) return true;
    if (j_->is_number_unsigned()) return j_->get<uint64_t>() <= uint64_t{INT64_MAX};
    return float_fits_int64(j_->get<double>());
  }
  size_t size() const { return j_->size(); }
  template <class F>
  void each_item(F f) const {
    for (size_t i = 0; i < j_->size(); ++i)
      if (!f(i, JsonView((*j_)[i]))) return;
  }
  template <class F>
  void each_member(F f) const {
    for (auto it = j_->begin(); it != j_->end(); ++it)
      if (!f(it.key(), JsonView(it.value()))) return;
  }
  bool has(const std::string& key) const { return j_->contains(key); }
  bool equals(const json& other) const { return *j_ == other; }
  json to_json() const { return *j_; }
  std::string show() const { return schema_detail::show(*j_); }

 private:
  const json* j_;
};

using Path = std::vector<std::string>;
using Errors = std::vector<SchemaError>*;

inline void add(Errors errs, const Path& path, const char* keyword, std::string message, std::string property = {},
                std::vector<std::string> allowed = {}) {
  if (!errs) return;
  errs->push_back(SchemaError{path, keyword, std::move(message), std::move(property), std::move(allowed)});
}

inline std::string number_text(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<long long>(d));
  return fmt::format("{}", d);
}

}  // namespace schema_detail

using namespace schema_detail;

template <class V>
bool JsonSchema::Impl::check(int n, const V& v, Path& path, Errors errs) const {
  const SchemaNode& s = nodes[n];
  if (s.is_bool) {
    if (!s.bool_value) add(errs, path, "false", "is not allowed here");
    return s.bool_value;
  }
  bool ok = true;
  if (s.ref >= 0 && !check(s.ref, v, path, errs)) {
    if (!errs) return false;
    ok = false;
  }
  uint8_t bits = v.bits();
  if (s.types && !(s.types & bits)) {
    if ((bits & kNumber) && !std::isfinite(v.num()))
      add(errs, path, "type", fmt::format("must be {}, not a number too large to hold (read as infinity)",
                                          describe_types(s.types)));
    else
      add(errs, path, "type", fmt::format("must be {}, not {}", describe_types(s.types), describe_bits(bits)));
    return false;  // other keywords on a value of the wrong type only add noise
  }
  // A whole number beyond what any count or amount here can hold (YAML reads 10^30 as an integer the
  // engine can only keep rounded): refused rather than turned into a wrong number, or into null.
  if ((s.types & kInteger) && !(s.types & kNumber) && (bits & kNumber)) {
    if (!v.fits_int64()) {
      add(errs, path, "type", "is too large for a whole number (at most 9223372036854775807)");
      return false;
    }
  }
  if (s.enum_values) {
    bool found = false;
    for (const json& e : *s.enum_values)
      if (v.equals(e)) found = true;
    if (!found) {
      if (!errs) return false;
      std::vector<std::string> allowed;
      for (const json& e : *s.enum_values) allowed.push_back(show(e));
      std::string message = fmt::format("'{}' is not one of: {}", v.show(), fmt::join(allowed, ", "));
      add(errs, path, "enum", std::move(message), v.show(), std::move(allowed));
      ok = false;
    }
  }
  if (s.const_value && !v.equals(*s.const_value)) {
    add(errs, path, "const", fmt::format("must be {}", s.const_value->dump()));
    if (!errs) return false;
    ok = false;
  }
  bool typed_ok = true;
  if (bits & kObject) typed_ok = check_object(s, v, path, errs);
  else if (bits & kArray) typed_ok = check_array(s, v, path, errs);
  else typed_ok = check_scalar(s, v, path, errs);
  if (!typed_ok) {
    if (!errs) return false;
    ok = false;
  }
  return check_combinators(s, v, path, errs) && ok;
}

template <class V>
bool JsonSchema::Impl::check_object(const SchemaNode& s, const V& v, Path& path, Errors errs) const {
  bool ok = true;
  for (const auto& r : s.required) {
    if (!v.has(r)) {
      add(errs, path, "required", fmt::format("missing required key `{}`", r), r);
      if (!errs) return false;
      ok = false;
    }
  }
  v.each_member([&](std::string_view key, const V& value) {
    bool matched = false;
    auto prop = std::lower_bound(s.properties.begin(), s.properties.end(), key,
                                 [](const auto& p, std::string_view k) { return p.first < k; });
    path.emplace_back(key);
    if (prop != s.properties.end() && prop->first == key) {
      matched = true;
      if (!check(prop->second, value, path, errs)) ok = false;
    }
    for (const auto& [re, child] : s.pattern_properties) {
      if (re.search(key)) {
        matched = true;
        if (!check(child, value, path, errs)) ok = false;
      }
    }
    if (!matched && s.additional >= 0) {
      const SchemaNode& a = nodes[s.additional];
      if (a.is_bool && !a.bool_value) {
        add(errs, path, "additionalProperties", fmt::format("unknown key `{}`", key), std::string(key), s.known);
        ok = false;
      } else if (!check(s.additional, value, path, errs)) {
        ok = false;
      }
    }
    if (s.property_names >= 0) {
      json name(key);
      if (!check(s.property_names, JsonView(name), path, errs)) ok = false;
    }
    path.pop_back();
    return ok || errs;  // without an error list the first failure decides
  });
  if (!ok && !errs) return false;
  if (s.min_props && v.size() < *s.min_props) {
    add(errs, path, "minProperties", fmt::format("must have at least {} keys", *s.min_props));
    ok = false;
  }
  if (s.max_props && v.size() > *s.max_props) {
    add(errs, path, "maxProperties", fmt::format("must have at most {} keys", *s.max_props));
    ok = false;
  }
  return ok;
}

template <class V>
bool JsonSchema::Impl::check_array(const SchemaNode& s, const V& v, Path& path, Errors errs) const {
  bool ok = true;
  v.each_item([&](size_t i, const V& item) {
    int child = i < s.prefix_items.size() ? s.prefix_items[i] : s.items;
    if (child < 0) return true;
    path.push_back(std::to_string(i));
    if (!check(child, item, path, errs)) ok = false;
    path.pop_back();
    return ok || errs;
  });
  if (!ok && !errs) return false;
  if (s.contains >= 0) {
    bool any = false;
    v.each_item([&](size_t, const V& item) {
      any = check(s.contains, item, path, nullptr);
      return !any;
    });
    if (!any) {
      add(errs, path, "contains", "must contain at least one matching item");
      ok = false;
    }
  }
  if (s.min_items && v.size() < *s.min_items) {
    add(errs, path, "minItems", fmt::format("must have at least {} item{}", *s.min_items, *s.min_items == 1 ? "" : "s"));
    ok = false;
  }
  if (s.max_items && v.size() > *s.max_items) {
    add(errs, path, "maxItems", fmt::format("must have at most {} item{}", *s.max_items, *s.max_items == 1 ? "" : "s"));
    ok = false;
  }
  if (s.unique) {
    std::vector<json> items;
    v.each_item([&](size_t, const V& item) {
      items.push_back(item.to_json());
      return true;
    });
    for (size_t i = 0; i < items.size() && ok; ++i) {
      for (size_t j = i + 1; j < items.size(); ++j) {
        if (items[i] == items[j]) {
          add(errs, path, "uniqueItems", fmt::format("items must be unique ({} appears twice)", show(items[i])));
          ok = false;
          break;
        }
      }
    }
  }
  return ok;
}

template <class V>
bool JsonSchema::Impl::check_scalar(const SchemaNode& s, const V& v, Path& path, Errors errs) const {
  bool ok = true;
  uint8_t bits = v.bits();
  if (bits & kString) {
    std::string_view text = v.str();
    if (s.min_len || s.max_len) {
      size_t len = utf8_length(text);
      if (s.min_len && len < *s.min_len) {
        add(errs, path, "minLength",
            *s.min_len == 1 ? std::string("must not be empty") : fmt::format("must be at least {} characters long", *s.min_len));
        ok = false;
      }
      if (s.max_len && len > *s.max_len) {
        add(errs, path, "maxLength", fmt::format("must be at most {} characters long", *s.max_len));
        ok = false;
      }
    }
    if (s.pattern && !s.pattern->search(text)) {
      add(errs, path, "pattern", fmt::format("'{}' does not match the pattern `{}`", text, s.pattern->text));
      ok = false;
    }
    if (!s.format.empty() && !format_valid(s.format, std::string(text))) {
      add(errs, path, "format", fmt::format("'{}' is not a valid {}", text, s.format));
      ok = false;
    }
  } else if (bits & kNumber) {
    double d = v.num();
    auto bound = [&](const std::optional<double>& b, bool bad, const char* kw, const char* what) {
      if (b && bad) {
        add(errs, path, kw, fmt::format("must be {} {}", what, number_text(*b)));
        ok = false;
      }
    };
    bound(s.minimum, s.minimum && d < *s.minimum, "minimum", "at least");
    bound(s.maximum, s.maximum && d > *s.maximum, "maximum", "at most");
    bound(s.ex_min, s.ex_min && d <= *s.ex_min, "exclusiveMinimum", "greater than");
    bound(s.ex_max, s.ex_max && d >= *s.ex_max, "exclusiveMaximum", "less than");
    if (s.multiple_of && *s.multiple_of > 0) {
      double q = d / *s.multiple_of;
      if (!std::isfinite(q) || std::fabs(q - std::round(q)) > 1e-9 * std::max(1.0, std::fabs(q))) {
        add(errs, path, "multipleOf", fmt::format("must be a multiple of {}", number_text(*s.multiple_of)));
        ok = false;
      }
    }
  }
  return ok;
}

template <class V>
bool JsonSchema::Impl::check_combinators(const SchemaNode& s, const V& v, Path& path, Errors errs) const {
  bool ok = true;
  for (int c : s.all_of)
    if (!check(c, v, path, errs)) {
      if (!errs) return false;
      ok = false;
    }
  // Explains why no alternative matched: the errors of the single alternative of the value's type,
  // else one summary error.
  auto explain = [&](const std::vector<int>& alts, const char* kw) {
    if (!errs) return;
    auto declared = [&](int c) {
      for (int depth = 0; depth < 8 && c >= 0; ++depth) {
        if (nodes[c].types || nodes[c].ref < 0) return nodes[c].types;
        c = nodes[c].ref;
      }
      return uint8_t{0};
    };
    uint8_t bits = v.bits(), all = 0;
    bool every_typed = true;
    std::vector<int> same_type;
    for (int c : alts) {
      uint8_t t = declared(c);
      if (!t) every_typed = false;
      all |= t;
      if (t & bits) same_type.push_back(c);
    }
    if (same_type.size() == 1) check(same_type[0], v, path, errs);
    else if (every_typed && same_type.empty()) add(errs, path, "type", fmt::format("must be {}, not {}", describe_types(all), describe_bits(bits)));
    else add(errs, path, kw, "does not match any of the allowed forms");
  };
  if (!s.any_of.empty()) {
    bool any = false;
    for (int c : s.any_of)
      if (check(c, v, path, nullptr)) {
        any = true;
        break;
      }
    if (!any) {
      explain(s.any_of, "anyOf");
      ok = false;
    }
  }
  if (!s.one_of.empty()) {
    int matches = 0;
    for (int c : s.one_of)
      if (check(c, v, path, nullptr)) ++matches;
    if (matches == 0) explain(s.one_of, "oneOf");
    else if (matches > 1) add(errs, path, "oneOf", fmt::format("matches {} alternatives; it must match exactly one", matches));
    if (matches != 1) ok = false;
  }
  if (s.not_ >= 0 && check(s.not_, v, path, nullptr)) {
    add(errs, path, "not", "matches a form that is not allowed");
    ok = false;
  }
  if (s.if_ >= 0) {
    int branch = check(s.if_, v, path, nullptr) ? s.then_ : s.else_;
    if (branch >= 0 && !check(branch, v, path, errs)) ok = false;
  }
  return ok;
}


template <class View>
bool JsonSchema::validate_view(const View& instance, std::vector<SchemaError>* errors) const {
  if (!impl_ || impl_->nodes.empty()) return true;
  std::vector<std::string> path;
  return impl_->check(0, instance, path, errors);
}

}  // namespace fb
