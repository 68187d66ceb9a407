#include "util/hash.h"

#include <xxhash.h>
#include <fmt/format.h>

namespace fb {
uint64_t content_hash(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }
StreamHash::StreamHash() : state_(XXH3_createState()) { XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_)); }
StreamHash::~StreamHash() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }
void StreamHash::update(std::string_view data) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), data.data(), data.size());
}
uint64_t StreamHash::digest() const { return XXH3_64bits_digest(static_cast<const XXH3_state_t*>(state_)); }
std::string hash_hex(uint64_t h) { return fmt::format("{:016x}", h); }
}  // namespace fb
