// Stored prefix lists: for every prefix (of at least 2 code points) whose expansions carry more than
// kPrefixListThreshold postings, the best kPrefixListSize documents of the prefix match. Expansions
// of a prefix are a contiguous range of the sorted dictionary, so the prefixes worth a list are found
// by descending from 2-code-point groups into ever longer ones while a group stays big.
#include <algorithm>
#include <numeric>

#include "search/index.h"
#include "search/tokenizer.h"
#include "util/parallel.h"

namespace fb::search {
namespace {

/// Byte length of the code point starting at `s[i]`.
size_t cp_len(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

/// A prefix and its range of terms [lo, hi).
struct Group {
  std::string prefix;
  size_t lo, hi;
};

/// Appends to `out` the groups below [lo, hi) (all sharing `prefix`) that extend it by one code point.
void children(const SearchIndex& idx, const std::string& prefix, size_t lo, size_t hi, std::vector<Group>& out) {
  size_t i = lo;
  while (i < hi) {
    const std::string& t = idx.terms[i];
    if (t.size() <= prefix.size()) {
      ++i;
      continue;
    }
    std::string child = t.substr(0, prefix.size() + cp_len(t, prefix.size()));
    size_t j = i;
    while (j < hi && idx.terms[j].compare(0, child.size(), child) == 0) ++j;
    out.push_back({std::move(child), i, j});
    i = j;
  }
}

}  // namespace

const std::vector<Posting>* SearchIndex::prefix_list(std::string_view prefix) const {
  auto it = std::lower_bound(prefixes.begin(), prefixes.end(), prefix);
  if (it == prefixes.end() || *it != prefix) return nullptr;
  return &prefix_lists[static_cast<size_t>(it - prefixes.begin())];
}

void add_prefix_lists(SearchIndex& index) {
  const size_t n = index.terms.size();
  std::vector<size_t> cum(n + 1, 0);
  for (size_t i = 0; i < n; ++i) cum[i + 1] = cum[i] + index.postings[i].size();
  // Groups of 2 code points, then deeper while the expansions stay above the threshold.
  std::vector<Group> todo, big;
  for (size_t i = 0; i < n;) {
    const std::string& t = index.terms[i];
    size_t two = cp_len(t, 0);
    if (two >= t.size()) {  // one code point: never a prefix worth a list
      ++i;
      continue;
    }
    two += cp_len(t, two);
    std::string p = t.substr(0, two);
    size_t j = i;
    while (j < n && index.terms[j].compare(0, p.size(), p) == 0) ++j;
    todo.push_back({std::move(p), i, j});
    i = j;
  }
  while (!todo.empty()) {
    Group g = std::move(todo.back());
    todo.pop_back();
    const size_t self = index.terms[g.lo] == g.prefix ? index.postings[g.lo].size() : 0;
    if (cum[g.hi] - cum[g.lo] - self <= kPrefixListThreshold) continue;
    children(index, g.prefix, g.lo, g.hi, todo);
    big.push_back(std::move(g));
  }
  std::sort(big.begin(), big.end(), [](const Group& a, const Group& b) { return a.prefix < b.prefix; });

  const size_t docs = index.docs.size();
  index.prefixes.resize(big.size());
  index.prefix_lists.assign(big.size(), {});
  parallel_for(big.size(), [&](size_t k) {
    thread_local std::vector<uint32_t> best;   // all 0 between prefixes (only touched ones are reset)
    thread_local std::vector<uint32_t> touched;
    if (best.size() != docs) best.assign(docs, 0);
    touched.clear();
    const Group& g = big[k];
    const size_t lp = code_points(g.prefix);
    for (size_t i = g.lo; i < g.hi; ++i) {
      if (index.terms[i] == g.prefix) continue;
      const size_t lu = code_points(index.terms[i]);
      for (const Posting& p : index.postings[i]) {
        const uint32_t c = prefix_contribution(p.impact, lp, lu);
        if (!best[p.doc]) touched.push_back(p.doc);
        best[p.doc] = std::max(best[p.doc], c);
      }
    }
    std::vector<Posting> list;
    list.reserve(touched.size());
    for (uint32_t d : touched) {
      list.push_back({d, best[d]});
      best[d] = 0;
    }
    auto better = [](const Posting& a, const Posting& b) { return a.impact > b.impact || (a.impact == b.impact && a.doc < b.doc); };
    if (list.size() > kPrefixListSize) {
      std::nth_element(list.begin(), list.begin() + kPrefixListSize, list.end(), better);
      list.resize(kPrefixListSize);
    }
    std::sort(list.begin(), list.end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
    index.prefixes[k] = g.prefix;
    // An exact copy: `list` has room for every touched document (up to all of them) and keeps it
    // after the resize; hundreds of such lists held ~50 MB at 10,000 documents.
    index.prefix_lists[k].assign(list.begin(), list.end());
  });
}

}  // namespace fb::search
