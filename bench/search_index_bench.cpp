// Times the search index build on a site and prints its size profile (not a test; see
// bench/search-bench.sh):  search_index_bench SITE_DIR [OUT_DIR] [query...]
// With OUT_DIR the index files are written there (search/...), the write is timed too, and the queries
// are replayed against the written files, printing the files and bytes each query reads.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "search/index.h"
#include "search/query.h"
#include "search/shards.h"
#include "search/source.h"
#include "site/pipeline.h"
#include "util/fs.h"

using namespace fb;
using Clock = std::chrono::steady_clock;

/// CPU time (user + system) of the process so far, in milliseconds.
static double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_index_bench SITE_DIR [OUT_DIR] [query...]\n");
    return 2;
  }
  BuildOptions opt;
  opt.site_dir = argv[1];
  opt.now_flag = "2026-11-23T00:00:00Z";
  LoadedSite site;
  std::string fatal;
  auto t0 = Clock::now();
  if (!load_site(opt, site, fatal)) {
    std::fprintf(stderr, "%s\n", fatal.c_str());
    return 2;
  }
  std::printf("load: %.1f ms, %zu documents\n", ms_since(t0), site.docs.size());
  const double c1 = cpu_ms();
  auto t1 = Clock::now();
  search::SearchIndex index = search::build_index(site.docs, site.model, site.config);
  double build_ms = ms_since(t1);
  auto t2 = Clock::now();
  OutputFiles files = search::write_index(index);
  double encode_ms = ms_since(t2);
  // Writing the files (into OUT_DIR when given) is part of the cost, as it is for Pagefind.
  auto t3 = Clock::now();
  if (argc >= 3)
    for (const auto& f : files) write_file(std::filesystem::path(argv[2]) / f.path, f.bytes);
  double write_ms = ms_since(t3);
  const double cpu = cpu_ms() - c1;
  size_t postings = 0;
  for (const auto& p : index.postings) postings += p.size();
  std::map<std::string, std::pair<size_t, size_t>> by_dir;  // dir -> files, bytes
  size_t total = 0, largest = 0;
  for (const auto& f : files) {
    std::string dir = f.path.substr(0, f.path.rfind('/'));
    by_dir[dir].first++;
    by_dir[dir].second += f.bytes.size();
    total += f.bytes.size();
    if (dir == "search/t") largest = std::max(largest, f.bytes.size());
  }
  std::printf("index: build %.1f ms, encode %.1f ms, write %.1f ms (wall %.1f ms), %.1f ms CPU; %zu terms, %zu postings, "
              "%zu files, %.1f KB\n",
              build_ms, encode_ms, write_ms, build_ms + encode_ms + write_ms, cpu, index.terms.size(), postings,
              files.size(), total / 1024.0);
  for (const auto& [dir, fb] : by_dir)
    std::printf("  %-16s %6zu files %10.1f KB\n", dir.c_str(), fb.first, fb.second / 1024.0);
  std::printf("  largest term shard %.1f KB\n", largest / 1024.0);
  if (argc < 3) return 0;
  for (int a = 3; a < argc; ++a) {
    std::string err;
    auto pub = search::PublishedIndex::open(argv[2], err);
    if (!pub) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return 1;
    }
    auto tq = Clock::now();
    auto res = search::run_query(*pub, search::parse_query(argv[a]), 10);
    for (const auto& h : res.hits) pub->doc(h.doc);
    std::printf("query \"%s\": %.2f ms, %zu files / %.1f KB read, %zu hits; first: %s\n", argv[a], ms_since(tq),
                pub->files_read(), pub->bytes_read() / 1024.0, res.total, res.hits.empty() ? "-" : pub->doc(res.hits[0].doc).url.c_str());
  }
  return 0;
}
