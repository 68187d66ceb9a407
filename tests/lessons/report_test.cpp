// `firebreak patterns` output formats and the period report.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "lessons/format.h"
#include "site_fixture.h"
#include "util/time.h"

using namespace fb;
using fbtest::pir;

namespace {

const int64_t kNow = parse_timestamp("2026-06-01T00:00:00Z")->epoch;

/// With `anchors`, span_anchors() stretch the span so that A and B recurring is significant.
fbtest::TestSite report_site(bool anchors = false) {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  std::vector<std::pair<std::string, std::string>> files{
      pir("a", R"(incident_id: A
title: "Pool <exhausted> | again"
severity: SEV1
services: [checkout]
root_cause: {category: capacity, summary: "connection pool exhausted by retries"}
started_at: 2026-01-10T10:00:00Z
acknowledged_at: 2026-01-10T10:04:00Z
resolved_at: 2026-01-10T10:40:00Z
action_items:
  - {id: A1, title: Raise pool, status: done, due: 2026-01-20, completed_at: 2026-01-15}
)"),
      pir("b", R"(incident_id: B
severity: SEV2
services: [checkout]
root_cause: {category: capacity, summary: "retries exhausted the connection pool"}
started_at: 2026-02-10T10:00:00Z
acknowledged_at: 2026-02-10T10:40:00Z
resolved_at: 2026-02-10T12:00:00Z
action_items:
  - {id: B1, title: "Budget <connections>", owner: ana, status: open, due: 2026-03-01}
  - {id: B2, title: Alert, status: open, due: 2026-02-20}
)"),
      pir("c", R"(incident_id: C
severity: SEV3
services: [search]
root_cause: {category: deploy}
started_at: 2026-04-10T10:00:00Z
resolved_at: 2026-04-10T11:00:00Z
action_items:
  - {id: C1, title: Later, status: open, due: 2026-09-01}
)"),
  };
  s.load(anchors ? fbtest::with_span_anchors(files) : files);
  return s;
}

}  // namespace

TEST_CASE("patterns JSON: documented shape with member ids and kind-specific keys") {
  auto s = report_site(true);
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  auto j = nlohmann::json::parse(patterns_json(r, select_patterns(r, "")));
  REQUIRE(j.contains("patterns"));
  bool saw_repeat = false, saw_recurrence = false;
  for (const auto& p : j["patterns"]) {
    for (const char* key : {"kind", "id", "title", "strength", "strength_note", "members", "why"})
      CHECK_MESSAGE(p.contains(key), key);
    if (p["kind"] == "repeat-after-fix") {
      saw_repeat = true;
      CHECK(p["members"] == nlohmann::json::array({"A", "B"}));
      CHECK(p["earlier"] == "A");
      CHECK(p["later"] == "B");
      CHECK(p["fixed_at"] == "2026-01-15");
    }
    if (p["kind"] == "category-recurrence") {
      saw_recurrence = true;
      CHECK(p["services"] == nlohmann::json::array({"checkout"}));
      CHECK(p["category"] == "capacity");
    }
  }
  CHECK(saw_repeat);
  CHECK(saw_recurrence);
  auto only = nlohmann::json::parse(patterns_json(r, select_patterns(r, "repeat-after-fix")));
  CHECK(only["patterns"].size() == 1);
}

TEST_CASE("patterns text and Markdown: grouped by kind, Markdown escaped") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  auto list = select_patterns(r, "");
  std::string text = patterns_text(r, list);
  CHECK(text.find("Repeats after a fix (1)\n  B repeated A after its fixes were completed\n") != std::string::npos);
  CHECK(text.find("    incidents: A, B\n") != std::string::npos);
  std::string md = patterns_markdown(s.model, r, list);
  CHECK(md.find("## Repeats after a fix (1)") != std::string::npos);
  CHECK(md.find("- A — Pool \\<exhausted\\> \\| again") != std::string::npos);
  CHECK(patterns_text(r, {}).rfind("No patterns found.\nSignificant at false discovery rate 0.05: ", 0) == 0);
}

TEST_CASE("report: period filter, metrics of the period, top patterns, every overdue item") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  // February only: B is inside, A (January) and C (April) are not.
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  REQUIRE(rep.incidents.size() == 1);
  CHECK(rep.incidents[0].id == "B");
  CHECK(rep.metrics.overall.incidents == 1);
  CHECK(rep.metrics.overall.recurrences == 1);  // repeats A, which is outside the period
  CHECK(rep.metrics.overall.ttr.median == doctest::Approx(7200));
  // Overdue at now, from any period, oldest due first: B2 (02-20), B1 (03-01); C1 is not due yet.
  REQUIRE(rep.overdue.size() == 2);
  CHECK(rep.overdue[0].id == "B2");
  CHECK(rep.overdue[1].id == "B1");
  CHECK(rep.overdue[1].days_overdue == 92);  // 2026-03-01 -> 2026-06-01
  for (const auto& tp : rep.top_patterns) CHECK(tp.members_in_period == std::vector<std::string>{"B"});
  // The last day is inclusive: an incident at 10:00 on --to is inside.
  PeriodReport april = compile_report(s.config, s.model, r, kNow, *parse_date("2026-04-10"), *parse_date("2026-04-10"));
  CHECK(april.incidents.size() == 1);
}

TEST_CASE("report formats: Markdown tables, standalone escaped HTML, JSON numbers") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-01-01"), *parse_date("2026-03-31"));
  std::string md = report_markdown(rep);
  CHECK(md.rfind("# Incident review 2026-01-01 – 2026-03-31\n", 0) == 0);
  CHECK(md.find("| Severity | Incidents | MTTA mean |") != std::string::npos);
  CHECK(md.find("| SEV1 | 1 | 4m | 4m | 4m | 40m | 40m | 40m | 100% |") != std::string::npos);
  CHECK(md.find("Budget \\<connections\\>") != std::string::npos);
  std::string html = report_html(rep);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<link") == std::string::npos);  // no external resources
  CHECK(html.find("Budget &lt;connections&gt;") != std::string::npos);
  CHECK(html.find("<connections>") == std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["from"] == "2026-01-01");
  CHECK(j["overall"]["incidents"] == 2);
  CHECK(j["overall"]["time_to_resolve"]["median"] == doctest::Approx(4800));  // (2400 + 7200) / 2
  CHECK(j["overall"]["sla"]["compliance"] == doctest::Approx(0.5));
  CHECK(j["by_severity"][2]["time_to_resolve"]["mean"].is_null());  // SEV3: none in the period
  CHECK(j["overdue_action_items"].size() == 2);
}

TEST_CASE("report: Markdown and HTML lists are capped with \"N more\", JSON keeps every row") {
  fbtest::TestSite s;
  std::string items;
  for (int i = 0; i < 40; ++i) items += fmt::format("  - {{id: X{:02}, title: Fix {}, status: open, due: 2026-0{}-{:02}}}\n", i, i, 1 + i / 28, i % 28 + 1);
  std::vector<std::pair<std::string, std::string>> files{
      pir("x", "incident_id: X\nstarted_at: 2025-12-01T10:00:00Z\naction_items:\n" + items)};
  for (int i = 0; i < 30; ++i)
    files.push_back(pir(fmt::format("m{:02}", i), fmt::format("incident_id: M{:02}\nstarted_at: 2026-02-{:02}T10:00:00Z\n", i, i % 28 + 1)));
  s.load(files);
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  REQUIRE(rep.overdue.size() == 40);
  REQUIRE(rep.incidents.size() == 30);
  std::string md = report_markdown(rep);
  CHECK(md.find("| X | X24 |") != std::string::npos);
  CHECK(md.find("| X | X25 |") == std::string::npos);  // X25.. are left out (sorted by due, then id)
  CHECK(md.find("15 more; the full list is in") != std::string::npos);
  CHECK(md.find("\n5 more; the full list is in") != std::string::npos);  // 30 incidents, 25 shown
  std::string html = report_html(rep);
  CHECK(html.find("<p>15 more; the full list is in") != std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["overdue_action_items"].size() == 40);
}

TEST_CASE("report periods: quarters, months and years as first and last day") {
  auto day = [](const char* d) { return *parse_date(d); };
  CHECK(parse_period("2026-Q3") == std::make_pair(day("2026-07-01"), day("2026-09-30")));
  CHECK(parse_period("2026-q4") == std::make_pair(day("2026-10-01"), day("2026-12-31")));
  CHECK(parse_period("2026-Q1") == std::make_pair(day("2026-01-01"), day("2026-03-31")));
  CHECK(parse_period("2024-02") == std::make_pair(day("2024-02-01"), day("2024-02-29")));  // leap year
  CHECK(parse_period("2026-12") == std::make_pair(day("2026-12-01"), day("2026-12-31")));
  CHECK(parse_period("2026") == std::make_pair(day("2026-01-01"), day("2026-12-31")));
  for (const char* bad : {"2026-Q5", "2026-Q0", "2026-13", "2026-00", "26-Q1", "2026-7", "2026-07-01", "Q3", ""})
    CHECK_MESSAGE(!parse_period(bad), bad);
}

TEST_CASE("report: each headline figure beside the previous period of the same length, with the change") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  // February (28 days): the previous period is January 4 – 31, which holds A (January 10).
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  CHECK(rep.previous_from == *parse_date("2026-01-04"));
  CHECK(rep.previous_to == *parse_date("2026-01-31"));
  CHECK(rep.previous.incidents == 1);
  std::string md = report_markdown(rep);
  CHECK(md.find("| Figure | This period | Previous (2026-01-04 – 2026-01-31) | Change |") != std::string::npos);
  CHECK(md.find("| Incidents | 1 | 1 | 0 |") != std::string::npos);
  // A was acknowledged in 4m, B in 40m; resolved in 40m and 2h.
  CHECK(md.find("| Time to acknowledge, median | 40m | 4m | +36 min |") != std::string::npos);
  CHECK(md.find("| Time to resolve, median | 2h | 40m | +80 min |") != std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["previous"]["from"] == "2026-01-04");
  CHECK(j["previous"]["overall"]["incidents"] == 1);
  // March: the previous period (February) has B; April (C) is not in either.
  PeriodReport march = compile_report(s.config, s.model, r, kNow, *parse_date("2026-03-01"), *parse_date("2026-03-31"));
  CHECK(report_markdown(march).find("| Incidents | 0 | 1 | −1 |") != std::string::npos);
}

TEST_CASE("report: incidents by service and by category beside the previous period") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  REQUIRE(!rep.by_category.empty());
  CHECK(rep.by_category[0].key == "capacity");
  CHECK(rep.by_category[0].incidents == 1);  // B
  CHECK(rep.by_category[0].previous == 1);   // A
  std::string md = report_markdown(rep);
  CHECK(md.find("## By service\n\n| Service | Incidents | Previous period | Change |\n| --- | --- | --- | --- |\n| checkout | 1 | 1 | 0 |") !=
        std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["by_category"][0]["key"] == "capacity");
}

TEST_CASE("report: the period's SLA breaches with target, time taken and by how much, most over first") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  // B (SEV2) was acknowledged after 40m; the default SEV2 target is 15m.
  bool ack = false;
  for (const auto& b : rep.sla_breaches) {
    CHECK(b.incident == "B");
    CHECK(b.actual > b.target);
    if (b.what == "acknowledge") ack = b.actual == 40 * 60;
  }
  CHECK(ack);
  for (size_t i = 1; i < rep.sla_breaches.size(); ++i)
    CHECK(rep.sla_breaches[i - 1].actual - rep.sla_breaches[i - 1].target >=
          rep.sla_breaches[i].actual - rep.sla_breaches[i].target);
  CHECK(report_markdown(rep).find("| B | SEV2 | acknowledge | 15m | 40m | 25m |") != std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  REQUIRE(!j["sla_breaches"].empty());
  CHECK(j["sla_breaches"][0]["incident"] == "B");
}

TEST_CASE("report: open action items and their weekly burn-down over the period") {
  auto s = report_site();
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-01-01"), *parse_date("2026-01-31"));
  CHECK(rep.open_actions == 3);  // B1, B2, C1 (A1 is done)
  REQUIRE(rep.burn_down.size() == 5);  // weeks ending 01-07, 14, 21, 28 and the last day 01-31
  CHECK(rep.burn_down[0] == std::make_pair(*parse_date("2026-01-07"), size_t{0}));
  CHECK(rep.burn_down[1].second == 1);  // A (01-10) open A1 until its completion on 01-15
  CHECK(rep.burn_down[2].second == 0);  // closed 01-15
  CHECK(rep.burn_down.back().first == *parse_date("2026-01-31"));
  CHECK(report_markdown(rep).find("| 2026-01-14 | 1 |") != std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["open_action_items"] == 3);
  CHECK(j["burn_down"].size() == 5);
}

TEST_CASE("report: time to detect (detected_at - started_at), in the summary, the comparison and JSON") {
  fbtest::TestSite s;
  s.load({pir("d1", "incident_id: D1\nstarted_at: 2026-02-01T10:00:00Z\ndetected_at: 2026-02-01T10:10:00Z\n"),
          pir("d2", "incident_id: D2\nstarted_at: 2026-02-03T10:00:00Z\ndetected_at: 2026-02-03T10:30:00Z\n"),
          pir("d3", "incident_id: D3\nstarted_at: 2026-02-05T10:00:00Z\n")});  // no detection time: not counted
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  PeriodReport rep = compile_report(s.config, s.model, r, kNow, *parse_date("2026-02-01"), *parse_date("2026-02-28"));
  CHECK(rep.metrics.overall.ttd.n == 2);
  CHECK(rep.metrics.overall.ttd.mean == doctest::Approx(20 * 60));
  std::string md = report_markdown(rep);
  CHECK(md.find("- Time to detect: mean 20m,") != std::string::npos);
  CHECK(md.find("| Time to detect, median | 20m | — | — |") != std::string::npos);
  auto j = nlohmann::json::parse(report_json(rep));
  CHECK(j["overall"]["time_to_detect"]["mean"] == doctest::Approx(1200));
}
