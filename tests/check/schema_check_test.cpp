// Front-matter validation against the bundled schemas: codes, messages and the YAML key's own
// line:column, for top-level keys, keys nested in lists and maps, and keys renamed by `fields:`.
#include "check/yaml_json.h"
#include "site_fixture.h"

namespace {
fb::YamlNode load_yaml(const char* text) {
  fb::YamlNode n;
  fb::YamlError e;
  REQUIRE(fb::parse_yaml(text, n, e));
  return n;
}
}  // namespace

using namespace fbtest;

TEST_CASE("FB102: an unknown top-level key is a warning at the key, with did-you-mean") {
  TestSite s({runbook("content/runbooks/a.md", "  # indented comment\nownr: team-b\nx-weight: 10\n")});
  auto d = s.check();
  auto f = with_code(d, "FB102");
  REQUIRE_MESSAGE(f.size() == 1, dump(d));
  CHECK(f[0].level == fb::Level::Warning);
  CHECK(f[0].line == 5);
  CHECK(f[0].col == 1);
  CHECK(f[0].message == "unknown key `ownr`");
  CHECK(f[0].hint == "Did you mean `owner`?");
}

TEST_CASE("keys nested in lists and maps are reported at their own line:column") {
  TestSite s({runbook("content/runbooks/a.md",
                      "escalation:\n  - level: 1\n    contact: a\n  - level: 2\n    contcat: b\n"),
              pir("content/postmortems/p.md",
                  "root_cause:\n  category: capacity\n  summry: x\naction_items:\n  - id: A\n    title: t\n"
                  "  - id: B\n    title: u\n    owner: [a, b]\n  - {id: C, title: v, priority: urgent}\ntimeline:\n"
                  "  - event: no time\n")});
  auto d = s.check();
  auto unknown = with_code(d, "FB102");
  REQUIRE_MESSAGE(unknown.size() == 2, dump(d));
  // content/postmortems/p.md sorts first.
  CHECK(unknown[0].file == "content/postmortems/p.md");
  CHECK(unknown[0].line == 6);
  CHECK(unknown[0].col == 3);
  CHECK(unknown[0].message == "unknown key `summry` in `root_cause`");
  CHECK(unknown[0].hint == "Did you mean `summary`?");
  // escalation[1].contcat: the key inside the second list item.
  CHECK(unknown[1].file == "content/runbooks/a.md");
  CHECK(unknown[1].line == 8);
  CHECK(unknown[1].col == 5);
  CHECK(unknown[1].message == "unknown key `contcat` in `escalation[1]`");
  // ... and the item then lacks its required `contact`, reported at the item.
  auto required = with_code(d, "FB101");
  REQUIRE(required.size() == 2);
  CHECK(required[0].message == "`timeline[0]`: missing required key `at`");
  CHECK(required[0].line == 15);
  CHECK(required[0].col == 5);
  CHECK(required[1].file == "content/runbooks/a.md");
  CHECK(required[1].line == 7);
  CHECK(required[1].col == 5);
  CHECK(required[1].message == "`escalation[1]`: missing required key `contact`");
  auto type = with_code(d, "FB103");
  REQUIRE(type.size() == 1);
  CHECK(type[0].line == 12);
  CHECK(type[0].col == 5);
  CHECK(type[0].message == "`action_items[1].owner`: must be a string, not a list");
  auto value = with_code(d, "FB104");
  REQUIRE(value.size() == 1);
  CHECK(value[0].line == 13);
  CHECK(value[0].col == 23);  // `priority` inside the flow mapping
  CHECK(value[0].message == "`action_items[2].priority`: 'urgent' is not one of: critical, high, medium, low");
}

TEST_CASE("FB104 did-you-mean, FB106 constraints, x- keys and firebreak-ignore are known") {
  TestSite s({pir("content/postmortems/p.md",
                  "status: publishd\nusers_impacted: -3\nfirebreak-ignore: [FB2]\nx-source: https://example.com\n")});
  auto d = s.check();
  auto v = with_code(d, "FB104");
  REQUIRE_MESSAGE(v.size() == 1, dump(d));
  CHECK(v[0].hint == "Did you mean `published`?");
  auto c = with_code(d, "FB106");
  REQUIRE(c.size() == 2);
  CHECK(c[0].message == "`users_impacted`: must be at least 0");
  CHECK(c[1].message == "`firebreak-ignore[0]`: 'FB2' does not match the pattern `^FB[0-9]{3}$`");
  CHECK(with_code(d, "FB102").empty());
}

TEST_CASE("a whole number too large to hold is refused at its place, never published as null") {
  for (const char* v : {"1000000000000000000000000000000", "18446744073709551616", "-100000000000000000000"}) {
    TestSite s({pir("content/postmortems/p.md", std::string("users_impacted: ") + v + "\n")});
    auto t = with_code(s.check(), "FB103");
    INFO(std::string(v));
    REQUIRE(t.size() == 1);
    CHECK(t[0].message == "`users_impacted`: is too large for a whole number (at most 9223372036854775807)");
  }
  TestSite inf({pir("content/postmortems/p.md", "users_impacted: 1e400\n")});
  auto t = with_code(inf.check(), "FB103");
  REQUIRE(t.size() == 1);
  CHECK(t[0].message == "`users_impacted`: must be a whole number, not a number too large to hold (read as infinity)");
  TestSite ok({pir("content/postmortems/p.md", "users_impacted: 9223372036854775807\n")});
  CHECK(with_code(ok.check(), "FB103").empty());
}

TEST_CASE("YAML scalars become JSON types by the core schema") {
  TestSite s({pir("content/postmortems/p.md",
                  "users_impacted: \"42\"\nsla_breached: yes\nincident_id: 2026\nduration: 45m\n")});
  auto d = s.check();
  auto t = with_code(d, "FB103");
  REQUIRE_MESSAGE(t.size() == 3, dump(d));
  CHECK(t[0].message == "`users_impacted`: must be a whole number, not a string");
  CHECK(t[1].message == "`sla_breached`: must be true or false, not a string");  // YAML 1.2: yes is a string
  CHECK(t[2].message == "`incident_id`: must be a string, not a whole number");
  auto j = fb::yaml_to_json(load_yaml("a: 2026-03-04\nb: 0x1F\nc: 1.5e3\nd: ~\ne: 'true'\nf: .inf\ng: !!str 12\nh: 007\n"));
  CHECK(j["a"] == "2026-03-04");
  CHECK(j["b"] == 31);
  CHECK(j["c"] == 1500.0);
  CHECK(j["d"].is_null());
  CHECK(j["e"] == "true");
  CHECK(std::isinf(j["f"].get<double>()));
  CHECK(j["g"] == "12");
  CHECK(j["h"] == 7);
}

TEST_CASE("schema errors on a line a specific rule explains are dropped (FB210 over FB105)") {
  TestSite s({pir("content/postmortems/p.md", "started_at: 2026-02-30T10:00:00Z\nresolved_at: 2026-03-04 11:00\n")});
  auto d = s.check();
  CHECK_MESSAGE(with_code(d, "FB105").empty(), dump(d));
  CHECK(with_code(d, "FB210").size() == 1);
  CHECK(with_code(d, "FB211").size() == 1);
}

TEST_CASE("keys renamed by `fields:` are reported as written") {
  std::string yaml = "fields:\n  start_time: started_at\n  company: organisation\n  uuid: x-uuid\n";
  TestSite s({{"content/postmortems/p.md", "---\nuuid: 1234\nstart_time: [nope]\ncompany: Acme\nseverity: SEV3\n---\n"}},
             yaml);
  auto d = s.check();
  auto t = with_code(d, "FB103");
  REQUIRE_MESSAGE(t.size() == 1, dump(d));
  CHECK(t[0].line == 3);
  CHECK(t[0].col == 1);
  CHECK(t[0].message == "`start_time (mapped to started_at)`: must be a string, not a list");
  CHECK(with_code(d, "FB210").size() == 1);  // the model's own report stays: a type error is not a format error
  auto u = with_code(d, "FB102");
  REQUIRE(u.size() == 1);
  CHECK(u[0].line == 4);
  CHECK(u[0].message == "unknown key `company (mapped to organisation)`");
}

TEST_CASE("FB100: a missing or broken schema directory") {
  fb::SchemaSet set;
  fb::Diagnostics d;
  CHECK_FALSE(set.load(std::string(FB_FIXTURES_DIR) + "/check/no-such-dir", d));
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB100");
  fb::JsonSchema bad;
  std::string err;
  CHECK_FALSE(bad.compile(nlohmann::json::parse(R"({"$ref": "#/$defs/missing"})"), err));
  CHECK(err == "$ref '#/$defs/missing' points nowhere in the schema");
  CHECK_FALSE(bad.compile(nlohmann::json::parse(R"({"pattern": "("})"), err));
}
