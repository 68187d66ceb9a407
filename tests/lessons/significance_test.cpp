// Exact tails, the scan statistic, Benjamini–Hochberg and "one thing named twice".
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>

#include "lessons/patterns.h"
#include "lessons/significance.h"
#include "site_fixture.h"
#include "util/time.h"

using namespace fb;

TEST_CASE("hypergeometric upper tail: exact values") {
  CHECK(hypergeometric_upper_tail(10, 5, 5, 5) == doctest::Approx(1.0 / 252));
  // P(X >= 4), N=10, K=4, n=5: C(4,4)·C(6,1)/C(10,5).
  CHECK(hypergeometric_upper_tail(10, 4, 5, 4) == doctest::Approx(6.0 / 252));
  CHECK(hypergeometric_upper_tail(10, 4, 5, 0) == 1.0);
  CHECK(hypergeometric_upper_tail(10, 4, 5, 5) == 0.0);
  CHECK(hypergeometric_upper_tail(10, 8, 8, 6) == 1.0);  // at least 6 of 8 must overlap
  // Large counts stay finite and tiny.
  double p = hypergeometric_upper_tail(10000, 100, 100, 50);
  CHECK(p > 0);
  CHECK(p < 1e-60);
}

TEST_CASE("binomial and Poisson tails: exact values") {
  CHECK(binomial_upper_tail(10, 0.5, 9) == doctest::Approx(11.0 / 1024));
  CHECK(binomial_upper_tail(10, 0.5, 0) == 1.0);
  CHECK(binomial_upper_tail(3, 0.2, 4) == 0.0);
  CHECK(poisson_upper_tail(2.0, 1) == doctest::Approx(1 - std::exp(-2.0)));
  CHECK(poisson_upper_tail(2.0, 3) == doctest::Approx(1 - std::exp(-2.0) * (1 + 2 + 2)));
  CHECK(poisson_pmf(3.0, 2) == doctest::Approx(std::exp(-3.0) * 4.5));
  CHECK(poisson_upper_tail(0.5, 40) < 1e-50);
}

TEST_CASE("scan statistic: a burst is rare only when the span is long against the window") {
  // 20 incidents over ~3 years, window 90 days: 8 in one window is a burst, 3 is not.
  const double year = 365.0 * 86400, window = 90.0 * 86400;
  CHECK(scan_window_p_value(20, 3 * year, window, 8) == doctest::Approx(0.02518).epsilon(0.001));
  CHECK(scan_window_p_value(20, 3 * year, window, 10) < 0.001);
  CHECK(scan_window_p_value(20, 3 * year, window, 3) > 0.5);
  CHECK(scan_window_p_value(20, window / 2, window, 20) == 1.0);  // one window covers everything
  // Monotone in k.
  CHECK(scan_window_p_value(50, 3 * year, window, 10) > scan_window_p_value(50, 3 * year, window, 12));
}

TEST_CASE("Benjamini–Hochberg: step-up, monotone, original order") {
  auto q = benjamini_hochberg({0.01, 0.04, 0.03, 0.5});
  REQUIRE(q.size() == 4);
  CHECK(q[0] == doctest::Approx(0.04));
  CHECK(q[1] == doctest::Approx(0.04 * 4 / 3));
  CHECK(q[2] == doctest::Approx(0.04 * 4 / 3));
  CHECK(q[3] == doctest::Approx(0.5));
  CHECK(benjamini_hochberg({}).empty());
  CHECK(benjamini_hochberg({0.9, 0.9})[0] == doctest::Approx(0.9));
}

TEST_CASE("same_thing: a service and its own tag, a category and its plural tag") {
  CHECK(same_thing("service:checkout-api", "tag:checkout"));
  CHECK(same_thing("category:certificate", "tag:certificates"));
  CHECK(same_thing("category:capacity", "tag:capacity"));
  CHECK_FALSE(same_thing("service:checkout-api", "tag:api"));  // a suffix is another thing
  CHECK_FALSE(same_thing("service:orders-db", "tag:postgres"));
  CHECK_FALSE(same_thing("tag:class", "tag:clas"));  // "ss" is not a plural
}

TEST_CASE("keep_significant: BH over patterns and untested candidates, verdict in the note") {
  std::vector<Pattern> found(2);
  found[0].p_value = 0.001;
  found[1].p_value = 0.2;
  SignificanceCount c;
  keep_significant(found, {0.5, 0.9}, &c);
  REQUIRE(found.size() == 1);
  CHECK(found[0].q_value == doctest::Approx(0.004));
  CHECK(found[0].strength_note.find("q = 0.004 over 4 candidates") != std::string::npos);
  CHECK(c.tested == 4);
  CHECK(c.kept == 1);
}

namespace {

/// `n` incidents at uniformly random times over three years, with a random category of 6, a random
/// service of 5 and two random tags of 12 (nothing is a pattern), from a fixed seed.
std::vector<std::pair<std::string, std::string>> random_incidents(int n, uint64_t seed) {
  uint64_t x = seed;
  auto next = [&](uint64_t bound) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (x >> 33) % bound;
  };
  std::vector<std::pair<std::string, std::string>> files;
  const int64_t start = 1735689600;  // 2025-01-01
  for (int i = 0; i < n; ++i) {
    int64_t at = start + static_cast<int64_t>(next(3 * 365 * 86400ULL));
    uint64_t t1 = next(12), t2 = (t1 + 1 + next(11)) % 12;
    files.push_back(fbtest::pir(fmt::format("r{:04}", i),
                                fmt::format("incident_id: R{:04}\nservices: [svc{}]\ntags: [t{}, t{}]\n"
                                            "root_cause: {{category: cat{}}}\nstarted_at: {}\n",
                                            i, next(5), t1, t2, next(6), format_rfc3339_utc(at))));
  }
  return files;
}

}  // namespace

TEST_CASE("significance: a random corpus gives no recurrence and no co-occurrence, planted ones survive") {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 3;
  s.config.patterns.window = 30 * 86400;
  s.config.patterns.min_support = 3;
  s.config.patterns.min_lift = 1.0;
  auto files = random_incidents(400, 7);
  s.load(files);
  SignificanceCount rec, co;
  CHECK(mine_category_recurrence(MiningContext(s.config, s.model), &rec).empty());
  CHECK(mine_co_occurrence(MiningContext(s.config, s.model), &co).empty());
  CHECK(rec.tested > 10);  // bursts of 3 in 30 days reach the counts; none is unlikely
  CHECK(co.tested > 50);
  CHECK(rec.kept == 0);
  CHECK(co.kept == 0);

  // Planted: 8 DNS incidents in one week (a burst), and a tag that follows one service.
  for (int i = 0; i < 8; ++i)
    files.push_back(fbtest::pir(fmt::format("dns{}", i),
                                fmt::format("incident_id: DNS{}\nservices: [resolver]\nroot_cause: {{category: dns}}\n"
                                            "started_at: 2026-05-0{}T10:00:00Z\n", i, i + 1)));
  for (int i = 0; i < 10; ++i)
    files.push_back(fbtest::pir(fmt::format("kafka{}", i),
                                fmt::format("incident_id: K{}\nservices: [ledger]\ntags: [kafka]\nroot_cause: {{category: cat{}}}\n"
                                            "started_at: 2025-0{}-15T10:00:00Z\n", i, i % 6, i % 9 + 1)));
  s.load(files);
  SignificanceCount rec2, co2;
  auto bursts = mine_category_recurrence(MiningContext(s.config, s.model), &rec2);
  REQUIRE(bursts.size() == 1);
  CHECK(bursts[0].category == "dns");
  CHECK(bursts[0].q_value <= kFalseDiscoveryRate);
  CHECK(bursts[0].strength_note.find("q = ") != std::string::npos);
  auto pairs = mine_co_occurrence(MiningContext(s.config, s.model), &co2);
  bool saw = false;
  auto planted = [](const std::string& item) {
    for (const char* w : {"dns", "resolver", "ledger", "kafka"})
      if (item.find(w) != std::string::npos) return true;
    return false;
  };
  for (const auto& p : pairs) {
    CHECK_MESSAGE((planted(p.items.front()) || planted(p.items.back())), (p.items.front() + " / " + p.items.back()));
    saw = saw || p.items == std::vector<std::string>{"service:ledger", "tag:kafka"};
  }
  CHECK(saw);
  CHECK(co2.kept >= 1);
}
