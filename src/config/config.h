#pragma once
/// site.yaml -> Config. The severity scale, SLA policy, teams and escalation policies (config/escalation.h),
/// runbook review policy, pattern settings, rule levels and the foreign-field mapping all live here, so no
/// team's conventions are hard-coded.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/escalation.h"
#include "util/diagnostic.h"

namespace fb {

/// One level of the ordered severity scale (index 0 is the most severe).
struct SeverityLevel {
  std::string id;                          ///< canonical id, e.g. "SEV1"
  std::string label;                       ///< human label, e.g. "Critical"
  std::vector<std::string> aliases;        ///< other spellings accepted in front matter ("P0", "critical")
  std::optional<int64_t> acknowledge_within;  ///< seconds
  std::optional<int64_t> resolve_within;      ///< seconds
  std::optional<int64_t> update_every;        ///< status-update cadence, seconds
  bool pir_required = false;               ///< a published PIR is required for incidents of this level
  std::optional<int64_t> pir_due_within;   ///< seconds after resolution by which the PIR is due
  std::string color;                       ///< CSS colour for badges
  int rank = 0;                            ///< 0 = most severe
};

/// A section every runbook should have, matched case-insensitively against headings.
struct RequiredSection {
  std::string name;
  std::vector<std::string> synonyms;
};

/// How runbooks are reviewed.
struct RunbookPolicy {
  int64_t review_every = 180 * 86400;      ///< seconds; a runbook not reviewed for longer is overdue
  std::vector<RequiredSection> required_sections;
};

/// Settings of the pattern miners.
struct PatternPolicy {
  int min_occurrences = 3;                 ///< category recurrence threshold
  int64_t window = 90 * 86400;             ///< sliding window, seconds
  double similarity_threshold = 0.3;       ///< cosine similarity for "similar incidents" (docs/patterns.md)
  int min_support = 3;                     ///< co-occurrence: incidents a pair must share
  double min_lift = 1.5;                   ///< co-occurrence: observed/expected ratio a pair must exceed
  int similar_top_k = 5;                   ///< similar incidents listed per PIR
};

/// Per-code rule level overrides (`rules: {FB305: off, FB220: warning}`).
using RuleLevels = std::map<std::string, Level>;

/// The whole site configuration.
struct Config {
  std::filesystem::path site_dir;          ///< directory holding site.yaml
  std::string title = "Firebreak";
  std::string description;
  std::string base_url;                    ///< absolute URL of the published site, used for sitemap/feed only
  std::string theme = "default";
  SourcePos theme_at;
  SourcePos output_dir_at;                 ///< where site.yaml writes `output_dir:` (0:0 when it does not)                      ///< where site.yaml writes `theme:` (0:0 when it does not)
  std::string output_dir = "public";
  std::string repo_url;                    ///< e.g. https://git.example.com/team/runbooks
  std::string edit_path = "edit/main";     ///< appended to repo_url for edit links
  std::string language = "en";
  bool unsafe_html = false;                ///< pass raw HTML in Markdown through (off by default)
  std::vector<SeverityLevel> severities;   ///< ordered, most severe first
  RunbookPolicy runbooks;
  std::vector<std::string> root_cause_categories;
  PatternPolicy patterns;
  RuleLevels rules;
  std::map<std::string, std::string> fields;  ///< foreign front-matter key -> our key
  int64_t git_max_commits = 100000;
  std::vector<Team> teams;                 ///< `teams:`, as written
  EscalationPolicies escalation;           ///< `escalation:` (configured false when absent)
  /// `alert_rules:` Prometheus rule files or folders, relative to the site (docs/configuration.md).
  std::vector<std::string> alert_rules;

  /// The level matching `text` by id or alias (case-insensitive), or nullptr.
  /// `via_alias` is set when it matched an alias rather than the id.
  const SeverityLevel* find_severity(const std::string& text, bool* via_alias = nullptr) const;
  /// The team with id `id` (exact), or nullptr.
  const Team* find_team(const std::string& id) const;
  /// All ids, most severe first (for "allowed values" messages).
  std::vector<std::string> severity_ids() const;
  /// The level configured for `code`, or `fallback` when not overridden.
  Level rule_level(const std::string& code, Level fallback) const;
};

/// The built-in defaults (a four-level SEV1..SEV4 scale) used when site.yaml omits a section.
Config default_config();

/// True when `name` can only name a folder of themes/ (no separator, no `..`, no leading dot).
bool is_theme_name(std::string_view name);

/// Loads `site_dir/site.yaml`. Problems (missing file, malformed YAML, unknown keys with a
/// did-you-mean, bad durations) are added to `diags` with FB0xx codes; the returned Config
/// holds whatever could be read (defaults elsewhere).
Config load_config(const std::filesystem::path& site_dir, Diagnostics& diags);

/// Same, from YAML text (for tests); `file` names it in diagnostics.
Config parse_config(const std::string& yaml_text, const std::string& file, Diagnostics& diags);

}  // namespace fb
