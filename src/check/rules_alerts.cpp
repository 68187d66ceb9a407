// Alert-rule coverage (FB310-FB313), from the coverage the model computed: alerts without a runbook,
// runbooks naming alerts no rule defines, runbook_url annotations pointing elsewhere, and severity
// labels the site's scale does not know. FB314/FB315 (unreadable or malformed rule files) are reported
// by the reader (content/alert_rules.cpp).
#include <set>

#include <fmt/format.h>

#include "check/check.h"
#include "util/text.h"

namespace fb {

Diagnostics check_alert_coverage(const Config& config, const AlertCoverage& coverage) {
  Diagnostics diags;
  std::set<std::string> reported;  // FB310 once per alert name, at its first rule
  for (const AlertCoverageRow& row : coverage.rows) {
    const AlertRule& r = *row.rule;
    if (!row.runbook && reported.insert(r.name).second)
      diags.add("FB310", Level::Warning, r.file, r.pos,
                r.runbook_url.empty() ? fmt::format("alert `{}` has no runbook", r.name)
                                      : fmt::format("alert `{}` has no runbook in this site (its runbook_url is {})", r.name, r.runbook_url),
                fmt::format("Write a runbook for it and list `{}` in its `alerts:`, or name the runbook after the alert.", r.name));
    if (row.url == RunbookUrlVerdict::Elsewhere)
      diags.add("FB312", Level::Warning, r.file, r.runbook_url_pos,
                fmt::format("runbook_url of alert `{}` points at {}, not at its runbook {} ({})", r.name, r.runbook_url,
                            row.runbook->doc->id, row.runbook->doc->path),
                fmt::format("Point runbook_url at the runbook's page (api/alerts.json has its URL), or move `{}` to the "
                            "runbook the URL names.", r.name));
    if (!r.severity.empty() && !row.level && !row.severity_templated)
      diags.add("FB313", Level::Warning, r.file, r.severity_pos,
                fmt::format("alert `{}` has severity `{}`, which is no id or alias of the site's severities", r.name, r.severity),
                fmt::format("Add `{}` as an alias of a level in site.yaml `severities:` (levels: {}), or fix the label.",
                            r.severity, join(config.severity_ids(), ", ")));
  }
  for (const UnknownAlertClaim& c : coverage.unknown_claims)
    diags.add("FB311", Level::Warning, c.runbook->doc->path, c.runbook->doc->fm.key("alerts"),
              fmt::format("`alerts` names `{}`, which no alerting rule defines", c.alert),
              c.guess.empty() ? "Remove the alert if it was deleted, or fix its name (alert names are case-sensitive in Prometheus)."
                              : fmt::format("Did you mean `{}`?", c.guess));
  return diags;
}

}  // namespace fb
