#pragma once
/// The search index in memory: a document table and an inverted index whose postings carry
/// precomputed BM25 scores ("impacts"), so a query only adds integers. The same numbers are written to
/// the shards the browser loads, which is why the browser and `firebreak search` rank identically.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "content/document.h"
#include "model/model.h"

namespace fb::search {

/// The fields a document is indexed under, each with its own weight.
enum class Field : uint8_t { Title, Alerts, Ident, Headings, Meta, Body };
/// Number of fields.
inline constexpr size_t kFieldCount = 6;

/// Weight of a field for runbooks and PIRs, and its BM25 length normalisation `b`.
struct FieldWeight {
  const char* name;    ///< for docs and debugging
  double runbook;      ///< weight in a runbook
  double postmortem;   ///< weight in a post-incident review
  double b;            ///< 0: no length normalisation (lists), 0.75: classic BM25
};

/// Field weights: an alert name or title match dominates a mention in the body. The alerts that
/// fired during an incident weigh less in a PIR than the alerts a runbook is written for.
inline constexpr std::array<FieldWeight, kFieldCount> kFieldWeights = {{
    {"title", 10.0, 8.0, 0.3},
    {"alerts", 9.0, 4.0, 0.0},
    {"ident", 6.0, 6.0, 0.0},      // document id, incident id
    {"headings", 3.0, 3.0, 0.5},
    {"meta", 4.0, 4.0, 0.0},       // service(s), tags, owner, root-cause category
    {"body", 1.0, 1.0, 0.75},
}};

/// BM25 term-frequency saturation.
inline constexpr double kK1 = 1.2;
/// A posting's impact is its BM25 score times this, rounded, and at least 1.
inline constexpr double kImpactScale = 4.0;

/// One document as search results show it.
struct DocRecord {
  std::string url;                    ///< site-relative page URL ("runbooks/db/pool/index.html")
  std::string title;
  DocKind kind = DocKind::Runbook;
  std::string severity;               ///< canonical severity id, "" when absent or unknown
  std::vector<std::string> services;  ///< runbook service or PIR services
  std::vector<std::string> tags;
  std::string owner;                  ///< runbook owner ("" for PIRs)
  std::string excerpt;                ///< the text snippets are cut from (bounded length)
};

/// A document containing a term, with the term's impact there.
struct Posting {
  uint32_t doc = 0;      ///< index into SearchIndex::docs
  uint32_t impact = 0;   ///< BM25 score × kImpactScale, >= 1
};

/// A severity level as filters know it.
struct SeverityInfo {
  std::string id;
  std::string label;
  std::vector<std::string> aliases;
};

/// The complete index.
struct SearchIndex {
  std::vector<DocRecord> docs;                 ///< in document (path) order
  std::vector<std::string> terms;              ///< sorted (byte order = code point order)
  std::vector<std::vector<Posting>> postings;  ///< postings[i] for terms[i], sorted by doc
  std::vector<SeverityInfo> severities;        ///< the site's scale, most severe first
  std::string fingerprint;                     ///< identifies the content the index was built from
  /// Prefixes whose expansions are too many to load while typing (see kPrefixListThreshold), sorted.
  std::vector<std::string> prefixes;
  /// prefix_lists[i]: the best kPrefixListSize (document, contribution) pairs of prefixes[i]'s
  /// expansions, sorted by document; contributions as the query engine scores a prefix match.
  std::vector<std::vector<Posting>> prefix_lists;

  /// Index of `term` in `terms`, or -1.
  int64_t find(std::string_view term) const;
  /// [first, last) range of terms starting with `prefix`.
  std::pair<size_t, size_t> prefix_range(std::string_view prefix) const;
  /// The stored list of `prefix`, or nullptr when its expansions are few enough to score one by one.
  const std::vector<Posting>* prefix_list(std::string_view prefix) const;
};

/// A prefix whose expansions (the longer terms starting with it) have more postings than this in total
/// gets a stored list, so typing a short prefix loads one list instead of every expansion's postings.
inline constexpr size_t kPrefixListThreshold = 2048;
/// A stored prefix list keeps the documents with the best prefix contributions (ties: lower id).
inline constexpr size_t kPrefixListSize = 256;

/// The contribution of a prefix match: `impact` of a term of `term_len` code points matched by a
/// prefix of `prefix_len` code points, impact × (prefix_len + term_len) / (2 term_len), at least 1.
inline uint32_t prefix_contribution(uint32_t impact, size_t prefix_len, size_t term_len) {
  uint64_t c = uint64_t{impact} * (prefix_len + term_len) / (2 * term_len);
  return c ? static_cast<uint32_t>(c) : 1;
}

/// Computes SearchIndex::prefixes and prefix_lists from the terms and postings (deterministic).
void add_prefix_lists(SearchIndex& index);

/// Most characters of body text kept per document for snippets.
inline constexpr size_t kExcerptChars = 280;

/// Builds the index from parsed documents and their typed model (runbooks and PIRs point into
/// `docs`). Runs per document in parallel; deterministic for the same input.
SearchIndex build_index(const std::vector<Document>& docs, const SiteModel& model, const Config& config);

/// A stable fingerprint of a site's content: the path and content hash of every document plus the
/// bytes of site.yaml. The CLI compares it with the published index to decide whether it is fresh.
std::string content_fingerprint(const std::vector<std::pair<std::string, uint64_t>>& path_hashes,
                                std::string_view site_yaml);

}  // namespace fb::search
