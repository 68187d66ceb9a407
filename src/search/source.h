#pragma once
/// Where the query engine reads terms and documents from: the index in memory, or the published
/// files under <output>/search/ (loaded shard by shard, as the browser does).
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/index.h"

namespace fb::search {

/// Called with each term and its postings.
using TermVisitor = std::function<void(std::string_view term, const std::vector<Posting>& postings)>;
/// A facet's values (as written) with the sorted ids of the documents carrying them.
using FacetValues = std::vector<std::pair<std::string, std::vector<uint32_t>>>;

/// Read access to an index.
class IndexSource {
 public:
  virtual ~IndexSource() = default;
  /// Number of documents.
  virtual size_t doc_count() const = 0;
  /// Postings of exactly `term`, or nullptr when the index does not have it.
  virtual const std::vector<Posting>* find(std::string_view term) = 0;
  /// Calls `fn` for every term starting with `prefix` (including `prefix` itself), in term order.
  virtual void for_prefix(std::string_view prefix, const TermVisitor& fn) = 0;
  /// The stored list of `prefix` (SearchIndex::prefix_lists), or nullptr when it has none.
  virtual const std::vector<Posting>* prefix_list(std::string_view prefix) = 0;
  /// The record of document `id` (< doc_count()).
  virtual const DocRecord& doc(uint32_t id) = 0;
  /// The values of `facet` ("kind", "severity", "service", "tag", "owner").
  virtual const FacetValues& facet(std::string_view facet) = 0;
  /// The site's severity scale.
  virtual const std::vector<SeverityInfo>& severities() const = 0;
};

/// An IndexSource over a SearchIndex in memory (which must outlive it).
class MemoryIndex : public IndexSource {
 public:
  /// Wraps `index`.
  explicit MemoryIndex(const SearchIndex& index) : index_(index) {}
  size_t doc_count() const override { return index_.docs.size(); }
  const std::vector<Posting>* find(std::string_view term) override;
  void for_prefix(std::string_view prefix, const TermVisitor& fn) override;
  const std::vector<Posting>* prefix_list(std::string_view prefix) override { return index_.prefix_list(prefix); }
  const DocRecord& doc(uint32_t id) override { return index_.docs.at(id); }
  const FacetValues& facet(std::string_view facet) override;
  const std::vector<SeverityInfo>& severities() const override { return index_.severities; }

 private:
  const SearchIndex& index_;
  std::map<std::string, FacetValues, std::less<>> facets_;
};

/// An IndexSource over a published index directory (<output>/search), reading the manifest at open
/// and each term, document and facet file the first time a query needs it.
class PublishedIndex : public IndexSource {
 public:
  /// Opens `<out_dir>/search/manifest.js`. Returns nullptr and sets `error` when it is missing,
  /// malformed or of another format version.
  static std::unique_ptr<PublishedIndex> open(const std::filesystem::path& out_dir, std::string& error);
  /// The content fingerprint recorded by the build.
  const std::string& fingerprint() const { return fingerprint_; }
  /// "" while every file read so far was well-formed, else what went wrong (the query results are
  /// then incomplete and the caller should rebuild the index).
  const std::string& error() const { return error_; }
  /// Number of files read so far (manifest included).
  size_t files_read() const { return files_read_; }
  /// Bytes of the files read so far.
  size_t bytes_read() const { return bytes_read_; }

  size_t doc_count() const override { return docs_; }
  const std::vector<Posting>* find(std::string_view term) override;
  void for_prefix(std::string_view prefix, const TermVisitor& fn) override;
  const std::vector<Posting>* prefix_list(std::string_view prefix) override;
  const DocRecord& doc(uint32_t id) override;
  const FacetValues& facet(std::string_view facet) override;
  const std::vector<SeverityInfo>& severities() const override { return severities_; }

 private:
  PublishedIndex() = default;
  bool read_call(const std::string& rel, std::string_view fn, std::string& json);
  size_t shard_of(std::string_view term) const;
  void load_shard(size_t shard);

  std::filesystem::path dir_;
  std::string fingerprint_;
  std::string error_;
  size_t docs_ = 0;
  size_t doc_shard_ = 1;
  size_t files_read_ = 0;
  size_t bytes_read_ = 0;
  std::vector<std::string> first_terms_;
  std::vector<SeverityInfo> severities_;
  std::set<size_t> loaded_shards_;
  std::map<std::string, std::vector<Posting>, std::less<>> terms_;
  std::map<uint32_t, DocRecord> docs_loaded_;
  std::map<std::string, FacetValues, std::less<>> facets_;
  DocRecord missing_;
};

}  // namespace fb::search
