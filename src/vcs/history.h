#pragma once
/// The git history of a site's content, computed in ONE walk over the commit graph (not one per file):
/// for every content file its creation date, last change (date, author, commit, subject), number of
/// changes and contributors, following renames; plus the list of change events for "what changed".
///
/// Semantics (documented for users in docs/git.md):
/// - Dates are committer dates (when the change landed), seconds since the epoch, UTC.
/// - A commit with one parent is compared with that parent. A merge counts as a change of a file only
///   when the file differs from EVERY parent (git log's default history simplification): a merge that
///   takes one side unchanged is not a change; the side branch's own commits are.
/// - Renames are found per commit (exact, then by similarity with git_diff_find_similar); the history
///   of the old name is attributed to the current file.
/// - A shallow clone stops at its boundary commits (they contribute no changes); `git.max_commits`
///   bounds the walk. Both are reported as info diagnostics.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace fb {

/// What one commit did to one content file.
enum class ChangeKind { Added, Modified, Deleted, Renamed };

/// "added" / "modified" / "deleted" / "renamed".
const char* change_kind_name(ChangeKind kind);

/// The history of one content file as of the revision the walk started from.
struct FileHistory {
  std::optional<int64_t> created;   ///< date of the commit that added it (absent when not reached)
  int64_t last_changed = 0;         ///< date of the newest commit that changed it
  std::string last_author;          ///< author name of that commit (valid UTF-8)
  std::string last_email;           ///< author e-mail of that commit
  std::string last_commit;          ///< full hex id of that commit
  std::string last_subject;         ///< first line of that commit's message
  int changes = 0;                  ///< number of commits that changed it (renames included)
  int contributors = 0;             ///< distinct author e-mails (case-insensitive) among those commits
};

/// Site-relative content path ("content/runbooks/db.md") -> its history. Files no commit in the
/// walk touched have no entry.
using HistoryMap = std::map<std::string, FileHistory>;

/// One change of one content file by one commit, for "what changed".
struct ChangeEvent {
  std::string commit;    ///< full hex id
  int64_t date = 0;      ///< committer date
  std::string author;    ///< author name
  std::string email;     ///< author e-mail
  std::string subject;   ///< first line of the message
  ChangeKind kind = ChangeKind::Modified;
  std::string path;      ///< site-relative path in that commit (the path it was deleted from for Deleted)
  std::string old_path;  ///< site-relative path before a rename ("" otherwise)
  std::string current;   ///< site-relative path of the file at the walk's start ("" when it no longer exists)
};

/// Where and how far to walk.
struct HistoryOptions {
  std::string rev;                    ///< revision the walk starts from; "" = HEAD
  int64_t max_commits = 100000;       ///< bound of the walk (git.max_commits); 0 disables history
  /// Site-relative directories whose files are tracked.
  std::vector<std::string> content_dirs = {"content/runbooks", "content/postmortems"};
  /// Which site-relative paths below content_dirs are content (null: all of them).
  std::function<bool(const std::string&)> is_content;
};

/// The result of the walk.
struct SiteHistory {
  bool in_repository = false;   ///< the site is inside a git work tree and the walk ran
  bool shallow = false;         ///< the repository is a shallow clone (history stops at the boundary)
  bool truncated = false;       ///< the walk stopped at max_commits
  std::string prefix;           ///< site dir relative to the work tree, '/'-terminated ("" at the root)
  std::string start_commit;     ///< hex id the walk started from
  size_t commits_walked = 0;    ///< commits visited
  HistoryMap files;             ///< per current content file
  std::vector<ChangeEvent> events;  ///< newest first (date desc, then commit id, then path)
  Diagnostics diags;            ///< FB801 no repository, FB802 shallow, FB803 truncated, FB804 git error

  /// The history of `path` (site-relative), or nullptr when none is known.
  const FileHistory* find(const std::string& path) const;
  /// Events with `date >= since`, newest first.
  std::vector<ChangeEvent> changes_since(int64_t since) const;
};

/// Walks the history of the repository holding `site_dir` once. Never throws for repository
/// problems: outside a repository the result has in_repository=false and an FB801 info; a git error
/// gives an FB804 warning and whatever was computed before it.
SiteHistory read_history(const std::filesystem::path& site_dir, const HistoryOptions& options);

}  // namespace fb
