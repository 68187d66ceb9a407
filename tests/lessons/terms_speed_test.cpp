// The fast paths of term extraction and candidate scoring give exactly what the plain definitions give:
// the stop-word table, the per-worker stem cache, the four-at-a-time dot products and the pair
// de-duplication.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lessons/similarity.h"
#include "lessons/terms.h"
#include "site_fixture.h"
#include "util/fs.h"

using namespace fb;

namespace {

fbtest::TestSite labelled_site() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(FB_FIXTURES_DIR) / "lessons" / "labelled";
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : list_files(dir, {".md"})) files.push_back({"content/postmortems/" + name, *read_file(dir / name)});
  fbtest::TestSite s;
  s.load(files);
  return s;
}

}  // namespace

TEST_CASE("stop words: the bucketed lookup knows every word of each length and first letter") {
  for (const char* w : {"a", "am", "an", "as", "at", "be", "eg", "ie", "the", "yours", "whether", "incidents",
                        "however", "resulting", "themselves-not"}) {
    bool expected = std::string(w) != "themselves-not";
    CHECK_MESSAGE(is_stop_word(w) == expected, w);
  }
  for (const char* w : {"database", "thee", "yourself", "x", "", "zz", "incidentz", "a-very-long-word-beyond-the-table",
                        "\xc3\xa9t\xc3\xa9", "3x"})
    CHECK_MESSAGE(!is_stop_word(w), w);
}

TEST_CASE("stem cache: the same terms, stems and numbering as extract_terms and stem_word") {
  const std::string text =
      "The connection pools were EXHAUSTED; exhaustion of pools, pooling retries and retry storms. "
      "Certificates expired, the certificate expires: caf\xc3\xa9s, 2024, 3x, a b cd.";
  std::vector<TermOccurrence> plain;
  extract_terms(text, plain);
  StemCache cache;
  std::vector<std::pair<uint32_t, uint32_t>> cached;
  for (int pass = 0; pass < 2; ++pass) {  // the second pass answers from the cache
    cached.clear();
    for_each_term(text, cache, [&](uint32_t stem, uint32_t word) { cached.push_back({stem, word}); });
    REQUIRE(cached.size() == plain.size());
    for (size_t k = 0; k < plain.size(); ++k) {
      CHECK(cache.stem(cached[k].first) == plain[k].stem);
      CHECK(cache.word(cached[k].second) == plain[k].word);
      CHECK(cache.stem(cached[k].first) == stem_word(plain[k].word));
    }
  }
  // Words with one stem share its number; a stop word has none.
  CHECK(cache.stem_of(cache.word_id("pools")) == cache.stem_of(cache.word_id("pool")));
  CHECK(cache.stem_of(cache.word_id("pools")) != cache.stem_of(cache.word_id("retry")));
  CHECK(cache.stem_of(cache.word_id("the")) == StemCache::kStopWord);
  // Many words: the table grows and still finds each one.
  std::vector<uint32_t> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back(cache.word_id("word" + std::to_string(i)));
  for (int i = 0; i < 5000; ++i) CHECK(cache.word_id("word" + std::to_string(i)) == ids[static_cast<size_t>(i)]);
  CHECK(cache.word(ids[4321]) == "word4321");
}

TEST_CASE("candidate scores are the exact cosines, pairs sorted and unique") {
  fbtest::TestSite s = labelled_site();
  SimilarityIndex idx = build_similarity_index(s.model);
  SimilarityGraph g = find_similar(idx, 0.05, 0.0, 100);
  REQUIRE(g.pairs.size() > 20);
  for (size_t k = 0; k < g.pairs.size(); ++k) {
    const SimilarPair& p = g.pairs[k];
    CHECK(p.a < p.b);
    if (k > 0) CHECK((g.pairs[k - 1].a < p.a || (g.pairs[k - 1].a == p.a && g.pairs[k - 1].b < p.b)));
    CHECK(p.score == cosine(idx, p.a, p.b));  // bit for bit: the same products in term order
  }
  size_t many = 0;
  for (size_t i = 0; i < g.top.size(); ++i) {
    many += g.top[i].size() >= 4;  // the four-at-a-time path is taken
    for (const auto& n : g.top[i]) CHECK(n.score == cosine(idx, i, n.index));
  }
  CHECK(many > 0);
}
