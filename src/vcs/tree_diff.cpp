#include "vcs/tree_diff.h"

#include <algorithm>

namespace fb::git {

DiffScope make_scope(const std::string& prefix, const std::vector<std::string>& content_dirs,
                     std::function<bool(const std::string&)> is_content) {
  DiffScope s;
  s.prefix = prefix;
  for (const auto& d : content_dirs) s.dirs.push_back(prefix + d);
  s.is_content = std::move(is_content);
  return s;
}

namespace {

/// Site-relative form of a repo-relative path inside the scope, or "" when it is not content.
std::string site_path(const DiffScope& scope, const char* repo_path) {
  if (!repo_path) return {};
  std::string p(repo_path);
  if (p.compare(0, scope.prefix.size(), scope.prefix) != 0) return {};
  p.erase(0, scope.prefix.size());
  if (scope.is_content && !scope.is_content(p)) return {};
  return p;
}

}  // namespace

bool diff_trees(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree, const DiffScope& scope,
                std::vector<PathChange>& out, std::string& error) {
  std::vector<char*> specs;
  for (const auto& d : scope.dirs) specs.push_back(const_cast<char*>(d.c_str()));
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.pathspec = {specs.data(), specs.size()};
  opts.flags = GIT_DIFF_SKIP_BINARY_CHECK;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, const_cast<git_tree*>(old_tree), const_cast<git_tree*>(new_tree), &opts) < 0) {
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
    std::string oldp = site_path(scope, d->old_file.path), newp = site_path(scope, d->new_file.path);
    PathChange c;
    switch (d->status) {
      case GIT_DELTA_ADDED: c = {ChangeKind::Added, newp, {}}; break;
      case GIT_DELTA_DELETED: c = {ChangeKind::Deleted, oldp, {}}; break;
      case GIT_DELTA_RENAMED:
        if (oldp.empty()) c = {ChangeKind::Added, newp, {}};          // renamed from a non-content file
        else if (newp.empty()) c = {ChangeKind::Deleted, oldp, {}};   // renamed to a non-content file
        else c = {ChangeKind::Renamed, newp, oldp};
        break;
      case GIT_DELTA_MODIFIED:
      case GIT_DELTA_TYPECHANGE: c = {ChangeKind::Modified, newp, {}}; break;
      default: continue;
    }
    if (!c.path.empty()) out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
  return true;
}

}  // namespace fb::git
