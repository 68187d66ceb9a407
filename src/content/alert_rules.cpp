#include "content/alert_rules.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "util/fs.h"
#include "util/hash.h"

namespace fb {
namespace {
namespace fs = std::filesystem;

SourcePos pos_of(const YAML::Node& n) {
  if (!n.IsDefined()) return {};
  YAML::Mark m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

/// The value of `key` in mapping `map` (undefined when absent or when `map` is not a mapping).
YAML::Node value_of(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

/// The place of `key` itself in `map`, or of `map` when absent.
SourcePos key_pos(const YAML::Node& map, const char* key) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return pos_of(it->first);
  return pos_of(map);
}

std::string scalar(const YAML::Node& n) { return n.IsDefined() && n.IsScalar() ? n.Scalar() : std::string{}; }

/// Reads one group's rules into `out`.
void read_group(const YAML::Node& group, const std::string& file, AlertRuleSet& out, Diagnostics& diags) {
  if (!group.IsMap()) {
    diags.add("FB315", Level::Warning, file, pos_of(group), "a rule group is not a mapping: skipped",
              "Write each group as `- name: ...` with `rules:` below it.");
    return;
  }
  const std::string group_name = scalar(value_of(group, "name"));
  YAML::Node rules = value_of(group, "rules");
  if (!rules.IsDefined() || rules.IsNull()) return;  // an empty group
  if (!rules.IsSequence()) {
    diags.add("FB315", Level::Warning, file, pos_of(rules), fmt::format("`rules` of group `{}` is not a list: skipped", group_name),
              "Write the rules as a list: `rules:` then `- alert: ...` lines.");
    return;
  }
  for (const YAML::Node& rule : rules) {
    if (!rule.IsMap()) {
      diags.add("FB315", Level::Warning, file, pos_of(rule), "a rule is not a mapping: skipped",
                "Write each rule as `- alert: Name` (or `- record: name`) with `expr:` below it.");
      continue;
    }
    YAML::Node alert = value_of(rule, "alert");
    if (!alert.IsDefined()) continue;  // a recording rule
    if (!alert.IsScalar() || alert.Scalar().empty()) {
      diags.add("FB315", Level::Warning, file, pos_of(alert), "`alert` is not a name: rule skipped",
                "Write the alert's name: `alert: HighErrorRate`.");
      continue;
    }
    AlertRule r;
    r.name = alert.Scalar();
    r.file = file;
    r.pos = key_pos(rule, "alert");
    r.group = group_name;
    YAML::Node sev = value_of(value_of(rule, "labels"), "severity");
    r.severity = scalar(sev);
    r.severity_pos = sev.IsDefined() ? pos_of(sev) : r.pos;
    YAML::Node annotations = value_of(rule, "annotations");
    YAML::Node url = value_of(annotations, "runbook_url");
    r.runbook_url = scalar(url);
    r.runbook_url_pos = url.IsDefined() ? pos_of(url) : r.pos;
    r.summary = scalar(value_of(annotations, "summary"));
    if (r.summary.empty()) r.summary = scalar(value_of(annotations, "description"));
    out.rules.push_back(std::move(r));
  }
}

/// One YAML document: a rule file (`groups:`) or a PrometheusRule (`spec.groups`). False when it is
/// neither (nothing is read from it).
bool read_document(const YAML::Node& doc, const std::string& file, AlertRuleSet& out, Diagnostics& diags) {
  if (!doc.IsMap()) return false;
  YAML::Node groups = value_of(doc, "groups");
  if (!groups.IsDefined()) {
    std::string kind = scalar(value_of(doc, "kind"));
    if (!kind.empty() && kind != "PrometheusRule") return true;  // another Kubernetes object: not ours
    groups = value_of(value_of(doc, "spec"), "groups");
    if (!groups.IsDefined()) return false;
  }
  if (groups.IsNull()) return true;
  if (!groups.IsSequence()) {
    diags.add("FB315", Level::Warning, file, pos_of(groups), "`groups` is not a list: skipped",
              "Write the groups as a list: `groups:` then `- name: ...` lines.");
    return true;
  }
  for (const YAML::Node& g : groups) read_group(g, file, out, diags);
  return true;
}

}  // namespace

void parse_alert_rules(const std::string& text, const std::string& file, AlertRuleSet& out, Diagnostics& diags) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    diags.add("FB314", Level::Error, file, {e.mark.line + 1, e.mark.column + 1},
              fmt::format("rule file is not valid YAML: {}", e.msg),
              "Fix the YAML near this place (promtool check rules names the same problem).");
    return;
  }
  bool any = false, content = false;
  try {
    for (const YAML::Node& d : docs) {
      if (d.IsNull()) continue;
      content = true;
      any |= read_document(d, file, out, diags);
    }
  } catch (const YAML::Exception& e) {  // a node of an unexpected shape: reported, never a crash
    diags.add("FB315", Level::Warning, file, {e.mark.line + 1, e.mark.column + 1},
              fmt::format("cannot read the rules: {}", e.msg), "Write the file as Prometheus rule groups.");
    return;
  }
  if (content && !any)
    diags.add("FB315", Level::Warning, file, {1, 1}, "no alerting rules here: neither `groups:` nor a PrometheusRule `spec.groups`",
              "Point alert_rules at Prometheus rule files or PrometheusRule resources.");
}

AlertRuleSet read_alert_rules(const std::vector<fs::path>& paths, const fs::path& site_dir, Diagnostics& diags) {
  AlertRuleSet out;
  StreamHash hash;
  auto feed = [&hash](std::string_view s) {
    hash.update(s);
    hash.update(std::string_view("\0", 1));
  };
  for (const fs::path& given : paths) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(given, ec)) {
      for (const std::string& rel : list_files(given, {".yaml", ".yml"})) files.push_back(given / rel);
      if (files.empty())
        diags.add("FB315", Level::Warning, site_display_path(given.lexically_normal(), site_dir), {},
                  "no rule files (*.yaml, *.yml) in this folder", "Point alert_rules at the folder that holds the rule files.");
    } else {
      files.push_back(given);
    }
    for (const fs::path& f : files) {
      const std::string name = site_display_path(f.lexically_normal(), site_dir);
      feed(name);
      std::string error;
      uintmax_t size = fs::file_size(f, ec);
      if (!ec && size > kMaxAlertRuleFileBytes) {
        feed(std::to_string(size));
        diags.add("FB314", Level::Error, name, {}, fmt::format("rule file is too large ({} bytes, at most {}): not read", size, kMaxAlertRuleFileBytes),
                  "Split the rules into several files.");
        continue;
      }
      std::optional<std::string> text = read_file(f, &error);
      if (!text) {
        feed("unreadable");
        diags.add("FB314", Level::Error, name, {}, fmt::format("cannot read rule file: {}", error),
                  "Check the path given by alert_rules (site.yaml) or --alert-rules, and the file's permissions.");
        continue;
      }
      feed(*text);
      out.files.push_back(name);
      parse_alert_rules(*text, name, out, diags);
    }
  }
  out.hash = hash.digest();
  return out;
}

}  // namespace fb
