#include "check/yaml_json.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace fb {
namespace {
using nlohmann::json;

bool digits(const std::string& s, size_t from, int base) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    bool ok = base == 8 ? (c >= '0' && c <= '7')
              : base == 10 ? (c >= '0' && c <= '9')
                           : std::isxdigit(static_cast<unsigned char>(c)) != 0;
    if (!ok) return false;
  }
  return true;
}

std::optional<json> as_int(const std::string& s) {
  int base = 10;
  size_t from = 0;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') base = 8, from = 2;
  else if (s.size() > 2 && s[0] == '0' && s[1] == 'x') base = 16, from = 2;
  else if (!s.empty() && (s[0] == '-' || s[0] == '+')) from = 1;
  if (!digits(s, from, base)) return std::nullopt;
  errno = 0;
  const char* begin = s.c_str() + (base == 10 ? 0 : 2);
  char* end = nullptr;
  long long v = std::strtoll(begin, &end, base);
  if (errno == ERANGE) return json(std::strtod(s.c_str(), nullptr));
  return json(v);
}

std::optional<json> as_float(const std::string& s) {
  std::string t = s;
  bool neg = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    neg = t[0] == '-';
    t = t.substr(1);
  }
  if (t == ".inf" || t == ".Inf" || t == ".INF")
    return json(neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return json(std::numeric_limits<double>::quiet_NaN());
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  size_t i = 0, n = t.size();
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++int_digits;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '-' || t[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++exp_digits;
    if (!exp_digits) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  return json(std::strtod(s.c_str(), nullptr));
}

json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (auto i = as_int(s)) return *i;
  if (auto f = as_float(s)) return *f;
  return s;
}

json scalar(const YamlNode& n) {
  std::string_view tag = n.Tag();
  const std::string s(n.Scalar());
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return s;  // quoted, or explicitly a string
  if (tag == "tag:yaml.org,2002:int") {
    if (auto i = as_int(s)) return *i;
    return s;
  }
  if (tag == "tag:yaml.org,2002:float") {
    if (auto f = as_float(s)) return *f;
    if (auto i = as_int(s)) return json(i->get<double>());
    return s;
  }
  if (tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null" || tag == "?" || tag.empty())
    return plain_scalar(s);
  return s;  // any other explicit tag: keep the text
}

/// The key node and value of `key` in mapping `map`, when present.
bool find_key(const YamlNode& map, const std::string& key, YamlNode& key_node, YamlNode& value) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      key_node.reset(it->first);  // reset() rebinds; operator= would overwrite the tree's node
      value.reset(it->second);
      return true;
    }
  }
  return false;
}
}  // namespace

json yaml_to_json(const YamlNode& node) {
  switch (node.Type()) {
    case YamlType::Undefined:
    case YamlType::Null: return nullptr;
    case YamlType::Scalar: return scalar(node);
    case YamlType::Sequence: {
      json arr = json::array();
      for (const auto& item : node) arr.push_back(yaml_to_json(item));
      return arr;
    }
    case YamlType::Map: {
      json obj = json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        std::string key(it->first.IsScalar() ? it->first.Scalar() : std::string_view("?"));
        obj[key] = yaml_to_json(it->second);
      }
      return obj;
    }
  }
  return nullptr;
}

SourcePos locate(const FrontMatter& fm, const std::vector<std::string>& path) {
  if (path.empty()) return fm.key("");
  SourcePos pos = fm.key(path[0]);
  YamlNode node = fm.get(path[0]);
  for (size_t i = 1; i < path.size() && node.IsDefined(); ++i) {
    if (node.IsMap()) {
      YamlNode key_node, value;
      if (!find_key(node, path[i], key_node, value)) break;
      SourcePos p = fm.pos(key_node);
      if (p.line == 0) p = fm.pos(value);  // a key made by a dotted `fields:` mapping
      if (p.line) pos = p;
      node.reset(value);
    } else if (node.IsSequence()) {
      size_t idx = std::strtoul(path[i].c_str(), nullptr, 10);
      if (idx >= node.size()) break;
      const YamlNode& seq = node;
      YamlNode item = seq[idx];
      node.reset(item);
      if (SourcePos p = fm.pos(node); p.line) pos = p;
    } else {
      break;
    }
  }
  return pos;
}

std::string display_path(const FrontMatter& fm, const std::vector<std::string>& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    bool index = !seg.empty() && seg.find_first_not_of("0123456789") == std::string::npos && i > 0;
    if (index) {
      out += "[" + seg + "]";
      continue;
    }
    if (i > 0) out += ".";
    if (i == 0) {
      auto w = fm.written_as.find(seg);
      if (w != fm.written_as.end() && w->second != seg) {
        out += w->second + " (mapped to " + seg + ")";
        continue;
      }
    }
    out += seg;
  }
  return out;
}

}  // namespace fb
