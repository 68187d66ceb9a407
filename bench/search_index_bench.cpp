// Times the search index build on a site and prints its size profile (not a test; see
// bench/search-bench.sh):  search_index_bench SITE_DIR [OUT_DIR] [query...]
// With OUT_DIR the index files are written there (search/...) so queries can be replayed against the
// published files, printing the files and bytes each query reads.
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
  auto t1 = Clock::now();
  search::SearchIndex index = search::build_index(site.docs, site.model, site.config);
  double build_ms = ms_since(t1);
  auto t2 = Clock::now();
  OutputFiles files = search::write_index(index);
  double write_ms = ms_since(t2);
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
  std::printf("index: build %.1f ms, encode %.1f ms, %zu terms, %zu postings, %zu files, %.1f KB\n", build_ms,
              write_ms, index.terms.size(), postings, files.size(), total / 1024.0);
  for (const auto& [dir, fb] : by_dir)
    std::printf("  %-16s %6zu files %10.1f KB\n", dir.c_str(), fb.first, fb.second / 1024.0);
  std::printf("  largest term shard %.1f KB\n", largest / 1024.0);
  if (argc < 3) return 0;
  for (const auto& f : files) write_file(std::filesystem::path(argv[2]) / f.path, f.bytes);
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
