// (d) Co-occurrence: categories, services, tags and triggers that occur together more often than
// chance (exact tests, Benjamini–Hochberg), counted over incident "baskets".
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

/// A category and a tag most of whose incidents have that category: the tag describes the category
/// (a sub-label), it does not reveal anything about it.
bool implied_by_category(const std::vector<std::string>& items, const std::vector<size_t>& count, uint32_t a,
                         uint32_t b, size_t support) {
  auto kind = [&](uint32_t x) { return std::string_view(items[x]).substr(0, items[x].find(':')); };
  uint32_t tag;
  if (kind(a) == "category" && kind(b) == "tag") tag = b;
  else if (kind(b) == "category" && kind(a) == "tag") tag = a;
  else return false;
  return 2 * support >= count[tag];
}

}  // namespace

std::vector<Pattern> mine_co_occurrence(const MiningContext& ctx, SignificanceCount* count_out) {
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

  // Strata: the root-cause category of each incident (or none). Pairs of non-category items are
  // tested against what their counts within each category predict, so two tags that both merely
  // follow one category are not a pattern (docs/patterns.md#co-occurrence).
  std::vector<uint32_t> stratum(pms.size(), 0);
  std::vector<std::string_view> strata{std::string_view()};
  for (size_t i = 0; i < pms.size(); ++i)
    if (!pms[i].root_cause_category.empty()) strata.push_back(pms[i].root_cause_category);
  std::sort(strata.begin(), strata.end());
  strata.erase(std::unique(strata.begin(), strata.end()), strata.end());
  for (size_t i = 0; i < pms.size(); ++i)
    stratum[i] = static_cast<uint32_t>(std::lower_bound(strata.begin(), strata.end(),
                                                        std::string_view(pms[i].root_cause_category)) -
                                       strata.begin());

  size_t baskets = 0;
  std::vector<size_t> count(items.size(), 0);
  std::vector<std::vector<uint32_t>> in_stratum(strata.size(), std::vector<uint32_t>(items.size(), 0));
  std::vector<uint32_t> stratum_size(strata.size(), 0);
  std::unordered_map<uint64_t, size_t> pair_count;
  std::vector<std::vector<uint32_t>> ids(pms.size());
  for (size_t i = 0; i < pms.size(); ++i) {
    if (raw[i].empty()) continue;
    ++baskets;
    ++stratum_size[stratum[i]];
    for (const auto& it : raw[i]) ids[i].push_back(id_of(it));  // ascending, as raw is sorted
    for (size_t x = 0; x < ids[i].size(); ++x) {
      ++count[ids[i][x]];
      ++in_stratum[stratum[i]][ids[i][x]];
      for (size_t y = x + 1; y < ids[i].size(); ++y)
        ++pair_count[(static_cast<uint64_t>(ids[i][x]) << 32) | ids[i][y]];
    }
  }
  auto is_category = [&](uint32_t item) { return items[item].rfind("category:", 0) == 0; };
  size_t used_strata = 0;
  for (uint32_t n : stratum_size) used_strata += n > 0;
  const size_t min_support = static_cast<size_t>(std::max(1, ctx.config.patterns.min_support));
  const double min_lift = ctx.config.patterns.min_lift;
  struct Found { uint32_t a, b; size_t support; double expected, p; };
  std::vector<Found> found;
  std::vector<double> untested_p;  // candidates below min_lift: tested (they count for BH), never reported
  for (const auto& [key, support] : pair_count) {
    if (support < min_support) continue;
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
    if (same_thing(items[a], items[b])) continue;  // tag:checkout with service:checkout-api says nothing
    if (implied_by_category(items, count, a, b, support)) continue;
    double expected, p;
    if (is_category(a) || is_category(b) || used_strata <= 1) {
      expected = static_cast<double>(count[a]) * static_cast<double>(count[b]) / static_cast<double>(baskets);
      p = hypergeometric_upper_tail(baskets, count[a], count[b], support);
    } else {
      expected = 0;
      for (size_t st = 0; st < strata.size(); ++st)
        if (stratum_size[st])
          expected += static_cast<double>(in_stratum[st][a]) * in_stratum[st][b] / stratum_size[st];
      p = poisson_upper_tail(expected, support);
    }
    double lift = expected > 0 ? static_cast<double>(support) / expected : 0;
    if (lift <= 1.0 || lift < min_lift) {
      untested_p.push_back(p);
      continue;
    }
    found.push_back({a, b, support, expected, p});
  }
  std::sort(untested_p.begin(), untested_p.end());  // pair_count is unordered; BH needs only the multiset
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
    p.lift = static_cast<double>(f.support) / f.expected;
    p.confidence = static_cast<double>(f.support) / static_cast<double>(std::min(count[f.a], count[f.b]));
    p.strength = p.lift;
    p.p_value = f.p;
    p.strength_note = fmt::format("lift {:.2f}: together in {} incidents where chance predicts {:.1f}", p.lift,
                                  f.support, f.expected);
    p.id = "co-occurrence-" + slugify(items[f.a]) + "--" + slugify(items[f.b]);
    p.title = fmt::format("{} and {} occur together ({} incidents, lift {:.1f})", spoken(items[f.a]),
                          spoken(items[f.b]), f.support, p.lift);
    p.why = fmt::format(
        "{:.0f}% of the incidents with the rarer of the two also have the other. A link this much stronger than "
        "chance often points at a shared dependency, a risky change type or a team that needs support.",
        100.0 * p.confidence);
    ctx.set_members(p, std::move(members[k]));
    out.push_back(std::move(p));
  }
  keep_significant(out, untested_p, count_out);
  return out;
}

}  // namespace fb
