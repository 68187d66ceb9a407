// `firebreak changes`: runbooks and PIRs added, changed or removed in a period, from the git history
// (the on-call handoff view; the same list as the site's /changes/ page).
#include <fmt/format.h>

#include "check/report.h"
#include "cli/commands.h"
#include "render/history_view.h"
#include "util/time.h"

namespace fb::cli {

namespace {

/// `7d`, `36h`, `2w` (a duration back from now) or a date / RFC 3339 time. False on anything else.
bool parse_since(const std::string& text, int64_t now, int64_t& since) {
  if (auto d = parse_duration(text)) {
    since = now - *d;
    return true;
  }
  if (auto t = parse_timestamp(text)) {
    since = t->epoch;
    return true;
  }
  return false;
}

std::string text_report(const LoadedSite& site, int64_t since) {
  std::vector<ChangeItem> items = change_items(site.history, site.docs, since);
  size_t added = 0, changed = 0, removed = 0;
  for (const auto& it : items) {
    added += it.event->kind == ChangeKind::Added;
    removed += it.event->kind == ChangeKind::Deleted;
    changed += it.event->kind == ChangeKind::Modified || it.event->kind == ChangeKind::Renamed;
  }
  std::string out = fmt::format("What changed from {} to {}: {} added, {} changed, {} removed\n",
                                format_rfc3339_utc(since), format_rfc3339_utc(site.now), added, changed, removed);
  if (!site.history.in_repository) out += "(no git history: the site is not in a git repository)\n";
  std::string day;
  for (const auto& it : items) {
    const ChangeEvent& e = *it.event;
    std::string date = format_date(e.date);
    if (date != day) {
      out += fmt::format("\n{}\n", date);
      day = date;
    }
    DocKind kind;
    const char* what = kind_of_path(e.path, kind) ? (kind == DocKind::Runbook ? "runbook" : "PIR") : "file";
    std::string title = it.doc ? fmt::format("{} ({})", it.doc->title, e.path) : e.path;
    if (!e.old_path.empty()) title += fmt::format(" from {}", e.old_path);
    out += fmt::format("  {:<8} {:<7} {}\n", it.kind_label, what, title);
    out += fmt::format("           {} UTC · {} · \"{}\" · {}\n", format_rfc3339_utc(e.date).substr(11, 5), e.author,
                       e.subject, e.commit.substr(0, 10));
  }
  return out;
}

}  // namespace

void register_changes(CLI::App& app, int& exit_code) {
  struct Options {
    CommonOptions common;
    std::string since = "7d";
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "changes", "List the runbooks and post-incident reviews added, changed or removed recently (from git)");
  add_common_options(*cmd, o->common);
  cmd->add_option("--since", o->since, "Period: a duration back from now (7d, 36h, 2w) or a date/time")
      ->capture_default_str();
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o, &exit_code] {
    LoadedSite site;
    std::string fatal;
    if (!load_site(build_options(o->common), site, fatal)) {
      print_diagnostics(site.diags, o->common.quiet);
      if (!fatal.empty()) fmt::print(stderr, "error: {}\n", fatal);
      exit_code = kExitUsage;
      return;
    }
    int64_t since = 0;
    if (!parse_since(o->since, site.now, since)) {
      fmt::print(stderr, "error: --since '{}' is neither a duration (7d, 36h) nor a date (2026-11-16)\n", o->since);
      exit_code = kExitUsage;
      return;
    }
    if (!o->common.quiet) print_diagnostics(site.history.diags, false);
    if (o->format == "json")
      fmt::print("{}\n", changes_json(site.config, &site.history, site.docs, since, site.now)
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    else
      fmt::print("{}", text_report(site, since));
    exit_code = kExitOk;
  });
}

}  // namespace fb::cli
