#include <cstdio>
#include <string_view>

#include "cli/commands.h"

int main(int argc, char** argv) {
  fb::cli::tune_allocator(argc > 1 && std::string_view(argv[1]) == "serve");
  CLI::App app{"firebreak: compiles incident runbooks and post-incident reviews into a fast, "
               "searchable, offline-ready static knowledge base"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  int exit_code = 0;
  fb::cli::register_build(app, exit_code);
  fb::cli::register_changes(app, exit_code);
  fb::cli::register_check(app, exit_code);
  fb::cli::register_new(app, exit_code);
  fb::cli::register_patterns(app, exit_code);
  fb::cli::register_report(app, exit_code);
  fb::cli::register_search(app, exit_code);
  fb::cli::register_serve(app, exit_code);
  fb::cli::register_version(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : fb::kExitUsage;
  }
  return exit_code;
}
