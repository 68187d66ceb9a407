#pragma once
/// The search module's entry points for the build pipeline and the CLI.
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"
#include "util/output.h"

namespace fb::search {

/// The fingerprint of a site's content (every document's path and content hash, and site.yaml).
std::string site_fingerprint(const std::vector<Document>& docs, std::string_view site_yaml);

/// Builds the index of a site and returns its published files (paths below `search/`).
/// `site_yaml` is the text of site.yaml (only its hash is used, to fingerprint the content).
OutputFiles search_files(const std::vector<Document>& docs, const SiteModel& model, const Config& config,
                         std::string_view site_yaml);

}  // namespace fb::search
