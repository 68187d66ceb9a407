#include <fmt/format.h>

#include "cli/commands.h"
#include "site/scaffold.h"
#include "util/time.h"

namespace fb::cli {

void register_new(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto kind = std::make_shared<std::string>();
  auto slug = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("new", "Create a runbook or post-incident review from an archetype");
  cmd->add_option("kind", *kind, "runbook or postmortem")->required()->check(CLI::IsMember({"runbook", "postmortem"}));
  cmd->add_option("slug", *slug, "File name without .md, e.g. db-failover or orders-db/pool-exhausted")->required();
  add_common_options(*cmd, *common);
  cmd->remove_option(cmd->get_option("--rev"));  // new files go to the working tree
  cmd->callback([common, kind, slug, &exit_code] {
    std::string err;
    auto now = resolve_now(common->now, err);
    if (!now) {
      fmt::print(stderr, "error: {}\n", err);
      exit_code = kExitUsage;
      return;
    }
    Diagnostics diags;
    Config cfg = load_config(common->site, diags);
    if (diags.has_errors()) {
      print_diagnostics(diags, common->quiet);
      exit_code = kExitUsage;
      return;
    }
    ScaffoldResult r = scaffold(common->site, cfg.theme, *kind, *slug, *now);
    if (!r.ok) {
      fmt::print(stderr, "error: {}\n", r.error);
      exit_code = r.usage_error ? kExitUsage : kExitContentErrors;
      return;
    }
    if (!common->quiet) fmt::print("Created {}\n", r.path);
    exit_code = kExitOk;
  });
}

}  // namespace fb::cli
