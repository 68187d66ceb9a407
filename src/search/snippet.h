#pragma once
/// Highlighted snippets: the words of a text whose terms matched the query are marked. The result is a
/// list of plain-text pieces; to_html escapes every piece before adding <mark>, so markup in a title or
/// body stays text. search.js implements the same window rule.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/tokenizer.h"

namespace fb::search {

/// What a query matched: index terms, and prefixes (every term starting with one of them matched).
struct Matches {
  std::set<std::string> terms;
  std::set<std::string> prefixes;
  /// True when the whole form, a part or a suffix compound of `word` matched.
  bool covers(const Word& word) const;
};

/// A piece of a snippet: text, highlighted or not.
struct SnippetPiece {
  std::string text;
  bool mark = false;
};

/// Width of a snippet window in UTF-16 code units (what JavaScript's String.length counts).
inline constexpr size_t kSnippetWidth = 160;
/// How much context is kept before the first highlighted word.
inline constexpr size_t kSnippetLead = 30;

/// `text` in pieces, every word `matches` covers marked.
std::vector<SnippetPiece> highlight(std::string_view text, const Matches& matches);

/// A window of about kSnippetWidth units of `text` around its first highlighted word (the start when
/// none is), cut at word boundaries, with "…" where the text was cut.
std::vector<SnippetPiece> make_snippet(std::string_view text, const Matches& matches);

/// HTML: every piece escaped, marked pieces wrapped in <mark>…</mark>.
std::string to_html(const std::vector<SnippetPiece>& pieces);
/// Plain text with marked pieces wrapped in `open` and `close` (e.g. ANSI bold).
std::string to_text(const std::vector<SnippetPiece>& pieces, std::string_view open, std::string_view close);

}  // namespace fb::search
