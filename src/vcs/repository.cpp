#include "vcs/repository.h"

#include <fstream>
#include <mutex>

#include "util/text.h"

namespace fb::git {
namespace fs = std::filesystem;

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Like git itself, trust the object database instead of re-hashing every object read (libgit2's
    // default verification was 40 % of the history walk). `git fsck` is the tool for corruption.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string("unknown error");
}

namespace {

/// Hex ids listed in <commondir>/shallow (one per line).
std::set<std::string> read_grafts(git_repository* repo) {
  std::set<std::string> out;
  std::ifstream in(fs::path(git_repository_commondir(repo)) / "shallow");
  std::string line;
  while (std::getline(in, line)) {
    std::string id(trim(line));
    if (id.size() == GIT_OID_HEXSZ) out.insert(id);
  }
  return out;
}

}  // namespace

SiteRepository open_site_repository(const fs::path& site_dir) {
  init();
  SiteRepository out;
  std::error_code ec;
  fs::path site = fs::weakly_canonical(fs::absolute(site_dir, ec), ec);
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, site.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return out;
  if (rc < 0) {
    out.error = last_error();
    return out;
  }
  out.repo.reset(raw);
  const char* workdir = git_repository_workdir(raw);
  if (!workdir) {  // bare repository: a site cannot live inside one
    out.repo.reset();
    return out;
  }
  fs::path root = fs::weakly_canonical(fs::path(workdir), ec);
  fs::path rel = site.lexically_relative(root);
  std::string prefix = rel.generic_string();
  if (prefix.empty() || prefix.rfind("..", 0) == 0) {  // not below the work tree (should not happen)
    out.repo.reset();
    return out;
  }
  out.prefix = prefix == "." ? "" : prefix + "/";
  out.shallow = git_repository_is_shallow(raw) == 1;
  if (out.shallow) out.grafts = read_grafts(raw);
  return out;
}

CommitPtr resolve_commit(git_repository* repo, const std::string& rev, std::string& error) {
  git_object* obj = nullptr;
  std::string spec = rev.empty() ? "HEAD" : rev;
  if (git_revparse_single(&obj, repo, spec.c_str()) < 0) {
    error = last_error();
    return nullptr;
  }
  ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
    error = "'" + spec + "' does not name a commit: " + last_error();
    return nullptr;
  }
  return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

std::string valid_utf8(const char* text) {
  std::string_view in(text ? text : "");
  std::string out;
  out.reserve(in.size());
  size_t bad = 0;
  while (!is_valid_utf8(in, &bad)) {
    out.append(in.substr(0, bad));
    out += "\xEF\xBF\xBD";
    in.remove_prefix(bad + 1);
  }
  out.append(in);
  return out;
}

}  // namespace fb::git
