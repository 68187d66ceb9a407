#include <doctest/doctest.h>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using fb::read_file;
using fb::write_file;

namespace {
const std::string kNow = "--now 2026-11-23T00:00:00Z";
}  // namespace

TEST_CASE("the example site builds with zero errors and zero warnings") {
  fs::path out = fresh_temp_dir("example-out") / "public";
  auto r = run_firebreak("build --site " FB_SOURCE_DIR " --out " + out.string() + " " + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("0 errors, 0 warnings") != std::string::npos);
  CHECK(fs::exists(out / "index.html"));
  CHECK(fs::exists(out / "runbooks/index.html"));
  CHECK(fs::exists(out / "postmortems/index.html"));
  // site.yaml's alert_rules (alerts/rules.yaml): every alert has a runbook that claims it.
  auto alerts = read_file(out / "alerts/index.html");
  REQUIRE(alerts);
  CHECK(alerts->find("25 of 25 alerts have a runbook") != std::string::npos);
}

TEST_CASE("two builds of the same input are byte-identical") {
  fs::path a = fresh_temp_dir("det-a") / "public", b = fresh_temp_dir("det-b") / "public";
  auto ra = run_firebreak("build -q --site " FB_SOURCE_DIR " --out " + a.string() + " " + kNow);
  auto rb = run_firebreak("build -q --site " FB_SOURCE_DIR " --out " + b.string() + " " + kNow);
  REQUIRE(ra.exit_code == 0);
  REQUIRE(rb.exit_code == 0);
  auto sa = snapshot(a), sb = snapshot(b);
  CHECK(sa.size() == sb.size());
  for (auto& [path, bytes] : sa) {
    INFO(path);
    CHECK(sb[path] == bytes);
  }
}

TEST_CASE("content errors: every file reported with path:line:col, exit 1, previous output untouched") {
  fs::path site = make_site("errors");
  fs::path out = site.parent_path() / "fb-cli-test-errors-out";
  fs::remove_all(out);
  auto first = run_firebreak("build --site " + site.string() + " --out " + out.string() + " " + kNow);
  REQUIRE_MESSAGE(first.exit_code == 0, first.output);
  auto before = snapshot(out);

  write_file(site / "content/runbooks/broken-yaml.md", "---\ntitle: [oops\n---\nbody\n");
  write_file(site / "content/postmortems/bad-severity.md", "---\ntitle: x\nseverity: SEV9\n---\n");
  write_file(site / "content/runbooks/latin1.md", "# Caf\xe9\n");
  auto r = run_firebreak("build --site " + site.string() + " --out " + out.string() + " " + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("content/runbooks/broken-yaml.md:2:8: error[FB503]: front matter is not valid YAML: while parsing a flow sequence") != std::string::npos);
  CHECK(r.output.find("content/postmortems/bad-severity.md:3:11: error[FB201]: unknown severity `SEV9`") != std::string::npos);
  CHECK(r.output.find("content/runbooks/latin1.md:1:6: error[FB502]") != std::string::npos);
  CHECK(r.output.find("hint:") != std::string::npos);
  CHECK(r.output.find("Not published") != std::string::npos);
  CHECK(snapshot(out) == before);
  // The user's files are untouched.
  CHECK(*read_file(site / "content/runbooks/broken-yaml.md") == "---\ntitle: [oops\n---\nbody\n");
}

TEST_CASE("an unreadable file is reported and the others are still processed") {
  fs::path site = make_site("unreadable");
  // A dangling symlink cannot be read by anyone, root included.
  fs::create_symlink(site / "nowhere.md", site / "content/runbooks/dangling.md");
  write_file(site / "content/runbooks/also-bad.md", "---\nseverity: nope\n---\n");
  auto b = run_firebreak("build --site " + site.string() + " --out " + (site / "public").string() + " " + kNow);
  INFO(b.output);
  CHECK(b.exit_code == 1);
  CHECK(b.output.find("content/runbooks/dangling.md: error[FB501]: cannot read file") != std::string::npos);
  CHECK(b.output.find("also-bad.md:2:11: error[FB201]") != std::string::npos);
  CHECK_FALSE(fs::exists(site / "public"));
}

TEST_CASE("a content folder that cannot be read is FB507, never skipped in silence") {
  fs::path site = make_site("unreadable-folder");
  fs::create_directories(site / "content/runbooks/locked");
  write_file(site / "content/runbooks/locked/hidden.md", "---\ntitle: Hidden\n---\n");
  fs::permissions(site / "content/runbooks/locked", fs::perms::none);
  // Root reads every folder: run as nobody then (the site is world-readable, `check` writes nothing).
  const std::string as_user = ::geteuid() == 0 ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  auto as = run_firebreak_as(as_user, "check --no-cache --site " + site.string() + " " + kNow);
  fs::permissions(site / "content/runbooks/locked", fs::perms::owner_all);
  INFO(as.output);
  CHECK(as.exit_code == 1);
  CHECK(as.output.find("content/runbooks/locked: error[FB507]: folder cannot be read") != std::string::npos);
  CHECK(as.output.find("chmod a+rx content/runbooks/locked") != std::string::npos);
  CHECK(as.output.find("Checked 1 runbooks") != std::string::npos);  // the readable one still checked
}

TEST_CASE("configuration and usage errors exit 2") {
  fs::path site = make_site("config");
  write_file(site / "site.yaml", "title: x\nseverites: []\n");
  auto r = run_firebreak("build --site " + site.string() + " " + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("site.yaml:2:1: error[FB001]: unknown key `severites`") != std::string::npos);
  CHECK(r.output.find("Did you mean `severities`?") != std::string::npos);
  auto bad_now = run_firebreak("build --site " + site.string() + " --now yesterday");
  CHECK(bad_now.exit_code == 2);
  CHECK(run_firebreak("no-such-command").exit_code == 2);
  CHECK(run_firebreak("build --no-such-option").exit_code == 2);
}

TEST_CASE("unsafe output directories are refused and left alone") {
  fs::path site = make_site("unsafe");
  auto root = run_firebreak("build --site " + site.string() + " --out " + site.string() + " " + kNow);
  CHECK(root.exit_code == 2);
  CHECK(fs::exists(site / "content/runbooks/disk-full.md"));
  fs::path mine = site.parent_path() / "fb-cli-test-unsafe-mine";
  fs::remove_all(mine);
  write_file(mine / "notes.txt", "mine");
  auto r = run_firebreak("build --site " + site.string() + " --out " + mine.string() + " " + kNow);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--out: error[FB007]: output directory") != std::string::npos);
  CHECK(r.output.find("not made by firebreak") != std::string::npos);
  CHECK(r.output.find("hint: A build replaces its output whole") != std::string::npos);
  CHECK(*read_file(mine / "notes.txt") == "mine");
  // Chosen by site.yaml: reported at output_dir's value.
  write_file(site / "site.yaml", "title: Test KB\noutput_dir: .\n");
  auto cfg = run_firebreak("build --site " + site.string() + " " + kNow);
  INFO(cfg.output);
  CHECK(cfg.exit_code == 2);
  CHECK(cfg.output.find("site.yaml:2:13: error[FB007]: output directory") != std::string::npos);
  CHECK(cfg.output.find("is the site root") != std::string::npos);
  CHECK(cfg.output.find("hint: Publish into a folder of its own") != std::string::npos);
  // check publishes nothing: the output folder is not its concern.
  CHECK(run_firebreak("check --site " + site.string() + " " + kNow).exit_code == 0);
}

TEST_CASE("a <script> in front matter renders inert") {
  fs::path site = make_site("escape");
  write_file(site / "content/runbooks/xss.md",
             "---\ntitle: \"<script>alert(1)</script> in title\"\nservice: \"<img src=x onerror=alert(2)>\"\n"
             "owner: team\n---\n## Symptoms\n\n<script>alert(3)</script>\n");
  fs::path out = site / "public";
  auto r = run_firebreak("build --site " + site.string() + " --out " + out.string() + " " + kNow);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  auto page = read_file(out / "runbooks/xss/index.html");
  REQUIRE(page);
  CHECK(page->find("<script>alert(") == std::string::npos);
  CHECK(page->find("<img src=x") == std::string::npos);
  CHECK(page->find("&lt;script&gt;alert(1)&lt;/script&gt; in title") != std::string::npos);
}

TEST_CASE("firebreak new writes a scaffold and never overwrites") {
  fs::path site = make_site("new");
  auto r = run_firebreak("new runbook db-failover --site " + site.string() + " " + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(site / "content/runbooks/db-failover.md"));
  auto again = run_firebreak("new runbook db-failover --site " + site.string() + " " + kNow);
  CHECK(again.exit_code == 1);
  CHECK(again.output.find("already exists") != std::string::npos);
  auto built = run_firebreak("build --site " + site.string() + " " + kNow);
  CHECK_MESSAGE(built.exit_code == 0, built.output);
}
