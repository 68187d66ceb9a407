#pragma once
/// The lessons parts of the site: `/patterns/` and `/metrics/` pages, the "similar incidents" list and
/// pattern badges of PIR pages, and the patterns of service pages. Variables are listed in
/// docs/themes.md ("Patterns and metrics").
#include <map>
#include <string>
#include <vector>

#include "lessons/lessons.h"
#include "render/page_context.h"

namespace fb {

/// Patterns of one kind listed on /patterns/ at most (the rest are in lessons.db and `firebreak patterns`).
inline constexpr size_t kPatternsListedPerKind = 50;
/// Member incidents shown per pattern on /patterns/.
inline constexpr size_t kMembersShown = 12;

/// Lookup tables over a LessonsResult for page builders, built once per render.
struct LessonsView {
  const LessonsResult& result;
  const SiteModel& model;
  std::map<std::string, std::vector<size_t>> patterns_by_service;  ///< service -> pattern indices (result order)
  std::vector<char> listed;  ///< per pattern: shown on /patterns/ (so `#id` links resolve)

  /// Builds the tables for `result` mined from `model` (both must outlive the view).
  LessonsView(const LessonsResult& result, const SiteModel& model);
};

/// `patterns/index.html`: every kind, its patterns (strongest first), why each matters, the evidence.
PageData patterns_page(const RenderContext& rc);
/// `metrics/index.html`: summary, charts with their data tables, per-severity/month/service tables.
PageData metrics_page(const RenderContext& rc);
/// The reference `{id, kind, label, kind_title, title, strength_note, linked}` of every pattern, by index
/// (built once and shared by the PIR and service pages, see SharedValues).
std::vector<Data> shared_pattern_refs(const RenderContext& rc);
/// Sets `lessons` on a PIR page: `{badges, has_badges, similar, has_similar}`, or false without lessons.
void add_postmortem_lessons(const RenderContext& rc, const Postmortem& pm, Data& d);
/// Sets `service_lessons` on a service page: `{incidents, mtbf, patterns, has_patterns}`, or false.
void add_service_lessons(const RenderContext& rc, const std::string& service, Data& d);

}  // namespace fb
