// `firebreak report`: compiling the period report and its JSON form.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "lessons/format.h"
#include "util/time.h"

namespace fb {
namespace {

constexpr size_t kTopPerKind = 3;
constexpr int64_t kDay = 86400;

nlohmann::ordered_json rate(std::optional<double> v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json dist_json(const Distribution& d) {
  nlohmann::ordered_json j;
  j["n"] = d.n;
  if (d.n == 0) {
    for (const char* k : {"mean", "median", "p90", "min", "q1", "q3", "max"}) j[k] = nullptr;
    return j;
  }
  j["mean"] = d.mean;
  j["median"] = d.median;
  j["p90"] = d.p90;
  j["min"] = d.min;
  j["q1"] = d.q1;
  j["q3"] = d.q3;
  j["max"] = d.max;
  return j;
}

nlohmann::ordered_json bucket_json(const MetricsBucket& b) {
  nlohmann::ordered_json j;
  j["key"] = b.key;
  j["incidents"] = b.incidents;
  j["time_to_acknowledge"] = dist_json(b.tta);
  j["time_to_resolve"] = dist_json(b.ttr);
  j["time_to_detect"] = dist_json(b.ttd);
  j["sla"] = {{"evaluated", b.sla_evaluated}, {"met", b.sla_met}, {"compliance", rate(b.sla_compliance())},
              {"acknowledge_evaluated", b.ack_evaluated}, {"acknowledge_met", b.ack_met},
              {"resolve_evaluated", b.resolve_evaluated}, {"resolve_met", b.resolve_met}};
  j["action_items"] = {{"total", b.actions}, {"completed", b.actions_completed},
                       {"completed_with_due", b.actions_completed_with_due}, {"on_time", b.actions_on_time},
                       {"on_time_rate", rate(b.action_on_time_rate())}, {"overdue", b.actions_overdue}};
  j["pirs"] = {{"published", b.pirs_published}, {"due", b.pirs_due}, {"on_time", b.pirs_on_time},
               {"on_time_rate", rate(b.pir_on_time_rate())}};
  j["recurrence"] = {{"eligible", b.recurrence_eligible}, {"recurrences", b.recurrences},
                     {"rate", rate(b.recurrence_rate())}};
  return j;
}

/// Action items open at instant t: their incident happened before t, and they were not completed by t
/// (done items without completed_at are left out: when they closed is unknown).
size_t open_at(const SiteModel& model, int64_t t) {
  size_t n = 0;
  for (const Postmortem& pm : model.postmortems) {
    auto at = pm.occurred_at();
    if (!at || *at >= t) continue;
    for (const ActionItem& a : pm.action_items) {
      if (a.done() && !a.completed_at) continue;
      n += !a.done() || *a.completed_at >= t;
    }
  }
  return n;
}

/// Fills rep.by_service and rep.by_category from the period's and the previous period's incidents.
void count_by_service_and_category(const SiteModel& model, const std::vector<size_t>& period,
                                   const std::vector<size_t>& before, PeriodReport& rep) {
  std::map<std::string, ReportCount> services, categories;
  auto add = [&](const std::vector<size_t>& list, size_t ReportCount::*field) {
    for (size_t i : list) {
      const Postmortem& pm = model.postmortems[i];
      for (const auto& s : pm.services) ++(services[s].*field);
      ++(categories[pm.root_cause_category].*field);
    }
  };
  add(period, &ReportCount::incidents);
  add(before, &ReportCount::previous);
  auto sorted = [](std::map<std::string, ReportCount>& m) {
    std::vector<ReportCount> out;
    for (auto& [key, c] : m) out.push_back({key, c.incidents, c.previous});
    std::stable_sort(out.begin(), out.end(), [](const ReportCount& a, const ReportCount& b) {
      return a.incidents != b.incidents ? a.incidents > b.incidents : a.previous > b.previous;
    });  // the map is ordered by key, so ties stay by key
    return out;
  };
  rep.by_service = sorted(services);
  rep.by_category = sorted(categories);
}

}  // namespace

PeriodReport compile_report(const Config& config, const SiteModel& model, const LessonsResult& result, int64_t now,
                            int64_t from, int64_t to) {
  PeriodReport rep;
  rep.site_title = config.title;
  rep.from = from;
  rep.to = to;
  rep.now = now;
  rep.config = &config;
  const int64_t end = to + kDay;
  std::vector<size_t> subset;
  std::vector<char> inside(model.postmortems.size(), 0);
  for (size_t i = 0; i < model.postmortems.size(); ++i) {
    auto at = model.postmortems[i].occurred_at();
    if (!at || *at < from || *at >= end) continue;
    subset.push_back(i);
    inside[i] = 1;
    const Postmortem& pm = model.postmortems[i];
    rep.incidents.push_back({result.incident_keys[i], pm.doc ? pm.doc->title : result.incident_keys[i],
                             pm.severity.id(), pm.root_cause_category, *at});
    for (auto [what, sla] : {std::pair{"acknowledge", pm.acknowledge_sla()}, std::pair{"resolve", pm.resolve_sla()}})
      if (sla.status == SlaStatus::Breached && sla.actual && sla.target)
        rep.sla_breaches.push_back({result.incident_keys[i], pm.severity.id(), what, *sla.target, *sla.actual});
  }
  std::sort(rep.incidents.begin(), rep.incidents.end(), [](const ReportIncident& a, const ReportIncident& b) {
    return a.at != b.at ? a.at < b.at : a.id < b.id;
  });
  std::sort(rep.sla_breaches.begin(), rep.sla_breaches.end(), [](const SlaBreach& a, const SlaBreach& b) {
    int64_t x = a.actual - a.target, y = b.actual - b.target;
    if (x != y) return x > y;
    return a.incident != b.incident ? a.incident < b.incident : a.what < b.what;
  });
  rep.metrics = compute_metrics(config, model, now, subset);
  rep.previous_to = from - kDay;
  rep.previous_from = from - (end - from);
  std::vector<size_t> before;
  for (size_t i = 0; i < model.postmortems.size(); ++i)
    if (auto at = model.postmortems[i].occurred_at(); at && *at >= rep.previous_from && *at < from) before.push_back(i);
  rep.previous = compute_metrics(config, model, now, before).overall;
  count_by_service_and_category(model, subset, before, rep);

  std::map<PatternKind, size_t> taken;
  for (const Pattern& p : result.patterns) {  // already strongest first within a kind
    ReportPattern rp{&p, {}};
    for (size_t m : p.members)
      if (inside[m]) rp.members_in_period.push_back(result.incident_keys[m]);
    if (rp.members_in_period.empty() || taken[p.kind] >= kTopPerKind) continue;
    ++taken[p.kind];
    rep.top_patterns.push_back(std::move(rp));
  }

  for (int64_t day = std::min(from + 6 * kDay, to); ; day = std::min(day + 7 * kDay, to)) {
    rep.burn_down.push_back({day, open_at(model, day + kDay)});
    if (day >= to) break;
  }
  for (const Postmortem& pm : model.postmortems)
    for (const ActionItem& a : pm.action_items) rep.open_actions += !a.done();
  for (size_t i = 0; i < model.postmortems.size(); ++i)
    for (const ActionItem& a : model.postmortems[i].action_items)
      if (a.overdue(now))
        rep.overdue.push_back({result.incident_keys[i], a.id, a.title, a.owner, a.priority, *a.due, (now - *a.due) / kDay});
  std::sort(rep.overdue.begin(), rep.overdue.end(), [](const OverdueAction& a, const OverdueAction& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.incident != b.incident) return a.incident < b.incident;
    return a.id < b.id;
  });
  return rep;
}

std::string report_json(const PeriodReport& rep) {
  nlohmann::ordered_json j;
  j["site"] = rep.site_title;
  j["from"] = format_date(rep.from);
  j["to"] = format_date(rep.to);
  j["as_of"] = format_rfc3339_utc(rep.now);
  j["overall"] = bucket_json(rep.metrics.overall);
  auto counts = [](const std::vector<ReportCount>& list) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& c : list) arr.push_back({{"key", c.key}, {"incidents", c.incidents}, {"previous", c.previous}});
    return arr;
  };
  j["open_action_items"] = rep.open_actions;
  j["burn_down"] = nlohmann::ordered_json::array();
  for (const auto& [day, open] : rep.burn_down) j["burn_down"].push_back({{"day", format_date(day)}, {"open", open}});
  j["sla_breaches"] = nlohmann::ordered_json::array();
  for (const auto& b : rep.sla_breaches)
    j["sla_breaches"].push_back({{"incident", b.incident}, {"severity", b.severity}, {"target_kind", b.what},
                                 {"target", b.target}, {"actual", b.actual}, {"over_by", b.actual - b.target}});
  j["by_service"] = counts(rep.by_service);
  j["by_category"] = counts(rep.by_category);
  j["previous"] = {{"from", format_date(rep.previous_from)}, {"to", format_date(rep.previous_to)},
                   {"overall", bucket_json(rep.previous)}};
  j["by_severity"] = nlohmann::ordered_json::array();
  for (const auto& b : rep.metrics.by_severity) j["by_severity"].push_back(bucket_json(b));
  j["by_month"] = nlohmann::ordered_json::array();
  for (const auto& b : rep.metrics.by_month) j["by_month"].push_back(bucket_json(b));
  j["top_patterns"] = nlohmann::ordered_json::array();
  for (const auto& rp : rep.top_patterns) {
    nlohmann::ordered_json p;
    p["kind"] = pattern_kind_name(rp.pattern->kind);
    p["id"] = rp.pattern->id;
    p["title"] = rp.pattern->title;
    p["strength"] = rp.pattern->strength;
    p["strength_note"] = rp.pattern->strength_note;
    p["members_in_period"] = rp.members_in_period;
    p["members_total"] = rp.pattern->members.size();
    j["top_patterns"].push_back(std::move(p));
  }
  j["overdue_action_items"] = nlohmann::ordered_json::array();
  for (const auto& o : rep.overdue)
    j["overdue_action_items"].push_back({{"incident", o.incident}, {"id", o.id}, {"title", o.title},
                                         {"owner", o.owner}, {"priority", o.priority}, {"due", format_date(o.due)},
                                         {"days_overdue", o.days_overdue}});
  j["incidents"] = nlohmann::ordered_json::array();
  for (const auto& i : rep.incidents)
    j["incidents"].push_back({{"id", i.id}, {"title", i.title}, {"severity", i.severity}, {"category", i.category},
                              {"occurred_at", format_rfc3339_utc(i.at)}});
  return j.dump(2) + "\n";
}

}  // namespace fb
