#include "lessons/terms.h"

#include "util/hash.h"

#include <algorithm>
#include <iterator>

namespace fb {
namespace {

// Sorted for binary search. English function words, plus words that nearly every PIR uses and that
// therefore say nothing about what went wrong.
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "cannot", "cause", "caused", "causes", "causing", "could", "did", "do", "does", "doing",
    "down", "due", "during", "each", "eg", "etc", "even", "ever", "every", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "however", "ie", "if", "in", "incident", "incidents", "into", "is", "issue", "issues", "it", "its",
    "itself", "just", "led", "less", "made", "make", "many", "may", "me", "might", "more", "most",
    "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "ours", "out", "outage", "outages", "over", "own", "per", "problem", "problems",
    "result", "resulted", "resulting", "results", "same", "she", "should", "since", "so", "some",
    "still", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "though", "through", "thus", "to", "too", "two", "under", "until", "up", "upon",
    "us", "use", "used", "using", "very", "via", "was", "we", "were", "what", "when", "where", "whether",
    "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your", "yours"};

bool is_vowel_at(std::string_view w, size_t i) {
  char c = w[i];
  if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') return true;
  if (c == 'y') return i > 0 && !is_vowel_at(w, i - 1);
  return false;
}

/// Porter's m: the number of vowel-consonant sequences in `w`.
int measure(std::string_view w) {
  int m = 0;
  bool prev_vowel = false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool v = is_vowel_at(w, i);
    if (!v && prev_vowel) ++m;
    prev_vowel = v;
  }
  return m;
}

bool has_vowel(std::string_view w) {
  for (size_t i = 0; i < w.size(); ++i)
    if (is_vowel_at(w, i)) return true;
  return false;
}

bool ends_double_consonant(std::string_view w) {
  size_t n = w.size();
  return n >= 2 && w[n - 1] == w[n - 2] && !is_vowel_at(w, n - 1);
}

/// consonant-vowel-consonant at the end, the last not w, x or y (Porter's *o).
bool ends_cvc(std::string_view w) {
  size_t n = w.size();
  if (n < 3) return false;
  char c = w[n - 1];
  return !is_vowel_at(w, n - 3) && is_vowel_at(w, n - 2) && !is_vowel_at(w, n - 1) && c != 'w' && c != 'x' &&
         c != 'y';
}

bool ends_with(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

/// The stop words by (first letter, length), so a lookup compares a word with at most a handful.
struct StopWordTable {
  static constexpr size_t kMaxLength = 16;
  std::vector<std::string_view> bucket[26][kMaxLength];
  StopWordTable() {
    for (std::string_view w : kStopWords)
      if (w.size() < kMaxLength && w[0] >= 'a' && w[0] <= 'z') bucket[w[0] - 'a'][w.size()].push_back(w);
  }
};

const StopWordTable& stop_words() {
  static const StopWordTable table;
  return table;
}

}  // namespace

bool is_stop_word(std::string_view w) {
  if (w.empty() || w.size() >= StopWordTable::kMaxLength || w[0] < 'a' || w[0] > 'z')
    return std::binary_search(std::begin(kStopWords), std::end(kStopWords), w);
  for (std::string_view s : stop_words().bucket[w[0] - 'a'][w.size()])
    if (s == w) return true;
  return false;
}

std::string stem_word(std::string_view in) {
  std::string w(in);
  stem_in_place(w);
  return w;
}

void stem_in_place(std::string& w) {
  for (char c : w)
    if (static_cast<unsigned char>(c) >= 0x80) return;
  if (w.size() <= 3) return;
  // Step 1a: plurals.
  if (ends_with(w, "sses")) w.resize(w.size() - 2);
  else if (ends_with(w, "ies")) w.resize(w.size() - 2);
  else if (ends_with(w, "ss")) {
  } else if (ends_with(w, "s") && w.size() > 3) w.pop_back();
  // Step 1b: -eed, -ed, -ing.
  bool fixup = false;
  if (ends_with(w, "eed")) {
    if (measure(std::string_view(w).substr(0, w.size() - 3)) > 0) w.pop_back();
  } else if (ends_with(w, "ed") && has_vowel(std::string_view(w).substr(0, w.size() - 2))) {
    w.resize(w.size() - 2);
    fixup = true;
  } else if (ends_with(w, "ing") && has_vowel(std::string_view(w).substr(0, w.size() - 3))) {
    w.resize(w.size() - 3);
    fixup = true;
  }
  if (fixup) {
    if (ends_with(w, "at") || ends_with(w, "bl") || ends_with(w, "iz")) w.push_back('e');
    else if (ends_double_consonant(w) && !ends_with(w, "l") && !ends_with(w, "s") && !ends_with(w, "z")) w.pop_back();
    else if (measure(w) == 1 && ends_cvc(w)) w.push_back('e');
  }
  // Step 1c: -y -> -i after a vowel-containing stem.
  if (ends_with(w, "y") && has_vowel(std::string_view(w).substr(0, w.size() - 1))) w.back() = 'i';
  // -ion after s or t (Porter step 4, that suffix only): exhaustion -> exhaust, rotation -> rotat.
  if (ends_with(w, "ion") && w.size() > 4) {
    std::string_view stem = std::string_view(w).substr(0, w.size() - 3);
    if ((stem.back() == 's' || stem.back() == 't') && measure(stem) > 1) w.resize(w.size() - 3);
  }
  // Step 5a: final -e.
  if (ends_with(w, "e")) {
    std::string_view stem = std::string_view(w).substr(0, w.size() - 1);
    int m = measure(stem);
    if (m > 1 || (m == 1 && !ends_cvc(stem))) w.pop_back();
  }
}

uint32_t StemCache::word_id(const std::string& word) {
  const uint64_t h = content_hash(word);  // XXH3, the project's one hash (util/hash.h)
  if (slots_.empty()) slots_.assign(1024, 0);
  size_t mask = slots_.size() - 1;
  size_t at = static_cast<size_t>(h ^ (h >> 29)) & mask;
  for (; slots_[at] != 0; at = (at + 1) & mask) {
    uint32_t id = slots_[at] - 1;
    if (word_hash_[id] == h && words_[id] == word) return id;
  }
  const uint32_t id = static_cast<uint32_t>(words_.size());
  slots_[at] = id + 1;
  words_.push_back(word);
  word_hash_.push_back(h);
  if (words_.size() * 2 > slots_.size()) {  // grow at half full
    slots_.assign(slots_.size() * 2, 0);
    mask = slots_.size() - 1;
    for (uint32_t w = 0; w < words_.size(); ++w) {
      size_t a = static_cast<size_t>(word_hash_[w] ^ (word_hash_[w] >> 29)) & mask;
      while (slots_[a] != 0) a = (a + 1) & mask;
      slots_[a] = w + 1;
    }
  }
  {
    uint32_t stem_id = kStopWord;
    if (!is_stop_word(word)) {
      std::string stem = word;
      stem_in_place(stem);
      auto [s, fresh] = stem_ids_.try_emplace(stem, static_cast<uint32_t>(stems_.size()));
      if (fresh) stems_.push_back(std::move(stem));
      stem_id = s->second;
    }
    word_stem_.push_back(stem_id);
  }
  return id;
}

namespace terms_detail {

namespace {

/// Byte classes: 0 separator, 1 letter (or a byte of a UTF-8 sequence), 2 digit.
struct ByteClasses {
  unsigned char of[256] = {};
  ByteClasses() {
    for (int c = 0; c < 256; ++c)
      of[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ? 1 : (c >= '0' && c <= '9') ? 2 : 0;
  }
};
const ByteClasses kBytes;

}  // namespace

bool next_token(std::string_view text, size_t& i, std::string& word, bool& digits) {
  auto is_word_byte = [](unsigned char c) { return kBytes.of[c] != 0; };
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i - start < 2) continue;
    word.assign(text.data() + start, i - start);
    unsigned all = 2;
    for (char& c : word) {
      unsigned char u = static_cast<unsigned char>(c);
      all &= kBytes.of[u];
      if (u >= 'A' && u <= 'Z') c = static_cast<char>(u - 'A' + 'a');
    }
    digits = all == 2;
    return true;
  }
  return false;
}

}  // namespace terms_detail

void extract_terms(std::string_view text, std::vector<TermOccurrence>& out) {
  for_each_term(text, [&](std::string_view stem, std::string_view word) {
    out.push_back({std::string(stem), std::string(word)});
  });
}

}  // namespace fb
