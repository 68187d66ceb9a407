#include "search/shards.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "search/tokenizer.h"
#include "util/parallel.h"

namespace fb::search {
namespace {

constexpr std::string_view kLast = "0123456789abcdefghijklmnopqrstuv";
constexpr std::string_view kMore = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
constexpr std::string_view kPrefix = "window.__fbSearch.";

/// Digit value of `c` and whether it is a terminal digit; -1 when `c` is not a digit.
int digit_of(char c, bool& last) {
  if (auto p = kLast.find(c); p != std::string_view::npos) {
    last = true;
    return static_cast<int>(p);
  }
  if (auto p = kMore.find(c); p != std::string_view::npos) {
    last = false;
    return static_cast<int>(p);
  }
  return -1;
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string term_shard_file(size_t i, const std::string& body) {
  return wrap_call("shard", std::to_string(i) + ",{" + body + "}");
}

/// One dictionary entry of a shard: a term, or a stored prefix list under "<prefix>*".
struct ShardEntry {
  std::string key;
  const std::vector<Posting>* postings;
};

/// Terms and stored prefix lists merged into one sorted sequence of keys.
std::vector<ShardEntry> shard_entries(const SearchIndex& index) {
  std::vector<ShardEntry> out;
  out.reserve(index.terms.size() + index.prefixes.size());
  size_t t = 0, p = 0;
  while (t < index.terms.size() || p < index.prefixes.size()) {
    std::string pkey = p < index.prefixes.size() ? index.prefixes[p] + kPrefixListMark : std::string();
    if (p < index.prefixes.size() && (t == index.terms.size() || pkey < index.terms[t])) {
      out.push_back({std::move(pkey), &index.prefix_lists[p++]});
    } else {
      out.push_back({index.terms[t], &index.postings[t]});
      ++t;
    }
  }
  return out;
}

/// The shortest prefix of `first` (cut between code points) that sorts after `last`: it tells the two
/// shards apart as well as `first` itself does, in fewer bytes of manifest.
std::string separator(std::string_view last, std::string_view first) {
  for (size_t len = 1; len < first.size(); ++len) {
    if ((static_cast<unsigned char>(first[len]) & 0xC0) == 0x80) continue;  // inside a code point
    if (first.substr(0, len) > last) return std::string(first.substr(0, len));
  }
  return std::string(first);
}

/// Cuts the sorted dictionary into shards of about `target` bytes; returns the shard files and
/// fills `first_terms` with the separator (shortest distinguishing prefix of the first key) of every shard but the first.
OutputFiles write_term_shards(const SearchIndex& index, size_t target, std::vector<std::string>& first_terms) {
  const std::vector<ShardEntry> keys = shard_entries(index);
  const size_t n = keys.size();
  std::vector<std::string> entries(n);
  parallel_for(n, [&](size_t i) {
    std::string& e = entries[i];
    e.reserve(keys[i].key.size() + keys[i].postings->size() * 3 + 8);
    e += '"';
    e += keys[i].key;  // letters, digits, - _ . and the * mark only: nothing to escape
    e += "\":\"";
    e += encode_postings(*keys[i].postings);
    e += '"';
  });
  OutputFiles files;
  std::string body;
  for (size_t i = 0; i < n; ++i) {
    if (body.empty()) first_terms.push_back(first_terms.empty() ? std::string() : separator(keys[i - 1].key, keys[i].key));
    else body += ',';
    body += entries[i];
    if (body.size() >= target) {
      files.push_back({"", term_shard_file(files.size(), body)});
      body.clear();
    }
  }
  if (!body.empty() || files.empty()) {
    if (first_terms.size() == files.size()) first_terms.push_back(std::string());
    files.push_back({"", term_shard_file(files.size(), body)});
  }
  for (size_t i = 0; i < files.size(); ++i) files[i].path = std::string(kSearchDir) + "/t/" + std::to_string(i) + ".js";
  return files;
}

OutputFiles write_doc_shards(const SearchIndex& index, size_t per_shard) {
  per_shard = std::max<size_t>(1, per_shard);
  const size_t shards = (index.docs.size() + per_shard - 1) / per_shard;
  OutputFiles files(shards);
  parallel_for(shards, [&](size_t s) {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t d = s * per_shard; d < std::min(index.docs.size(), (s + 1) * per_shard); ++d) {
      const DocRecord& r = index.docs[d];
      rows.push_back({r.url, r.title, r.kind == DocKind::Runbook ? 0 : 1, r.severity, r.services, r.tags, r.owner,
                      r.excerpt});
    }
    files[s].path = std::string(kSearchDir) + "/d/" + std::to_string(s) + ".js";
    files[s].bytes = wrap_call("docs", std::to_string(s) + "," + dump(rows));
  });
  return files;
}

}  // namespace

void encode_varint(uint32_t value, std::string& out) {
  char buf[8];
  int n = 0;
  buf[n++] = kLast[value & 31];
  for (value >>= 5; value; value >>= 5) buf[n++] = kMore[value & 31];
  while (n) out += buf[--n];
}

bool decode_varint(std::string_view text, size_t& pos, uint32_t& value) {
  uint64_t v = 0;
  for (int digits = 0; pos < text.size() && digits < 7; ++digits) {
    bool last = false;
    int d = digit_of(text[pos++], last);
    if (d < 0) return false;
    v = (v << 5) | static_cast<uint64_t>(d);
    if (last) {
      if (v > 0xFFFFFFFFull) return false;
      value = static_cast<uint32_t>(v);
      return true;
    }
  }
  return false;
}

std::string encode_postings(const std::vector<Posting>& postings) {
  std::string out;
  out.reserve(postings.size() * 3);
  int64_t prev = -1;
  for (const auto& p : postings) {
    encode_varint(static_cast<uint32_t>(static_cast<int64_t>(p.doc) - prev - 1), out);
    encode_varint(p.impact, out);
    prev = p.doc;
  }
  return out;
}

bool decode_postings(std::string_view text, std::vector<Posting>& out) {
  out.clear();
  size_t pos = 0;
  int64_t prev = -1;
  while (pos < text.size()) {
    uint32_t gap = 0, impact = 0;
    if (!decode_varint(text, pos, gap) || !decode_varint(text, pos, impact)) return false;
    prev += static_cast<int64_t>(gap) + 1;
    out.push_back({static_cast<uint32_t>(prev), impact});
  }
  return true;
}

std::string encode_doc_ids(const std::vector<uint32_t>& ids) {
  std::string out;
  int64_t prev = -1;
  for (uint32_t id : ids) {
    encode_varint(static_cast<uint32_t>(static_cast<int64_t>(id) - prev - 1), out);
    prev = id;
  }
  return out;
}

bool decode_doc_ids(std::string_view text, std::vector<uint32_t>& out) {
  out.clear();
  size_t pos = 0;
  int64_t prev = -1;
  while (pos < text.size()) {
    uint32_t gap = 0;
    if (!decode_varint(text, pos, gap)) return false;
    prev += static_cast<int64_t>(gap) + 1;
    out.push_back(static_cast<uint32_t>(prev));
  }
  return true;
}

std::string wrap_call(std::string_view fn, std::string_view args) {
  std::string out;
  out.reserve(kPrefix.size() + fn.size() + args.size() + 4);
  out += kPrefix;
  out += fn;
  out += '(';
  out += args;
  out += ");\n";
  return out;
}

bool unwrap_call(std::string_view file, std::string_view fn, std::string& json_array) {
  if (file.substr(0, kPrefix.size()) != kPrefix) return false;
  file.remove_prefix(kPrefix.size());
  if (file.substr(0, fn.size()) != fn || file.size() < fn.size() + 3 || file[fn.size()] != '(') return false;
  file.remove_prefix(fn.size() + 1);
  while (!file.empty() && (file.back() == '\n' || file.back() == '\r')) file.remove_suffix(1);
  if (file.size() < 2 || file.substr(file.size() - 2) != ");") return false;
  file.remove_suffix(2);
  json_array.assign("[");
  json_array += file;
  json_array += ']';
  return true;
}

std::vector<std::pair<std::string, std::vector<uint32_t>>> facet_values(const SearchIndex& index,
                                                                        std::string_view facet) {
  std::map<std::string, std::vector<uint32_t>> values;
  for (uint32_t d = 0; d < index.docs.size(); ++d) {
    const DocRecord& r = index.docs[d];
    auto add = [&](const std::string& v) {
      if (v.empty()) return;
      auto& ids = values[v];
      if (ids.empty() || ids.back() != d) ids.push_back(d);
    };
    if (facet == "kind") add(kind_name(r.kind));
    else if (facet == "severity") add(r.severity);
    else if (facet == "service") for (const auto& s : r.services) add(s);
    else if (facet == "tag") for (const auto& t : r.tags) add(t);
    else if (facet == "owner") add(r.owner);
  }
  return {values.begin(), values.end()};
}

OutputFiles write_index(const SearchIndex& index, const ShardOptions& options) {
  std::vector<std::string> first_terms;
  OutputFiles files = write_term_shards(index, options.term_shard_bytes, first_terms);
  OutputFiles docs = write_doc_shards(index, options.docs_per_shard);
  files.insert(files.end(), std::make_move_iterator(docs.begin()), std::make_move_iterator(docs.end()));

  for (const char* facet : kFacets) {
    std::string body = "{";
    for (const auto& [value, ids] : facet_values(index, facet)) {
      if (body.size() > 1) body += ',';
      body += dump(value);
      body += ":\"";
      body += encode_doc_ids(ids);
      body += '"';
    }
    body += '}';
    files.push_back({std::string(kSearchDir) + "/f/" + facet + ".js",
                     wrap_call("facet", dump(facet) + "," + body)});
  }

  nlohmann::json severities = nlohmann::json::array();
  for (const auto& s : index.severities) severities.push_back({{"id", s.id}, {"label", s.label}, {"aliases", s.aliases}});
  nlohmann::json manifest = {
      {"version", kFormatVersion},
      {"fingerprint", index.fingerprint},
      {"docs", index.docs.size()},
      {"docShard", std::max<size_t>(1, options.docs_per_shard)},
      {"shards", first_terms},
      {"severities", severities},
      {"facets", kFacets},
  };
  files.push_back({std::string(kSearchDir) + "/manifest.js", wrap_call("manifest", dump(manifest))});
  std::sort(files.begin(), files.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace fb::search
