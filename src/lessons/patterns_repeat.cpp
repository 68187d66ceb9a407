// (c) Repeat after fix: an incident related to an earlier one whose action items were all done
// before it started. The fix was completed and the failure came back anyway.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

/// How many earlier incidents of the same service and category are examined per incident.
constexpr size_t kMaxLookBack = 64;

/// When all of the PIR's fixes were complete: it has action items, all closed (done or wont-do), at
/// least one done, and every done item has completed_at. The latest completed_at; else nullopt.
std::optional<int64_t> fixes_completed_at(const Postmortem& pm) {
  std::optional<int64_t> last;
  bool any_done = false;
  for (const ActionItem& a : pm.action_items) {
    if (!a.done()) return std::nullopt;
    if (a.status != "done") continue;
    if (!a.completed_at) return std::nullopt;
    any_done = true;
    if (!last || *a.completed_at > *last) last = a.completed_at;
  }
  return any_done ? last : std::nullopt;
}

struct Earlier {
  size_t index = 0;
  bool similar = false;
  bool same_scope = false;
};

}  // namespace

std::vector<Pattern> mine_repeat_after_fix(const MiningContext& ctx, const SimilarityIndex& index,
                                           const SimilarityGraph& graph) {
  const auto& pms = ctx.model.postmortems;
  const size_t n = pms.size();
  const int64_t window = ctx.config.patterns.window;
  std::vector<std::optional<int64_t>> fixed(n);
  for (size_t i = 0; i < n; ++i) fixed[i] = fixes_completed_at(pms[i]);

  // For each later incident, the most recent qualifying earlier one (ties by key) and how they relate.
  std::vector<Earlier> best(n);
  std::vector<char> has(n, 0);
  auto consider = [&](size_t earlier, size_t later, bool similar) {
    if (!ctx.at[earlier] || !ctx.at[later] || !(*ctx.at[earlier] < *ctx.at[later])) return;
    if (!fixed[earlier] || *fixed[earlier] > *ctx.at[later] || *ctx.at[later] - *fixed[earlier] > window) return;
    Earlier& b = best[later];
    if (has[later] && b.index != earlier) {
      int64_t cur = *ctx.at[b.index], cand = *ctx.at[earlier];
      if (cand < cur || (cand == cur && ctx.keys[earlier] > ctx.keys[b.index])) return;
      b = Earlier{};
    }
    has[later] = 1;
    b.index = earlier;
    (similar ? b.similar : b.same_scope) = true;
  };
  for (const auto& e : graph.pairs) {
    consider(e.a, e.b, true);
    consider(e.b, e.a, true);
  }
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> scopes;
  for (size_t i = 0; i < n; ++i) {
    if (!ctx.at[i] || pms[i].root_cause_category.empty()) continue;
    std::set<std::string> services(pms[i].services.begin(), pms[i].services.end());
    for (const auto& s : services) scopes[{s, pms[i].root_cause_category}].push_back(i);
  }
  for (auto& [scope, group] : scopes) {
    ctx.order(group);
    for (size_t k = 1; k < group.size(); ++k)
      for (size_t back = 1; back <= std::min(k, kMaxLookBack); ++back) consider(group[k - back], group[k], false);
  }
  // The chosen pair may be related both ways even if only one route proposed it.
  auto shares_scope = [&](size_t a, size_t b) {
    if (pms[a].root_cause_category.empty() || pms[a].root_cause_category != pms[b].root_cause_category) return false;
    for (const auto& s : pms[a].services)
      if (std::find(pms[b].services.begin(), pms[b].services.end(), s) != pms[b].services.end()) return true;
    return false;
  };
  const double threshold = ctx.config.patterns.similarity_threshold;
  for (size_t later = 0; later < n; ++later) {
    if (!has[later]) continue;
    Earlier& b = best[later];
    b.same_scope = b.same_scope || shares_scope(b.index, later);
    b.similar = b.similar || cosine(index, b.index, later) >= threshold;
  }

  std::vector<Pattern> out;
  for (size_t later = 0; later < n; ++later) {
    if (!has[later]) continue;
    const Earlier* chosen = &best[later];
    size_t earlier = chosen->index;
    const Postmortem& a = pms[earlier];
    const Postmortem& b = pms[later];
    Pattern p;
    p.kind = PatternKind::RepeatAfterFix;
    p.id = "repeat-after-fix-" + slugify(ctx.keys[later]);
    p.category = b.root_cause_category;
    p.fixed_at = fixed[earlier];
    p.basis = chosen->similar && chosen->same_scope ? "similar text, same service and category"
              : chosen->similar                    ? "similar text"
                                                   : "same service and category";
    p.strength = cosine(index, earlier, later);
    int64_t held = *ctx.at[later] - *fixed[earlier];
    p.strength_note = fmt::format("similarity {:.2f}; recurred {} after the last fix was completed", p.strength,
                                  held >= 86400 ? format_duration(held - held % 86400) : format_duration(held));
    p.title = fmt::format("{} repeated {} after its fixes were completed", ctx.keys[later], ctx.keys[earlier]);
    p.why = fmt::format(
        "Every action item of {} ({}) was done by {}, yet {} happened on {}. The fix did not hold, or fixed a "
        "symptom: re-open the analysis of {} rather than writing a new set of action items.",
        ctx.keys[earlier], a.doc ? a.doc->title : ctx.keys[earlier], format_date(*fixed[earlier]), ctx.keys[later],
        format_date(*ctx.at[later]), ctx.keys[earlier]);
    ctx.set_members(p, {earlier, later});
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fb
