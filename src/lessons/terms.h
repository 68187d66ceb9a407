#pragma once
/// Text -> terms for incident similarity: ASCII case folding, split on anything that is not a letter
/// or digit, stop words removed, light stemming (Porter steps 1a-1c, a final -e, and -ion after s/t).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fb {

/// One term occurrence: the stem used for matching and the word as written (lower-cased), for labels.
struct TermOccurrence {
  std::string stem;  ///< what similarity matches on
  std::string word;  ///< lower-cased written form
};

/// True for English function words and words every incident text uses ("incident", "outage", ...).
bool is_stop_word(std::string_view lower_word);

/// Light stemmer: "failures" -> "failur", "exhausted"/"exhaustion" -> "exhaust", "pools" -> "pool".
/// Input is a lower-case ASCII word; words with non-ASCII bytes are returned unchanged.
std::string stem_word(std::string_view lower_word);

/// stem_word() applied to `word` in place (no allocation beyond the word's own buffer).
void stem_in_place(std::string& word);

/// Terms of `text` in order: tokens of at least 2 bytes that are not all digits and not stop words.
/// Bytes >= 0x80 are treated as letters, so UTF-8 words stay whole.
void extract_terms(std::string_view text, std::vector<TermOccurrence>& out);

/// The terms of extract_terms() without building strings: calls `fn(stem, word)` for each, in order.
/// Both views are valid only during the call.
template <class Fn>
void for_each_term(std::string_view text, Fn&& fn);

/// Numbers the words and stems seen and remembers each word's stem (or that it is a stop word), so a
/// word repeated across texts is stemmed once and terms compare as integers. Not thread-safe: one per
/// worker.
class StemCache {
 public:
  /// Returned by stem_of() for a stop word.
  static constexpr uint32_t kStopWord = UINT32_MAX;
  /// The number of lower-case `word` (the same for the same word).
  uint32_t word_id(const std::string& word);
  /// The number of the word's stem (the same for the same stem), or kStopWord.
  uint32_t stem_of(uint32_t word) const { return word_stem_[word]; }
  /// The word numbered `id`.
  const std::string& word(uint32_t id) const { return words_[id]; }
  /// The stem numbered `id`.
  const std::string& stem(uint32_t id) const { return stems_[id]; }
  /// How many words have been numbered.
  size_t word_count() const { return words_.size(); }
  /// How many stems have been numbered.
  size_t stem_count() const { return stems_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> stem_ids_;
  std::vector<std::string> words_, stems_;
  std::vector<uint32_t> word_stem_;
  std::vector<uint64_t> word_hash_;  // per word id
  std::vector<uint32_t> slots_;      // open addressing: word id + 1, 0 = empty; size a power of two
};

/// Calls `fn(stem id, word id)` for each term of `text` (as for_each_term()), numbered by `cache`.
template <class Fn>
void for_each_term(std::string_view text, StemCache& cache, Fn&& fn);

namespace terms_detail {
/// One token of `text` starting at or after `i`: its lower-cased form in `word`, `i` moved past it.
/// False at the end of the text.
bool next_token(std::string_view text, size_t& i, std::string& word, bool& digits);
}  // namespace terms_detail

template <class Fn>
void for_each_term(std::string_view text, Fn&& fn) {
  std::string word, stem;
  size_t i = 0;
  bool digits = false;
  while (terms_detail::next_token(text, i, word, digits)) {
    if (digits || is_stop_word(word)) continue;
    stem = word;
    stem_in_place(stem);
    fn(std::string_view(stem), std::string_view(word));
  }
}

template <class Fn>
void for_each_term(std::string_view text, StemCache& cache, Fn&& fn) {
  std::string word;
  size_t i = 0;
  bool digits = false;
  while (terms_detail::next_token(text, i, word, digits)) {
    if (digits) continue;
    uint32_t w = cache.word_id(word);
    if (uint32_t stem = cache.stem_of(w); stem != StemCache::kStopWord) fn(stem, w);
  }
}

}  // namespace fb
