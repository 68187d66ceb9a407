#include <doctest/doctest.h>

#include <filesystem>

#include "content/document.h"
#include "site/scaffold.h"
#include "util/fs.h"
#include "util/time.h"

using namespace fb;
namespace fs = std::filesystem;

TEST_CASE("new runbook from the theme archetype, never overwriting") {
  fs::path site = fs::temp_directory_path() / "fb-scaffold-test";
  fs::remove_all(site);
  fs::create_directories(site);
  int64_t now = *parse_date("2026-11-23");
  auto r = scaffold(site, "default", "runbook", "db-failover", now);
  REQUIRE_MESSAGE(r.ok, r.error);
  CHECK(r.path == "content/runbooks/db-failover.md");
  auto text = read_file(site / r.path);
  REQUIRE(text);
  // The scaffold is a valid document.
  Document doc;
  Diagnostics d;
  CHECK(parse_document(default_config(), SourceFile{r.path, *text}, doc, d));
  CHECK_FALSE(d.has_errors());
  write_file(site / r.path, "my edits");
  auto again = scaffold(site, "default", "runbook", "db-failover", now);
  CHECK_FALSE(again.ok);
  CHECK(again.error.find("already exists") != std::string::npos);
  CHECK(*read_file(site / r.path) == "my edits");
}

TEST_CASE("the site's archetypes override the theme's, bad slugs are refused") {
  fs::path site = fs::temp_directory_path() / "fb-scaffold-test2";
  fs::remove_all(site);
  write_file(site / "archetypes/postmortem.md", "---\ntitle: {{title}}\nincident_id: INC-{{date}}\n---\n");
  auto r = scaffold(site, "default", "postmortem", "2026/checkout-outage", *parse_date("2026-11-23"));
  REQUIRE_MESSAGE(r.ok, r.error);
  CHECK(*read_file(site / "content/postmortems/2026/checkout-outage.md") ==
        "---\ntitle: Checkout outage\nincident_id: INC-2026-11-23\n---\n");
  CHECK_FALSE(scaffold(site, "default", "runbook", "../escape", 0).ok);
  CHECK_FALSE(scaffold(site, "default", "runbook", "", 0).ok);
  CHECK_FALSE(scaffold(site, "default", "playbook", "x", 0).ok);
}
