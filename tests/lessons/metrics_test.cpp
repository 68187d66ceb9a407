// Every metric against values computed by hand (see the comments for the arithmetic).
#include <doctest/doctest.h>

#include "lessons/metrics.h"
#include "site_fixture.h"
#include "util/time.h"

using namespace fb;
using fbtest::pir;

namespace {

// now = 2026-06-01T00:00:00Z. Default scale: SEV1 ack 5m / resolve 1h / PIR due 5d; SEV2 15m / 4h / 10d.
const int64_t kNow = parse_timestamp("2026-06-01T00:00:00Z")->epoch;

fbtest::TestSite metrics_site() {
  fbtest::TestSite s;
  s.load({
      // A: SEV1, ack 4m (met), resolve 50m (met), published 3d23h10m after resolution (on time).
      pir("a", R"(incident_id: A
severity: SEV1
status: published
services: [checkout]
root_cause: {category: capacity}
started_at: 2026-03-04T10:00:00Z
acknowledged_at: 2026-03-04T10:04:00Z
resolved_at: 2026-03-04T10:50:00Z
published_at: 2026-03-08T10:00:00Z
action_items:
  - {id: a1, status: done, due: 2026-03-11, completed_at: 2026-03-11}
  - {id: a2, status: done, due: 2026-03-11, completed_at: 2026-03-12}
  - {id: a3, status: open, due: 2026-04-01}
)"),
      // B: SEV1, ack 10m (breached), resolve 90m (breached), not published, deadline 2026-03-25 passed.
      // Same service and category as A, 16 days later: a recurrence.
      pir("b", R"(incident_id: B
severity: SEV1
status: in-review
services: [checkout]
root_cause: {category: capacity}
started_at: 2026-03-20T08:00:00Z
acknowledged_at: 2026-03-20T08:10:00Z
resolved_at: 2026-03-20T09:30:00Z
action_items:
  - {id: b1, status: wont-do}
  - {id: b2, status: in-progress, due: 2026-07-01}
)"),
      // C: SEV2, ack 30m (breached), resolve 2h (met), published 18d after (late: due within 10d).
      pir("c", R"(incident_id: C
severity: SEV2
status: published
services: [search]
root_cause: {category: deploy}
started_at: 2026-04-02T00:00:00Z
acknowledged_at: 2026-04-02T00:30:00Z
resolved_at: 2026-04-02T02:00:00Z
published_at: 2026-04-20T02:00:00Z
action_items:
  - {id: c1, status: done, due: 2026-04-10, completed_at: 2026-04-09T15:00:00Z}
)"),
      // D: no severity, resolve 5h, draft. checkout/capacity 26 days after B: a recurrence.
      pir("d", R"(incident_id: D
status: draft
services: [checkout]
root_cause: {category: capacity}
started_at: 2026-04-15T00:00:00Z
resolved_at: 2026-04-15T05:00:00Z
)"),
      // E: SEV2 without any time.
      pir("e", R"(incident_id: E
severity: SEV2
status: published
services: [search]
root_cause: {category: network}
)"),
  });
  return s;
}

}  // namespace

TEST_CASE("percentile: linear interpolation between closest ranks") {
  CHECK(percentile({}, 50) == 0);
  CHECK(percentile({7}, 90) == 7);
  CHECK(percentile({1, 2, 3, 4}, 50) == doctest::Approx(2.5));
  std::vector<double> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(percentile(ten, 90) == doctest::Approx(9.1));  // h = 9 * 0.9 = 8.1 -> 9 + 0.1 * (10 - 9)
  CHECK(percentile(ten, 0) == 1);
  CHECK(percentile(ten, 100) == 10);
  CHECK(percentile(ten, 25) == doctest::Approx(3.25));  // h = 2.25 -> 3 + 0.25
}

TEST_CASE("summarise: mean, quartiles, p90 of an unsorted input") {
  Distribution d = summarise({1800, 240, 600});
  CHECK(d.n == 3);
  CHECK(d.mean == doctest::Approx(880));
  CHECK(d.min == 240);
  CHECK(d.q1 == doctest::Approx(420));
  CHECK(d.median == doctest::Approx(600));
  CHECK(d.q3 == doctest::Approx(1200));
  CHECK(d.p90 == doctest::Approx(1560));
  CHECK(d.max == 1800);
}

TEST_CASE("metrics: overall counts, durations, SLA, action items, PIRs, recurrence") {
  auto s = metrics_site();
  Metrics m = compute_metrics(s.config, s.model, kNow);
  const MetricsBucket& all = m.overall;
  CHECK(all.incidents == 5);
  // TTA: A 240, B 600, C 1800 (D has no acknowledgement).
  CHECK(all.tta.n == 3);
  CHECK(all.tta.mean == doctest::Approx(880));
  CHECK(all.tta.median == doctest::Approx(600));
  CHECK(all.tta.p90 == doctest::Approx(1560));
  // TTR: 3000, 5400, 7200, 18000 -> mean 8400, median 6300, p90 h=2.7 -> 7200 + 0.7*10800 = 14760.
  CHECK(all.ttr.n == 4);
  CHECK(all.ttr.mean == doctest::Approx(8400));
  CHECK(all.ttr.median == doctest::Approx(6300));
  CHECK(all.ttr.p90 == doctest::Approx(14760));
  // SLA: A met both; B breached both; C ack breached, resolve met; D, E unknown.
  CHECK(all.ack_evaluated == 3);
  CHECK(all.ack_met == 1);
  CHECK(all.resolve_evaluated == 3);
  CHECK(all.resolve_met == 2);
  CHECK(all.sla_evaluated == 3);
  CHECK(all.sla_met == 1);
  CHECK(*all.sla_compliance() == doctest::Approx(1.0 / 3));
  // Action items: 6; done a1 a2 c1; on time a1 (same day) and c1 (earlier day, later hour); a3 overdue.
  CHECK(all.actions == 6);
  CHECK(all.actions_completed == 3);
  CHECK(all.actions_completed_with_due == 3);
  CHECK(all.actions_on_time == 2);
  CHECK(all.actions_overdue == 1);
  // PIRs: published A, C, E; verdict known for A (on time), B (deadline passed) and C (late).
  CHECK(all.pirs_published == 3);
  CHECK(all.pirs_due == 3);
  CHECK(all.pirs_on_time == 1);
  // Recurrence: A, B, C, D eligible (E has no time); B and D repeat checkout/capacity within 90d.
  CHECK(all.recurrence_eligible == 4);
  CHECK(all.recurrences == 2);
  CHECK(*all.recurrence_rate() == doctest::Approx(0.5));
  CHECK(m.undated == 1);
}

TEST_CASE("metrics: per severity and per month") {
  auto s = metrics_site();
  Metrics m = compute_metrics(s.config, s.model, kNow);
  REQUIRE(m.by_severity.size() == 5);  // SEV1..SEV4, then unknown (D)
  CHECK(m.by_severity[0].key == "SEV1");
  CHECK(m.by_severity[0].incidents == 2);
  CHECK(m.by_severity[0].ttr.mean == doctest::Approx(4200));  // (3000 + 5400) / 2
  CHECK(m.by_severity[0].sla_met == 1);
  CHECK(m.by_severity[0].actions_overdue == 1);
  CHECK(m.by_severity[1].key == "SEV2");
  CHECK(m.by_severity[1].incidents == 2);
  CHECK(m.by_severity[1].pirs_on_time == 0);
  CHECK(m.by_severity[2].incidents == 0);
  CHECK(m.by_severity[4].key == "unknown");
  CHECK(m.by_severity[4].incidents == 1);
  REQUIRE(m.by_month.size() == 2);
  CHECK(m.by_month[0].key == "2026-03");
  CHECK(m.by_month[0].incidents == 2);
  CHECK(m.by_month[0].recurrences == 1);
  CHECK(m.by_month[1].key == "2026-04");
  CHECK(m.by_month[1].ttr.median == doctest::Approx(12600));  // (7200 + 18000) / 2
  REQUIRE(m.by_month_severity.size() == 2);
  CHECK(m.by_month_severity[0] == std::vector<size_t>{2, 0, 0, 0, 0});
  CHECK(m.by_month_severity[1] == std::vector<size_t>{0, 1, 0, 0, 1});
}

TEST_CASE("metrics: months without incidents are listed with zero counts") {
  fbtest::TestSite s;
  s.load({pir("a", "started_at: 2026-01-10T00:00:00Z\n"), pir("b", "started_at: 2026-03-10T00:00:00Z\n")});
  Metrics m = compute_metrics(s.config, s.model, kNow);
  REQUIRE(m.by_month.size() == 3);
  CHECK(m.by_month[1].key == "2026-02");
  CHECK(m.by_month[1].incidents == 0);
  CHECK(m.by_severity.size() == 5);  // no severity anywhere -> "unknown" bucket
}

TEST_CASE("metrics: MTBF per service is the mean gap between consecutive starts") {
  auto s = metrics_site();
  Metrics m = compute_metrics(s.config, s.model, kNow);
  REQUIRE(m.services.size() == 2);
  CHECK(m.services[0].service == "checkout");
  CHECK(m.services[0].incidents == 3);
  // 2026-03-04T10:00 -> 2026-04-15T00:00 = 41 d 14 h = 3592800 s over 2 gaps.
  CHECK(*m.services[0].mtbf == doctest::Approx(1796400));
  CHECK(m.services[1].service == "search");
  CHECK(m.services[1].incidents == 1);  // E is undated
  CHECK_FALSE(m.services[1].mtbf);
}

TEST_CASE("metrics: action-item burn-down by month end") {
  auto s = metrics_site();
  Metrics m = compute_metrics(s.config, s.model, kNow);
  REQUIRE(m.burndown.size() == 4);  // 2026-03 .. 2026-06 (month of now)
  CHECK(m.burndown[0].month == "2026-03");
  CHECK(m.burndown[0].open == 2);     // a3, b2 (a1/a2 completed in March; b1 wont-do has no date)
  CHECK(m.burndown[0].overdue == 0);  // a3 is due 2026-04-01, exactly the month end: not yet overdue
  CHECK(m.burndown[1].open == 2);     // c1 opened and closed in April
  CHECK(m.burndown[1].overdue == 1);
  CHECK(m.burndown[3].month == "2026-06");
  CHECK(m.burndown[3].overdue == 1);  // b2 due 2026-07-01 = month end: not overdue
}

TEST_CASE("metrics over a subset still see earlier incidents for recurrence") {
  auto s = metrics_site();
  size_t b = fbtest::index_of(s.model, "B");
  Metrics m = compute_metrics(s.config, s.model, kNow, {b});
  CHECK(m.overall.incidents == 1);
  CHECK(m.overall.recurrences == 1);  // A is outside the subset but before B
}

TEST_CASE("recurrence window is inclusive") {
  fbtest::TestSite s;
  s.config.patterns.window = 10 * 86400;
  s.load({pir("a", "services: [x]\nroot_cause: {category: data}\nstarted_at: 2026-01-01T00:00:00Z\n"),
          pir("b", "services: [x]\nroot_cause: {category: data}\nstarted_at: 2026-01-11T00:00:00Z\n"),
          pir("c", "services: [x]\nroot_cause: {category: data}\nstarted_at: 2026-01-21T00:00:01Z\n")});
  Metrics m = compute_metrics(s.config, s.model, kNow);
  CHECK(m.recurrence == std::vector<char>{0, 1, 0});  // b exactly 10d after a; c 10d + 1s after b
}
