#include "site/watcher.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <fmt/format.h>

namespace fb {
namespace fs = std::filesystem;

namespace {
/// The site's folders a build reads (and so a change in which means a rebuild).
constexpr const char* kWatched[] = {"content", "layouts", "themes", "archetypes", "assets", "schema"};
constexpr uint32_t kFileEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                 IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

bool is_editor_scratch(std::string_view name) {
  if (name.empty() || name[0] == '.' || name.back() == '~' || name == "4913") return true;
  if (name.front() == '#' && name.back() == '#') return true;
  return ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".tmp");
}

Watcher::Watcher(const fs::path& site_dir, const std::vector<fs::path>& extra_dirs) {
  std::error_code ec;
  site_ = fs::weakly_canonical(fs::absolute(site_dir), ec);
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0 || ::pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) {
    error_ = fmt::format("cannot watch the site for changes: {}", std::strerror(errno));
    return;
  }
  // The site folder itself, for site.yaml and for watched folders created later (not recursively).
  int wd = ::inotify_add_watch(fd_, site_.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE);
  if (wd < 0) {
    error_ = fmt::format("cannot watch {}: {}", site_.string(), std::strerror(errno));
    return;
  }
  dirs_[wd] = site_;
  for (const char* name : kWatched) watch_tree(site_ / name);
  for (const fs::path& extra : extra_dirs) {
    fs::path p = fs::weakly_canonical(fs::absolute(extra), ec);
    auto [a, b] = std::mismatch(site_.begin(), site_.end(), p.begin(), p.end());
    if (a != site_.end()) watch_tree(p);  // not already inside the site
  }
}

Watcher::~Watcher() {
  if (fd_ >= 0) ::close(fd_);
  for (int f : wake_)
    if (f >= 0) ::close(f);
}

void Watcher::watch_one(const fs::path& dir) {
  int wd = ::inotify_add_watch(fd_, dir.c_str(), kFileEvents | IN_ONLYDIR);
  if (wd < 0) {
    if (error_.empty() && errno == ENOSPC)
      error_ = "the limit on inotify watches is reached (raise fs.inotify.max_user_watches)";
    return;
  }
  dirs_[wd] = dir;
}

void Watcher::watch_tree(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  watch_one(dir);
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
    if (!name.empty() && (name[0] == '.' || name == "node_modules")) {
      it.disable_recursion_pending();
      continue;
    }
    watch_one(it->path());
  }
}

std::string Watcher::shown(const fs::path& p) const {
  auto [a, b] = std::mismatch(site_.begin(), site_.end(), p.begin(), p.end());
  if (a != site_.end()) return p.generic_string();
  fs::path rel;
  for (; b != p.end(); ++b) rel /= *b;
  return rel.generic_string();
}

bool Watcher::drain(std::set<std::string>& changed) {
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) return true;  // EAGAIN: all read
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      auto dir = dirs_.find(ev->wd);
      if (dir == dirs_.end()) continue;
      if (ev->mask & IN_IGNORED) {
        dirs_.erase(dir);
        continue;
      }
      const std::string name = ev->len ? std::string(ev->name) : std::string();
      if (dir->second == site_) {
        // At the top only site.yaml and the watched folders matter.
        bool folder = false;
        for (const char* w : kWatched) folder |= name == w;
        if (folder && (ev->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(site_ / name);
        if (name == "site.yaml" || (folder && (ev->mask & (IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM))))
          changed.insert(name);
        continue;
      }
      if (name.empty()) {
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) changed.insert(shown(dir->second));
        continue;
      }
      if (is_editor_scratch(name) || name == "node_modules") continue;
      const fs::path path = dir->second / name;
      if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path);
      // A new empty file (IN_CREATE) is written next: its IN_CLOSE_WRITE reports it. A new folder
      // (moved in whole) and a deleted or moved-away file are changes now.
      if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR)) {
        born_.insert(shown(path));
        continue;
      }
      changed.insert(shown(path));
    }
  }
}

std::vector<std::string> Watcher::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds quiet,
                                       std::chrono::milliseconds longest) {
  std::set<std::string> changed;
  born_.clear();
  if (fd_ < 0) return {};
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  clock::time_point first{};
  for (;;) {
    auto now = clock::now();
    std::chrono::milliseconds left;
    if (changed.empty()) {
      left = std::chrono::duration_cast<std::chrono::milliseconds>(timeout - (now - start));
      if (left.count() <= 0) return {};
    } else {
      left = std::min(quiet, std::chrono::duration_cast<std::chrono::milliseconds>(longest - (now - first)));
      if (left.count() <= 0) break;
    }
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int r = ::poll(fds, 2, static_cast<int>(left.count()));
    if (r < 0 && errno != EINTR) break;
    if (fds[1].revents) return {};
    if (r == 0) {
      if (!changed.empty()) break;  // quiet for `quiet`: the burst is over
      continue;
    }
    const size_t before = changed.size();
    drain(changed);
    if (before == 0 && !changed.empty()) first = clock::now();
  }
  // A file made and moved or deleted within the burst (`sed -i`'s temporary, an editor's backup) was
  // never part of the site.
  std::vector<std::string> out;
  std::error_code ec;
  for (const std::string& p : changed)
    if (!born_.count(p) || fs::exists(fs::path(p).is_absolute() ? fs::path(p) : site_ / p, ec)) out.push_back(p);
  born_.clear();
  return out;
}

void Watcher::stop() {
  if (wake_[1] >= 0) {
    char c = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_[1], &c, 1);
  }
}

}  // namespace fb
