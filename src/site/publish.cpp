#include "site/publish.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <atomic>
#include <cstring>
#include <sys/stat.h>
#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <mutex>
#include <set>
#include <unistd.h>

#include <fmt/format.h>

#include "site/cache.h"
#include "util/fs.h"
#include "util/serial.h"
#include "util/hash.h"
#include "util/parallel.h"

namespace fb {
namespace fs = std::filesystem;

namespace {

bool safe_relative(const std::string& p) {
  if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos)
    return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string_view piece(p.data() + start, end - start);
    if (piece == ".." || piece == "." || piece.empty()) return false;
    start = end + 1;
  }
  return true;
}

fs::path absolute_clean(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return a.empty() ? fs::absolute(p) : a;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

/// `entry` is the name of a temporary (".NAME.tmp-XXXXXXXX") or set-aside (".NAME.old-XXXXXXXX")
/// directory of the output directory NAME.
bool is_temporary_name(const std::string& entry, const std::string& name) {
  for (const char* kind : {".tmp-", ".old-"}) {
    const std::string prefix = "." + name + kind;
    if (entry.size() != prefix.size() + 8 || entry.compare(0, prefix.size(), prefix) != 0) continue;
    return std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(prefix.size()), entry.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  }
  return false;
}

/// Opens the directory `dir` (never through a symlink) and takes an exclusive lock on it, without
/// waiting. Returns the descriptor, or -1 when it cannot be opened or another process holds the lock.
int lock_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// Removes the Firebreak directory `dir` with its output marker last, so that a process killed while
/// removing it leaves a directory the next build can still recognise (marked, or empty).
void remove_marked_tree(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() != kOutputMarker) entries.push_back(it->path());
  for (const fs::path& e : entries) fs::remove_all(e, ec);
  fs::remove(dir / kOutputMarker, ec);
  fs::remove(dir, ec);
}

/// A crash hook for the kill tests: FIREBREAK_TEST_KILL_AT=<point> kills the process at that point.
void test_kill_point(const char* point) {
  const char* at = std::getenv("FIREBREAK_TEST_KILL_AT");
  if (at && std::strcmp(at, point) == 0) ::kill(::getpid(), SIGKILL);
}

}  // namespace

size_t remove_stale_temporaries(const fs::path& out_dir, const fs::path& keep) {
  const fs::path out = absolute_clean(out_dir);
  const std::string name = out.filename().string();
  std::error_code ec;
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(out.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    if (p == keep || !is_temporary_name(p.filename().string(), name)) continue;
    std::error_code e2;
    if (!fs::is_directory(fs::symlink_status(p, e2))) continue;
    // Provably ours: it carries the marker, or it is empty (what an interrupted removal leaves).
    if (fs::is_regular_file(fs::symlink_status(p / kOutputMarker, e2)) || fs::is_empty(p, e2)) stale.push_back(p);
  }
  std::sort(stale.begin(), stale.end());
  size_t removed = 0;
  for (const fs::path& p : stale) {
    int fd = lock_directory(p);
    if (fd < 0) continue;  // a running build holds it
    remove_marked_tree(p);
    ::close(fd);
    std::error_code e2;
    if (!fs::exists(fs::symlink_status(p, e2))) ++removed;
  }
  return removed;
}

OutputDirVerdict check_output_dir(const fs::path& site_dir, const fs::path& out_dir) {
  fs::path site = absolute_clean(site_dir), out = absolute_clean(out_dir);
  const std::string own_folder =
      "Publish into a folder of its own inside or beside the site: `--out public`, or `output_dir: public` in site.yaml.";
  if (out == site) return {fmt::format("output directory {} is the site root", out.string()), own_folder};
  if (is_within(site, out)) return {fmt::format("output directory {} contains the site root", out.string()), own_folder};
  std::error_code ec;
  if (fs::exists(out / "content", ec) || fs::exists(out / "site.yaml", ec))
    return {fmt::format("output directory {} looks like a site (it has content/ or site.yaml)", out.string()),
            "A build replaces its output whole: choose a new or empty folder, never one holding a site."};
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec))
      return {fmt::format("output path {} exists and is not a directory", out.string()),
              "Move the file away, or choose another output folder."};
    bool empty = fs::directory_iterator(out, ec) == fs::directory_iterator();
    if (!empty && !fs::exists(out / kOutputMarker, ec))
      return {fmt::format("output directory {} is not empty and was not made by firebreak (no {} in it); "
                          "refusing to replace it",
                          out.string(), kOutputMarker),
              "A build replaces its output whole, so it only replaces folders an earlier build made. Choose a new "
              "or empty folder, or empty this one yourself if nothing in it is needed."};
  }
  return {};
}

std::string publish(const fs::path& out_dir, const OutputFiles& files) {
  Publisher p;
  if (std::string err = p.begin(out_dir); !err.empty()) return err;
  if (!p.write_all(files)) return p.error();  // nothing is swapped in: the destructor removes the files
  return p.commit();
}

namespace {
std::string manifest_pack(const fs::path& out_dir) {
  return "outputs-" + hash_hex(content_hash(absolute_clean(out_dir).string()));
}
}  // namespace

OutputManifest load_manifest(const BuildCache& cache, const fs::path& out_dir, Diagnostics& diags) {
  OutputManifest manifest;
  Pack pack = cache.load(manifest_pack(out_dir), diags);
  manifest.reserve(pack.entries.size());
  for (const auto& [key, payload] : pack.entries) {
    ByteReader r(payload);
    std::string path = r.str();
    PublishedFile f;
    f.hash = r.fixed64(), f.size = r.u64(), f.inode = r.u64(), f.mtime_ns = r.i64(), f.built_from = r.fixed64();
    if (!r.done()) return {};  // inconsistent: reuse nothing
    manifest.emplace(std::move(path), f);
  }
  return manifest;
}

void save_manifest(BuildCache& cache, const fs::path& out_dir, const OutputManifest& manifest, Diagnostics& diags) {
  std::vector<PackEntry> entries;
  entries.reserve(manifest.size());
  for (const auto& [path, f] : manifest) {
    ByteWriter w;
    w.str(path), w.fixed64(f.hash), w.u64(f.size), w.u64(f.inode), w.i64(f.mtime_ns), w.fixed64(f.built_from);
    entries.push_back(PackEntry{content_hash(path), std::move(w.out)});
  }
  std::sort(entries.begin(), entries.end(), [](const PackEntry& a, const PackEntry& b) { return a.key < b.key; });
  cache.store(manifest_pack(out_dir), entries, diags);
}

Publisher::~Publisher() { abort(); }

void Publisher::abort() {
  if (open_) {
    remove_marked_tree(tmp_);
    open_ = false;
  }
  unlock();
}

void Publisher::unlock() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

std::string Publisher::begin(const fs::path& out_dir) {
  abort();
  out_ = absolute_clean(out_dir);
  fs::path parent = out_.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return fmt::format("cannot create {}: {}", parent.string(), ec.message());
  static std::atomic<uint64_t> publishers{0};  // two publishers of one process never share a temporary
  tag_ = hash_hex(content_hash(fmt::format("{}\n{}\n{}", out_.string(), ::getpid(), publishers++))).substr(0, 8);
  tmp_ = parent / fmt::format(".{}.tmp-{}", out_.filename().string(), tag_);
  fs::remove_all(tmp_, ec);
  fs::create_directories(tmp_, ec);
  if (ec) return fmt::format("cannot create {}: {}", tmp_.string(), ec.message());
  open_ = true;
  // Locked for as long as this build runs (the lock follows the directory through the swap), and
  // marked as Firebreak's from the start: together they let a later build tell a temporary left by
  // a killed build from one in use, and remove only the former.
  lock_fd_ = lock_directory(tmp_);
  if (lock_fd_ < 0) {  // another build took it for an empty stale one in the instant before the lock
    fs::create_directories(tmp_, ec);
    lock_fd_ = lock_directory(tmp_);
  }
  if (lock_fd_ < 0 || !write_file_in_dir(tmp_ / kOutputMarker, kOutputMarkerText)) {
    abort();
    return fmt::format("cannot prepare {}", tmp_.string());
  }
  stale_removed_ = remove_stale_temporaries(out_, tmp_);
  written_ = 0;
  failed_ = false;
  error_.clear();
  dirs_.clear();
  return {};
}

void Publisher::fail(std::string message) {
  failed_ = true;
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.empty()) error_ = std::move(message);
}

std::string Publisher::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

bool Publisher::make_parent_dirs(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return true;
  std::string dir = path.substr(0, slash);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (dirs_.count(dir)) return true;
  }
  // Each ancestor with one mkdir; EEXIST is fine (another thread, or an ancestor made earlier).
  for (size_t at = dir.find('/'); ; at = dir.find('/', at + 1)) {
    std::string prefix = at == std::string::npos ? dir : dir.substr(0, at);
    bool known;
    {
      std::lock_guard<std::mutex> lock(mu_);
      known = dirs_.count(prefix) > 0;
    }
    if (!known) {
      if (::mkdir((tmp_ / prefix).c_str(), 0777) != 0 && errno != EEXIST) {
        fail(fmt::format("cannot create directory {}: {}", prefix, std::strerror(errno)));
        return false;
      }
      std::lock_guard<std::mutex> lock(mu_);
      dirs_.insert(prefix);
    }
    if (at == std::string::npos) break;
  }
  return true;
}

void Publisher::reuse(OutputManifest previous) {
  previous_ = std::move(previous);
  tracking_ = true;
  reused_ = 0;
  manifest_.clear();
  changed_.clear();
}

bool Publisher::link_previous(const std::string& path, uint64_t hash, uint64_t size) {
  auto it = previous_.find(path);
  if (it == previous_.end() || it->second.hash != hash || it->second.size != size) return false;
  const fs::path old = out_ / path;
  struct stat st {};
  if (::lstat(old.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<uint64_t>(st.st_ino) != it->second.inode ||
      static_cast<uint64_t>(st.st_size) != size ||
      int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec != it->second.mtime_ns)
    return false;  // changed since it was published: write it anew
  if (::link(old.c_str(), (tmp_ / path).c_str()) != 0) return false;
  std::lock_guard<std::mutex> lock(mu_);
  manifest_[path] = it->second;
  return true;
}

bool Publisher::keep_if_built_from(const std::string& path, uint64_t key) {
  if (!tracking_ || key == 0) return false;
  auto it = previous_.find(path);
  if (it == previous_.end() || it->second.built_from != key) return false;
  if (!make_parent_dirs(path) || !link_previous(path, it->second.hash, it->second.size)) return false;
  ++written_, ++reused_;
  return true;
}

void Publisher::note_built_from(const std::string& path, uint64_t key) {
  if (!tracking_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = manifest_.find(path); it != manifest_.end()) it->second.built_from = key;
}

void Publisher::record(const std::string& path, uint64_t hash, uint64_t size) {
  struct stat st {};
  if (::lstat((tmp_ / path).c_str(), &st) != 0) return;  // unrecorded: the next build writes it
  PublishedFile f{hash, size, static_cast<uint64_t>(st.st_ino),
                  int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
  std::lock_guard<std::mutex> lock(mu_);
  manifest_[path] = f;
  changed_.push_back(path);
}

std::vector<std::string> Publisher::changed() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out = changed_;
  std::sort(out.begin(), out.end());
  return out;
}

bool Publisher::write(const OutputFile& file) {
  if (!open_) return fail("the publisher was not started"), false;
  if (!safe_relative(file.path)) {
    fail(fmt::format("refusing to write '{}': output paths must stay inside the output directory", file.path));
    return false;
  }
  if (!make_parent_dirs(file.path)) return false;
  uint64_t hash = 0;
  if (tracking_) {
    hash = content_hash(file.bytes);
    if (link_previous(file.path, hash, file.bytes.size())) {
      ++written_, ++reused_;
      return true;
    }
  }
  std::string err;
  // A new file, never an existing one truncated: with reuse() a path of the temporary directory may
  // be a hard link into the published output, which must never change.
  if (!write_new_file(tmp_ / file.path, file.bytes, &err)) {
    fail(fmt::format("cannot write {}: {}", file.path, err));
    return false;
  }
  if (tracking_) record(file.path, hash, file.bytes.size());
  ++written_;
  return true;
}

bool Publisher::write_with(const std::string& path,
                           const std::function<std::string(const std::filesystem::path&)>& produce) {
  if (!open_) return fail("the publisher was not started"), false;
  if (!safe_relative(path)) {
    fail(fmt::format("refusing to write '{}': output paths must stay inside the output directory", path));
    return false;
  }
  if (!make_parent_dirs(path)) return false;
  const fs::path file = tmp_ / path;
  ::unlink(file.c_str());  // a new file: never write through a link into the published output
  if (std::string err = produce(file); !err.empty()) {
    fail(std::move(err));
    return false;
  }
  ++written_;
  if (tracking_) {
    if (std::optional<std::string> bytes = read_file(file)) {
      const uint64_t hash = content_hash(*bytes), size = bytes->size();
      std::string().swap(*bytes);
      // Same bytes as the published file: keep that one (its inode and mtime) instead.
      if (previous_.count(path) && ::rename(file.c_str(), (file.string() + ".new").c_str()) == 0) {
        if (link_previous(path, hash, size)) {
          ::unlink((file.string() + ".new").c_str());
          ++reused_;
          return true;
        }
        ::rename((file.string() + ".new").c_str(), file.c_str());
      }
      record(path, hash, size);
    }
  }
  return true;
}

bool Publisher::write_all(const OutputFiles& files) {
  parallel_for(files.size(), [&](size_t i) {
    if (!failed_) write(files[i]);
  });
  return !failed_;
}

std::string Publisher::commit() {
  if (!open_) return "the publisher was not started";
  if (failed_) {
    abort();
    return error();
  }
  std::error_code ec;
  test_kill_point("before-swap");
  fs::path parent = out_.parent_path();
  if (fs::exists(out_, ec)) {
    // Swap atomically where supported; else two renames (the old tree stays until the new one is in place).
    if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) == 0) {
      test_kill_point("after-swap");
      abort();  // tmp_ now holds the previous output
      return {};
    }
    // Held while it is set aside, so that no other build takes it for a stale one.
    int old_lock = lock_directory(out_);
    fs::path old = parent / fmt::format(".{}.old-{}", out_.filename().string(), tag_);
    fs::remove_all(old, ec);
    fs::rename(out_, old, ec);
    if (ec) {
      if (old_lock >= 0) ::close(old_lock);
      abort();
      return fmt::format("cannot move the previous output aside: {}", ec.message());
    }
    fs::rename(tmp_, out_, ec);
    if (ec) {
      std::error_code ec2;
      fs::rename(old, out_, ec2);
      if (old_lock >= 0) ::close(old_lock);
      abort();
      return fmt::format("cannot move the new output into place: {}", ec.message());
    }
    open_ = false;
    fs::remove_all(old, ec);
    if (old_lock >= 0) ::close(old_lock);
    unlock();
    return {};
  }
  fs::rename(tmp_, out_, ec);
  if (ec) {
    abort();
    return fmt::format("cannot move the new output into place: {}", ec.message());
  }
  open_ = false;
  unlock();
  return {};
}

}  // namespace fb
