#include "site/cache.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <link.h>
#include <unistd.h>

#include <fmt/format.h>

#include "util/fs.h"
#include "util/hash.h"
#include "util/serial.h"

namespace fb {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "FBCACHE1";

/// Reads the NT_GNU_BUILD_ID note of the main program, "" when it has none.
std::string read_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        auto& result = *static_cast<std::string*>(out);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              for (unsigned j = 0; j < note->n_descsz; ++j)
                result += fmt::format("{:02x}", static_cast<unsigned char>(desc[j]));
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;  // only the first object (the main program) is looked at
      },
      &id);
  return id;
}

std::string pack_file(const std::string& name) { return name + ".pack"; }

/// Maps `path` read-only; `owner` keeps the mapping (null when the file cannot be mapped or is empty).
std::string_view map_file(const fs::path& path, std::shared_ptr<const void>& owner) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  void* p = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return {};
  const auto size = static_cast<size_t>(st.st_size);
  owner = std::shared_ptr<const void>(p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
  return {static_cast<const char*>(p), size};
}

}  // namespace

const std::string& binary_identity() {
  static const std::string id = [] {
    std::string b = read_build_id();
    return b.empty() ? fmt::format("firebreak {} built {} {}", FIREBREAK_VERSION, __DATE__, __TIME__) : b;
  }();
  return id;
}

BuildCache::BuildCache(fs::path dir, Diagnostics& diags) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::string why;
  if (ec) why = ec.message();
  else if (!fs::is_directory(dir_, ec)) why = "it is not a directory";
  else if (::access(dir_.c_str(), R_OK | W_OK | X_OK) != 0) why = std::strerror(errno);
  if (!why.empty()) {
    warn_once(diags, dir_.generic_string(), fmt::format("the build cache cannot be used ({}): building without it", why),
              "Point --cache-dir at a writable directory, or pass --no-cache.");
    return;
  }
  enabled_ = true;
}

Pack BuildCache::load(const std::string& name, Diagnostics& diags) const {
  Pack pack;
  if (!enabled_) return pack;
  std::shared_ptr<const void> mapping;
  std::string_view all = map_file(dir_ / pack_file(name), mapping);
  if (!mapping) return pack;  // none yet (or unreadable: then it is rewritten)
  auto corrupt = [&](const char* what) {
    warn_once(diags, (dir_ / pack_file(name)).generic_string(),
              fmt::format("build cache pack is {}: ignored, its work is redone", what),
              "Nothing to do: the pack is rewritten by this build. Remove the cache directory if this repeats.");
    return Pack{};
  };
  if (all.size() < kMagic.size() + 8 || all.substr(0, kMagic.size()) != kMagic) return corrupt("not a cache pack");
  std::string_view body = all.substr(0, all.size() - 8);
  ByteReader footer(all.substr(all.size() - 8));
  if (footer.fixed64() != content_hash(body)) return corrupt("truncated or corrupt (checksum mismatch)");
  ByteReader r(body.substr(kMagic.size()));
  if (r.view() != binary_identity()) return pack;  // another binary's: silently rebuilt
  size_t n = r.count();
  pack.entries.reserve(n);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    uint64_t key = r.fixed64();
    pack.entries.emplace(key, r.view());
  }
  if (!r.done()) return corrupt("inconsistent");
  pack.bytes = std::move(mapping);
  return pack;
}

PackWriter::PackWriter(BuildCache& cache, const std::string& name, size_t count)
    : cache_(cache), hash_(std::make_unique<StreamHash>()) {
  final_ = cache.dir_ / pack_file(name);
  tmp_ = cache.dir_ / fmt::format(".{}.tmp-{}", pack_file(name), ::getpid());
  if (!cache.enabled()) return;
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) error_ = errno;
  buffer_.reserve(1 << 20);
  ByteWriter w;
  w.out.append(kMagic);
  w.str(binary_identity());
  w.u64(count);
  put(w.out);
}

PackWriter::~PackWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

void PackWriter::flush() {
  const char* p = buffer_.data();
  size_t left = buffer_.size();
  while (left > 0 && fd_ >= 0 && !error_) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      break;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  buffer_.clear();
}

void PackWriter::put(std::string_view bytes) {
  hash_->update(bytes);
  if (buffer_.size() + bytes.size() > buffer_.capacity()) flush();
  if (bytes.size() >= buffer_.capacity()) {
    buffer_.assign(bytes);  // a large payload goes out on its own
    flush();
    return;
  }
  buffer_.append(bytes);
}

void PackWriter::add(uint64_t key, std::string_view payload) {
  ByteWriter w;
  w.fixed64(key);
  w.u64(payload.size());
  put(w.out);
  put(payload);
}

bool PackWriter::commit(Diagnostics& diags) {
  if (!cache_.enabled()) return false;
  ByteWriter footer;
  footer.fixed64(hash_->digest());
  buffer_.append(footer.out);  // not hashed: the footer is the hash
  flush();
  std::error_code ec;
  if (fd_ >= 0 && ::close(fd_) != 0 && !error_) error_ = errno;
  fd_ = -1;
  if (!error_) {
    fs::rename(tmp_, final_, ec);
    if (ec) error_ = ec.value();
  }
  if (error_) {
    fs::remove(tmp_, ec);
    cache_.warn_once(diags, final_.generic_string(),
                     fmt::format("cannot write the build cache ({}): the next build redoes this work",
                                 std::strerror(error_)),
                     "Free some space, or point --cache-dir at a writable directory.");
    cache_.enabled_ = false;
    return false;
  }
  return true;
}

bool BuildCache::store(const std::string& name, const std::vector<PackEntry>& entries, Diagnostics& diags) {
  if (!enabled()) return false;
  PackWriter w(*this, name, entries.size());
  for (const PackEntry& e : entries) w.add(e.key, e.payload);
  return w.commit(diags);
}

void BuildCache::warn_once(Diagnostics& diags, std::string file, std::string message, std::string hint) const {
  if (warned_.exchange(true)) return;
  diags.add("FB510", Level::Warning, std::move(file), {}, std::move(message), std::move(hint));
}

void BuildCache::remove_stale_temporaries() const {
  if (!enabled_) return;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    size_t at = name.rfind(".tmp-");
    if (name.empty() || name[0] != '.' || at == std::string::npos) continue;
    long pid = std::strtol(name.c_str() + at + 5, nullptr, 10);
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;  // its writer lives
    std::error_code rm;
    fs::remove(it->path(), rm);
  }
}

}  // namespace fb
