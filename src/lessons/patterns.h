#pragma once
/// The pattern miners (one file each: patterns_<kind>.cpp) and what they share. Every miner is a
/// pure function of its inputs; definitions and thresholds are in docs/patterns.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "lessons/lessons.h"
#include "lessons/similarity.h"
#include "model/model.h"

namespace fb {

/// What every miner needs: the model, unique keys and each PIR's reference time.
struct MiningContext {
  const Config& config;
  const SiteModel& model;
  std::vector<std::string> keys;           ///< per PIR: unique incident id
  std::vector<std::string> runbook_keys;   ///< per runbook: unique runbook id
  std::vector<std::optional<int64_t>> at;  ///< per PIR: Postmortem::occurred_at()

  /// Builds keys and times for `model`.
  MiningContext(const Config& config, const SiteModel& model);
  /// Sorts PIR indices by (time, key), undated last, and removes duplicates.
  void order(std::vector<size_t>& members) const;
  /// Sets `members` (ordered) and first_seen/last_seen of `p`.
  void set_members(Pattern& p, std::vector<size_t> members) const;
};

/// Unique ids: the first PIR (in path order) keeps its id, later duplicates get "-2", "-3", ...
std::vector<std::string> unique_keys(const std::vector<std::string>& ids);

/// (a) A root-cause category occurring at least min_occurrences times within any window of
/// `patterns.window` (inclusive: incidents exactly `window` apart are in one window), overall and per
/// service. Services of one category whose evidence is the same share one pattern; such a pattern with
/// exactly the members of the overall one replaces it.
std::vector<Pattern> mine_category_recurrence(const MiningContext& ctx, SignificanceCount* count = nullptr);

/// Groups PIRs in time order (then id): each PIR joins the existing group to whose members it is
/// most similar on average, if that mean cosine is at least similarity_threshold and the group holds
/// one of its above-threshold neighbours; otherwise it starts a group. Every PIR is in one group.
/// Groups cannot chain: each member is on average θ-similar to the members before it.
std::vector<std::vector<size_t>> group_similar(const MiningContext& ctx, const SimilarityIndex& index,
                                               const SimilarityGraph& graph);

/// Mean cosine over all pairs of `members` (0 for fewer than two).
double mean_pairwise_similarity(const SimilarityIndex& index, const std::vector<size_t>& members);

/// (b) The groups of group_similar() with at least max(2, min_occurrences) members, labelled by their
/// top terms; strength = mean pairwise similarity.
std::vector<Pattern> mine_similar_groups(const MiningContext& ctx, const SimilarityIndex& index,
                                         const SimilarityGraph& graph, SignificanceCount* count = nullptr);

/// (c) A later incident related to an earlier one (similar text, or same service and category) whose
/// action items were all closed, with every done item completed no later than the later one started,
/// and the later one started within `patterns.window` of that completion.
std::vector<Pattern> mine_repeat_after_fix(const MiningContext& ctx, const SimilarityIndex& index,
                                           const SimilarityGraph& graph);

/// (d) Pairs of items (category:, service:, tag:, trigger:) occurring together in at least
/// min_support incidents (the candidates), kept when the hypergeometric p-value of their support,
/// Benjamini–Hochberg adjusted over all candidates, is at most kFalseDiscoveryRate and lift >= min_lift.
/// Pairs naming one thing twice (same_thing()) are not candidates.
std::vector<Pattern> mine_co_occurrence(const MiningContext& ctx, SignificanceCount* count = nullptr);

/// True when items "kind:a" and "kind:b" name one thing twice: equal names after slugging and a
/// trailing plural "s" per word, or one name a whole-word prefix of the other ("service:checkout-api"
/// and "tag:checkout", "category:certificate" and "tag:certificates").
bool same_thing(std::string_view a, std::string_view b);

/// Benjamini–Hochberg over the p_value of every pattern in `found` plus `untested_p` (candidates tested
/// that gave no pattern of their own): sets each q_value, drops patterns with q above
/// kFalseDiscoveryRate, appends the verdict ("p = …, q = …") to each kept strength_note, fills `count`.
void keep_significant(std::vector<Pattern>& found, const std::vector<double>& untested_p, SignificanceCount* count);

/// (e) Alerts, services and categories with incidents but no runbook; runbooks no incident used;
/// incidents handled without a runbook.
std::vector<Pattern> mine_runbook_gaps(const MiningContext& ctx);

}  // namespace fb
