#include "content/cmark_arena.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace fb::cmark_arena {
namespace {

/// Each block starts with a 16-byte header holding its size (realloc needs it), which keeps blocks
/// 16-byte aligned like malloc's.
constexpr size_t kHeader = 16;
/// Chunk size: a benchmark document needs ~100 KB; a chunk serves several.
constexpr size_t kChunk = size_t{1} << 20;
/// Chunks kept across rewinds; an outlier's extra chunks are returned.
constexpr size_t kKeepChunks = 8;

size_t rounded(size_t n) { return (n + 15) & ~size_t{15}; }

struct Arena {
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    size_t size;
  };
  std::vector<Chunk> chunks;
  size_t current = 0;     ///< index of the chunk being filled (valid when !chunks.empty())
  char* ptr = nullptr;    ///< next free byte of the current chunk
  char* end = nullptr;    ///< end of the current chunk
  char* last = nullptr;   ///< payload of the latest block (it can grow in place)

  /// Moves to a chunk with room for `need` bytes: the next kept one that fits, else a new one.
  void next_chunk(size_t need) {
    size_t next = chunks.empty() ? 0 : current + 1;
    while (next < chunks.size() && chunks[next].size < need) ++next;
    if (next >= chunks.size()) {
      size_t size = need > kChunk ? need : kChunk;
      chunks.push_back({std::unique_ptr<char[]>(new char[size]), size});
      next = chunks.size() - 1;
    }
    current = next;
    ptr = chunks[current].bytes.get();
    end = ptr + chunks[current].size;
  }

  void* allocate(size_t size) {
    const size_t need = kHeader + rounded(size);
    if (!ptr || static_cast<size_t>(end - ptr) < need) next_chunk(need);
    char* block = ptr;
    ptr += need;
    std::memcpy(block, &size, sizeof size);
    last = block + kHeader;
    return last;
  }

  static size_t size_of(const void* p) {
    size_t size;
    std::memcpy(&size, static_cast<const char*>(p) - kHeader, sizeof size);
    return size;
  }

  void* reallocate(void* p, size_t size) {
    if (!p) return allocate(size);
    const size_t old = size_of(p);
    if (size <= old) return p;
    if (p == last && static_cast<size_t>(end - last) >= rounded(size)) {  // the latest block grows in place
      ptr = last + rounded(size);
      std::memcpy(last - kHeader, &size, sizeof size);
      return p;
    }
    void* q = allocate(size);
    std::memcpy(q, p, old);
    return q;
  }

  void rewind() {
    if (chunks.size() > kKeepChunks) chunks.resize(kKeepChunks);
    current = 0;
    ptr = chunks.empty() ? nullptr : chunks[0].bytes.get();
    end = chunks.empty() ? nullptr : ptr + chunks[0].size;
    last = nullptr;
  }
};

thread_local Arena t_arena;

void* arena_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return nullptr;  // cmark treats nullptr as out of memory
  void* p = t_arena.allocate(count * size);
  std::memset(p, 0, count * size);
  return p;
}
void* arena_realloc(void* p, size_t size) { return t_arena.reallocate(p, size); }
void arena_free(void*) {}

cmark_mem g_allocator = {arena_calloc, arena_realloc, arena_free};

}  // namespace

cmark_mem* allocator() { return &g_allocator; }

void rewind() { t_arena.rewind(); }

}  // namespace fb::cmark_arena
