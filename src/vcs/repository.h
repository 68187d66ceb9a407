#pragma once
/// Private to vcs/: RAII handles for libgit2 objects and locating the repository that holds a site.
/// Nothing outside src/vcs/ includes this header (the public contracts are history.h and revision.h).
#include <git2.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

namespace fb::git {

/// Initialises libgit2 once per process (thread-safe, idempotent).
void init();

/// Deleter calling libgit2's free function for `T`.
template <class T, void (*Free)(T*)>
struct Deleter {
  /// Frees `p` (null is allowed).
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
/// Owning pointer to a libgit2 object.
template <class T, void (*Free)(T*)>
using Ptr = std::unique_ptr<T, Deleter<T, Free>>;
using RepoPtr = Ptr<git_repository, git_repository_free>;        ///< owns a repository
using CommitPtr = Ptr<git_commit, git_commit_free>;              ///< owns a commit
using TreePtr = Ptr<git_tree, git_tree_free>;                    ///< owns a tree
using TreeEntryPtr = Ptr<git_tree_entry, git_tree_entry_free>;   ///< owns a tree entry (from bypath)
using BlobPtr = Ptr<git_blob, git_blob_free>;                    ///< owns a blob
using DiffPtr = Ptr<git_diff, git_diff_free>;                    ///< owns a diff
using ObjectPtr = Ptr<git_object, git_object_free>;              ///< owns any object

/// The message of the last libgit2 error on this thread ("unknown error" when none).
std::string last_error();

/// The repository holding a site directory, and where the site sits inside it.
struct SiteRepository {
  RepoPtr repo;                    ///< null when the site is not inside a (non-bare) work tree
  std::string prefix;              ///< site dir relative to the work tree, '/'-terminated, "" at the root
  bool shallow = false;            ///< the repository is a shallow clone
  std::set<std::string> grafts;    ///< hex ids of the shallow boundary commits (their parents are absent)
  std::string error;               ///< why a repository that exists could not be opened ("" otherwise)
};

/// Finds the repository containing `site_dir` (searching upwards like git does). `repo` is null and
/// `error` empty when there is none; `error` is set when one was found but could not be used.
SiteRepository open_site_repository(const std::filesystem::path& site_dir);

/// Resolves `rev` (a commit id, tag, branch or any revparse expression; "HEAD" when empty) to a
/// commit, peeling tags. Returns null and sets `error` when it does not name a commit.
CommitPtr resolve_commit(git_repository* repo, const std::string& rev, std::string& error);

/// Replaces invalid UTF-8 sequences with U+FFFD so names and subjects are always valid UTF-8.
std::string valid_utf8(const char* text);

}  // namespace fb::git
