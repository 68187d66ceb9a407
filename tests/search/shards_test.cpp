#include <doctest/doctest.h>

#include <algorithm>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "search/shards.h"

using namespace fb;
using namespace fb::search;

TEST_CASE("varints round-trip and use the two digit alphabets") {
  std::string s;
  encode_varint(0, s);
  encode_varint(31, s);
  encode_varint(32, s);
  encode_varint(1023, s);
  encode_varint(0xFFFFFFFFu, s);
  CHECK(s.substr(0, 6) == "0vx0_v");
  size_t pos = 0;
  for (uint32_t want : {0u, 31u, 32u, 1023u, 0xFFFFFFFFu}) {
    uint32_t got = 1;
    REQUIRE(decode_varint(s, pos, got));
    CHECK(got == want);
  }
  CHECK(pos == s.size());
  pos = 0;
  uint32_t v;
  CHECK_FALSE(decode_varint("x", pos, v));   // continuation digit without an end
  pos = 0;
  CHECK_FALSE(decode_varint("\"", pos, v));  // not a digit
}

TEST_CASE("postings and document lists are gap-encoded strings") {
  std::vector<Posting> p = {{0, 5}, {1, 40}, {7, 1}, {1000, 300}};
  std::string enc = encode_postings(p);
  CHECK(enc.substr(0, 7) == "050x851");  // gap 0 impact 5, gap 0 impact 40 (1*32+8: "x8"), gap 5 impact 1
  std::vector<Posting> back;
  REQUIRE(decode_postings(enc, back));
  REQUIRE(back.size() == 4);
  CHECK(back[3].doc == 1000);
  CHECK(back[3].impact == 300);
  CHECK_FALSE(decode_postings("0", back));  // a gap without its impact
  std::vector<uint32_t> ids = {3, 4, 5, 900}, ids_back;
  REQUIRE(decode_doc_ids(encode_doc_ids(ids), ids_back));
  CHECK(ids_back == ids);
  CHECK(encode_doc_ids({0, 1, 2}) == "000");
}

TEST_CASE("every file is one JSONP-style call that unwraps to JSON") {
  std::string file = wrap_call("shard", "3,{\"a\":\"01\"}");
  CHECK(file == "window.__fbSearch.shard(3,{\"a\":\"01\"});\n");
  std::string json;
  REQUIRE(unwrap_call(file, "shard", json));
  auto j = nlohmann::json::parse(json);
  CHECK(j.at(0) == 3);
  CHECK(j.at(1).at("a") == "01");
  CHECK_FALSE(unwrap_call(file, "docs", json));
  CHECK_FALSE(unwrap_call("alert(1)", "shard", json));
}

namespace {
std::unique_ptr<TestSite> shard_site() {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 30; ++i)
    files.push_back({"content/runbooks/r" + std::to_string(100 + i) + ".md",
                     runbook_md("title: Runbook <b>" + std::to_string(i) + "</b>\nservice: svc" + std::to_string(i % 3) +
                                    "\ntags: [t" + std::to_string(i % 4) + "]\nseverity: SEV" + std::to_string(1 + i % 4),
                                "Word" + std::to_string(i) + " alpha beta gamma delta epsilon zeta eta theta iota kappa " +
                                    std::string(i % 5 + 1, 'x') + "yz")});
  return make_site(std::move(files));
}

std::map<std::string, std::string> by_path(const OutputFiles& files) {
  std::map<std::string, std::string> m;
  for (const auto& f : files) m[f.path] = f.bytes;
  return m;
}
}  // namespace

TEST_CASE("term shards hold sorted terms, cut near the target size, listed by first term in the manifest") {
  auto site = shard_site();
  SearchIndex idx = site->index();
  auto files = by_path(write_index(idx, {300, 4}));
  std::string json;
  REQUIRE(unwrap_call(files.at("search/manifest.js"), "manifest", json));
  auto manifest = nlohmann::json::parse(json).at(0);
  auto firsts = manifest.at("shards").get<std::vector<std::string>>();
  REQUIRE(firsts.size() > 3);
  CHECK(firsts[0].empty());
  CHECK(manifest.at("docs") == 30);
  CHECK(manifest.at("docShard") == 4);
  CHECK(manifest.at("severities").size() == 4);
  std::string prev;
  size_t terms = 0;
  for (size_t i = 0; i < firsts.size(); ++i) {
    std::string shard = files.at("search/t/" + std::to_string(i) + ".js");
    REQUIRE(unwrap_call(shard, "shard", json));
    auto args = nlohmann::json::parse(json);
    CHECK(args.at(0) == i);
    bool first = true;
    for (const auto& [term, postings] : args.at(1).items()) {
      if (first && i > 0) {
        // The separator is the shortest prefix of the shard's first key above the last key before it.
        CHECK(term.rfind(firsts[i], 0) == 0);
        CHECK(firsts[i] > prev);
        CHECK(firsts[i].substr(0, firsts[i].size() - 1) <= prev);
      }
      first = false;
      CHECK(term > prev);
      prev = term;
      ++terms;
    }
    if (i + 1 < firsts.size()) CHECK(shard.size() >= 300);
    CHECK(shard.size() < 300 + 400);  // closed as soon as it passes the target
  }
  CHECK(terms == idx.terms.size());
  CHECK(files.count("search/d/7.js"));  // 30 documents, 4 per shard
  CHECK_FALSE(files.count("search/d/8.js"));
  REQUIRE(unwrap_call(files.at("search/d/0.js"), "docs", json));
  auto rows = nlohmann::json::parse(json).at(1);
  CHECK(rows.size() == 4);
  CHECK(rows.at(0).at(1) == "Runbook <b>0</b>");  // escaped on display by the client, not here
  REQUIRE(unwrap_call(files.at("search/f/tag.js"), "facet", json));
  auto tags = nlohmann::json::parse(json);
  CHECK(tags.at(0) == "tag");
  std::vector<uint32_t> ids;
  REQUIRE(decode_doc_ids(tags.at(1).at("t1").get<std::string>(), ids));
  CHECK(ids == std::vector<uint32_t>{1, 5, 9, 13, 17, 21, 25, 29});
}

TEST_CASE("the index and its files are byte-identical across builds") {
  auto a = shard_site();
  auto b = shard_site();
  OutputFiles fa = write_index(a->index());
  OutputFiles fb_ = write_index(b->index());
  REQUIRE(fa.size() == fb_.size());
  for (size_t i = 0; i < fa.size(); ++i) {
    CHECK(fa[i].path == fb_[i].path);
    CHECK(fa[i].bytes == fb_[i].bytes);
  }
  CHECK(std::is_sorted(fa.begin(), fa.end(), [](const OutputFile& x, const OutputFile& y) { return x.path < y.path; }));
  for (const auto& f : fa) CHECK(f.path.rfind("search/", 0) == 0);
}

TEST_CASE("the files do not depend on the number of threads") {
  auto site = load_site_dir(std::filesystem::path(FB_FIXTURES_DIR) / "search");
  ::setenv("FIREBREAK_THREADS", "1", 1);
  OutputFiles one = write_index(site->index(), {1024, 4});
  ::setenv("FIREBREAK_THREADS", "5", 1);
  OutputFiles five = write_index(site->index(), {1024, 4});
  ::unsetenv("FIREBREAK_THREADS");
  REQUIRE(one.size() == five.size());
  REQUIRE(one.size() > 10);
  for (size_t i = 0; i < one.size(); ++i) {
    CHECK(one[i].path == five[i].path);
    CHECK(one[i].bytes == five[i].bytes);
  }
}

TEST_CASE("content fingerprints change with any document or site.yaml") {
  std::vector<std::pair<std::string, uint64_t>> a = {{"content/runbooks/a.md", 1}, {"content/runbooks/b.md", 2}};
  auto reordered = std::vector<std::pair<std::string, uint64_t>>{a[1], a[0]};
  CHECK(content_fingerprint(a, "x") == content_fingerprint(reordered, "x"));
  CHECK(content_fingerprint(a, "x") != content_fingerprint(a, "y"));
  auto changed = a;
  changed[1].second = 3;
  CHECK(content_fingerprint(a, "x") != content_fingerprint(changed, "x"));
}

TEST_CASE("document shards are written as nlohmann::json would write them, escapes included") {
  SearchIndex index;
  auto add = [&](std::string title, std::string excerpt) {
    DocRecord r;
    r.url = "runbooks/a/index.html";
    r.title = std::move(title);
    r.kind = index.docs.size() % 2 ? DocKind::Postmortem : DocKind::Runbook;
    r.severity = "SEV2";
    r.services = {"orders-db", "svc \"quoted\""};
    r.tags = {};
    r.owner = "team\\data";
    r.excerpt = std::move(excerpt);
    index.docs.push_back(std::move(r));
  };
  add("Quotes \" and \\ backslash, </script> and <b>", "tab\there, newline\nthere, CR\r, \b \f and \x01\x1f\x7f");
  add("Unicode: Straße Łódź σοφία 日本語 🔥 \u2028", "");
  add("Not UTF-8: \xff\xfe end", "half a code point \xC3");
  OutputFiles files = write_index(index, ShardOptions{1024, 2});
  const auto m = by_path(files);
  REQUIRE(m.count("search/d/0.js"));
  REQUIRE(m.count("search/d/1.js"));
  for (size_t s = 0; s < 2; ++s) {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t d = s * 2; d < std::min<size_t>(3, s * 2 + 2); ++d) {
      const DocRecord& r = index.docs[d];
      rows.push_back({r.url, r.title, r.kind == DocKind::Runbook ? 0 : 1, r.severity, r.services, r.tags, r.owner,
                      r.excerpt});
    }
    const std::string expected = wrap_call(
        "docs", std::to_string(s) + "," + rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    CHECK(m.at("search/d/" + std::to_string(s) + ".js") == expected);
  }
  // And the rows read back through the published-index reader.
  std::string json;
  REQUIRE(unwrap_call(m.at("search/d/0.js"), "docs", json));
  auto back = nlohmann::json::parse(json).at(1);
  CHECK(back.at(0).at(1) == index.docs[0].title);
  CHECK(back.at(0).at(7) == index.docs[0].excerpt);
  CHECK(back.at(0).at(6) == "team\\data");
}
