#pragma once
/// Atomic publish: files are written into a temporary directory beside the output directory and
/// swapped in only when everything was written. The previous output is never touched on failure.
#include <filesystem>
#include <string>

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

}  // namespace fb
