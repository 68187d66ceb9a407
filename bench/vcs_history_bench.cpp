// Times the git history pass alone (fb::read_history on a site), as `firebreak build` runs it.
//   vcs_history_bench SITE_DIR [RUNS=5] [MAX_COMMITS=100000]
// Prints one line per run and the medians (wall and CPU time, ms), plus what the walk found.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "vcs/history.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SITE_DIR [RUNS] [MAX_COMMITS]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  fb::HistoryOptions options;
  if (argc > 3) options.max_commits = std::atoll(argv[3]);
  options.is_content = [](const std::string& p) {
    return p.size() > 3 && (p.compare(p.size() - 3, 3, ".md") == 0);
  };
  std::vector<double> ms, cpu;
  fb::SiteHistory h;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    h = fb::read_history(argv[1], options);
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    std::printf("run %d: %.1f ms wall, %.1f ms CPU\n", i + 1, ms.back(), cpu.back());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("commits walked: %zu, files with history: %zu, change events: %zu\n", h.commits_walked,
              h.files.size(), h.events.size());
  for (const auto& d : h.diags.items) std::printf("%s: %s\n", d.code.c_str(), d.message.c_str());
  std::printf("median: %.1f ms wall, %.1f ms CPU (user+sys; the machine's other load inflates wall time)\n",
              ms[ms.size() / 2], cpu[cpu.size() / 2]);
  return h.in_repository ? 0 : 1;
}
