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

bool write_file_in_dir(const fs::path& path, std::string_view data, std::string* error) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)};
  if (f.fd < 0) return set_error(error, errno), false;
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

bool write_file(const fs::path& path, std::string_view data, std::string* error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  return write_file_in_dir(path, data, error);
}

std::vector<std::string> list_files(const fs::path& root, const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // Symlinks are listed even when dangling, so an unreadable file is reported rather than skipped.
    if (!entry.is_regular_file(ec) && !entry.is_symlink(ec)) continue;
    for (const auto& ext : extensions) {
      if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
        // Lexical: the walk only yields paths below `root` (fs::relative would resolve symlinks of
        // every component, a readlink per component per file).
        out.push_back(entry.path().lexically_relative(root).generic_string());
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string root_prefix(std::string_view from_page) {
  std::string out;
  for (char c : from_page)
    if (c == '/') out += "../";
  return out;
}

}  // namespace fb
