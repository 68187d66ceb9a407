#include <unistd.h>

#include <fmt/format.h>

#include "check/report.h"
#include "cli/commands.h"

namespace fb::cli {

void add_common_options(CLI::App& cmd, CommonOptions& common) {
  cmd.add_option("--site", common.site, "Site root directory (holds site.yaml)")->capture_default_str();
  cmd.add_option("--now", common.now,
                 "The current time for every time-dependent result, RFC 3339 "
                 "(default: SOURCE_DATE_EPOCH, else the clock)");
  cmd.add_option("--rev", common.rev,
                 "Read site.yaml and the content from this git revision (commit, tag or branch) "
                 "instead of the working tree; the working tree and index are not touched");
  cmd.add_flag("-q,--quiet", common.quiet, "Print only errors");
  cmd.add_flag("-v,--verbose", common.verbose, "Print more detail (timings per stage)");
}

void add_cache_options(CLI::App& cmd, CommonOptions& common) {
  common.cache = true;
  cmd.add_option("--cache-dir", common.cache_dir,
                 "Build cache directory (default: .firebreak-cache in the site); what earlier builds computed "
                 "is reused where its inputs are unchanged");
  cmd.add_flag("--no-cache", common.no_cache, "Build cold: neither read nor write the build cache");
}

const LoadedSite* load_site_for_lessons(const CommonOptions& common, int& exit_code) {
  LoadedSite* site = new LoadedSite;
  BuildOptions bo = build_options(common);
  bo.git_history = false;
  std::string fatal;
  if (!load_site(bo, *site, fatal)) {
    print_diagnostics(site->diags, common.quiet);
    fmt::print(stderr, "error: {}\n", fatal);
    exit_code = kExitUsage;
    return nullptr;
  }
  return site;
}

BuildOptions build_options(const CommonOptions& common) {
  BuildOptions o;
  o.site_dir = common.site;
  o.now_flag = common.now;
  o.quiet = common.quiet;
  o.verbose = common.verbose;
  o.rev = common.rev;
  o.use_cache = common.cache && !common.no_cache;
  o.cache_dir = common.cache_dir;
  return o;
}

void print_diagnostics(const Diagnostics& diags, bool quiet) {
  Diagnostics shown;
  for (const auto& d : diags.items)
    if (!quiet || d.level == Level::Error) shown.items.push_back(d);
  std::string text = report_text(shown, ::isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
  std::fputs(text.c_str(), stderr);
}

}  // namespace fb::cli
