#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "test_repo.h"
#include "vcs/revision.h"

using namespace fbtest;

namespace {

constexpr int64_t kT0 = 1700000000;

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    out[fs::relative(e.path(), dir).generic_string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return out;
}

const std::vector<std::string> kDirs = {"content/runbooks", "content/postmortems"};

bool is_md(const std::string& p) { return p.size() > 3 && p.compare(p.size() - 3, 3, ".md") == 0; }

}  // namespace

TEST_CASE("revision: a tag and an older commit are read from the object database") {
  TestRepo r("revision");
  Files v1{{"site.yaml", "title: Version one\n"}, {"content/runbooks/a.md", "# A v1\n"}};
  git_oid c1 = r.commit(v1, "One", kT0);
  r.tag("v1.0", c1);
  Files v2{{"site.yaml", "title: Version two\n"},
           {"content/runbooks/a.md", "# A v2\n"},
           {"content/runbooks/later.md", "# Later\n"},
           {"content/postmortems/p.md", "# P\n"}};
  git_oid c2 = r.commit(v2, "Two", kT0 + 100);
  r.commit({{"site.yaml", "title: Three\n"}}, "Three: everything removed", kT0 + 200);
  // The work tree holds something else entirely, plus a stale index file we must not touch.
  r.write_worktree({{"site.yaml", "title: Work tree\n"}, {"content/runbooks/wip.md", "# WIP\n"}});
  auto before = snapshot(r.dir);

  fb::SiteRevision tag = fb::read_revision(r.dir, "v1.0", kDirs, is_md);
  REQUIRE_MESSAGE(tag.ok, tag.error);
  CHECK(tag.commit == hex(c1));
  REQUIRE(tag.site_yaml);
  CHECK(*tag.site_yaml == "title: Version one\n");
  REQUIRE(tag.files.size() == 1);
  CHECK(tag.files[0].path == "content/runbooks/a.md");
  CHECK(tag.files[0].bytes == "# A v1\n");

  fb::SiteRevision older = fb::read_revision(r.dir, hex(c2).substr(0, 10), kDirs, is_md);
  REQUIRE_MESSAGE(older.ok, older.error);
  REQUIRE(older.files.size() == 3);
  CHECK(older.files[0].path == "content/postmortems/p.md");
  CHECK(older.files[1].bytes == "# A v2\n");
  CHECK(older.files[2].path == "content/runbooks/later.md");

  fb::SiteRevision head = fb::read_revision(r.dir, "HEAD", kDirs, is_md);
  REQUIRE(head.ok);
  CHECK(head.files.empty());

  CHECK(snapshot(r.dir) == before);  // work tree (and .git/index, if any) untouched
  CHECK_FALSE(fs::exists(r.dir / ".git/index"));
}

TEST_CASE("revision: unknown revisions, missing site directories and no repository are errors") {
  TestRepo r("revision-errors");
  r.commit({{"kb/site.yaml", "title: x\n"}}, "One", kT0);
  fb::SiteRevision bad = fb::read_revision(r.dir, "nope", kDirs, nullptr);
  CHECK_FALSE(bad.ok);
  CHECK(bad.error.find("unknown revision") != std::string::npos);

  fs::create_directories(r.dir / "other");
  fb::SiteRevision missing = fb::read_revision(r.dir / "other", "HEAD", kDirs, nullptr);
  CHECK_FALSE(missing.ok);
  CHECK(missing.error.find("'other' does not exist") != std::string::npos);

  fs::create_directories(r.dir / "kb");
  fb::SiteRevision sub = fb::read_revision(r.dir / "kb", "HEAD", kDirs, nullptr);
  REQUIRE(sub.ok);
  CHECK(sub.site_yaml == std::optional<std::string>("title: x\n"));

  auto plain = fs::temp_directory_path() / "fb-vcs-test-plain";
  fs::remove_all(plain);
  fs::create_directories(plain);
  fb::SiteRevision none = fb::read_revision(plain, "HEAD", kDirs, nullptr);
  CHECK_FALSE(none.ok);
  CHECK(none.error.find("not inside a git repository") != std::string::npos);
}

TEST_CASE("revision: symlinks and non-content files are skipped, nested folders are read") {
  TestRepo r("revision-filter");
  r.commit({{"content/runbooks/team/deep/x.md", "# X\n"}, {"content/runbooks/img.png", "PNG"}}, "One", kT0);
  fb::SiteRevision rev = fb::read_revision(r.dir, "main", kDirs, is_md);
  REQUIRE(rev.ok);
  REQUIRE(rev.files.size() == 1);
  CHECK(rev.files[0].path == "content/runbooks/team/deep/x.md");
  CHECK_FALSE(rev.site_yaml);
}
