#pragma once
/// Private to vcs/: what changed between two trees, restricted to the site's content directories,
/// with renames detected. The hot path of the history walk.
#include <functional>
#include <memory>
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

/// One side of a changed file: path and blob id.
struct BlobAt {
  std::string path;
  git_oid id{};
};

/// Turns added and deleted files of one tree pair into PathChanges (appended to `out`): files with the
/// same blob id pair up as renames first (in path order), then libgit2's similarity detection
/// (git_diff_find_similar, default 50 % threshold) pairs the rest; the others stay adds and deletes.
/// Paths are site-relative; `prefix` turns them into repo paths for libgit2.
bool pair_renames(git_repository* repo, const git_oid* old_root, const git_oid& new_root, const std::string& prefix,
                  std::vector<BlobAt>& deleted, std::vector<BlobAt>& added, std::vector<PathChange>& out,
                  std::string& error);

/// Which part of the tree matters.
struct DiffScope {
  std::string prefix;                ///< site dir inside the repository, '/'-terminated or ""
  std::vector<std::string> dirs;     ///< repo-relative content directories (prefix + content dir)
  std::function<bool(const std::string&)> is_content;  ///< site-relative filter (null: everything)
};

/// Builds the scope for a site at `prefix` with site-relative `content_dirs`.
DiffScope make_scope(const std::string& prefix, const std::vector<std::string>& content_dirs,
                     std::function<bool(const std::string&)> is_content);

/// Computes what changed between two trees inside a scope. Keeps the trees it loaded for the
/// previous call, so walking consecutive commits parses each version of a folder once. One per
/// thread (libgit2 objects are not shared between threads).
class TreeDiffer {
 public:
  /// `repo` and `scope` must outlive the differ.
  TreeDiffer(git_repository* repo, const DiffScope& scope);
  ~TreeDiffer();
  TreeDiffer(const TreeDiffer&) = delete;
  TreeDiffer& operator=(const TreeDiffer&) = delete;

  /// Changes from tree `old_tree` (null: the empty tree) to tree `new_tree`, sorted by path.
  /// Added+deleted pairs become renames (same blob first, then git_diff_find_similar).
  /// Returns false and sets `error` on a libgit2 failure.
  bool diff(const git_oid* old_tree, const git_oid& new_tree, std::vector<PathChange>& out, std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fb::git
