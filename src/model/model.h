#pragma once
/// Typed views of documents: Runbook and Postmortem, with severity normalised through the site's
/// scale, times parsed, and the PIR's durations compared with the severity's targets.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace fb {

/// A severity as written and as normalised.
struct Severity {
  std::string written;                    ///< as in the front matter ("P0"), "" when absent
  const SeverityLevel* level = nullptr;   ///< the matched level, nullptr when absent or unknown
  bool via_alias = false;                 ///< matched an alias rather than the canonical id
  /// Canonical id, or "" when unknown/absent.
  std::string id() const { return level ? level->id : std::string{}; }
};

/// One escalation step of a runbook.
struct EscalationStep {
  std::string level;
  std::string contact;
  std::optional<int64_t> after;  ///< seconds
};

/// A runbook: what to do when an alert fires or a symptom appears.
struct Runbook {
  const Document* doc = nullptr;
  std::string service;           ///< front matter, else the folder below content/runbooks/
  std::string owner;
  Severity severity;
  std::vector<std::string> alerts;
  std::vector<std::string> tags;
  std::vector<std::string> dependencies;
  std::vector<std::string> related;      ///< ids of related runbooks
  std::vector<EscalationStep> escalation;
  std::optional<int64_t> last_reviewed;  ///< epoch seconds (midnight UTC)
  std::optional<int64_t> review_every;   ///< seconds; front matter override of the site policy
  std::optional<int64_t> last_changed;   ///< date of the last git commit that changed the file (set by
                                         ///< the pipeline from the history; absent outside git)

  /// The review interval in force (front matter override, else the site's).
  int64_t review_interval(const Config& config) const;
  /// When the next review is due: last_reviewed + interval, else (never reviewed) last_changed +
  /// interval; nullopt when neither is known.
  std::optional<int64_t> review_due(const Config& config) const;
};

/// An action item from a PIR.
struct ActionItem {
  std::string id;
  std::string title;
  std::string owner;
  std::optional<int64_t> due;           ///< epoch seconds (midnight UTC of the due date)
  std::string priority;
  std::string status = "open";          ///< open | in-progress | done | wont-do (normalised lower-case, '_' -> '-')
  std::optional<int64_t> completed_at;  ///< epoch seconds
  SourcePos pos;                        ///< where the item starts in the file

  bool done() const { return status == "done" || status == "wont-do"; }
  /// Open (not done) and past its due date at `now`.
  bool overdue(int64_t now) const { return !done() && due && *due < now; }
};

/// One timeline row.
struct TimelineEvent {
  std::optional<Timestamp> at;
  std::string at_text;   ///< as written (for display when unparseable)
  std::string event;
  std::string action;
  std::string by;
};

/// Whether a measured duration met its target.
enum class SlaStatus { Met, Breached, Unknown };
/// "met" / "breached" / "unknown".
const char* sla_status_name(SlaStatus s);

/// A measured interval against a target.
struct SlaResult {
  std::optional<int64_t> actual;   ///< seconds
  std::optional<int64_t> target;   ///< seconds
  SlaStatus status = SlaStatus::Unknown;
};

/// A post-incident review.
struct Postmortem {
  const Document* doc = nullptr;
  std::string incident_id;             ///< front matter, else the document id
  Severity severity;
  std::string status = "published";    ///< draft | in-review | published
  std::vector<std::string> services;
  std::optional<Timestamp> started, detected, acknowledged, mitigated, resolved, published;
  std::optional<int64_t> declared_duration;  ///< `duration:` as written, seconds
  std::string detection_method;
  std::optional<int64_t> users_impacted;
  std::string customer_impact;
  std::vector<std::string> authors;
  std::string root_cause_category;
  std::string root_cause_summary;
  std::vector<std::string> contributing_factors;
  std::vector<std::string> triggers;
  std::vector<std::string> tags;
  std::vector<std::string> alerts;
  std::vector<std::string> runbooks;   ///< runbook ids used
  std::vector<TimelineEvent> timeline;
  std::vector<ActionItem> action_items;

  /// The incident's reference time: started, else detected, else resolved.
  std::optional<int64_t> occurred_at() const;
  std::optional<int64_t> time_to_detect() const;       ///< detected - started
  std::optional<int64_t> time_to_acknowledge() const;  ///< acknowledged - started (detected if no start)
  std::optional<int64_t> time_to_mitigate() const;     ///< mitigated - started
  std::optional<int64_t> time_to_resolve() const;      ///< resolved - started
  /// Acknowledgement against the severity's acknowledge_within.
  SlaResult acknowledge_sla() const;
  /// Resolution against the severity's resolve_within.
  SlaResult resolve_sla() const;
};

/// All typed documents of a site, in path order. Pointers refer into the documents vector the
/// model was built from, which must outlive it.
struct SiteModel {
  std::vector<Runbook> runbooks;
  std::vector<Postmortem> postmortems;
};

/// Builds the runbook view. Reports FB201 (unknown severity), FB202 (alias used, info),
/// FB210 (unparseable date) to `diags`.
Runbook make_runbook(const Config& config, const Document& doc, Diagnostics& diags);
/// Builds the PIR view. Reports FB201/FB202 and FB210 (unparseable time) / FB211 (time without a zone).
Postmortem make_postmortem(const Config& config, const Document& doc, Diagnostics& diags);

}  // namespace fb
