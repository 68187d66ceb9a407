// Index builder. Three data-parallel passes, no locks:
//  1. per document: tokenise every field, count distinct terms in a small hash table, and group the
//     document's terms by partition (term hash modulo kPartitions);
//  2. per partition: give each term a partition-local id and count its documents, then lay the
//     postings out in one array per partition and compute each posting's BM25 impact (documents are
//     visited in order, so postings come out sorted without a sort);
//  3. sort the dictionary and hand the postings to their terms;
//  4. store lists for the prefixes with many expansions (prefixes.cpp).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "search/fields.h"
#include "search/index.h"
#include "search/tokenizer.h"
#include "util/hash.h"
#include "util/parallel.h"

namespace fb::search {
namespace {

/// Number of partitions of the merge (independent of the thread count, so the work split is stable).
constexpr uint32_t kPartitions = 16;

/// A distinct term of one document with its frequency per field.
struct TermRef {
  uint32_t off = 0;                          ///< into DocTerms::chars
  uint16_t len = 0;
  std::array<uint8_t, kFieldCount> tf{};     ///< saturating at 255
  uint32_t hash = 0;
  uint32_t id = 0;                           ///< partition-local term id (set by the merge)
};

/// The distinct terms of one document, grouped by partition, with field lengths.
struct DocTerms {
  std::string chars;
  std::vector<TermRef> refs;
  std::array<uint32_t, kPartitions + 1> part_begin{};  ///< refs of partition p: [part_begin[p], part_begin[p+1])
  std::array<uint32_t, kFieldCount> len{};
  std::string_view term(const TermRef& r) const { return std::string_view(chars).substr(r.off, r.len); }
};

/// Reads 8 (or 4) bytes at `p`.
inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

/// Whether a[0, n) == b[0, n): word-sized overlapping loads instead of a call to memcmp.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// A fast hash of a short string (terms are short): 8 bytes at a time, the last (partial) word read
/// as overlapping loads, multiply and xor-shift. Only the work split depends on it, never the output.
inline uint32_t term_hash(std::string_view t) {
  const char* p = t.data();
  const size_t n = t.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  uint64_t v;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
      h = (h ^ load64(p + i)) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    v = load64(p + n - 8);
  } else if (n >= 4) {
    v = load32(p) | load32(p + n - 4) << 32;
  } else {
    v = n ? static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
                static_cast<unsigned char>(p[n - 1]) << 16
          : 0;
  }
  h = (h ^ v) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return static_cast<uint32_t>(h >> 32);
}

/// Collects the distinct terms of one document with their frequency per field (open addressing;
/// the tables are reused from document to document).
struct DocCollector final : TermSink {
  std::string& chars;             ///< the distinct terms' texts, in order of first occurrence
  std::vector<uint32_t>& slots;   ///< 0 = empty, else index in `found` + 1
  std::vector<TermRef>& found;
  size_t mask = 0;
  size_t field = 0;

  DocCollector(std::string& c, std::vector<uint32_t>& s, std::vector<TermRef>& f, size_t text_bytes)
      : chars(c), slots(s), found(f) {
    chars.clear();
    size_t cap = 64;
    while (cap < text_bytes / 4) cap *= 2;
    slots.assign(cap, 0);
    mask = cap - 1;
    found.clear();
  }

  void add(std::string_view t) override {
    const uint32_t h = term_hash(t);
    for (size_t s = (h >> 4) & mask;; s = (s + 1) & mask) {
      const uint32_t v = slots[s];
      if (v == 0) {
        TermRef r;
        r.off = static_cast<uint32_t>(chars.size());
        r.len = static_cast<uint16_t>(t.size());
        r.hash = h;
        r.tf[field] = 1;
        chars += t;
        found.push_back(r);
        slots[s] = static_cast<uint32_t>(found.size());
        if (found.size() * 2 > slots.size()) grow();
        return;
      }
      TermRef& r = found[v - 1];
      if (r.hash == h && r.len == t.size() && same_bytes(chars.data() + r.off, t.data(), t.size())) {
        if (r.tf[field] < 255) ++r.tf[field];
        return;
      }
    }
  }

  void grow() {
    slots.assign(slots.size() * 2, 0);
    mask = slots.size() - 1;
    for (uint32_t k = 0; k < found.size(); ++k) {
      size_t s = (found[k].hash >> 4) & mask;
      while (slots[s]) s = (s + 1) & mask;
      slots[s] = k + 1;
    }
  }
};

/// Tokenises every field of one document into its distinct terms.
DocTerms collect_terms(const FieldTexts& fields) {
  thread_local std::vector<uint32_t> slots;
  thread_local std::vector<TermRef> found;
  thread_local std::string chars;
  DocTerms dt;
  size_t bytes = 0;
  for (const auto& f : fields) bytes += f.size();
  DocCollector collect(chars, slots, found, bytes);
  for (size_t f = 0; f < kFieldCount; ++f) {
    collect.field = f;
    dt.len[f] = static_cast<uint32_t>(index_terms(fields[f], collect));
  }
  // Group by partition (counting sort, stable: first occurrence order within a partition).
  std::array<uint32_t, kPartitions + 1> count{};
  for (const auto& r : found) ++count[r.hash % kPartitions + 1];
  for (uint32_t p = 0; p < kPartitions; ++p) count[p + 1] += count[p];
  dt.part_begin = count;
  dt.refs.resize(found.size());
  for (const auto& r : found) dt.refs[count[r.hash % kPartitions]++] = r;
  // The texts in the same order, so that merging one partition reads one run of this document's
  // characters instead of picking terms from all over them (at 10,000 documents the merge waited on
  // memory more than it computed). Collected in the thread's scratch, stored once, exactly sized.
  dt.chars.reserve(chars.size());
  for (TermRef& r : dt.refs) {
    const uint32_t off = static_cast<uint32_t>(dt.chars.size());
    dt.chars.append(chars, r.off, r.len);
    r.off = off;
  }
  return dt;
}

/// Open-addressing map from term to a partition-local id. The keys are copied into the table's own
/// buffer, so the comparisons of a lookup stay in a few hundred KB instead of touching every
/// document's terms.
struct TermTable {
  struct Key {
    uint32_t hash, off, len;
  };
  std::vector<uint32_t> slots;             ///< 0 = empty, else id + 1
  std::vector<Key> keys;
  std::string chars;

  /// Number of keys.
  size_t size() const { return keys.size(); }
  /// Key `id`.
  std::string_view key(uint32_t id) const { return std::string_view(chars).substr(keys[id].off, keys[id].len); }

  uint32_t find_or_add(std::string_view key, uint32_t h) {
    if ((keys.size() + 1) * 2 > slots.size()) grow();
    const size_t mask = slots.size() - 1;
    for (size_t s = (h >> 8) & mask;; s = (s + 1) & mask) {
      const uint32_t v = slots[s];
      if (v == 0) {
        keys.push_back({h, static_cast<uint32_t>(chars.size()), static_cast<uint32_t>(key.size())});
        chars += key;
        slots[s] = static_cast<uint32_t>(keys.size());
        return static_cast<uint32_t>(keys.size() - 1);
      }
      const Key& k = keys[v - 1];
      if (k.hash == h && k.len == key.size() && same_bytes(chars.data() + k.off, key.data(), key.size()))
        return v - 1;
    }
  }

  void grow() {
    std::vector<uint32_t> next(std::max<size_t>(4096, slots.size() * 2), 0);
    const size_t mask = next.size() - 1;
    for (uint32_t id = 0; id < keys.size(); ++id) {
      size_t s = (keys[id].hash >> 8) & mask;
      while (next[s]) s = (s + 1) & mask;
      next[s] = id + 1;
    }
    slots.swap(next);
  }
};

/// One partition of the merge: its terms and their postings, laid out back to back.
struct Partition {
  TermTable table;
  std::vector<uint32_t> begin;     ///< postings of term id: [begin[id], begin[id + 1])
  std::vector<Posting> postings;
};

/// BM25 over the fields of one document: Σ_f weight_f · idf · tf_f (k1 + 1) / (tf_f + k1 · norm_f).
uint32_t impact_of(const TermRef& ref, const DocTerms& dt, bool runbook, double idf,
                   const std::array<double, kFieldCount>& avg) {
  double score = 0;
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (!ref.tf[f]) continue;
    const FieldWeight& fw = kFieldWeights[f];
    const double tf = ref.tf[f];
    const double norm = avg[f] > 0 ? 1.0 - fw.b + fw.b * dt.len[f] / avg[f] : 1.0;
    score += (runbook ? fw.runbook : fw.postmortem) * idf * tf * (kK1 + 1.0) / (tf + kK1 * norm);
  }
  // std::lround for a non-negative score, inline: x - trunc(x) is exact, so halves round up as there.
  const double x = score * kImpactScale;
  const auto t = static_cast<uint64_t>(x);
  const auto r = static_cast<uint32_t>(t + (x - static_cast<double>(t) >= 0.5 ? 1 : 0));
  return std::max<uint32_t>(1, r);
}

void merge_partition(uint32_t p, std::vector<DocTerms>& doc_terms, const std::vector<Document>& docs,
                     const std::array<double, kFieldCount>& avg, Partition& part) {
  const auto n = static_cast<uint32_t>(doc_terms.size());
  std::vector<uint32_t> df;
  for (uint32_t d = 0; d < n; ++d) {
    DocTerms& dt = doc_terms[d];
    for (uint32_t r = dt.part_begin[p]; r < dt.part_begin[p + 1]; ++r) {
      TermRef& ref = dt.refs[r];
      ref.id = part.table.find_or_add(dt.term(ref), ref.hash);
      if (ref.id == df.size()) df.push_back(0);
      ++df[ref.id];
    }
  }
  const size_t terms = df.size();
  part.begin.assign(terms + 1, 0);
  for (size_t t = 0; t < terms; ++t) part.begin[t + 1] = part.begin[t] + df[t];
  std::vector<double> idf(terms);
  for (size_t t = 0; t < terms; ++t)
    idf[t] = std::log(1.0 + (static_cast<double>(n) - df[t] + 0.5) / (static_cast<double>(df[t]) + 0.5));
  std::vector<uint32_t> cursor(part.begin.begin(), part.begin.end() - 1);
  part.postings.resize(part.begin[terms]);
  for (uint32_t d = 0; d < n; ++d) {
    const DocTerms& dt = doc_terms[d];
    const bool runbook = docs[d].kind == DocKind::Runbook;
    for (uint32_t r = dt.part_begin[p]; r < dt.part_begin[p + 1]; ++r) {
      const TermRef& ref = dt.refs[r];
      part.postings[cursor[ref.id]++] = {d, impact_of(ref, dt, runbook, idf[ref.id], avg)};
    }
  }
}

}  // namespace

int64_t SearchIndex::find(std::string_view term) const {
  auto it = std::lower_bound(terms.begin(), terms.end(), term);
  if (it == terms.end() || *it != term) return -1;
  return it - terms.begin();
}

std::pair<size_t, size_t> SearchIndex::prefix_range(std::string_view prefix) const {
  auto lo = std::lower_bound(terms.begin(), terms.end(), prefix);
  std::string hi_key(prefix);
  hi_key += '\xff';  // never inside valid UTF-8: sorts after every term starting with `prefix`
  auto hi = std::lower_bound(lo, terms.end(), hi_key);
  return {static_cast<size_t>(lo - terms.begin()), static_cast<size_t>(hi - terms.begin())};
}

SearchIndex build_index(const std::vector<Document>& docs, const SiteModel& model, const Config& config) {
  SearchIndex index;
  const size_t n = docs.size();
  for (const auto& s : config.severities) index.severities.push_back({s.id, s.label, s.aliases});
  std::vector<const Runbook*> rb_of(n, nullptr);
  std::vector<const Postmortem*> pm_of(n, nullptr);
  auto slot = [&](const Document* d) { return d && d >= docs.data() && d < docs.data() + n ? d - docs.data() : -1; };
  for (const auto& rb : model.runbooks)
    if (auto i = slot(rb.doc); i >= 0) rb_of[static_cast<size_t>(i)] = &rb;
  for (const auto& pm : model.postmortems)
    if (auto i = slot(pm.doc); i >= 0) pm_of[static_cast<size_t>(i)] = &pm;

  index.docs.resize(n);
  std::vector<DocTerms> doc_terms(n);
  parallel_for(n, [&](size_t i) {
    doc_terms[i] = collect_terms(document_fields(docs[i], rb_of[i], pm_of[i], index.docs[i]));
  });

  std::array<double, kFieldCount> avg{};
  for (const auto& dt : doc_terms)
    for (size_t f = 0; f < kFieldCount; ++f) avg[f] += dt.len[f];
  for (auto& a : avg) a = n ? a / static_cast<double>(n) : 0.0;

  std::vector<Partition> partitions(kPartitions);
  parallel_for(kPartitions, [&](size_t p) {
    merge_partition(static_cast<uint32_t>(p), doc_terms, docs, avg, partitions[p]);
  });
  std::vector<DocTerms>().swap(doc_terms);  // merged: free the per-document terms before the copy below

  struct Entry {
    std::string_view term;
    uint32_t part, id;
  };
  std::vector<Entry> all;
  size_t total_terms = 0;
  for (const auto& part : partitions) total_terms += part.table.size();
  all.reserve(total_terms);
  for (uint32_t p = 0; p < kPartitions; ++p)
    for (uint32_t id = 0; id < partitions[p].table.size(); ++id)
      all.push_back({partitions[p].table.key(id), p, id});
  std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return a.term < b.term; });
  index.terms.resize(all.size());
  index.postings.resize(all.size());
  parallel_for(all.size(), [&](size_t i) {
    const Partition& part = partitions[all[i].part];
    index.terms[i] = std::string(all[i].term);
    index.postings[i].assign(part.postings.begin() + part.begin[all[i].id],
                             part.postings.begin() + part.begin[all[i].id + 1]);
  });
  add_prefix_lists(index);
  return index;
}

std::string content_fingerprint(const std::vector<std::pair<std::string, uint64_t>>& path_hashes,
                                std::string_view site_yaml) {
  auto sorted = path_hashes;
  std::sort(sorted.begin(), sorted.end());
  std::string text = "firebreak-search-1\n";
  text += hash_hex(content_hash(site_yaml));
  text += '\n';
  for (const auto& [path, h] : sorted) {
    text += path;
    text += '\t';
    text += hash_hex(h);
    text += '\n';
  }
  return hash_hex(content_hash(text));
}

}  // namespace fb::search
