#pragma once
// Runs the firebreak binary for end-to-end tests.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <filesystem>
#include <string>
#include <sys/wait.h>

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// Runs the shell command `cmd`, stdout and stderr together.
inline RunResult run_shell(const std::string& cmd) {
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// Runs `firebreak args` (from `cwd` when given), stdout and stderr together.
inline RunResult run_firebreak(const std::string& args, const std::string& cwd = "") {
  return run_shell((cwd.empty() ? std::string() : "cd '" + cwd + "' && ") + "NO_COLOR=1 " + FB_BINARY + " " + args +
                   " 2>&1");
}

/// Runs `firebreak args` behind the command prefix `runner` (e.g. a setpriv that drops root).
inline RunResult run_firebreak_as(const std::string& runner, const std::string& args) {
  return run_shell("NO_COLOR=1 " + runner + FB_BINARY + " " + args + " 2>&1");
}

/// A fresh empty directory under the temp dir.
inline std::filesystem::path fresh_temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("fb-cli-test-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

/// A minimal valid site (site.yaml and one runbook) in a fresh temp dir.
inline std::filesystem::path make_site(const std::string& name) {
  std::filesystem::path site = fresh_temp_dir(name);
  std::filesystem::create_directories(site / "content/runbooks");
  std::ofstream(site / "site.yaml") << "title: Test KB\n";
  std::ofstream(site / "content/runbooks/disk-full.md")
      << "---\ntitle: Disk full\nservice: storage\nowner: team-infra\nalerts: [NodeDiskFull]\n---\n"
         "## Symptoms\n\nx\n\n## Diagnosis\n\n```bash\ndf -h\n```\n\n## Mitigation\n\ny\n\n## Escalation\n\nz\n";
  return site;
}

/// Every regular file below `dir` with its bytes, keyed by relative path.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    out[std::filesystem::relative(e.path(), dir).generic_string()] =
        std::string(std::istreambuf_iterator<char>(in), {});
  }
  return out;
}
