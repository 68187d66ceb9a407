#pragma once
/// Content hashing (xxHash XXH3) for cache keys and stable ids.
#include <cstdint>
#include <string>
#include <string_view>

namespace fb {
/// 64-bit XXH3 of `data`.
uint64_t content_hash(std::string_view data);
/// XXH3 (64-bit) over bytes given in pieces: the same value as content_hash() of them joined.
class StreamHash {
 public:
  StreamHash();
  ~StreamHash();
  StreamHash(const StreamHash&) = delete;
  StreamHash& operator=(const StreamHash&) = delete;
  void update(std::string_view data);
  uint64_t digest() const;

 private:
  void* state_;  ///< an XXH3_state_t
};
/// 16 lower-case hex digits.
std::string hash_hex(uint64_t h);
}  // namespace fb
