#pragma once
/// Each firebreak command registers itself on the CLI11 app; main.cpp calls these in order.
#include <CLI/CLI.hpp>

#include "site/pipeline.h"
#include "util/exit_code.h"

namespace fb::cli {

/// Options every command shares (--site, --now, -q, -v).
struct CommonOptions {
  std::string site = ".";
  std::string now;
  bool quiet = false;
  bool verbose = false;
  std::string rev;  ///< --rev: read the site from a git revision (commit, tag, branch)
  bool cache = false;     ///< the command uses the build cache (build, check, serve)
  bool no_cache = false;  ///< --no-cache
  std::string cache_dir;  ///< --cache-dir
  std::vector<std::string> alert_rules;  ///< --alert-rules (build, check)
};

/// --color (auto, always, never), shared by every command (a global flag).
extern std::string g_color;

/// The nearest of `start` and its ancestors that holds site.yaml, else `start` (whose missing site.yaml
/// is then reported): Firebreak runs from anywhere inside a site, as Zola and Hugo do.
std::string discover_site(const std::filesystem::path& start);

/// Runs the parse and maps CLI11's errors to the conventions: a mistyped command or flag gets a
/// did-you-mean and exit code 2, --help/--version exit 0.
int run_cli(CLI::App& app, int argc, char** argv, const int& exit_code);

/// Adds --site/--now/--rev/-q/-v to `cmd`, bound to `common`.
void add_common_options(CLI::App& cmd, CommonOptions& common);
/// Adds --cache-dir/--no-cache to a command that uses the build cache.
void add_cache_options(CLI::App& cmd, CommonOptions& common);
/// Adds --alert-rules PATH... (rule files or folders, instead of site.yaml's alert_rules).
void add_alert_rules_option(CLI::App& cmd, CommonOptions& common);
/// BuildOptions from the common options.
BuildOptions build_options(const CommonOptions& common);
/// Prints diagnostics to stderr in text form (colour on a terminal) and the summary unless quiet.
void print_diagnostics(const Diagnostics& diags, bool quiet);
/// Loads the site for a command that analyses lessons and prints (patterns, report): no git history
/// (the analysis never reads it), and never freed (the process exits right after printing, and
/// releasing thousands of parsed documents takes longer than mining them). On a usage or configuration
/// error prints the diagnostics and the error, sets `exit_code` to kExitUsage and returns nullptr.
const LoadedSite* load_site_for_lessons(const CommonOptions& common, int& exit_code);

/// Tunes the heap allocator for one short build-and-exit process (mimalloc: 2 MiB pages, eager commit,
/// no decommit; a setting given in the environment as MIMALLOC_<NAME> wins). Call first in main().
/// Does nothing when firebreak is built without mimalloc (FIREBREAK_MIMALLOC=OFF).
/// `long_lived` (serve): freed memory is given back to the system between rebuilds.
void tune_allocator(bool long_lived);


void register_build(CLI::App& app, int& exit_code);
/// `firebreak changes`: what changed recently, from git (src/cli/changes.cpp).
void register_changes(CLI::App& app, int& exit_code);
void register_check(CLI::App& app, int& exit_code);
void register_new(CLI::App& app, int& exit_code);
void register_version(CLI::App& app, int& exit_code);
/// `firebreak completion bash|zsh|fish`, generated from the registered commands (cli/completion.cpp).
void register_completion(CLI::App& app, int& exit_code);
/// `firebreak search`: the site's search in the terminal (src/cli/search.cpp).
void register_search(CLI::App& app, int& exit_code);
/// `firebreak serve`: build, serve, watch and rebuild with live reload (src/cli/serve.cpp).
void register_serve(CLI::App& app, int& exit_code);
/// `firebreak patterns`: mined patterns as text, JSON or Markdown (src/cli/patterns.cpp).
void register_patterns(CLI::App& app, int& exit_code);
/// `firebreak report`: a period report as Markdown, HTML or JSON (src/cli/report.cpp).
void register_report(CLI::App& app, int& exit_code);

}  // namespace fb::cli
