#include <cstdio>
#include <string_view>

#include "cli/commands.h"

int main(int argc, char** argv) {
  fb::cli::tune_allocator(argc > 1 && std::string_view(argv[1]) == "serve");
  CLI::App app{"firebreak: compiles incident runbooks and post-incident reviews into a fast, "
               "searchable, offline-ready static knowledge base"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("-V,--version", "firebreak " FIREBREAK_VERSION);
  app.add_option("--color", fb::cli::g_color, "Colour diagnostics: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.fallthrough();
  int exit_code = 0;
  fb::cli::register_build(app, exit_code);
  fb::cli::register_changes(app, exit_code);
  fb::cli::register_check(app, exit_code);
  fb::cli::register_completion(app, exit_code);
  fb::cli::register_new(app, exit_code);
  fb::cli::register_patterns(app, exit_code);
  fb::cli::register_report(app, exit_code);
  fb::cli::register_search(app, exit_code);
  fb::cli::register_serve(app, exit_code);
  fb::cli::register_version(app, exit_code);
  return fb::cli::run_cli(app, argc, argv, exit_code);
}
