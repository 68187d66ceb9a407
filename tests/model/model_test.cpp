#include <doctest/doctest.h>

#include "model/model.h"

using namespace fb;

namespace {
Document parse(const std::string& path, const std::string& text) {
  Document doc;
  Diagnostics d;
  REQUIRE(parse_document(default_config(), SourceFile{path, text}, doc, d));
  return doc;
}
}  // namespace

TEST_CASE("PIR durations and SLA verdicts") {
  Config c = default_config();  // SEV1: ack 5m, resolve 1h
  Document doc = parse("content/postmortems/a.md", R"(---
severity: SEV1
started_at: 2026-03-04T13:52:00Z
detected_at: 2026-03-04T13:58:00Z
acknowledged_at: 2026-03-04T13:57:00+00:00
mitigated_at: 2026-03-04T14:40:00Z
resolved_at: 2026-03-04T15:10:00Z
---
)");
  Diagnostics d;
  Postmortem pm = make_postmortem(c, doc, d);
  CHECK(d.items.empty());
  CHECK(pm.time_to_detect() == 6 * 60);
  CHECK(pm.time_to_acknowledge() == 5 * 60);
  CHECK(pm.time_to_mitigate() == 48 * 60);
  CHECK(pm.time_to_resolve() == 78 * 60);
  CHECK(pm.acknowledge_sla().status == SlaStatus::Met);  // exactly at the target is met
  CHECK(pm.resolve_sla().status == SlaStatus::Breached);
  CHECK(pm.resolve_sla().target == 3600);
}

TEST_CASE("SLA is unknown without times or a target") {
  Config c = default_config();
  Document doc = parse("content/postmortems/b.md", "---\nseverity: SEV2\nstarted_at: 2026-03-04T13:52:00Z\n---\n");
  Diagnostics d;
  Postmortem pm = make_postmortem(c, doc, d);
  CHECK(pm.resolve_sla().status == SlaStatus::Unknown);
  CHECK_FALSE(pm.time_to_resolve());
}

TEST_CASE("severity aliases normalise, unknown severities list the allowed ones") {
  Config c = default_config();
  Diagnostics d;
  Postmortem pm = make_postmortem(c, parse("content/postmortems/c.md", "---\nseverity: critical\n---\n"), d);
  CHECK(pm.severity.id() == "SEV1");
  CHECK(pm.severity.via_alias);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB202");
  CHECK(d.items[0].level == Level::Info);

  Diagnostics u;
  Document bad = parse("content/postmortems/d.md", "---\ntitle: x\nseverity: SEV7\n---\n");
  Postmortem p2 = make_postmortem(c, bad, u);
  CHECK(p2.severity.level == nullptr);
  REQUIRE(u.items.size() == 1);
  CHECK(u.items[0].code == "FB201");
  CHECK(u.items[0].line == 3);
  CHECK(u.items[0].col == 11);
  CHECK(u.items[0].hint.find("SEV1, SEV2, SEV3, SEV4") != std::string::npos);
}

TEST_CASE("bad times are reported at the value") {
  Config c = default_config();
  Diagnostics d;
  make_postmortem(c, parse("content/postmortems/e.md", "---\nstarted_at: yesterday\nresolved_at: 2026-03-04 15:00\n---\n"), d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB210");
  CHECK(d.items[0].line == 2);
  CHECK(d.items[1].code == "FB211");
  CHECK(d.items[1].line == 3);
}

TEST_CASE("runbook view: service from folder, review due from policy or override") {
  Config c = default_config();
  c.runbooks.review_every = 90 * 86400;
  Diagnostics d;
  Runbook rb = make_runbook(c, parse("content/runbooks/orders-db/pool.md",
                                     "---\nlast_reviewed: 2026-09-01\nalerts: [A, B]\n---\n"), d);
  CHECK(d.items.empty());
  CHECK(rb.service == "orders-db");
  CHECK(rb.alerts.size() == 2);
  REQUIRE(rb.review_due(c));
  CHECK(format_date(*rb.review_due(c)) == "2026-11-30");
  Runbook o = make_runbook(c, parse("content/runbooks/x.md", "---\nlast_reviewed: 2026-09-01\nreview_every: 30d\n---\n"), d);
  CHECK(format_date(*o.review_due(c)) == "2026-10-01");
}

TEST_CASE("action items: status normalisation and overdue") {
  Config c = default_config();
  Diagnostics d;
  Postmortem pm = make_postmortem(c, parse("content/postmortems/f.md", R"(---
action_items:
  - id: A1
    title: Raise pool size
    owner: priya
    due: 2026-03-11
    status: Done
    completed_at: 2026-03-10
  - id: A2
    title: Alert at 80%
    owner: sam
    due: 2026-03-20
    status: in_progress
---
)"), d);
  CHECK(d.items.empty());
  REQUIRE(pm.action_items.size() == 2);
  CHECK(pm.action_items[0].done());
  CHECK(pm.action_items[1].status == "in-progress");
  int64_t now = *parse_date("2026-03-21");
  CHECK(pm.action_items[1].overdue(now));
  CHECK_FALSE(pm.action_items[1].overdue(*parse_date("2026-03-20")));
  CHECK_FALSE(pm.action_items[0].overdue(now));
  CHECK(pm.action_items[1].pos.line == 9);
}
