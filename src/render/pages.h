#pragma once
/// Template contexts, one builder per page kind. Each returns the page's own context (PageData),
/// rendered on top of site_context(); the variables of each are listed in docs/themes.md.
#include <string>

#include "render/page_context.h"

namespace fb {

/// Page template names, in the order they are looked up (each is layouts/<name>.mustache).
inline const std::vector<std::string> kPageTemplates = {"home",     "runbook",  "postmortem", "runbooks", "postmortems",
                                                        "taxonomy", "term",     "404",        "search",
                                                        "changes",  "patterns", "metrics"};

/// Home `index.html`: counts, recent PIRs, runbooks by service, quick links.
PageData home_page(const RenderContext& rc);
/// A runbook page: metadata card, review state, escalation, body, related runbooks, past incidents.
PageData runbook_page(const RenderContext& rc, const Runbook& rb);
/// A PIR page: summary card, durations against targets, root cause, timeline, action items, runbooks.
PageData postmortem_page(const RenderContext& rc, const Postmortem& pm);
/// `runbooks/index.html`: every runbook as a sortable table.
PageData runbooks_page(const RenderContext& rc);
/// `postmortems/index.html`: every PIR as a sortable table.
PageData postmortems_page(const RenderContext& rc);
/// `<taxonomy>/index.html`: the terms with counts.
PageData taxonomy_page(const RenderContext& rc, const Taxonomy& tax);
/// `<taxonomy>/<slug>/index.html`: the runbooks, incidents (and for owners, action items) of a term.
PageData term_page(const RenderContext& rc, const Taxonomy& tax, const Term& term);
/// `alerts/index.html`: every alerting rule (rc.alerts, which must be set) with its file:line, severity,
/// runbook and runbook_url verdict, and the coverage "N of M alerts have a runbook".
PageData alerts_page(const RenderContext& rc);
/// `404.html` and `search/index.html`: pages with only the basics.
PageData plain_page(const RenderContext& rc, const std::string& url, const std::string& title, const std::string& kind);

}  // namespace fb
