#pragma once
/// Prometheus alerting rules, read from rule files (`groups:`) and Kubernetes `PrometheusRule`
/// resources (`spec.groups`), multi-document YAML and directories. Only what alert coverage needs is
/// kept: the alert's name, its place, its severity label and its runbook_url / summary annotations.
/// Recording rules (no `alert:`) are skipped.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace fb {

/// One alerting rule (`- alert: Name`).
struct AlertRule {
  std::string name;          ///< the `alert:` value
  std::string file;          ///< the rule file as diagnostics name it (site-relative inside the site)
  SourcePos pos;             ///< where `alert:` is written
  std::string group;         ///< the group's `name:`
  std::string severity;      ///< `labels.severity` as written, "" when absent
  SourcePos severity_pos;    ///< where the severity value is written (pos when absent)
  std::string runbook_url;   ///< `annotations.runbook_url`, "" when absent
  SourcePos runbook_url_pos; ///< where the runbook_url value is written (pos when absent)
  std::string summary;       ///< `annotations.summary`, else `annotations.description`, else ""
};

/// Every alerting rule of a set of rule files, in file order (files sorted by path).
struct AlertRuleSet {
  std::vector<AlertRule> rules;
  std::vector<std::string> files;  ///< the files read, as AlertRule::file names them
  uint64_t hash = 0;               ///< of every file's name and bytes: the rules' part of a build's inputs
};

/// The largest rule file read (bytes); a larger one is FB314 and is not parsed.
inline constexpr uintmax_t kMaxAlertRuleFileBytes = 32u << 20;

/// Adds the alerting rules of YAML `text` (one or more `---` documents) to `out`, naming it `file`.
/// Text that is not YAML is FB314 (error) at the parser's line:col; a document that is neither a rule
/// file nor a PrometheusRule, or a group or rule of the wrong shape, is FB315 (warning). Documents of
/// another Kubernetes `kind:` are skipped silently. Never throws.
void parse_alert_rules(const std::string& text, const std::string& file, AlertRuleSet& out, Diagnostics& diags);

/// Reads `paths` (files, or directories read recursively for *.yaml / *.yml, sorted), each relative
/// to the working directory or absolute. A path that does not exist or cannot be read, or a file over
/// kMaxAlertRuleFileBytes, is FB314. Files are named relative to `site_dir` when inside it.
AlertRuleSet read_alert_rules(const std::vector<std::filesystem::path>& paths, const std::filesystem::path& site_dir,
                              Diagnostics& diags);

}  // namespace fb
