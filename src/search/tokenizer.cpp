#include "search/tokenizer.h"

#include "search/chars.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fb::search {
namespace {

using chars::Cls;
using chars::case_of;
using chars::classify;
using chars::decode;

/// Decodes the code point at `i` (advancing it) and classifies it.
inline Cls next_code_point(std::string_view s, size_t& i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    cp = c;
    return chars::kAscii[c].cls;
  }
  cp = decode(s, i);
  return classify(cp);
}

inline void append_fold(uint32_t cp, std::string& out) { chars::append_fold(cp, out); }

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

bool is_stopword(std::string_view folded) { return chars::is_stopword(folded); }

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

}  // namespace fb::search
