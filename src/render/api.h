#pragma once
/// The JSON API: `api/runbooks.json`, `api/postmortems.json` and `api/alerts.json`. Objects have sorted
/// keys (nlohmann::json's std::map), arrays follow the site index's explicit orders, so the bytes are
/// stable. Every `url` is relative to the site root; `absolute_url` is added when `base_url` is set.
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "model/alert_coverage.h"
#include "render/site_index.h"
#include "vcs/history.h"

namespace fb {

/// `j` exactly as `j.dump(2, ' ', false, replace)` plus a final newline writes it (what every API file
/// is), written without nlohmann's per-byte UTF-8 decoding of ASCII strings.
std::string dump_api_json(const nlohmann::json& j);

/// `{"count": n, "generated": now, "runbooks": [{id, title, url, service, owner, severity, alerts, tags,
/// dependencies, related, last_reviewed, review_due, review_state, postmortems: [incident ids]}]}`,
/// runbooks sorted by title.
/// With `history`, each runbook also has the git fields of add_git_json (last_changed, last_author, ...).
std::string api_runbooks(const Config& config, const SiteIndex& index, int64_t now,
                         const SiteHistory* history = nullptr);

/// `{"count": n, "generated": now, "postmortems": [{id, incident_id, title, url, severity, status,
/// services, started_at.., durations in seconds, sla verdicts, root_cause, action item counts, runbooks,
/// alerts, tags}]}`, newest first.
/// With `history`, each PIR also has the git fields of add_git_json.
std::string api_postmortems(const Config& config, const SiteIndex& index, int64_t now,
                            const SiteHistory* history = nullptr);

/// `{"alerts": {"AlertName": {"runbook": id, "title": t, "url": "runbooks/x/index.html",
/// "absolute_url": "https://…" (only with base_url), "also": [other runbook ids] (only when several
/// runbooks list the alert)}}}`: ready for Prometheus `runbook_url` annotations.
/// With `coverage` (alert rules were given) the map also has the alerts claimed by a runbook's id or
/// file name, and the file gains `"coverage": {"alerts": M, "covered": N}` and `"rules": [{alert, file,
/// line, group, severity (site id or null), severity_label (as written), runbook (id or null), title,
/// url, runbook_url, runbook_url_check (matches|elsewhere|templated|absent), summary}]` in the order of
/// the alerts page (alert name, file, line).
std::string api_alerts(const Config& config, const SiteIndex& index, const AlertCoverage* coverage = nullptr);

}  // namespace fb
