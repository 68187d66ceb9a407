// Benchmark of render_site() on a real corpus; skipped unless FB_RENDER_PERF_SITE names a site
// directory (e.g. one written by `python3 bench/gen_corpus.py --out DIR --runbooks 4000 --postmortems 6000`):
//   FB_RENDER_PERF_SITE=DIR ./render_test -ts="perf*" --no-skip
// Prints the median wall and CPU time of rendering (loading is not measured).
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "fixture.h"

namespace {
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
}  // namespace

TEST_CASE("perf: render_site on FB_RENDER_PERF_SITE" * doctest::skip()) {
  const char* dir = std::getenv("FB_RENDER_PERF_SITE");
  if (!dir || !*dir) return;
  fbtest::TestSite site;
  fbtest::load_directory(site, dir);
  site.site_dir.clear();  // the generated site has no layouts/ of its own
  std::vector<double> wall, cpu;
  size_t files = 0, bytes = 0;
  for (int run = 0; run < 5; ++run) {
    double c0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    fb::RenderResult r = site.render();
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(cpu_seconds() - c0);
    files = r.files.size();
    bytes = 0;
    for (const auto& f : r.files) bytes += f.bytes.size();
    CHECK_FALSE(r.diags.has_errors());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("render_site: %zu documents -> %zu files (%.1f MB); median wall %.3f s, median CPU %.3f s (%u workers)\n",
              site.docs.size(), files, bytes / 1e6, wall[2], cpu[2], fb::worker_count());
}
