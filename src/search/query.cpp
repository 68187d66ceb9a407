#include "search/query.h"

#include <algorithm>

#include "search/tokenizer.h"

namespace fb::search {
namespace {

/// Shortest prefix the typo fallback tries.
constexpr size_t kMinFallbackPrefix = 3;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Adds a `key:value` filter; false when `key` is not a filter name.
bool add_filter(Filters& f, std::string_view key, std::string value) {
  std::string k = fold(key);
  if (k == "kind") f.kind.push_back(std::move(value));
  else if (k == "severity" || k == "sev") f.severity.push_back(std::move(value));
  else if (k == "service") f.service.push_back(std::move(value));
  else if (k == "tag") f.tag.push_back(std::move(value));
  else if (k == "owner") f.owner.push_back(std::move(value));
  else return false;
  return true;
}

/// The first `n` code points of `s`.
std::string first_code_points(std::string_view s, size_t n) {
  size_t i = 0, cps = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == n) break;
      ++cps;
    }
    ++i;
  }
  return std::string(s.substr(0, i));
}

/// Per-document contribution of one term, sorted by document.
using Contributions = std::vector<std::pair<uint32_t, uint64_t>>;

/// Adds the exact postings of `term` to `out`; false when the index does not have it.
bool exact(IndexSource& index, const std::string& term, Contributions& out, Matches& matched) {
  const auto* postings = index.find(term);
  if (!postings || postings->empty()) return false;
  matched.terms.insert(term);
  for (const auto& p : *postings) out.emplace_back(p.doc, p.impact);
  return true;
}

/// Adds the expansions of `prefix` (terms longer than it that start with it) to `out`: its stored
/// list, or each expansion scored with prefix_contribution. False when there is none.
bool expand(IndexSource& index, const std::string& prefix, Contributions& out, Matches& matched) {
  bool any = false;
  if (const auto* list = index.prefix_list(prefix)) {
    for (const auto& p : *list) out.emplace_back(p.doc, p.impact);
    any = !list->empty();
  } else {
    const size_t lp = code_points(prefix);
    index.for_prefix(prefix, [&](std::string_view term, const std::vector<Posting>& postings) {
      if (term == prefix) return;
      const size_t lu = code_points(term);
      for (const auto& p : postings) out.emplace_back(p.doc, prefix_contribution(p.impact, lp, lu));
      any = any || !postings.empty();
    });
  }
  if (any) matched.prefixes.insert(prefix);
  return any;
}

Contributions evaluate(IndexSource& index, const QueryTerm& t, Matches& matched) {
  Contributions c;
  const size_t len = code_points(t.text);
  bool found = exact(index, t.text, c, matched);
  if (t.prefix && len >= 2) found = expand(index, t.text, c, matched) || found;
  for (size_t k = len - 1; !found && len > kMinFallbackPrefix && k >= kMinFallbackPrefix; --k) {
    const std::string p = first_code_points(t.text, k);
    found = exact(index, p, c, matched);
    found = expand(index, p, c, matched) || found;
  }
  // Best contribution per document.
  std::sort(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
  c.erase(std::unique(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), c.end());
  return c;
}

/// Sorted ids of the documents passing `filters`; `all` is set when there is no filter.
std::vector<uint32_t> filter_docs(IndexSource& index, const Filters& filters, bool& all) {
  all = filters.empty();
  std::vector<uint32_t> result;
  bool first = true;
  auto apply = [&](std::string_view facet, const std::vector<std::string>& wanted, auto&& canonical) {
    if (wanted.empty()) return;
    std::vector<std::string> keys;
    for (const auto& w : wanted) keys.push_back(canonical(fold(w)));
    std::vector<uint32_t> ids;
    for (const auto& [value, docs] : index.facet(facet))
      if (std::find(keys.begin(), keys.end(), fold(value)) != keys.end()) ids.insert(ids.end(), docs.begin(), docs.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (first) result = std::move(ids);
    else {
      std::vector<uint32_t> both;
      std::set_intersection(result.begin(), result.end(), ids.begin(), ids.end(), std::back_inserter(both));
      result = std::move(both);
    }
    first = false;
  };
  auto same = [](std::string v) { return v; };
  apply("kind", filters.kind, [](std::string v) {
    if (v == "runbooks") return std::string("runbook");
    if (v == "pir" || v == "pirs" || v == "postmortems" || v == "post-mortem") return std::string("postmortem");
    return v;
  });
  const auto& scale = index.severities();
  apply("severity", filters.severity, [&](std::string v) {
    for (const auto& s : scale) {
      bool hit = fold(s.id) == v || fold(s.label) == v;
      for (const auto& a : s.aliases) hit = hit || fold(a) == v;
      if (hit) return fold(s.id);
    }
    return v;
  });
  apply("service", filters.service, same);
  apply("tag", filters.tag, same);
  apply("owner", filters.owner, same);
  return result;
}

}  // namespace

Query parse_query(std::string_view text) {
  Query q;
  std::string rest;
  size_t i = 0;
  bool typing = !text.empty() && !is_space(text.back());
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (b == i) break;
    std::string_view tok = text.substr(b, i - b);
    size_t colon = tok.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 1 < tok.size() &&
        add_filter(q.filters, tok.substr(0, colon), std::string(tok.substr(colon + 1)))) {
      if (i == text.size()) typing = false;
      continue;
    }
    if (!rest.empty()) rest += ' ';
    rest += tok;
  }
  std::vector<Word> words = split_words(rest);
  for (size_t w = 0; w < words.size(); ++w) {
    const Word& word = words[w];
    const bool prefix = typing && w + 1 == words.size() && word.end == rest.size();
    QueryWord qw;
    qw.raw = rest.substr(word.begin, word.end - word.begin);
    if (!word.whole.empty()) qw.whole.push_back({word.whole, prefix});
    for (const auto& p : word.parts) qw.parts.push_back({p, false});
    if (prefix && !word.last_part.empty()) {
      if (!qw.parts.empty() && qw.parts.back().text == word.last_part) qw.parts.back().prefix = true;
      else if (code_points(word.last_part) >= 2 && is_stopword(word.last_part)) qw.parts.push_back({word.last_part, true});
    }
    if (!qw.whole.empty() || !qw.parts.empty()) q.words.push_back(std::move(qw));
  }
  return q;
}

Results run_query(IndexSource& index, const Query& query, size_t limit) {
  Results r;
  bool all = true;
  std::vector<uint32_t> allowed = filter_docs(index, query.filters, all);
  const size_t n = index.doc_count();
  std::vector<Hit> hits;
  if (query.words.empty()) {
    if (all) return r;
    for (uint32_t d : allowed)
      if (d < n) hits.push_back({d, 0, 0});
  } else {
    std::vector<uint64_t> score(n, 0);
    std::vector<uint32_t> words(n, 0), parts_hit(n, 0);
    std::vector<char> whole_hit(n, 0);
    for (const QueryWord& qw : query.words) {
      std::fill(parts_hit.begin(), parts_hit.end(), 0);
      std::fill(whole_hit.begin(), whole_hit.end(), 0);
      for (const auto& t : qw.whole)
        for (const auto& [d, c] : evaluate(index, t, r.matched)) {
          score[d] += c;
          whole_hit[d] = 1;
        }
      for (const auto& t : qw.parts)
        for (const auto& [d, c] : evaluate(index, t, r.matched)) {
          score[d] += c;
          ++parts_hit[d];
        }
      const auto need = static_cast<uint32_t>(qw.parts.size());
      for (uint32_t d = 0; d < n; ++d)
        if (whole_hit[d] || (need > 0 && parts_hit[d] == need)) ++words[d];
    }
    size_t next_allowed = 0;
    for (uint32_t d = 0; d < n; ++d) {
      if (!score[d]) continue;
      if (!all) {
        while (next_allowed < allowed.size() && allowed[next_allowed] < d) ++next_allowed;
        if (next_allowed == allowed.size() || allowed[next_allowed] != d) continue;
      }
      hits.push_back({d, words[d], score[d]});
    }
  }
  r.total = hits.size();
  auto better = [](const Hit& a, const Hit& b) {
    if (a.words != b.words) return a.words > b.words;
    if (a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
  };
  const size_t k = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(k), hits.end(), better);
  hits.resize(k);
  r.hits = std::move(hits);
  return r;
}

}  // namespace fb::search
