// `firebreak patterns`: mine recurring patterns from the post-incident reviews and print them.
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "lessons/format.h"
#include "lessons/lessons.h"

namespace fb::cli {

void register_patterns(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto format = std::make_shared<std::string>("text");
  auto kind = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "patterns", "Mine recurring patterns (category recurrence, similar incidents, repeats after a fix, "
                  "co-occurrence, runbook gaps) from the post-incident reviews");
  add_common_options(*cmd, *common);
  cmd->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--kind", *kind, "Only patterns of this kind")
      ->check(CLI::IsMember({"category-recurrence", "similar-incidents", "repeat-after-fix", "co-occurrence",
                             "runbook-gap"}));
  cmd->callback([common, format, kind, &exit_code] {
    auto start = std::chrono::steady_clock::now();
    const LoadedSite* loaded_site = load_site_for_lessons(*common, exit_code);
    if (!loaded_site) return;
    const LoadedSite& site = *loaded_site;
    auto loaded = std::chrono::steady_clock::now();
    if (site.diags.has_errors() && !common->quiet)
      fmt::print(stderr, "warning: the content has {} error(s); run `firebreak check`. Mining what could be read.\n",
                 site.diags.count(Level::Error));
    const LessonsResult& r = *new LessonsResult(analyse_lessons(site.config, site.model, site.now));
    auto list = select_patterns(r, *kind);
    std::string out = *format == "json"       ? patterns_json(r, list)
                      : *format == "markdown" ? patterns_markdown(site.model, r, list)
                                              : patterns_text(r, list);
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (common->verbose) {
      auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
      fmt::print(stderr, "  {:>8.1f} ms  load ({} PIRs, {} runbooks)\n", ms(start, loaded),
                 site.model.postmortems.size(), site.model.runbooks.size());
      for (const auto& [step, t] : r.timings) fmt::print(stderr, "  {:>8.1f} ms  {}\n", t, step);
    }
    exit_code = kExitOk;
  });
}

}  // namespace fb::cli
