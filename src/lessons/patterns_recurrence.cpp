// (a) Category recurrence: a root-cause category occurring at least min_occurrences times within any
// sliding window, overall and per service. Two-pointer sweep over each group's sorted times.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

struct Burst {
  size_t peak = 0;               ///< most incidents inside one window
  double p_value = 1;            ///< scan_window_p_value of the peak among the group's incidents
  double expected = 0;           ///< incidents one window holds on average: group size · window / span
  std::vector<size_t> members;   ///< every incident inside some window that reaches the threshold
};

/// `group` is sorted by (time, key). A window is [t_l, t_l + window] (both ends inclusive).
Burst sweep(const MiningContext& ctx, const std::vector<size_t>& group, size_t min_occurrences, int64_t window,
            double span) {
  Burst b;
  size_t left = 0, marked = 0;  // group[0, marked) are already members
  for (size_t right = 0; right < group.size(); ++right) {
    while (*ctx.at[group[right]] - *ctx.at[group[left]] > window) ++left;
    size_t count = right - left + 1;
    b.peak = std::max(b.peak, count);
    if (count >= min_occurrences) {
      for (size_t k = std::max(left, marked); k <= right; ++k) b.members.push_back(group[k]);
      marked = right + 1;
    }
  }
  b.expected = span > 0 ? static_cast<double>(group.size()) * static_cast<double>(window) / span : 0;
  if (!b.members.empty()) b.p_value = scan_window_p_value(group.size(), span, static_cast<double>(window), b.peak);
  return b;
}

Pattern make_pattern(const MiningContext& ctx, const std::string& category, const std::vector<std::string>& services,
                     const Burst& burst) {
  const std::string window = format_duration(ctx.config.patterns.window);
  const std::string scope = join(services, ", ");
  Pattern p;
  p.kind = PatternKind::CategoryRecurrence;
  p.category = category;
  p.services = services;
  p.id = "category-recurrence-" + slugify(category) + (services.empty() ? std::string() : std::string("-").append(slugify(join(services, " "))));
  p.strength = static_cast<double>(burst.peak);
  p.p_value = burst.p_value;
  p.strength_note = fmt::format("up to {} incidents within {}, {:.1f} expected at this category's rate", burst.peak,
                                window, burst.expected);
  if (services.empty()) {
    p.title = fmt::format("Root cause {} recurred: {} incidents within {}", category, burst.peak, window);
    p.why = fmt::format(
        "The same kind of root cause keeps coming back across services. Treat {} as a systemic weakness: look "
        "for the shared mechanism and a fix that is not local to one service.",
        category);
  } else {
    p.title = fmt::format("Root cause {} recurred on {}: {} incidents within {}", category, scope, burst.peak, window);
    p.why = fmt::format(
        "{} had repeated {} incidents in a short time. The action items of the earlier reviews did not prevent the "
        "later ones; review them together rather than one by one.",
        scope, category);
  }
  ctx.set_members(p, burst.members);
  return p;
}

}  // namespace

std::vector<Pattern> mine_category_recurrence(const MiningContext& ctx, SignificanceCount* count) {
  const size_t min_occ = static_cast<size_t>(std::max(1, ctx.config.patterns.min_occurrences));
  const int64_t window = ctx.config.patterns.window;
  // The span every category could have recurred in: from the first to the last dated incident.
  std::optional<int64_t> first, last;
  for (const auto& t : ctx.at)
    if (t) first = std::min(first.value_or(*t), *t), last = std::max(last.value_or(*t), *t);
  const double span = first ? static_cast<double>(*last - *first) : 0.0;
  std::vector<double> merged_p;  // tested bursts that became part of another pattern
  std::map<std::string, std::vector<size_t>> by_category;
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_service;
  for (size_t i = 0; i < ctx.model.postmortems.size(); ++i) {
    const Postmortem& pm = ctx.model.postmortems[i];
    if (!ctx.at[i] || pm.root_cause_category.empty()) continue;
    by_category[pm.root_cause_category].push_back(i);
    std::set<std::string> services(pm.services.begin(), pm.services.end());
    for (const auto& s : services) by_service[{pm.root_cause_category, s}].push_back(i);
  }
  // Per service first; services of one category with the same evidence become one pattern.
  std::map<std::pair<std::string, std::vector<size_t>>, std::pair<std::vector<std::string>, Burst>> scoped;
  for (auto& [key, group] : by_service) {
    ctx.order(group);
    Burst b = sweep(ctx, group, min_occ, window, span);
    if (b.members.empty()) continue;
    auto [it, fresh] = scoped.try_emplace({key.first, b.members});
    auto& entry = it->second;
    entry.first.push_back(key.second);  // by_service is ordered, so services stay sorted
    if (!fresh) {  // the services share one pattern: keep the strongest test, count the other
      merged_p.push_back(std::max(entry.second.p_value, b.p_value));
      b.p_value = std::min(entry.second.p_value, b.p_value);
    }
    entry.second = std::move(b);
  }
  std::vector<Pattern> out;
  for (auto& [category, group] : by_category) {
    ctx.order(group);
    Burst b = sweep(ctx, group, min_occ, window, span);
    if (b.members.empty()) continue;
    // The overall pattern says nothing more than a per-service one with exactly its members.
    if (auto it = scoped.find({category, b.members}); it != scoped.end()) {
      merged_p.push_back(std::max(it->second.second.p_value, b.p_value));
      it->second.second.p_value = std::min(it->second.second.p_value, b.p_value);
      continue;
    }
    out.push_back(make_pattern(ctx, category, {}, b));
  }
  for (auto& [key, entry] : scoped) out.push_back(make_pattern(ctx, key.first, entry.first, entry.second));
  keep_significant(out, merged_p, count);
  return out;
}

}  // namespace fb
