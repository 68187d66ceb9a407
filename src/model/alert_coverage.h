#pragma once
/// Alert-rule coverage: which Prometheus alerts have a runbook in the site, whether each alert's
/// runbook_url points at that runbook, and what its severity label means on the site's scale.
/// Computed once per build from the rules (content/alert_rules.h) and the typed runbooks; check
/// reports on it (FB310-FB313) and render shows it (/alerts/, api/alerts.json).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "content/alert_rules.h"
#include "model/model.h"

namespace fb {

/// What a rule's runbook_url says about the runbook that claims its alert.
enum class RunbookUrlVerdict {
  Absent,     ///< no runbook_url annotation, or no runbook claims the alert
  Matches,    ///< it points at the claiming runbook
  Elsewhere,  ///< it points at another page
  Templated,  ///< the part that names the page is a template Firebreak cannot expand: not checked
};

/// "absent" / "matches" / "elsewhere" / "templated" (the alerts page and api/alerts.json).
const char* runbook_url_verdict_name(RunbookUrlVerdict v);

/// One alerting rule and what the site makes of it.
struct AlertCoverageRow {
  const AlertRule* rule = nullptr;
  const SeverityLevel* level = nullptr;  ///< the severity label on the site's scale; nullptr when unknown or absent
  bool severity_templated = false;       ///< the label is a `{{ ... }}` template: not checked
  const Runbook* runbook = nullptr;      ///< the runbook that claims the alert, nullptr when none
  bool claimed_by_name = false;          ///< claimed through the runbook's id or file name, not `alerts:`
  RunbookUrlVerdict url = RunbookUrlVerdict::Absent;
};

/// A runbook's `alerts:` entry that no rule defines.
struct UnknownAlertClaim {
  const Runbook* runbook = nullptr;
  std::string alert;
  std::string guess;  ///< the nearest alert name the rules define, "" when none is near
};

/// The coverage of a site's alerts. Rows are sorted by alert name, then file, then line.
struct AlertCoverage {
  std::vector<AlertCoverageRow> rows;
  std::vector<UnknownAlertClaim> unknown_claims;  ///< in runbook path order
  size_t alerts = 0;   ///< distinct alert names (one alert may have several rules, e.g. per severity)
  size_t covered = 0;  ///< distinct alert names a runbook claims
};

/// Lower-case ASCII letters and digits of `text` only: `KubePodCrashLooping`, `kube-pod-crash-looping`
/// and `kubepodcrashlooping` fold alike (how runbook repositories spell an alert in file names and URLs).
std::string fold_alert_name(std::string_view text);

/// What `url` (a runbook_url annotation of alert `alert`) says about runbook `rb`: it matches when its
/// last path segment (without a trailing `/`, `index.html`, `.md` or `.html`) or its `#fragment` folds
/// like the runbook's id, file name or page folder. `{{ $labels.alertname }}` (and `.Labels.alertname`,
/// with pipes) expands to the alert's name; another template in the compared part is Templated.
RunbookUrlVerdict runbook_url_verdict(const std::string& url, const std::string& alert, const Runbook& rb);

/// The coverage of `rules` by `model`'s runbooks. A runbook claims an alert by listing it in `alerts:`
/// (case-insensitive; the first runbook by path wins) or, failing that, by an id or file name that
/// folds like the alert's name (one runbook per alert, as prometheus-operator's runbooks are written).
/// Severity labels are read through Config::find_severity (ids and aliases).
AlertCoverage alert_coverage(const Config& config, const AlertRuleSet& rules, const SiteModel& model);

}  // namespace fb
