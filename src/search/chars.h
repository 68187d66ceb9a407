#pragma once
/// Character classes, UTF-8 decoding and case folding shared by the tokenizer's two scanners (the
/// general one behind split_words and the fast one behind index_terms). Internal to the search module.
/// Keep in sync with classify, caseOf and FOLD in themes/default/assets/search.js.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fb::search::chars {

/// What a code point does in a word.
enum class Cls : uint8_t { Sep, Word, Joiner, Skip };

/// A run of code points folding to the same ASCII text.
struct FoldRange {
  uint32_t first;
  uint32_t count;
  const char* to;
};

inline constexpr FoldRange kFoldRanges[] = {
    // Latin-1 Supplement
    {0xC0, 6, "a"}, {0xC6, 1, "ae"}, {0xC7, 1, "c"}, {0xC8, 4, "e"}, {0xCC, 4, "i"}, {0xD0, 1, "d"},
    {0xD1, 1, "n"}, {0xD2, 5, "o"}, {0xD8, 1, "o"}, {0xD9, 4, "u"}, {0xDD, 1, "y"}, {0xDE, 1, "th"},
    {0xDF, 1, "ss"}, {0xE0, 6, "a"}, {0xE6, 1, "ae"}, {0xE7, 1, "c"}, {0xE8, 4, "e"}, {0xEC, 4, "i"},
    {0xF0, 1, "d"}, {0xF1, 1, "n"}, {0xF2, 5, "o"}, {0xF8, 1, "o"}, {0xF9, 4, "u"}, {0xFD, 1, "y"},
    {0xFE, 1, "th"}, {0xFF, 1, "y"},
    // Latin Extended-A
    {0x100, 6, "a"}, {0x106, 8, "c"}, {0x10E, 4, "d"}, {0x112, 10, "e"}, {0x11C, 8, "g"}, {0x124, 4, "h"},
    {0x128, 10, "i"}, {0x132, 2, "ij"}, {0x134, 2, "j"}, {0x136, 3, "k"}, {0x139, 10, "l"}, {0x143, 7, "n"},
    {0x14A, 2, "n"}, {0x14C, 6, "o"}, {0x152, 2, "oe"}, {0x154, 6, "r"}, {0x15A, 8, "s"}, {0x162, 6, "t"},
    {0x168, 12, "u"}, {0x174, 2, "w"}, {0x176, 3, "y"}, {0x179, 6, "z"}, {0x17F, 1, "s"},
    // Latin Extended-B: Romanian comma-below letters
    {0x218, 2, "s"}, {0x21A, 2, "t"},
};

inline constexpr uint32_t kFoldTableFirst = 0xC0;
inline constexpr uint32_t kFoldTableEnd = 0x250;

/// Dense lookup for U+00C0..U+024F, built at compile time from kFoldRanges.
inline constexpr std::array<const char*, kFoldTableEnd - kFoldTableFirst> kFoldTable = [] {
  std::array<const char*, kFoldTableEnd - kFoldTableFirst> t{};
  for (const auto& r : kFoldRanges)
    for (uint32_t k = 0; k < r.count; ++k) t[r.first + k - kFoldTableFirst] = r.to;
  return t;
}();

/// The class of a code point.
constexpr Cls classify(uint32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) return Cls::Word;
    if (cp == '-' || cp == '_' || cp == '.') return Cls::Joiner;
    return Cls::Sep;
  }
  if (cp == 0xAD || (cp >= 0x300 && cp <= 0x36F)) return Cls::Skip;  // soft hyphen, combining marks
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return Cls::Sep;
  if (cp < 0x2B0) return Cls::Word;                                   // Latin letters, IPA
  if (cp < 0x370) return Cls::Sep;                                    // spacing modifiers
  if (cp == 0x37E || cp == 0x387) return Cls::Sep;                    // Greek punctuation
  if (cp < 0x2000) return Cls::Word;                                  // Greek .. Greek Extended
  if (cp < 0x2C00) return Cls::Sep;                                   // punctuation, symbols, arrows
  if (cp < 0x2E00) return Cls::Word;
  if (cp < 0x2E80) return Cls::Sep;
  if (cp >= 0x3000 && cp < 0x3040) return Cls::Sep;                   // CJK punctuation
  if (cp < 0xD800) return Cls::Word;                                  // CJK, kana, Hangul
  return Cls::Sep;                                                    // surrogates, private use, astral
}

/// 0 other, 1 lower, 2 upper, 3 digit (ASCII only: camel-case rules look at ASCII letters).
constexpr int case_of(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return 1;
  if (cp >= 'A' && cp <= 'Z') return 2;
  if (cp >= '0' && cp <= '9') return 3;
  return 0;
}

/// What the scanners need to know about an ASCII character, looked up instead of computed.
struct AsciiInfo {
  Cls cls = Cls::Sep;
  uint8_t kase = 0;   ///< case_of
  char folded = 0;    ///< lower-cased
};

/// AsciiInfo of every ASCII character.
inline constexpr std::array<AsciiInfo, 128> kAscii = [] {
  std::array<AsciiInfo, 128> t{};
  for (uint32_t c = 0; c < 128; ++c)
    t[c] = {classify(c), static_cast<uint8_t>(case_of(c)), static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c)};
  return t;
}();

/// Decodes the UTF-8 code point at `s[i]` (advancing `i`); invalid or truncated bytes give U+FFFD
/// and advance by one byte.
inline uint32_t decode(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else { ++i; return 0xFFFD; }
  if (i + len > s.size()) { ++i; return 0xFFFD; }
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

/// Writes the UTF-8 form of `cp` to `out`; returns the number of bytes written (1-4).
inline size_t put_utf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

/// Writes the folded form of `cp` to `out` (at most 4 bytes, and never more than the UTF-8 encoding
/// of `cp` took in the input); returns the number of bytes written.
inline size_t put_fold(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = kAscii[cp].folded;
    return 1;
  }
  if (cp >= kFoldTableFirst && cp < kFoldTableEnd) {
    if (const char* to = kFoldTable[cp - kFoldTableFirst]) {
      size_t n = 0;
      for (; to[n]; ++n) out[n] = to[n];
      return n;
    }
  }
  if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;        // Greek capitals
  else if (cp == 0x3C2) cp = 0x3C3;                  // final sigma
  else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;   // Cyrillic capitals
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;   // Cyrillic capitals with marks
  return put_utf8(cp, out);
}

/// Appends the folded form of `cp` to `out`.
inline void append_fold(uint32_t cp, std::string& out) {
  char buf[4];
  out.append(buf, put_fold(cp, buf));
}

/// The English function words that are never indexed on their own ("no" is not one: etcdNoLeader).
inline constexpr std::string_view kStopwords[] = {
    "an",   "and",   "are",  "as",   "at",   "be",   "but",   "by",   "for",   "from",
    "has",  "have",  "if",   "in",   "into", "is",   "it",    "its",  "of",    "on",
    "or",   "so",    "such", "that", "the",  "their", "then", "there", "these", "this",
    "to",   "was",   "were", "which", "will", "with", "within"};

/// Up to 8 ASCII characters as one integer (first character most significant).
constexpr uint64_t pack_ascii(std::string_view s) {
  uint64_t key = 0;
  for (char c : s) key = key << 8 | static_cast<unsigned char>(c);
  return key;
}

/// Slot of a packed word in kStopTable.
constexpr size_t stop_slot(uint64_t key) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 57); }

/// The packed stop words in an open-addressing table of 128 slots (0 = empty), built at compile time.
inline constexpr std::array<uint64_t, 128> kStopTable = [] {
  std::array<uint64_t, 128> t{};
  for (std::string_view w : kStopwords) {
    size_t s = stop_slot(pack_ascii(w));
    while (t[s]) s = (s + 1) & 127;
    t[s] = pack_ascii(w);
  }
  return t;
}();

/// True when folded `w` is one of kStopwords. (Packing is one-to-one for words of up to 8 bytes
/// without NUL, which never occurs in a word, so other bytes need no check: they never match.)
inline bool is_stopword(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  uint64_t key = 0;
  for (char c : w) key = key << 8 | static_cast<unsigned char>(c);
  for (size_t s = stop_slot(key);; s = (s + 1) & 127) {
    if (kStopTable[s] == key) return true;
    if (!kStopTable[s]) return false;
  }
}

}  // namespace fb::search::chars
