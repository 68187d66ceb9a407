#include "lessons/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "util/time.h"

namespace fb {
namespace {

constexpr int64_t kDay = 86400;
constexpr size_t kMaxBurndownMonths = 120;

std::optional<double> ratio(size_t num, size_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

/// Month index (year*12 + month-1) of an instant, and the epoch of a month index's first second.
int month_index(int64_t epoch) {
  std::string m = format_month(epoch);  // YYYY-MM
  return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)) - 1;
}
int64_t month_start(int index) { return *days_from_civil(index / 12, index % 12 + 1, 1) * kDay; }
std::string month_key(int index) { return format_month(month_start(index)); }

/// Values of the PIR's durations, gathered per bucket before summarising.
struct Accumulator {
  MetricsBucket bucket;
  std::vector<double> tta, ttr, ttd;
};

void add_incident(Accumulator& acc, const Postmortem& pm, int64_t now, bool recurrence, bool recurrence_eligible) {
  MetricsBucket& b = acc.bucket;
  ++b.incidents;
  if (auto v = pm.time_to_acknowledge(); v && *v >= 0) acc.tta.push_back(static_cast<double>(*v));
  if (auto v = pm.time_to_detect(); v && *v >= 0) acc.ttd.push_back(static_cast<double>(*v));
  if (auto v = pm.time_to_resolve(); v && *v >= 0) acc.ttr.push_back(static_cast<double>(*v));
  SlaStatus ack = pm.acknowledge_sla().status, res = pm.resolve_sla().status;
  if (ack != SlaStatus::Unknown) {
    ++b.ack_evaluated;
    if (ack == SlaStatus::Met) ++b.ack_met;
  }
  if (res != SlaStatus::Unknown) {
    ++b.resolve_evaluated;
    if (res == SlaStatus::Met) ++b.resolve_met;
  }
  if (ack != SlaStatus::Unknown || res != SlaStatus::Unknown) {
    ++b.sla_evaluated;
    if (ack != SlaStatus::Breached && res != SlaStatus::Breached) ++b.sla_met;
  }
  for (const ActionItem& a : pm.action_items) {
    ++b.actions;
    if (a.status == "done") {
      ++b.actions_completed;
      if (a.completed_at && a.due) {
        ++b.actions_completed_with_due;
        if (*a.completed_at / kDay <= *a.due / kDay) ++b.actions_on_time;
      }
    }
    if (a.overdue(now)) ++b.actions_overdue;
  }
  if (pm.status == "published") ++b.pirs_published;
  // On-time verdict is known when the PIR was published (with a time), or when its deadline has passed.
  const SeverityLevel* level = pm.severity.level;
  if (level && level->pir_due_within && pm.resolved) {
    int64_t deadline = pm.resolved->epoch + *level->pir_due_within;
    bool published = pm.status == "published" && pm.published;
    if (published || deadline < now) {
      ++b.pirs_due;
      if (published && pm.published->epoch <= deadline) ++b.pirs_on_time;
    }
  }
  if (recurrence_eligible) {
    ++b.recurrence_eligible;
    if (recurrence) ++b.recurrences;
  }
}

MetricsBucket finish(Accumulator& acc) {
  acc.bucket.tta = summarise(std::move(acc.tta));
  acc.bucket.ttd = summarise(std::move(acc.ttd));
  acc.bucket.ttr = summarise(std::move(acc.ttr));
  return acc.bucket;
}

/// Per PIR: 1 when an earlier incident (by time, then key order = index order as tie-break) has the
/// same root-cause category, shares a service and started at most `window` before it.
std::vector<char> recurrence_flags(const SiteModel& model, int64_t window, std::vector<char>& eligible) {
  const size_t n = model.postmortems.size();
  std::vector<char> flags(n, 0);
  eligible.assign(n, 0);
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<int64_t, size_t>>> groups;
  for (size_t i = 0; i < n; ++i) {
    const Postmortem& pm = model.postmortems[i];
    auto at = pm.occurred_at();
    if (!at || pm.root_cause_category.empty() || pm.services.empty()) continue;
    eligible[i] = 1;
    std::vector<std::string> services = pm.services;
    std::sort(services.begin(), services.end());
    services.erase(std::unique(services.begin(), services.end()), services.end());
    for (const auto& s : services) groups[{s, pm.root_cause_category}].push_back({*at, i});
  }
  for (auto& [key, list] : groups) {
    std::sort(list.begin(), list.end());
    for (size_t k = 1; k < list.size(); ++k)
      if (list[k].first - list[k - 1].first <= window) flags[list[k].second] = 1;
  }
  return flags;
}

void compute_burndown(const SiteModel& model, const std::vector<size_t>& subset, int64_t now, Metrics& m) {
  struct Item { int64_t created; std::optional<int64_t> closed; std::optional<int64_t> due; };
  std::vector<Item> items;
  for (size_t i : subset) {
    const Postmortem& pm = model.postmortems[i];
    std::optional<int64_t> created = pm.resolved ? std::optional<int64_t>(pm.resolved->epoch) : pm.occurred_at();
    if (!created) continue;
    for (const ActionItem& a : pm.action_items) {
      if (a.done() && !a.completed_at) continue;  // closed at an unknown time: never counted as open
      items.push_back({*created, a.done() ? a.completed_at : std::nullopt, a.due});
    }
  }
  if (items.empty()) return;
  int first = month_index(std::min_element(items.begin(), items.end(), [](auto& a, auto& b) {
                            return a.created < b.created;
                          })->created);
  int last = month_index(std::max_element(items.begin(), items.end(), [](auto& a, auto& b) {
                           return a.created < b.created;
                         })->created);
  if (now >= month_start(first)) last = std::max(last, month_index(now));
  if (static_cast<size_t>(last - first + 1) > kMaxBurndownMonths) first = last - static_cast<int>(kMaxBurndownMonths) + 1;
  for (int mi = first; mi <= last; ++mi) {
    int64_t end = month_start(mi + 1);
    BurndownPoint p{month_key(mi), 0, 0};
    for (const Item& it : items) {
      if (it.created >= end || (it.closed && *it.closed < end)) continue;
      ++p.open;
      if (it.due && *it.due < end) ++p.overdue;
    }
    m.burndown.push_back(std::move(p));
  }
}

}  // namespace

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  double h = (static_cast<double>(sorted.size()) - 1) * std::clamp(p, 0.0, 100.0) / 100.0;
  size_t lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Distribution summarise(std::vector<double> values) {
  Distribution d;
  d.n = values.size();
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  d.min = values.front();
  d.max = values.back();
  d.q1 = percentile(values, 25);
  d.median = percentile(values, 50);
  d.q3 = percentile(values, 75);
  d.p90 = percentile(values, 90);
  return d;
}

std::optional<double> MetricsBucket::sla_compliance() const { return ratio(sla_met, sla_evaluated); }
std::optional<double> MetricsBucket::action_on_time_rate() const {
  return ratio(actions_on_time, actions_completed_with_due);
}
std::optional<double> MetricsBucket::pir_on_time_rate() const { return ratio(pirs_on_time, pirs_due); }
std::optional<double> MetricsBucket::recurrence_rate() const { return ratio(recurrences, recurrence_eligible); }

Metrics compute_metrics(const Config& config, const SiteModel& model, int64_t now) {
  std::vector<size_t> all(model.postmortems.size());
  std::iota(all.begin(), all.end(), size_t{0});
  return compute_metrics(config, model, now, all);
}

Metrics compute_metrics(const Config& config, const SiteModel& model, int64_t now, const std::vector<size_t>& subset) {
  Metrics m;
  std::vector<char> eligible;
  m.recurrence = recurrence_flags(model, config.patterns.window, eligible);

  Accumulator overall;
  overall.bucket.key = "all";
  std::vector<Accumulator> sev(config.severities.size());
  for (size_t s = 0; s < sev.size(); ++s) sev[s].bucket.key = config.severities[s].id;
  Accumulator unknown;
  unknown.bucket.key = "unknown";
  std::map<int, Accumulator> months;
  std::map<int, std::vector<size_t>> month_sev;
  std::map<std::string, std::vector<int64_t>> service_times;

  for (size_t i : subset) {
    const Postmortem& pm = model.postmortems[i];
    bool rec = m.recurrence[i], elig = eligible[i];
    add_incident(overall, pm, now, rec, elig);
    size_t s = sev.size();
    for (size_t k = 0; k < config.severities.size(); ++k)
      if (pm.severity.level && pm.severity.level->id == config.severities[k].id) s = k;
    add_incident(s < sev.size() ? sev[s] : unknown, pm, now, rec, elig);
    auto at = pm.occurred_at();
    if (!at) {
      ++m.undated;
      continue;
    }
    int mi = month_index(*at);
    add_incident(months[mi], pm, now, rec, elig);
    auto& counts = month_sev[mi];
    counts.resize(sev.size() + 1, 0);
    ++counts[s];
    std::vector<std::string> services = pm.services;
    std::sort(services.begin(), services.end());
    services.erase(std::unique(services.begin(), services.end()), services.end());
    for (const auto& svc : services) service_times[svc].push_back(*at);
  }

  m.overall = finish(overall);
  for (auto& a : sev) m.by_severity.push_back(finish(a));
  bool any_unknown = unknown.bucket.incidents > 0;
  if (any_unknown) m.by_severity.push_back(finish(unknown));
  if (!months.empty()) {
    for (int mi = months.begin()->first; mi <= months.rbegin()->first; ++mi) {
      Accumulator& a = months[mi];
      a.bucket.key = month_key(mi);
      m.by_month.push_back(finish(a));
      std::vector<size_t> counts = month_sev[mi];
      counts.resize(sev.size() + 1, 0);
      if (!any_unknown) counts.pop_back();
      m.by_month_severity.push_back(std::move(counts));
    }
  }
  for (auto& [svc, times] : service_times) {
    std::sort(times.begin(), times.end());
    ServiceReliability r;
    r.service = svc;
    r.incidents = times.size();
    r.first = times.front();
    r.last = times.back();
    if (times.size() >= 2)
      r.mtbf = static_cast<double>(times.back() - times.front()) / static_cast<double>(times.size() - 1);
    m.services.push_back(std::move(r));
  }
  compute_burndown(model, subset, now, m);
  return m;
}

}  // namespace fb
