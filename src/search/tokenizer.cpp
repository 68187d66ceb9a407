#include "search/tokenizer.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fb::search {
namespace {

/// What a code point does in a word.
enum class Cls : uint8_t { Sep, Word, Joiner, Skip };

/// A run of code points folding to the same ASCII text. Keep in sync with FOLD in search.js.
struct FoldRange {
  uint32_t first;
  uint32_t count;
  const char* to;
};

constexpr FoldRange kFoldRanges[] = {
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

constexpr uint32_t kFoldTableFirst = 0xC0;
constexpr uint32_t kFoldTableEnd = 0x250;

/// Dense lookup for U+00C0..U+024F built once from kFoldRanges.
const std::array<const char*, kFoldTableEnd - kFoldTableFirst>& fold_table() {
  static const auto table = [] {
    std::array<const char*, kFoldTableEnd - kFoldTableFirst> t{};
    for (const auto& r : kFoldRanges)
      for (uint32_t k = 0; k < r.count; ++k) t[r.first + k - kFoldTableFirst] = r.to;
    return t;
  }();
  return table;
}

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
int case_of(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return 1;
  if (cp >= 'A' && cp <= 'Z') return 2;
  if (cp >= '0' && cp <= '9') return 3;
  return 0;
}

uint32_t decode(std::string_view s, size_t& i) {
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

/// Classes of the ASCII characters (the common case, looked up instead of computed).
constexpr std::array<Cls, 128> kAsciiClass = [] {
  std::array<Cls, 128> t{};
  for (uint32_t c = 0; c < 128; ++c) t[c] = classify(c);
  return t;
}();

/// Decodes the code point at `i` (advancing it) and classifies it.
inline Cls next_code_point(std::string_view s, size_t& i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    cp = c;
    return kAsciiClass[c];
  }
  cp = decode(s, i);
  return classify(cp);
}

void append_utf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline void append_fold(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return;
  }
  if (cp >= kFoldTableFirst && cp < kFoldTableEnd) {
    if (const char* to = fold_table()[cp - kFoldTableFirst]) {
      out += to;
      return;
    }
  }
  if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;        // Greek capitals
  else if (cp == 0x3C2) cp = 0x3C3;                  // final sigma
  else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;   // Cyrillic capitals
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;   // Cyrillic capitals with marks
  append_utf8(cp, out);
}

/// A word found by the scanner: its folded text (joiners kept) and the folded ranges of its parts.
struct ScannedWord {
  size_t begin = 0;
  size_t end = 0;
  std::string folded;
  std::vector<std::pair<uint32_t, uint32_t>> parts;
};

/// Calls on_word for every word of `text`. `w` is reused between calls.
template <class F>
void scan_words(std::string_view text, ScannedWord& w, F&& on_word) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const size_t at = i;
    uint32_t cp;
    if (next_code_point(text, i, cp) != Cls::Word) continue;
    w.begin = at;
    w.folded.clear();
    w.parts.clear();
    uint32_t part_start = 0;
    int prev = case_of(cp), prevprev = -1;
    append_fold(cp, w.folded);
    size_t word_end = i;
    auto close_part = [&](uint32_t at_folded) {
      if (at_folded > part_start) w.parts.emplace_back(part_start, at_folded);
      part_start = at_folded;
    };
    while (i < n) {
      size_t j = i;
      uint32_t c2;
      const Cls k2 = next_code_point(text, j, c2);
      if (k2 == Cls::Word) {
        const int cs = case_of(c2);
        const auto size = static_cast<uint32_t>(w.folded.size());
        if (cs == 2 && (prev == 1 || prev == 3)) close_part(size);
        else if (cs == 1 && prev == 2 && prevprev == 2) close_part(size - 1);
        append_fold(c2, w.folded);
        prevprev = prev;
        prev = cs;
        i = j;
        word_end = i;
      } else if (k2 == Cls::Skip) {
        i = j;
      } else if (k2 == Cls::Joiner) {
        std::string joiners(1, static_cast<char>(c2));
        size_t k = j;
        Cls next = Cls::Sep;
        while (k < n) {
          size_t m = k;
          uint32_t c3;
          next = next_code_point(text, m, c3);
          if (next == Cls::Joiner) joiners += static_cast<char>(c3);
          else if (next != Cls::Skip) break;
          k = m;
        }
        if (k >= n || next != Cls::Word) break;
        close_part(static_cast<uint32_t>(w.folded.size()));
        w.folded += joiners;
        part_start = static_cast<uint32_t>(w.folded.size());
        prev = -1;
        prevprev = -1;
        i = k;
      } else {
        break;
      }
    }
    close_part(static_cast<uint32_t>(w.folded.size()));
    w.end = word_end;
    i = std::max(i, word_end);
    on_word(w);
  }
}

/// Visits the terms of one scanned word: whole (if several parts), kept parts, suffix compounds.
template <class Whole, class Part, class Suffix>
void word_terms(const ScannedWord& w, Whole&& on_whole, Part&& on_part, Suffix&& on_suffix) {
  const std::string_view f = w.folded;
  const size_t np = w.parts.size();
  const bool whole_ok = np > 1 && code_points(f) <= kMaxTermLength;
  if (whole_ok) on_whole(f);
  for (const auto& [b, e] : w.parts) {
    std::string_view p = f.substr(b, e - b);
    size_t cps = code_points(p);
    if (cps >= 2 && cps <= kMaxTermLength && !is_stopword(p)) on_part(p);
  }
  if (whole_ok && np >= 3 && np <= kMaxCompoundParts)
    for (size_t k = 1; k + 1 < np; ++k) on_suffix(f.substr(w.parts[k].first));
}

constexpr std::array<std::string_view, 37> kStopwords = {
    "an",   "and",   "are",  "as",   "at",   "be",   "but",   "by",   "for",   "from",
    "has",  "have",  "if",   "in",   "into", "is",   "it",    "its",  "of",    "on",
    "or",   "so",    "such", "that", "the",  "their", "then", "there", "these", "this",
    "to",   "was",   "were", "which", "will", "with", "within"};
static_assert(std::is_sorted(kStopwords.begin(), kStopwords.end()), "keep the stop words sorted");

/// Up to 8 ASCII characters as one integer (first character most significant).
uint64_t pack_ascii(std::string_view s) {
  uint64_t key = 0;
  for (char c : s) key = key << 8 | static_cast<unsigned char>(c);
  return key;
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = decode(text, i);
    if (classify(cp) == Cls::Skip) continue;
    append_fold(cp, out);
  }
  return out;
}

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_stopword(std::string_view folded) {
  if (folded.size() < 2 || folded.size() > 6) return false;
  // Pack the (ASCII) word into an integer: no string comparisons on the hot path.
  static const auto packed = [] {
    std::array<uint64_t, kStopwords.size()> p{};
    for (size_t i = 0; i < kStopwords.size(); ++i) p[i] = pack_ascii(kStopwords[i]);
    std::sort(p.begin(), p.end());
    return p;
  }();
  uint64_t key = 0;
  for (char c : folded) {
    if (c < 'a' || c > 'z') return false;
    key = key << 8 | static_cast<unsigned char>(c);
  }
  return std::binary_search(packed.begin(), packed.end(), key);
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  ScannedWord w;
  scan_words(text, w, [&](const ScannedWord& s) {
    Word out;
    out.begin = s.begin;
    out.end = s.end;
    out.raw_parts = s.parts.size();
    if (!s.parts.empty()) out.last_part = s.folded.substr(s.parts.back().first);
    word_terms(
        s, [&](std::string_view t) { out.whole = std::string(t); },
        [&](std::string_view t) { out.parts.emplace_back(t); },
        [&](std::string_view t) { out.suffixes.emplace_back(t); });
    words.push_back(std::move(out));
  });
  return words;
}

size_t index_terms(std::string_view text, TermBuffer& out) {
  const size_t before = out.size();
  auto add = [&](std::string_view t) {
    out.chars += t;
    out.ends.push_back(static_cast<uint32_t>(out.chars.size()));
  };
  ScannedWord w;
  scan_words(text, w, [&](const ScannedWord& s) { word_terms(s, add, add, add); });
  return out.size() - before;
}

}  // namespace fb::search
