#pragma once
/// The build pipeline: config -> discover -> parse -> model -> check -> lessons -> render -> search
/// -> publish. Per-document stages run in parallel; whole-site stages run once over the collection.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/alert_rules.h"
#include "content/document.h"
#include "model/alert_coverage.h"
#include "model/model.h"
#include "site/cache.h"
#include "site/document_cache.h"
#include "util/diagnostic.h"
#include "util/output.h"
#include "vcs/history.h"

namespace fb {

/// Everything loaded from a site: config, documents, typed model, and the diagnostics so far.
/// Documents live in a stable vector (the model points into it), so a LoadedSite is not copyable.
struct LoadedSite {
  Config config;
  std::vector<Document> docs;   ///< sorted by path; only usable documents
  SiteModel model;              ///< runbooks/postmortems, pointing into docs
  Diagnostics diags;            ///< config, parse and model diagnostics (sorted)
  int64_t now = 0;              ///< the injected clock
  SiteHistory history;          ///< git history of the content (in_repository=false outside git)
  std::string revision;         ///< commit id the site was read from with --rev ("" = working tree)
  std::string site_yaml;        ///< site.yaml text as loaded (working tree or --rev)
  double history_ms = 0;        ///< wall time of the git history walk (overlapped with parsing)
  std::unique_ptr<BuildCache> cache;         ///< the build cache (BuildOptions::use_cache), else null
  std::unique_ptr<DocumentCache> doc_cache;  ///< this load's use of its document packs
  std::future<Diagnostics> cache_saved;      ///< the document packs being written (FB510 warnings)
  size_t docs_reused = 0;       ///< documents given back by the cache
  size_t docs_parsed = 0;       ///< documents parsed (all of them without a cache)
  bool has_alert_rules = false; ///< rules were given (site.yaml alert_rules or --alert-rules)
  AlertRuleSet alert_rules;     ///< the alerting rules read (empty without rules)
  AlertCoverage alert_coverage; ///< their coverage by model.runbooks (pointing into alert_rules and model)
  LoadedSite() = default;
  LoadedSite(const LoadedSite&) = delete;
  LoadedSite& operator=(const LoadedSite&) = delete;
};

/// Where the content comes from: the working tree, or a list of already-read files (git revision).
struct SourceSet {
  std::vector<SourceFile> files;  ///< site-relative paths, sorted
  Diagnostics diags;              ///< unreadable files (FB501)
  /// When set, the files' bytes are not read yet: load_documents() reads each one from this directory
  /// in the task that parses it (and frees it right after), so a file is parsed while it is in the
  /// cache and the sources are never all in memory at once.
  std::filesystem::path read_from;
};

/// Discovers the content files of `site_dir` without reading them (SourceSet::read_from is set).
SourceSet discover_sources(const std::filesystem::path& site_dir);

/// The site-relative path and content hash of every readable content file of `site_dir`, sorted by
/// path (read in parallel; no file's bytes are kept). What the search index's fingerprint is made of.
std::vector<std::pair<std::string, uint64_t>> content_hashes(const std::filesystem::path& site_dir);

/// Parses and models `sources` (in parallel) into `site`. `site.config` and `site.now` must be set.
/// With SourceSet::read_from set, each file is read as it is parsed; an unreadable one is FB501.
/// With a `cache`, a file whose parse it holds is given back instead of parsed (same result).
void load_documents(LoadedSite& site, SourceSet sources, DocumentCache* cache = nullptr);

/// Options of one build.
struct BuildOptions {
  std::filesystem::path site_dir = ".";
  std::filesystem::path out_dir;   ///< empty: config.output_dir relative to site_dir
  std::string now_flag;            ///< --now (empty: SOURCE_DATE_EPOCH, else the clock)
  std::string rev;                 ///< --rev: build from a git revision instead of the working tree
  bool quiet = false;
  bool verbose = false;
  bool check_only = false;         ///< stop after checks (firebreak check)
  bool git_history = true;         ///< walk the git history (commands that never show it turn it off)
  /// Free the loaded site, pages and indexes before returning. The CLI turns this off: the process ends
  /// right after the build, and the operating system reclaims the memory faster than a million frees.
  bool free_memory = true;
  /// Use the build cache: parses and published files of earlier builds are reused where their inputs
  /// are unchanged (the output is the same as without it). Off for library callers unless set.
  bool use_cache = false;
  std::filesystem::path cache_dir;  ///< empty: <site>/.firebreak-cache
  /// --alert-rules: rule files or folders (relative to the working directory), instead of site.yaml's
  /// alert_rules. Empty: site.yaml's.
  std::vector<std::string> alert_rules;
};

/// Result of a build: diagnostics, exit code (0 ok, 1 content errors, 2 usage/config) and counts.
struct BuildResult {
  int exit_code = 0;
  Diagnostics diags;
  size_t pages = 0;
  size_t runbooks = 0;
  size_t postmortems = 0;
  std::string fatal;               ///< a usage/config/I-O error message when exit_code == 2
  std::filesystem::path out_dir;
  /// With the cache: the published files whose bytes changed (output-relative, sorted); all of them
  /// after a build that had no previous output to compare with.
  std::vector<std::string> changed_files;
  bool compared = false;           ///< changed_files is known (the cache was on and the build published)
  /// What the cache saved, one line per stage (printed by `build -v`).
  std::vector<std::string> cache_report;
  /// Wall time per stage in milliseconds, in pipeline order (printed by `build -v`).
  std::vector<std::pair<std::string, double>> timings;
};

/// Measures wall time between marks; used for `-v` stage timings and benchmarks.
struct StageTimer {
  std::vector<std::pair<std::string, double>>* out;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  /// Records the time since the previous mark under `stage`.
  void mark(const char* stage) {
    auto t = std::chrono::steady_clock::now();
    out->emplace_back(stage, std::chrono::duration<double, std::milli>(t - last).count());
    last = t;
  }
};

/// Loads config and content for `options` (shared by build, check, search, patterns, report).
/// Returns false (with `fatal` set) on usage/config errors.
bool load_site(const BuildOptions& options, LoadedSite& site, std::string& fatal);

/// Reads the alert rules of `options` (--alert-rules, else site.yaml alert_rules, which must resolve
/// inside the site; with --rev only --alert-rules) into `site` and computes their coverage by the
/// loaded runbooks; FB310-FB315 go to site.diags. Without rules, has_alert_rules stays false. Called by
/// load_site after the model is built (src/site/alert_rules_stage.cpp).
void load_alert_rules(const BuildOptions& options, LoadedSite& site);

/// Runs the whole pipeline and publishes atomically unless there are errors.
BuildResult build_site(const BuildOptions& options);

/// The directory holding theme `name` for a site: <site>/themes/<name>, else the bundled one.
std::filesystem::path theme_dir(const std::filesystem::path& site_dir, const std::string& name);

/// Empty when theme folder `dir` may be read: it resolves (symlinks followed) inside the site, the
/// bundled themes or $FIREBREAK_THEMES. Otherwise the reason, for a usage/config error.
std::string check_theme_dir(const std::filesystem::path& site_dir, const std::filesystem::path& dir);

}  // namespace fb
