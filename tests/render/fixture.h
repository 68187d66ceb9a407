#pragma once
// Builds small sites in memory (or from a directory) and renders them, for the render tests.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"
#include "render/render.h"
#include "util/fs.h"
#include "util/parallel.h"
#include "util/time.h"

namespace fbtest {

/// The bundled default theme.
inline std::filesystem::path default_theme() { return std::filesystem::path(FB_SOURCE_DIR) / "themes" / "default"; }

/// 2026-11-23T00:00:00Z, the clock every render test uses.
inline int64_t test_now() { return fb::parse_timestamp("2026-11-23T00:00:00Z")->epoch; }

/// A site assembled from in-memory files: parse_document + make_runbook/make_postmortem, as the pipeline does.
struct TestSite {
  fb::Config config = fb::default_config();
  std::vector<fb::SourceFile> files;
  std::vector<fb::Document> docs;
  fb::SiteModel model;
  fb::Diagnostics diags;
  std::filesystem::path site_dir;   // for layouts/ and assets/ overrides ("" = none)
  std::filesystem::path theme_dir = default_theme();
  int64_t now = test_now();
  const fb::AlertRuleSet* alert_rules = nullptr;     // set both to render with alert rules
  const fb::AlertCoverage* alert_coverage = nullptr;

  /// Adds a content file (path relative to the site root, e.g. "content/runbooks/x.md").
  TestSite& add(std::string path, std::string text) {
    files.push_back({std::move(path), std::move(text)});
    return *this;
  }

  /// Parses and models every added file. Call once, after the last add().
  void load() {
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    std::vector<fb::Document> parsed(files.size());
    std::vector<fb::Diagnostics> d(files.size());
    std::vector<char> ok(files.size(), 0);
    fb::parallel_for(files.size(), [&](size_t i) { ok[i] = fb::parse_document(config, files[i], parsed[i], d[i]); });
    docs.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
      diags.merge(d[i]);
      if (ok[i]) docs.push_back(std::move(parsed[i]));
    }
    for (const fb::Document& doc : docs) {
      if (doc.kind == fb::DocKind::Runbook) model.runbooks.push_back(fb::make_runbook(config, doc, diags));
      else model.postmortems.push_back(fb::make_postmortem(config, doc, diags));
    }
  }

  /// Renders the loaded site.
  fb::RenderResult render() const {
    fb::RenderInput in;
    in.config = &config;
    in.docs = &docs;
    in.model = &model;
    in.now = now;
    in.site_dir = site_dir;
    in.theme_dir = theme_dir;
    in.alert_rules = alert_rules;
    in.alert_coverage = alert_coverage;
    return fb::render_site(in);
  }
};

/// Reads a whole site directory (site.yaml + content/) into a TestSite.
inline void load_directory(TestSite& site, const std::filesystem::path& dir) {
  site.site_dir = dir;
  site.config = fb::load_config(dir, site.diags);
  for (const std::string& p : fb::discover_content(dir).files)
    if (auto bytes = fb::read_file(dir / p)) site.add(p, std::move(*bytes));
  site.load();
}

/// The rendered files by path.
inline std::map<std::string, std::string> by_path(const fb::RenderResult& r) {
  std::map<std::string, std::string> m;
  for (const auto& f : r.files) m[f.path] = f.bytes;
  return m;
}

/// True when any diagnostic has `code`.
inline bool has_code(const fb::Diagnostics& d, const std::string& code) {
  return std::any_of(d.items.begin(), d.items.end(), [&](const fb::Diagnostic& x) { return x.code == code; });
}

/// A fresh empty directory under the temp dir.
inline std::filesystem::path temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("fb-render-test-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace fbtest
