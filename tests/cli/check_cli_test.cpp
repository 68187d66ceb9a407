// End-to-end: `firebreak check` formats and exit codes, and `firebreak build` refusing to publish
// when the checks find errors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run.h"

namespace {
const std::string kFixture = std::string(FB_FIXTURES_DIR) + "/check/site";
const std::string kNow = " --now 2026-11-01T00:00:00Z";

/// A small site with one clean runbook; `extra` is added to its front matter.
std::filesystem::path clean_site(const std::string& name, const std::string& extra = "") {
  auto dir = fresh_temp_dir(name);
  std::filesystem::create_directories(dir / "content" / "runbooks" / "dns");
  std::ofstream(dir / "site.yaml") << "title: t\n";
  std::ofstream(dir / "content" / "runbooks" / "dns" / "resolution.md")
      << "---\nowner: team-net\nlast_reviewed: 2026-10-01\n" << extra
      << "---\n# DNS\n## Symptoms\nx\n## Diagnosis\nx\n## Mitigation\nx\n## Escalation\nx\n";
  return dir;
}
}  // namespace

TEST_CASE("check: errors exit 1, json lists them with paths relative to the working directory") {
  auto r = run_firebreak("check --site " + kFixture + " --format json" + kNow + " 2>/dev/null");
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.output);
  REQUIRE(j["summary"]["errors"].get<int>() > 0);
  std::string file = j["diagnostics"][0]["file"];
  CHECK(std::filesystem::exists(file));  // opens from where firebreak ran
  CHECK(file.size() > std::string("content/").size());
}

TEST_CASE("check: a clean site exits 0, warnings exit 1 only under --strict") {
  auto clean = clean_site("check-clean");
  auto r = run_firebreak("check --site " + clean.string() + kNow);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("Checked 1 runbooks and 0 post-incident reviews") != std::string::npos);
  auto warn = clean_site("check-warn", "ownr: typo\n");
  r = run_firebreak("check --site " + warn.string() + kNow);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("warning[FB102]") != std::string::npos);
  r = run_firebreak("check --strict --site " + warn.string() + kNow);
  CHECK(r.exit_code == 1);
}

TEST_CASE("check: usage and configuration problems exit 2") {
  CHECK(run_firebreak("check --format yaml --site " + kFixture).exit_code == 2);
  auto empty = fresh_temp_dir("check-no-config");
  auto r = run_firebreak("check --site " + empty.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("FB004") != std::string::npos);
}

TEST_CASE("check: github, sarif and junit formats, --output writes a file") {
  auto r = run_firebreak("check --site " + kFixture + " --format github" + kNow);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("::error file=") != std::string::npos);
  auto out = fresh_temp_dir("check-output") / "results.sarif";
  r = run_firebreak("check --site " + kFixture + " --format sarif -o " + out.string() + kNow);
  CHECK(r.exit_code == 1);
  auto sarif = nlohmann::json::parse(std::ifstream(out));
  CHECK(sarif["version"] == "2.1.0");
  r = run_firebreak("check --site " + kFixture + " --format junit" + kNow + " 2>/dev/null");
  CHECK(r.output.rfind("<?xml", 0) == 0);
}

TEST_CASE("build runs the same checks and publishes nothing when they find errors") {
  auto out = fresh_temp_dir("check-build-out") / "public";
  auto r = run_firebreak("build --site " + kFixture + " --out " + out.string() + kNow);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("error[FB214]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  auto clean = clean_site("check-build-clean");
  r = run_firebreak("build --site " + clean.string() + " --out " + (clean / "public").string() + kNow);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
}
