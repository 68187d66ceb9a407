// `alerts/index.html`: every alerting rule of the site's alert_rules (or --alert-rules) with its file
// and line, severity, runbook and the runbook_url verdict, and the coverage "N of M alerts have a
// runbook". Rendered only when rules were given.
#include <string>

#include "render/pages.h"

namespace fb {
namespace {

/// `{id, label, slug, url, known, written}` of an alert's severity label (as severity_data(), whose
/// level may have no term page when no document uses it).
Data alert_severity(const RenderContext& rc, const AlertCoverageRow& row) {
  Data d;
  const std::string& written = row.rule->severity;
  d["known"] = Data(row.level != nullptr);
  if (row.level) {
    const Term* t = rc.index.severities.find(row.level->id);
    d["id"] = Data(row.level->id);
    d["label"] = Data(row.level->label);
    d["slug"] = Data(t ? t->slug : std::string("unknown"));
    set_text(d, "url", t ? t->url(rc.index.severities.key) : std::string{});
    d["rank"] = Data(std::to_string(row.level->rank));
  } else {
    d["id"] = Data(written.empty() ? std::string("none") : written);
    d["label"] = Data(written.empty() ? std::string("no severity label") : std::string("unknown severity"));
    d["slug"] = Data("unknown");
    d["url"] = Data(false);
    d["rank"] = Data("99");
  }
  set_text(d, "written", written);
  return d;
}

}  // namespace

PageData alerts_page(const RenderContext& rc) {
  PageData page;
  page.data = page_base("alerts/index.html", "Alerts", "alerts");
  Data& d = page.data;
  d["nav_alerts"] = Data(true);
  const AlertCoverage& cov = *rc.alerts;
  d["alerts"] = Data(std::to_string(cov.alerts));
  d["covered"] = Data(std::to_string(cov.covered));
  d["uncovered"] = Data(std::to_string(cov.alerts - cov.covered));
  d["rule_count"] = Data(std::to_string(cov.rows.size()));
  d["percent"] = Data(std::to_string(cov.alerts ? cov.covered * 100 / cov.alerts : 100));
  Data rows = make_list(cov.rows.size());
  for (const AlertCoverageRow& row : cov.rows) {
    const AlertRule& r = *row.rule;
    Data e;
    e["name"] = Data(r.name);
    e["file"] = Data(r.file);
    e["line"] = Data(std::to_string(r.pos.line));
    set_text(e, "group", r.group);
    set_text(e, "summary", r.summary);
    set_text(e, "runbook_url", r.runbook_url);
    e["severity"] = alert_severity(rc, row);
    e["has_runbook"] = Data(row.runbook != nullptr);
    set_text(e, "runbook_title", row.runbook ? row.runbook->doc->title : std::string{});
    set_text(e, "runbook_url_page", row.runbook ? doc_url(*row.runbook->doc) : std::string{});
    e["url_check"] = Data(runbook_url_verdict_name(row.url));
    e["url_elsewhere"] = Data(row.url == RunbookUrlVerdict::Elsewhere);
    push(rows, std::move(e));
  }
  set_list(d, "rules", std::move(rows));
  Data unknown = make_list(cov.unknown_claims.size());
  for (const UnknownAlertClaim& c : cov.unknown_claims) {
    Data e;
    e["name"] = Data(c.alert);
    e["runbook_title"] = Data(c.runbook->doc->title);
    e["runbook_url_page"] = Data(doc_url(*c.runbook->doc));
    push(unknown, std::move(e));
  }
  set_list(d, "unknown_claims", std::move(unknown));
  return page;
}

}  // namespace fb
