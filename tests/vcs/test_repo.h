#pragma once
// Temporary git repositories built with libgit2 itself (no git binary needed): every commit is made
// from an explicit file map, author, e-mail and time, so histories are deterministic.
#include <git2.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/fs.h"

namespace fbtest {

namespace fs = std::filesystem;

/// A file map: repo-relative path -> content.
using Files = std::map<std::string, std::string>;

/// Who made a commit and when.
struct Who {
  std::string name = "Alice Example";
  std::string email = "alice@example.com";
};

inline void check_git(int rc, const char* what) {
  if (rc < 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string(what) + ": " + (e ? e->message : "?"));
  }
}

/// A fresh repository in a temp directory; commits are built from file maps (not the work tree).
struct TestRepo {
  fs::path dir;
  git_repository* repo = nullptr;

  explicit TestRepo(const std::string& name) {
    git_libgit2_init();
    dir = fs::temp_directory_path() / ("fb-vcs-test-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    git_repository_init_options o = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    o.initial_head = "main";
    check_git(git_repository_init_ext(&repo, dir.c_str(), &o), "init");
  }
  ~TestRepo() {
    git_repository_free(repo);
    git_libgit2_shutdown();
  }
  TestRepo(const TestRepo&) = delete;
  TestRepo& operator=(const TestRepo&) = delete;

  /// Writes `files` as a commit with `parents` (default: the current HEAD, if any) and moves `ref`
  /// (default HEAD; "" = no ref) to it. Returns the commit id.
  git_oid commit(const Files& files, const std::string& message, int64_t time, const Who& who = {},
                 std::vector<git_oid> parents = {}, const char* ref = "HEAD", bool use_head = true) {
    git_index* index = nullptr;
    check_git(git_index_new(&index), "index");
    for (const auto& [path, bytes] : files) {
      git_index_entry e{};
      e.mode = GIT_FILEMODE_BLOB;
      e.path = path.c_str();
      check_git(git_blob_create_from_buffer(&e.id, repo, bytes.data(), bytes.size()), "blob");
      check_git(git_index_add(index, &e), "index add");
    }
    git_oid tree_id;
    check_git(git_index_write_tree_to(&tree_id, index, repo), "write tree");
    git_index_free(index);
    git_tree* tree = nullptr;
    check_git(git_tree_lookup(&tree, repo, &tree_id), "tree");
    if (parents.empty() && use_head) {
      git_oid head;
      if (git_reference_name_to_id(&head, repo, "HEAD") == 0) parents.push_back(head);
    }
    std::vector<git_commit*> pcs;
    for (auto& p : parents) {
      git_commit* c = nullptr;
      check_git(git_commit_lookup(&c, repo, &p), "parent");
      pcs.push_back(c);
    }
    git_signature* sig = nullptr;
    check_git(git_signature_new(&sig, who.name.c_str(), who.email.c_str(), time, 0), "signature");
    git_oid id;
    std::vector<const git_commit*> cparents(pcs.begin(), pcs.end());
    check_git(git_commit_create(&id, repo, ref && *ref ? ref : nullptr, sig, sig, nullptr, message.c_str(), tree,
                                cparents.size(), cparents.data()),
              "commit");
    git_signature_free(sig);
    for (auto* c : pcs) git_commit_free(c);
    git_tree_free(tree);
    return id;
  }

  /// Writes `files` into the work tree (what a checkout of them would look like).
  void write_worktree(const Files& files) {
    for (const auto& [path, bytes] : files) fb::write_file(dir / path, bytes);
  }

  /// Points branch `name` at `id`.
  void branch(const std::string& name, const git_oid& id) {
    git_reference* ref = nullptr;
    check_git(git_reference_create(&ref, repo, ("refs/heads/" + name).c_str(), &id, 1, "test"), "branch");
    git_reference_free(ref);
  }

  /// A lightweight tag `name` at `id`.
  void tag(const std::string& name, const git_oid& id) {
    git_object* obj = nullptr;
    check_git(git_object_lookup(&obj, repo, &id, GIT_OBJECT_COMMIT), "tag target");
    git_oid tag_id;
    check_git(git_tag_create_lightweight(&tag_id, repo, name.c_str(), obj, 1), "tag");
    git_object_free(obj);
  }

  /// Detaches HEAD at `id`.
  void detach(const git_oid& id) { check_git(git_repository_set_head_detached(repo, &id), "detach"); }
};

/// Hex form of an id.
inline std::string hex(const git_oid& id) { return git_oid_tostr_s(&id); }

/// True when the git command-line tool is available (needed only for shallow clones).
inline bool have_git_cli() { return std::system("git --version >/dev/null 2>&1") == 0; }

/// A runbook file with a body that is easy to change a little (for similarity renames).
inline std::string runbook_text(const std::string& title, int variant = 0) {
  std::string body = "---\ntitle: " + title + "\nservice: db\n---\n## Symptoms\n\n";
  for (int i = 0; i < 20; ++i) body += "Line " + std::to_string(i) + " of the diagnosis steps for the database.\n";
  body += "Variant " + std::to_string(variant) + "\n";
  return body;
}

}  // namespace fbtest
