// The indexing scanner: the tokenizer of tokenizer.cpp (same words, parts and terms, in the same
// order) specialised for throughput. It folds into one reused buffer (folding never lengthens a
// code point's encoding, so the buffer is as long as the text), decodes and classifies ASCII through
// one table, counts code points only for words that are not ASCII and passes terms to a sink without
// copying them. tests/search/tokenizer_test.cpp checks it against split_words on generated texts.
#include <array>
#include <string>
#include <vector>

#include "search/chars.h"
#include "search/tokenizer.h"

namespace fb::search {
namespace {

using chars::Cls;

/// case_of (1 or 3) of the ASCII lower-case letters and digits, 0 for every other byte.
constexpr std::array<uint8_t, 256> kLowerOrDigit = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
  for (int c = '0'; c <= '9'; ++c) t[c] = 3;
  return t;
}();

/// Code points of folded text (ASCII text: its length).
inline size_t cps_of(const char* p, size_t n, bool ascii) {
  if (ascii) return n;
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) c += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
  return c;
}

struct Scanner {
  std::string buf;                 ///< folded text of the current word
  std::vector<uint32_t> bounds;    ///< part i of the word is buf[bounds[2i], bounds[2i+1])
  size_t np = 0;                   ///< number of parts
  uint32_t part_start = 0;

  void close_part(size_t at) {
    if (at > part_start) {
      if (bounds.size() < 2 * np + 2) bounds.resize(2 * np + 16);
      bounds[2 * np] = part_start;
      bounds[2 * np + 1] = static_cast<uint32_t>(at);
      ++np;
    }
    part_start = static_cast<uint32_t>(at);
  }

  /// Emits the terms of the word folded into f[0, len) with its parts; returns how many.
  size_t emit(const char* f, size_t len, bool ascii, TermSink& sink) {
    if (np == 1) {  // one part: the word itself (the common case)
      const size_t cps = cps_of(f, len, ascii);
      if (cps < 2 || cps > kMaxTermLength || chars::is_stopword(std::string_view(f, len))) return 0;
      sink.add(std::string_view(f, len));
      return 1;
    }
    size_t count = 0;
    const bool whole_ok = np > 1 && cps_of(f, len, ascii) <= kMaxTermLength;
    if (whole_ok) {
      sink.add(std::string_view(f, len));
      ++count;
    }
    for (size_t k = 0; k < np; ++k) {
      const std::string_view p(f + bounds[2 * k], bounds[2 * k + 1] - bounds[2 * k]);
      const size_t cps = cps_of(p.data(), p.size(), ascii);
      if (cps >= 2 && cps <= kMaxTermLength && !chars::is_stopword(p)) {
        sink.add(p);
        ++count;
      }
    }
    if (whole_ok && np >= 3 && np <= kMaxCompoundParts)
      for (size_t k = 1; k + 1 < np; ++k) {
        sink.add(std::string_view(f + bounds[2 * k], len - bounds[2 * k]));
        ++count;
      }
    return count;
  }

  size_t scan(std::string_view text, TermSink& sink) {
    const size_t n = text.size();
    if (buf.size() < n + 8) buf.resize(n + 8);
    char* const f = buf.data();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0, count = 0;
    while (i < n) {
      uint32_t cp = s[i];
      size_t len;
      bool ascii = true;
      if (cp < 0x80) {
        ++i;
        if (chars::kAscii[cp].cls != Cls::Word) continue;
        f[0] = chars::kAscii[cp].folded;
        len = 1;
      } else {
        cp = chars::decode(text, i);
        if (chars::classify(cp) != Cls::Word) continue;
        len = chars::put_fold(cp, f);
        for (size_t q = 0; q < len; ++q) ascii = ascii && static_cast<unsigned char>(f[q]) < 0x80;
      }
      // A word starts with `cp`.
      np = 0;
      part_start = 0;
      int prev = chars::case_of(cp), prevprev = -1;
      while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
          const chars::AsciiInfo& a = chars::kAscii[c];
          if (a.cls == Cls::Word) {
            const int cs = a.kase;
            if (cs == 2 && (prev == 1 || prev == 3)) close_part(len);
            else if (cs == 1 && prev == 2 && prevprev == 2) close_part(len - 1);
            f[len++] = a.folded;
            prevprev = prev;
            prev = cs;
            ++i;
            // The common case: a run of lower-case letters and digits after a lower-case letter or a
            // digit never starts a part, so it is copied as it is.
            if (cs != 2) {
              for (uint8_t k; i < n && (k = kLowerOrDigit[s[i]]); ++i) {
                f[len++] = static_cast<char>(s[i]);
                prevprev = prev;
                prev = k;
              }
            }
            continue;
          }
          if (a.cls != Cls::Joiner) break;
          // Joiners (and skipped marks between them) join when a word character follows.
          size_t k = i + 1;
          Cls next = Cls::Sep;
          while (k < n) {
            if (s[k] < 0x80) {
              next = chars::kAscii[s[k]].cls;
              if (next != Cls::Joiner) break;
              ++k;
            } else {
              size_t m = k;
              next = chars::classify(chars::decode(text, m));
              if (next != Cls::Skip) break;
              k = m;
            }
          }
          if (k >= n || next != Cls::Word) break;
          close_part(len);
          for (size_t j = i; j < k; ++j)
            if (s[j] < 0x80) f[len++] = static_cast<char>(s[j]);
          part_start = static_cast<uint32_t>(len);
          prev = prevprev = -1;
          i = k;
          continue;
        }
        size_t j = i;
        const uint32_t c2 = chars::decode(text, j);
        const Cls k2 = chars::classify(c2);
        if (k2 == Cls::Word) {  // a letter beyond ASCII (or an over-long encoding of an ASCII one)
          const int cs = chars::case_of(c2);
          if (cs == 2 && (prev == 1 || prev == 3)) close_part(len);
          else if (cs == 1 && prev == 2 && prevprev == 2) close_part(len - 1);
          const size_t w = chars::put_fold(c2, f + len);
          for (size_t q = 0; q < w; ++q) ascii = ascii && static_cast<unsigned char>(f[len + q]) < 0x80;
          len += w;
          prevprev = prev;
          prev = cs;
          i = j;
        } else if (k2 == Cls::Skip) {
          i = j;
        } else {
          break;
        }
      }
      close_part(len);
      count += emit(f, len, ascii, sink);
    }
    return count;
  }
};

/// Appends to a TermBuffer.
struct BufferSink final : TermSink {
  TermBuffer& out;
  explicit BufferSink(TermBuffer& o) : out(o) {}
  void add(std::string_view t) override {
    out.chars += t;
    out.ends.push_back(static_cast<uint32_t>(out.chars.size()));
  }
};

}  // namespace

size_t index_terms(std::string_view text, TermSink& sink) {
  thread_local Scanner scanner;
  return scanner.scan(text, sink);
}

size_t index_terms(std::string_view text, TermBuffer& out) {
  BufferSink sink(out);
  return index_terms(text, sink);
}

}  // namespace fb::search
