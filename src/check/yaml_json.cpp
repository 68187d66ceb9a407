#include "check/yaml_json.h"

#include <cstdlib>

#include "schema/yaml_scalar.h"

namespace fb {
namespace {
using nlohmann::json;

json scalar(const YamlNode& n) { return yaml_scalar_json(n.Tag(), n.Scalar()); }

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

YamlNode value_at(const FrontMatter& fm, const std::vector<std::string>& path) {
  if (path.empty()) return fm.root;
  YamlNode node = fm.get(path[0]);
  for (size_t i = 1; i < path.size() && node.IsDefined(); ++i) {
    if (node.IsMap()) {
      YamlNode key_node, value;
      if (!find_key(node, path[i], key_node, value)) return {};
      node.reset(value);
    } else if (node.IsSequence()) {
      size_t idx = std::strtoul(path[i].c_str(), nullptr, 10);
      if (idx >= node.size()) return {};
      const YamlNode& seq = node;
      YamlNode item = seq[idx];
      node.reset(item);
    } else {
      return {};
    }
  }
  return node;
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
