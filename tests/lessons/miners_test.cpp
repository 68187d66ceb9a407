// Repeat after fix, co-occurrence and runbook gaps at their boundaries.
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "site_fixture.h"
#include "util/text.h"

using namespace fb;
using fbtest::pir;
using fbtest::runbook;

namespace {

std::vector<std::string> ids(const MiningContext& ctx, const Pattern& p) {
  std::vector<std::string> out;
  for (size_t m : p.members) out.push_back(ctx.keys[m]);
  return out;
}

std::vector<Pattern> repeats(fbtest::TestSite& s) {
  MiningContext ctx(s.config, s.model);
  SimilarityIndex idx = build_similarity_index(s.model);
  SimilarityGraph g = find_similar(idx, s.config.patterns.similarity_threshold, 0.1, 5);
  return mine_repeat_after_fix(ctx, idx, g);
}

std::pair<std::string, std::string> fixed_incident(const std::string& id, const std::string& at,
                                                   const std::string& items, const std::string& extra = "") {
  return pir(id, fmt::format("incident_id: {}\nservices: [api]\nroot_cause: {{category: capacity}}\nstarted_at: {}\n"
                             "action_items:\n{}{}",
                             id, at, items, extra));
}

const char* kDoneJan10 = "  - {status: done, completed_at: 2026-01-10}\n";

}  // namespace

TEST_CASE("repeat after fix: same service and category after every item was done") {
  fbtest::TestSite s;
  s.load({fixed_incident("A", "2026-01-01T00:00:00Z", kDoneJan10),
          pir("B", "incident_id: B\nservices: [api]\nroot_cause: {category: capacity}\nstarted_at: 2026-02-01T00:00:00Z\n")});
  auto found = repeats(s);
  REQUIRE(found.size() == 1);
  MiningContext ctx(s.config, s.model);
  CHECK(ids(ctx, found[0]) == std::vector<std::string>{"A", "B"});
  CHECK(found[0].basis == "same service and category");
  CHECK(found[0].fixed_at == 1768003200);  // 2026-01-10
  CHECK(found[0].id == "repeat-after-fix-b");
}

TEST_CASE("repeat after fix: a fix completed on the day the later incident starts counts, a day later does not") {
  const std::string later =
      "incident_id: B\nservices: [api]\nroot_cause: {category: capacity}\nstarted_at: 2026-02-01T00:00:00Z\n";
  fbtest::TestSite on_day;
  on_day.load({fixed_incident("A", "2026-01-01T00:00:00Z", "  - {status: done, completed_at: 2026-02-01}\n"),
               pir("B", later)});
  CHECK(repeats(on_day).size() == 1);
  fbtest::TestSite after;
  after.load({fixed_incident("A", "2026-01-01T00:00:00Z", "  - {status: done, completed_at: 2026-02-02}\n"),
              pir("B", later)});
  CHECK(repeats(after).empty());
}

TEST_CASE("repeat after fix: the earlier incident's items must all be closed, at least one done, with dates") {
  const std::string later =
      "incident_id: B\nservices: [api]\nroot_cause: {category: capacity}\nstarted_at: 2026-03-01T00:00:00Z\n";
  auto count = [&](const std::string& items) {
    fbtest::TestSite s;
    s.load({fixed_incident("A", "2026-01-01T00:00:00Z", items), pir("B", later)});
    return repeats(s).size();
  };
  CHECK(count(std::string(kDoneJan10) + "  - {status: open}\n") == 0);
  CHECK(count(std::string(kDoneJan10) + "  - {status: wont-do}\n") == 1);
  CHECK(count("  - {status: wont-do}\n") == 0);
  CHECK(count("  - {status: done}\n") == 0);  // done, but when is unknown
  CHECK(count("  []\n") == 0);
}

TEST_CASE("repeat after fix: similar text across services, the most recent fixed incident is the evidence") {
  fbtest::TestSite s;
  const std::string text = "root_cause: {category: deploy, summary: \"migration held table locks on the orders database\"}\n";
  s.load({pir("A1", "incident_id: A1\nservices: [x]\nstarted_at: 2026-01-01T00:00:00Z\n" + text +
                        "action_items:\n  - {status: done, completed_at: 2026-01-05}\n"),
          pir("A2", "incident_id: A2\nservices: [y]\nstarted_at: 2026-02-01T00:00:00Z\n" + text +
                        "action_items:\n  - {status: done, completed_at: 2026-02-05}\n"),
          pir("B", "incident_id: B\nservices: [z]\nstarted_at: 2026-03-01T00:00:00Z\n" + text)});
  auto found = repeats(s);
  MiningContext ctx(s.config, s.model);
  REQUIRE(found.size() == 2);  // A2 after A1, B after A2
  auto b = std::find_if(found.begin(), found.end(), [](const Pattern& p) { return p.id == "repeat-after-fix-b"; });
  REQUIRE(b != found.end());
  CHECK(ids(ctx, *b) == std::vector<std::string>{"A2", "B"});
  CHECK(b->basis == "similar text");
  CHECK(b->strength == doctest::Approx(1.0));
}

TEST_CASE("repeat after fix: simultaneous incidents are not repeats") {
  fbtest::TestSite s;
  s.load({fixed_incident("A", "2026-02-01T00:00:00Z", "  - {status: done, completed_at: 2026-01-10}\n"),
          pir("B", "incident_id: B\nservices: [api]\nroot_cause: {category: capacity}\nstarted_at: 2026-02-01T00:00:00Z\n")});
  CHECK(repeats(s).empty());
}

namespace {

fbtest::TestSite basket_site() {
  fbtest::TestSite s;
  std::vector<std::pair<std::string, std::string>> files;
  // Twice over, so that the two planted pairs are significant (10 baskets alone could be chance).
  for (int copy = 0; copy < 2; ++copy) {
    for (int i = 1; i <= 4; ++i) files.push_back(pir(fmt::format("p{}-{}", i, copy), "tags: [postgres]\nservices: [orders-db]\ntriggers: [deploy]\n"));
    files.push_back(pir(fmt::format("p5-{}", copy), "tags: [postgres]\nservices: [web]\ntriggers: [deploy]\n"));
    for (int i = 6; i <= 10; ++i) files.push_back(pir(fmt::format("p{}-{}", i, copy), "tags: [redis]\nservices: [web]\ntriggers: [deploy]\n"));
  }
  s.load(files);
  return s;
}

const Pattern* find_pair(const std::vector<Pattern>& ps, const std::string& a, const std::string& b) {
  for (const auto& p : ps)
    if (p.items == std::vector<std::string>{a, b}) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("co-occurrence: support, lift and confidence") {
  auto s = basket_site();
  s.config.patterns.min_support = 3;
  s.config.patterns.min_lift = 1.5;
  MiningContext ctx(s.config, s.model);
  auto found = mine_co_occurrence(ctx);
  CHECK(found.size() == 2);
  const Pattern* pg = find_pair(found, "service:orders-db", "tag:postgres");
  REQUIRE(pg);
  CHECK(pg->support == 8);
  CHECK(pg->lift == doctest::Approx(2.0));  // 8 * 20 / (8 * 10)
  CHECK(pg->confidence == doctest::Approx(1.0));
  CHECK(pg->members.size() == 8);
  CHECK(pg->q_value <= kFalseDiscoveryRate);
  const Pattern* rw = find_pair(found, "service:web", "tag:redis");
  REQUIRE(rw);
  CHECK(rw->lift == doctest::Approx(5.0 * 10 / (6 * 5)));
  // trigger:deploy is in every basket: lift exactly 1 is never reported.
  CHECK_FALSE(find_pair(found, "tag:postgres", "trigger:deploy"));
}

TEST_CASE("co-occurrence thresholds: support >= min_support, lift >= min_lift") {
  auto s = basket_site();
  s.config.patterns.min_lift = 2.0;  // exactly the lift of postgres/orders-db
  CHECK(mine_co_occurrence(MiningContext(s.config, s.model)).size() == 1);
  s.config.patterns.min_lift = 1.0;
  s.config.patterns.min_support = 10;  // redis/web has 10, postgres/orders-db 8
  auto found = mine_co_occurrence(MiningContext(s.config, s.model));
  REQUIRE(found.size() == 1);
  CHECK(found[0].items[1] == "tag:redis");
  s.config.patterns.min_support = 11;
  CHECK(mine_co_occurrence(MiningContext(s.config, s.model)).empty());
}

TEST_CASE("co-occurrence skips one thing named twice and a tag implied by its category") {
  fbtest::TestSite s;
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 8; ++i)
    files.push_back(pir(fmt::format("c{}", i), "tags: [capacity]\nservices: [checkout-api]\nroot_cause: {category: capacity}\n"));
  for (int i = 0; i < 8; ++i)
    files.push_back(pir(fmt::format("d{}", i), "tags: [tls, checkout]\nservices: [gateway]\nroot_cause: {category: certificate}\n"));
  for (int i = 0; i < 8; ++i) files.push_back(pir(fmt::format("e{}", i), "services: [web]\nroot_cause: {category: deploy}\n"));
  s.load(files);
  auto found = mine_co_occurrence(MiningContext(s.config, s.model));
  CHECK(find_pair(found, "category:certificate", "service:gateway"));
  CHECK(find_pair(found, "category:deploy", "service:web"));
  CHECK_FALSE(find_pair(found, "category:capacity", "tag:capacity"));      // the same name
  CHECK_FALSE(find_pair(found, "service:checkout-api", "tag:capacity"));  // both merely follow the category
  CHECK_FALSE(find_pair(found, "category:certificate", "tag:tls"));       // tls only ever labels certificate
  CHECK_FALSE(find_pair(found, "service:gateway", "tag:checkout"));       // likewise, within certificate
}

TEST_CASE("runbook gaps: alerts, services, categories, unused runbooks, incidents without a runbook") {
  fbtest::TestSite s;
  s.load({runbook("rb1", "service: db\nalerts: [DiskFull]\ntags: [disk]\n"),
          runbook("rb2", "service: web\nalerts: [Web5xx]\n"),
          pir("p1", "incident_id: P1\nalerts: [DiskFull, PoolExhausted]\nservices: [db]\nroot_cause: {category: capacity}\n"
                    "runbooks: [rb1]\n"),
          pir("p2", "incident_id: P2\nalerts: [PoolExhausted]\nservices: [api]\nroot_cause: {category: capacity}\n"),
          pir("p3", "incident_id: P3\nservices: [db]\nroot_cause: {category: certificate}\nrunbooks: [missing]\n")});
  MiningContext ctx(s.config, s.model);
  auto found = mine_runbook_gaps(ctx);
  std::vector<std::string> seen;
  for (const auto& p : found) seen.push_back(p.gap + ":" + p.subject + "=" + join(ids(ctx, p), ","));
  CHECK(seen == std::vector<std::string>{"alert:PoolExhausted=P1,P2", "service:api=P2", "category:certificate=P3",
                                         "no-runbook:incidents without a runbook=P2,P3",
                                         "unused-runbook:runbooks never used="});
  REQUIRE(found.back().runbooks.size() == 1);
  CHECK(ctx.runbook_keys[found.back().runbooks[0]] == "rb2");
  CHECK(found[0].strength == 2);
}

TEST_CASE("runbook gaps: a runbook tagged with the category covers it") {
  fbtest::TestSite s;
  s.load({runbook("rb", "service: db\ntags: [certificate]\n"),
          pir("p", "services: [db]\nroot_cause: {category: certificate}\nrunbooks: [rb]\n")});
  auto found = mine_runbook_gaps(MiningContext(s.config, s.model));
  CHECK(found.empty());
}

TEST_CASE("repeat after fix: only within `window` of the fix (inclusive)") {
  auto count = [](const std::string& later_start) {
    fbtest::TestSite s;
    s.config.patterns.window = 30 * 86400;
    s.load({fixed_incident("A", "2026-01-01T00:00:00Z", kDoneJan10),  // fixed 2026-01-10
            pir("B", "incident_id: B\nservices: [api]\nroot_cause: {category: capacity}\nstarted_at: " + later_start + "\n")});
    return repeats(s).size();
  };
  CHECK(count("2026-02-09T00:00:00Z") == 1);  // exactly 30 days after the fix
  CHECK(count("2026-02-09T00:00:01Z") == 0);
}
