#include <doctest/doctest.h>

#include <algorithm>

#include "helpers.h"
#include "search/query.h"
#include "search/shards.h"
#include "search/source.h"

using namespace fb;
using namespace fb::search;

namespace {
/// 300 runbooks with 8 distinct "co…" words each: 2,400 postings below the prefix "co".
std::unique_ptr<TestSite> many_expansions() {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 300; ++i) {
    std::string body = "Words:";
    for (int k = 0; k < 8; ++k) body += " co" + std::string(1, char('a' + (i + k) % 26)) + "x" + std::to_string((i * 8 + k) % 40);
    if (i == 7) body += " connection connection connection";
    files.push_back({"content/runbooks/r" + std::to_string(1000 + i) + ".md",
                     runbook_md("title: Runbook " + std::to_string(i), body)});
  }
  return make_site(std::move(files));
}
}  // namespace

TEST_CASE("prefixes with many expansions get a stored list of their best documents") {
  auto site = many_expansions();
  SearchIndex idx = site->index();
  const auto* co = idx.prefix_list("co");
  REQUIRE(co);
  CHECK(co->size() == kPrefixListSize);
  CHECK(std::is_sorted(co->begin(), co->end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; }));
  // The list holds, per document, the best contribution of any expansion, and the best documents.
  std::vector<uint32_t> best(idx.docs.size(), 0);
  auto [lo, hi] = idx.prefix_range("co");
  for (size_t i = lo; i < hi; ++i)
    for (const auto& p : idx.postings[i])
      best[p.doc] = std::max(best[p.doc], prefix_contribution(p.impact, 2, code_points(idx.terms[i])));
  uint32_t lowest_kept = UINT32_MAX;
  for (const auto& p : *co) {
    CHECK(p.impact == best[p.doc]);
    lowest_kept = std::min(lowest_kept, p.impact);
  }
  size_t better_outside = 0;
  for (uint32_t d = 0; d < best.size(); ++d)
    if (best[d] > lowest_kept && !std::binary_search(co->begin(), co->end(), Posting{d, 0},
                                                     [](const Posting& a, const Posting& b) { return a.doc < b.doc; }))
      ++better_outside;
  CHECK(better_outside == 0);
  // A prefix with few expansions has no list.
  CHECK(idx.prefix_list("connection") == nullptr);
  CHECK(idx.prefix_list("coax1") == nullptr);
}

TEST_CASE("a stored prefix list is used for the word being typed, in memory and in the published files") {
  auto site = many_expansions();
  SearchIndex idx = site->index();
  MemoryIndex mem(idx);
  Results r = run_query(mem, parse_query("co"), 5);
  CHECK(r.total == kPrefixListSize);  // only the stored list's documents
  CHECK(r.matched.prefixes.count("co"));
  CHECK(mem.doc(run_query(mem, parse_query("conn"), 1).hits.at(0).doc).title == "Runbook 7");

  auto dir = std::filesystem::temp_directory_path() / "fb-search-test-prefixes";
  std::filesystem::remove_all(dir);
  for (const auto& f : write_index(idx, {4096, 8})) REQUIRE(write_file(dir / f.path, f.bytes));
  std::string err;
  auto pub = PublishedIndex::open(dir, err);
  REQUIRE(pub);
  for (const char* q : {"co", "coa", "cob", "conn", "cox1", "coax", "co runbook", "runbook co"}) {
    Results a = run_query(mem, parse_query(q), 300);
    Results b = run_query(*pub, parse_query(q), 300);
    REQUIRE_MESSAGE(a.hits.size() == b.hits.size(), q);
    for (size_t i = 0; i < a.hits.size(); ++i) {
      CHECK(a.hits[i].doc == b.hits[i].doc);
      CHECK(a.hits[i].score == b.hits[i].score);
    }
  }
  // "co" read one shard besides the manifest: the list's, not the expansions'.
  auto fresh = PublishedIndex::open(dir, err);
  run_query(*fresh, parse_query("co"), 5);
  CHECK(fresh->files_read() == 2);
  CHECK(pub->error().empty());
  std::filesystem::remove_all(dir);
}
