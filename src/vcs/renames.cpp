#include <algorithm>
#include <cstring>
#include <map>

#include "vcs/tree_diff.h"

namespace fb::git {
namespace {

/// Renames by similarity among unmatched deletes and adds, with libgit2's own detection
/// (git_diff_find_similar) on a diff restricted to exactly those paths (repo paths).
bool similar_renames(git_repository* repo, const git_oid* old_root, const git_oid& new_root,
                     const std::vector<std::string>& paths, std::vector<std::pair<std::string, std::string>>& renames,
                     std::string& error) {
  git_tree* raw_old = nullptr;
  git_tree* raw_new = nullptr;
  if ((old_root && git_tree_lookup(&raw_old, repo, old_root) < 0) || git_tree_lookup(&raw_new, repo, &new_root) < 0) {
    error = last_error();
    git_tree_free(raw_old);
    return false;
  }
  TreePtr old_tree(raw_old), new_tree(raw_new);
  std::vector<char*> specs;
  for (const auto& p : paths) specs.push_back(const_cast<char*>(p.c_str()));
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.pathspec = {specs.data(), specs.size()};
  opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH | GIT_DIFF_SKIP_BINARY_CHECK;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, old_tree.get(), new_tree.get(), &opts) < 0) {
    error = last_error();
    return false;
  }
  DiffPtr diff(raw);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  find.rename_limit = 1000;
  if (git_diff_find_similar(diff.get(), &find) < 0) {
    error = last_error();
    return false;
  }
  for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->status == GIT_DELTA_RENAMED) renames.emplace_back(d->old_file.path, d->new_file.path);
  }
  return true;
}

struct OidLess {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_cmp(&a, &b) < 0; }
};

}  // namespace

bool pair_renames(git_repository* repo, const git_oid* old_root, const git_oid& new_root, const std::string& prefix,
                  std::vector<BlobAt>& deleted, std::vector<BlobAt>& added, std::vector<PathChange>& out,
                  std::string& error) {
  std::vector<char> del_used(deleted.size(), 0), add_used(added.size(), 0);
  std::vector<std::pair<std::string, std::string>> renames;
  if (!added.empty() && !deleted.empty()) {
    // Same blob: an exact rename.
    std::multimap<git_oid, size_t, OidLess> by_id;
    for (size_t k = 0; k < deleted.size(); ++k) by_id.emplace(deleted[k].id, k);
    for (size_t k = 0; k < added.size(); ++k) {
      auto it = by_id.find(added[k].id);
      if (it == by_id.end()) continue;
      del_used[it->second] = add_used[k] = 1;
      renames.emplace_back(deleted[it->second].path, added[k].path);
      by_id.erase(it);
    }
    std::vector<std::string> candidates;
    bool del_left = false, add_left = false;
    for (size_t k = 0; k < deleted.size(); ++k)
      if (!del_used[k]) candidates.push_back(prefix + deleted[k].path), del_left = true;
    for (size_t k = 0; k < added.size(); ++k)
      if (!add_used[k]) candidates.push_back(prefix + added[k].path), add_left = true;
    if (del_left && add_left) {
      std::vector<std::pair<std::string, std::string>> found;
      if (!similar_renames(repo, old_root, new_root, candidates, found, error)) return false;
      for (auto& [from, to] : found) {
        std::string f = from.substr(prefix.size()), t = to.substr(prefix.size());
        for (size_t k = 0; k < deleted.size(); ++k)
          if (!del_used[k] && deleted[k].path == f) del_used[k] = 1;
        for (size_t k = 0; k < added.size(); ++k)
          if (!add_used[k] && added[k].path == t) add_used[k] = 1;
        renames.emplace_back(std::move(f), std::move(t));
      }
    }
  }
  for (auto& [from, to] : renames) out.push_back({ChangeKind::Renamed, std::move(to), std::move(from)});
  for (size_t k = 0; k < deleted.size(); ++k)
    if (!del_used[k]) out.push_back({ChangeKind::Deleted, std::move(deleted[k].path), {}});
  for (size_t k = 0; k < added.size(); ++k)
    if (!add_used[k]) out.push_back({ChangeKind::Added, std::move(added[k].path), {}});
  return true;
}

}  // namespace fb::git
