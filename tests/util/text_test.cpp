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
