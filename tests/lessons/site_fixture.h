#pragma once
// Builds a small in-memory site (config + documents + model) from file texts, for lessons tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"
#include "util/fs.h"

namespace fbtest {

/// A site assembled from (path, text) pairs; documents keep stable addresses for the model.
struct TestSite {
  fb::Config config = fb::default_config();
  std::vector<fb::Document> docs;
  fb::SiteModel model;

  /// Parses and models every file (path must be content/runbooks/... or content/postmortems/...).
  void load(const std::vector<std::pair<std::string, std::string>>& files) {
    docs.clear();
    model = {};
    docs.reserve(files.size());
    for (const auto& [path, text] : files) {
      fb::Document d;
      fb::Diagnostics diags;
      REQUIRE_MESSAGE(fb::parse_document(config, fb::SourceFile{path, text}, d, diags), path);
      docs.push_back(std::move(d));
    }
    for (const auto& d : docs) {
      fb::Diagnostics diags;
      if (d.kind == fb::DocKind::Runbook) model.runbooks.push_back(fb::make_runbook(config, d, diags));
      else model.postmortems.push_back(fb::make_postmortem(config, d, diags));
    }
  }

  /// Loads every .md file below `dir` (a site root holding content/).
  void load_dir(const std::filesystem::path& dir) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& path : fb::discover_content(dir).files) files.push_back({path, *fb::read_file(dir / path)});
    load(files);
  }
};

/// A PIR file with the given front-matter lines (no body unless given).
inline std::pair<std::string, std::string> pir(const std::string& name, const std::string& front_matter,
                                               const std::string& body = "") {
  return {"content/postmortems/" + name + ".md", "---\n" + front_matter + "---\n" + body};
}

/// Two uncategorised, untagged PIRs dated 1970 and 2099: they stretch the span the significance test
/// of category recurrence spreads incidents over (docs/patterns.md#significance), so a burst of two or
/// three incidents in a test fixture is unlikely under chance, without taking part in any pattern.
inline std::vector<std::pair<std::string, std::string>> span_anchors() {
  return {{"content/postmortems/anchor-1970.md", "---\nincident_id: ANCHOR-1970\nstarted_at: 1970-01-01T00:00:00Z\n---\n"},
          {"content/postmortems/anchor-2099.md", "---\nincident_id: ANCHOR-2099\nstarted_at: 2099-01-01T00:00:00Z\n---\n"}};
}

/// `files` followed by span_anchors().
inline std::vector<std::pair<std::string, std::string>> with_span_anchors(std::vector<std::pair<std::string, std::string>> files) {
  for (auto& f : span_anchors()) files.push_back(std::move(f));
  return files;
}

/// A runbook file.
inline std::pair<std::string, std::string> runbook(const std::string& name, const std::string& front_matter,
                                                   const std::string& body = "# Runbook\n") {
  return {"content/runbooks/" + name + ".md", "---\n" + front_matter + "---\n" + body};
}

/// Index of the PIR with incident id `id` in the model, or SIZE_MAX.
inline size_t index_of(const fb::SiteModel& model, const std::string& id) {
  for (size_t i = 0; i < model.postmortems.size(); ++i)
    if (model.postmortems[i].incident_id == id) return i;
  return SIZE_MAX;
}

}  // namespace fbtest
