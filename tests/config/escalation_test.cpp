// site.yaml `teams:` and `escalation:`: the good shape read in full, each bad shape a schema diagnostic at
// its line:col, and which policy applies to a document.
#include <doctest/doctest.h>

#include <string>

#include "config/config.h"

using namespace fb;

namespace {

const std::string kTeams = R"(
teams:
  - {id: payments, name: Payments}
  - {id: platform}
)";

Config parse(const std::string& yaml, Diagnostics& d) { return parse_config(kTeams + yaml, "site.yaml", d); }

std::string dump(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items)
    out += x.code + " " + std::to_string(x.line) + ":" + std::to_string(x.col) + " " + x.message + "\n";
  return out;
}

/// The single diagnostic of parsing `yaml` (after the teams), which must have `code`.
Diagnostic only(const std::string& yaml, const std::string& code) {
  Diagnostics d;
  parse(yaml, d);
  REQUIRE_MESSAGE(d.items.size() == 1, dump(d));
  CHECK_MESSAGE(d.items[0].code == code, dump(d));
  CHECK(d.items[0].file == "site.yaml");
  return d.items[0];
}

}  // namespace

TEST_CASE("escalation: the full shape is read, aliases resolve to ids, teams get their names") {
  Diagnostics d;
  Config c = parse(R"(
escalation:
  - severity: P0
    repeat: 2
    tiers:
      - after: 0m
        notify:
          - {team: payments, role: primary on-call, via: pager, contact: pay@acme.pagerduty.com}
          - {name: Dana Ruiz, handle: "@dana", via: phone, contact: "+1-555-0101"}
      - after: 1h30m
        notify: [{role: engineering manager}]
  - severities: [SEV2, minor]
    service: checkout-api
    tiers: []
  - severity: SEV2
    team: payments
    tiers: [{after: 5m, notify: [{team: platform}]}]
)", d);
  REQUIRE_MESSAGE(d.items.empty(), dump(d));
  REQUIRE(c.teams.size() == 2);
  CHECK(c.teams[1].name == "platform");  // the id when no name is given
  CHECK(c.find_team("payments")->name == "Payments");
  CHECK(c.find_team("Payments") == nullptr);  // ids are exact
  const EscalationPolicies& e = c.escalation;
  CHECK(e.configured);
  CHECK(e.pos.line == 6);
  REQUIRE(e.policies.size() == 3);
  const EscalationPolicy& p = e.policies[0];
  CHECK(p.severities == std::vector<std::string>{"SEV1"});
  CHECK(p.repeat == 2);
  REQUIRE(p.tiers.size() == 2);
  CHECK(p.tiers[0].after == 0);
  CHECK(p.tiers[1].after == 5400);
  CHECK(p.tiers[1].pos.line == 14);
  REQUIRE(p.tiers[0].notify.size() == 2);
  const EscalationContact& dana = p.tiers[0].notify[1];
  CHECK(dana.name == "Dana Ruiz");
  CHECK(dana.handle == "@dana");
  CHECK(dana.via == "phone");
  CHECK(dana.contact == "+1-555-0101");
  CHECK(p.tiers[0].notify[0].team_pos.line == 12);
  CHECK(e.policies[1].severities == std::vector<std::string>{"SEV2", "SEV3"});
  CHECK(e.policies[1].service == "checkout-api");
  CHECK(e.policies[1].tiers.empty());
  CHECK(e.policies[2].team == "payments");
}

TEST_CASE("escalation: absent means not configured, and the default config has none") {
  Diagnostics d;
  Config c = parse("title: x\n", d);
  CHECK(d.items.empty());
  CHECK_FALSE(c.escalation.configured);
  CHECK(c.escalation.policies.empty());
  CHECK_FALSE(default_config().escalation.configured);
}

TEST_CASE("escalation: the service override, then the team override, then the severity-wide policy applies") {
  Diagnostics d;
  Config c = parse(R"(
escalation:
  - {severity: SEV1, tiers: [{after: 0m, notify: [{role: wide}]}]}
  - {severity: SEV1, team: payments, tiers: [{after: 0m, notify: [{role: team}]}]}
  - {severity: SEV1, service: checkout-api, tiers: [{after: 0m, notify: [{role: service}]}]}
  - {severity: SEV2, service: checkout-api, tiers: []}
)", d);
  REQUIRE_MESSAGE(d.items.empty(), dump(d));
  auto role = [&](const std::string& sev, std::vector<std::string> services, const std::string& owner) {
    const EscalationPolicy* p = c.escalation.policy_for(sev, services, owner);
    return !p ? std::string("none") : p->tiers.empty() ? std::string("empty") : p->tiers[0].notify[0].role;
  };
  CHECK(role("SEV1", {"checkout-api"}, "payments") == "service");
  CHECK(role("SEV1", {"tax", "checkout-api"}, "") == "service");  // the first service with an override
  CHECK(role("SEV1", {"tax"}, "payments") == "team");
  CHECK(role("SEV1", {"tax"}, "platform") == "wide");
  CHECK(role("SEV1", {}, "") == "wide");
  CHECK(role("SEV2", {"checkout-api"}, "") == "empty");
  CHECK(role("SEV2", {"tax"}, "") == "none");  // no severity-wide SEV2 policy
  CHECK(role("", {"checkout-api"}, "") == "none");
}

TEST_CASE("escalation: each wrong shape is a schema diagnostic at its line and column") {
  SUBCASE("a policy without tiers") {
    Diagnostic x = only("escalation:\n  - severity: SEV1\n", "FB002");
    CHECK(x.line == 6);
    CHECK(x.hint == "Add `tiers:`.");
  }
  SUBCASE("neither severity nor severities") {
    CHECK(only("escalation:\n  - tiers: []\n", "FB002").line == 6);
  }
  SUBCASE("both severity and severities") {
    CHECK(only("escalation:\n  - {severity: SEV1, severities: [SEV2], tiers: []}\n", "FB002").line == 6);
  }
  SUBCASE("both service and team") {
    CHECK(only("escalation:\n  - {severity: SEV1, service: a, team: payments, tiers: []}\n", "FB002").line == 6);
  }
  SUBCASE("a tier without after") {
    Diagnostic x = only("escalation:\n  - severity: SEV1\n    tiers:\n      - notify: [{role: x}]\n", "FB002");
    CHECK(x.line == 8);
    CHECK(x.hint == "Add `after:`.");
  }
  SUBCASE("after is not a duration") {
    Diagnostic x = only("escalation:\n  - severity: SEV1\n    tiers:\n      - {after: soon, notify: [{role: x}]}\n",
                        "FB003");
    CHECK(x.line == 8);
    CHECK(x.col == 17);
  }
  SUBCASE("a contact with nobody in it") {
    Diagnostic x = only("escalation:\n  - severity: SEV1\n    tiers:\n      - {after: 0m, notify: [{via: pager}]}\n",
                        "FB002");
    CHECK(x.line == 8);
  }
  SUBCASE("an unknown channel") {
    Diagnostic x = only(
        "escalation:\n  - severity: SEV1\n    tiers:\n      - {after: 0m, notify: [{role: x, via: pigeon}]}\n",
        "FB002");
    CHECK(x.line == 8);
    CHECK(x.col == 45);
  }
  SUBCASE("repeat is not a count") {
    Diagnostic x = only("escalation:\n  - {severity: SEV1, repeat: twice, tiers: []}\n", "FB002");
    CHECK(x.col == 30);
  }
  SUBCASE("an unknown key in a tier, with a did-you-mean") {
    Diagnostics d;
    parse("escalation:\n  - severity: SEV1\n    tiers:\n      - {afterr: 0m, notify: [{role: x}]}\n", d);
    REQUIRE_MESSAGE(d.items.size() == 2, dump(d));  // and `after` is missing
    CHECK(d.items[1].code == "FB001");
    CHECK(d.items[1].col == 10);
    CHECK(d.items[1].hint == "Did you mean `after`?");
  }
  SUBCASE("escalation is not a list") {
    CHECK(only("escalation: {severity: SEV1}\n", "FB002").line == 5);
  }
  SUBCASE("a team without an id") {
    Diagnostics d;
    parse_config("teams:\n  - {name: Payments}\n", "site.yaml", d);
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].code == "FB002");
    CHECK(d.items[0].line == 2);
  }
}

TEST_CASE("escalation: a team declared twice is FB002 at the second") {
  Diagnostics d;
  Config c = parse_config("teams:\n  - {id: a}\n  - {id: a, name: Again}\n", "site.yaml", d);
  REQUIRE_MESSAGE(d.items.size() == 1, dump(d));
  CHECK(d.items[0].code == "FB002");
  CHECK(d.items[0].line == 3);
  CHECK(c.teams.size() == 1);
}
