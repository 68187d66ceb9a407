// (d) Co-occurrence: categories, services, tags and triggers that occur together more often than
// chance (support and lift), counted over incident "baskets".
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/parallel.h"
#include "util/text.h"

namespace fb {
namespace {

/// "tag:postgres" -> "tag postgres".
std::string spoken(const std::string& item) {
  std::string s = item;
  if (size_t c = s.find(':'); c != std::string::npos) s[c] = ' ';
  return s;
}

/// The part after "kind:".
std::string_view name_of(const std::string& item) {
  size_t c = item.find(':');
  return c == std::string::npos ? std::string_view(item) : std::string_view(item).substr(c + 1);
}

}  // namespace

std::vector<Pattern> mine_co_occurrence(const MiningContext& ctx) {
  const auto& pms = ctx.model.postmortems;
  // Baskets: the distinct items of each incident, as ids into `items` (sorted by item text).
  std::vector<std::vector<std::string>> raw(pms.size());
  parallel_for(pms.size(), [&](size_t i) {
    std::vector<std::string>& basket = raw[i];
    if (!pms[i].root_cause_category.empty()) basket.push_back("category:" + pms[i].root_cause_category);
    for (const auto& s : pms[i].services) basket.push_back("service:" + s);
    for (const auto& t : pms[i].tags) basket.push_back("tag:" + t);
    for (const auto& t : pms[i].triggers) basket.push_back("trigger:" + t);
    std::sort(basket.begin(), basket.end());
    basket.erase(std::unique(basket.begin(), basket.end()), basket.end());
  });
  std::vector<std::string_view> all;
  for (const auto& basket : raw) all.insert(all.end(), basket.begin(), basket.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<std::string> items(all.begin(), all.end());
  auto id_of = [&](const std::string& item) {
    return static_cast<uint32_t>(std::lower_bound(all.begin(), all.end(), std::string_view(item)) - all.begin());
  };

  size_t baskets = 0;
  std::vector<size_t> count(items.size(), 0);
  std::unordered_map<uint64_t, size_t> pair_count;
  std::vector<std::vector<uint32_t>> ids(pms.size());
  for (size_t i = 0; i < pms.size(); ++i) {
    if (raw[i].empty()) continue;
    ++baskets;
    for (const auto& it : raw[i]) ids[i].push_back(id_of(it));  // ascending, as raw is sorted
    for (size_t x = 0; x < ids[i].size(); ++x) {
      ++count[ids[i][x]];
      for (size_t y = x + 1; y < ids[i].size(); ++y)
        ++pair_count[(static_cast<uint64_t>(ids[i][x]) << 32) | ids[i][y]];
    }
  }
  const size_t min_support = static_cast<size_t>(std::max(1, ctx.config.patterns.min_support));
  const double min_lift = ctx.config.patterns.min_lift;
  struct Found { uint32_t a, b; size_t support; double lift; };
  std::vector<Found> found;
  for (const auto& [key, support] : pair_count) {
    if (support < min_support) continue;
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
    if (name_of(items[a]) == name_of(items[b])) continue;  // tag:capacity with category:capacity says nothing
    double lift = static_cast<double>(support) * static_cast<double>(baskets) /
                  (static_cast<double>(count[a]) * static_cast<double>(count[b]));
    if (lift <= 1.0 || lift < min_lift) continue;
    found.push_back({a, b, support, lift});
  }
  std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });

  std::vector<std::vector<size_t>> members(found.size());
  std::unordered_map<uint64_t, size_t> slot;
  for (size_t k = 0; k < found.size(); ++k) slot[(static_cast<uint64_t>(found[k].a) << 32) | found[k].b] = k;
  for (size_t i = 0; i < pms.size(); ++i)
    for (size_t x = 0; x < ids[i].size(); ++x)
      for (size_t y = x + 1; y < ids[i].size(); ++y)
        if (auto it = slot.find((static_cast<uint64_t>(ids[i][x]) << 32) | ids[i][y]); it != slot.end())
          members[it->second].push_back(i);

  std::vector<Pattern> out;
  for (size_t k = 0; k < found.size(); ++k) {
    const Found& f = found[k];
    Pattern p;
    p.kind = PatternKind::CoOccurrence;
    p.items = {items[f.a], items[f.b]};
    p.support = f.support;
    p.lift = f.lift;
    p.confidence = static_cast<double>(f.support) / static_cast<double>(std::min(count[f.a], count[f.b]));
    p.strength = f.lift;
    p.strength_note = fmt::format("lift {:.2f}: together in {} incidents, {:.1f}× what independence predicts",
                                  f.lift, f.support, f.lift);
    p.id = "co-occurrence-" + slugify(items[f.a]) + "--" + slugify(items[f.b]);
    p.title = fmt::format("{} and {} occur together ({} incidents, lift {:.1f})", spoken(items[f.a]),
                          spoken(items[f.b]), f.support, f.lift);
    p.why = fmt::format(
        "{:.0f}% of the incidents with the rarer of the two also have the other. A link this much stronger than "
        "chance often points at a shared dependency, a risky change type or a team that needs support.",
        100.0 * p.confidence);
    ctx.set_members(p, std::move(members[k]));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fb
