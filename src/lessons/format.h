#pragma once
/// Text, Markdown and JSON forms of mined patterns (`firebreak patterns`), and the period report
/// (`firebreak report`) in Markdown, HTML and JSON.
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "lessons/lessons.h"
#include "model/model.h"

namespace fb {

/// The patterns to print: every pattern of `result`, optionally only those of one kind.
std::vector<const Pattern*> select_patterns(const LessonsResult& result, const std::string& kind_filter);

/// `{"patterns":[{"kind","id","title","why","strength","strength_note","members":[ids],...}]}` (2-space
/// indented, trailing newline). Kind-specific keys appear only for their kind (docs/cli.md).
std::string patterns_json(const LessonsResult& result, const std::vector<const Pattern*>& list);
/// Plain text grouped by kind, for terminals.
std::string patterns_text(const LessonsResult& result, const std::vector<const Pattern*>& list);
/// "Significant at false discovery rate 0.05: K of T candidates tested (category-recurrence k of t, ...)."
std::string significance_summary(const LessonsResult& result);
/// Markdown grouped by kind, with member incidents as a list.
std::string patterns_markdown(const SiteModel& model, const LessonsResult& result,
                              const std::vector<const Pattern*>& list);

/// One overdue action item, for the report.
struct OverdueAction {
  std::string incident;  ///< incident id
  std::string id, title, owner, priority;  ///< the item as written
  int64_t due = 0;
  int64_t days_overdue = 0;  ///< whole days between due and now
};

/// One incident of the report period.
struct ReportIncident {
  std::string id, title, severity, category;  ///< unique id, title, canonical severity, root-cause category
  int64_t at = 0;  ///< Postmortem::occurred_at
};

/// A pattern with members in the report period.
struct ReportPattern {
  const Pattern* pattern = nullptr;
  std::vector<std::string> members_in_period;  ///< incident ids inside the period
};

/// Incidents of one service or category in the period and in the previous one.
struct ReportCount {
  std::string key;
  size_t incidents = 0;  ///< in the period
  size_t previous = 0;   ///< in the previous period of the same length
};

/// An acknowledgement or resolution target an incident of the period missed.
struct SlaBreach {
  std::string incident, severity;  ///< incident id, canonical severity
  std::string what;                ///< "acknowledge" or "resolve"
  int64_t target = 0, actual = 0;  ///< seconds; actual > target
};

/// Everything `firebreak report` prints, compiled once and formatted three ways.
struct PeriodReport {
  std::string site_title;   ///< site.yaml `title`
  int64_t from = 0;           ///< first instant of the period (midnight UTC of --from)
  int64_t to = 0;             ///< last day of the period (midnight UTC of --to); the period ends at to + 1 day
  int64_t now = 0;
  const Config* config = nullptr;
  Metrics metrics;            ///< over the incidents inside the period
  int64_t previous_from = 0;  ///< the period of the same length just before: first day
  int64_t previous_to = 0;    ///< ... and last day (previous_to + 1 day == from)
  MetricsBucket previous;     ///< overall figures of the previous period, for "each figure beside the previous"
  std::vector<ReportCount> by_service;   ///< services with incidents in either period, most in the period first
  std::vector<ReportCount> by_category;  ///< root-cause categories likewise ("" = none given)
  size_t open_actions = 0;               ///< action items not done at `now` (any period)
  /// Burn-down: action items open at the end of each week of the period and on its last day (day, count).
  /// An item is open from its incident's time until its completed_at; done items without completed_at
  /// are not counted (when they closed is unknown).
  std::vector<std::pair<int64_t, size_t>> burn_down;
  std::vector<SlaBreach> sla_breaches;   ///< the period's missed targets, most over first, then incident id
  std::vector<ReportIncident> incidents;    ///< the incidents in the period, by time then id
  std::vector<ReportPattern> top_patterns;  ///< at most 3 per kind, strongest first
  std::vector<OverdueAction> overdue;       ///< every overdue item at `now` (any period), oldest due first
};

/// The first and last day (UTC midnights) of a named period: "2026-Q3" (a calendar quarter), "2026-07"
/// (a month) or "2026" (a year). nullopt for anything else (the caller reports it).
std::optional<std::pair<int64_t, int64_t>> parse_period(std::string_view text);

/// Compiles the report for incidents whose time (Postmortem::occurred_at) is in [from, to + 1 day).
PeriodReport compile_report(const Config& config, const SiteModel& model, const LessonsResult& result, int64_t now,
                            int64_t from, int64_t to);

/// The report as Markdown (tables and lists a team pastes into its review notes).
std::string report_markdown(const PeriodReport& report);
/// The report as a standalone HTML document (inline styles only, no external resources).
std::string report_html(const PeriodReport& report);
/// The report as JSON (durations in seconds, rates as fractions, null when unknown).
std::string report_json(const PeriodReport& report);

}  // namespace fb
