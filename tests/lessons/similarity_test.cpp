// Terms, TF-IDF similarity, candidate generation and the similar-incidents miner at its boundaries.
#include <doctest/doctest.h>

#include <cmath>

#include <fmt/format.h>

#include "lessons/lessons.h"
#include "lessons/patterns.h"
#include "lessons/similarity.h"
#include "lessons/terms.h"
#include "site_fixture.h"

using namespace fb;
using fbtest::pir;

namespace {

std::pair<std::string, std::string> summary(const std::string& id, const std::string& text,
                                            const std::string& category = "capacity") {
  return pir(id, fmt::format("incident_id: {}\nroot_cause:\n  category: {}\n  summary: \"{}\"\n", id, category, text));
}

std::vector<std::string> stems(std::string_view text) {
  std::vector<TermOccurrence> t;
  extract_terms(text, t);
  std::vector<std::string> out;
  for (auto& o : t) out.push_back(o.stem);
  return out;
}

}  // namespace

TEST_CASE("light stemming conflates inflections") {
  CHECK(stem_word("pools") == "pool");
  CHECK(stem_word("pooling") == "pool");
  CHECK(stem_word("exhausted") == stem_word("exhaustion"));
  CHECK(stem_word("certificates") == stem_word("certificate"));
  CHECK(stem_word("expired") == stem_word("expires"));
  CHECK(stem_word("failures") == stem_word("failure"));
  CHECK(stem_word("retries") == stem_word("retry"));
  CHECK(stem_word("rotated") == stem_word("rotation"));
  CHECK(stem_word("dns") == "dns");           // short words untouched
  CHECK(stem_word("class") == "class");       // -ss is not a plural
  CHECK(stem_word("caf\xc3\xa9s") == "caf\xc3\xa9s");  // non-ASCII left alone
}

TEST_CASE("terms: case folded, stop words, numbers and single letters dropped") {
  CHECK(stems("The Pool was EXHAUSTED at 14:00 by a 3x spike") == std::vector<std::string>{"pool", "exhaust", "3x", "spike"});
  CHECK(stems("connection-pool") == std::vector<std::string>{"connect", "pool"});
  CHECK(is_stop_word("incident"));
  CHECK_FALSE(is_stop_word("database"));
}

TEST_CASE("root-cause text: summary, factors, root-cause sections with sub-sections, body as fallback") {
  fbtest::TestSite s;
  s.load({pir("a", "root_cause: {summary: \"alpha\"}\ncontributing_factors: [beta]\n",
              "# T\n\n## Impact\n\nimpactword\n\n## Root cause\n\ngamma\n\n### Database\n\ndelta\n\n## Timeline\n\nlater\n"),
          pir("b", "title: x\n", "# T\n\nSome body text about disks filling up on the storage nodes quickly today.\n")});
  std::string a = root_cause_text(s.model.postmortems[0]);
  CHECK(a.find("alpha") != std::string::npos);
  CHECK(a.find("beta") != std::string::npos);
  CHECK(a.find("gamma") != std::string::npos);
  CHECK(a.find("delta") != std::string::npos);
  CHECK(a.find("impactword") == std::string::npos);
  CHECK(a.find("later") == std::string::npos);
  CHECK(root_cause_text(s.model.postmortems[1]).find("disks filling") != std::string::npos);
}

TEST_CASE("cosine: identical texts score 1, inflections match, unrelated texts 0, words of one PIR ignored") {
  fbtest::TestSite s;
  s.load({summary("A", "database connection pools exhausted"), summary("B", "Database connection pool exhaustion"),
          summary("C", "certificate expired on the edge proxy")});
  SimilarityIndex idx = build_similarity_index(s.model);
  CHECK(cosine(idx, 0, 1) == doctest::Approx(1.0));
  CHECK(cosine(idx, 0, 2) == 0);
  CHECK(idx.vectors[2].empty());  // none of C's terms occurs in another PIR
}

TEST_CASE("similarity threshold is inclusive") {
  fbtest::TestSite s;
  s.load({summary("A", "disk full on kafka broker after retention change"),
          summary("B", "kafka broker disk full during replay"), summary("C", "retention change during replay")});
  SimilarityIndex idx = build_similarity_index(s.model);
  double c = cosine(idx, 0, 1);
  REQUIRE(c > 0.1);
  REQUIRE(c < 0.99);
  CHECK(find_similar(idx, c, 0, 5).pairs.size() == 1);
  CHECK(find_similar(idx, std::nextafter(c, 2.0), 0, 5).pairs.empty());
  // The floor bounds the top-k list the same way.
  CHECK(find_similar(idx, 1, c, 5).top[0].size() == 1);
  CHECK(find_similar(idx, 1, std::nextafter(c, 2.0), 5).top[0].empty());
}

TEST_CASE("top-k: best first, ties broken by model order, at most k") {
  fbtest::TestSite s;
  s.load({summary("A", "redis eviction storm"), summary("B", "redis eviction storm"), summary("C", "redis eviction storm"),
          summary("D", "redis eviction storm"), summary("E", "redis eviction"), summary("F", "kernel panic")});
  SimilarityIndex idx = build_similarity_index(s.model);
  SimilarityGraph g = find_similar(idx, 0.35, 0.1, 2);
  REQUIRE(g.top[0].size() == 2);
  CHECK(g.top[0][0].index == 1);
  CHECK(g.top[0][1].index == 2);
  CHECK(g.top[0][0].score == doctest::Approx(1.0));
  SimilarityGraph g3 = find_similar(idx, 0.35, 0.1, 5);
  CHECK(g3.top[0].size() == 4);  // B, C, D at 1.0, then E
  CHECK(g3.top[0][3].index == 4);
  CHECK(g3.top[5].empty());
}

TEST_CASE("candidates come only from shared terms below the posting-list cap") {
  fbtest::TestSite s;
  std::vector<std::pair<std::string, std::string>> files;
  // 130 incidents sharing one word (df 130 > cap 64) and otherwise unique words: nothing is compared.
  for (int i = 0; i < 130; ++i)
    files.push_back(summary(fmt::format("I{:03}", i), fmt::format("database uniq{}x uniq{}y", i, i)));
  s.load(files);
  CHECK(candidate_cap(130) == 64);
  SimilarityIndex idx = build_similarity_index(s.model);
  SimilarityGraph g = find_similar(idx, 0.01, 0.01, 5);
  CHECK(g.candidate_pairs == 0);
  CHECK(g.pairs.empty());
}

TEST_CASE("similar-incidents groups: components above the threshold, across categories, labelled by terms") {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  std::vector<std::pair<std::string, std::string>> files{
      summary("A", "connection pool exhausted on orders database", "capacity"),
      summary("B", "orders database connection pool exhausted after deploy", "deploy"),
      summary("B2", "exhausted connection pool of the orders database", "capacity"),
      summary("C", "certificate expired on partner gateway", "certificate"),
      summary("D", "partner gateway certificate expired again", "certificate"),
      summary("D2", "expired certificate took the partner gateway down", "certificate"),
      summary("E", "kernel panic on storage node", "hardware")};
  // Unrelated incidents, each in words of its own: a group of three among 20 is then unlikely by chance.
  const char* words[] = {"alpha", "bravo", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
                         "lima", "mike", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
                         "whiskey", "xray", "yankee", "zulu", "amber", "basil", "cedar", "dune", "ember", "fjord"};
  for (int i = 0; i < 13; ++i)
    files.push_back(summary(fmt::format("F{:02}", i), fmt::format("{} {}", words[2 * i], words[2 * i + 1]), "other"));
  s.load(files);
  MiningContext ctx(s.config, s.model);
  SimilarityIndex idx = build_similarity_index(s.model);
  SimilarityGraph g = find_similar(idx, s.config.patterns.similarity_threshold, 0.1, 5);
  auto groups = mine_similar_groups(ctx, idx, g);
  REQUIRE(groups.size() == 2);
  std::vector<std::string> first;
  for (size_t m : groups[0].members) first.push_back(ctx.keys[m]);
  CHECK(first == std::vector<std::string>{"A", "B", "B2"});
  CHECK(groups[0].q_value <= kFalseDiscoveryRate);
  CHECK(groups[0].categories == std::vector<std::string>{"capacity", "deploy"});
  CHECK(groups[0].terms.size() == 4);
  CHECK(groups[0].strength > 0.5);
  CHECK(groups[0].strength <= 1.0);
  CHECK(groups[1].categories == std::vector<std::string>{"certificate"});

  s.config.patterns.min_occurrences = 4;  // groups need max(2, min_occurrences) members
  MiningContext ctx3(s.config, s.model);
  CHECK(mine_similar_groups(ctx3, idx, g).empty());
}

TEST_CASE("a PIR's similar incidents are only those at or above similarity_threshold (the page floor)") {
  fbtest::TestSite s;
  s.load({summary("A", "connection pool exhausted on orders database", "capacity"),
          summary("B", "orders database connection pool exhausted after deploy", "deploy"),
          summary("C", "orders database vacuum stalled replication lag", "data"),
          summary("F", "replication lag after vacuum stalled on analytics warehouse", "data"),
          summary("G", "analytics warehouse disk full", "capacity"),
          summary("D", "certificate expired on partner gateway", "certificate"),
          summary("E", "partner gateway certificate expired again", "certificate")});
  LessonsResult r = analyse_lessons(s.config, s.model, 0);
  const double floor = s.config.patterns.similarity_threshold;
  size_t shown = 0, weak = 0;
  SimilarityIndex idx = build_similarity_index(s.model);
  for (size_t i = 0; i < r.similar.size(); ++i) {
    for (const auto& sim : r.similar[i]) {
      CHECK(sim.score >= floor);
      ++shown;
    }
    for (size_t j = 0; j < s.model.postmortems.size(); ++j) {
      double c = cosine(idx, i, j);
      weak += i != j && c > 0 && c < floor;
    }
  }
  CHECK(shown >= 4);  // A-B and D-E, both ways
  CHECK(weak > 0);    // A and C (0.30 - a hair) share "orders database": below the floor, not shown (it was at threshold / 2)
}
