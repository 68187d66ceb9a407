// `firebreak serve`: build, serve over HTTP, watch the site, rebuild (incrementally, through the build
// cache) on every change and tell open pages to reload, or show the failed build's errors over them.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "check/report.h"
#include "cli/commands.h"
#include "site/dev_server.h"
#include "site/watcher.h"
#include "util/text.h"

namespace fb::cli {
namespace {

struct ServeOptions {
  CommonOptions common;
  std::string out;
  std::string bind = "127.0.0.1";
  int port = 1313;
  bool open = false;
};

Watcher* g_watcher = nullptr;
std::atomic<bool> g_stop{false};

void on_signal(int) {
  g_stop = true;
  if (g_watcher) g_watcher->stop();  // a write(2) to a pipe: async-signal-safe
}

/// "3 files changed" / the one file's name.
std::string what_changed(const std::vector<std::string>& paths) {
  if (paths.size() == 1) return paths[0];
  if (paths.size() <= 3) return join(paths, ", ");
  return fmt::format("{}, {} and {} more", paths[0], paths[1], paths.size() - 2);
}

/// One build, reported on one line (and its errors above it). Returns the result.
BuildResult rebuild(const BuildOptions& o, DevServer* server, const std::string& why, bool quiet) {
  auto t0 = std::chrono::steady_clock::now();
  BuildResult r = build_site(o);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  Diagnostics errors;
  for (const Diagnostic& d : r.diags.items)
    if (d.level == Level::Error) errors.items.push_back(d);
  print_diagnostics(errors, false);
  if (!r.fatal.empty()) fmt::print(stderr, "error: {}\n", r.fatal);
  std::string pages = r.compared ? fmt::format("{} files changed", r.changed_files.size()) : "all files written";
  if (r.exit_code == kExitOk) {
    if (server) server->published(r.changed_files, !r.compared);
    if (!quiet)
      fmt::print(stderr, "{}: rebuilt in {:.0f} ms, {}; {}\n", why, ms, pages, summary_line(r.diags));
  } else {
    Diagnostics shown = r.diags;
    if (!r.fatal.empty()) shown.add("FB000", Level::Error, "site.yaml", {}, r.fatal);
    if (server) server->failed(shown);
    fmt::print(stderr, "{}: build failed in {:.0f} ms ({}); still serving the last good build\n", why, ms,
               summary_line(r.diags));
  }
  return r;
}

int run_serve(ServeOptions& so) {
  BuildOptions o = build_options(so.common);
  if (!so.out.empty()) o.out_dir = so.out;
  o.free_memory = true;  // a long-lived process: every build gives its memory back
  if (!so.common.rev.empty()) {
    fmt::print(stderr, "error: serve watches the working tree; --rev is for build and check\n");
    return kExitUsage;
  }
  Diagnostics cfg_diags;
  Config cfg = load_config(o.site_dir, cfg_diags);
  if (cfg_diags.has_errors()) {
    print_diagnostics(cfg_diags, false);
    return kExitUsage;
  }
  const std::filesystem::path out = o.out_dir.empty() ? o.site_dir / cfg.output_dir : o.out_dir;
  if (so.bind != "127.0.0.1" && so.bind != "localhost" && so.bind != "::1")
    fmt::print(stderr, "warning: serving on {}: the site is visible to other machines on the network\n", so.bind);

  DevServer server(out);
  if (std::string err = server.bind(so.bind, so.port); !err.empty()) {
    fmt::print(stderr, "error: {}; pick another with --port\n", err);
    return kExitUsage;
  }
  Watcher watcher(o.site_dir, {theme_dir(o.site_dir, cfg.theme)});
  if (!watcher.error().empty()) fmt::print(stderr, "warning: {}; pages will not rebuild by themselves\n", watcher.error());

  BuildResult first = rebuild(o, &server, "initial build", so.common.quiet);
  if (first.exit_code == kExitUsage && first.fatal.find("output") != std::string::npos) return kExitUsage;

  g_watcher = &watcher;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::thread http([&server] { server.run(); });
  const std::string host = so.bind.find(':') != std::string::npos ? "[" + so.bind + "]" : so.bind;
  const std::string url = fmt::format("http://{}:{}/", host, server.port());
  fmt::print(stderr, "Serving {} at {} (Ctrl-C to stop)\n", out.string(), url);
  if (so.open) {
    if (fork() == 0) {
      execlp("xdg-open", "xdg-open", url.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  while (!g_stop) {
    std::vector<std::string> changes =
        watcher.wait(std::chrono::hours(24), std::chrono::milliseconds(20), std::chrono::milliseconds(500));
    if (g_stop) break;
    if (changes.empty()) continue;
    if (std::find(changes.begin(), changes.end(), "site.yaml") != changes.end()) {
      Diagnostics d;
      Config next = load_config(o.site_dir, d);
      if (!d.has_errors() && next.output_dir != cfg.output_dir && so.out.empty())
        fmt::print(stderr, "note: output_dir changed in site.yaml; restart serve to serve the new folder\n");
    }
    rebuild(o, &server, what_changed(changes), so.common.quiet);
  }
  server.stop();
  http.join();
  g_watcher = nullptr;
  fmt::print(stderr, "Stopped.\n");
  return kExitOk;
}

}  // namespace

void register_serve(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Build the site, serve it over HTTP and rebuild on every change (pages reload by themselves)");
  add_common_options(*cmd, o->common);
  add_cache_options(*cmd, o->common);
  cmd->add_option("--out", o->out, "Output directory (default: output_dir from site.yaml, else public)");
  cmd->add_option("-p,--port", o->port, "Port to listen on (0: any free port)")->capture_default_str();
  cmd->add_option("--bind", o->bind, "Address to listen on; anything but loopback makes the site visible on the network")
      ->capture_default_str();
  cmd->add_flag("--open", o->open, "Open the site in the browser once it is served");
  cmd->callback([o, &exit_code] { exit_code = run_serve(*o); });
}

}  // namespace fb::cli
