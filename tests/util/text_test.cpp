#include <doctest/doctest.h>

#include "util/text.h"

using namespace fb;

TEST_CASE("html_escape makes markup inert") {
  CHECK(html_escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("a & \"b\"") == "a &amp; &quot;b&quot;");
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  size_t bad = 99;
  CHECK(is_valid_utf8("héllo — ✓"));
  CHECK_FALSE(is_valid_utf8("ab\xff" "cd", &bad));
  CHECK(bad == 2);
  CHECK_FALSE(is_valid_utf8("\xC0\xAF", &bad));  // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80", &bad));  // surrogate
  CHECK_FALSE(is_valid_utf8("abc\xE2\x82", &bad));  // truncated
  CHECK(bad == 3);
}

TEST_CASE("offsets map to 1-based line and column") {
  int line, col;
  offset_to_line_col("ab\ncdé\nx", 7, line, col);
  CHECK(line == 2);
  CHECK(col == 4);
}

TEST_CASE("anchor slugs follow GitHub's rules") {
  CHECK(anchor_slug("Diagnosis") == "diagnosis");
  CHECK(anchor_slug("5 Whys: why did it fail?") == "5-whys-why-did-it-fail");
  CHECK(anchor_slug("Roll back (safely)") == "roll-back-safely");
  CHECK(anchor_slug("pg_stat_activity") == "pg_stat_activity");
  CHECK(anchor_slug("Überblick") == "Überblick");  // non-ASCII kept as is
  CHECK(anchor_slug("!!!") == "section");
}

TEST_CASE("slugify and did-you-mean") {
  CHECK(slugify("Team Data Platform") == "team-data-platform");
  CHECK(slugify("  orders-db!! ") == "orders-db");
  CHECK(did_you_mean("severites", {"severities", "runbooks", "title"}) == "severities");
  CHECK(did_you_mean("zzzzzz", {"severities", "runbooks"}).empty());
}

TEST_CASE("normalise_path folds . and .. and refuses to climb above the start") {
  CHECK(fb::normalise_path("a/./b/../c") == "a/c");
  CHECK(fb::normalise_path("content//runbooks/x.md") == "content/runbooks/x.md");
  CHECK(fb::normalise_path("a/../..") == "");
  CHECK(fb::normalise_path("../a") == "");
  CHECK(fb::normalise_path("./") == "");
}

#include <nlohmann/json.hpp>

#include "util/json_string.h"

TEST_CASE("append_json_string writes exactly what nlohmann::json::dump writes, for any bytes") {
  std::vector<std::string> cases = {"", "plain ascii text longer than eight bytes", "quote \" and \\ backslash",
                                    std::string("ctl \x01\x1f\b\f\n\r\t end"), "caf\xc3\xa9 \xe2\x9c\x93 snowman",
                                    "bad \xff byte", "trunc \xe2\x9c", std::string("nul \0 inside", 12)};
  uint64_t x = 42;
  for (int i = 0; i < 300; ++i) {  // random bytes of every length up to 40
    std::string s;
    for (int j = 0; j < i % 41; ++j) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      s += static_cast<char>(x >> 56);
    }
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    std::string out = "prefix:";
    fb::append_json_string(out, s);
    CHECK(out == "prefix:" + nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}
