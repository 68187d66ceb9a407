#pragma once
/// Watches a site for changes with inotify (Linux): the folders a build reads (content/, layouts/,
/// themes/, archetypes/, assets/, schema/), site.yaml, and the theme's folder when it lies outside the
/// site. Folders created later are watched as they appear. Editors that save by writing in place
/// (VS Code), by renaming a temporary file over the original (vim's default, JetBrains' "safe
/// write") or by deleting and re-creating all show up as changes of the file's own path; their
/// swap and backup files (`.x.swp`, `x~`, `4913`, `#x#`, dot files) are ignored.
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fb {

class Watcher {
 public:
  /// Starts watching `site_dir`, plus `extra_dirs` (absolute, e.g. a theme outside the site). On
  /// failure (no inotify, the limit on watches reached) error() says why.
  Watcher(const std::filesystem::path& site_dir, const std::vector<std::filesystem::path>& extra_dirs);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// "" when watching, else what went wrong.
  const std::string& error() const { return error_; }
  /// Waits up to `timeout` for a change, then until the changes have been quiet for `quiet` (a burst
  /// of saves is one batch; at most `longest` in all). Returns the changed paths (relative to the site
  /// when inside it, else absolute), sorted; empty on timeout or after stop().
  std::vector<std::string> wait(std::chrono::milliseconds timeout, std::chrono::milliseconds quiet,
                                std::chrono::milliseconds longest = std::chrono::milliseconds(1000));
  /// Makes a pending or later wait() return at once (from another thread or a signal handler).
  void stop();

 private:
  void watch_tree(const std::filesystem::path& dir);
  void watch_one(const std::filesystem::path& dir);
  /// Reads the pending events into `changed`; false when stopped.
  bool drain(std::set<std::string>& changed);
  std::string shown(const std::filesystem::path& p) const;

  std::filesystem::path site_;
  int fd_ = -1;
  int wake_[2] = {-1, -1};
  std::map<int, std::filesystem::path> dirs_;  ///< watch descriptor -> folder
  std::set<std::string> born_;                 ///< files created during the current wait()
  std::string error_;
};

/// True for names editors and tools write beside the real file: dot files (vim's `.x.swp`, emacs'
/// `.#x`), `x~` backups, emacs' `#x#`, vim's `4913` probe, `*.swp`/`*.swx`/`*.tmp`.
bool is_editor_scratch(std::string_view name);

}  // namespace fb
