#include "lessons/terms.h"

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

}  // namespace

bool is_stop_word(std::string_view w) { return std::binary_search(std::begin(kStopWords), std::end(kStopWords), w); }

std::string stem_word(std::string_view in) {
  for (char c : in)
    if (static_cast<unsigned char>(c) >= 0x80) return std::string(in);
  std::string w(in);
  if (w.size() <= 3) return w;
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
  return w;
}

void extract_terms(std::string_view text, std::vector<TermOccurrence>& out) {
  auto is_word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i - start < 2) continue;
    word.assign(text.substr(start, i - start));
    bool digits = true;
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c < '0' || c > '9') digits = false;
    }
    if (digits || is_stop_word(word)) continue;
    out.push_back({stem_word(word), word});
  }
}

}  // namespace fb
