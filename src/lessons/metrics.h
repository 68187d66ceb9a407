#pragma once
/// Incident metrics per severity and per month: counts, time to acknowledge/resolve distributions,
/// SLA compliance, action items, PIR completion, MTBF per service, recurrence rate.
/// Definitions (percentile method included) are in docs/lessons-db.md#metrics.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "model/model.h"

namespace fb {

/// The `p`-th percentile (0..100) of ascending `sorted` values by linear interpolation between closest
/// ranks (h = (n-1)·p/100; x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1]-x[⌊h⌋]); the "type 7" of Hyndman & Fan, as
/// numpy's default). 0 for an empty input.
double percentile(const std::vector<double>& sorted, double p);

/// Summary of a set of durations (seconds).
struct Distribution {
  size_t n = 0;         ///< number of values
  double mean = 0;      ///< arithmetic mean
  double min = 0, q1 = 0, median = 0, q3 = 0, p90 = 0, max = 0;  ///< percentiles 0, 25, 50, 75, 90, 100
};

/// Summarises `values` (any order). All fields 0 when empty.
Distribution summarise(std::vector<double> values);

/// Counters of one group of incidents (all, one severity or one month).
struct MetricsBucket {
  std::string key;                    ///< "all", a severity id ("SEV1"; "unknown" when none) or "YYYY-MM"
  size_t incidents = 0;               ///< PIRs in the bucket
  Distribution tta;                   ///< time to acknowledge (Postmortem::time_to_acknowledge)
  Distribution ttd;                   ///< time to detect (Postmortem::time_to_detect)
  Distribution ttr;                   ///< time to resolve (Postmortem::time_to_resolve)
  size_t ack_evaluated = 0, ack_met = 0;          ///< acknowledgement SLA verdicts (unknown left out)
  size_t resolve_evaluated = 0, resolve_met = 0;  ///< resolution SLA verdicts (unknown left out)
  size_t sla_evaluated = 0;           ///< incidents with at least one SLA verdict
  size_t sla_met = 0;                 ///< ... none of whose verdicts is "breached"
  size_t actions = 0;                 ///< action items
  size_t actions_completed = 0;       ///< status done
  size_t actions_completed_with_due = 0;  ///< done, with both completed_at and due (on-time denominator)
  size_t actions_on_time = 0;         ///< ... completed on or before the due date (compared as UTC dates)
  size_t actions_overdue = 0;         ///< not closed and due before now (ActionItem::overdue)
  size_t pirs_published = 0;          ///< PIRs with status published
  size_t pirs_due = 0;                ///< PIRs whose on-time verdict is known (see docs)
  size_t pirs_on_time = 0;            ///< published within the severity's pir_due_within of resolution
  size_t recurrence_eligible = 0;     ///< dated incidents with a category and at least one service
  size_t recurrences = 0;             ///< ... that repeat an earlier one (same category and service within window)

  /// met / evaluated as a fraction, or nullopt when nothing was evaluated.
  std::optional<double> sla_compliance() const;
  /// Completed on time / completed with a due date; nullopt when none.
  std::optional<double> action_on_time_rate() const;
  /// pirs_on_time / pirs_due, or nullopt.
  std::optional<double> pir_on_time_rate() const;
  /// recurrences / recurrence_eligible, or nullopt.
  std::optional<double> recurrence_rate() const;
};

/// Mean time between failures of one service.
struct ServiceReliability {
  std::string service;                 ///< service name as written in `services:`
  size_t incidents = 0;                ///< dated incidents naming the service
  std::optional<double> mtbf;          ///< mean gap between consecutive incident starts, seconds (≥ 2 incidents)
  std::optional<int64_t> first, last;  ///< earliest and latest incident start
};

/// Action items open at the end of one month (for the burn-down chart).
struct BurndownPoint {
  std::string month;   ///< "YYYY-MM"
  size_t open = 0;     ///< created (incident resolved, else started) by month end and not yet completed
  size_t overdue = 0;  ///< of those, due before the month end
};

/// All metrics of a site.
struct Metrics {
  MetricsBucket overall;                   ///< every PIR
  std::vector<MetricsBucket> by_severity;  ///< scale order; "unknown" last when any incident lacks a severity
  std::vector<MetricsBucket> by_month;     ///< every month from the first to the last dated incident
  /// Incidents per month and severity: by_month_severity[m][s], s in by_severity order.
  std::vector<std::vector<size_t>> by_month_severity;
  std::vector<ServiceReliability> services;  ///< by service name
  std::vector<BurndownPoint> burndown;       ///< first incident month .. month of now (at most 120)
  size_t undated = 0;                        ///< incidents without started/detected/resolved time
  std::vector<char> recurrence;              ///< per PIR: 1 when it repeats an earlier incident
};

/// Computes all metrics over every PIR. The recurrence window is site.yaml `patterns.window`.
Metrics compute_metrics(const Config& config, const SiteModel& model, int64_t now);

/// Same over a subset of PIRs (indices into model.postmortems), e.g. a report period. The
/// recurrence flag still looks at incidents outside the subset (an incident in the period can
/// repeat one before it).
Metrics compute_metrics(const Config& config, const SiteModel& model, int64_t now,
                        const std::vector<size_t>& subset);

}  // namespace fb
