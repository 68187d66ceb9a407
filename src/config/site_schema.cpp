#include "config/site_schema.h"

#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

#include "config/config_read.h"
#include "schema/yaml_scalar.h"
#include "util/text.h"

namespace fb {
namespace {

using json = nlohmann::json;

struct CompiledSiteSchema {
  json doc;
  JsonSchema schema;
  std::string duration_pattern;  ///< $defs/duration's pattern: a mismatch there is FB003, not FB002
};

const CompiledSiteSchema& compiled() {
  static const CompiledSiteSchema c = [] {
    CompiledSiteSchema out;
    out.doc = json::parse(kSiteSchemaText);
    std::string err;
    if (!out.schema.compile(out.doc, err)) throw std::logic_error("schema/site.schema.json: " + err);
    out.duration_pattern = out.doc["$defs"]["duration"].value("pattern", "");
    return out;
  }();
  return c;
}

using config_read::pos_of;

/// The value (or, with `want_key`, the key) at an instance path, or an undefined node.
YAML::Node node_at(const YAML::Node& root, const std::vector<std::string>& path, bool want_key) {
  YAML::Node node = root;
  for (size_t i = 0; i < path.size(); ++i) {
    YAML::Node next;
    if (node.IsMap()) {
      for (auto it = node.begin(); it != node.end(); ++it) {  // the last of duplicate keys, as the reader
        if (it->first.IsScalar() && it->first.Scalar() == path[i]) next = (want_key && i + 1 == path.size()) ? it->first : it->second;
      }
    } else if (node.IsSequence()) {
      size_t idx = std::strtoul(path[i].c_str(), nullptr, 10);
      if (idx < node.size()) next = node[idx];
    }
    if (!next.IsDefined()) return next;
    node.reset(next);
  }
  return node;
}

/// `severities[0].pir_required` for the path {severities, 0, pir_required}.
std::string display(const std::vector<std::string>& path, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < path.size(); ++i) {
    const std::string& p = path[i];
    bool index = !p.empty() && p.find_first_not_of("0123456789") == std::string::npos;
    if (index) out += "[" + p + "]";
    else out += (out.empty() ? "" : ".") + p;
  }
  return out;
}

/// The `description` of the schema of the value at `path` (following $ref, properties, items and
/// additionalProperties), or empty: the hint of a wrong value.
std::string description_at(const json& doc, const std::vector<std::string>& path) {
  const json* s = &doc;
  auto deref = [&](const json* n) {
    for (int guard = 0; guard < 8 && n->is_object() && n->contains("$ref"); ++guard) {
      std::string ref = (*n)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) break;
      n = &doc.at(json::json_pointer(ref.substr(1)));
    }
    return n;
  };
  for (const auto& p : path) {
    s = deref(s);
    if (!s->is_object()) return {};
    if (s->contains("properties") && (*s)["properties"].contains(p)) s = &(*s)["properties"][p];
    else if (s->contains("items") && !p.empty() && std::isdigit(static_cast<unsigned char>(p[0]))) s = &(*s)["items"];
    else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object()) s = &(*s)["additionalProperties"];
    else return {};
  }
  const json* d = s;
  if (d->is_object() && d->contains("description")) return (*d)["description"].get<std::string>();
  d = deref(s);
  if (d->is_object() && d->contains("description")) return (*d)["description"].get<std::string>();
  return {};
}

void duplicate_keys(const YAML::Node& node, const std::string& file, Diagnostics& diags) {
  if (node.IsMap()) {
    std::vector<YAML::Node> keys;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar()) {
        for (const auto& k : keys) {
          if (k.Scalar() == it->first.Scalar()) {
            diags.add("FB005", Level::Error, file, pos_of(it->first),
                      fmt::format("key `{}` is written twice (first at line {}); only the last value is kept",
                                  it->first.Scalar(), k.Mark().line + 1),
                      "Remove one of the two, or merge their values.");
            break;
          }
        }
        keys.push_back(it->first);
      }
      duplicate_keys(it->second, file, diags);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) duplicate_keys(item, file, diags);
  }
}

}  // namespace

const JsonSchema& site_schema() { return compiled().schema; }

json site_yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    json obj = json::object();
    for (auto it = node.begin(); it != node.end(); ++it) obj[it->first.Scalar()] = site_yaml_to_json(it->second);
    return obj;
  }
  if (node.IsSequence()) {
    json arr = json::array();
    for (const auto& item : node) arr.push_back(site_yaml_to_json(item));
    return arr;
  }
  if (!node.IsScalar()) return nullptr;
  return yaml_scalar_json(node.Tag(), node.Scalar());
}

bool validate_site_yaml(const YAML::Node& root, const std::string& file, Diagnostics& diags) {
  size_t before = diags.items.size();
  duplicate_keys(root, file, diags);
  const CompiledSiteSchema& c = compiled();
  std::vector<SchemaError> errors;
  json instance = root.IsNull() ? json::object() : site_yaml_to_json(root);
  if (!c.schema.validate(instance, &errors)) {
    for (const auto& e : errors) {
      std::string where = display(e.path, e.path.size());
      if (e.keyword == "additionalProperties") {
        std::string parent = display(e.path, e.path.size() - 1);
        std::string guess = did_you_mean(e.property, e.allowed);
        diags.add("FB001", Level::Error, file, pos_of(node_at(root, e.path, true)),
                  parent.empty() ? fmt::format("unknown key `{}` in site.yaml", e.property)
                                 : fmt::format("unknown key `{}` in `{}`", e.property, parent),
                  guess.empty() ? fmt::format("Allowed keys: {}.", join(e.allowed, ", "))
                                : fmt::format("Did you mean `{}`?", guess));
        continue;
      }
      YAML::Node value = node_at(root, e.path, false);
      if (e.keyword == "pattern" && !c.duration_pattern.empty() &&
          e.message.ends_with("`" + c.duration_pattern + "`")) {
        diags.add("FB003", Level::Error, file, pos_of(value),
                  fmt::format("`{}`: '{}' is not a duration", where, value.IsScalar() ? value.Scalar() : "?"),
                  "Use a number and a unit: 90s, 5m, 2h, 1h30m, 3d, 2w (or ISO 8601 PT1H30M).");
        continue;
      }
      // propertyNames: the failing text is the key itself (`rules: {FB2: off}`), so point at the key.
      bool about_key = e.keyword == "pattern" && !e.path.empty() && e.message.rfind("'" + e.path.back() + "'", 0) == 0 &&
                       !(value.IsScalar() && value.Scalar() == e.path.back());
      std::string hint;
      if (e.keyword == "type" && value.IsScalar()) hint = yaml11_boolean_hint(value.Tag(), value.Scalar());
      if (hint.empty() && e.keyword == "enum") {
        std::string guess = did_you_mean(e.property, e.allowed);
        hint = guess.empty() ? fmt::format("Allowed: {}.", join(e.allowed, ", ")) : fmt::format("Did you mean `{}`?", guess);
      }
      if (hint.empty() && e.keyword == "required") hint = fmt::format("Add `{}:`.", e.property);
      if (hint.empty()) hint = description_at(c.doc, about_key ? std::vector<std::string>(e.path.begin(), e.path.end() - 1) : e.path);
      std::string message = about_key  ? fmt::format("key `{}` in `{}`: {}", e.path.back(), display(e.path, e.path.size() - 1), e.message)
                            : where.empty() ? e.message
                                            : fmt::format("`{}`: {}", where, e.message);
      diags.add("FB002", Level::Error, file, pos_of(about_key ? node_at(root, e.path, true) : value), std::move(message),
                std::move(hint));
    }
  }
  return diags.items.size() == before;
}

}  // namespace fb
