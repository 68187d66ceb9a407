// kill -9 during a build: the output is always a complete old or a complete new build, and the next
// build leaves no temporary directory of a killed one behind.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <algorithm>
#include <random>
#include <thread>
#include <unistd.h>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using fb::write_file;

namespace {
const char* kNow = "2026-11-23T00:00:00Z";

/// Starts `firebreak build --site site --out out` (output thrown away) with FIREBREAK_TEST_KILL_AT set
/// to `kill_at` when not empty. Returns the child's pid.
pid_t start_build(const fs::path& site, const fs::path& out, const std::string& kill_at = "") {
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1), ::dup2(null, 2);
    if (!kill_at.empty()) ::setenv("FIREBREAK_TEST_KILL_AT", kill_at.c_str(), 1);
    std::string s = site.string(), o = out.string();
    ::execl(FB_BINARY, FB_BINARY, "build", "--site", s.c_str(), "--out", o.c_str(), "--now", kNow, (char*)nullptr);
    ::_exit(127);
  }
  return pid;
}

/// Waits for `pid`; returns its exit status, or -signal when a signal ended it.
int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// A site of `n` runbooks whose bodies carry `version`.
fs::path write_site(const fs::path& site, int n, const std::string& version) {
  fs::create_directories(site / "content/runbooks");
  write_file(site / "site.yaml", "title: Kill test\n");
  for (int i = 0; i < n; ++i)
    write_file(site / ("content/runbooks/rb-" + std::to_string(i) + ".md"),
               "---\ntitle: Runbook " + std::to_string(i) + "\nservice: svc-" + std::to_string(i % 7) +
                   "\nowner: team-a\n---\n## Symptoms\n\n" + version + " symptom " + std::to_string(i) +
                   "\n\n## Diagnosis\n\n```bash\nuptime\n```\n\n## Mitigation\n\nrestart\n\n## Escalation\n\npage\n");
  return site;
}

/// Names beside the output that are not the output itself.
std::vector<std::string> leftovers(const fs::path& root, const std::string& keep) {
  std::vector<std::string> out;
  for (auto& e : fs::directory_iterator(root))
    if (e.path().filename() != keep && e.path().filename() != "site") out.push_back(e.path().filename().string());
  return out;
}
}  // namespace

TEST_CASE("a build killed just before or just after the swap leaves a complete output, and the next build cleans up") {
  fs::path root = fresh_temp_dir("kill-points");
  fs::path site = write_site(root / "site", 5, "old"), out = root / "public";
  REQUIRE(wait_for(start_build(site, out)) == 0);
  const auto old_build = snapshot(out);
  write_site(site, 5, "new");

  // Killed before the swap: the old output, whole.
  CHECK(wait_for(start_build(site, out, "before-swap")) == -SIGKILL);
  CHECK(snapshot(out) == old_build);
  CHECK(leftovers(root, "public").size() == 1);  // the unfinished temporary

  // Killed after the swap: the new output, whole; the old one is left beside it (and the temporary of
  // the build killed before is gone: this build removed it when it started).
  CHECK(wait_for(start_build(site, out, "after-swap")) == -SIGKILL);
  const auto after = snapshot(out);
  CHECK(after != old_build);
  CHECK(after.at("runbooks/rb-3/index.html").find("new symptom 3") != std::string::npos);
  const auto left = leftovers(root, "public");
  REQUIRE(left.size() == 1);
  CHECK(snapshot(root / left[0]) == old_build);

  // The next build removes it and says so.
  auto r = run_firebreak("build -v --site " + site.string() + " --out " + out.string() + " --now " + kNow);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("removed 1 temporary output directory left by killed builds") != std::string::npos);
  CHECK(leftovers(root, "public").empty());
  CHECK(snapshot(out) == after);
}

TEST_CASE("kill -9 at random moments of a build: always the old or the new output, whole") {
  fs::path root = fresh_temp_dir("kill-random");
  fs::path site = write_site(root / "site", 300, "old"), out = root / "public";
  REQUIRE(wait_for(start_build(site, out)) == 0);
  // How long a build takes here, with a cache and an output to replace as in the rounds below.
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(wait_for(start_build(site, out)) == 0);
  const auto build_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  const auto old_build = snapshot(out);
  write_site(site, 300, "new");
  fs::path cold_out = root / "cold";
  REQUIRE(wait_for(start_build(site, cold_out)) == 0);
  const auto new_build = snapshot(cold_out);
  fs::remove_all(cold_out);
  REQUIRE(new_build != old_build);

  // Moments spread over three times the build's time, in a shuffled order, so that kills land in every stage
  // (reading, rendering, writing the temporary, the swap, the cleanup) and some builds finish.
  constexpr int kRounds = 20;
  std::vector<long> delays;
  for (int i = 0; i < kRounds; ++i) delays.push_back(build_us * 3 * i / kRounds);
  std::shuffle(delays.begin(), delays.end(), std::mt19937(20261207));
  int killed = 0, finished = 0;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = start_build(site, out);
    std::this_thread::sleep_for(std::chrono::microseconds(delays[round]));
    ::kill(pid, SIGKILL);
    int status = wait_for(pid);
    (status == -SIGKILL ? killed : finished)++;
    const auto now = snapshot(out);
    INFO("round " << round);
    CHECK((now == old_build || now == new_build));
  }
  MESSAGE("killed " << killed << ", finished " << finished << " (a build took " << build_us / 1000 << " ms)");
  REQUIRE(wait_for(start_build(site, out)) == 0);
  CHECK(snapshot(out) == new_build);
  CHECK(leftovers(root, "public").empty());
}
