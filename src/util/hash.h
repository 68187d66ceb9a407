#pragma once
/// Content hashing (xxHash XXH3) for cache keys and stable ids.
#include <cstdint>
#include <string>
#include <string_view>

namespace fb {
/// 64-bit XXH3 of `data`.
uint64_t content_hash(std::string_view data);
/// 16 lower-case hex digits.
std::string hash_hex(uint64_t h);
}  // namespace fb
