#pragma once
/// A bump allocator for cmark-gfm, one per thread. cmark allocates every node, string and buffer of
/// a document on its own (calloc/realloc/free through a `cmark_mem`) and frees them one by one again;
/// with this allocator a document's parse allocates by moving a pointer, frees nothing, and the whole
/// document is dropped at once by rewinding the arena, whose memory is then reused (warm in the cache,
/// no fresh pages) for the next document of the thread.
#include <cmark-gfm.h>

namespace fb::cmark_arena {

/// The allocator of the calling thread's arena (valid for the thread's lifetime). Everything cmark
/// allocates with it stays valid until rewind() on the same thread.
cmark_mem* allocator();

/// Releases everything allocated with the calling thread's allocator since the last rewind() at once
/// (the memory is kept for reuse; beyond a few MB it is returned).
void rewind();

}  // namespace fb::cmark_arena
