// Reporters: every format as a golden file (tests/fixtures/check/golden/*) from the fixture site
// tests/fixtures/check/site, and the SARIF output validated against the official SARIF 2.1.0 schema
// with ajv (tests/check/sarif/validate.js; its npm packages are installed by scripts/install-deps.sh).
// Regenerate the golden files with FB_UPDATE_GOLDEN=1 after an intended change, and review the diff.
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "check/report.h"
#include "site_fixture.h"
#include "util/fs.h"

using namespace fbtest;
namespace fs = std::filesystem;

namespace {
const fs::path kSite = fs::path(FB_FIXTURES_DIR) / "check" / "site";
const fs::path kGolden = fs::path(FB_FIXTURES_DIR) / "check" / "golden";

/// The fixture site's diagnostics at a fixed clock.
fb::Diagnostics fixture_diagnostics(std::vector<std::string>* files = nullptr) {
  std::vector<fb::SourceFile> sources;
  for (const auto& p : fb::discover_content(kSite).files) sources.push_back({p, *fb::read_file(kSite / p)});
  TestSite site(sources, *fb::read_file(kSite / "site.yaml"));
  if (files) {
    files->push_back("site.yaml");
    for (const auto& d : site.docs) files->push_back(d.path);
  }
  return site.check("2026-11-01T00:00:00Z");
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path path = kGolden / name;
  if (std::getenv("FB_UPDATE_GOLDEN")) REQUIRE(fb::write_file(path, actual));
  auto expected = fb::read_file(path);
  REQUIRE_MESSAGE(expected, "missing golden file " << path << " (run with FB_UPDATE_GOLDEN=1)");
  CHECK_MESSAGE(*expected == actual, name << " differs from the golden file; actual:\n" << actual);
}
}  // namespace

TEST_CASE("the fixture site produces the diagnostics the golden files show") {
  auto d = fixture_diagnostics();
  for (const char* code : {"FB102", "FB202", "FB212", "FB214", "FB220", "FB221", "FB222", "FB231", "FB232",
                           "FB234", "FB236", "FB304", "FB306", "FB401", "FB402", "FB403", "FB404"})
    CHECK_MESSAGE(!with_code(d, code).empty(), code << "\n" << dump(d));
  CHECK(with_code(d, "FB221")[0].level == fb::Level::Warning);  // site.yaml rules:
  for (const auto& x : with_code(d, "FB301")) CHECK(x.file != "content/runbooks/disk-full.md");  // firebreak-ignore
}

TEST_CASE("text report (no colour) matches its golden file") {
  auto d = fixture_diagnostics();
  check_golden("report.txt", fb::report_text(d, false) + fb::summary_line(d) + "\n");
}

TEST_CASE("text report colours only when asked") {
  auto d = fixture_diagnostics();
  CHECK(fb::report_text(d, false).find("\x1b[") == std::string::npos);
  std::string colored = fb::report_text(d, true);
  CHECK(colored.find("\x1b[31merror\x1b[0m[FB214]") != std::string::npos);
}

TEST_CASE("github annotations match their golden file and escape what GitHub requires") {
  check_golden("report.github.txt", fb::report_github(fixture_diagnostics()));
  fb::Diagnostics d;
  d.add("FB999", fb::Level::Info, "a,b:c.md", {}, "50% done\nnext line", "");
  CHECK(fb::report_github(d) == "::notice file=a%2Cb%3Ac.md,title=FB999::50%25 done%0Anext line\n0 errors, 0 warnings, 1 info\n");
}

TEST_CASE("json report matches its golden file and the documented shape") {
  auto d = fixture_diagnostics();
  std::string text = fb::report_json(d);
  check_golden("report.json", text);
  auto j = nlohmann::json::parse(text);
  REQUIRE(j["diagnostics"].size() == d.items.size());
  std::vector<std::string> keys;
  auto ordered = nlohmann::ordered_json::parse(text);
  for (auto& [k, v] : ordered["diagnostics"][0].items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"code", "level", "file", "line", "column", "message", "hint"});
  CHECK(j["summary"]["errors"] == d.count(fb::Level::Error));
  CHECK(j["summary"]["warnings"] == d.count(fb::Level::Warning));
  CHECK(j["summary"]["infos"] == d.count(fb::Level::Info));
}

TEST_CASE("junit report: one testcase per file, a failure for files with errors") {
  std::vector<std::string> files;
  auto d = fixture_diagnostics(&files);
  std::string xml = fb::report_junit(d, files);
  check_golden("report.junit.xml", xml);
  CHECK(xml.find("<testcase classname=\"content.postmortems\" name=\"content/postmortems/clean.yaml\" "
                 "file=\"content/postmortems/clean.yaml\"/>") != std::string::npos);
  CHECK(xml.find("tests=\"5\" failures=\"3\"") != std::string::npos);
  CHECK(xml.find("&lt;noisy&gt;") == std::string::npos);  // no raw body text leaks in
}

TEST_CASE("sarif report matches its golden file and validates against the official SARIF 2.1.0 schema") {
  std::string sarif = fb::report_sarif(fixture_diagnostics(), "0.1.0");
  check_golden("report.sarif", sarif);
  fs::path tool = fs::path(FB_SOURCE_DIR) / "tests" / "check" / "sarif";
  REQUIRE_MESSAGE(fs::exists(tool / "node_modules" / "ajv-draft-04"),
                  "run scripts/install-deps.sh (npm ci --prefix tests/check/sarif)");
  fs::path file = fs::temp_directory_path() / "fb-check-report-test.sarif";
  REQUIRE(fb::write_file(file, sarif));
  std::string cmd = "node " + (tool / "validate.js").string() + " " + file.string() + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  CHECK_MESSAGE(status == 0, out);
  CHECK(out.find("valid SARIF 2.1.0") != std::string::npos);
  // A broken log must fail, or the check above proves nothing.
  auto j = nlohmann::json::parse(sarif);
  j["runs"][0]["results"][0]["level"] = "fatal";
  REQUIRE(fb::write_file(file, j.dump()));
  CHECK(pclose(popen(cmd.c_str(), "r")) != 0);
}
