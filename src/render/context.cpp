#include "render/context.h"

#include "render/page_context.h"
#include "render/present.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {

void set_text(Data& d, const std::string& key, std::string value) {
  if (value.empty()) d[key] = Data(false);
  else d[key] = Data(std::move(value));
}

void set_list(Data& d, const std::string& key, Data list) {
  bool any = list.is_non_empty_list() || list.is_lambda2();  // a lambda2 is a non-empty shared_list()
  d[key] = std::move(list);
  d["has_" + key] = Data(any);
}

Data make_list(size_t reserve) {
  Data list(Data::type::list);
  // basic_data's move constructor is not noexcept, so a growing vector would deep-copy every element:
  // reserve up front whenever the size is known.
  if (reserve) const_cast<kainjow::mustache::list&>(list.list_value()).reserve(reserve);
  return list;
}

void push(Data& list, Data item) {
  // kainjow's push_back() copies the whole subtree; the list we own is not const, so append by move.
  const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(item));
}

std::string doc_url(const Document& doc) { return url_encode_path(doc.url); }

Data site_context(const RenderContext& rc) {
  const Config& c = rc.config;
  Data d;
  d["site_title"] = Data(c.title);
  set_text(d, "site_description", c.description);
  set_text(d, "base_url", c.base_url);
  d["language"] = Data(c.language.empty() ? std::string("en") : c.language);
  set_text(d, "repo_url", c.repo_url);
  d["generated"] = Data(format_date(rc.now));
  d["generated_iso"] = Data(format_rfc3339_utc(rc.now));
  d["feed_url"] = Data("postmortems/index.xml");
  // The patterns and metrics pages exist only when the lessons stage ran.
  d["has_lessons"] = Data(rc.lessons != nullptr);
  d["has_alerts_page"] = Data(rc.alerts != nullptr);  // the alerts page exists only when rules were given
  Data sevs = make_list(rc.index.severities.terms.size());
  for (const Term& t : rc.index.severities.terms) {
    Data s;
    s["id"] = Data(t.name);
    s["label"] = Data(t.level ? t.level->label : t.name);
    s["slug"] = Data(t.slug);
    s["url"] = Data(t.url(rc.index.severities.key));
    push(sevs, std::move(s));
  }
  set_list(d, "severity_scale", std::move(sevs));
  Data taxes = make_list(4);
  for (const Taxonomy* tax : rc.index.taxonomies()) {
    Data t;
    t["title"] = Data(tax->title);
    t["key"] = Data(tax->key);
    t["url"] = Data(tax->index_url());
    t["count"] = Data(std::to_string(tax->terms.size()));
    push(taxes, std::move(t));
  }
  set_list(d, "taxonomies", std::move(taxes));
  return d;
}

Data page_base(std::string_view page_url, std::string_view title, std::string_view kind) {
  Data d;
  d["root"] = Data(root_prefix(page_url));
  d["page_url"] = Data(url_encode_path(page_url));
  d["page_title"] = Data(std::string(title));
  d["page_kind"] = Data(std::string(kind));
  d["is_" + std::string(kind)] = Data(true);
  return d;
}

namespace {

/// The function object inside a shared_ref(): kainjow keeps it as a "partial", which no template of
/// ours can call (partials are inlined at load), so the type is free to mark references.
struct SharedRef {
  const Data* target;
  std::string operator()() const { return {}; }
};

Data build_severity(const RenderContext& rc, const Severity& sev) {
  Data d;
  if (sev.level) {
    d["id"] = Data(sev.level->id);
    d["label"] = Data(sev.level->label);
    d["known"] = Data(true);
    d["rank"] = Data(std::to_string(sev.level->rank));
    if (const Term* t = rc.index.severities.find(sev.level->id)) {
      d["slug"] = Data(t->slug);
      d["url"] = Data(t->url(rc.index.severities.key));
    }
  } else {
    d["id"] = Data(sev.written.empty() ? std::string("none") : sev.written);
    d["label"] = Data(sev.written.empty() ? std::string("no severity") : std::string("unknown severity"));
    d["known"] = Data(false);
    d["rank"] = Data("99");
    d["slug"] = Data("unknown");
    d["url"] = Data(rc.index.severities.index_url());
  }
  set_text(d, "written", sev.written);
  return d;
}

Data build_term_link(const Taxonomy& tax, const std::string& name, const Term* t) {
  Data d;
  d["name"] = Data(name);
  d["url"] = Data(t ? t->url(tax.key) : std::string{});
  d["linked"] = Data(t != nullptr);
  return d;
}

const std::vector<Data>* links_of(const RenderContext& rc, const Taxonomy& tax) {
  if (!rc.shared) return nullptr;
  if (&tax == &rc.index.services) return &rc.shared->services;
  if (&tax == &rc.index.tags) return &rc.shared->tags;
  if (&tax == &rc.index.owners) return &rc.shared->owners;
  return nullptr;
}

}  // namespace

Data shared_ref(const Data* target) { return Data(kainjow::mustache::partial(SharedRef{target})); }

const Data* resolve_shared_ref(const Data* v) {
  const SharedRef* r = v->partial_value().target<SharedRef>();
  return r ? r->target : v;
}

SharedValues build_shared_values(const RenderContext& rc, const SiteModel& model) {
  SharedValues sv;
  auto add = [&](const Severity& sev) {
    auto key = std::make_pair(sev.level, sev.written);
    if (!sv.severities.count(key)) sv.severities.emplace(std::move(key), build_severity(rc, sev));
  };
  for (const Runbook& rb : model.runbooks) add(rb.severity);
  for (const Postmortem& pm : model.postmortems) add(pm.severity);
  auto links = [](const Taxonomy& tax, std::vector<Data>& out) {
    out.reserve(tax.terms.size());
    for (const Term& t : tax.terms) out.push_back(build_term_link(tax, t.name, &t));
  };
  links(rc.index.services, sv.services);
  links(rc.index.tags, sv.tags);
  links(rc.index.owners, sv.owners);
  return sv;
}

Data severity_data(const RenderContext& rc, const Severity& sev) {
  if (rc.shared) {
    auto it = rc.shared->severities.find(std::make_pair(sev.level, sev.written));
    if (it != rc.shared->severities.end()) return shared_ref(&it->second);
  }
  return build_severity(rc, sev);
}

Data term_link(const RenderContext& rc, const Taxonomy& tax, const std::string& name) {
  const Term* t = tax.find(name);
  if (t)
    if (const std::vector<Data>* shared = links_of(rc, tax))
      return shared_ref(&(*shared)[static_cast<size_t>(t - tax.terms.data())]);
  return build_term_link(tax, name, t);
}

Data term_links(const RenderContext& rc, const Taxonomy& tax, const std::vector<std::string>& names) {
  Data list = make_list(names.size());
  for (const std::string& n : names)
    if (!n.empty()) push(list, term_link(rc, tax, n));
  return list;
}

Data name_list(const std::vector<std::string>& names) {
  Data list = make_list(names.size());
  for (const std::string& n : names) {
    Data d;
    d["name"] = Data(n);
    push(list, std::move(d));
  }
  return list;
}

Data runbook_row(const RenderContext& rc, const Runbook& rb) {
  const SiteIndex& ix = rc.index;
  Data d;
  d["title"] = Data(rb.doc->title);
  d["url"] = Data(doc_url(*rb.doc));
  d["id"] = Data(rb.doc->id);
  d["service"] = rb.service.empty() ? Data(false) : term_link(rc, ix.services, rb.service);
  d["owner"] = rb.owner.empty() ? Data(false) : term_link(rc, ix.owners, rb.owner);
  d["severity"] = severity_data(rc, rb.severity);
  set_list(d, "alerts", name_list(rb.alerts));
  set_list(d, "tags", term_links(rc, ix.tags, rb.tags));
  ReviewState rs = review_state(rb, rc.config, rc.now);
  Data review;
  review["state"] = Data(rs.state);
  review["note"] = Data(rs.note);
  set_text(review, "last_reviewed", rs.last_reviewed);
  set_text(review, "due", rs.due);
  review["overdue"] = Data(rs.state == "overdue");
  review["sort"] = Data(rs.due.empty() ? std::string("0000-00-00") : rs.due);
  d["review"] = std::move(review);
  return d;
}

Data postmortem_row(const RenderContext& rc, const Postmortem& pm) {
  Data d;
  d["title"] = Data(pm.doc->title);
  d["url"] = Data(doc_url(*pm.doc));
  d["id"] = Data(pm.doc->id);
  d["incident_id"] = Data(pm.incident_id);
  auto t = pm.occurred_at();
  set_text(d, "date", t ? format_date(*t) : std::string{});
  d["date_sort"] = Data(t ? format_rfc3339_utc(*t) : std::string("0000"));
  d["severity"] = severity_data(rc, pm.severity);
  set_list(d, "services", term_links(rc, rc.index.services, pm.services));
  d["status"] = Data(pm.status);
  SlaResult ttr = pm.resolve_sla();
  set_text(d, "time_to_resolve", ttr.actual ? format_duration(*ttr.actual) : std::string{});
  d["ttr_sort"] = Data(ttr.actual ? std::to_string(*ttr.actual) : std::string("-1"));
  d["ttr_status"] = Data(sla_status_name(ttr.status));
  size_t open = 0, overdue = 0;
  for (const ActionItem& ai : pm.action_items) {
    open += !ai.done();
    overdue += ai.overdue(rc.now);
  }
  d["actions_total"] = Data(std::to_string(pm.action_items.size()));
  d["actions_open"] = Data(std::to_string(open));
  d["actions_overdue"] = Data(std::to_string(overdue));
  d["has_overdue_actions"] = Data(overdue > 0);
  return d;
}

Data runbook_rows(const RenderContext& rc, const std::vector<const Runbook*>& rbs, PageData& page) {
  std::vector<const Data*> rows;
  rows.reserve(rbs.size());
  for (const Runbook* rb : rbs) rows.push_back(rc.rows->row(rb));
  return page.shared_list(*rc.rows, std::move(rows));
}

Data postmortem_rows(const RenderContext& rc, const std::vector<const Postmortem*>& pms, PageData& page) {
  std::vector<const Data*> rows;
  rows.reserve(pms.size());
  for (const Postmortem* pm : pms) rows.push_back(rc.rows->row(pm));
  return page.shared_list(*rc.rows, std::move(rows));
}

Data action_row(const RenderContext& rc, const Postmortem& pm, const ActionItem& ai, bool with_pir) {
  Data d;
  d["id"] = Data(ai.id);
  d["title"] = Data(ai.title);
  d["owner"] = ai.owner.empty() ? Data(false) : term_link(rc, rc.index.owners, ai.owner);
  set_text(d, "due", ai.due ? format_date(*ai.due) : std::string{});
  d["due_sort"] = Data(ai.due ? format_date(*ai.due) : std::string("9999-99-99"));
  set_text(d, "priority", ai.priority);
  d["status"] = Data(ai.status);
  d["status_slug"] = Data(slugify(ai.status));
  d["done"] = Data(ai.done());
  d["overdue"] = Data(ai.overdue(rc.now));
  set_text(d, "completed", ai.completed_at ? format_date(*ai.completed_at) : std::string{});
  if (with_pir) {
    d["pir_title"] = Data(pm.doc->title);
    d["pir_url"] = Data(doc_url(*pm.doc));
    d["pir_incident_id"] = Data(pm.incident_id);
  }
  return d;
}

}  // namespace fb
