// (b) Similar incidents: single-pass average-linkage grouping in time order, labelled by top terms.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"

namespace fb {
namespace {

constexpr size_t kLabelTerms = 4;

/// A group being built: its members and the sum of their vectors.
struct Group {
  std::vector<size_t> members;
  std::unordered_map<uint32_t, double> sum;
};

/// Mean similarity of PIR `x` to the members of `g`: x · Σ members / |members|.
double mean_similarity(const SimilarityIndex& index, size_t x, const Group& g) {
  double dot = 0;
  for (auto& [t, w] : index.vectors[x])
    if (auto it = g.sum.find(t); it != g.sum.end()) dot += w * it->second;
  return dot / static_cast<double>(g.members.size());
}

}  // namespace

double mean_pairwise_similarity(const SimilarityIndex& index, const std::vector<size_t>& members) {
  if (members.size() < 2) return 0;
  std::unordered_map<uint32_t, double> sum;
  double self = 0;  // Σ |v|² (1 per non-empty vector)
  for (size_t m : members) {
    double norm2 = 0;
    for (auto& [t, w] : index.vectors[m]) sum[t] += w, norm2 += static_cast<double>(w) * w;
    self += norm2;
  }
  double total = 0;
  for (auto& [t, w] : sum) total += w * w;
  double n = static_cast<double>(members.size());
  return (total - self) / (n * (n - 1));
}

std::vector<std::vector<size_t>> group_similar(const MiningContext& ctx, const SimilarityIndex& index,
                                               const SimilarityGraph& graph) {
  const size_t n = ctx.model.postmortems.size();
  const double threshold = ctx.config.patterns.similarity_threshold;
  std::vector<std::vector<size_t>> neighbours(n);
  for (const auto& e : graph.pairs) {
    neighbours[e.a].push_back(e.b);
    neighbours[e.b].push_back(e.a);
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  ctx.order(order);
  std::vector<size_t> group_of(n, SIZE_MAX);
  std::vector<Group> groups;
  std::vector<size_t> candidates;
  for (size_t x : order) {
    candidates.clear();
    for (size_t y : neighbours[x])
      if (group_of[y] != SIZE_MAX) candidates.push_back(group_of[y]);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    size_t best = SIZE_MAX;
    double best_score = threshold;
    for (size_t g : candidates) {
      double s = mean_similarity(index, x, groups[g]);
      if (s >= best_score && (best == SIZE_MAX || s > best_score)) best = g, best_score = s;
    }
    if (best == SIZE_MAX) {
      best = groups.size();
      groups.emplace_back();
    }
    group_of[x] = best;
    groups[best].members.push_back(x);
    for (auto& [t, w] : index.vectors[x]) groups[best].sum[t] += w;
  }
  std::vector<std::vector<size_t>> out;
  for (auto& g : groups) out.push_back(std::move(g.members));
  return out;
}

std::vector<Pattern> mine_similar_groups(const MiningContext& ctx, const SimilarityIndex& index,
                                         const SimilarityGraph& graph, SignificanceCount* count) {
  const size_t min_size = static_cast<size_t>(std::max(2, ctx.config.patterns.min_occurrences));
  const uint64_t n = ctx.model.postmortems.size();
  auto groups = group_similar(ctx, index, graph);
  // Above-threshold pairs inside each group, and how dense such pairs are in the whole collection.
  std::vector<size_t> group_of(n, SIZE_MAX);
  for (size_t g = 0; g < groups.size(); ++g)
    for (size_t m : groups[g]) group_of[m] = g;
  std::vector<uint64_t> inside(groups.size(), 0);
  for (const auto& e : graph.pairs)
    if (group_of[e.a] == group_of[e.b]) ++inside[group_of[e.a]];
  const double all_pairs = static_cast<double>(n) * static_cast<double>(n > 0 ? n - 1 : 0) / 2;
  const double density = all_pairs > 0 ? static_cast<double>(graph.pairs.size()) / all_pairs : 1.0;
  std::vector<Pattern> out;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto& members = groups[g];
    if (members.size() < min_size) continue;
    const uint64_t m = members.size(), pairs = m * (m - 1) / 2;
    Pattern p;
    p.kind = PatternKind::SimilarIncidents;
    p.terms = top_terms(index, members, kLabelTerms);
    std::set<std::string> cats;
    for (size_t m : members)
      if (!ctx.model.postmortems[m].root_cause_category.empty()) cats.insert(ctx.model.postmortems[m].root_cause_category);
    p.categories.assign(cats.begin(), cats.end());
    p.strength = mean_pairwise_similarity(index, members);
    // Seeds: a group could have been grown from any of the n PIRs (Bonferroni factor n).
    p.p_value = std::min(1.0, static_cast<double>(n) * binomial_upper_tail(pairs, density, inside[g]));
    p.strength_note = fmt::format("mean pairwise similarity {:.2f}; {} of its {} pairs similar, {:.2g} expected",
                                  p.strength, inside[g], pairs, density * static_cast<double>(pairs));
    std::string label = join(p.terms, ", ");
    p.id = "similar-incidents-" + slugify(join(p.terms, " "));
    p.title = fmt::format("{} incidents with similar root causes: {}", members.size(), label);
    if (p.categories.size() > 1) {
      p.why = fmt::format(
          "These reviews describe the same failure in similar words, but they were filed under {} different "
          "categories ({}). Category counts alone would not show that this keeps happening.",
          p.categories.size(), join(p.categories, ", "));
    } else {
      p.why = "These reviews describe the same failure in similar words. Read them side by side: a fix that "
              "addresses what they share prevents all of them.";
    }
    ctx.set_members(p, std::move(members));
    out.push_back(std::move(p));
  }
  keep_significant(out, {}, count);
  return out;
}

}  // namespace fb
