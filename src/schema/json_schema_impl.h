#pragma once
// Private to src/check: the compiled form of a JSON Schema, shared by compile and validate.
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/json_schema.h"

namespace fb {
using nlohmann::json;

namespace schema_detail {
enum TypeBit : uint8_t { kNull = 1, kBool = 2, kObject = 4, kArray = 8, kNumber = 16, kString = 32, kInteger = 64 };

inline uint8_t type_bit(const std::string& name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBool;
  if (name == "object") return kObject;
  if (name == "array") return kArray;
  if (name == "number") return kNumber;
  if (name == "string") return kString;
  if (name == "integer") return kInteger;
  return 0;
}

/// The type bits an instance has (an integral float is an integer too).
inline uint8_t bits_of(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBool;
    case json::value_t::object: return kObject;
    case json::value_t::array: return kArray;
    case json::value_t::string: return kString;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kNumber | kInteger;
    case json::value_t::number_float: {
      double d = v.get<double>();
      return std::isfinite(d) && std::floor(d) == d ? (kNumber | kInteger) : kNumber;
    }
    default: return 0;
  }
}

/// `d` lies in the range of a 64-bit signed integer.
inline bool float_fits_int64(double d) { return d >= -9223372036854775808.0 && d < 9223372036854775808.0; }

inline std::string describe_types(uint8_t bits) {
  std::vector<std::string> names;
  if (bits & kString) names.push_back("a string");
  if (bits & kInteger && !(bits & kNumber)) names.push_back("a whole number");
  if (bits & kNumber) names.push_back("a number");
  if (bits & kBool) names.push_back("true or false");
  if (bits & kArray) names.push_back("a list");
  if (bits & kObject) names.push_back("a mapping");
  if (bits & kNull) names.push_back("empty (null)");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

inline std::string describe_bits(uint8_t b) {
  if (b & kObject) return "a mapping";
  if (b & kArray) return "a list";
  if (b & kString) return "a string";
  if (b & kBool) return "a boolean";
  if (b & kNull) return "empty";
  return b & kInteger ? "a whole number" : "a number";
}

inline std::string describe_value(const json& v) { return describe_bits(bits_of(v)); }

inline std::string show(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

inline std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

inline std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace schema_detail

/// A compiled `pattern`: a plain prefix test when the pattern is `^literal` (such as `^x-`), else a
/// std::regex (ECMAScript), compiled once. Both are searched, as JSON Schema patterns are unanchored.
struct SchemaPattern {
  std::string text;                ///< the pattern as written
  std::optional<std::string> prefix;
  std::regex re;
  /// Compiles `text`; throws std::regex_error when it is not a valid regular expression.
  explicit SchemaPattern(std::string t) : text(std::move(t)) {
    static const std::string meta = "\\^$.|?*+()[]{}";
    if (text.size() > 1 && text[0] == '^' && text.find_first_of(meta, 1) == std::string::npos) prefix = text.substr(1);
    else re = std::regex(text, std::regex::ECMAScript | std::regex::optimize);
  }
  bool search(std::string_view s) const { return prefix ? s.starts_with(*prefix) : std::regex_search(s.begin(), s.end(), re); }
};

/// One compiled (sub)schema. Sub-schemas are indices into JsonSchema::Impl::nodes.
struct SchemaNode {
  bool is_bool = false, bool_value = true;
  uint8_t types = 0;
  const json* enum_values = nullptr;
  const json* const_value = nullptr;
  std::vector<std::string> required;
  std::vector<std::pair<std::string, int>> properties;  ///< sorted by name
  std::vector<std::pair<SchemaPattern, int>> pattern_properties;
  std::vector<std::string> known;                       ///< property names, sorted
  int additional = -1, property_names = -1;
  std::optional<uint64_t> min_props, max_props, min_items, max_items, min_len, max_len;
  int items = -1, contains = -1;
  std::vector<int> prefix_items;
  bool unique = false;
  std::optional<SchemaPattern> pattern;
  std::string format;
  std::optional<double> minimum, maximum, ex_min, ex_max, multiple_of;
  int ref = -1;
  std::vector<int> all_of, any_of, one_of;
  int not_ = -1, if_ = -1, then_ = -1, else_ = -1;
};

struct JsonSchema::Impl {
  json root;
  std::vector<SchemaNode> nodes;
  std::unordered_map<std::string, int> by_pointer;
  std::vector<std::pair<int, std::string>> pending_refs;
  std::vector<std::string> top_props;

  int compile(const json& s, const std::string& ptr, std::string& err);
  bool compile_keywords(const json& s, const std::string& ptr, int idx, std::string& err);
  // Validation, templated on the instance view (JsonView, YamlView; see json_schema_check.h).
  template <class V> bool check(int n, const V& v, std::vector<std::string>& path, std::vector<SchemaError>* errs) const;
  template <class V> bool check_object(const SchemaNode& s, const V& v, std::vector<std::string>& path, std::vector<SchemaError>* errs) const;
  template <class V> bool check_array(const SchemaNode& s, const V& v, std::vector<std::string>& path, std::vector<SchemaError>* errs) const;
  template <class V> bool check_scalar(const SchemaNode& s, const V& v, std::vector<std::string>& path, std::vector<SchemaError>* errs) const;
  template <class V> bool check_combinators(const SchemaNode& s, const V& v, std::vector<std::string>& path, std::vector<SchemaError>* errs) const;
};

}  // namespace fb
