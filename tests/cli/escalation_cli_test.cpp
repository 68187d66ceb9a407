// End-to-end: `firebreak check` reports site.yaml escalation problems at site.yaml:line:col with their
// codes and hints, and `firebreak build` of a site with a clean policy publishes the matrix.
#include <doctest/doctest.h>

#include <fstream>

#include "run.h"

namespace {
const std::string kNow = " --now 2026-11-01T00:00:00Z";

std::filesystem::path site_with(const std::string& name, const std::string& site_yaml) {
  auto dir = fresh_temp_dir(name);
  std::filesystem::create_directories(dir / "content" / "runbooks" / "dns");
  std::ofstream(dir / "site.yaml") << site_yaml;
  std::ofstream(dir / "content" / "runbooks" / "dns" / "resolution.md")
      << "---\nowner: team-net\nseverity: SEV1\nlast_reviewed: 2026-10-01\n"
      << "---\n# DNS\n## Symptoms\nx\n## Diagnosis\nx\n## Mitigation\nx\n## Escalation\nx\n";
  return dir;
}

const std::string kTeams = "title: t\nteams:\n  - {id: team-net, name: Network}\n";
}  // namespace

TEST_CASE("check: escalation problems are coded diagnostics at site.yaml:line:col, errors exit 1") {
  auto dir = site_with("esc-bad", kTeams +
                                      "escalation:\n"
                                      "  - severity: SEV1\n"
                                      "    tiers:\n"
                                      "      - {after: 0m, notify: [{team: team-nte, via: pager}]}\n"
                                      "      - {after: 0m, notify: [{role: lead}]}\n"
                                      "  - {severity: SEV9, tiers: []}\n");
  auto r = run_firebreak("check --site " + dir.string() + kNow);
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.output.find("site.yaml:7:37: error[FB252]") != std::string::npos, r.output);
  CHECK(r.output.find("Did you mean `team-net`?") != std::string::npos);
  CHECK(r.output.find("site.yaml:8:17: error[FB251]") != std::string::npos);
  CHECK(r.output.find("site.yaml:9:16: error[FB253]") != std::string::npos);
  CHECK(r.output.find("site.yaml:4:1: warning[FB250]: severity SEV2 has no escalation policy") != std::string::npos);
  // A wrong type is the schema's diagnostic, at its place; configuration errors exit 2.
  auto typed = site_with("esc-typed", kTeams + "escalation:\n  - {severity: SEV1, repeat: often, tiers: []}\n");
  r = run_firebreak("check --site " + typed.string() + kNow);
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.output.find("site.yaml:5:30: error[FB002]") != std::string::npos, r.output);
}

TEST_CASE("build: a clean escalation policy builds without diagnostics and shows on the pages") {
  auto dir = site_with("esc-good", kTeams +
                                       "escalation:\n"
                                       "  - severity: SEV1\n"
                                       "    repeat: 1\n"
                                       "    tiers:\n"
                                       "      - {after: 0m, notify: [{team: team-net, role: primary, via: pager}]}\n"
                                       "      - {after: 10m, notify: [{role: manager, via: phone, contact: \"+1-555-0100\"}]}\n"
                                       "  - {severities: [SEV2, SEV3, SEV4], tiers: []}\n");
  auto r = run_firebreak("build --no-cache --site " + dir.string() + kNow);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("0 errors, 0 warnings") != std::string::npos, r.output);
  auto files = snapshot(dir / "public");
  CHECK(files["severities/index.html"].find("Escalation matrix") != std::string::npos);
  CHECK(files["runbooks/dns/resolution/index.html"].find("<strong>10m</strong> manager (phone +1-555-0100)") !=
        std::string::npos);
}
