#pragma once
/// Rendering the site's pages from theme templates (Mustache, kainjow): home, runbook and PIR pages,
/// section lists, taxonomies (services, tags, severities, owners), 404, sitemap.xml, Atom feed,
/// JSON API. Every link is relative so the output works from file:// and under any sub-path.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/alert_coverage.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/output.h"
#include "vcs/history.h"

namespace fb {

struct LessonsResult;  // lessons/lessons.h: metrics, patterns, similar incidents

/// Everything render needs; later stages' results are optional (nullptr when not computed).
/// Lets render_site skip files whose inputs are unchanged since an earlier build. render_site computes
/// every file's input key (see render.cpp: the site-wide part and, for a document's page, its own
/// bytes); the memo (site/ implements it over the build cache and the published output) decides.
struct PageMemo {
  virtual ~PageMemo() = default;
  /// True when the file at `path`, last built from inputs `key`, is kept as published: render_site then
  /// neither renders nor hands it over. Called from the worker threads.
  virtual bool reuse(const std::string& path, uint64_t key) = 0;
  /// The file at `path` was rendered from inputs `key` and handed to the sink. From the worker threads.
  virtual void rendered(const std::string& path, uint64_t key) = 0;
};

struct RenderInput {
  const Config* config = nullptr;
  const std::vector<Document>* docs = nullptr;
  const SiteModel* model = nullptr;
  int64_t now = 0;
  std::filesystem::path site_dir;    ///< for the site's own layouts/ overrides
  std::filesystem::path theme_dir;   ///< themes/<name>
  /// Metrics, patterns and similar incidents (lessons stage); nullptr when not computed, and then the
  /// /patterns/ and /metrics/ pages and the lessons parts of PIR and service pages are left out.
  const LessonsResult* lessons = nullptr;
  /// Git history of the content (last change, authors, what changed); nullptr or in_repository=false
  /// outside git, and then pages show no git facts and /changes/ says so.
  const SiteHistory* history = nullptr;
  /// Alert-rule coverage (site.yaml alert_rules or --alert-rules) and the rules it was computed from;
  /// both nullptr when no rules were given, and then there is no /alerts/ page and api/alerts.json has
  /// no `rules`. The rules' hash is one of every file's inputs.
  const AlertRuleSet* alert_rules = nullptr;
  const AlertCoverage* alert_coverage = nullptr;
  /// When set, every file is handed to the sink as soon as it is rendered (from the worker threads,
  /// concurrently) instead of being kept in RenderResult::files, so pages never pile up in memory.
  /// A false return means the sink failed; rendering goes on and the caller reports the sink's error.
  std::function<bool(const OutputFile&)> sink;
  /// With a sink: skips files whose inputs are unchanged (nullptr renders everything).
  PageMemo* memo = nullptr;
  /// What the inputs of every file also depend on that render_site cannot see: the binary and the text
  /// of site.yaml (the caller hashes them).
  uint64_t memo_salt = 0;
};

/// Rendered files plus template problems (FB601 missing template, FB602 template syntax error).
struct RenderResult {
  OutputFiles files;     ///< empty when RenderInput::sink is set
  Diagnostics diags;
  size_t streamed = 0;   ///< files handed to RenderInput::sink
  size_t rendered = 0;   ///< pages and files rendered (not kept by RenderInput::memo)
  size_t kept = 0;       ///< pages and files kept by RenderInput::memo
};

/// Renders every page, feed, sitemap, JSON API file and asset, in parallel over worker_count() threads;
/// the files are sorted by path and identical for identical input. Template problems are diagnostics
/// (their pages are left out); config, docs and model must be set (std::invalid_argument otherwise).
/// See docs/themes.md for the templates and their variables.
RenderResult render_site(const RenderInput& input);

}  // namespace fb
