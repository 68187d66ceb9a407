#include "schema/yaml_scalar.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <string>

namespace fb {
namespace {

bool all_digits(std::string_view s, size_t from, int base) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok = base == 8 ? (c >= '0' && c <= '7') : base == 10 ? std::isdigit(c) != 0 : std::isxdigit(c) != 0;
    if (!ok) return false;
  }
  return true;
}

/// [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
bool as_int(std::string_view s, YamlScalar& out) {
  int base = 10;
  size_t from = 0;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') base = 8, from = 2;
  else if (s.size() > 2 && s[0] == '0' && s[1] == 'x') base = 16, from = 2;
  else if (!s.empty() && (s[0] == '-' || s[0] == '+')) from = 1;
  if (!all_digits(s, from, base)) return false;
  std::string text(s);  // NUL-terminated for strtoll (numbers are short: no allocation)
  const char* digits = text.c_str() + (base == 10 ? 0 : 2);
  errno = 0;
  long long v = std::strtoll(digits, nullptr, base);
  out.kind = YamlScalar::Int;
  out.exact = errno != ERANGE;
  out.integer = out.exact ? v : 0;
  out.number = out.exact ? static_cast<double>(v)
                         : base == 10 ? std::strtod(text.c_str(), nullptr)
                                      : static_cast<double>(std::strtoull(digits, nullptr, base));
  return true;
}

/// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? | [-+]? \.inf | \.nan
bool as_float(std::string_view s, YamlScalar& out) {
  size_t i = 0, n = s.size();
  bool neg = false;
  if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  std::string_view rest(s.data() + i, n - i);
  out.kind = YamlScalar::Float;
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
    out.number = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    out.number = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (!exp_digits) return false;
  }
  if (i != n) return false;
  out.number = std::strtod(std::string(s).c_str(), nullptr);
  return true;
}

YamlScalar plain(std::string_view s) {
  YamlScalar r;
  // Most plain scalars are words: only these first characters can start a null, bool or number.
  if (!s.empty()) {
    char c = s[0];
    bool maybe = c == '~' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F' || c == '-' ||
                 c == '+' || c == '.' || (c >= '0' && c <= '9');
    if (!maybe) return r;
  }
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") r.kind = YamlScalar::Null;
  else if (s == "true" || s == "True" || s == "TRUE") r.kind = YamlScalar::Bool, r.boolean = true;
  else if (s == "false" || s == "False" || s == "FALSE") r.kind = YamlScalar::Bool;
  else if (YamlScalar v; as_int(s, v) || as_float(s, v)) r = v;
  return r;
}

}  // namespace

YamlScalar type_yaml_scalar(std::string_view tag, std::string_view text) {
  if (tag.size() == 1 && tag[0] == '?') return plain(text);  // the common case: an untagged plain scalar
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return {};
  if (tag == "tag:yaml.org,2002:int") {
    YamlScalar r;
    if (as_int(text, r)) return r;
    return {};
  }
  if (tag == "tag:yaml.org,2002:float") {
    YamlScalar r;
    if (as_float(text, r)) return r;
    if (as_int(text, r)) {
      r.kind = YamlScalar::Float;
      return r;
    }
    return {};
  }
  if (tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null" || tag.empty()) return plain(text);
  return {};
}

bool is_yaml11_boolean(std::string_view s) {
  static constexpr std::string_view words[] = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
                                               "off", "Off", "OFF", "y", "Y", "n", "N"};
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

nlohmann::json yaml_scalar_json(std::string_view tag, std::string_view text) {
  YamlScalar v = type_yaml_scalar(tag, text);
  switch (v.kind) {
    case YamlScalar::Null: return nullptr;
    case YamlScalar::Bool: return v.boolean;
    case YamlScalar::Int: return v.exact ? nlohmann::json(v.integer) : nlohmann::json(v.number);
    case YamlScalar::Float: return v.number;
    case YamlScalar::String: break;
  }
  return std::string(text);
}

std::string yaml11_boolean_hint(std::string_view tag, std::string_view text) {
  if (tag != "?" || !is_yaml11_boolean(text)) return {};
  return "Write true or false (YAML 1.2): `" + std::string(text) + "` is a string here, not a boolean.";
}

}  // namespace fb
