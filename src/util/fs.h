#pragma once
/// File-system helpers. Errors are reported through return values (never exceptions) so a bad
/// file becomes a diagnostic and the build goes on.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fb {

/// Reads a whole file. On failure returns nullopt and puts the OS reason in `error`.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string* error = nullptr);
/// Writes a whole file, creating parent directories. Returns false and sets `error` on failure.
bool write_file(const std::filesystem::path& path, std::string_view data, std::string* error = nullptr);
/// Writes a whole file whose directory already exists (no directory checks: the publish hot path).
bool write_file_in_dir(const std::filesystem::path& path, std::string_view data, std::string* error = nullptr);
/// Regular files below `root` (recursively, following no symlinked directories) whose names end in
/// one of `extensions` (e.g. ".md"), as paths relative to `root` with '/' separators, sorted.
std::vector<std::string> list_files(const std::filesystem::path& root,
                                    const std::vector<std::string>& extensions);
/// `a/b/c` relative to the directory of `from` (both site-relative, '/' separated): the prefix of
/// "../" needed to reach the site root from the page at `from` ("runbooks/x/index.html" -> "../../").
std::string root_prefix(std::string_view from_page);

}  // namespace fb
