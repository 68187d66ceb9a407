#include "util/hash.h"

#include <xxhash.h>
#include <fmt/format.h>

namespace fb {
uint64_t content_hash(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }
std::string hash_hex(uint64_t h) { return fmt::format("{:016x}", h); }
}  // namespace fb
