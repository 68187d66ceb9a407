// FB250-FB256: site.yaml's escalation policies against the scale, the teams and the documents.
#include "site_fixture.h"

using namespace fbtest;

namespace {

/// The default scale (SEV1 5m, SEV2 15m, SEV3 1h, SEV4 4h to acknowledge), two teams, then `escalation`.
std::string site(const std::string& escalation) {
  return "teams:\n  - {id: team-a, name: Team A}\n  - {id: payments}\n" + escalation;
}

/// Policies for SEV2..SEV4 that raise nothing, to append after a SEV1 policy under test.
const std::string kOthers =
    "  - {severities: [SEV2, SEV3], tiers: [{after: 0m, notify: [{team: team-a}]}]}\n"
    "  - {severity: SEV4, tiers: []}\n";

std::vector<fb::SourceFile> docs() {
  return {runbook("content/runbooks/checkout/pay.md", "severity: SEV1\n"),
          pir("content/postmortems/p.md", "services: [checkout]\n")};
}

}  // namespace

TEST_CASE("escalation rules: a site without escalation gets none, a complete policy set gets none") {
  TestSite none(docs(), "title: x\n");
  CHECK_MESSAGE(none.check().items.empty(), dump(none.check()));
  TestSite good(docs(), site("escalation:\n  - {severity: SEV1, tiers: [{after: 0m, notify: [{team: team-a}]}, "
                             "{after: 10m, notify: [{team: payments}]}]}\n"
                             "  - {severity: SEV1, service: checkout, tiers: []}\n"
                             "  - {severity: SEV1, team: team-a, tiers: []}\n" + kOthers));
  CHECK_MESSAGE(good.check().items.empty(), dump(good.check()));
}

TEST_CASE("FB250: each severity without a severity-wide policy, at the escalation key") {
  TestSite s(docs(), site("escalation:\n  - {severity: SEV1, tiers: []}\n"
                          "  - {severity: SEV2, service: checkout, tiers: []}\n"));
  auto d = s.check();
  auto missing = with_code(d, "FB250");
  REQUIRE_MESSAGE(missing.size() == 3, dump(d));  // SEV2 (an override does not count), SEV3, SEV4
  CHECK(missing[0].message == "severity SEV2 has no escalation policy");
  CHECK(missing[0].file == "site.yaml");
  CHECK(missing[0].line == 4);
  CHECK(missing[0].col == 1);
  CHECK(missing[0].level == fb::Level::Warning);
  CHECK(missing[0].hint.find("`tiers: []`") != std::string::npos);
}

TEST_CASE("FB251: a tier not later than the one before it") {
  TestSite s(docs(), site("escalation:\n  - severity: SEV1\n    tiers:\n"
                          "      - {after: 0m, notify: [{role: a}]}\n"
                          "      - {after: 30m, notify: [{role: b}]}\n"
                          "      - {after: 30m, notify: [{role: c}]}\n"
                          "      - {after: 15m, notify: [{role: d}]}\n" + kOthers));
  auto d = s.check();
  auto order = with_code(d, "FB251");
  REQUIRE_MESSAGE(order.size() == 2, dump(d));
  CHECK(order[0].line == 9);
  CHECK(order[0].col == 17);
  CHECK(order[0].message == "escalation tier 3 pages after 30m, not later than tier 2 (30m)");
  CHECK(order[1].line == 10);
  CHECK(order[0].level == fb::Level::Error);
}

TEST_CASE("FB252: an unknown team in a contact or a scope, with a did-you-mean") {
  TestSite s(docs(), site("escalation:\n  - severity: SEV1\n    tiers:\n"
                          "      - {after: 0m, notify: [{team: paymnets}]}\n"
                          "  - {severity: SEV1, team: ops, tiers: []}\n" + kOthers));
  auto d = s.check();
  auto teams = with_code(d, "FB252");
  REQUIRE_MESSAGE(teams.size() == 2, dump(d));
  CHECK(teams[0].line == 7);
  CHECK(teams[0].message == "escalation contact team `paymnets` is not declared in `teams`");
  CHECK(teams[0].hint == "Did you mean `payments`?");
  CHECK(teams[1].line == 8);
  CHECK(teams[1].hint == "Known teams: team-a, payments; or declare it under `teams:`.");
  CHECK(with_code(d, "FB256").empty());  // an unknown team is said once
}

TEST_CASE("FB252: a site without teams names the key to add") {
  TestSite s(docs(), "escalation:\n  - {severity: SEV1, tiers: [{after: 0m, notify: [{team: x}]}]}\n"
                        "  - {severities: [SEV2, SEV3, SEV4], tiers: []}\n");
  auto teams = with_code(s.check(), "FB252");
  REQUIRE(teams.size() == 1);
  CHECK(teams[0].hint == "Declare it under `teams:` (a list of `{id, name}`).");
}

TEST_CASE("FB253: an unknown severity, while aliases are accepted") {
  TestSite s(docs(), site("escalation:\n  - {severities: [P0, SEV5], tiers: []}\n" + kOthers));
  auto d = s.check();
  auto sev = with_code(d, "FB253");
  REQUIRE_MESSAGE(sev.size() == 1, dump(d));
  CHECK(sev[0].line == 5);
  CHECK(sev[0].col == 23);
  CHECK(sev[0].message == "escalation policy names severity `SEV5`, which is not an id or alias of `severities`");
  CHECK(with_code(d, "FB250").empty());  // P0 is SEV1
}

TEST_CASE("FB254: a first tier later than acknowledge_within") {
  TestSite s(docs(), site("escalation:\n  - {severity: SEV1, tiers: [{after: 10m, notify: [{role: a}]}]}\n"
                          "  - {severities: [SEV2, SEV3], tiers: [{after: 15m, notify: [{role: a}]}]}\n"
                          "  - {severity: SEV4, tiers: []}\n"));
  auto d = s.check();
  auto late = with_code(d, "FB254");
  REQUIRE_MESSAGE(late.size() == 1, dump(d));  // SEV2's 15m is within its 15m
  CHECK(late[0].line == 5);
  CHECK(late[0].message == "the first escalation tier for SEV1 pages after 10m, later than its acknowledge_within (5m)");
  CHECK(late[0].level == fb::Level::Warning);
}

TEST_CASE("FB255: two policies with the same severity and scope") {
  TestSite s(docs(), site("escalation:\n  - {severity: SEV1, tiers: []}\n"
                          "  - {severities: [SEV1], tiers: []}\n"
                          "  - {severity: SEV1, service: checkout, tiers: []}\n"
                          "  - {severity: critical, service: checkout, tiers: []}\n" + kOthers));
  auto d = s.check();
  auto dup = with_code(d, "FB255");
  REQUIRE_MESSAGE(dup.size() == 2, dump(d));
  CHECK(dup[0].line == 6);
  CHECK(dup[0].message == "a second escalation policy for SEV1 (the first is at line 5)");
  CHECK(dup[1].message == "a second escalation policy for SEV1 for service `checkout` (the first is at line 7)");
}

TEST_CASE("FB256: a service or team scope that no document has") {
  TestSite s(docs(), site("escalation:\n  - {severity: SEV1, service: checkout-api, tiers: []}\n"
                          "  - {severity: SEV1, team: payments, tiers: []}\n"
                          "  - {severity: SEV1, tiers: []}\n" + kOthers));
  auto d = s.check();
  auto unused = with_code(d, "FB256");
  REQUIRE_MESSAGE(unused.size() == 2, dump(d));
  CHECK(unused[0].line == 5);
  CHECK(unused[0].col == 31);
  CHECK(unused[0].message == "the escalation policy for service `checkout-api` applies to no runbook or PIR");
  CHECK(unused[1].message == "the escalation policy for team `payments` applies to no runbook or PIR");
}

TEST_CASE("escalation rules: levels follow site.yaml rules like every FB2xx") {
  TestSite s(docs(), site("rules: {FB250: off, FB251: warning}\nescalation:\n  - severity: SEV1\n    tiers:\n"
                          "      - {after: 5m, notify: [{role: a}]}\n      - {after: 1m, notify: [{role: b}]}\n"));
  auto d = s.check();
  CHECK(with_code(d, "FB250").empty());
  auto order = with_code(d, "FB251");
  REQUIRE(order.size() == 1);
  CHECK(order[0].level == fb::Level::Warning);
}
