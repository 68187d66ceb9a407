// The `patterns:` settings the miners read from site.yaml.
#include <doctest/doctest.h>

#include "config/config.h"

using namespace fb;

TEST_CASE("patterns settings: co-occurrence thresholds and top-k are read") {
  Diagnostics d;
  Config c = parse_config(
      "patterns:\n  min_occurrences: 2\n  window: 30d\n  similarity_threshold: 0.5\n  min_support: 4\n"
      "  min_lift: 2.5\n  similar_top_k: 3\n",
      "site.yaml", d);
  CHECK(d.items.empty());
  CHECK(c.patterns.min_occurrences == 2);
  CHECK(c.patterns.window == 30 * 86400);
  CHECK(c.patterns.similarity_threshold == doctest::Approx(0.5));
  CHECK(c.patterns.min_support == 4);
  CHECK(c.patterns.min_lift == doctest::Approx(2.5));
  CHECK(c.patterns.similar_top_k == 3);
}

TEST_CASE("patterns settings: defaults, and a lift below 1 is an error") {
  Config def = default_config();
  CHECK(def.patterns.min_support == 3);
  CHECK(def.patterns.min_lift == doctest::Approx(1.5));
  CHECK(def.patterns.similar_top_k == 5);
  Diagnostics d;
  Config c = parse_config("patterns:\n  min_lift: 0.5\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB002");
  CHECK(c.patterns.min_lift == doctest::Approx(1.5));
}
