// lessons.db: schema, user_version, contents, FTS5, identical bytes from identical input.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "lessons/database.h"
#include "lessons/db_insert.h"
#include "site_fixture.h"
#include "util/fs.h"
#include "util/time.h"

using namespace fb;
using fbtest::pir;
using fbtest::runbook;

namespace {

const int64_t kNow = parse_timestamp("2026-06-01T00:00:00Z")->epoch;

std::vector<std::pair<std::string, std::string>> files() {
  return {
      runbook("pool", "title: Pool exhausted\nservice: orders-db\nalerts: [PoolExhausted]\nlast_reviewed: 2026-05-01\n"),
      runbook("cert", "title: Certificate expiry\nservice: edge\nalerts: [CertExpiring]\n"),
      pir("b-second", R"(incident_id: INC-2
title: Orders down again
severity: SEV1
services: [orders-api, orders-db]
root_cause: {category: capacity, summary: "The connection pool was exhausted by a retry storm."}
contributing_factors: [retries without jitter]
started_at: 2026-03-04T10:00:00Z
acknowledged_at: 2026-03-04T10:03:00Z
resolved_at: 2026-03-04T11:30:00Z
tags: [postgres]
alerts: [PoolExhausted]
runbooks: [pool]
timeline:
  - {at: 2026-03-04T10:00:00Z, event: "Errors start", by: "monitoring"}
action_items:
  - {id: AI-1, title: "Add jitter", status: open, due: 2026-04-01}
)",
          "# Orders down again\n\n## Root cause\n\nRetries hammered PgBouncer.\n"),
      pir("a-first", R"(incident_id: INC-1
severity: SEV2
services: [orders-db]
root_cause: {category: capacity, summary: "The connection pool was exhausted during a batch import."}
started_at: 2026-02-01T10:00:00Z
resolved_at: 2026-02-01T12:00:00Z
alerts: [PoolExhausted, DiskFull]
action_items:
  - {id: AI-0, title: "Raise pool", status: done, due: 2026-02-10, completed_at: 2026-02-08}
)"),
  };
}

int g_built = 0;

std::string build_db(const std::vector<std::pair<std::string, std::string>>& input, int64_t now = kNow) {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  s.load(input);
  LessonsResult r = analyse_lessons(s.config, s.model, now);
  auto file = std::filesystem::temp_directory_path() / fmt::format("fb-lessons-test-{}-{}.db", ::getpid(), ++g_built);
  std::filesystem::remove(file);
  std::string error;
  REQUIRE_MESSAGE(write_lessons_db(s.config, s.model, r, now, file, error), error);
  auto bytes = read_file(file);
  std::filesystem::remove(file);
  REQUIRE(bytes);
  return *bytes;
}

/// Writes the bytes to a temp file and opens it read-only.
std::unique_ptr<SQLite::Database> open(const std::string& bytes, const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("fb-lessons-test-" + name + ".db");
  REQUIRE(write_file(path, bytes));
  return std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READONLY);
}

}  // namespace

TEST_CASE("lessons.db: user_version, page size and every documented table") {
  std::string bytes = build_db(files());
  REQUIRE(bytes.size() > 100);
  CHECK(bytes.substr(0, 16) == std::string("SQLite format 3\0", 16));
  auto db = open(bytes, "schema");
  CHECK(db->execAndGet("PRAGMA user_version").getInt() == kLessonsSchemaVersion);
  CHECK(db->execAndGet("PRAGMA page_size").getInt() == kLessonsPageSize);
  CHECK(kLessonsPageSize == 16384);  // documented in docs/lessons-db.md
  CHECK(db->execAndGet("PRAGMA freelist_count").getInt() == 0);
  CHECK(db->execAndGet("PRAGMA integrity_check").getString() == "ok");
  std::set<std::string> tables;
  SQLite::Statement q(*db, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'incident_text_%'");
  while (q.executeStep()) tables.insert(q.getColumn(0).getString());
  for (const char* t : {"meta", "incidents", "incident_services", "incident_tags", "incident_triggers", "incident_alerts",
                        "contributing_factors", "action_items", "timeline_events", "runbooks", "runbook_alerts",
                        "runbook_tags", "incident_runbooks", "patterns", "pattern_members", "pattern_runbooks",
                        "similar_incidents", "incident_text"})
    CHECK_MESSAGE(tables.count(t) == 1, t);
  CHECK(db->execAndGet("SELECT value FROM meta WHERE key='as_of'").getString() == "2026-06-01T00:00:00Z");
}

TEST_CASE("lessons.db: rows reflect the model") {
  auto db = open(build_db(files()), "rows");
  CHECK(db->execAndGet("SELECT count(*) FROM incidents").getInt() == 2);
  CHECK(db->execAndGet("SELECT severity FROM incidents WHERE id='INC-2'").getString() == "SEV1");
  CHECK(db->execAndGet("SELECT time_to_resolve FROM incidents WHERE id='INC-2'").getInt() == 5400);
  CHECK(db->execAndGet("SELECT resolve_sla FROM incidents WHERE id='INC-2'").getString() == "breached");
  CHECK(db->execAndGet("SELECT month FROM incidents WHERE id='INC-1'").getString() == "2026-02");
  CHECK(db->execAndGet("SELECT recurrence FROM incidents WHERE id='INC-2'").getInt() == 1);
  CHECK(db->execAndGet("SELECT group_concat(service) FROM incident_services WHERE incident_id='INC-2'").getString() ==
        "orders-api,orders-db");
  CHECK(db->execAndGet("SELECT overdue FROM action_items WHERE id='AI-1'").getInt() == 1);
  CHECK(db->execAndGet("SELECT on_time FROM action_items WHERE id='AI-0'").getInt() == 1);
  CHECK(db->execAndGet("SELECT actor FROM timeline_events WHERE incident_id='INC-2'").getString() == "monitoring");
  CHECK(db->execAndGet("SELECT review_due FROM runbooks WHERE id='pool'").getString() == "2026-10-28");  // + 180d default policy
  CHECK(db->execAndGet("SELECT count(*) FROM incident_runbooks WHERE runbook_id='pool' AND via='listed'").getInt() == 1);
  CHECK(db->execAndGet("SELECT count(*) FROM incident_runbooks WHERE runbook_id='pool' AND via='alert'").getInt() == 2);
  // The repeat after fix (INC-1's only item was done before INC-2) is stored with its members in order.
  CHECK(db->execAndGet("SELECT group_concat(incident_id, '>') FROM (SELECT incident_id FROM pattern_members "
                       "WHERE pattern_id='repeat-after-fix-inc-2' ORDER BY position)")
            .getString() == "INC-1>INC-2");
  CHECK(db->execAndGet("SELECT similar_id FROM similar_incidents WHERE incident_id='INC-1' AND rank=0").getString() ==
        "INC-2");
  CHECK(db->execAndGet("SELECT count(*) FROM patterns WHERE kind='runbook-gap' AND subject='DiskFull'").getInt() == 1);
}

TEST_CASE("lessons.db: full-text search over incident text") {
  auto db = open(build_db(files()), "fts");
  CHECK(db->execAndGet("SELECT incident_id FROM incident_text WHERE incident_text MATCH 'pgbouncer'").getString() ==
        "INC-2");
  CHECK(db->execAndGet("SELECT count(*) FROM incident_text WHERE incident_text MATCH 'root_cause:exhausted'").getInt() ==
        2);
  CHECK(db->execAndGet("SELECT incident_id FROM incident_text WHERE incident_text MATCH 'contributing_factors:jitter'")
            .getString() == "INC-2");
}

TEST_CASE("lessons.db: the full-text index is whole and answers every documented query") {
  std::string bytes = build_db(files());
  {
    // FTS5's own consistency check of the index against its stored content.
    auto path = std::filesystem::temp_directory_path() / "fb-lessons-test-fts-check.db";
    REQUIRE(write_file(path, bytes));
    SQLite::Database rw(path.string(), SQLite::OPEN_READWRITE);
    CHECK_NOTHROW(rw.exec("INSERT INTO incident_text(incident_text) VALUES('integrity-check')"));
  }
  auto db = open(bytes, "fts-queries");
  CHECK(db->execAndGet("SELECT count(*) FROM incident_text").getInt() == 2);
  CHECK(db->execAndGet("SELECT incident_id FROM incident_text WHERE incident_text MATCH '\"retry storm\"'").getString() ==
        "INC-2");  // phrase query (needs positions)
  CHECK(db->execAndGet("SELECT count(*) FROM incident_text WHERE incident_text MATCH 'pool AND exhausted'").getInt() == 2);
  CHECK(db->execAndGet("SELECT snippet(incident_text, 4, '[', ']', '...', 8) FROM incident_text "
                       "WHERE incident_text MATCH 'pgbouncer' ORDER BY rank")
            .getString()
            .find("[PgBouncer]") != std::string::npos);
  CHECK(db->execAndGet("SELECT contributing_factors FROM incident_text WHERE incident_id='INC-2'").getString() ==
        "retries without jitter");
  // The stored schema reads as written (no trace of the database the index was built in).
  CHECK(db->execAndGet("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%fts.%'").getInt() == 0);
}

TEST_CASE("lessons.db: identical input gives identical bytes, input order does not matter") {
  auto input = files();
  std::string one = build_db(input);
  CHECK(build_db(input) == one);
  std::swap(input[2], input[3]);  // the model is path-ordered in a real build; rows are keyed anyway
  std::string swapped = build_db(input);
  auto a = open(one, "order-a");
  auto b = open(swapped, "order-b");
  CHECK(a->execAndGet("SELECT group_concat(id) FROM incidents").getString() ==
        b->execAndGet("SELECT group_concat(id) FROM incidents").getString());
  CHECK(build_db(input, kNow + 86400) != one);  // `now` is input: overdue flags and as_of depend on it
}

TEST_CASE("lessons.db: never overwrites an existing file") {
  fbtest::TestSite s;
  s.load(files());
  LessonsResult r = analyse_lessons(s.config, s.model, kNow);
  auto file = std::filesystem::temp_directory_path() / fmt::format("fb-lessons-test-{}-existing.db", ::getpid());
  REQUIRE(write_file(file, "not a database"));
  std::string error;
  CHECK_FALSE(write_lessons_db(s.config, s.model, r, kNow, file, error));
  CHECK(error.find("already exists") != std::string::npos);
  CHECK(*read_file(file) == "not a database");
  std::filesystem::remove(file);
}

TEST_CASE("lessons.db: duplicate incident ids get distinct keys") {
  auto db = open(build_db({pir("x", "incident_id: INC-9\n"), pir("y", "incident_id: INC-9\n")}), "dups");
  CHECK(db->execAndGet("SELECT group_concat(id) FROM (SELECT id FROM incidents ORDER BY id)").getString() ==
        "INC-9,INC-9-2");
}

TEST_CASE("lessons.db: the same bytes with one worker thread and with several") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(FB_FIXTURES_DIR) / "lessons" / "labelled";
  std::vector<std::pair<std::string, std::string>> input;
  for (const auto& name : list_files(dir, {".md"})) input.push_back({"content/postmortems/" + name, *read_file(dir / name)});
  const char* old = std::getenv("FIREBREAK_THREADS");
  std::string saved = old ? old : "";
  setenv("FIREBREAK_THREADS", "1", 1);
  std::string one = build_db(input);
  setenv("FIREBREAK_THREADS", "5", 1);
  std::string five = build_db(input);
  if (old) setenv("FIREBREAK_THREADS", saved.c_str(), 1);
  else unsetenv("FIREBREAK_THREADS");
  CHECK(one.size() > 0);
  CHECK(one == five);
}

TEST_CASE("lessons.db time text: the fast formatter writes what format_rfc3339_utc writes") {
  const int64_t samples[] = {0, 1, 59, 86399, 86400, -1, -86400, -86401, 951782400 /* 2000-02-29 */,
                             4107542399 /* 2100-02-28T23:59:59 */, 1772632320, 253402300799 /* 9999-12-31 */,
                             253402300800 /* year 10000: fallback */, -62167219200 /* 0000-01-01 */,
                             -62167219201 /* year -1: fallback */};
  for (int64_t t : samples) {
    std::string s;
    append_rfc3339_utc(s, t);
    CHECK_MESSAGE(s == format_rfc3339_utc(t), t);
  }
  for (int64_t t = -40000000000; t < 40000000000; t += 7777777) {  // every month and hour, both signs
    std::string s;
    append_rfc3339_utc(s, t);
    REQUIRE_MESSAGE(s == format_rfc3339_utc(t), t);
  }
}

TEST_CASE("lessons.db rows: values made per row stay bound until the row is written") {
  // Joined lists (services of a pattern, terms, categories) are built per row; each must land in its
  // own column even when several are bound in one row.
  auto db = open(build_db(fbtest::with_span_anchors(files())), "owned");  // anchors: the burst is significant
  SQLite::Statement q(*db, "SELECT count(*) FROM patterns WHERE kind='category-recurrence' AND services IS NOT NULL "
                           "AND services = 'orders-db'");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getInt() >= 1);
  CHECK(db->execAndGet("SELECT count(*) FROM patterns WHERE services = ''").getInt() == 0);
  CHECK(db->execAndGet("SELECT count(*) FROM patterns WHERE terms = '' OR categories = ''").getInt() == 0);
  CHECK(db->execAndGet("SELECT severity FROM runbooks WHERE id='pool'").isNull());
}
