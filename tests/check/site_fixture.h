#pragma once
// Builds a site in memory (config, documents, model) and runs the checks on it, for rule tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "util/time.h"

namespace fbtest {

/// The repository's bundled schemas, compiled once for all tests.
inline const fb::SchemaSet& schemas() {
  static const fb::SchemaSet set = [] {
    fb::SchemaSet s;
    fb::Diagnostics d;
    REQUIRE(s.load(std::string(FB_SOURCE_DIR) + "/schema", d));
    return s;
  }();
  return set;
}

/// A site: site.yaml text (empty = defaults) and content files. Documents are parsed and modelled
/// as the pipeline does; load_diags holds what parsing and the model reported.
struct TestSite {
  fb::Config config;
  std::vector<fb::Document> docs;
  fb::SiteModel model;
  fb::Diagnostics load_diags;

  explicit TestSite(std::vector<fb::SourceFile> files, const std::string& site_yaml = "") {
    config = site_yaml.empty() ? fb::default_config() : fb::parse_config(site_yaml, "site.yaml", load_diags);
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const auto& f : files) {
      fb::Document d;
      if (fb::parse_document(config, f, d, load_diags)) docs.push_back(std::move(d));
    }
    for (const auto& d : docs) {
      if (d.kind == fb::DocKind::Runbook) model.runbooks.push_back(fb::make_runbook(config, d, load_diags));
      else model.postmortems.push_back(fb::make_postmortem(config, d, load_diags));
    }
  }
  TestSite(const TestSite&) = delete;

  /// All diagnostics of a run at `now` (RFC 3339), finalized as the pipeline does.
  fb::Diagnostics check(const std::string& now = "2026-11-01T00:00:00Z") const {
    fb::Diagnostics all = load_diags;
    all.merge(fb::check_site(config, docs, model, fb::parse_timestamp(now)->epoch, schemas()));
    fb::finalize_diagnostics(config, docs, all);
    return all;
  }
};

/// Diagnostics with `code` (optionally only those at `line`).
inline std::vector<fb::Diagnostic> with_code(const fb::Diagnostics& d, const std::string& code, int line = -1) {
  std::vector<fb::Diagnostic> out;
  for (const auto& x : d.items)
    if (x.code == code && (line < 0 || x.line == line)) out.push_back(x);
  return out;
}

/// Every diagnostic as one line each, for failure messages.
inline std::string dump(const fb::Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items) s += fb::format_diagnostic(x) + "\n";
  return s;
}

/// A runbook file with every section the default policy requires, an owner and a fresh review,
/// plus `extra` front-matter lines and `body` after the sections.
inline fb::SourceFile runbook(const std::string& path, const std::string& extra = "", const std::string& body = "") {
  return {path, "---\nowner: team-a\nlast_reviewed: 2026-10-01\n" + extra +
                    "---\n# Title\n\n## Symptoms\n\nx\n\n## Diagnosis\n\nx\n\n## Mitigation\n\nx\n\n## Escalation\n\nx\n" + body};
}

/// A PIR with `extra` front-matter lines; `severity: SEV3` (no PIR policy) and `status: published`
/// unless `extra` sets them.
inline fb::SourceFile pir(const std::string& path, const std::string& extra = "") {
  auto has_key = [&](const std::string& key) {
    return extra.rfind(key + ":", 0) == 0 || extra.find("\n" + key + ":") != std::string::npos;
  };
  std::string head = "---\n";
  if (!has_key("severity")) head += "severity: SEV3\n";
  if (!has_key("status")) head += "status: published\n";
  return {path, head + extra + "---\n# Review\n"};
}

}  // namespace fbtest
