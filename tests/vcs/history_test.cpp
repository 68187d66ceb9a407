#include <doctest/doctest.h>

#include <algorithm>

#include "test_repo.h"
#include "vcs/history.h"

using namespace fbtest;
using fb::ChangeKind;
using fb::read_history;

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kT0 = 1700000000;  // 2023-11-14

const Who kAlice{"Alice Example", "alice@example.com"};
const Who kBob{"Bob Builder", "bob@example.com"};

bool has_code(const fb::Diagnostics& d, const std::string& code) {
  return std::any_of(d.items.begin(), d.items.end(), [&](const fb::Diagnostic& x) { return x.code == code; });
}

const fb::ChangeEvent* find_event(const fb::SiteHistory& h, ChangeKind kind, const std::string& path) {
  for (const auto& e : h.events)
    if (e.kind == kind && e.path == path) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("history: creation, last change, change count and contributors in one walk") {
  TestRepo r("linear");
  Files f{{"site.yaml", "title: x\n"}, {"content/runbooks/db.md", runbook_text("DB")}};
  r.commit(f, "Add db runbook", kT0, kAlice);
  f["content/runbooks/db.md"] = runbook_text("DB", 1);
  f["content/postmortems/2024-01-01-outage.md"] = "---\ntitle: Outage\n---\n";
  r.commit(f, "Tune db runbook\n\nLonger body.", kT0 + kDay, kBob);
  f["content/runbooks/db.md"] = runbook_text("DB", 2);
  f["README.md"] = "not content\n";
  git_oid last = r.commit(f, "Fix typo", kT0 + 2 * kDay, {"Alice Example", "ALICE@example.com"});

  fb::SiteHistory h = read_history(r.dir, {});
  REQUIRE(h.in_repository);
  CHECK(h.diags.items.empty());
  const fb::FileHistory* db = h.find("content/runbooks/db.md");
  REQUIRE(db);
  CHECK(db->created == kT0);
  CHECK(db->last_changed == kT0 + 2 * kDay);
  CHECK(db->last_commit == hex(last));
  CHECK(db->last_subject == "Fix typo");
  CHECK(db->last_author == "Alice Example");
  CHECK(db->changes == 3);
  CHECK(db->contributors == 2);  // e-mails compare case-insensitively
  const fb::FileHistory* pm = h.find("content/postmortems/2024-01-01-outage.md");
  REQUIRE(pm);
  CHECK(pm->changes == 1);
  CHECK(pm->last_subject == "Tune db runbook");
  CHECK(h.find("README.md") == nullptr);
  CHECK(h.find("site.yaml") == nullptr);
  REQUIRE(h.events.size() == 4);
  CHECK(h.events.front().date == kT0 + 2 * kDay);  // newest first
  CHECK(h.events.back().kind == ChangeKind::Added);
  CHECK(h.changes_since(kT0 + kDay).size() == 3);  // the two later commits' three events
  CHECK(h.changes_since(kT0 + 3 * kDay).empty());
}

TEST_CASE("history: renames are followed, exact and by similarity") {
  TestRepo r("renames");
  r.commit({{"content/runbooks/a.md", runbook_text("A")}}, "Add a", kT0, kAlice);
  r.commit({{"content/runbooks/a.md", runbook_text("A", 1)}}, "Edit a", kT0 + kDay, kBob);
  r.commit({{"content/runbooks/b.md", runbook_text("A", 1)}}, "Rename a to b", kT0 + 2 * kDay, kAlice);
  r.commit({{"content/runbooks/db/c.md", runbook_text("A", 2)}}, "Move and edit", kT0 + 3 * kDay, kAlice);

  fb::SiteHistory h = read_history(r.dir, {});
  const fb::FileHistory* c = h.find("content/runbooks/db/c.md");
  REQUIRE(c);
  CHECK(c->changes == 4);
  CHECK(c->created == kT0);
  CHECK(c->contributors == 2);
  CHECK(h.find("content/runbooks/a.md") == nullptr);
  CHECK(h.find("content/runbooks/b.md") == nullptr);
  const fb::ChangeEvent* exact = find_event(h, ChangeKind::Renamed, "content/runbooks/b.md");
  REQUIRE(exact);
  CHECK(exact->old_path == "content/runbooks/a.md");
  CHECK(exact->current == "content/runbooks/db/c.md");
  const fb::ChangeEvent* similar = find_event(h, ChangeKind::Renamed, "content/runbooks/db/c.md");
  REQUIRE(similar);
  CHECK(similar->old_path == "content/runbooks/b.md");
  const fb::ChangeEvent* first = find_event(h, ChangeKind::Added, "content/runbooks/a.md");
  REQUIRE(first);
  CHECK(first->current == "content/runbooks/db/c.md");
}

TEST_CASE("history: deletions appear as events and leave no file history") {
  TestRepo r("deletions");
  r.commit({{"content/runbooks/old.md", runbook_text("Old")}, {"content/runbooks/keep.md", "# Keep\n"}},
           "Add two", kT0, kAlice);
  git_oid del = r.commit({{"content/runbooks/keep.md", "# Keep\n"}}, "Retire old runbook", kT0 + kDay, kBob);
  fb::SiteHistory h = read_history(r.dir, {});
  const fb::ChangeEvent* e = find_event(h, ChangeKind::Deleted, "content/runbooks/old.md");
  REQUIRE(e);
  CHECK(e->commit == hex(del));
  CHECK(e->author == "Bob Builder");
  CHECK(e->subject == "Retire old runbook");
  CHECK(e->current.empty());
  CHECK(h.find("content/runbooks/old.md") == nullptr);
  REQUIRE(h.find("content/runbooks/keep.md"));
  CHECK(h.find("content/runbooks/keep.md")->changes == 1);
}

TEST_CASE("history: a file deleted and added again starts a new history") {
  TestRepo r("readd");
  r.commit({{"content/runbooks/x.md", "# X v1\n"}}, "Add x", kT0, kAlice);
  r.commit({{"content/runbooks/y.md", "# Y\n"}}, "Drop x", kT0 + kDay, kAlice);
  r.commit({{"content/runbooks/x.md", "# X v2\n"}, {"content/runbooks/y.md", "# Y\n"}}, "New x", kT0 + 2 * kDay,
           kBob);
  fb::SiteHistory h = read_history(r.dir, {});
  const fb::FileHistory* x = h.find("content/runbooks/x.md");
  REQUIRE(x);
  CHECK(x->created == kT0 + 2 * kDay);
  CHECK(x->changes == 1);
  CHECK(x->contributors == 1);
}

TEST_CASE("history: a merge that takes one side unchanged is not a change, the side's commits are") {
  TestRepo r("merges");
  Files base{{"content/runbooks/f.md", runbook_text("F")}, {"content/runbooks/g.md", "# G\n"}};
  git_oid b0 = r.commit(base, "Base", kT0, kAlice);
  Files side = base;
  side["content/runbooks/f.md"] = runbook_text("F", 1);
  git_oid s1 = r.commit(side, "Side edits f", kT0 + kDay, kBob, {b0}, "refs/heads/side");
  Files main = base;
  main["content/runbooks/g.md"] = "# G v2\n";
  git_oid m1 = r.commit(main, "Main edits g", kT0 + 2 * kDay, kAlice, {b0});
  Files merged = main;
  merged["content/runbooks/f.md"] = runbook_text("F", 1);
  r.commit(merged, "Merge side", kT0 + 3 * kDay, kAlice, {m1, s1});

  fb::SiteHistory h = read_history(r.dir, {});
  REQUIRE(h.in_repository);
  CHECK(h.commits_walked == 4);
  const fb::FileHistory* f = h.find("content/runbooks/f.md");
  REQUIRE(f);
  CHECK(f->changes == 2);  // base + side commit, not the merge
  CHECK(f->last_commit == hex(s1));
  CHECK(f->last_author == "Bob Builder");
  const fb::FileHistory* g = h.find("content/runbooks/g.md");
  REQUIRE(g);
  CHECK(g->changes == 2);
  CHECK(g->last_commit == hex(m1));
  for (const auto& e : h.events) CHECK(e.subject != "Merge side");
}

TEST_CASE("history: a merge that changes a file beyond both sides (conflict resolution) counts") {
  TestRepo r("evil-merge");
  git_oid b0 = r.commit({{"content/runbooks/f.md", "# F\n"}}, "Base", kT0, kAlice);
  git_oid s1 = r.commit({{"content/runbooks/f.md", "# F side\n"}}, "Side", kT0 + kDay, kBob, {b0}, "");
  git_oid m1 = r.commit({{"content/runbooks/f.md", "# F main\n"}}, "Main", kT0 + 2 * kDay, kAlice, {b0});
  git_oid m = r.commit({{"content/runbooks/f.md", "# F resolved\n"}}, "Merge with resolution", kT0 + 3 * kDay,
                       kAlice, {m1, s1});
  fb::SiteHistory h = read_history(r.dir, {});
  const fb::FileHistory* f = h.find("content/runbooks/f.md");
  REQUIRE(f);
  CHECK(f->changes == 4);
  CHECK(f->last_commit == hex(m));
  CHECK(f->contributors == 2);
}

TEST_CASE("history: a rename made on a side branch is followed through the merge") {
  TestRepo r("merge-rename");
  git_oid b0 = r.commit({{"content/runbooks/old.md", runbook_text("R")}}, "Base", kT0, kAlice);
  git_oid m1 = r.commit({{"content/runbooks/old.md", runbook_text("R", 1)}}, "Main edit", kT0 + kDay, kAlice, {b0});
  git_oid s1 = r.commit({{"content/runbooks/new.md", runbook_text("R")}}, "Side rename", kT0 + 2 * kDay, kBob,
                        {b0}, "");
  r.commit({{"content/runbooks/new.md", runbook_text("R", 1)}}, "Merge", kT0 + 3 * kDay, kAlice, {m1, s1});
  fb::SiteHistory h = read_history(r.dir, {});
  const fb::FileHistory* f = h.find("content/runbooks/new.md");
  REQUIRE(f);
  // base add, main edit (under the old name), side rename, and the merge itself: new.md differs from
  // both parents there (renamed vs main, edited vs side), exactly what `git log -- new.md` shows.
  CHECK(f->changes == 4);
  CHECK(f->created == kT0);
  CHECK(f->contributors == 2);
}

TEST_CASE("history: not in a repository is an info, not an error") {
  auto dir = std::filesystem::temp_directory_path() / "fb-vcs-test-norepo";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "content/runbooks");
  fb::SiteHistory h = read_history(dir, {});
  CHECK_FALSE(h.in_repository);
  CHECK(h.files.empty());
  REQUIRE(h.diags.items.size() == 1);
  CHECK(h.diags.items[0].code == "FB801");
  CHECK(h.diags.items[0].level == fb::Level::Info);
}

TEST_CASE("history: a repository without commits is an info") {
  TestRepo r("unborn");
  fb::SiteHistory h = read_history(r.dir, {});
  CHECK_FALSE(h.in_repository);
  CHECK(has_code(h.diags, "FB801"));
}

TEST_CASE("history: detached HEAD walks from the detached commit") {
  TestRepo r("detached");
  git_oid c1 = r.commit({{"content/runbooks/a.md", "# A\n"}}, "One", kT0, kAlice);
  r.commit({{"content/runbooks/a.md", "# A2\n"}, {"content/runbooks/b.md", "# B\n"}}, "Two", kT0 + kDay, kBob);
  r.detach(c1);
  fb::SiteHistory h = read_history(r.dir, {});
  REQUIRE(h.in_repository);
  CHECK(h.start_commit == hex(c1));
  REQUIRE(h.find("content/runbooks/a.md"));
  CHECK(h.find("content/runbooks/a.md")->changes == 1);
  CHECK(h.find("content/runbooks/b.md") == nullptr);
}

TEST_CASE("history: from an explicit revision (a tag)") {
  TestRepo r("rev");
  git_oid c1 = r.commit({{"content/runbooks/a.md", "# A\n"}}, "One", kT0, kAlice);
  r.tag("v1", c1);
  r.commit({{"content/runbooks/a.md", "# A2\n"}}, "Two", kT0 + kDay, kBob);
  fb::HistoryOptions o;
  o.rev = "v1";
  fb::SiteHistory h = read_history(r.dir, o);
  REQUIRE(h.find("content/runbooks/a.md"));
  CHECK(h.find("content/runbooks/a.md")->last_author == "Alice Example");
  o.rev = "no-such-tag";
  fb::SiteHistory bad = read_history(r.dir, o);
  CHECK_FALSE(bad.in_repository);
  CHECK(has_code(bad.diags, "FB804"));
}

TEST_CASE("history: max_commits bounds the walk and says so") {
  TestRepo r("bounded");
  for (int i = 0; i < 5; ++i)
    r.commit({{"content/runbooks/a.md", "# A " + std::to_string(i) + "\n"}}, "Edit", kT0 + i * kDay, kAlice);
  fb::HistoryOptions o;
  o.max_commits = 3;
  fb::SiteHistory h = read_history(r.dir, o);
  CHECK(h.truncated);
  CHECK(h.commits_walked == 3);
  CHECK(has_code(h.diags, "FB803"));
  REQUIRE(h.find("content/runbooks/a.md"));
  CHECK(h.find("content/runbooks/a.md")->changes == 3);
  CHECK_FALSE(h.find("content/runbooks/a.md")->created);  // the add is beyond the bound
  o.max_commits = 0;
  CHECK_FALSE(read_history(r.dir, o).in_repository);  // 0 turns history off
}

TEST_CASE("history: a site in a subdirectory of the repository uses site-relative paths") {
  TestRepo r("prefix");
  r.commit({{"docs/kb/site.yaml", "title: x\n"}, {"docs/kb/content/runbooks/a.md", "# A\n"},
            {"content/runbooks/outside.md", "# not this site\n"}},
           "Add", kT0, kAlice);
  std::filesystem::create_directories(r.dir / "docs/kb");
  fb::SiteHistory h = read_history(r.dir / "docs/kb", {});
  CHECK(h.prefix == "docs/kb/");
  REQUIRE(h.files.size() == 1);
  CHECK(h.files.begin()->first == "content/runbooks/a.md");
}

TEST_CASE("history: only content paths selected by is_content are tracked") {
  TestRepo r("filter");
  r.commit({{"content/runbooks/a.md", "# A\n"}, {"content/runbooks/diagram.png", "PNG"}}, "Add", kT0, kAlice);
  fb::HistoryOptions o;
  o.is_content = [](const std::string& p) { return p.size() > 3 && p.compare(p.size() - 3, 3, ".md") == 0; };
  fb::SiteHistory h = read_history(r.dir, o);
  CHECK(h.files.size() == 1);
  CHECK(h.events.size() == 1);
}

TEST_CASE("history: non-ASCII author names stay UTF-8, invalid bytes are replaced") {
  TestRepo r("utf8");
  r.commit({{"content/runbooks/a.md", "# A\n"}}, "Ajoute la procédure", kT0, {"Zoë Ångström-Ñúñez", "zoe@example.com"});
  r.commit({{"content/runbooks/a.md", "# A2\n"}}, "Edit", kT0 + kDay, {"Caf\xe9 Latin1", "cafe@example.com"});
  fb::SiteHistory h = read_history(r.dir, {});
  REQUIRE(h.events.size() == 2);
  CHECK(h.events[1].author == "Zoë Ångström-Ñúñez");
  CHECK(h.events[1].subject == "Ajoute la procédure");
  CHECK(h.events[0].author == "Caf\xEF\xBF\xBD Latin1");
}

TEST_CASE("history: a shallow clone stops at its boundary and says so") {
  if (!have_git_cli()) {
    MESSAGE("git command-line tool not installed: shallow clone test skipped");
    return;
  }
  TestRepo r("shallow-src");
  r.commit({{"content/runbooks/a.md", "# A\n"}}, "One", kT0, kAlice);
  r.commit({{"content/runbooks/a.md", "# A2\n"}}, "Two", kT0 + kDay, kBob);
  r.commit({{"content/runbooks/a.md", "# A3\n"}, {"content/runbooks/b.md", "# B\n"}}, "Three", kT0 + 2 * kDay, kBob);
  auto clone = std::filesystem::temp_directory_path() / "fb-vcs-test-shallow-clone";
  std::filesystem::remove_all(clone);
  std::string cmd = "git clone -q --depth 2 file://" + r.dir.string() + " " + clone.string() + " 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  fb::SiteHistory h = read_history(clone, {});
  REQUIRE(h.in_repository);
  CHECK(h.shallow);
  CHECK(has_code(h.diags, "FB802"));
  CHECK(h.commits_walked == 2);
  const fb::FileHistory* a = h.find("content/runbooks/a.md");
  REQUIRE(a);
  CHECK(a->changes == 1);  // "Three"; "Two" is the boundary and contributes nothing
  CHECK(a->last_subject == "Three");
  CHECK_FALSE(a->created);
  REQUIRE(h.find("content/runbooks/b.md"));
  CHECK(h.find("content/runbooks/b.md")->created == kT0 + 2 * kDay);

  std::filesystem::remove_all(clone);
  cmd = "git clone -q --depth 1 file://" + r.dir.string() + " " + clone.string() + " 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  fb::SiteHistory one = read_history(clone, {});
  CHECK(one.in_repository);
  CHECK(one.commits_walked == 1);
  CHECK(one.files.empty());
  CHECK(one.diags.count(fb::Level::Error) == 0);
  CHECK(one.diags.count(fb::Level::Warning) == 0);
}
