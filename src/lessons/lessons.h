#pragma once
/// The lessons stage: one pass over all PIRs and runbooks that computes metrics, mines recurring
/// patterns and finds similar incidents. Whole-site, runs once after load/check and before render.
/// Its result is immutable input for render (pages), the CLI (`patterns`, `report`) and the
/// lessons-learned database (lessons/database.h). Every listing is sorted; the only clock is `now`.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "lessons/metrics.h"
#include "lessons/significance.h"
#include "model/model.h"

namespace fb {

/// What a pattern is about; the kinds are documented in docs/patterns.md.
enum class PatternKind { CategoryRecurrence, SimilarIncidents, RepeatAfterFix, CoOccurrence, RunbookGap };

/// "category-recurrence", "similar-incidents", "repeat-after-fix", "co-occurrence", "runbook-gap".
const char* pattern_kind_name(PatternKind kind);
/// Human heading for a kind ("Recurring root-cause categories", ...).
const char* pattern_kind_title(PatternKind kind);

/// One mined pattern with its evidence. Fields that do not apply to a kind stay empty.
struct Pattern {
  PatternKind kind = PatternKind::CategoryRecurrence;  ///< which miner found it
  std::string id;                     ///< stable, unique, URL-safe ("category-recurrence-capacity-checkout-api")
  std::string title;                  ///< one line for lists
  std::string why;                    ///< why it matters, one or two sentences
  double strength = 0;                ///< kind-specific strength figure (docs/patterns.md)
  std::string strength_note;          ///< what the strength means here ("4 incidents within 90d")
  std::vector<size_t> members;        ///< evidence: indices into SiteModel::postmortems, by (time, id)
  std::vector<std::string> services;  ///< category recurrence: the service scope, sorted (empty = all services)
  std::string category;               ///< category recurrence / repeat after fix: the category
  std::vector<std::string> terms;     ///< similar incidents: the group's top terms (its label)
  std::vector<std::string> categories;  ///< similar incidents: distinct categories of the members
  std::vector<std::string> items;     ///< co-occurrence: the two items ("tag:postgres", "service:orders-db")
  size_t support = 0;                 ///< co-occurrence: incidents having both items
  double lift = 0;                    ///< co-occurrence: support·N / (count(a)·count(b))
  double confidence = 0;              ///< co-occurrence: support / count of the rarer item
  std::string gap;                    ///< runbook gap: alert | service | category | unused-runbook | no-runbook
  std::string subject;                ///< runbook gap: the alert, service or category without a runbook
  std::vector<size_t> runbooks;       ///< runbook gap (unused-runbook): indices into SiteModel::runbooks
  std::string basis;                  ///< repeat after fix: "similar text", "same service and category" or both
  std::optional<int64_t> fixed_at;    ///< repeat after fix: when the earlier incident's last fix was completed
  double p_value = 1;                 ///< chance of evidence this strong under chance (docs/patterns.md#significance); 1 = not tested
  double q_value = 1;                 ///< Benjamini–Hochberg adjusted p_value over the miner's candidates
  std::optional<int64_t> first_seen;  ///< time of the earliest member
  std::optional<int64_t> last_seen;   ///< time of the latest member
};

/// One similar incident of a PIR.
struct SimilarIncident {
  size_t index = 0;   ///< into SiteModel::postmortems
  double score = 0;   ///< cosine similarity of the root-cause texts, 0..1
};

/// Everything the lessons stage computed. Vectors indexed "per PIR" follow SiteModel::postmortems.
struct LessonsResult {
  std::vector<std::string> incident_keys;  ///< per PIR: unique incident id (duplicates get "-2", "-3")
  std::vector<std::string> runbook_keys;   ///< per runbook: unique runbook id
  Metrics metrics;                         ///< counts, durations, SLA, action items, MTBF, recurrence
  std::vector<Pattern> patterns;           ///< by kind, then strength (desc), then id
  std::vector<std::vector<SimilarIncident>> similar;  ///< per PIR: top-k by score (desc), then id
  std::vector<std::vector<size_t>> patterns_of;       ///< per PIR: indices into `patterns` it belongs to
  std::vector<std::vector<size_t>> runbook_incidents; ///< per runbook: PIRs that list it in `runbooks`
  /// Per tested kind (category recurrence, similar incidents, co-occurrence): candidates tested, kept.
  std::vector<std::pair<PatternKind, SignificanceCount>> significance;
  /// Wall time per step in milliseconds, in order (printed by `-v`; for benchmarks).
  std::vector<std::pair<std::string, double>> timings;

  /// Patterns of `kind`, in result order.
  std::vector<const Pattern*> of_kind(PatternKind kind) const;
  /// True when PIR `index` belongs to a category-recurrence pattern or is either side of a repeat after fix.
  bool recurring(size_t index) const;
  /// True when PIR `index` is the later incident of a repeat-after-fix pattern.
  bool repeat_after_fix(size_t index) const;
};

/// Runs metrics and every miner. Never fails: incidents without the data a metric or miner needs are
/// left out of it (documented per metric/miner). `now` is the injected clock.
LessonsResult analyse_lessons(const Config& config, const SiteModel& model, int64_t now);

}  // namespace fb
