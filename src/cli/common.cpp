#include <algorithm>
#include <unistd.h>

#include <fmt/format.h>

#include "check/report.h"
#include "cli/commands.h"
#include "util/text.h"

namespace fb::cli {

std::string g_color = "auto";

std::string discover_site(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return start.string();
  for (std::filesystem::path d = dir;; d = d.parent_path()) {
    if (std::filesystem::is_regular_file(d / "site.yaml", ec)) {
      return d == dir ? start.string() : d.string();
    }
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  return start.string();
}

void add_common_options(CLI::App& cmd, CommonOptions& common) {
  CLI::Option* site = cmd.add_option("--site", common.site,
                                     "Site root directory (holds site.yaml; default: the nearest of the current "
                                     "directory and its parents that has one)")->capture_default_str();
  cmd.parse_complete_callback([&common, site] {
    if (site->count() == 0) common.site = discover_site(common.site);
  });
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

void add_alert_rules_option(CLI::App& cmd, CommonOptions& common) {
  cmd.add_option("--alert-rules", common.alert_rules,
                 "Prometheus alerting rules to check coverage against and list on the alerts page: rule files "
                 "or PrometheusRule resources, or folders of them (*.yaml, *.yml); replaces site.yaml's alert_rules")
      ->type_name("PATH...");
}

const LoadedSite* load_site_for_lessons(const CommonOptions& common, int& exit_code) {
  LoadedSite* site = new LoadedSite;
  BuildOptions bo = build_options(common);
  bo.git_history = false;
  std::string fatal;
  if (!load_site(bo, *site, fatal)) {
    print_diagnostics(site->diags, common.quiet);
    if (!fatal.empty()) fmt::print(stderr, "error: {}\n", fatal);
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
  o.alert_rules = common.alert_rules;
  return o;
}

void print_diagnostics(const Diagnostics& diags, bool quiet) {
  Diagnostics shown;
  for (const auto& d : diags.items)
    if (!quiet || d.level == Level::Error) shown.items.push_back(d);
  std::string text = report_text(shown, color_wanted(g_color, ::isatty(STDERR_FILENO), std::getenv("NO_COLOR")));
  std::fputs(text.c_str(), stderr);
}

namespace {
/// Long option names of `cmd` (and its parents' inherited ones), for did-you-mean.
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> out;
  for (const CLI::Option* o : cmd.get_options()) {
    for (const auto& l : o->get_lnames()) out.push_back("--" + l);
  }
  return out;
}
}  // namespace

int run_cli(CLI::App& app, int argc, char** argv, const int& exit_code) {
  // A first word that is not a command (`firebreak biuld`, `firebreak biuld --help`): say so, with the
  // nearest command, before CLI11 treats it as an extra argument or prints the top-level help.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string guess = did_you_mean(argv[1], names);
      fmt::print(stderr, "error: `{}` is not a firebreak command.{}\nCommands: {}. See `firebreak --help`.\n", argv[1],
                 guess.empty() ? "" : fmt::format(" Did you mean `{}`?", guess), join(names, ", "));
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    const CLI::App* cmd = &app;
    for (const CLI::App* sub : app.get_subcommands()) cmd = sub;  // the command that was parsed
    std::vector<std::string> extras;
    std::string what = e.what();
    std::string hint;
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a.rfind("--", 0) != 0) continue;
      std::string flag = a.substr(0, a.find('='));
      std::vector<std::string> known = option_names(*cmd);
      if (std::find(known.begin(), known.end(), flag) != known.end()) continue;
      std::string guess = did_you_mean(flag, known);
      if (!guess.empty()) hint = fmt::format(" Did you mean `{}`?", guess);
      what = fmt::format("unknown option `{}` for `{}`.", flag, cmd == &app ? "firebreak" : cmd->get_name());
      break;
    }
    fmt::print(stderr, "error: {}{}\nRun `firebreak {}--help` for the options.\n", what, hint,
               cmd == &app ? "" : cmd->get_name() + " ");
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}

}  // namespace fb::cli
