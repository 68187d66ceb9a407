#include "search/source.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "search/shards.h"
#include "util/fs.h"

namespace fb::search {
namespace fs = std::filesystem;

const std::vector<Posting>* MemoryIndex::find(std::string_view term) {
  int64_t i = index_.find(term);
  return i < 0 ? nullptr : &index_.postings[static_cast<size_t>(i)];
}

void MemoryIndex::for_prefix(std::string_view prefix, const TermVisitor& fn) {
  auto [lo, hi] = index_.prefix_range(prefix);
  for (size_t i = lo; i < hi; ++i) fn(index_.terms[i], index_.postings[i]);
}

const FacetValues& MemoryIndex::facet(std::string_view facet) {
  auto it = facets_.find(facet);
  if (it == facets_.end()) it = facets_.emplace(std::string(facet), facet_values(index_, facet)).first;
  return it->second;
}

std::unique_ptr<PublishedIndex> PublishedIndex::open(const fs::path& out_dir, std::string& error) {
  std::unique_ptr<PublishedIndex> idx(new PublishedIndex());
  idx->dir_ = out_dir / kSearchDir;
  std::string json;
  if (!idx->read_call("manifest.js", "manifest", json)) {
    error = idx->error_;
    return nullptr;
  }
  try {
    auto m = nlohmann::json::parse(json).at(0);
    if (m.at("version").get<int>() != kFormatVersion) {
      error = fmt::format("search index format {} is not {}", m.at("version").get<int>(), kFormatVersion);
      return nullptr;
    }
    idx->fingerprint_ = m.at("fingerprint").get<std::string>();
    idx->docs_ = m.at("docs").get<size_t>();
    idx->doc_shard_ = std::max<size_t>(1, m.at("docShard").get<size_t>());
    idx->first_terms_ = m.at("shards").get<std::vector<std::string>>();
    for (const auto& s : m.at("severities"))
      idx->severities_.push_back({s.at("id").get<std::string>(), s.at("label").get<std::string>(),
                                  s.at("aliases").get<std::vector<std::string>>()});
  } catch (const nlohmann::json::exception& e) {
    error = fmt::format("search/manifest.js is malformed: {}", e.what());
    return nullptr;
  }
  if (idx->first_terms_.empty()) {
    error = "search/manifest.js lists no shards";
    return nullptr;
  }
  return idx;
}

bool PublishedIndex::read_call(const std::string& rel, std::string_view fn, std::string& json) {
  std::string why;
  auto bytes = read_file(dir_ / rel, &why);
  ++files_read_;
  if (!bytes) {
    if (error_.empty()) error_ = fmt::format("cannot read search/{}: {}", rel, why);
    return false;
  }
  bytes_read_ += bytes->size();
  if (!unwrap_call(*bytes, fn, json)) {
    if (error_.empty()) error_ = fmt::format("search/{} is not a {} file", rel, fn);
    return false;
  }
  return true;
}

size_t PublishedIndex::shard_of(std::string_view term) const {
  auto it = std::upper_bound(first_terms_.begin(), first_terms_.end(), term,
                             [](std::string_view t, const std::string& first) { return t < first; });
  return it == first_terms_.begin() ? 0 : static_cast<size_t>(it - first_terms_.begin() - 1);
}

void PublishedIndex::load_shard(size_t shard) {
  if (!loaded_shards_.insert(shard).second) return;
  std::string json;
  if (!read_call(fmt::format("t/{}.js", shard), "shard", json)) return;
  try {
    auto args = nlohmann::json::parse(json);
    for (const auto& [term, enc] : args.at(1).items()) {
      std::vector<Posting> postings;
      if (!decode_postings(enc.get_ref<const std::string&>(), postings)) {
        error_ = fmt::format("search/t/{}.js: malformed postings of \"{}\"", shard, term);
        return;
      }
      terms_.emplace(term, std::move(postings));
    }
  } catch (const nlohmann::json::exception& e) {
    error_ = fmt::format("search/t/{}.js is malformed: {}", shard, e.what());
  }
}

const std::vector<Posting>* PublishedIndex::find(std::string_view term) {
  load_shard(shard_of(term));
  auto it = terms_.find(term);
  return it == terms_.end() ? nullptr : &it->second;
}

void PublishedIndex::for_prefix(std::string_view prefix, const TermVisitor& fn) {
  size_t s = shard_of(prefix);
  load_shard(s);
  while (s + 1 < first_terms_.size() && first_terms_[s + 1].compare(0, prefix.size(), prefix) == 0)
    load_shard(++s);
  for (auto it = terms_.lower_bound(prefix); it != terms_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it)
    if (it->first.find(kPrefixListMark) == std::string::npos) fn(it->first, it->second);
}

const std::vector<Posting>* PublishedIndex::prefix_list(std::string_view prefix) {
  std::string key(prefix);
  key += kPrefixListMark;
  return find(key);
}

const DocRecord& PublishedIndex::doc(uint32_t id) {
  if (auto it = docs_loaded_.find(id); it != docs_loaded_.end()) return it->second;
  const size_t shard = id / doc_shard_;
  std::string json;
  if (read_call(fmt::format("d/{}.js", shard), "docs", json)) {
    try {
      auto args = nlohmann::json::parse(json);
      const auto& rows = args.at(1);
      for (size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows.at(k);
        DocRecord rec;
        rec.url = r.at(0).get<std::string>();
        rec.title = r.at(1).get<std::string>();
        rec.kind = r.at(2).get<int>() == 0 ? DocKind::Runbook : DocKind::Postmortem;
        rec.severity = r.at(3).get<std::string>();
        rec.services = r.at(4).get<std::vector<std::string>>();
        rec.tags = r.at(5).get<std::vector<std::string>>();
        rec.owner = r.at(6).get<std::string>();
        rec.excerpt = r.at(7).get<std::string>();
        docs_loaded_.emplace(static_cast<uint32_t>(shard * doc_shard_ + k), std::move(rec));
      }
    } catch (const nlohmann::json::exception& e) {
      error_ = fmt::format("search/d/{}.js is malformed: {}", shard, e.what());
    }
  }
  auto it = docs_loaded_.find(id);
  if (it != docs_loaded_.end()) return it->second;
  if (error_.empty()) error_ = fmt::format("search/d/{}.js has no document {}", shard, id);
  return missing_;
}

const FacetValues& PublishedIndex::facet(std::string_view facet) {
  if (auto it = facets_.find(facet); it != facets_.end()) return it->second;
  FacetValues values;
  std::string json;
  if (read_call(fmt::format("f/{}.js", facet), "facet", json)) {
    try {
      auto args = nlohmann::json::parse(json);
      for (const auto& [value, enc] : args.at(1).items()) {
        std::vector<uint32_t> ids;
        if (!decode_doc_ids(enc.get_ref<const std::string&>(), ids)) {
          error_ = fmt::format("search/f/{}.js: malformed document list of \"{}\"", facet, value);
          break;
        }
        values.emplace_back(value, std::move(ids));
      }
    } catch (const nlohmann::json::exception& e) {
      error_ = fmt::format("search/f/{}.js is malformed: {}", facet, e.what());
    }
  }
  return facets_.emplace(std::string(facet), std::move(values)).first->second;
}

}  // namespace fb::search
