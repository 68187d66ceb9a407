#pragma once
/// The query engine shared by `firebreak search` and (ported line for line) the browser client in
/// themes/default/assets/search.js. Ranking:
///
/// 1. The query is cut into words with the index tokenizer. `kind:`, `severity:`/`sev:`, `service:`,
///    `tag:` and `owner:` words are filters. The last word, when the query does not end in a space,
///    is still being typed: its whole form and its last part match as prefixes.
/// 2. Each term contributes, per document, the impact stored in the index (BM25 × kImpactScale).
///    A prefix `p` matching a longer term `u` contributes impact × (|p| + |u|) / (2|u|) (integer
///    division, at least 1; lengths in code points), the best expansion per document; a prefix with a
///    stored list (many expansions, see kPrefixListThreshold) contributes that list instead. A term the
///    index does not have at all (a typo) falls back to the longest prefix of it, of at least 3 code
///    points, that is a term or has expansions: the term itself at full impact, its expansions as above.
/// 3. A word matches a document when its whole form does, or all of its parts do. Documents are
///    ordered by the number of words matched, then by the sum of all contributions, then by document
///    order (path). All arithmetic is on integers, so both ports agree exactly.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/snippet.h"
#include "search/source.h"

namespace fb::search {

/// Filter values per facet; values within a facet are alternatives, facets must all match.
struct Filters {
  std::vector<std::string> kind;       ///< runbook | postmortem (pir accepted)
  std::vector<std::string> severity;   ///< severity id, alias or label
  std::vector<std::string> service;
  std::vector<std::string> tag;
  std::vector<std::string> owner;
  /// True when no filter is set.
  bool empty() const { return kind.empty() && severity.empty() && service.empty() && tag.empty() && owner.empty(); }
};

/// One term of a query word.
struct QueryTerm {
  std::string text;     ///< folded
  bool prefix = false;  ///< also matches longer terms starting with `text`
};

/// One word of a query: its whole form (for multi-part words) and its parts.
struct QueryWord {
  std::string raw;                 ///< the word as typed
  std::vector<QueryTerm> whole;    ///< zero or one term
  std::vector<QueryTerm> parts;
};

/// A parsed query.
struct Query {
  std::vector<QueryWord> words;
  Filters filters;
};

/// Parses the query text: filters (`tag:postgres`), words, and the prefix flag of the last word.
Query parse_query(std::string_view text);

/// One ranked document.
struct Hit {
  uint32_t doc = 0;
  uint32_t words = 0;    ///< query words matched
  uint64_t score = 0;    ///< sum of the contributions
};

/// The outcome of a query.
struct Results {
  std::vector<Hit> hits;                ///< best first, at most the limit
  size_t total = 0;                     ///< matching documents (before the limit)
  Matches matched;                      ///< terms and prefixes that matched (for highlighting)
};

/// Runs `query` on `index`; returns at most `limit` hits. A query with filters and no words lists the
/// filtered documents in document order; an empty query returns nothing.
Results run_query(IndexSource& index, const Query& query, size_t limit);

}  // namespace fb::search
