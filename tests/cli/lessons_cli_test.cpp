// End to end: `firebreak patterns`, `firebreak report`, and lessons.db in the built site.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;

namespace {

const std::string kNow = "--now 2026-06-01T00:00:00Z";

/// A site with two capacity incidents on checkout (the second after the first's fix) and one other.
fs::path lessons_site(const std::string& name) {
  fs::path site = fresh_temp_dir(name);
  fb::write_file(site / "site.yaml", "title: Lessons KB\npatterns:\n  min_occurrences: 2\n");
  fb::write_file(site / "content/runbooks/pool.md",
                 "---\ntitle: Pool exhausted\nservice: checkout\nowner: team-a\nalerts: [PoolExhausted]\n"
                 "last_reviewed: 2026-05-01\n---\n## Symptoms\n\nx\n\n## Diagnosis\n\ny\n\n## Mitigation\n\nz\n\n"
                 "## Escalation\n\nw\n");
  fb::write_file(site / "content/postmortems/2026-01-10-pool.md", R"(---
title: Checkout down, pool exhausted
incident_id: INC-1
severity: SEV2
status: published
services: [checkout]
started_at: 2026-01-10T10:00:00Z
acknowledged_at: 2026-01-10T10:05:00Z
resolved_at: 2026-01-10T11:00:00Z
published_at: 2026-01-12T10:00:00Z
root_cause: {category: capacity, summary: "Retries from the checkout workers exhausted the PgBouncer connection pool."}
alerts: [PoolExhausted]
runbooks: [pool]
action_items:
  - {id: AI-1, title: Raise the pool, owner: ana, priority: high, status: done, due: 2026-01-20, completed_at: 2026-01-15}
---
## Summary

The pool ran out.
)");
  fb::write_file(site / "content/postmortems/2026-02-10-pool-again.md", R"(---
title: Checkout down again
incident_id: INC-2
severity: SEV2
status: published
services: [checkout]
started_at: 2026-02-10T10:00:00Z
acknowledged_at: 2026-02-10T10:05:00Z
resolved_at: 2026-02-10T12:00:00Z
published_at: 2026-02-12T10:00:00Z
root_cause: {category: capacity, summary: "The PgBouncer connection pool was exhausted again by checkout worker retries."}
alerts: [PoolExhausted]
runbooks: [pool]
action_items:
  - {id: AI-2, title: Budget connections, owner: ana, priority: high, status: open, due: 2026-03-01}
---
## Summary

Again.
)");
  return site;
}

}  // namespace

TEST_CASE("patterns --format json lists the repeat after fix with its evidence") {
  fs::path site = lessons_site("patterns-json");
  auto r = run_firebreak("patterns --site " + site.string() + " --format json " + kNow);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.output);
  bool found = false;
  for (const auto& p : j["patterns"])
    if (p["kind"] == "repeat-after-fix") {
      found = true;
      CHECK(p["members"] == nlohmann::json::array({"INC-1", "INC-2"}));
    }
  CHECK(found);
  auto only = run_firebreak("patterns --site " + site.string() + " --format json --kind category-recurrence " + kNow);
  REQUIRE(only.exit_code == 0);
  for (const auto& p : nlohmann::json::parse(only.output)["patterns"]) CHECK(p["kind"] == "category-recurrence");
}

TEST_CASE("patterns: text by default, Markdown on request, usage errors exit 2") {
  fs::path site = lessons_site("patterns-text");
  auto text = run_firebreak("patterns --site " + site.string() + " " + kNow);
  CHECK(text.exit_code == 0);
  CHECK(text.output.find("Repeats after a fix (1)") != std::string::npos);
  auto md = run_firebreak("patterns --site " + site.string() + " --format markdown " + kNow);
  CHECK(md.output.rfind("# Incident patterns", 0) == 0);
  CHECK(run_firebreak("patterns --site " + site.string() + " --format xml").exit_code == 2);
  CHECK(run_firebreak("patterns --site /no/such/site").exit_code == 2);
}

TEST_CASE("report: Markdown by default for the window before now, HTML and JSON, bad dates exit 2") {
  fs::path site = lessons_site("report");
  auto md = run_firebreak("report --site " + site.string() + " " + kNow);
  REQUIRE(md.exit_code == 0);
  CHECK(md.output.rfind("# Incident review 2026-03-03 – 2026-06-01", 0) == 0);  // 90d before 2026-06-01
  CHECK(md.output.find("| INC-2 | AI-2 | Budget connections | ana | high | 2026-03-01 | 92 |") != std::string::npos);
  auto html = run_firebreak("report --site " + site.string() + " --from 2026-01-01 --to 2026-02-28 --format html " + kNow);
  REQUIRE(html.exit_code == 0);
  CHECK(html.output.find("<td>Checkout down again</td>") != std::string::npos);
  auto json = run_firebreak("report --site " + site.string() + " --from 2026-01-01 --to 2026-01-31 --format json " + kNow);
  REQUIRE(json.exit_code == 0);
  auto j = nlohmann::json::parse(json.output);
  CHECK(j["overall"]["incidents"] == 1);
  CHECK(j["incidents"][0]["id"] == "INC-1");
  CHECK(run_firebreak("report --site " + site.string() + " --from 2026-13-01 " + kNow).exit_code == 2);
  CHECK(run_firebreak("report --site " + site.string() + " --from 2026-03-01 --to 2026-02-01 " + kNow).exit_code == 2);
}

TEST_CASE("report --period: a quarter is the same report as its first and last day, bad periods exit 2") {
  fs::path site = lessons_site("report-period");
  auto q1 = run_firebreak("report --site " + site.string() + " --period 2026-Q1 --format json " + kNow);
  REQUIRE(q1.exit_code == 0);
  auto days = run_firebreak("report --site " + site.string() + " --from 2026-01-01 --to 2026-03-31 --format json " + kNow);
  CHECK(q1.output == days.output);
  auto month = run_firebreak("report --site " + site.string() + " --period 2026-01 " + kNow);
  REQUIRE(month.exit_code == 0);
  CHECK(month.output.rfind("# Incident review 2026-01-01 – 2026-01-31", 0) == 0);
  auto bad = run_firebreak("report --site " + site.string() + " --period 2026-Q5 " + kNow);
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("is not a quarter (2026-Q3)") != std::string::npos);
  CHECK(run_firebreak("report --site " + site.string() + " --period 2026-Q1 --from 2026-01-01 " + kNow).exit_code != 0);
}

TEST_CASE("build writes lessons.db and the patterns and metrics pages") {
  fs::path site = lessons_site("build");
  fs::path out = fresh_temp_dir("lessons-build-out") / "public";
  auto r = run_firebreak("build -q --site " + site.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto db = fb::read_file(out / "lessons.db");
  REQUIRE(db);
  CHECK(db->rfind(std::string("SQLite format 3\0", 16), 0) == 0);
  CHECK(fs::exists(out / "patterns/index.html"));
  CHECK(fs::exists(out / "metrics/index.html"));
  fs::path again = fresh_temp_dir("lessons-build-again") / "public";
  REQUIRE(run_firebreak("build -q --site " + site.string() + " --out " + again.string() + " " + kNow).exit_code == 0);
  CHECK(*fb::read_file(again / "lessons.db") == *db);
}
