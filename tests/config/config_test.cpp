#include <doctest/doctest.h>

#include "config/config.h"

using namespace fb;

TEST_CASE("the example site.yaml loads without diagnostics") {
  Diagnostics d;
  Config c = load_config(FB_SOURCE_DIR, d);
  CHECK(d.items.empty());
  REQUIRE(c.severities.size() == 4);
  CHECK(c.severities[0].id == "SEV1");
  CHECK(c.severities[0].acknowledge_within == 300);
  CHECK(c.severities[0].pir_required);
  CHECK(c.runbooks.review_every == 90 * 86400);
}

TEST_CASE("severity aliases normalise case-insensitively") {
  Diagnostics d;
  Config c = parse_config(R"(
severities:
  - id: SEV1
    aliases: [P0, P0_Critical, critical]
  - id: SEV2
    aliases: [P1]
)", "site.yaml", d);
  REQUIRE(d.items.empty());
  bool alias = true;
  CHECK(c.find_severity("sev1", &alias)->id == "SEV1");
  CHECK_FALSE(alias);
  CHECK(c.find_severity("P0_CRITICAL", &alias)->id == "SEV1");
  CHECK(alias);
  CHECK(c.find_severity(" p1 ")->id == "SEV2");
  CHECK(c.find_severity("SEV9") == nullptr);
  CHECK(c.severities[1].rank == 1);
}

TEST_CASE("unknown keys are errors with a did-you-mean at the key's place") {
  Diagnostics d;
  parse_config("title: x\nseverites:\n  - id: A\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB001");
  CHECK(d.items[0].line == 2);
  CHECK(d.items[0].col == 1);
  CHECK(d.items[0].message.find("severites") != std::string::npos);
  CHECK(d.items[0].hint == "Did you mean `severities`?");
}

TEST_CASE("nested unknown keys and bad durations are reported") {
  Diagnostics d;
  parse_config(R"(severities:
  - id: SEV1
    acknowledge_whithin: 5m
    resolve_within: soon
)", "site.yaml", d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB001");
  CHECK(d.items[0].line == 3);
  CHECK(d.items[0].col == 5);
  CHECK(d.items[0].hint == "Did you mean `acknowledge_within`?");
  CHECK(d.items[1].code == "FB003");
  CHECK(d.items[1].line == 4);
  CHECK(d.items[1].message.find("soon") != std::string::npos);
}

TEST_CASE("malformed YAML names the place") {
  Diagnostics d;
  parse_config("title: [unclosed\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB003");
  CHECK(d.items[0].line >= 1);
}

TEST_CASE("missing site.yaml is reported") {
  Diagnostics d;
  load_config("/nonexistent-dir-for-test", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB004");
}

TEST_CASE("fields, rules and duplicate severities") {
  Diagnostics d;
  Config c = parse_config(R"(fields:
  start_time: started_at
  categories: tags
rules:
  FB305: off
  FB220: warning
  FB999: loud
severities:
  - id: SEV1
  - id: sev1
)", "site.yaml", d);
  CHECK(c.fields.at("start_time") == "started_at");
  CHECK(c.rule_level("FB305", Level::Error) == Level::Off);
  CHECK(c.rule_level("FB220", Level::Error) == Level::Warning);
  CHECK(c.rule_level("FB100", Level::Info) == Level::Info);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].message.find("loud") != std::string::npos);
  CHECK(d.items[1].message.find("declared twice") != std::string::npos);
  CHECK(c.severities.size() == 1);
}

TEST_CASE("site.yaml booleans follow YAML 1.2: `yes` is a string, with the hint, and is not taken as true") {
  Diagnostics d;
  Config c = parse_config("markdown:\n  unsafe_html: yes\nseverities:\n  - id: SEV1\n    pir_required: on\n", "site.yaml", d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB002");
  CHECK(d.items[0].line == 2);
  CHECK(d.items[0].col == 16);
  CHECK(d.items[0].message == "`markdown.unsafe_html`: must be true or false, not a string");
  CHECK(d.items[0].hint == "Write true or false (YAML 1.2): `yes` is a string here, not a boolean.");
  CHECK(d.items[1].message.find("`severities[0].pir_required`") == 0);
  CHECK(d.items[1].hint.find("`on` is a string here") != std::string::npos);
  CHECK_FALSE(c.unsafe_html);
  CHECK_FALSE(c.severities.at(0).pir_required);
  Diagnostics ok;
  Config t = parse_config("markdown:\n  unsafe_html: true\nlanguage: no\n", "site.yaml", ok);
  CHECK(ok.items.empty());
  CHECK(t.unsafe_html);
  CHECK(t.language == "no");  // Norwegian, not false
}

TEST_CASE("a key written twice in site.yaml is FB005 with both places") {
  Diagnostics d;
  parse_config("title: x\nmarkdown:\n  unsafe_html: false\nmarkdown:\n  unsafe_html: true\n"
               "severities:\n  - id: SEV1\n    label: a\n    label: b\n",
               "site.yaml", d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB005");
  CHECK(d.items[0].line == 4);
  CHECK(d.items[0].col == 1);
  CHECK(d.items[0].message.find("`markdown` is written twice (first at line 2)") != std::string::npos);
  CHECK(d.items[1].code == "FB005");
  CHECK(d.items[1].line == 9);
  CHECK(d.items[1].col == 5);
  CHECK(d.items[1].message.find("first at line 8") != std::string::npos);
}

TEST_CASE("site.yaml values are checked by site.schema.json, each at its place") {
  Diagnostics d;
  Config c = parse_config(R"Y(title: [a, b]
theme: ../outside
severities:
  - id: SEV1
    color: "red; background: url(x)"
  - label: no id
patterns:
  similarity_threshold: 2
  min_occurrences: 0
git:
  max_commits: many
rules:
  FB220: warnin
  FB2: off
)Y", "site.yaml", d);
  auto at = [&](int line) -> const Diagnostic* {
    for (const auto& x : d.items)
      if (x.line == line) return &x;
    return nullptr;
  };
  REQUIRE(at(1));
  CHECK(at(1)->col == 8);
  CHECK(at(1)->message == "`title`: must be a string, not a list");
  REQUIRE(at(2));
  CHECK(at(2)->message.find("`theme`") == 0);
  CHECK(c.theme == "default");
  REQUIRE(at(5));
  CHECK(at(5)->message.find("`severities[0].color`") == 0);
  CHECK(at(5)->hint.find("CSS colour") == 0);
  REQUIRE(at(6));
  CHECK(at(6)->message == "`severities[1]`: missing required key `id`");
  CHECK(at(6)->hint == "Add `id:`.");
  REQUIRE(at(8));
  CHECK(at(8)->message.find("`patterns.similarity_threshold`") == 0);
  CHECK(c.patterns.similarity_threshold == doctest::Approx(0.3));
  REQUIRE(at(9));
  CHECK(at(9)->message.find("at least 1") != std::string::npos);
  CHECK(c.patterns.min_occurrences == 3);
  REQUIRE(at(11));
  CHECK(at(11)->message.find("`git.max_commits`: must be a whole number") == 0);
  REQUIRE(at(13));
  CHECK(at(13)->hint == "Did you mean `warning`?");
  REQUIRE(at(14));
  CHECK(at(14)->col == 3);  // the key, not its value
  CHECK(at(14)->message.find("key `FB2` in `rules`") == 0);
  CHECK(d.items.size() == 9);
  for (const auto& x : d.items) CHECK_MESSAGE(x.code == "FB002", x.message);
  CHECK(c.severities.size() == 1);
}

TEST_CASE("an alias two severities share is the one severity check the schema cannot make") {
  Diagnostics d;
  Config c = parse_config("severities:\n  - id: SEV1\n    aliases: [P1]\n  - id: SEV2\n    aliases: [p1, P2]\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB002");
  CHECK(d.items[0].line == 4);
  CHECK(d.items[0].message.find("`p1` is declared twice") != std::string::npos);
  CHECK(d.items[0].message.find("`SEV1` already names it") != std::string::npos);
  CHECK(c.severities.size() == 2);  // SEV2 itself is fine
}

TEST_CASE("a duration the schema accepts but that overflows is FB003, once") {
  Diagnostics d;
  parse_config("runbooks:\n  review_every: 99999999999999999999d\n", "site.yaml", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB003");
  CHECK(d.items[0].line == 2);
}

TEST_CASE("links built from site.yaml are http(s) or relative: javascript: and data: URLs are FB002 at their place") {
  for (const char* bad : {"'javascript:alert(1)//'", "'JavaScript:alert(1)'", "'data:text/html,<script>x</script>'",
                          "'file:///etc/passwd'", "'https://ok.example/ x'"}) {
    Diagnostics d;
    parse_config(std::string("title: T\nrepo_url: ") + bad + "\n", "site.yaml", d);
    INFO(bad);
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].code == "FB002");
    CHECK(d.items[0].line == 2);
    CHECK(d.items[0].col == 11);
    CHECK(d.items[0].hint.find("http(s) URL") != std::string::npos);
  }
  for (const char* good : {"https://github.com/acme/runbooks", "HTTP://git.local/kb", "../kb-repo", "/git/kb"}) {
    Diagnostics d;
    Config c = parse_config(std::string("repo_url: ") + good + "\n", "site.yaml", d);
    INFO(good);
    CHECK(d.items.empty());
    CHECK(c.repo_url == good);
  }
  Diagnostics d;
  parse_config("base_url: 'javascript:alert(1)'\n", "site.yaml", d);
  REQUIRE_FALSE(d.items.empty());
  CHECK(d.items[0].code == "FB002");
  Diagnostics relative;
  parse_config("base_url: /docs/\n", "site.yaml", relative);  // must be absolute: it makes sitemap URLs
  CHECK_FALSE(relative.items.empty());
}

TEST_CASE("site.yaml values that used to pass in silence: an empty scale, a negative limit, a bad colour, a shared alias") {
  auto codes = [](const std::string& yaml) {
    Diagnostics d;
    parse_config(yaml, "site.yaml", d);
    std::string out;
    for (const auto& i : d.items) out += i.code + "@" + std::to_string(i.line) + ":" + std::to_string(i.col) + " ";
    return out;
  };
  CHECK(codes("severities: []\n") == "FB002@1:13 ");
  CHECK(codes("git:\n  max_commits: -1\n") == "FB002@2:16 ");
  CHECK(codes("severities:\n  - id: SEV1\n    color: 'red; background: url(x)'\n") == "FB002@3:12 ");
  CHECK(codes("severities:\n  - id: SEV1\n    aliases: [P0]\n  - id: SEV2\n    aliases: [P0]\n") == "FB002@4:5 ");
}

TEST_CASE("site.yaml nested 10,000 deep says what is wrong, at its place") {
  for (const std::string& yaml : {"title: T\na: " + std::string(10000, '['),
                                  "title: T\na: " + std::string(10000, '[') + std::string(10000, ']')}) {
    Diagnostics d;
    parse_config(yaml, "site.yaml", d);
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].code == "FB003");
    CHECK(d.items[0].line == 2);
    CHECK(d.items[0].message.find("nests lists or mappings too deeply") != std::string::npos);
    CHECK(d.items[0].hint.find("never closed") != std::string::npos);
  }
}
