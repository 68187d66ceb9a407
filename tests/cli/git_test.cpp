// End-to-end tests of the git features: --rev builds, last-changed facts on pages and in the JSON API,
// the /changes/ page and `firebreak changes`, on repositories the tests build with libgit2.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../vcs/test_repo.h"
#include "run.h"
#include "util/fs.h"
#include "util/time.h"

namespace fs = std::filesystem;
using fbtest::Files;
using fbtest::TestRepo;
using fbtest::Who;

namespace {

const std::string kNowText = "2026-11-23T00:00:00Z";
const std::string kNow = "--now " + kNowText;
constexpr int64_t kDay = 86400;
int64_t now_epoch() { return fb::parse_timestamp(kNowText)->epoch; }

const Who kZoe{"Zoë Ångström", "zoe@example.com"};
const Who kBob{"Bob Builder", "bob@example.com"};

std::string runbook(const std::string& title, const std::string& extra = "") {
  return "---\ntitle: " + title + "\nservice: storage\nowner: team-infra\nalerts: [" + title.substr(0, 4) +
         "Alert]\n" + extra + "---\n## Symptoms\n\nx\n\n## Diagnosis\n\n```bash\ndf -h\n```\n\n## Mitigation\n\ny\n\n" +
         "## Escalation\n\nz\n";
}

/// A repository whose site lives in `kb/`, with three commits: an old one (tagged v1), a recent one
/// by a non-ASCII author, and one that removes a runbook.
struct GitSite {
  TestRepo repo;
  fs::path site;
  git_oid v1{}, v2{};
  explicit GitSite(const std::string& name) : repo("cli-" + name), site(repo.dir / "kb") {
    const int64_t now = now_epoch();
    Files f{{"kb/site.yaml", "title: Version one\nrepo_url: https://git.example.com/ops/kb\n"},
            {"kb/content/runbooks/disk-full.md", runbook("Disk full")},
            {"kb/content/runbooks/old-backup.md", runbook("Old backup")}};
    v1 = repo.commit(f, "First runbooks", now - 200 * kDay, kBob);
    repo.tag("v1", v1);
    f["kb/site.yaml"] = "title: Version two\nrepo_url: https://git.example.com/ops/kb\n";
    f["kb/content/runbooks/cache-flush.md"] = runbook("Cache flush", "last_reviewed: 2026-11-01\n");
    f["kb/content/runbooks/disk-full.md"] = runbook("Disk full") + "\nMore steps.\n";
    v2 = repo.commit(f, "Add cache runbook, extend disk", now - 3 * kDay, kZoe);
    f.erase("kb/content/runbooks/old-backup.md");
    repo.commit(f, "Retire the old backup runbook", now - 1 * kDay, kBob);
    // The work tree: what a checkout of the last commit looks like, plus uncommitted work.
    Files tree = f;
    tree["kb/content/runbooks/uncommitted.md"] = runbook("Uncommitted");
    repo.write_worktree(tree);
  }
};

std::string slurp(const fs::path& p) { return fb::read_file(p).value_or(""); }

}  // namespace

TEST_CASE("git: build --rev of a tag and of an older commit reads the object database only") {
  GitSite g("rev");
  auto before = snapshot(g.repo.dir);
  fs::path out = fresh_temp_dir("git-rev-out") / "public";
  auto r = run_firebreak("build --site " + g.site.string() + " --rev v1 --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(out / "runbooks/old-backup/index.html"));     // removed later, present in v1
  CHECK_FALSE(fs::exists(out / "runbooks/cache-flush/index.html"));  // added later
  CHECK_FALSE(fs::exists(out / "runbooks/uncommitted/index.html"));  // only in the work tree
  CHECK(slurp(out / "index.html").find("Version one") != std::string::npos);
  // History as of v1: the disk runbook was last changed by Bob, not by the later commit.
  auto api = nlohmann::json::parse(slurp(out / "api/runbooks.json"));
  for (auto& rb : api["runbooks"]) CHECK(rb["last_author"] == "Bob Builder");

  fs::path out2 = fresh_temp_dir("git-rev-out2") / "public";
  auto r2 = run_firebreak("build --site " + g.site.string() + " --rev " + fbtest::hex(g.v2).substr(0, 12) +
                          " --out " + out2.string() + " " + kNow);
  INFO(r2.output);
  REQUIRE(r2.exit_code == 0);
  CHECK(fs::exists(out2 / "runbooks/cache-flush/index.html"));
  CHECK(fs::exists(out2 / "runbooks/old-backup/index.html"));
  CHECK(slurp(out2 / "index.html").find("Version two") != std::string::npos);

  CHECK(snapshot(g.repo.dir) == before);  // work tree, .git (index, refs, objects) untouched

  auto bad = run_firebreak("build --site " + g.site.string() + " --rev no-such-tag " + kNow);
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("unknown revision") != std::string::npos);
}

TEST_CASE("git: pages and JSON carry last change, author (UTF-8), edit and history links") {
  GitSite g("pages");
  fs::path out = fresh_temp_dir("git-pages-out") / "public";
  auto r = run_firebreak("build --site " + g.site.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::string page = slurp(out / "runbooks/disk-full/index.html");
  CHECK(page.find("Last changed <time datetime=\"2026-11-20T00:00:00Z\">2026-11-20</time>") != std::string::npos);
  CHECK(page.find("Zoë Ångström") != std::string::npos);
  CHECK(page.find("2 changes by 2 contributors") != std::string::npos);
  CHECK(page.find("https://git.example.com/ops/kb/edit/main/kb/content/runbooks/disk-full.md") != std::string::npos);
  CHECK(page.find("https://git.example.com/ops/kb/commits/main/kb/content/runbooks/disk-full.md") !=
        std::string::npos);
  CHECK(page.find("https://git.example.com/ops/kb/commit/" + fbtest::hex(g.v2)) != std::string::npos);

  auto api = nlohmann::json::parse(slurp(out / "api/runbooks.json"));
  bool seen = false;
  for (auto& rb : api["runbooks"]) {
    if (rb["id"] != "disk-full") continue;
    seen = true;
    CHECK(rb["last_author"] == "Zoë Ångström");
    CHECK(rb["last_changed"] == "2026-11-20T00:00:00Z");
    CHECK(rb["changes"] == 2);
    CHECK(rb["contributors"] == 2);
    CHECK(rb["last_commit"] == fbtest::hex(g.v2));
    CHECK(rb["edit_url"] == "https://git.example.com/ops/kb/edit/main/kb/content/runbooks/disk-full.md");
    // Never reviewed: staleness counts from the last change (3 days ago, 180-day default policy).
    CHECK(rb["review_state"] == "ok");
  }
  CHECK(seen);
  CHECK(slurp(out / "api/runbooks.json").find("\\u00") == std::string::npos);  // UTF-8, not escaped
}

TEST_CASE("git: review staleness falls back to the last change") {
  TestRepo repo("cli-stale");
  const int64_t now = now_epoch();
  repo.commit({{"site.yaml", "title: x\nrunbooks:\n  review_every: 90d\n"},
               {"content/runbooks/stale.md", runbook("Stale")},
               {"content/runbooks/reviewed.md", runbook("Reviewed", "last_reviewed: 2026-11-01\n")}},
              "Add", now - 200 * kDay);
  repo.write_worktree({{"site.yaml", "title: x\nrunbooks:\n  review_every: 90d\n"},
                       {"content/runbooks/stale.md", runbook("Stale")},
                       {"content/runbooks/reviewed.md", runbook("Reviewed", "last_reviewed: 2026-11-01\n")}});
  fs::path out = fresh_temp_dir("git-stale-out") / "public";
  auto r = run_firebreak("build --site " + repo.dir.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto api = nlohmann::json::parse(slurp(out / "api/runbooks.json"));
  for (auto& rb : api["runbooks"]) {
    if (rb["id"] == "stale") {
      CHECK(rb["review_state"] == "overdue");  // changed 200 days ago, never reviewed, 90-day policy
      CHECK(rb["review_due"] == fb::format_date(now - 110 * kDay));
    } else {
      CHECK(rb["review_state"] == "ok");  // last_reviewed wins over the (older) last change
    }
  }
  CHECK(slurp(out / "runbooks/stale/index.html").find("review overdue by 110 days (from last change)") != std::string::npos);
}

TEST_CASE("git: the /changes/ page and `firebreak changes` list the last days, removals included") {
  GitSite g("changes");
  fs::path out = fresh_temp_dir("git-changes-out") / "public";
  auto r = run_firebreak("build --site " + g.site.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::string page = slurp(out / "changes/index.html");
  CHECK(page.find("Removed") != std::string::npos);
  CHECK(page.find("content/runbooks/old-backup.md") != std::string::npos);
  CHECK(page.find("Retire the old backup runbook") != std::string::npos);
  CHECK(page.find("<a href=\"../runbooks/cache-flush/index.html\">Cache flush</a>") != std::string::npos);
  CHECK(page.find("First runbooks") == std::string::npos);  // 200 days old: outside the 7-day window
  CHECK(page.find("1 added") != std::string::npos);
  CHECK(page.find("1 changed") != std::string::npos);
  CHECK(page.find("1 removed") != std::string::npos);
  CHECK(page.find("id=\"day-2026-11-22\"") < page.find("id=\"day-2026-11-20\""));  // newest day first

  auto json = run_firebreak("changes --site " + g.site.string() + " --format json -q " + kNow);
  REQUIRE(json.exit_code == 0);
  auto j = nlohmann::json::parse(json.output);
  REQUIRE(j["count"] == 3);
  CHECK(j["changes"][0]["change"] == "deleted");
  CHECK(j["changes"][0]["path"] == "content/runbooks/old-backup.md");
  CHECK(j["changes"][0]["title"].is_null());
  CHECK(j["changes"][1]["author"] == "Zoë Ångström");

  auto narrow = run_firebreak("changes --site " + g.site.string() + " --since 2d --format json -q " + kNow);
  CHECK(nlohmann::json::parse(narrow.output)["count"] == 1);
  auto wide = run_firebreak("changes --site " + g.site.string() + " --since 2026-01-01 -q " + kNow);
  CHECK(wide.output.find("First runbooks") != std::string::npos);
  CHECK(wide.output.find("Removed") != std::string::npos);
  auto bad = run_firebreak("changes --site " + g.site.string() + " --since yesterday " + kNow);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("git: outside a repository the build says so and /changes/ explains") {
  fs::path site = fresh_temp_dir("git-norepo");
  fb::write_file(site / "site.yaml", "title: No git\n");
  fb::write_file(site / "content/runbooks/a.md", runbook("Alpha"));
  fs::path out = site.parent_path() / "fb-cli-test-git-norepo-out";
  fs::remove_all(out);
  auto r = run_firebreak("build --site " + site.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("info[FB801]") != std::string::npos);
  CHECK(slurp(out / "changes/index.html").find("not built from a git repository") != std::string::npos);
  CHECK(slurp(out / "runbooks/a/index.html").find("Last changed") == std::string::npos);
  auto rev = run_firebreak("build --site " + site.string() + " --rev HEAD " + kNow);
  CHECK(rev.exit_code == 2);
  CHECK(rev.output.find("not inside a git repository") != std::string::npos);
}

TEST_CASE("git: --rev works for every command that loads the site (check of an older, broken commit)") {
  TestRepo repo("cli-check-rev");
  const int64_t now = now_epoch();
  Files broken{{"site.yaml", "title: x\n"}, {"content/runbooks/a.md", "---\ntitle: [oops\n---\nbody\n"}};
  git_oid bad = repo.commit(broken, "Broken front matter", now - 2 * kDay);
  Files fixed{{"site.yaml", "title: x\n"}, {"content/runbooks/a.md", runbook("Alpha")}};
  repo.commit(fixed, "Fix front matter", now - kDay);
  repo.write_worktree(fixed);
  auto head = run_firebreak("check --site " + repo.dir.string() + " " + kNow);
  INFO(head.output);
  CHECK(head.exit_code == 0);
  auto old = run_firebreak("check --site " + repo.dir.string() + " --rev " + fbtest::hex(bad) + " " + kNow);
  INFO(old.output);
  CHECK(old.exit_code == 1);
  CHECK(old.output.find("content/runbooks/a.md:") != std::string::npos);
  CHECK(old.output.find("error[FB503]") != std::string::npos);
}
