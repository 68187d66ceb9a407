#include "search/shards.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "search/tokenizer.h"
#include "util/json_string.h"
#include "util/text.h"
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

/// Number of digits of the varint form of `v`.
inline size_t varint_size(uint32_t v) {
  size_t n = 1;
  for (v >>= 5; v; v >>= 5) ++n;
  return n;
}

/// Writes the varint form of `value` at `p`; returns the end.
inline char* put_varint(uint32_t value, char* p) {
  const size_t n = varint_size(value);
  char* d = p + n - 1;
  *d = kLast[value & 31];
  for (value >>= 5; value; value >>= 5) *--d = kMore[value & 31];
  return p + n;
}

/// Bytes of the encoded form of `postings`.
size_t postings_size(const std::vector<Posting>& postings) {
  size_t n = 0;
  int64_t prev = -1;
  for (const auto& p : postings) {
    n += varint_size(static_cast<uint32_t>(static_cast<int64_t>(p.doc) - prev - 1)) + varint_size(p.impact);
    prev = p.doc;
  }
  return n;
}

/// Writes the encoded form of `postings` at `p`; returns the end.
char* put_postings(const std::vector<Posting>& postings, char* p) {
  int64_t prev = -1;
  for (const auto& x : postings) {
    p = put_varint(static_cast<uint32_t>(static_cast<int64_t>(x.doc) - prev - 1), p);
    p = put_varint(x.impact, p);
    prev = x.doc;
  }
  return p;
}

/// One dictionary entry of a shard: a term, or a stored prefix list under "<prefix>*".
struct ShardEntry {
  std::string_view key;                ///< the term, or the prefix (without the mark) of a list
  bool list = false;                   ///< a stored prefix list: the key is `key` + kPrefixListMark
  const std::vector<Posting>* postings;
  size_t bytes = 0;                    ///< of `"key":"postings"` in the shard
};

/// Terms and stored prefix lists merged into one sorted sequence of keys.
std::vector<ShardEntry> shard_entries(const SearchIndex& index) {
  std::vector<ShardEntry> out;
  out.reserve(index.terms.size() + index.prefixes.size());
  size_t t = 0, p = 0;
  std::string pkey;
  while (t < index.terms.size() || p < index.prefixes.size()) {
    bool take_list = false;
    if (p < index.prefixes.size()) {
      pkey.assign(index.prefixes[p]);
      pkey += kPrefixListMark;
      take_list = t == index.terms.size() || pkey < index.terms[t];
    }
    if (take_list) {
      out.push_back({index.prefixes[p], true, &index.prefix_lists[p]});
      ++p;
    } else {
      out.push_back({index.terms[t], false, &index.postings[t]});
      ++t;
    }
  }
  return out;
}

/// The key of an entry as written.
std::string key_of(const ShardEntry& e) { return e.list ? std::string(e.key) + kPrefixListMark : std::string(e.key); }

/// The shortest prefix of `first` (cut between code points) that sorts after `last`: it tells the two
/// shards apart as well as `first` itself does, in fewer bytes of manifest.
std::string separator(std::string_view last, std::string_view first) {
  for (size_t len = 1; len < first.size(); ++len) {
    if ((static_cast<unsigned char>(first[len]) & 0xC0) == 0x80) continue;  // inside a code point
    if (first.substr(0, len) > last) return std::string(first.substr(0, len));
  }
  return std::string(first);
}

/// Cuts the sorted dictionary into shards of about `target` bytes (a shard is closed once it reaches
/// it); returns the shard files and fills `first_terms` with the separator of every shard ("" first).
/// Entry sizes are computed first, so every shard is written straight into one string, in parallel.
OutputFiles write_term_shards(const SearchIndex& index, size_t target, std::vector<std::string>& first_terms) {
  std::vector<ShardEntry> keys = shard_entries(index);
  const size_t n = keys.size();
  parallel_for((n + 1023) / 1024, [&](size_t chunk) {
    for (size_t i = chunk * 1024; i < std::min(n, (chunk + 1) * 1024); ++i)
      keys[i].bytes = keys[i].key.size() + (keys[i].list ? 1 : 0) + 5 + postings_size(*keys[i].postings);
  });
  std::vector<size_t> begin;  // first entry of each shard
  size_t body = 0;
  for (size_t i = 0; i < n; ++i) {
    if (body == 0) begin.push_back(i);
    body += keys[i].bytes + (body ? 1 : 0);
    if (body >= target) body = 0;
  }
  if (begin.empty()) begin.push_back(0);
  begin.push_back(n);
  const size_t shards = begin.size() - 1;
  first_terms.assign(shards, std::string());
  for (size_t s = 1; s < shards; ++s) first_terms[s] = separator(key_of(keys[begin[s] - 1]), key_of(keys[begin[s]]));
  OutputFiles files(shards);
  parallel_for(shards, [&](size_t s) {
    const std::string head = std::string(kPrefix) + "shard(" + std::to_string(s) + ",{";
    size_t size = head.size() + 4;
    for (size_t i = begin[s]; i < begin[s + 1]; ++i) size += keys[i].bytes + 1;
    std::string& out = files[s].bytes;
    out.resize(size);
    char* p = out.data();
    p = std::copy(head.begin(), head.end(), p);
    for (size_t i = begin[s]; i < begin[s + 1]; ++i) {
      if (i > begin[s]) *p++ = ',';
      *p++ = '"';
      p = std::copy(keys[i].key.begin(), keys[i].key.end(), p);  // letters, digits, - _ . : nothing to escape
      if (keys[i].list) *p++ = *kPrefixListMark;
      *p++ = '"';
      *p++ = ':';
      *p++ = '"';
      p = put_postings(*keys[i].postings, p);
      *p++ = '"';
    }
    for (const char* tail = "});\n"; *tail; ++tail) *p++ = *tail;
    out.resize(static_cast<size_t>(p - out.data()));
    files[s].path = std::string(kSearchDir) + "/t/" + std::to_string(s) + ".js";
  });
  return files;
}

/// Appends a JSON array of strings.
void append_json_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

OutputFiles write_doc_shards(const SearchIndex& index, size_t per_shard) {
  per_shard = std::max<size_t>(1, per_shard);
  const size_t shards = (index.docs.size() + per_shard - 1) / per_shard;
  OutputFiles files(shards);
  parallel_for(shards, [&](size_t s) {
    std::string& out = files[s].bytes;
    out.reserve(per_shard * 640);
    out += kPrefix;
    out += "docs(";
    out += std::to_string(s);
    out += ",[";
    const size_t end = std::min(index.docs.size(), (s + 1) * per_shard);
    for (size_t d = s * per_shard; d < end; ++d) {
      const DocRecord& r = index.docs[d];
      if (d > s * per_shard) out += ',';
      out += '[';
      append_json_string(out, r.url);
      out += ',';
      append_json_string(out, r.title);
      out += r.kind == DocKind::Runbook ? ",0," : ",1,";
      append_json_string(out, r.severity);
      out += ',';
      append_json_strings(out, r.services);
      out += ',';
      append_json_strings(out, r.tags);
      out += ',';
      append_json_string(out, r.owner);
      out += ',';
      append_json_string(out, r.excerpt);
      out += ']';
    }
    out += "]);\n";
    files[s].path = std::string(kSearchDir) + "/d/" + std::to_string(s) + ".js";
  });
  return files;
}

}  // namespace

void encode_varint(uint32_t value, std::string& out) {
  char buf[8];
  out.append(buf, static_cast<size_t>(put_varint(value, buf) - buf));
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
  std::string out(postings_size(postings), '\0');
  put_postings(postings, out.data());
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
