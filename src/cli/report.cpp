// `firebreak report`: a period report (counts, SLA compliance, MTTA/MTTR, top patterns, overdue
// action items) to paste into a team's review.
#include <cstdio>
#include <tuple>

#include <fmt/format.h>

#include "cli/commands.h"
#include "lessons/format.h"
#include "lessons/lessons.h"
#include "util/time.h"

namespace fb::cli {

void register_report(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto format = std::make_shared<std::string>("markdown");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("report", "Compile a period report of incidents, SLAs, patterns and overdue actions");
  add_common_options(*cmd, *common);
  cmd->add_option("--from", *from, "First day of the period, YYYY-MM-DD (default: --to minus patterns.window)");
  cmd->add_option("--to", *to, "Last day of the period, YYYY-MM-DD (default: the day of --now)");
  cmd->add_option("--period", *period, "A calendar quarter (2026-Q3), month (2026-07) or year (2026) instead of --from/--to")
      ->excludes("--from")
      ->excludes("--to");
  cmd->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"markdown", "html", "json"}))
      ->capture_default_str();
  cmd->callback([common, format, from, to, period, &exit_code] {
    const LoadedSite* loaded_site = load_site_for_lessons(*common, exit_code);
    if (!loaded_site) return;
    const LoadedSite& site = *loaded_site;
    auto parse_day = [](const std::string& text, const char* flag) -> std::optional<int64_t> {
      auto d = parse_date(text);
      if (!d || text.size() != 10) fmt::print(stderr, "error: {} '{}' is not a date (YYYY-MM-DD)\n", flag, text);
      return text.size() == 10 ? d : std::nullopt;
    };
    int64_t last = site.now - site.now % 86400;
    if (!to->empty()) {
      auto d = parse_day(*to, "--to");
      if (!d) return void(exit_code = kExitUsage);
      last = *d;
    }
    int64_t first = last - site.config.patterns.window;
    if (!from->empty()) {
      auto d = parse_day(*from, "--from");
      if (!d) return void(exit_code = kExitUsage);
      first = *d;
    }
    if (!period->empty()) {
      auto p = parse_period(*period);
      if (!p) {
        fmt::print(stderr, "error: --period '{}' is not a quarter (2026-Q3), month (2026-07) or year (2026)\n", *period);
        return void(exit_code = kExitUsage);
      }
      std::tie(first, last) = *p;
    }
    if (first > last) {
      fmt::print(stderr, "error: --from {} is after --to {}\n", format_date(first), format_date(last));
      exit_code = kExitUsage;
      return;
    }
    if (site.diags.has_errors() && !common->quiet)
      fmt::print(stderr, "warning: the content has {} error(s); run `firebreak check`.\n", site.diags.count(Level::Error));
    const LessonsResult& r = *new LessonsResult(analyse_lessons(site.config, site.model, site.now));
    PeriodReport rep = compile_report(site.config, site.model, r, site.now, first, last);
    std::string out = *format == "json" ? report_json(rep) : *format == "html" ? report_html(rep) : report_markdown(rep);
    std::fwrite(out.data(), 1, out.size(), stdout);
    exit_code = kExitOk;
  });
}

}  // namespace fb::cli
