#include <doctest/doctest.h>

#include <filesystem>

#include "site/publish.h"
#include "util/fs.h"

using namespace fb;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fb-publish-test-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}
}  // namespace

TEST_CASE("publish writes all files and the marker, then replaces the old output whole") {
  fs::path root = fresh_dir("replace");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "one"}, {"a/b/index.html", "two"}}).empty());
  CHECK(*read_file(out / "index.html") == "one");
  CHECK(*read_file(out / "a/b/index.html") == "two");
  CHECK(fs::exists(out / kOutputMarker));
  REQUIRE(publish(out, {{"index.html", "three"}}).empty());
  CHECK(*read_file(out / "index.html") == "three");
  CHECK_FALSE(fs::exists(out / "a"));  // stale pages are gone
  // No temporary directories are left beside the output.
  size_t entries = 0;
  for (auto& e : fs::directory_iterator(root)) (void)e, ++entries;
  CHECK(entries == 1);
}

TEST_CASE("publish refuses paths that escape the output directory and leaves the old output") {
  fs::path root = fresh_dir("escape");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "good"}}).empty());
  CHECK_FALSE(publish(out, {{"index.html", "bad"}, {"../evil.txt", "x"}}).empty());
  CHECK_FALSE(publish(out, {{"/etc/evil", "x"}}).empty());
  CHECK_FALSE(fs::exists(root / "evil.txt"));
  CHECK(*read_file(out / "index.html") == "good");
}

TEST_CASE("output directory safety checks") {
  fs::path site = fresh_dir("site");
  fs::create_directories(site / "content");
  CHECK_FALSE(check_output_dir(site, site).empty());
  CHECK_FALSE(check_output_dir(site, site / "..").empty());
  CHECK(check_output_dir(site, site / "public").empty());  // does not exist yet: fine
  // A non-empty directory firebreak did not make is never replaced.
  fs::path mine = site / "my-notes";
  fs::create_directories(mine);
  write_file(mine / "todo.txt", "keep me");
  std::string why = check_output_dir(site, mine);
  CHECK(why.find("not made by firebreak") != std::string::npos);
  // A directory that looks like a site is refused.
  fs::path other = fresh_dir("othersite");
  write_file(other / "site.yaml", "title: x\n");
  CHECK_FALSE(check_output_dir(site, other).empty());
  // Our own previous output is fine.
  REQUIRE(publish(site / "public", {{"index.html", "x"}}).empty());
  CHECK(check_output_dir(site, site / "public").empty());
}
