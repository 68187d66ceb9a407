#pragma once
/// Atomic publish: files are written into a temporary directory beside the output directory and
/// swapped in only when everything was written. The previous output is never touched on failure.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>

#include "util/output.h"

namespace fb {

/// Name of the marker file that identifies a directory as Firebreak's output (so it may be replaced).
inline constexpr const char* kOutputMarker = ".firebreak-output";

/// Checks that `out_dir` is a safe place to publish a site from `site_dir`: not the site root, not an
/// ancestor of it, not containing `content/`, and (if it exists and is non-empty) carrying the
/// output marker. Returns "" when safe, else the reason.
std::string check_output_dir(const std::filesystem::path& site_dir, const std::filesystem::path& out_dir);

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

  std::filesystem::path out_, tmp_;
  std::string tag_;
  bool open_ = false;
  std::atomic<size_t> written_{0};
  std::atomic<bool> failed_{false};
  mutable std::mutex mu_;                  ///< guards dirs_ and error_
  std::unordered_set<std::string> dirs_;   ///< directories already made (relative)
  std::string error_;
};

}  // namespace fb
