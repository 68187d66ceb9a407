#include "util/fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sstream>
#include <system_error>

namespace fb {
namespace fs = std::filesystem;

namespace {
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
void set_error(std::string* error, int err) {
  if (error) *error = std::strerror(err);
}
}  // namespace

std::optional<std::string> read_file(const fs::path& path, std::string* error) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return set_error(error, errno), std::nullopt;
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return set_error(error, errno), std::nullopt;
  if (S_ISDIR(st.st_mode)) return set_error(error, EISDIR), std::nullopt;
  std::string data;
  // The size from fstat is a hint (0 for /proc-like files): read until end of file. One byte more than
  // the size, so that the read seeing the end of a file of the expected size needs no larger buffer
  // (growing it would double every file's memory).
  data.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : 4096);
  size_t used = 0;
  for (;;) {
    if (used == data.size()) data.resize(data.size() * 2);
    ssize_t got = ::read(f.fd, data.data() + used, data.size() - used);
    if (got < 0) {
      if (errno == EINTR) continue;
      return set_error(error, errno), std::nullopt;
    }
    if (got == 0) break;
    used += static_cast<size_t>(got);
  }
  data.resize(used);
  return data;
}

namespace {
/// Writes all of `data` to `fd` and closes it.
bool write_all_and_close(Fd& f, std::string_view data, std::string* error) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t put = ::write(f.fd, p, left);
    if (put < 0) {
      if (errno == EINTR) continue;
      return set_error(error, errno), false;
    }
    p += put;
    left -= static_cast<size_t>(put);
  }
  int fd = f.fd;
  f.fd = -1;
  if (::close(fd) != 0) return set_error(error, errno), false;
  return true;
}
}  // namespace

bool write_file_in_dir(const fs::path& path, std::string_view data, std::string* error) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)};
  if (f.fd < 0) return set_error(error, errno), false;
  return write_all_and_close(f, data, error);
}

bool write_new_file(const fs::path& path, std::string_view data, std::string* error) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
  if (f.fd < 0 && errno == EEXIST && ::unlink(path.c_str()) == 0)
    f.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (f.fd < 0) return set_error(error, errno), false;
  return write_all_and_close(f, data, error);
}

bool write_file(const fs::path& path, std::string_view data, std::string* error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  return write_file_in_dir(path, data, error);
}

namespace {
/// `p` with every symlink resolved as far as the path exists, a dangling link by its target (which
/// weakly_canonical alone would keep as the link's own name); empty when it cannot be resolved.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path cur = fs::absolute(p, ec);
  if (ec) return {};
  for (int hops = 0; hops < 40; ++hops) {
    cur = fs::weakly_canonical(cur, ec);
    if (ec) return {};
    if (!fs::is_symlink(fs::symlink_status(cur, ec))) return cur;  // resolved, or a missing path
    fs::path target = fs::read_symlink(cur, ec);                   // dangling: follow by hand
    if (ec) return {};
    cur = target.is_absolute() ? target : cur.parent_path() / target;
  }
  return {};  // a loop of links
}
/// True when resolved path `p` is `jail` or below it (both resolved, so a component compare suffices).
bool below(const fs::path& p, const fs::path& jail) {
  if (p.empty() || jail.empty()) return false;
  auto [j, q] = std::mismatch(jail.begin(), jail.end(), p.begin(), p.end());
  return j == jail.end();
}

/// The walk behind list_files; `symlink_ok` decides each symlinked entry (by its path below root).
/// Folders that cannot be read are added to `unreadable` (relative to root, "." for root itself).
template <class SymlinkOk>
std::vector<std::string> walk_files(const fs::path& root, const std::vector<std::string>& extensions,
                                    SymlinkOk symlink_ok, std::vector<std::string>* unreadable) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  std::vector<fs::path> folders{root};
  while (!folders.empty()) {
    const fs::path folder = std::move(folders.back());
    folders.pop_back();
    fs::directory_iterator it(folder, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const auto& entry = *it;
      std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      // Symlinks are listed even when dangling, so an unreadable file is reported rather than skipped.
      std::error_code e2;
      bool symlink = entry.is_symlink(e2);
      if (!symlink && entry.is_directory(e2)) {
        folders.push_back(entry.path());
        continue;
      }
      if (!symlink && !entry.is_regular_file(e2)) continue;
      for (const auto& ext : extensions) {
        if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
          // Lexical: the walk only yields paths below `root` (fs::relative would resolve symlinks of
          // every component, a readlink per component per file).
          std::string rel = entry.path().lexically_relative(root).generic_string();
          if (!symlink || symlink_ok(entry.path(), rel)) out.push_back(std::move(rel));
          break;
        }
      }
    }
    if (ec && unreadable) unreadable->push_back(folder.lexically_relative(root).generic_string());
    ec.clear();
  }
  std::sort(out.begin(), out.end());
  if (unreadable) std::sort(unreadable->begin(), unreadable->end());
  return out;
}
}  // namespace

std::vector<std::string> list_files(const fs::path& root, const std::vector<std::string>& extensions) {
  return walk_files(root, extensions, [](const fs::path&, const std::string&) { return true; }, nullptr);
}

bool resolves_within(const fs::path& path, const fs::path& jail) { return below(resolved(path), resolved(jail)); }

FileListing list_files_within(const fs::path& root, const std::vector<std::string>& extensions,
                              const fs::path& jail) {
  FileListing listing;
  const fs::path jail_resolved = resolved(jail);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(root, ec)) && !below(resolved(root), jail_resolved)) {
    listing.outside.push_back(".");
    return listing;
  }
  listing.files = walk_files(root, extensions, [&](const fs::path& entry, const std::string& rel) {
    if (below(resolved(entry), jail_resolved)) return true;
    listing.outside.push_back(rel);
    return false;
  }, &listing.unreadable);
  std::sort(listing.outside.begin(), listing.outside.end());
  return listing;
}

std::string site_display_path(const fs::path& p, const fs::path& site_dir) {
  std::error_code ec;
  fs::path rel = fs::relative(p, site_dir, ec);
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
  return p.generic_string();
}

std::string root_prefix(std::string_view from_page) {
  std::string out;
  for (char c : from_page)
    if (c == '/') out += "../";
  return out;
}

}  // namespace fb
