#pragma once
/// A compact binary encoding for the build cache: little-endian integers and length-prefixed strings.
/// ByteReader never reads past its input: a truncated or corrupt record makes ok() false (and every
/// later read returns zero values), so a bad cache entry is detected, never trusted.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fb {

/// Appends values to a byte string.
struct ByteWriter {
  std::string out;
  /// One unsigned integer, 1-10 bytes (LEB128).
  void u64(uint64_t v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  /// A signed integer (zig-zag, so small negatives stay small).
  void i64(int64_t v) { u64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  /// Exactly 8 bytes (hashes, where LEB128 would only add a byte).
  void fixed64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out.append(b, 8);
  }
  void str(std::string_view s) {
    u64(s.size());
    out.append(s.data(), s.size());
  }
};

/// Reads what ByteWriter wrote, in the same order.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
  /// False once a read ran past the end or met a malformed value.
  bool ok() const { return ok_; }
  /// True when every byte was consumed (and nothing went wrong).
  bool done() const { return ok_ && p_ == end_; }
  uint64_t u64() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail();
      auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  int64_t i64() {
    uint64_t v = u64();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  /// A count of items that each take at least one byte: more than the bytes left is corruption.
  size_t count() {
    uint64_t n = u64();
    if (n > static_cast<uint64_t>(end_ - p_)) return static_cast<size_t>(fail());
    return static_cast<size_t>(n);
  }
  uint64_t fixed64() {
    if (end_ - p_ < 8) return fail();
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
    p_ += 8;
    return v;
  }
  std::string_view view() {
    size_t n = count();
    std::string_view s(p_, ok_ ? n : 0);
    p_ += s.size();
    return s;
  }
  std::string str() { return std::string(view()); }

 private:
  uint64_t fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace fb
