#include "lessons/lessons.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "lessons/patterns.h"
#include "lessons/similarity.h"

namespace fb {

const char* pattern_kind_name(PatternKind kind) {
  switch (kind) {
    case PatternKind::CategoryRecurrence: return "category-recurrence";
    case PatternKind::SimilarIncidents: return "similar-incidents";
    case PatternKind::RepeatAfterFix: return "repeat-after-fix";
    case PatternKind::CoOccurrence: return "co-occurrence";
    case PatternKind::RunbookGap: return "runbook-gap";
  }
  return "unknown";
}

const char* pattern_kind_title(PatternKind kind) {
  switch (kind) {
    case PatternKind::CategoryRecurrence: return "Recurring root-cause categories";
    case PatternKind::SimilarIncidents: return "Groups of similar incidents";
    case PatternKind::RepeatAfterFix: return "Repeats after a fix";
    case PatternKind::CoOccurrence: return "Things that occur together";
    case PatternKind::RunbookGap: return "Runbook gaps";
  }
  return "Patterns";
}

std::vector<std::string> unique_keys(const std::vector<std::string>& ids) {
  std::unordered_set<std::string_view> taken(ids.begin(), ids.end());
  std::unordered_set<std::string> used;
  used.reserve(ids.size());
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    if (used.insert(id).second) {
      out.push_back(id);
      continue;
    }
    for (int n = 2;; ++n) {
      std::string candidate = id + "-" + std::to_string(n);
      if (!taken.count(candidate) && used.insert(candidate).second) {
        out.push_back(candidate);
        break;
      }
    }
  }
  return out;
}

MiningContext::MiningContext(const Config& c, const SiteModel& m) : config(c), model(m) {
  std::vector<std::string> ids;
  for (const auto& pm : model.postmortems) {
    ids.push_back(pm.incident_id);
    at.push_back(pm.occurred_at());
  }
  keys = unique_keys(ids);
  std::vector<std::string> rids;
  for (const auto& rb : model.runbooks) rids.push_back(rb.doc ? rb.doc->id : std::string{});
  runbook_keys = unique_keys(rids);
}

void MiningContext::order(std::vector<size_t>& members) const {
  std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
    if (at[a].has_value() != at[b].has_value()) return at[a].has_value();
    if (at[a] && *at[a] != *at[b]) return *at[a] < *at[b];
    return keys[a] < keys[b];
  });
  members.erase(std::unique(members.begin(), members.end()), members.end());
}

void MiningContext::set_members(Pattern& p, std::vector<size_t> members) const {
  order(members);
  p.first_seen.reset();
  p.last_seen.reset();
  for (size_t m : members) {
    if (!at[m]) continue;
    if (!p.first_seen || *at[m] < *p.first_seen) p.first_seen = at[m];
    if (!p.last_seen || *at[m] > *p.last_seen) p.last_seen = at[m];
  }
  p.members = std::move(members);
}

std::vector<const Pattern*> LessonsResult::of_kind(PatternKind kind) const {
  std::vector<const Pattern*> out;
  for (const auto& p : patterns)
    if (p.kind == kind) out.push_back(&p);
  return out;
}

bool LessonsResult::recurring(size_t index) const {
  if (index >= patterns_of.size()) return false;
  for (size_t p : patterns_of[index]) {
    PatternKind k = patterns[p].kind;
    if (k == PatternKind::CategoryRecurrence || k == PatternKind::RepeatAfterFix) return true;
  }
  return false;
}

bool LessonsResult::repeat_after_fix(size_t index) const {
  if (index >= patterns_of.size()) return false;
  for (size_t p : patterns_of[index]) {
    const Pattern& pat = patterns[p];
    if (pat.kind == PatternKind::RepeatAfterFix && pat.members.size() == 2 && pat.members[1] == index) return true;
  }
  return false;
}

LessonsResult analyse_lessons(const Config& config, const SiteModel& model, int64_t now) {
  LessonsResult r;
  auto last = std::chrono::steady_clock::now();
  auto mark = [&](const char* step) {
    auto t = std::chrono::steady_clock::now();
    r.timings.emplace_back(step, std::chrono::duration<double, std::milli>(t - last).count());
    last = t;
  };
  MiningContext ctx(config, model);
  r.incident_keys = ctx.keys;
  r.runbook_keys = ctx.runbook_keys;
  r.metrics = compute_metrics(config, model, now);
  mark("metrics");

  SimilarityIndex index = build_similarity_index(model);
  mark("similarity index");
  const double threshold = config.patterns.similarity_threshold;
  SimilarityGraph graph = find_similar(index, threshold, threshold,  // the page floor is the threshold
                                       static_cast<size_t>(std::max(0, config.patterns.similar_top_k)));
  mark("similar pairs");
  SignificanceCount recurrence, similar, together;
  for (auto& p : mine_category_recurrence(ctx, &recurrence)) r.patterns.push_back(std::move(p));
  mark("category recurrence");
  for (auto& p : mine_similar_groups(ctx, index, graph, &similar)) r.patterns.push_back(std::move(p));
  mark("similar groups");
  for (auto& p : mine_repeat_after_fix(ctx, index, graph)) r.patterns.push_back(std::move(p));
  mark("repeat after fix");
  for (auto& p : mine_co_occurrence(ctx, &together)) r.patterns.push_back(std::move(p));
  mark("co-occurrence");
  for (auto& p : mine_runbook_gaps(ctx)) r.patterns.push_back(std::move(p));
  r.similar = std::move(graph.top);
  r.significance = {{PatternKind::CategoryRecurrence, recurrence},
                    {PatternKind::SimilarIncidents, similar},
                    {PatternKind::CoOccurrence, together}};

  std::stable_sort(r.patterns.begin(), r.patterns.end(), [](const Pattern& a, const Pattern& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.strength != b.strength) return a.strength > b.strength;
    return a.id < b.id;
  });
  // Ids unique across all patterns (slugs of different subjects may collide).
  std::vector<std::string> ids;
  for (const auto& p : r.patterns) ids.push_back(p.id);
  ids = unique_keys(ids);
  r.patterns_of.assign(model.postmortems.size(), {});
  for (size_t k = 0; k < r.patterns.size(); ++k) {
    r.patterns[k].id = ids[k];
    for (size_t m : r.patterns[k].members) r.patterns_of[m].push_back(k);
  }
  std::unordered_map<std::string_view, size_t> runbook_by_id;
  for (size_t k = 0; k < model.runbooks.size(); ++k) runbook_by_id.emplace(r.runbook_keys[k], k);
  r.runbook_incidents.assign(model.runbooks.size(), {});
  for (size_t i = 0; i < model.postmortems.size(); ++i) {
    std::set<size_t> listed;
    for (const auto& id : model.postmortems[i].runbooks)
      if (auto it = runbook_by_id.find(id); it != runbook_by_id.end()) listed.insert(it->second);
    for (size_t k : listed) r.runbook_incidents[k].push_back(i);
  }
  for (auto& list : r.runbook_incidents) ctx.order(list);
  mark("runbook gaps, ordering");
  return r;
}

}  // namespace fb
