#include "check/codes.h"

#include <algorithm>

namespace fb {

const std::vector<CodeInfo>& all_codes() {
  static const std::vector<CodeInfo> codes = [] {
    std::vector<CodeInfo> c = {
        {"FB006", "UnknownTheme", Level::Error, "site.yaml names a theme that is in neither the site's themes/ nor the installed themes.", "Fix the name (a did-you-mean is given), add the theme, or remove `theme:`."},
        {"FB007", "UnsafeOutputDirectory", Level::Error, "The output directory is one a build must not replace: the site root or an ancestor, a site, a file, or a folder Firebreak did not make.", "Choose a new or empty folder (--out or output_dir)."},
        {"FB001", "UnknownConfigKey", Level::Error, "site.yaml has a key Firebreak does not know.", "Fix the spelling (a did-you-mean is given) or remove the key."},
        {"FB002", "InvalidConfigValue", Level::Error, "A site.yaml value has the wrong shape or type.", "Write the value as docs/configuration.md describes."},
        {"FB003", "InvalidConfigSyntax", Level::Error, "site.yaml is not valid YAML, or a duration in it cannot be read.", "Fix the YAML near the position; write durations as 90s, 5m, 2h, 3d, 2w."},
        {"FB004", "MissingConfig", Level::Error, "There is no readable site.yaml in the site directory.", "Run in the site root, pass --site DIR, or create site.yaml."},
        {"FB005", "DuplicateKey", Level::Error, "A key is written twice in one YAML mapping (front matter, a data file or site.yaml); only the last value would be kept.", "Remove one of the two, or merge their values."},
        {"FB100", "SchemaUnavailable", Level::Error, "A front-matter JSON Schema could not be loaded.", "Reinstall Firebreak, or fix the site's own schema/ files."},
        {"FB101", "MissingRequiredKey", Level::Error, "A key the schema requires is missing.", "Add the key."},
        {"FB102", "UnknownKey", Level::Warning, "A front-matter key is not in the schema (probably a typo).", "Fix the spelling, map it with site.yaml fields:, or prefix it with x-."},
        {"FB103", "WrongType", Level::Error, "A front-matter value has the wrong type.", "Write the value with the type the message names."},
        {"FB104", "ValueNotAllowed", Level::Error, "A front-matter value is not one of the allowed values.", "Use one of the listed values."},
        {"FB105", "InvalidFormat", Level::Error, "A value is not a valid date, time, URI or e-mail address.", "Write dates as YYYY-MM-DD and times as RFC 3339 with a zone."},
        {"FB106", "ConstraintViolated", Level::Error, "A value breaks a length, count, pattern, range or uniqueness limit of the schema.", "Change the value to meet the limit the message names."},
        {"FB107", "NoAlternativeMatched", Level::Error, "A value matches none of the shapes the schema allows.", "Write it in one of the documented forms."},
        {"FB201", "UnknownSeverity", Level::Error, "The severity is not an id or alias of site.yaml's scale.", "Use one of the listed ids, or add an alias in site.yaml."},
        {"FB202", "SeverityAlias", Level::Info, "The severity is written as an alias of a canonical id.", "Write the canonical id, or turn the rule off."},
        {"FB210", "UnparseableTime", Level::Error, "A date or time cannot be read.", "Write dates as YYYY-MM-DD and times as RFC 3339 (2026-03-04T13:52:00Z)."},
        {"FB211", "TimeWithoutZone", Level::Warning, "A time has no time zone and is read as UTC.", "Add Z or an offset such as +01:00."},
        {"FB212", "UnparseableDuration", Level::Error, "A duration cannot be read.", "Write a number and a unit: 45m, 2h, 1h30m, 3d."},
        {"FB213", "TimeInFuture", Level::Error, "A time or date lies after --now.", "Fix the date (often a wrong year or month)."},
        {"FB214", "TimesOutOfOrder", Level::Error, "Life-cycle times are not in the order started, detected, acknowledged, mitigated, resolved.", "Fix the time that is out of order."},
        {"FB220", "AcknowledgeSlaBreached", Level::Info, "Acknowledgement took longer than the severity's acknowledge_within.", "A fact to review; change the level in site.yaml rules: to make it stricter."},
        {"FB221", "ResolveSlaBreached", Level::Info, "Resolution took longer than the severity's resolve_within.", "A fact to review; change the level in site.yaml rules: to make it stricter."},
        {"FB222", "DurationContradictsTimes", Level::Error, "The declared duration disagrees with resolved_at - started_at.", "Fix the duration or the times."},
        {"FB223", "SlaVerdictContradictsTimes", Level::Error, "The declared sla_breached disagrees with the SLA computed from the times.", "Fix sla_breached or the times, or remove sla_breached."},
        {"FB230", "RootCauseCategoryMissing", Level::Error, "A published PIR of a severity that requires a PIR has no root-cause category.", "Add root_cause.category from site.yaml root_cause_categories."},
        {"FB231", "RootCauseCategoryUnknown", Level::Error, "The root-cause category is not in site.yaml's root_cause_categories.", "Use a listed category or add it to site.yaml."},
        {"FB232", "RootCauseSummaryMissing", Level::Error, "A published PIR of a severity that requires a PIR has no root-cause summary.", "Add root_cause.summary."},
        {"FB233", "ActionItemsMissing", Level::Error, "A published PIR of a severity that requires a PIR has no action items.", "Add action_items, each with owner and due date."},
        {"FB234", "ActionItemOwnerMissing", Level::Error, "An action item of a required PIR has no owner.", "Add owner: to the item."},
        {"FB235", "ActionItemDueMissing", Level::Error, "An action item of a required PIR has no due date.", "Add due: YYYY-MM-DD to the item."},
        {"FB236", "PirPublishedLate", Level::Warning, "The PIR was published later than the severity's pir_due_within after resolution.", "A fact to review; publish PIRs within the policy."},
        {"FB237", "PirOverdue", Level::Warning, "A required PIR is still unpublished after pir_due_within.", "Finish and publish the review (status: published, published_at)."},
        {"FB238", "SeverityMissing", Level::Warning, "A PIR has no severity, so no SLA or PIR policy applies.", "Add severity: with an id from site.yaml."},
        {"FB240", "ActionItemOverdue", Level::Warning, "An open action item is past its due date.", "Finish it, move the date, or set status: wont-do."},
        {"FB241", "ActionItemDueBeforeIncident", Level::Error, "An action item is due before the incident started.", "Fix the due date (often a wrong year)."},
        {"FB242", "DuplicateActionItemId", Level::Error, "Two action items share an id.", "Give every action item a unique id."},
        {"FB250", "EscalationPolicyMissing", Level::Warning, "site.yaml has escalation: but no severity-wide policy for a severity.", "Add a policy for it; tiers: [] when nobody is paged."},
        {"FB251", "EscalationTiersOutOfOrder", Level::Error, "An escalation tier's after is not later than the tier before it.", "Make after grow from tier to tier; contacts paged together go in one tier."},
        {"FB252", "EscalationUnknownTeam", Level::Error, "An escalation policy names a team that site.yaml teams does not declare.", "Fix the team id (a did-you-mean is given) or declare it under teams:."},
        {"FB253", "EscalationUnknownSeverity", Level::Error, "An escalation policy names a severity that is not an id or alias of severities.", "Use one of the listed ids."},
        {"FB254", "EscalationSlowerThanAcknowledge", Level::Warning, "An escalation policy's first tier is paged later than the severity's acknowledge_within.", "Page the first tier within the acknowledgement target (after: 0m)."},
        {"FB255", "EscalationPolicyDuplicate", Level::Error, "Two escalation policies have the same severity and scope.", "Merge them, or scope one to a service: or team:."},
        {"FB256", "EscalationScopeUnused", Level::Warning, "An escalation policy's service: or team: matches no runbook or PIR.", "Fix the spelling against the documents' service or owner."},
        {"FB301", "RequiredSectionMissing", Level::Warning, "A runbook lacks a section site.yaml requires.", "Add the heading (or a synonym), or change runbooks.required_sections."},
        {"FB302", "OwnerMissing", Level::Warning, "A runbook has no owner.", "Add owner: with the owning team."},
        {"FB303", "ServiceMissing", Level::Warning, "A runbook has no service and is not in a service folder.", "Add service:, or move it into content/runbooks/<service>/."},
        {"FB304", "ReviewOverdue", Level::Warning, "A runbook's last review is older than its review interval.", "Review it and update last_reviewed."},
        {"FB305", "NeverReviewed", Level::Info, "A runbook has no last_reviewed date.", "Add last_reviewed: YYYY-MM-DD after a review."},
        {"FB306", "AlertClaimedTwice", Level::Error, "Two runbooks claim the same alert.", "Keep the alert in one runbook and link to it from the other."},
        {"FB310", "AlertWithoutRunbook", Level::Warning, "An alerting rule's alert is claimed by no runbook.", "Write a runbook that lists the alert in alerts: (or is named after it)."},
        {"FB311", "UnknownAlert", Level::Warning, "A runbook's alerts: names an alert that no alerting rule defines.", "Remove the stale alert or fix its name (a did-you-mean is given)."},
        {"FB312", "RunbookUrlElsewhere", Level::Warning, "An alert's runbook_url annotation points elsewhere than the runbook that claims the alert.", "Point runbook_url at the runbook's page, or move the alert to the runbook the URL names."},
        {"FB313", "AlertSeverityUnknown", Level::Warning, "An alert's severity label is not an id or alias of site.yaml's severities.", "Add the label's value as an alias of a level, or fix the label."},
        {"FB314", "AlertRulesUnreadable", Level::Error, "A rule file given by alert_rules or --alert-rules cannot be read, is too large, or is not YAML.", "Fix the path or the YAML near the position."},
        {"FB315", "AlertRulesMalformed", Level::Warning, "A rule file has no groups, or a group or rule is not the shape Prometheus reads; that part is skipped.", "Write Prometheus rule groups (groups: - name: .. rules: - alert: ..) or a PrometheusRule."},
        {"FB401", "LinkToMissingPage", Level::Error, "A link points to a content file that does not exist.", "Fix the path (relative to the linking file)."},
        {"FB402", "LinkToMissingAnchor", Level::Error, "A link points to a heading anchor the target page does not have.", "Use one of the target's anchors (a did-you-mean is given)."},
        {"FB403", "UnknownRelatedRunbook", Level::Error, "related: names a runbook id that does not exist.", "Use an existing runbook id (a did-you-mean is given)."},
        {"FB404", "UnknownPirRunbook", Level::Error, "A PIR's runbooks: names a runbook id that does not exist.", "Use an existing runbook id (a did-you-mean is given)."},
        {"FB405", "DuplicateId", Level::Error, "Two documents of the same kind have the same id.", "Give one of them another id: (or rename the file)."},
        {"FB406", "DuplicatePage", Level::Error, "Two content files would be published at the same URL.", "Rename or remove one of them."},
        {"FB407", "DuplicateIncidentId", Level::Error, "Two PIRs have the same incident_id.", "Give each incident its own id."},
        {"FB501", "UnreadableFile", Level::Error, "A content file cannot be read.", "Check the file's permissions."},
        {"FB502", "InvalidUtf8", Level::Error, "A content file is not valid UTF-8.", "Save the file as UTF-8."},
        {"FB503", "InvalidFrontMatterYaml", Level::Error, "The front matter is not valid YAML.", "Fix the YAML near the position; quote values with ': '."},
        {"FB504", "UnterminatedFrontMatter", Level::Error, "Front matter starts with --- but is never closed.", "Add --- after the last front-matter line."},
        {"FB505", "FrontMatterNotAMapping", Level::Error, "The front matter is not a mapping of key: value lines.", "Write one key: value per line between the --- fences."},
        {"FB506", "SymlinkOutsideSite", Level::Error, "A content file or folder is a symlink that resolves outside the site.", "Keep content inside the site directory; symlinks within the site are fine."},
        {"FB507", "UnreadableFolder", Level::Error, "A folder below content/ cannot be read, so its files would be missing from the site.", "Check the folder's permissions (read and search)."},
        {"FB508", "UnreadableFrontMatterFence", Level::Error, "A file starts like front matter that cannot be read as such (lone-CR line endings, two byte-order marks).", "Save as UTF-8 with LF or CRLF line endings and at most one BOM."},
        {"FB604", "DiagramLibraryMissing", Level::Warning, "A page has a ```mermaid diagram but the theme has no mermaid bundle (assets/vendor/mermaid.min.js): the diagram shows as code.", "Run scripts/install-theme-vendor.sh (or scripts/install-deps.sh), which installs the pinned mermaid from npm."},
        {"FB801", "NoGitHistory", Level::Info, "The site is not in a git repository (or it has no commits): no last-changed dates or change list.", "Commit the site to git; see docs/git.md."},
        {"FB802", "ShallowClone", Level::Info, "The repository is a shallow clone: history stops at the clone boundary.", "Fetch the full history (git fetch --unshallow, fetch-depth: 0 in CI)."},
        {"FB803", "HistoryTruncated", Level::Info, "The history walk stopped at git.max_commits.", "Raise git.max_commits in site.yaml."},
        {"FB804", "GitUnreadable", Level::Warning, "The git repository could not be read; the site is built without (part of) its history.", "Check the repository with git status and git fsck."},
    };
    std::sort(c.begin(), c.end(), [](const CodeInfo& a, const CodeInfo& b) { return std::string(a.code) < b.code; });
    return c;
  }();
  return codes;
}

const CodeInfo* find_code(const std::string& code) {
  const auto& c = all_codes();
  auto it = std::lower_bound(c.begin(), c.end(), code, [](const CodeInfo& a, const std::string& k) { return a.code < k; });
  return it != c.end() && it->code == code ? &*it : nullptr;
}

}  // namespace fb
