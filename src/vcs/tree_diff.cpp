#include "vcs/tree_diff.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "util/text.h"

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

using OdbObjectPtr = Ptr<git_odb_object, git_odb_object_free>;
using OdbPtr = Ptr<git_odb, git_odb_free>;

/// A tree object's raw bytes: a sequence of "<octal mode> <name>\0<20-byte id>" entries in git order.
/// Reading them directly (instead of git_tree_lookup) skips libgit2's per-entry parse and object cache.
struct RawTree {
  const unsigned char* data = nullptr;
  size_t size = 0;
};

/// One entry of a raw tree.
struct Entry {
  unsigned mode = 0;
  std::string_view name;
  const unsigned char* id = nullptr;  ///< 20 raw bytes
  size_t begin = 0, end = 0;          ///< byte range of the whole entry
  bool tree() const { return mode == 040000; }
  bool file() const { return mode == 0100644 || mode == 0100755 || mode == 0100664; }
};

/// Parses the entry at `pos`; false at the end or on malformed data.
bool entry_at(const RawTree& t, size_t pos, Entry& e) {
  if (pos >= t.size) return false;
  const unsigned char* p = t.data + pos;
  const unsigned char* end = t.data + t.size;
  unsigned mode = 0;
  while (p < end && *p >= '0' && *p <= '7') mode = mode * 8 + (*p++ - '0');
  if (p >= end || *p != ' ') return false;
  const unsigned char* name = ++p;
  const void* nul = std::memchr(name, 0, static_cast<size_t>(end - name));
  if (!nul) return false;
  p = static_cast<const unsigned char*>(nul);
  if (static_cast<size_t>(end - p) < 1 + GIT_OID_RAWSZ) return false;
  e.mode = mode;
  e.name = std::string_view(reinterpret_cast<const char*>(name), static_cast<size_t>(p - name));
  e.id = p + 1;
  e.begin = pos;
  e.end = static_cast<size_t>(p + 1 + GIT_OID_RAWSZ - t.data);
  return true;
}

/// Git's tree order: names compare bytewise, a tree's name as if it ended in '/'.
int git_order(const Entry& a, const Entry& b) {
  size_t n = std::min(a.name.size(), b.name.size());
  if (int c = std::memcmp(a.name.data(), b.name.data(), n)) return c;
  auto next = [n](const Entry& e) -> int {
    return e.name.size() > n ? static_cast<unsigned char>(e.name[n]) : (e.tree() ? '/' : 0);
  };
  return next(a) - next(b);
}

git_oid to_oid(const unsigned char* raw) {
  git_oid id;
  git_oid_fromraw(&id, raw);
  return id;
}

struct OidHash {
  size_t operator()(const git_oid& id) const {
    size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

/// Raw trees of the current and the previous diff, by id: consecutive commits share most trees.
class TreeCache {
 public:
  explicit TreeCache(git_repository* repo) {
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, repo) == 0) odb_.reset(odb);
  }
  /// Starts a new diff: trees not used by the previous one are released.
  void next() {
    previous_.swap(current_);
    current_.clear();
  }
  /// The tree `id`; false (with `error`) when it cannot be read or is not a tree.
  bool get(const git_oid& id, RawTree& out, std::string& error) {
    auto it = current_.find(id);
    if (it == current_.end()) {
      OdbObjectPtr obj;
      if (auto old = previous_.find(id); old != previous_.end()) {
        obj = std::move(old->second);
        previous_.erase(old);
      } else {
        git_odb_object* raw = nullptr;
        if (!odb_ || git_odb_read(&raw, odb_.get(), &id) < 0) {
          error = last_error();
          return false;
        }
        obj.reset(raw);
        if (git_odb_object_type(raw) != GIT_OBJECT_TREE) {
          error = std::string("object ") + git_oid_tostr_s(&id) + " is not a tree";
          return false;
        }
      }
      it = current_.emplace(id, std::move(obj)).first;
    }
    out.data = static_cast<const unsigned char*>(git_odb_object_data(it->second.get()));
    out.size = git_odb_object_size(it->second.get());
    return true;
  }

 private:
  OdbPtr odb_;
  std::unordered_map<git_oid, OdbObjectPtr, OidHash, OidEq> current_, previous_;
};

/// Length of the common prefix of two byte ranges (8 bytes at a time).
size_t common_prefix(const unsigned char* a, const unsigned char* b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) break;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

/// Length of the common suffix of two byte ranges (8 bytes at a time).
size_t common_suffix(const unsigned char* a, size_t na, const unsigned char* b, size_t nb) {
  size_t i = 0, n = std::min(na, nb);
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + na - i - 8, 8);
    std::memcpy(&y, b + nb - i - 8, 8);
    if (x != y) break;
  }
  while (i < n && a[na - 1 - i] == b[nb - 1 - i]) ++i;
  return i;
}

/// Compares two trees recursively, descending only into subtrees whose ids differ. Two versions of
/// a folder share a long common prefix and suffix of bytes: only the entries in between are compared.
class Differ {
 public:
  Differ(TreeCache& cache, std::vector<BlobAt>& added, std::vector<BlobAt>& deleted, std::vector<BlobAt>& modified)
      : cache_(cache), added_(added), deleted_(deleted), modified_(modified) {}

  /// Compares `a` and `b` (an absent side has size 0) below repo path `base` ('/'-terminated).
  bool compare(const RawTree& a, const RawTree& b, std::string& base) {
    const size_t prefix = common_prefix(a.data, b.data, std::min(a.size, b.size));
    const size_t suffix = common_suffix(a.data, a.size, b.data, b.size);
    size_t i = 0, j = 0;
    Entry ea, eb;
    // Skip the entries wholly inside the common prefix (same bytes, same offsets on both sides).
    while (entry_at(a, i, ea) && ea.end <= prefix) i = j = ea.end;
    for (;;) {
      // The rest is byte-identical from here on: nothing else changed.
      if (a.size - i == b.size - j && a.size - i <= suffix) return true;
      bool ha = entry_at(a, i, ea), hb = entry_at(b, j, eb);
      if (!ha && !hb) return true;
      int c = !ha ? 1 : !hb ? -1 : git_order(ea, eb);
      if (c == 0) {
        i = ea.end, j = eb.end;
        if (ea.mode == eb.mode && std::memcmp(ea.id, eb.id, GIT_OID_RAWSZ) == 0) continue;
        if (!entry_pair(&ea, &eb, base)) return false;
      } else if (c < 0) {
        i = ea.end;
        if (!entry_pair(&ea, nullptr, base)) return false;
      } else {
        j = eb.end;
        if (!entry_pair(nullptr, &eb, base)) return false;
      }
    }
  }

  std::string error;  ///< set when compare() returns false

 private:
  TreeCache& cache_;
  std::vector<BlobAt>& added_;
  std::vector<BlobAt>& deleted_;
  std::vector<BlobAt>& modified_;

  bool load(const Entry& e, RawTree& out) { return cache_.get(to_oid(e.id), out, error); }

  /// A changed name: same name on both sides (a, b), or only one side.
  bool entry_pair(const Entry* a, const Entry* b, std::string& base) {
    size_t keep = base.size();
    base += (a ? a : b)->name;
    bool ok = true;
    if (a && b && a->tree() && b->tree()) {
      RawTree ta, tb;
      base += '/';
      ok = load(*a, ta) && load(*b, tb) && compare(ta, tb, base);
    } else if (a && b && a->file() && b->file()) {
      modified_.push_back({base, to_oid(b->id)});
    } else {
      // Only one side, or a type change (file <-> tree): a delete and an add.
      if (a) ok = one_side(*a, base, deleted_);
      if (ok && b) ok = one_side(*b, base, added_);
    }
    base.resize(keep);
    return ok;
  }

  /// Every file of entry `e` (a file, or a whole tree) at `base` goes to `out`.
  bool one_side(const Entry& e, std::string& base, std::vector<BlobAt>& out) {
    if (e.file()) {
      out.push_back({base, to_oid(e.id)});
      return true;
    }
    if (!e.tree()) return true;  // symlinks and submodules are not content
    RawTree t;
    if (!load(e, t)) return false;
    base += '/';
    Entry c;
    for (size_t pos = 0; entry_at(t, pos, c); pos = c.end) {
      size_t keep = base.size();
      base += c.name;
      bool ok = one_side(c, base, out);
      base.resize(keep);
      if (!ok) return false;
    }
    return true;
  }
};

/// The subtree entry `name` of raw tree `t`, if there is one.
bool find_subtree(const RawTree& t, std::string_view name, Entry& out) {
  for (size_t pos = 0; entry_at(t, pos, out); pos = out.end)
    if (out.name == name) return out.tree();
  return false;
}

}  // namespace

struct TreeDiffer::Impl {
  git_repository* repo;
  const DiffScope& scope;
  std::vector<std::vector<std::string>> dir_parts;  ///< each scope dir split on '/'
  TreeCache cache;
};

TreeDiffer::TreeDiffer(git_repository* repo, const DiffScope& scope)
    : impl_(new Impl{repo, scope, {}, TreeCache(repo)}) {
  for (const auto& d : scope.dirs) {
    std::vector<std::string> parts;
    for (auto piece : split(d, '/'))
      if (!piece.empty()) parts.emplace_back(piece);
    impl_->dir_parts.push_back(std::move(parts));
  }
}

TreeDiffer::~TreeDiffer() = default;

bool TreeDiffer::diff(const git_oid* old_id, const git_oid& new_id, std::vector<PathChange>& out,
                      std::string& error) {
  const DiffScope& scope = impl_->scope;
  TreeCache& cache = impl_->cache;
  cache.next();
  RawTree old_root, new_root;
  if ((old_id && !cache.get(*old_id, old_root, error)) || !cache.get(new_id, new_root, error)) return false;
  std::vector<BlobAt> added, deleted, modified;
  Differ differ(cache, added, deleted, modified);
  for (size_t k = 0; k < scope.dirs.size(); ++k) {
    // Descend to the content directory on both sides; stop as soon as both sides are the same tree.
    RawTree a = old_root, b = new_root;
    bool same = false;
    for (const auto& part : impl_->dir_parts[k]) {
      Entry ea, eb;
      bool ha = a.size && find_subtree(a, part, ea), hb = b.size && find_subtree(b, part, eb);
      if (ha && hb && std::memcmp(ea.id, eb.id, GIT_OID_RAWSZ) == 0) {
        same = true;
        break;
      }
      a = b = RawTree{};
      if ((ha && !cache.get(to_oid(ea.id), a, error)) || (hb && !cache.get(to_oid(eb.id), b, error))) return false;
      if (!ha && !hb) break;
    }
    if (same || (!a.size && !b.size)) continue;
    std::string base = scope.dirs[k] + "/";
    if (!differ.compare(a, b, base)) {
      error = differ.error;
      return false;
    }
  }
  // Site-relative content paths only.
  auto keep = [&](std::vector<BlobAt>& v) {
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](BlobAt& f) {
                             f.path.erase(0, scope.prefix.size());
                             return scope.is_content && !scope.is_content(f.path);
                           }),
            v.end());
  };
  keep(added), keep(deleted), keep(modified);
  for (auto& m : modified) out.push_back({ChangeKind::Modified, std::move(m.path), {}});
  if (!pair_renames(impl_->repo, old_id, new_id, scope.prefix, deleted, added, out, error)) return false;
  std::sort(out.begin(), out.end(), [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
  return true;
}

}  // namespace fb::git
