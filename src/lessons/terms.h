#pragma once
/// Text -> terms for incident similarity: ASCII case folding, split on anything that is not a letter
/// or digit, stop words removed, light stemming (Porter steps 1a-1c, a final -e, and -ion after s/t).
#include <string>
#include <string_view>
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

/// Terms of `text` in order: tokens of at least 2 bytes that are not all digits and not stop words.
/// Bytes >= 0x80 are treated as letters, so UTF-8 words stay whole.
void extract_terms(std::string_view text, std::vector<TermOccurrence>& out);

}  // namespace fb
