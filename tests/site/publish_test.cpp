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
  CHECK_FALSE(check_output_dir(site, site).ok());
  CHECK_FALSE(check_output_dir(site, site / "..").ok());
  CHECK(check_output_dir(site, site / "public").ok());  // does not exist yet: fine
  // A non-empty directory firebreak did not make is never replaced.
  fs::path mine = site / "my-notes";
  fs::create_directories(mine);
  write_file(mine / "todo.txt", "keep me");
  std::string why = check_output_dir(site, mine).reason;
  CHECK(check_output_dir(site, mine).hint.find("only replaces folders an earlier build made") != std::string::npos);
  CHECK(why.find("not made by firebreak") != std::string::npos);
  // A directory that looks like a site is refused.
  fs::path other = fresh_dir("othersite");
  write_file(other / "site.yaml", "title: x\n");
  CHECK_FALSE(check_output_dir(site, other).ok());
  // Our own previous output is fine.
  REQUIRE(publish(site / "public", {{"index.html", "x"}}).empty());
  CHECK(check_output_dir(site, site / "public").ok());
}

TEST_CASE("Publisher streams files from several threads and swaps them in only on commit") {
  fs::path root = fresh_dir("stream");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "old"}}).empty());
  {
    Publisher p;
    REQUIRE(p.begin(out).empty());
    OutputFiles files;
    for (int i = 0; i < 200; ++i)
      files.push_back({"d" + std::to_string(i % 7) + "/e" + std::to_string(i % 3) + "/p" + std::to_string(i) + ".html",
                       std::to_string(i)});
    REQUIRE(p.write_all(files));
    CHECK(p.written() == 200);
    // Nothing is visible before commit.
    CHECK(*read_file(out / "index.html") == "old");
    CHECK_FALSE(fs::exists(out / "d0"));
    REQUIRE(p.commit().empty());
  }
  CHECK(*read_file(out / "d5/e2/p194.html") == "194");
  CHECK_FALSE(fs::exists(out / "index.html"));
  size_t entries = 0;
  for (auto& e : fs::directory_iterator(root)) (void)e, ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an uncommitted or failed Publisher leaves the previous output and no temporary directory") {
  fs::path root = fresh_dir("abandon");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "old"}}).empty());
  {
    Publisher p;
    REQUIRE(p.begin(out).empty());
    REQUIRE(p.write({"index.html", "new"}));
    // Destroyed without commit: a build that stopped on content errors.
  }
  {
    Publisher p;
    REQUIRE(p.begin(out).empty());
    CHECK_FALSE(p.write({"../escape.html", "x"}));
    CHECK(p.error().find("refusing to write '../escape.html'") != std::string::npos);
    CHECK_FALSE(p.commit().empty());
  }
  CHECK(*read_file(out / "index.html") == "old");
  CHECK_FALSE(fs::exists(root / "escape.html"));
  size_t entries = 0;
  for (auto& e : fs::directory_iterator(root)) (void)e, ++entries;
  CHECK(entries == 1);
}

TEST_CASE("Publisher::write_with lets a writer make its own file in the unpublished output") {
  fs::path root = fresh_dir("write-with");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "old"}}).empty());
  {
    Publisher p;
    REQUIRE(p.begin(out).empty());
    fs::path seen;
    REQUIRE(p.write_with("data/lessons.db", [&](const fs::path& file) {
      seen = file;
      CHECK(fs::is_directory(file.parent_path()));  // its directories are made
      CHECK_FALSE(fs::exists(file));
      return write_file(file, "db") ? std::string() : std::string("cannot write");
    }));
    CHECK(p.written() == 1);
    CHECK(seen.filename() == "lessons.db");
    CHECK(seen.parent_path().parent_path() != out);  // written in the temporary directory
    CHECK_FALSE(fs::exists(out / "data"));
    REQUIRE(p.commit().empty());
  }
  CHECK(*read_file(out / "data/lessons.db") == "db");
  {
    // A writer's error fails the publish; nothing is swapped in and the writer never sees a path outside.
    Publisher p;
    REQUIRE(p.begin(out).empty());
    CHECK_FALSE(p.write_with("x.db", [](const fs::path&) { return std::string("disk full"); }));
    bool called = false;
    CHECK_FALSE(p.write_with("../x.db", [&](const fs::path&) { return called = true, std::string(); }));
    CHECK_FALSE(called);
    CHECK(p.error() == "disk full");
    CHECK_FALSE(p.commit().empty());
  }
  CHECK(*read_file(out / "data/lessons.db") == "db");
}

TEST_CASE("a build removes the temporaries that killed builds left, and only those") {
  fs::path root = fresh_dir("stale");
  fs::path out = root / "public";
  REQUIRE(publish(out, {{"index.html", "one"}}).empty());
  // What kill -9 leaves: a set-aside old output and an unfinished temporary, both marked.
  for (const char* name : {".public.tmp-0123abcd", ".public.old-89abcdef"}) {
    fs::create_directories(root / name / "a");
    write_file(root / name / kOutputMarker, kOutputMarkerText);
    write_file(root / name / "a/index.html", "old copy");
  }
  // What a build killed while removing one leaves: the marker (removed last) or an empty directory.
  fs::create_directories(root / ".public.old-00000001");
  write_file(root / ".public.old-00000001" / kOutputMarker, kOutputMarkerText);
  fs::create_directories(root / ".public.tmp-00000002");
  // Not provably Firebreak's: files but no marker, another output's name, a wrong tag, a symlink to a temporary.
  fs::create_directories(root / ".public.tmp-00000000");
  write_file(root / ".public.tmp-00000000/notes.txt", "mine");
  fs::create_directories(root / ".other.tmp-0123abcd");
  write_file(root / ".other.tmp-0123abcd" / kOutputMarker, kOutputMarkerText);
  fs::create_directories(root / ".public.tmp-xyz");
  write_file(root / ".public.tmp-xyz" / kOutputMarker, kOutputMarkerText);
  fs::create_directories(root / "elsewhere");
  write_file(root / "elsewhere" / kOutputMarker, kOutputMarkerText);
  fs::create_directory_symlink(root / "elsewhere", root / ".public.old-ffffffff");

  Publisher p;
  REQUIRE(p.begin(out).empty());
  CHECK(p.stale_removed() == 4);
  CHECK_FALSE(fs::exists(root / ".public.tmp-0123abcd"));
  CHECK_FALSE(fs::exists(root / ".public.old-89abcdef"));
  CHECK(fs::exists(root / ".public.tmp-00000000"));
  CHECK(fs::exists(root / ".other.tmp-0123abcd"));
  CHECK(fs::exists(root / ".public.tmp-xyz"));
  CHECK(fs::exists(root / "elsewhere" / kOutputMarker));

  // A temporary in use (locked by its running build) is never taken for a stale one.
  Publisher other;
  REQUIRE(other.begin(out).empty());  // same process, another temporary: fails if it were removed
  CHECK(remove_stale_temporaries(out) == 0);
  REQUIRE(p.write({"index.html", "two"}));
  REQUIRE(p.commit().empty());
  CHECK(*read_file(out / "index.html") == "two");
  other.abort();
}
