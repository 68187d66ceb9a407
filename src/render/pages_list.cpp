// Contexts of the listing pages: home, section lists, taxonomy and term pages, 404 and search.
#include <algorithm>

#include "render/escalation_view.h"
#include "render/lessons_pages.h"
#include "render/pages.h"
#include "render/present.h"
#include "util/time.h"

namespace fb {

namespace {

constexpr size_t kRecentIncidents = 10;
constexpr size_t kRunbooksPerServiceOnHome = 5;
/// With more services than this, the home page lists them without their runbooks.
constexpr size_t kServicesWithRunbooksOnHome = 24;

std::string count(size_t n) { return std::to_string(n); }

/// Targets of a severity level, for severity term pages and the severities index.
void set_level_info(Data& d, const SeverityLevel* level) {
  d["label"] = Data(level ? level->label : std::string{});
  set_text(d, "acknowledge_within", level && level->acknowledge_within ? format_duration(*level->acknowledge_within) : "");
  set_text(d, "resolve_within", level && level->resolve_within ? format_duration(*level->resolve_within) : "");
  set_text(d, "pir_due_within", level && level->pir_due_within ? format_duration(*level->pir_due_within) : "");
  d["pir_required"] = Data(level && level->pir_required);
}

Data home_services(const RenderContext& rc, bool compact) {
  const size_t per_service = compact ? 0 : kRunbooksPerServiceOnHome;
  Data list = make_list(rc.index.services.terms.size());
  for (const Term& t : rc.index.services.terms) {
    if (t.runbooks.empty()) continue;
    Data s;
    s["name"] = Data(t.name);
    s["url"] = Data(t.url(rc.index.services.key));
    s["runbook_count"] = Data(count(t.runbooks.size()));
    s["incident_count"] = Data(count(t.postmortems.size()));
    Data rbs = make_list(std::min(t.runbooks.size(), per_service));
    for (size_t i = 0; i < t.runbooks.size() && i < per_service; ++i) {
      Data r;
      r["title"] = Data(t.runbooks[i]->doc->title);
      r["url"] = Data(doc_url(*t.runbooks[i]->doc));
      push(rbs, std::move(r));
    }
    s["runbooks"] = std::move(rbs);
    size_t more = t.runbooks.size() > per_service ? t.runbooks.size() - per_service : 0;
    set_text(s, "more", more ? count(more) : std::string{});
    push(list, std::move(s));
  }
  return list;
}

}  // namespace

PageData home_page(const RenderContext& rc) {
  const SiteIndex& ix = rc.index;
  PageData page;
  page.data = page_base("index.html", rc.config.title, "home");
  Data& d = page.data;
  d["nav_home"] = Data(true);
  d["runbooks_count"] = Data(count(ix.runbooks.size()));
  d["postmortems_count"] = Data(count(ix.postmortems.size()));
  d["services_count"] = Data(count(ix.services.terms.size()));
  d["tags_count"] = Data(count(ix.tags.terms.size()));
  d["owners_count"] = Data(count(ix.owners.terms.size()));
  d["open_actions"] = Data(count(ix.open_actions));
  d["overdue_actions"] = Data(count(ix.overdue_actions));
  d["has_overdue_actions"] = Data(ix.overdue_actions > 0);
  d["reviews_overdue"] = Data(count(ix.reviews_overdue));
  d["has_reviews_overdue"] = Data(ix.reviews_overdue > 0);
  std::vector<const Postmortem*> recent(ix.postmortems.begin(),
                                        ix.postmortems.begin() + std::min(kRecentIncidents, ix.postmortems.size()));
  set_list(d, "recent", postmortem_rows(rc, recent, page));
  size_t with_runbooks = 0;
  for (const Term& t : ix.services.terms) with_runbooks += !t.runbooks.empty();
  const bool compact = with_runbooks > kServicesWithRunbooksOnHome;
  d["services_compact"] = Data(compact);
  set_list(d, "services", home_services(rc, compact));
  Data sev = make_list(ix.severities.terms.size());
  for (const Term& t : ix.severities.terms) {
    Data s;
    s["id"] = Data(t.name);
    s["slug"] = Data(t.slug);
    s["url"] = Data(t.url(ix.severities.key));
    s["label"] = Data(t.level ? t.level->label : t.name);
    s["incidents"] = Data(count(t.postmortems.size()));
    s["runbooks"] = Data(count(t.runbooks.size()));
    push(sev, std::move(s));
  }
  set_list(d, "severity_counts", std::move(sev));
  return page;
}

PageData runbooks_page(const RenderContext& rc) {
  PageData page;
  page.data = page_base("runbooks/index.html", "Runbooks", "runbooks");
  Data& d = page.data;
  d["nav_runbooks"] = Data(true);
  d["count"] = Data(count(rc.index.runbooks.size()));
  set_list(d, "runbooks", runbook_rows(rc, rc.index.runbooks, page));
  return page;
}

PageData postmortems_page(const RenderContext& rc) {
  PageData page;
  page.data = page_base("postmortems/index.html", "Post-incident reviews", "postmortems");
  Data& d = page.data;
  d["nav_postmortems"] = Data(true);
  d["count"] = Data(count(rc.index.postmortems.size()));
  set_list(d, "incidents", postmortem_rows(rc, rc.index.postmortems, page));
  return page;
}

PageData taxonomy_page(const RenderContext& rc, const Taxonomy& tax) {
  PageData page;
  page.data = page_base(tax.index_url(), tax.title, "taxonomy");
  Data& d = page.data;
  d["nav_" + tax.key] = Data(true);
  d["taxonomy"] = Data(tax.key);
  d["singular"] = Data(tax.singular);
  d["is_severities"] = Data(&tax == &rc.index.severities);
  d["is_owners"] = Data(&tax == &rc.index.owners);
  set_list(d, "escalation_matrix", &tax == &rc.index.severities ? escalation_matrix(rc.config) : make_list());
  d["count"] = Data(count(tax.terms.size()));
  Data terms = make_list(tax.terms.size());
  for (const Term& t : tax.terms) {
    Data e;
    e["name"] = Data(t.name);
    e["slug"] = Data(t.slug);
    e["url"] = Data(t.url(tax.key));
    e["runbooks"] = Data(count(t.runbooks.size()));
    e["incidents"] = Data(count(t.postmortems.size()));
    e["actions"] = Data(count(t.actions.size()));
    set_level_info(e, t.level);
    push(terms, std::move(e));
  }
  set_list(d, "terms", std::move(terms));
  return page;
}

PageData term_page(const RenderContext& rc, const Taxonomy& tax, const Term& term) {
  std::string title = tax.singular + ": " + term.name;
  if (term.level && !term.level->label.empty()) title += " (" + term.level->label + ")";
  PageData page;
  page.data = page_base(term.url(tax.key), title, "term");
  Data& d = page.data;
  d["nav_" + tax.key] = Data(true);
  d["name"] = Data(term.name);
  d["slug"] = Data(term.slug);
  Data t;
  t["key"] = Data(tax.key);
  t["title"] = Data(tax.title);
  t["singular"] = Data(tax.singular);
  t["url"] = Data(tax.index_url());
  d["taxonomy"] = std::move(t);
  d["is_severity"] = Data(term.level != nullptr);
  set_level_info(d, term.level);
  set_list(d, "runbooks", runbook_rows(rc, term.runbooks, page));
  set_list(d, "incidents", postmortem_rows(rc, term.postmortems, page));
  Data actions = make_list(term.actions.size());
  for (const OwnedAction& a : term.actions) push(actions, action_row(rc, *a.pir, *a.item, true));
  set_list(d, "actions", std::move(actions));
  if (&tax == &rc.index.services) add_service_lessons(rc, term.name, d);
  else d["service_lessons"] = Data(false);
  return page;
}

PageData plain_page(const RenderContext&, const std::string& url, const std::string& title, const std::string& kind) {
  PageData page;
  page.data = page_base(url, title, kind);
  Data& d = page.data;
  d["nav_" + kind] = Data(true);
  return page;
}

}  // namespace fb
