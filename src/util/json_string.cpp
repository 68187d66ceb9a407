#include "util/json_string.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace fb {
namespace {

/// True when none of the 8 bytes at `p` needs attention (a control character, `"`, `\\` or non-ASCII).
bool plain8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  uint64_t below_space = (w - 0x2020202020202020ULL) & ~w & kHigh;  // exact for bytes < 0x80
  return !((w & kHigh) | below_space | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\')));
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char* p = s.data();
  const size_t n = s.size();
  bool utf8_checked = false;
  const size_t start = out.size();
  out += '"';
  size_t run = 0, i = 0;  // run: start of the bytes not yet copied
  while (true) {
    while (i + 8 <= n && plain8(p + i)) i += 8;
    while (i < n && static_cast<unsigned char>(p[i]) >= 0x20 && p[i] != '"' && p[i] != '\\') {
      if (static_cast<unsigned char>(p[i]) >= 0x80 && !utf8_checked) {
        if (!is_valid_utf8(s)) {  // nlohmann's replacement of the bad bytes, for the whole string
          out.resize(start);
          out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          return;
        }
        utf8_checked = true;
      }
      ++i;
    }
    if (i == n) break;
    unsigned char c = static_cast<unsigned char>(p[i]);
    out.append(p + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
    run = ++i;
  }
  out.append(p + run, n - run);
  out += '"';
}

}  // namespace fb
