#pragma once
/// Reading a site as of a git revision (commit id, tag, branch, any revparse expression) straight
/// from the object database: the working tree and the index are never read or written.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fb {

/// One file of the revision (site-relative path, raw bytes).
struct RevisionFile {
  std::string path;   ///< "content/runbooks/db.md"
  std::string bytes;
};

/// A site's configuration and content as of one revision.
struct SiteRevision {
  bool ok = false;                        ///< false: `error` says why (unknown revision, no repository...)
  std::string error;                      ///< a message for the user when !ok
  std::string commit;                     ///< full hex id the revision resolved to
  std::optional<std::string> site_yaml;   ///< site.yaml of that revision (absent when it had none)
  std::vector<RevisionFile> files;        ///< content files, sorted by path
};

/// Reads `rev` for the site at `site_dir` (the repository is found from the directory; the site's
/// place inside the repository is the same as in the working tree). `content_dirs` are the
/// site-relative directories to read; `is_content` filters their files (null: all regular files).
SiteRevision read_revision(const std::filesystem::path& site_dir, const std::string& rev,
                           const std::vector<std::string>& content_dirs,
                           const std::function<bool(const std::string&)>& is_content);

}  // namespace fb
