#pragma once
/// The persistent build cache (`.firebreak-cache/` in the site unless --cache-dir says otherwise).
///
/// It holds packs: files of (key, payload) entries. A pack is written whole into a temporary file and
/// renamed into place, so a reader sees either the old pack or the new one, never a mix, whatever
/// builds run at once or are killed. Every pack carries a magic, the identity of the binary that wrote
/// it (its ELF build id) and a checksum of all its bytes: a pack from another binary is ignored, and a
/// truncated or corrupt one is reported and ignored. The cache only ever decides which work can be
/// skipped; the keys hash every input of that work (see docs/performance.md).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/diagnostic.h"

namespace fb {

/// One pack as read: its entries by key. The payloads are views into the pack's bytes, which the
/// Pack owns; a missing or unusable pack is empty.
struct Pack {
  std::unordered_map<uint64_t, std::string_view> entries;
  /// The file's bytes the views point into: a read-only mapping of the pack file (page-cache memory,
  /// given back when the last Pack holding it goes, not heap the build would keep).
  std::shared_ptr<const void> bytes;
  /// The payload of `key`, or nullptr.
  const std::string_view* find(uint64_t key) const {
    auto it = entries.find(key);
    return it == entries.end() ? nullptr : &it->second;
  }
};

/// An entry to write: key and encoded payload.
struct PackEntry {
  uint64_t key = 0;
  std::string payload;
};

/// A directory of packs. Thread-safe for different pack names.
class BuildCache {
 public:
  /// Opens `dir`, creating it. When it cannot be used (not a directory, unreadable, read-only) the
  /// cache is disabled and one FB510 warning is added to `diags`; the build goes on cold.
  BuildCache(std::filesystem::path dir, Diagnostics& diags);
  /// A disabled cache: nothing is read or written (--no-cache).
  BuildCache() = default;

  bool enabled() const { return enabled_.load(std::memory_order_relaxed); }
  const std::filesystem::path& dir() const { return dir_; }

  /// Reads pack `name`. A missing pack, or one written by another binary, is an empty Pack; a
  /// corrupt or truncated one too, with an FB510 warning in `diags` (one per cache, however many
  /// packs are bad).
  Pack load(const std::string& name, Diagnostics& diags) const;
  /// Writes pack `name` atomically (a PackWriter over `entries`). Returns whether it was written.
  bool store(const std::string& name, const std::vector<PackEntry>& entries, Diagnostics& diags);
  /// Removes temporary pack files that builds killed while writing left behind (those whose writer
  /// process is gone).
  void remove_stale_temporaries() const;

 private:
  friend class PackWriter;
  /// Adds `d` to `diags` unless this cache already warned once.
  void warn_once(Diagnostics& diags, std::string file, std::string message, std::string hint) const;

  std::filesystem::path dir_;
  std::atomic<bool> enabled_{false};
  mutable std::atomic<bool> warned_{false};
};

/// Writes one pack as its entries come, through a small buffer (the pack is never held in memory
/// whole), into a temporary file that commit() renames into place. On failure (ENOSPC, a read-only
/// file system) commit() adds one FB510 warning and disables the cache's further writes; the build
/// itself is unaffected. Destroying an uncommitted writer removes the temporary file.
class PackWriter {
 public:
  /// Starts pack `name` of `count` entries.
  PackWriter(BuildCache& cache, const std::string& name, size_t count);
  ~PackWriter();
  PackWriter(const PackWriter&) = delete;
  PackWriter& operator=(const PackWriter&) = delete;
  /// Adds one entry (exactly `count` of them, in any order).
  void add(uint64_t key, std::string_view payload);
  /// Finishes the pack and puts it in place. Returns whether it was written.
  bool commit(Diagnostics& diags);

 private:
  void put(std::string_view bytes);
  void flush();

  BuildCache& cache_;
  std::filesystem::path tmp_, final_;
  int fd_ = -1;
  int error_ = 0;  ///< errno of the first failed write
  std::string buffer_;
  std::unique_ptr<class StreamHash> hash_;
};

/// The identity of the running binary: its GNU build id in hex (a hash the linker computes over the
/// whole program), else the version and build time. Every pack is tagged with it.
const std::string& binary_identity();

/// The default cache directory of a site.
inline std::filesystem::path default_cache_dir(const std::filesystem::path& site_dir) {
  return site_dir / ".firebreak-cache";
}

}  // namespace fb
