// `firebreak check`: load the site, run every check, report in the chosen format.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "check/check.h"
#include "check/report.h"
#include "cli/commands.h"
#include "util/fs.h"

namespace fb::cli {
namespace {
namespace fs = std::filesystem;

/// The site directory as seen from the working directory ("" for "."), so reported paths open from
/// where firebreak runs (CI annotations need paths relative to the repository root).
std::string display_prefix(const fs::path& site_dir) {
  std::error_code ec;
  fs::path rel = fs::relative(fs::absolute(site_dir, ec), fs::current_path(ec), ec);
  if (ec || rel.empty() || rel == ".") return {};
  return rel.generic_string() + "/";
}

struct CheckOptions {
  CommonOptions common;
  std::string format = "text";
  std::string output;
  bool strict = false;
};

std::string render_report(const CheckOptions& o, const Diagnostics& diags, const std::vector<std::string>& files,
                          bool color, const std::string& tail) {
  if (o.format == "github") return report_github(diags);
  if (o.format == "json") return report_json(diags);
  if (o.format == "sarif") return report_sarif(diags, FIREBREAK_VERSION);
  if (o.format == "junit") return report_junit(diags, files);
  Diagnostics shown;
  for (const auto& d : diags.items)
    if (!o.common.quiet || d.level == Level::Error) shown.items.push_back(d);
  return report_text(shown, color) + tail;
}

int run_check(const CheckOptions& o) {
  auto start = std::chrono::steady_clock::now();
  BuildOptions bo = build_options(o.common);
  // Never freed: the process ends after the report, and the OS reclaims the memory faster than the frees.
  LoadedSite& site = *new LoadedSite;
  std::string fatal;
  bool loaded = load_site(bo, site, fatal);
  auto loaded_at = std::chrono::steady_clock::now();
  Diagnostics diags = site.diags;
  if (loaded) {
    diags.merge(check_site(site.config, site.docs, site.model, site.now, schema_dir(bo.site_dir)));
    finalize_diagnostics(site.config, site.docs, diags);
  }
  if (o.common.verbose) {
    auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    fmt::print(stderr, "  {:>8.1f} ms  load (discover, read, parse, model)\n  {:>8.1f} ms  check\n", ms(start, loaded_at),
               ms(loaded_at, std::chrono::steady_clock::now()));
  }
  std::string prefix = display_prefix(bo.site_dir);
  std::vector<std::string> files;
  if (loaded) {
    files.push_back(prefix + "site.yaml");
    for (const auto& d : site.docs) files.push_back(prefix + d.path);
    for (const std::string& f : site.alert_rules.files) files.push_back(fs::path(f).is_absolute() ? f : prefix + f);
  }
  for (auto& d : diags.items)
    if (!fs::path(d.file).is_absolute()) d.file = prefix + d.file;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::string alerts = site.has_alert_rules
                           ? fmt::format(" against {} alerting rules ({} of {} alerts have a runbook)",
                                         site.alert_rules.rules.size(), site.alert_coverage.covered, site.alert_coverage.alerts)
                           : std::string();
  std::string tail = loaded ? fmt::format("Checked {} runbooks and {} post-incident reviews{} in {} ms: {}\n",
                                          site.model.runbooks.size(), site.model.postmortems.size(), alerts, ms,
                                          summary_line(diags))
                            : std::string();  // the fatal error is printed once, without a summary before it
  bool to_file = !o.output.empty();
  bool color = !to_file && color_wanted(g_color, ::isatty(STDOUT_FILENO), std::getenv("NO_COLOR"));
  std::string report = render_report(o, diags, files, color, tail);
  if (to_file) {
    std::string err;
    if (!write_file(o.output, report, &err)) {
      fmt::print(stderr, "error: cannot write {}: {}\n", o.output, err);
      return kExitUsage;
    }
  } else {
    std::fwrite(report.data(), 1, report.size(), stdout);
  }
  if (!loaded) {
    if (!fatal.empty()) fmt::print(stderr, "error: {}\n", fatal);
    return kExitUsage;
  }
  if (diags.has_errors() || (o.strict && diags.count(Level::Warning) > 0)) return kExitContentErrors;
  return kExitOk;
}
}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check front matter (JSON Schema) and content rules without building; report for people or CI");
  add_common_options(*cmd, o->common);
  add_cache_options(*cmd, o->common);
  add_alert_rules_option(*cmd, o->common);
  cmd->add_option("--format", o->format, "Report format: text, github (workflow annotations), json, sarif, junit")
      ->check(CLI::IsMember({"text", "github", "json", "sarif", "junit"}))
      ->capture_default_str();
  cmd->add_flag("--strict", o->strict, "Exit 1 on warnings as well as errors");
  cmd->add_option("-o,--output", o->output, "Write the report to this file instead of standard output");
  cmd->callback([o, &exit_code] { exit_code = run_check(*o); });
}

}  // namespace fb::cli
