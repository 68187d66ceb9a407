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
/// Writes a whole file whose directory already exists as a new file: an existing file of that name is
/// unlinked and replaced, never truncated (so a hard link to it elsewhere keeps its bytes).
bool write_new_file(const std::filesystem::path& path, std::string_view data, std::string* error = nullptr);
/// Writes a whole file whose directory already exists (no directory checks: the publish hot path).
bool write_file_in_dir(const std::filesystem::path& path, std::string_view data, std::string* error = nullptr);
/// Regular files below `root` (recursively, following no symlinked directories) whose names end in
/// one of `extensions` (e.g. ".md"), as paths relative to `root` with '/' separators, sorted.
std::vector<std::string> list_files(const std::filesystem::path& root,
                                    const std::vector<std::string>& extensions);

/// True when `path`, with every symlink resolved, lies in `jail` (itself resolved) or is it. A path
/// that cannot be resolved (a dangling symlink, a missing component) is judged by what it points at
/// as far as it exists (std::filesystem::weakly_canonical), so a dangling link out is still "out".
bool resolves_within(const std::filesystem::path& path, const std::filesystem::path& jail);

/// What list_files_within found: the files that may be read, and the ones refused.
struct FileListing {
  std::vector<std::string> files;    ///< as list_files gives them
  /// Entries (relative to root, sorted) that are symlinks resolving outside the jail; "." when `root`
  /// itself does (then `files` is empty: nothing below it is listed).
  std::vector<std::string> outside;
  /// Folders (relative to root, sorted; "." for root) that could not be read: nothing below them is
  /// listed, and the caller reports them rather than skipping their files in silence.
  std::vector<std::string> unreadable;
};
/// list_files, refusing what leads out of `jail`: `root` itself when it resolves outside (through a
/// symlinked component), and every symlinked entry whose target resolves outside. Symlinks inside the
/// jail stay allowed. Only symlinks pay a path resolution, so a tree without them costs what
/// list_files costs.
FileListing list_files_within(const std::filesystem::path& root, const std::vector<std::string>& extensions,
                              const std::filesystem::path& jail);
/// `p` relative to the site when it lies inside it (what an author recognises), else as given.
std::string site_display_path(const std::filesystem::path& p, const std::filesystem::path& site_dir);
/// `a/b/c` relative to the directory of `from` (both site-relative, '/' separated): the prefix of
/// "../" needed to reach the site root from the page at `from` ("runbooks/x/index.html" -> "../../").
std::string root_prefix(std::string_view from_page);

}  // namespace fb
