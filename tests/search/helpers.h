#pragma once
// Builds small sites in memory or from a directory for the search tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"
#include "search/index.h"
#include "util/fs.h"

/// Documents and their model (the model points into `docs`, so a TestSite never moves).
struct TestSite {
  fb::Config config = fb::default_config();
  std::vector<fb::Document> docs;
  fb::SiteModel model;
  TestSite() = default;
  TestSite(const TestSite&) = delete;
  TestSite& operator=(const TestSite&) = delete;

  /// The search index of the site.
  fb::search::SearchIndex index() const { return fb::search::build_index(docs, model, config); }
  /// Position of the document whose URL contains `needle`, or -1.
  long doc_of(const std::string& needle) const {
    for (size_t i = 0; i < docs.size(); ++i)
      if (docs[i].url.find(needle) != std::string::npos) return static_cast<long>(i);
    return -1;
  }
};

/// Parses (path, text) pairs (paths like "content/runbooks/x.md"), sorted by path like the pipeline.
inline std::unique_ptr<TestSite> make_site(std::vector<std::pair<std::string, std::string>> files,
                                           fb::Config config = fb::default_config()) {
  auto site = std::make_unique<TestSite>();
  site->config = std::move(config);
  std::sort(files.begin(), files.end());
  for (const auto& [path, text] : files) {
    fb::Document doc;
    fb::Diagnostics d;
    REQUIRE_MESSAGE(fb::parse_document(site->config, fb::SourceFile{path, text}, doc, d), path);
    site->docs.push_back(std::move(doc));
  }
  fb::Diagnostics d;
  for (const auto& doc : site->docs) {
    if (doc.kind == fb::DocKind::Runbook) site->model.runbooks.push_back(fb::make_runbook(site->config, doc, d));
    else site->model.postmortems.push_back(fb::make_postmortem(site->config, doc, d));
  }
  return site;
}

/// Loads a site directory (site.yaml + content/).
inline std::unique_ptr<TestSite> load_site_dir(const std::filesystem::path& dir) {
  fb::Diagnostics d;
  fb::Config config = fb::load_config(dir, d);
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& rel : fb::discover_content(dir).files) {
    auto bytes = fb::read_file(dir / rel);
    REQUIRE_MESSAGE(bytes.has_value(), rel);
    files.emplace_back(rel, std::move(*bytes));
  }
  return make_site(std::move(files), std::move(config));
}

/// A runbook file's text.
inline std::string runbook_md(const std::string& front, const std::string& body) {
  return "---\n" + front + "\n---\n" + body + "\n";
}
