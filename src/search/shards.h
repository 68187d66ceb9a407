#pragma once
/// The published index format (docs/search.md): every file under `search/` is a JavaScript file that
/// makes one call, `window.__fbSearch.<kind>(<JSON arguments>);`, so the browser can load it with a
/// <script> tag over file:// as well as http://, and the CLI can read it back as JSON.
///
///   search/manifest.js     manifest({version, fingerprint, docs, docShard, shards: [lowest key of each
///                          term shard, as its shortest distinguishing prefix; "" first], severities, facets})
///   search/t/<i>.js        shard(i, {term: postings, ...})      keys sorted, ~8 KB each; a key
///                          "<prefix>*" holds the stored list of a prefix (SearchIndex::prefixes)
///   search/d/<i>.js        docs(i, [[url, title, kind, severity, services, tags, owner, excerpt]])
///   search/f/<facet>.js    facet(name, {value: document ids, ...})
///
/// Postings are one string per term: for each document, the gap to the previous document id minus one,
/// then the impact, each as a base-32 varint whose last digit comes from `0-9a-v` and whose leading
/// digits come from `w-zA-Z-_` (most significant first). Facet document lists use the same gaps.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/index.h"
#include "util/output.h"

namespace fb::search {

/// Version of the published format (bumped on any incompatible change).
inline constexpr int kFormatVersion = 1;
/// Appended to a prefix to form the shard key of its stored list ('*' never occurs in a term and sorts
/// before every character a term can continue with, so the key sits right after the prefix).
inline constexpr const char* kPrefixListMark = "*";
/// The folder, below the output directory, holding the index.
inline constexpr const char* kSearchDir = "search";

/// How the index is cut into files.
struct ShardOptions {
  size_t term_shard_bytes = 32 * 1024;  ///< a term shard is closed once it reaches this size
  size_t docs_per_shard = 16;           ///< documents per document-table shard
};

/// The facets filters work on, in the order the manifest lists them.
inline constexpr const char* kFacets[] = {"kind", "severity", "service", "tag", "owner"};

/// Appends the varint form of `value` to `out`.
void encode_varint(uint32_t value, std::string& out);
/// Reads one varint at `pos` (advancing it). Returns false on a malformed or truncated number.
bool decode_varint(std::string_view text, size_t& pos, uint32_t& value);

/// Postings as one string (gaps and impacts).
std::string encode_postings(const std::vector<Posting>& postings);
/// Inverse of encode_postings; false when `text` is malformed.
bool decode_postings(std::string_view text, std::vector<Posting>& out);
/// A sorted list of document ids as gaps.
std::string encode_doc_ids(const std::vector<uint32_t>& ids);
/// Inverse of encode_doc_ids; false when `text` is malformed.
bool decode_doc_ids(std::string_view text, std::vector<uint32_t>& out);

/// `window.__fbSearch.<fn>(<args>);` plus a newline.
std::string wrap_call(std::string_view fn, std::string_view args);
/// The JSON array `[<args>]` of a file written by wrap_call for `fn`; false when the file is not one.
bool unwrap_call(std::string_view file, std::string_view fn, std::string& json_array);

/// Document ids per facet value (values as written; documents sorted), in value order.
std::vector<std::pair<std::string, std::vector<uint32_t>>> facet_values(const SearchIndex& index,
                                                                        std::string_view facet);

/// All files of the published index, paths below `search/`, in path order. Deterministic.
OutputFiles write_index(const SearchIndex& index, const ShardOptions& options = {});

}  // namespace fb::search
