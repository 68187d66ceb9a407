#include "check/yaml_view.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

namespace fb {
namespace {
using namespace schema_detail;

bool all_digits(std::string_view s, size_t from, int base) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok = base == 8 ? (c >= '0' && c <= '7') : base == 10 ? std::isdigit(c) != 0 : std::isxdigit(c) != 0;
    if (!ok) return false;
  }
  return true;
}

bool as_int(std::string_view s, double& out) {
  int base = 10;
  size_t from = 0;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') base = 8, from = 2;
  else if (s.size() > 2 && s[0] == '0' && s[1] == 'x') base = 16, from = 2;
  else if (!s.empty() && (s[0] == '-' || s[0] == '+')) from = 1;
  if (!all_digits(s, from, base)) return false;
  std::string text(s);  // NUL-terminated for strtod (numbers are short: no allocation)
  out = base == 10 ? std::strtod(text.c_str(), nullptr) : static_cast<double>(std::strtoull(text.c_str() + 2, nullptr, base));
  return true;
}

bool as_float(std::string_view s, double& out) {
  size_t i = 0, n = s.size();
  bool neg = false;
  if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  std::string_view rest(s.data() + i, n - i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
    out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
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
  out = std::strtod(std::string(s).c_str(), nullptr);
  return true;
}

ScalarInfo plain(std::string_view s) {
  ScalarInfo r;
  // Most plain scalars are words: only these first characters can start a null, bool or number.
  if (!s.empty()) {
    char c = s[0];
    bool maybe = c == '~' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F' || c == '-' ||
                 c == '+' || c == '.' || (c >= '0' && c <= '9');
    if (!maybe) return r;
  }
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") r.bits = kNull;
  else if (s == "true" || s == "True" || s == "TRUE") r.bits = kBool, r.boolean = true;
  else if (s == "false" || s == "False" || s == "FALSE") r.bits = kBool;
  else if (as_int(s, r.number)) r.bits = kNumber | kInteger;
  else if (as_float(s, r.number)) r.bits = bits_of(json(r.number));
  return r;
}
}  // namespace

ScalarInfo resolve_scalar(std::string_view tag, std::string_view text) {
  if (tag.size() == 1 && tag[0] == '?') return plain(text);  // the common case: an untagged plain scalar
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return {};
  if (tag == "tag:yaml.org,2002:int") {
    ScalarInfo r;
    if (as_int(text, r.number)) r.bits = kNumber | kInteger;
    return r;
  }
  if (tag == "tag:yaml.org,2002:float") {
    ScalarInfo r;
    if (as_float(text, r.number) || as_int(text, r.number)) r.bits = bits_of(json(r.number));
    return r;
  }
  if (tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null" || tag == "?" || tag.empty()) return plain(text);
  return {};
}

nlohmann::json YamlView::to_json() const {
  using namespace schema_detail;
  if (info_.bits & kObject) {
    json obj = json::object();
    each_member([&](std::string_view k, const YamlView& v) {
      obj[k] = v.to_json();
      return true;
    });
    return obj;
  }
  if (info_.bits & kArray) {
    json arr = json::array();
    each_item([&](size_t, const YamlView& v) {
      arr.push_back(v.to_json());
      return true;
    });
    return arr;
  }
  if (info_.bits & kString) return node_.Scalar();
  if (info_.bits & kBool) return info_.boolean;
  if (info_.bits & kNull) return nullptr;
  if (info_.bits & kInteger && std::fabs(info_.number) < 9e15) return static_cast<long long>(info_.number);
  return info_.number;
}

}  // namespace fb
