#include "util/fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fb {
namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) {
    if (error) *error = "cannot determine file size";
    return std::nullopt;
  }
  data.resize(static_cast<size_t>(size));
  in.seekg(0, std::ios::beg);
  in.read(data.data(), size);
  if (!in) {
    if (error) *error = std::strerror(errno ? errno : EIO);
    return std::nullopt;
  }
  return data;
}

bool write_file(const fs::path& path, std::string_view data, std::string* error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) {
    if (error) *error = std::strerror(errno ? errno : EIO);
    return false;
  }
  return true;
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
        out.push_back(fs::relative(entry.path(), root, ec).generic_string());
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
