// Benchmark of the check stage (not a test): loads a site once, then times check_site() and its
// parts over several runs and prints medians. Usage: check_bench SITE_DIR [RUNS] [NOW]
//   cmake --build build --target check_bench && build/check_bench bench/work/corpus-10000-s1/firebreak
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "check/check.h"
#include "check/yaml_json.h"
#include "site/pipeline.h"

namespace {
double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: check_bench SITE_DIR [RUNS] [NOW]\n");
    return 2;
  }
  int runs = argc > 2 ? std::stoi(argv[2]) : 5;
  fb::BuildOptions o;
  o.site_dir = argv[1];
  o.now_flag = argc > 3 ? argv[3] : "2026-11-23T00:00:00Z";
  fb::LoadedSite site;
  std::string fatal;
  double t0 = now_ms();
  if (!fb::load_site(o, site, fatal)) {
    std::fprintf(stderr, "check_bench: %s\n", fatal.c_str());
    return 2;
  }
  double load = now_ms() - t0;
  fb::SchemaSet schemas;
  fb::Diagnostics d;
  if (!schemas.load(fb::schema_dir(o.site_dir), d)) return 2;
  std::vector<double> total, to_json, validate;
  size_t found = 0;
  for (int r = 0; r < runs; ++r) {
    double a = now_ms();
    fb::Diagnostics out = fb::check_site(site.config, site.docs, site.model, site.now, schemas);
    fb::finalize_diagnostics(site.config, site.docs, out);
    total.push_back(now_ms() - a);
    found = out.items.size();
    a = now_ms();
    size_t keys = 0;
    for (const auto& doc : site.docs) keys += fb::yaml_to_json(doc.fm.root).size();
    to_json.push_back(now_ms() - a);
    a = now_ms();
    fb::Diagnostics v;
    for (const auto& doc : site.docs) fb::validate_front_matter(schemas, doc, v);
    validate.push_back(now_ms() - a);
    if (keys == 0) std::fprintf(stderr, "(no front matter)\n");
  }
  std::printf("documents: %zu, diagnostics: %zu, load: %.1f ms\n", site.docs.size(), found, load);
  std::printf("check_site + finalize (parallel): median %.1f ms over %d runs\n", median(total), runs);
  std::printf("  yaml_to_json, one thread:        median %.1f ms\n", median(to_json));
  std::printf("  schema validation, one thread:   median %.1f ms (includes yaml_to_json)\n", median(validate));
  return 0;
}
