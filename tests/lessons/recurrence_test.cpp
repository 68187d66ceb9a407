// Category recurrence at its boundaries: window edges, the occurrence threshold, ties, scopes.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "site_fixture.h"

using namespace fb;
using fbtest::pir;

namespace {

std::pair<std::string, std::string> incident(const std::string& id, const std::string& at, const std::string& category,
                                             const std::string& services = "[api]") {
  return pir(id, fmt::format("incident_id: {}\nservices: {}\nroot_cause: {{category: {}}}\nstarted_at: {}\n", id,
                             services, category, at));
}

std::vector<std::string> ids(const MiningContext& ctx, const Pattern& p) {
  std::vector<std::string> out;
  for (size_t m : p.members) out.push_back(ctx.keys[m]);
  return out;
}

}  // namespace

TEST_CASE("category recurrence: an incident exactly `window` after the first is inside the window") {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  s.config.patterns.window = 90 * 86400;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "capacity"), incident("B", "2026-04-01T00:00:00Z", "capacity")}));
  // 2026-01-01 -> 2026-04-01 is 31 + 28 + 31 = 90 days.
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 1);
  CHECK(found[0].services == std::vector<std::string>{"api"});  // per-service pattern with the same members replaces the overall one
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "B"});
  CHECK(found[0].strength == 2);
  CHECK(found[0].id == "category-recurrence-capacity-api");
  CHECK(found[0].first_seen < found[0].last_seen);
}

TEST_CASE("category recurrence: one second past the window is not a recurrence") {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  s.config.patterns.window = 90 * 86400;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "capacity"), incident("B", "2026-04-01T00:00:01Z", "capacity")}));
  MiningContext ctx(s.config, s.model);
  CHECK(mine_category_recurrence(ctx).empty());
}

TEST_CASE("category recurrence: min_occurrences is a lower bound (>=)") {
  fbtest::TestSite s;
  s.config.patterns.window = 10 * 86400;
  s.config.patterns.min_occurrences = 3;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "data"), incident("B", "2026-01-02T00:00:00Z", "data"),
          incident("C", "2026-01-03T00:00:00Z", "data"), incident("D", "2026-02-20T00:00:00Z", "data")}));
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 1);
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "B", "C"});  // D is in no qualifying window
  CHECK(found[0].strength == 3);

  s.config.patterns.min_occurrences = 4;
  MiningContext ctx4(s.config, s.model);
  CHECK(mine_category_recurrence(ctx4).empty());
}

TEST_CASE("category recurrence: strength is the peak count in one window, members span every window") {
  fbtest::TestSite s;
  s.config.patterns.window = 5 * 86400;
  s.config.patterns.min_occurrences = 2;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "deploy"), incident("B", "2026-01-03T00:00:00Z", "deploy"),
          incident("C", "2026-03-01T00:00:00Z", "deploy"), incident("D", "2026-03-02T00:00:00Z", "deploy"),
          incident("E", "2026-03-03T00:00:00Z", "deploy")}));
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 1);
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "B", "C", "D", "E"});
  CHECK(found[0].strength == 3);
}

TEST_CASE("category recurrence: simultaneous incidents count and are ordered by id") {
  fbtest::TestSite s;
  s.config.patterns.window = 86400;
  s.config.patterns.min_occurrences = 2;
  s.load(fbtest::with_span_anchors({incident("Z", "2026-01-01T00:00:00Z", "network"), incident("M", "2026-01-01T00:00:00Z", "network")}));
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 1);
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"M", "Z"});
}

TEST_CASE("category recurrence: overall and per service") {
  fbtest::TestSite s;
  s.config.patterns.window = 30 * 86400;
  s.config.patterns.min_occurrences = 2;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "capacity", "[api]"),
          incident("B", "2026-01-05T00:00:00Z", "capacity", "[db]"),
          incident("C", "2026-01-09T00:00:00Z", "capacity", "[api, db]"),
          incident("U", "2026-01-02T00:00:00Z", "capacity", "[web]"),
          pir("undated", "services: [api]\nroot_cause: {category: capacity}\n"),
          pir("nocat", "services: [api]\nstarted_at: 2026-01-03T00:00:00Z\n")}));
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 3);
  CHECK(found[0].services.empty());
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "U", "B", "C"});
  CHECK(found[0].strength == 4);
  CHECK(found[1].services == std::vector<std::string>{"api"});
  CHECK(ids(ctx, found[1]) == std::vector<std::string>{"A", "C"});
  CHECK(found[2].services == std::vector<std::string>{"db"});
  CHECK(ids(ctx, found[2]) == std::vector<std::string>{"B", "C"});
}

TEST_CASE("category recurrence: categories are kept apart") {
  fbtest::TestSite s;
  s.config.patterns.window = 30 * 86400;
  s.config.patterns.min_occurrences = 2;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "capacity"), incident("B", "2026-01-02T00:00:00Z", "deploy")}));
  MiningContext ctx(s.config, s.model);
  CHECK(mine_category_recurrence(ctx).empty());
}

TEST_CASE("category recurrence: services with the same evidence share one pattern") {
  fbtest::TestSite s;
  s.config.patterns.window = 30 * 86400;
  s.config.patterns.min_occurrences = 2;
  s.load(fbtest::with_span_anchors({incident("A", "2026-01-01T00:00:00Z", "capacity", "[checkout, orders-db, pgbouncer]"),
          incident("B", "2026-01-20T00:00:00Z", "capacity", "[checkout, orders-db, pgbouncer]"),
          incident("C", "2026-01-25T00:00:00Z", "capacity", "[search]")}));
  MiningContext ctx(s.config, s.model);
  auto found = mine_category_recurrence(ctx);
  REQUIRE(found.size() == 2);
  CHECK(found[0].services.empty());  // A, B, C overall
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "B", "C"});
  CHECK(found[1].services == std::vector<std::string>{"checkout", "orders-db", "pgbouncer"});
  CHECK(found[1].id == "category-recurrence-capacity-checkout-orders-db-pgbouncer");
  CHECK(ids(ctx, found[1]) == std::vector<std::string>{"A", "B"});
}
