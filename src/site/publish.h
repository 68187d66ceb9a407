#pragma once
/// Atomic publish: files are written into a temporary directory beside the output directory and
/// swapped in only when everything was written. The previous output is never touched on failure.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "util/output.h"

namespace fb {

/// Name of the marker file that identifies a directory as Firebreak's output (so it may be replaced).
inline constexpr const char* kOutputMarker = ".firebreak-output";

/// Checks that `out_dir` is a safe place to publish a site from `site_dir`: not the site root, not an
/// ancestor of it, not containing `content/`, and (if it exists and is non-empty) carrying the
/// output marker. Returns "" when safe, else the reason.
std::string check_output_dir(const std::filesystem::path& site_dir, const std::filesystem::path& out_dir);

/// What a published file was, so the next build can tell it is still there as written.
struct PublishedFile {
  uint64_t hash = 0;      ///< XXH3 of the bytes
  uint64_t size = 0;
  uint64_t inode = 0;     ///< of the file in the output (the same after the swap)
  int64_t mtime_ns = 0;
  uint64_t built_from = 0;  ///< the key of the inputs it was made from (0: not known)
};
/// Every file of one published output, by output-relative path.
using OutputManifest = std::unordered_map<std::string, PublishedFile>;

class BuildCache;
struct Diagnostics;
/// The manifest of the output at `out_dir` as the last build that published it recorded it in
/// `cache` (empty when there is none).
OutputManifest load_manifest(const BuildCache& cache, const std::filesystem::path& out_dir, Diagnostics& diags);
/// Records `manifest` as the one of `out_dir` in `cache`.
void save_manifest(BuildCache& cache, const std::filesystem::path& out_dir, const OutputManifest& manifest,
                   Diagnostics& diags);

/// Writes `files` to a sibling temporary directory and swaps it with `out_dir` (rename-exchange when
/// the file system supports it). Returns "" on success, else the error (and `out_dir` is unchanged).
/// Rejects any path that is absolute or contains "..".
std::string publish(const std::filesystem::path& out_dir, const OutputFiles& files);

/// Streaming form of publish(): files are written into the temporary directory as they are produced
/// (from any thread), and commit() swaps it in. Destroying an uncommitted Publisher removes the
/// temporary directory, so the previous output is untouched whatever happened in between.
class Publisher {
 public:
  Publisher() = default;
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;
  ~Publisher();

  /// Creates the temporary directory beside `out_dir`. Returns "" on success, else the error.
  std::string begin(const std::filesystem::path& out_dir);
  /// After begin(): `previous` describes the output now in place. A file whose bytes equal the
  /// previous one's is then hard-linked from the current output instead of written (so its inode and
  /// mtime stay: rsync and CDN uploads skip it), provided the file there is still the one recorded
  /// (inode, size and mtime). Every file's record is kept for manifest().
  void reuse(OutputManifest previous);
  /// The records of the files published (after commit(): of the new output). Only with reuse().
  const OutputManifest& manifest() const { return manifest_; }
  /// Files linked from the previous output instead of written.
  size_t reused() const { return reused_.load(); }
  /// With reuse(): when the previous output's `path` was made from inputs `key` and is still there as
  /// published, links it into the new output (it counts as written) and returns true; the caller then
  /// skips making it. Thread-safe.
  bool keep_if_built_from(const std::string& path, uint64_t key);
  /// With reuse(): the files whose bytes are new (not linked from the previous output), sorted.
  std::vector<std::string> changed() const;
  /// With reuse(): records that `path`, written already, was made from inputs `key`. Thread-safe.
  void note_built_from(const std::string& path, uint64_t key);
  /// Writes one file (creating its directories). Thread-safe. Returns false on error (see error()).
  bool write(const OutputFile& file);
  /// Lets `produce` write the file `path` itself (e.g. a database engine writing its file), given the
  /// file's place in the temporary directory (its directories made, the file not there yet). `produce`
  /// returns "" or the error. Thread-safe. Returns false on error (see error()).
  bool write_with(const std::string& path, const std::function<std::string(const std::filesystem::path&)>& produce);
  /// Writes `files` in parallel. Returns false on error.
  bool write_all(const OutputFiles& files);
  /// Number of files written so far.
  size_t written() const { return written_.load(); }
  /// The first error met by write(), or "".
  std::string error() const;
  /// Writes the output marker and swaps the temporary directory in. Returns "" or the error (then
  /// the temporary directory is removed and the previous output stays).
  std::string commit();
  /// Removes the temporary directory (also done by the destructor when commit() did not succeed).
  void abort();

 private:
  bool make_parent_dirs(const std::string& path);
  void fail(std::string message);
  /// With reuse(): links `path` from the previous output when it holds exactly `hash`/`size`.
  bool link_previous(const std::string& path, uint64_t hash, uint64_t size);
  /// With reuse(): records the file now at `path` in the temporary directory.
  void record(const std::string& path, uint64_t hash, uint64_t size);

  std::filesystem::path out_, tmp_;
  std::string tag_;
  bool open_ = false;
  std::atomic<size_t> written_{0};
  std::atomic<bool> failed_{false};
  mutable std::mutex mu_;                  ///< guards dirs_ and error_
  std::unordered_set<std::string> dirs_;   ///< directories already made (relative)
  std::string error_;
  bool tracking_ = false;                  ///< reuse() was called
  OutputManifest previous_;                ///< read-only while files are written
  OutputManifest manifest_;                ///< guarded by mu_
  std::vector<std::string> changed_;       ///< guarded by mu_
  std::atomic<size_t> reused_{0};
};

}  // namespace fb
