#pragma once
/// `firebreak new`: a new runbook or PIR from an archetype (the site's archetypes/ over the theme's).
#include <filesystem>
#include <string>

namespace fb {

/// Result of scaffolding: the written path (site-relative) or an error message.
struct ScaffoldResult {
  bool ok = false;
  std::string path;
  std::string error;
  bool usage_error = false;  ///< the arguments were wrong (kind, slug): exit 2, not 1
};

/// Writes content/runbooks/<slug>.md (kind "runbook") or content/postmortems/<slug>.md (kind
/// "postmortem") from the archetype `<kind>.md`, rendered as Mustache with title, slug, date, now.
/// Never overwrites an existing file. `slug` may contain folders ("orders-db/pool-exhausted").
ScaffoldResult scaffold(const std::filesystem::path& site_dir, const std::string& theme, const std::string& kind,
                        const std::string& slug, int64_t now);

}  // namespace fb
