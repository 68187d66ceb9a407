#include <chrono>

#include <fmt/format.h>

#include "check/report.h"
#include "cli/commands.h"

namespace fb::cli {

void register_build(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("build", "Check the content and build the site into the output directory");
  add_common_options(*cmd, *common);
  cmd->add_option("--out", *out, "Output directory (default: output_dir from site.yaml, else public)");
  add_cache_options(*cmd, *common);
  add_alert_rules_option(*cmd, *common);
  cmd->callback([common, out, &exit_code] {
    auto start = std::chrono::steady_clock::now();
    BuildOptions o = build_options(*common);
    if (!out->empty()) o.out_dir = *out;
    o.free_memory = false;  // the process ends right after the build
    BuildResult r = build_site(o);
    print_diagnostics(r.diags, common->quiet);
    if (common->verbose) {
      for (const auto& [stage, ms_] : r.timings) fmt::print(stderr, "  {:>8.1f} ms  {}\n", ms_, stage);
      for (const std::string& line : r.cache_report) fmt::print(stderr, "  cache: {}\n", line);
    }
    if (!r.fatal.empty()) fmt::print(stderr, "error: {}\n", r.fatal);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    if (r.exit_code == kExitOk) {
      if (!common->quiet)
        fmt::print(stderr, "Built {} runbooks and {} post-incident reviews into {} ({} files, {} ms); {}\n",
                   r.runbooks, r.postmortems, r.out_dir.string(), r.pages, ms, summary_line(r.diags));
    } else if (r.exit_code == kExitContentErrors) {
      fmt::print(stderr, "Not published: {}. The previous output was left untouched.\n", summary_line(r.diags));
    }
    exit_code = r.exit_code;
  });
}

void register_version(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([&exit_code] {
    fmt::print("firebreak {}\n", FIREBREAK_VERSION);
    exit_code = 0;
  });
}

}  // namespace fb::cli
