// site.yaml `rules:` level overrides and per-file `firebreak-ignore`.
#include "check/codes.h"
#include "site_fixture.h"

#include <fstream>
#include <sstream>

using namespace fbtest;

namespace {
const std::string kLate = "severity: SEV1\nstatus: draft\nstarted_at: 2026-03-04T10:00:00Z\n"
                          "acknowledged_at: 2026-03-04T10:30:00Z\n";
}

TEST_CASE("rules: changes a level or turns a rule off, FB0xx/FB5xx keep theirs") {
  TestSite plain({pir("content/postmortems/a.md", kLate + "severity_note: x\n")});
  auto d = plain.check();
  REQUIRE(with_code(d, "FB220").size() == 1);
  CHECK(with_code(d, "FB220")[0].level == fb::Level::Info);
  CHECK(with_code(d, "FB102").size() == 1);

  TestSite tuned({pir("content/postmortems/a.md", kLate + "severity_note: x\n"),
                  {"content/postmortems/b.md", "---\n[broken\n---\n"}},
                 "rules:\n  FB220: error\n  FB102: off\n  FB503: off\n");
  d = tuned.check();
  REQUIRE(with_code(d, "FB220").size() == 1);
  CHECK(with_code(d, "FB220")[0].level == fb::Level::Error);
  CHECK(with_code(d, "FB102").empty());
  REQUIRE(with_code(d, "FB503").size() == 1);  // a file that cannot be read cannot be silenced
  CHECK(with_code(d, "FB503")[0].level == fb::Level::Error);
}

TEST_CASE("firebreak-ignore silences codes for that file only, including model diagnostics") {
  TestSite s({pir("content/postmortems/a.md", kLate + "firebreak-ignore: [FB220, FB211]\ndetected_at: 2026-03-04 10:01\n"),
              pir("content/postmortems/b.md", kLate + "detected_at: 2026-03-04 10:01\n")});
  auto d = s.check();
  auto ack = with_code(d, "FB220"), zone = with_code(d, "FB211");
  REQUIRE(ack.size() == 1);
  CHECK(ack[0].file == "content/postmortems/b.md");
  REQUIRE(zone.size() == 1);
  CHECK(zone[0].file == "content/postmortems/b.md");
}

TEST_CASE("every code in the registry has a section in docs/diagnostics.md, and every section a code") {
  std::ifstream in(std::string(FB_SOURCE_DIR) + "/docs/diagnostics.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  for (const auto& c : fb::all_codes()) {
    CHECK_MESSAGE(doc.find(std::string("\n## ") + c.code + " ") != std::string::npos, c.code);
    std::string section = doc.substr(doc.find(std::string("\n## ") + c.code));
    CHECK_MESSAGE(section.find("**Default level:** " + std::string(fb::level_name(c.level))) < section.find("\n## ", 4), c.code);
  }
  size_t pos = 0;
  while ((pos = doc.find("\n## FB", pos)) != std::string::npos) {
    std::string code = doc.substr(pos + 4, 5);
    bool registered = fb::find_code(code) != nullptr;
    bool other_module = code[2] >= '6';  // FB6xx-FB9xx belong to render, lessons, vcs and search
    CHECK_MESSAGE((registered || other_module), code);
    pos += 5;
  }
}
