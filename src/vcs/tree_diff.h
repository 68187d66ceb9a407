#pragma once
/// Private to vcs/: what changed between two trees, restricted to the site's content directories,
/// with renames detected. The hot path of the history walk.
#include <functional>
#include <string>
#include <vector>

#include "vcs/history.h"
#include "vcs/repository.h"

namespace fb::git {

/// One changed content path between two trees (site-relative paths).
struct PathChange {
  ChangeKind kind = ChangeKind::Modified;
  std::string path;      ///< new path (old path for Deleted)
  std::string old_path;  ///< old path of a rename, else ""
};

/// Which part of the tree matters.
struct DiffScope {
  std::string prefix;                ///< site dir inside the repository, '/'-terminated or ""
  std::vector<std::string> dirs;     ///< repo-relative content directories (prefix + content dir)
  std::function<bool(const std::string&)> is_content;  ///< site-relative filter (null: everything)
};

/// Builds the scope for a site at `prefix` with site-relative `content_dirs`.
DiffScope make_scope(const std::string& prefix, const std::vector<std::string>& content_dirs,
                     std::function<bool(const std::string&)> is_content);

/// Changes from `old_tree` (null: the empty tree) to `new_tree` inside `scope`, sorted by path.
/// Added+deleted pairs become renames (exact matches first, then git_diff_find_similar).
/// Returns false and sets `error` on a libgit2 failure.
bool diff_trees(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree, const DiffScope& scope,
                std::vector<PathChange>& out, std::string& error);

}  // namespace fb::git
