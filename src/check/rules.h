#pragma once
// Private to src/check: the content rules behind check_site(). Per-document rules are pure functions
// of one typed document, the config and the clock (run in parallel); site rules see every document
// once through hash maps.
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fb::rules {

/// Which optional facts a document lacks, so check_site can report "none of N runbooks has an owner"
/// once instead of N times.
struct Missing {
  bool owner = false;          ///< runbook without owner (FB302)
  bool service = false;        ///< runbook without service or service folder (FB303)
  bool last_reviewed = false;  ///< runbook without last_reviewed (FB305)
  bool severity = false;       ///< PIR without severity (FB238)
};

/// FB213 times in the future, FB214 out of order, FB220/FB221 SLA breached, FB222 declared duration
/// and FB223 declared sla_breached contradicting the times.
void postmortem_times(const Config& config, const Postmortem& pm, int64_t now, Diagnostics& diags);
/// FB230-FB237 PIR completeness and deadlines, FB240/FB241 action-item dates. Sets missing.severity.
void postmortem_policy(const Config& config, const Postmortem& pm, int64_t now, Diagnostics& diags, Missing& missing);
/// FB301 sections, FB304 review overdue, FB213 last_reviewed in the future.
/// Sets missing.owner / service / last_reviewed (reported by check_site).
void runbook_rules(const Config& config, const Runbook& rb, int64_t now, Diagnostics& diags, Missing& missing);
/// FB306 alerts claimed twice, FB242 duplicate action-item ids, FB403/FB404 unknown runbook ids,
/// FB405 duplicate ids, FB406 duplicate pages, FB407 duplicate incident ids.
void site_references(const std::vector<Document>& docs, const SiteModel& model, Diagnostics& diags);
/// FB401 links to missing content pages, FB402 links to missing heading anchors.
void links(const Config& config, const std::vector<Document>& docs, Diagnostics& diags);

/// FB250-FB256: site.yaml's escalation policies against the scale, the teams and the documents (nothing
/// when site.yaml has no `escalation:`).
void escalation(const Config& config, const SiteModel& model, Diagnostics& diags);

/// Normalises a heading or section name for matching: lower-case, trimmed, without leading
/// numbering ("2. ", "Step 3:") and trailing ':' .
std::string normalise_heading(const std::string& text);

}  // namespace fb::rules
