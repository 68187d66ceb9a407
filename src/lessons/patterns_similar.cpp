// (b) Similar incidents: connected components of the similarity graph, labelled by their top terms.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"

namespace fb {
namespace {

/// Union-find with path halving; the smaller index becomes the root so results do not depend on
/// the order of unions.
struct Components {
  std::vector<size_t> parent;
  explicit Components(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t{0}); }
  size_t find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(size_t a, size_t b) {
    a = find(a), b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent[b] = a;
  }
};

constexpr size_t kLabelTerms = 4;

}  // namespace

std::vector<Pattern> mine_similar_groups(const MiningContext& ctx, const SimilarityIndex& index,
                                         const SimilarityGraph& graph) {
  const size_t n = ctx.model.postmortems.size();
  const size_t min_size = static_cast<size_t>(std::max(2, ctx.config.patterns.min_occurrences));
  Components uf(n);
  for (const auto& e : graph.pairs) uf.unite(e.a, e.b);
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) groups[uf.find(i)].push_back(i);

  std::vector<Pattern> out;
  for (auto& [root, members] : groups) {
    if (members.size() < min_size) continue;
    Pattern p;
    p.kind = PatternKind::SimilarIncidents;
    p.terms = top_terms(index, ctx.model, members, kLabelTerms);
    std::set<std::string> cats;
    for (size_t m : members)
      if (!ctx.model.postmortems[m].root_cause_category.empty()) cats.insert(ctx.model.postmortems[m].root_cause_category);
    p.categories.assign(cats.begin(), cats.end());
    p.strength = cohesion(index, members);
    p.strength_note = fmt::format("cohesion {:.2f} (mean similarity to the group's centre)", p.strength);
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
  return out;
}

}  // namespace fb
