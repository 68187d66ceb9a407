#pragma once
/// The search tokenizer, shared by the index builder, the query engine and (as a JavaScript port in
/// themes/default/assets/search.js) the browser client. Both ports must produce the same terms.
///
/// A text is cut into *words*: runs of letters and digits, where `-`, `_` and `.` between two letters
/// or digits join (`kube-apiserver`, `pg_stat_activity`, `10.0.0.2`). A word is cut into *parts* at the
/// joiners and at ASCII camel-case boundaries (`etcdNoLeader` -> etcd|No|Leader,
/// `KubeAPIErrorBudgetBurn` -> Kube|API|Error|Budget|Burn, `S3Bucket` -> S3|Bucket). Everything is
/// case-folded: ASCII, Latin-1 and Latin Extended-A letters are lower-cased with their diacritics
/// removed (`Ærø` -> aero, `Straße` -> strasse); Greek and Cyrillic capitals are lower-cased.
///
/// The terms of a word are: its parts (at least 2 code points, not a stop word), the whole word when it
/// has more than one part (`etcdnoleader`, `inc-2024-031`), and its *suffix compounds*, the word from
/// its 2nd, 3rd, ... part to the end (`noleader`, `2024-031`) so that the tail of an identifier is
/// found too. Code points from U+E000 up (private use, emoji, astral planes) separate words, so every
/// term is in the Basic Multilingual Plane below the surrogates and JavaScript string length, code
/// points and sort order agree with C++'s UTF-8 byte order.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fb::search {

/// Longest whole word or part kept, in code points (longer ones are dropped: hashes, base64 blobs).
inline constexpr size_t kMaxTermLength = 64;
/// Words with more parts than this get no suffix compounds (long dotted host names, paths).
inline constexpr size_t kMaxCompoundParts = 8;

/// The folded (lower-case, diacritics removed) form of `text`, keeping separators as they are.
std::string fold(std::string_view text);

/// Number of code points in UTF-8 `text`.
size_t code_points(std::string_view text);

/// True for the few English function words that are never indexed ("the", "and", ...). `folded`
/// must already be folded.
bool is_stopword(std::string_view folded);

/// One word of a text with its terms (all folded).
struct Word {
  size_t begin = 0;                    ///< byte offset of the word in the text
  size_t end = 0;                      ///< byte offset one past the word
  std::string whole;                   ///< the whole word, "" when it has a single part
  std::vector<std::string> parts;      ///< kept parts, in order
  std::vector<std::string> suffixes;   ///< suffix compounds, longest first
  size_t raw_parts = 0;                ///< number of parts before dropping short parts and stop words
  std::string last_part;               ///< the word's last part even if dropped ("" if none)
};

/// Splits `text` into words (for queries and snippets). Never throws; invalid UTF-8 bytes separate.
std::vector<Word> split_words(std::string_view text);

/// An append-only list of terms stored in one buffer (no allocation per term).
struct TermBuffer {
  std::string chars;                   ///< all terms back to back
  std::vector<uint32_t> ends;          ///< end offset of each term in `chars`
  /// Number of terms.
  size_t size() const { return ends.size(); }
  /// Term `i`.
  std::string_view operator[](size_t i) const {
    uint32_t b = i ? ends[i - 1] : 0;
    return std::string_view(chars).substr(b, ends[i] - b);
  }
  /// Removes every term.
  void clear() { chars.clear(); ends.clear(); }
};

/// Receives the index terms of a text one by one (see index_terms).
class TermSink {
 public:
  virtual ~TermSink() = default;
  /// Called with each term; `term` is valid only during the call.
  virtual void add(std::string_view term) = 0;
};

/// Appends every index term of `text` (parts, whole words, suffix compounds) to `out`, in text order.
/// Returns the number of terms appended.
size_t index_terms(std::string_view text, TermBuffer& out);

/// Passes every index term of `text` to `sink`, in the order the TermBuffer overload appends them:
/// per word its whole form, its kept parts, then its suffix compounds. Returns the number of terms.
/// A fast scanner of its own (index_terms.cpp); tests check it against split_words.
size_t index_terms(std::string_view text, TermSink& sink);

}  // namespace fb::search
