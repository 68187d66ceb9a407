#include "vcs/revision.h"

#include <algorithm>

#include <fmt/format.h>

#include "vcs/repository.h"

namespace fb {
namespace {

/// The tree at `path` inside `root` ("" = root itself); null when absent or not a tree.
git::TreePtr subtree(git_repository* repo, const git_tree* root, const std::string& path) {
  git_tree* out = nullptr;
  if (path.empty()) {
    if (git_tree_dup(&out, const_cast<git_tree*>(root)) < 0) return nullptr;
    return git::TreePtr(out);
  }
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, root, path.c_str()) < 0) return nullptr;
  git::TreeEntryPtr entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) return nullptr;
  if (git_tree_lookup(&out, repo, git_tree_entry_id(entry.get())) < 0) return nullptr;
  return git::TreePtr(out);
}

/// The bytes of the blob at `path` inside `tree`, or nullopt when absent.
std::optional<std::string> blob_at(git_repository* repo, const git_tree* tree, const std::string& path) {
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) return std::nullopt;
  git::TreeEntryPtr entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, repo, git_tree_entry_id(entry.get())) < 0) return std::nullopt;
  git::BlobPtr owned(blob);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob)), git_blob_rawsize(blob));
}

struct WalkState {
  git_repository* repo;
  const std::string* dir;
  const std::function<bool(const std::string&)>* is_content;
  std::vector<RevisionFile>* files;
  std::string error;
};

int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  auto* st = static_cast<WalkState*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;  // no symlinks
  std::string path = *st->dir + "/" + root + git_tree_entry_name(entry);
  if (*st->is_content && !(*st->is_content)(path)) return 0;
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, st->repo, git_tree_entry_id(entry)) < 0) {
    st->error = git::last_error();
    return -1;
  }
  git::BlobPtr owned(blob);
  st->files->push_back({std::move(path), std::string(static_cast<const char*>(git_blob_rawcontent(blob)),
                                                     git_blob_rawsize(blob))});
  return 0;
}

}  // namespace

SiteRevision read_revision(const std::filesystem::path& site_dir, const std::string& rev,
                           const std::vector<std::string>& content_dirs,
                           const std::function<bool(const std::string&)>& is_content) {
  SiteRevision out;
  git::SiteRepository site = git::open_site_repository(site_dir);
  if (!site.repo) {
    out.error = site.error.empty()
                    ? fmt::format("--rev {}: {} is not inside a git repository", rev, site_dir.string())
                    : fmt::format("--rev {}: cannot open the git repository: {}", rev, site.error);
    return out;
  }
  std::string error;
  git::CommitPtr commit = git::resolve_commit(site.repo.get(), rev, error);
  if (!commit) {
    out.error = fmt::format("--rev {}: unknown revision ({})", rev, error);
    return out;
  }
  out.commit = git_oid_tostr_s(git_commit_id(commit.get()));
  git_tree* raw = nullptr;
  if (git_commit_tree(&raw, commit.get()) < 0) {
    out.error = fmt::format("--rev {}: {}", rev, git::last_error());
    return out;
  }
  git::TreePtr root(raw);
  std::string prefix = site.prefix.empty() ? "" : site.prefix.substr(0, site.prefix.size() - 1);
  git::TreePtr site_tree = subtree(site.repo.get(), root.get(), prefix);
  if (!site_tree) {
    out.error = fmt::format("--rev {}: the site directory '{}' does not exist in commit {}", rev, prefix,
                            out.commit.substr(0, 12));
    return out;
  }
  out.site_yaml = blob_at(site.repo.get(), site_tree.get(), "site.yaml");
  for (const auto& dir : content_dirs) {
    git::TreePtr tree = subtree(site.repo.get(), site_tree.get(), dir);
    if (!tree) continue;
    WalkState st{site.repo.get(), &dir, &is_content, &out.files, {}};
    if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_blob, &st) < 0) {
      out.error = fmt::format("--rev {}: cannot read {}: {}", rev, dir, st.error.empty() ? git::last_error() : st.error);
      return out;
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const RevisionFile& a, const RevisionFile& b) { return a.path < b.path; });
  out.ok = true;
  return out;
}

}  // namespace fb
