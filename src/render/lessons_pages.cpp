// Contexts of /patterns/, the lessons parts of PIR and service pages (metrics: metrics_page.cpp).
#include "render/lessons_pages.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "render/present.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

constexpr PatternKind kKinds[] = {PatternKind::CategoryRecurrence, PatternKind::SimilarIncidents,
                                  PatternKind::RepeatAfterFix, PatternKind::CoOccurrence, PatternKind::RunbookGap};

const char* kind_intro(PatternKind kind) {
  switch (kind) {
    case PatternKind::CategoryRecurrence:
      return "A root-cause category that occurred at least the configured number of times within the sliding "
             "window, overall or on one service. The classic lessons-learned signal: the category keeps coming back.";
    case PatternKind::SimilarIncidents:
      return "Reviews whose root-cause texts are similar (TF-IDF cosine), grouped even when their categories differ. "
             "Recurring problems often hide behind different labels and different words.";
    case PatternKind::RepeatAfterFix:
      return "An incident related to an earlier one whose action items were all done before it started. The fix was "
             "completed and the failure came back: the most valuable finding here.";
    case PatternKind::CoOccurrence:
      return "Categories, services, tags and triggers that occur together in more incidents than chance predicts "
             "(support and lift).";
    case PatternKind::RunbookGap:
      return "Alerts, services and categories with incidents but no runbook; runbooks no incident used; incidents "
             "handled without a runbook.";
  }
  return "";
}

const char* badge_label(PatternKind kind) {
  switch (kind) {
    case PatternKind::CategoryRecurrence: return "Recurring category";
    case PatternKind::SimilarIncidents: return "Similar incidents";
    case PatternKind::RepeatAfterFix: return "Repeat after fix";
    case PatternKind::CoOccurrence: return "Co-occurrence";
    case PatternKind::RunbookGap: return "Runbook gap";
  }
  return "";
}

const Postmortem& pir(const RenderContext& rc, size_t i) { return rc.lessons->model.postmortems[i]; }

size_t index_of(const RenderContext& rc, const Postmortem& pm) {
  return static_cast<size_t>(&pm - rc.lessons->model.postmortems.data());
}

/// `{title, url, incident_id, date, severity}` of PIR `i`.
Data incident_link(const RenderContext& rc, size_t i) {
  const Postmortem& pm = pir(rc, i);
  Data d;
  d["title"] = Data(pm.doc->title);
  d["url"] = Data(doc_url(*pm.doc));
  d["incident_id"] = Data(pm.incident_id);
  auto t = pm.occurred_at();
  set_text(d, "date", t ? format_date(*t) : std::string{});
  d["severity"] = severity_data(rc, pm.severity);
  return d;
}

Data pattern_data(const RenderContext& rc, const Pattern& p) {
  const LessonsView& lv = *rc.lessons;
  Data d;
  d["id"] = Data(p.id);
  d["kind"] = Data(pattern_kind_name(p.kind));
  d["title"] = Data(p.title);
  d["why"] = Data(p.why);
  d["strength_note"] = Data(p.strength_note);
  set_text(d, "first_seen", p.first_seen ? format_date(*p.first_seen) : std::string{});
  set_text(d, "last_seen", p.last_seen ? format_date(*p.last_seen) : std::string{});
  set_list(d, "terms", name_list(p.terms));
  set_list(d, "categories", name_list(p.categories));
  set_text(d, "basis", p.basis);
  set_text(d, "fixed_at", p.fixed_at ? format_date(*p.fixed_at) : std::string{});
  size_t shown = std::min(kMembersShown, p.members.size());
  Data members = make_list(shown);
  for (size_t k = 0; k < shown; ++k) push(members, incident_link(rc, p.members[k]));
  set_list(d, "members", std::move(members));
  d["member_count"] = Data(std::to_string(p.members.size()));
  set_text(d, "more_members", p.members.size() > shown ? std::to_string(p.members.size() - shown) : std::string{});
  size_t rb_shown = std::min<size_t>(p.runbooks.size(), 100);
  Data rbs = make_list(rb_shown);
  for (size_t k = 0; k < rb_shown; ++k) {
    const Runbook& rb = lv.model.runbooks[p.runbooks[k]];
    Data r;
    r["title"] = Data(rb.doc->title);
    r["url"] = Data(doc_url(*rb.doc));
    r["id"] = Data(lv.result.runbook_keys[p.runbooks[k]]);
    push(rbs, std::move(r));
  }
  set_list(d, "runbooks", std::move(rbs));
  set_text(d, "more_runbooks", p.runbooks.size() > rb_shown ? std::to_string(p.runbooks.size() - rb_shown) : std::string{});
  return d;
}

/// `{id, label, title, kind, linked}` for a badge or a link to a pattern's anchor on /patterns/.
Data build_pattern_ref(const RenderContext& rc, size_t k) {
  const Pattern& p = rc.lessons->result.patterns[k];
  Data d;
  d["id"] = Data(p.id);
  d["kind"] = Data(pattern_kind_name(p.kind));
  d["label"] = Data(badge_label(p.kind));
  d["kind_title"] = Data(pattern_kind_title(p.kind));
  d["title"] = Data(p.title);
  d["strength_note"] = Data(p.strength_note);
  d["linked"] = Data(rc.lessons->listed[k] != 0);
  return d;
}

/// The shared reference of pattern `k` when rc.shared has them, else a new one.
Data pattern_ref(const RenderContext& rc, size_t k) {
  if (rc.shared && k < rc.shared->patterns.size()) return shared_ref(&rc.shared->patterns[k]);
  return build_pattern_ref(rc, k);
}

}  // namespace

LessonsView::LessonsView(const LessonsResult& r, const SiteModel& m) : result(r), model(m) {
  std::map<PatternKind, size_t> per_kind;
  listed.assign(r.patterns.size(), 0);
  for (size_t k = 0; k < r.patterns.size(); ++k) {
    const Pattern& p = r.patterns[k];
    listed[k] = per_kind[p.kind]++ < kPatternsListedPerKind;
    std::set<std::string> services;
    services.insert(p.services.begin(), p.services.end());
    if (p.gap == "service") services.insert(p.subject);
    for (const auto& item : p.items)
      if (item.rfind("service:", 0) == 0) services.insert(item.substr(8));
    if (p.kind == PatternKind::SimilarIncidents || p.kind == PatternKind::RepeatAfterFix)
      for (size_t i : p.members) services.insert(m.postmortems[i].services.begin(), m.postmortems[i].services.end());
    for (const auto& s : services) patterns_by_service[s].push_back(k);
  }
}

PageData patterns_page(const RenderContext& rc) {
  PageData page;
  page.data = page_base("patterns/index.html", "Patterns", "patterns");
  Data& d = page.data;
  d["nav_patterns"] = Data(true);
  const PatternPolicy& pol = rc.config.patterns;
  d["window"] = Data(format_duration(pol.window));
  d["min_occurrences"] = Data(std::to_string(pol.min_occurrences));
  d["similarity_threshold"] = Data(fmt::format("{:.2f}", pol.similarity_threshold));
  d["min_support"] = Data(std::to_string(pol.min_support));
  d["min_lift"] = Data(fmt::format("{:.1f}", pol.min_lift));
  const LessonsView& lv = *rc.lessons;
  Data kinds = make_list(std::size(kKinds));
  size_t total = 0;
  for (PatternKind kind : kKinds) {
    std::vector<size_t> of;
    for (size_t k = 0; k < lv.result.patterns.size(); ++k)
      if (lv.result.patterns[k].kind == kind) of.push_back(k);
    total += of.size();
    Data kd;
    kd["kind"] = Data(pattern_kind_name(kind));
    kd["title"] = Data(pattern_kind_title(kind));
    kd["intro"] = Data(kind_intro(kind));
    kd["count"] = Data(std::to_string(of.size()));
    size_t shown = std::min(of.size(), kPatternsListedPerKind);
    Data list = make_list(shown);
    for (size_t k = 0; k < shown; ++k) push(list, pattern_data(rc, lv.result.patterns[of[k]]));
    set_list(kd, "patterns", std::move(list));
    set_text(kd, "more", of.size() > shown ? std::to_string(of.size() - shown) : std::string{});
    push(kinds, std::move(kd));
  }
  set_list(d, "kinds", std::move(kinds));
  d["pattern_count"] = Data(std::to_string(total));
  d["incident_count"] = Data(std::to_string(lv.model.postmortems.size()));
  return page;
}

void add_postmortem_lessons(const RenderContext& rc, const Postmortem& pm, Data& d) {
  if (!rc.lessons) {
    d["lessons"] = Data(false);
    return;
  }
  const LessonsResult& r = rc.lessons->result;
  size_t i = index_of(rc, pm);
  Data out;
  Data badges = make_list(4);
  std::set<PatternKind> badged;
  for (size_t k : r.patterns_of[i]) {
    PatternKind kind = r.patterns[k].kind;
    bool badge = kind == PatternKind::CategoryRecurrence || kind == PatternKind::RepeatAfterFix ||
                 kind == PatternKind::SimilarIncidents;
    if (kind == PatternKind::RepeatAfterFix) badge = r.patterns[k].members.back() == i;  // the repeat, not the original
    if (!badge || !badged.insert(kind).second) continue;
    push(badges, pattern_ref(rc, k));
  }
  set_list(out, "badges", std::move(badges));
  Data related = make_list(r.patterns_of[i].size());
  for (size_t k : r.patterns_of[i]) push(related, pattern_ref(rc, k));
  set_list(out, "patterns", std::move(related));
  Data similar = make_list(r.similar[i].size());
  for (const SimilarIncident& s : r.similar[i]) {
    Data e = incident_link(rc, s.index);
    e["score"] = Data(fmt::format("{:.2f}", s.score));
    e["percent"] = Data(fmt::format("{:.0f}", s.score * 100));
    push(similar, std::move(e));
  }
  set_list(out, "similar", std::move(similar));
  d["lessons"] = std::move(out);
}

std::vector<Data> shared_pattern_refs(const RenderContext& rc) {
  std::vector<Data> out;
  if (!rc.lessons) return out;
  out.reserve(rc.lessons->result.patterns.size());
  for (size_t k = 0; k < rc.lessons->result.patterns.size(); ++k) out.push_back(build_pattern_ref(rc, k));
  return out;
}

void add_service_lessons(const RenderContext& rc, const std::string& service, Data& d) {
  if (!rc.lessons) {
    d["service_lessons"] = Data(false);
    return;
  }
  const LessonsView& lv = *rc.lessons;
  Data out;
  auto svc = std::find_if(lv.result.metrics.services.begin(), lv.result.metrics.services.end(),
                          [&](const ServiceReliability& s) { return s.service == service; });
  bool known = svc != lv.result.metrics.services.end();
  d["service_lessons"] = Data(false);
  out["incidents"] = Data(std::to_string(known ? svc->incidents : 0));
  set_text(out, "mtbf", known && svc->mtbf ? format_duration(static_cast<int64_t>(*svc->mtbf)) : std::string{});
  set_text(out, "first", known && svc->first ? format_date(*svc->first) : std::string{});
  set_text(out, "last", known && svc->last ? format_date(*svc->last) : std::string{});
  auto it = lv.patterns_by_service.find(service);
  size_t n = it == lv.patterns_by_service.end() ? 0 : std::min<size_t>(it->second.size(), 100);
  Data pats = make_list(n);
  for (size_t k = 0; k < n; ++k) push(pats, pattern_ref(rc, it->second[k]));
  set_list(out, "patterns", std::move(pats));
  set_text(out, "more_patterns",
           it != lv.patterns_by_service.end() && it->second.size() > n ? std::to_string(it->second.size() - n) : "");
  d["service_lessons"] = std::move(out);
}

}  // namespace fb
