#include "lessons/similarity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "lessons/terms.h"
#include "util/parallel.h"
#include "util/text.h"

namespace fb {
namespace {

constexpr size_t kMinTermsBeforeFallback = 8;

bool is_root_cause_heading(const std::string& heading) {
  std::string h = to_lower_ascii(heading);
  return h.find("cause") != std::string::npos || h.find("contributing") != std::string::npos ||
         h.find("whys") != std::string::npos;
}

size_t count_terms(std::string_view text) {
  std::vector<TermOccurrence> t;
  extract_terms(text, t);
  return t.size();
}

}  // namespace

std::string root_cause_text(const Postmortem& pm) {
  std::string text = pm.root_cause_summary;
  for (const auto& f : pm.contributing_factors) {
    text += "\n";
    text += f;
  }
  if (!pm.doc) return text;
  bool any_section = false;
  int inside_level = 0;  // > 0 while inside a root-cause section (its level)
  for (const Section& s : pm.doc->md.sections) {
    if (inside_level > 0 && s.level > inside_level) {
      text += "\n" + s.heading + "\n" + s.text;
      continue;
    }
    inside_level = 0;
    if (s.level > 0 && is_root_cause_heading(s.heading)) {
      any_section = true;
      inside_level = s.level;
      text += "\n" + s.text;
    }
  }
  if (!any_section && count_terms(text) < kMinTermsBeforeFallback) text += "\n" + pm.doc->md.plain_text;
  return text;
}

SimilarityIndex build_similarity_index(const SiteModel& model) {
  const size_t n = model.postmortems.size();
  std::vector<std::vector<TermOccurrence>> terms(n);
  parallel_for(n, [&](size_t i) { extract_terms(root_cause_text(model.postmortems[i]), terms[i]); });

  SimilarityIndex index;
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> tf(n);  // (term, count)
  std::vector<uint32_t> occ;
  for (size_t i = 0; i < n; ++i) {
    occ.clear();
    for (auto& t : terms[i]) {
      auto [it, inserted] = ids.try_emplace(t.stem, static_cast<uint32_t>(index.stems.size()));
      if (inserted) index.stems.push_back(t.stem);
      occ.push_back(it->second);
    }
    std::sort(occ.begin(), occ.end());
    for (size_t k = 0; k < occ.size();) {
      size_t e = k;
      while (e < occ.size() && occ[e] == occ[k]) ++e;
      tf[i].push_back({occ[k], static_cast<uint32_t>(e - k)});
      k = e;
    }
    terms[i] = {};
  }
  const size_t vocab = index.stems.size();
  index.df.assign(vocab, 0);
  for (auto& v : tf)
    for (auto& [t, c] : v) ++index.df[t];
  std::vector<double> idf(vocab);
  for (size_t t = 0; t < vocab; ++t)
    idf[t] = std::log((1.0 + static_cast<double>(n)) / (1.0 + index.df[t])) + 1.0;

  index.vectors.resize(n);
  parallel_for(n, [&](size_t i) {
    auto& vec = index.vectors[i];
    vec.reserve(tf[i].size());
    double norm = 0;
    std::vector<double> w(tf[i].size());
    for (size_t k = 0; k < tf[i].size(); ++k) {
      w[k] = (1.0 + std::log(static_cast<double>(tf[i][k].second))) * idf[tf[i][k].first];
      norm += w[k] * w[k];
    }
    norm = std::sqrt(norm);
    for (size_t k = 0; k < tf[i].size(); ++k)
      vec.push_back({tf[i][k].first, static_cast<float>(w[k] / norm)});
  });

  index.offsets.assign(vocab + 1, 0);
  for (size_t t = 0; t < vocab; ++t) index.offsets[t + 1] = index.offsets[t] + index.df[t];
  index.posting_docs.resize(index.offsets[vocab]);
  index.posting_weights.resize(index.offsets[vocab]);
  std::vector<size_t> fill(index.offsets.begin(), index.offsets.end() - 1);
  for (size_t i = 0; i < n; ++i)
    for (auto& [t, w] : index.vectors[i]) {
      index.posting_docs[fill[t]] = static_cast<uint32_t>(i);
      index.posting_weights[fill[t]++] = w;
    }
  return index;
}

double cosine(const SimilarityIndex& index, size_t a, size_t b) {
  const auto& x = index.vectors[a];
  const auto& y = index.vectors[b];
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].first < y[j].first) ++i;
    else if (y[j].first < x[i].first) ++j;
    else dot += static_cast<double>(x[i++].second) * y[j++].second;
  }
  return dot;
}

size_t candidate_cap(size_t documents) { return std::max<size_t>(64, documents / 20); }

SimilarityGraph find_similar(const SimilarityIndex& index, double threshold, double floor, size_t k) {
  const size_t n = index.vectors.size();
  const size_t cap = candidate_cap(n);
  SimilarityGraph graph;
  graph.top.resize(n);
  std::vector<std::vector<SimilarPair>> pairs_of(n);
  std::vector<size_t> scored(n, 0);
  // Work in chunks so each chunk owns its scratch arrays (no locks, no thread-locals).
  const size_t chunks = std::min<size_t>(n, 64);
  parallel_for(chunks, [&](size_t c) {
    std::vector<uint32_t> seen(n, UINT32_MAX);
    std::vector<double> dense(index.stems.size(), 0.0);
    std::vector<uint32_t> candidates;
    std::vector<SimilarIncident> found;
    for (size_t i = c * n / chunks; i < (c + 1) * n / chunks; ++i) {
      candidates.clear();
      for (auto& [t, w] : index.vectors[i]) {
        dense[t] = w;
        uint32_t df = index.df[t];
        if (df < 2 || df > cap) continue;
        for (size_t p = index.offsets[t]; p < index.offsets[t + 1]; ++p) {
          uint32_t j = index.posting_docs[p];
          if (j == i || seen[j] == i) continue;
          seen[j] = static_cast<uint32_t>(i);
          candidates.push_back(j);
        }
      }
      found.clear();
      for (uint32_t j : candidates) {
        double dot = 0;
        for (auto& [t, w] : index.vectors[j]) dot += dense[t] * w;
        if (dot >= floor) found.push_back({j, dot});
        if (dot >= threshold && j > i) pairs_of[i].push_back({static_cast<uint32_t>(i), j, dot});
      }
      for (auto& [t, w] : index.vectors[i]) dense[t] = 0.0;
      scored[i] = candidates.size();
      auto better = [](const SimilarIncident& a, const SimilarIncident& b) {
        return a.score != b.score ? a.score > b.score : a.index < b.index;
      };
      size_t keep = std::min(k, found.size());
      std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(), better);
      graph.top[i].assign(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep));
      std::sort(pairs_of[i].begin(), pairs_of[i].end(), [](auto& a, auto& b) { return a.b < b.b; });
    }
  });
  for (size_t i = 0; i < n; ++i) {
    graph.candidate_pairs += scored[i];
    graph.pairs.insert(graph.pairs.end(), pairs_of[i].begin(), pairs_of[i].end());
  }
  return graph;
}

std::vector<std::string> top_terms(const SimilarityIndex& index, const SiteModel& model,
                                   const std::vector<size_t>& members, size_t n) {
  std::map<uint32_t, double> centroid;
  for (size_t m : members)
    for (auto& [t, w] : index.vectors[m]) centroid[t] += w;
  std::vector<std::pair<uint32_t, double>> ranked(centroid.begin(), centroid.end());
  std::sort(ranked.begin(), ranked.end(), [&](auto& a, auto& b) {
    return a.second != b.second ? a.second > b.second : index.stems[a.first] < index.stems[b.first];
  });
  if (ranked.size() > n) ranked.resize(n);
  // The most frequent written form of each chosen stem among the members.
  std::map<std::string, std::map<std::string, size_t>> forms;
  for (auto& [t, w] : ranked) forms[index.stems[t]];
  for (size_t m : members) {
    std::vector<TermOccurrence> occ;
    extract_terms(root_cause_text(model.postmortems[m]), occ);
    for (auto& o : occ)
      if (auto it = forms.find(o.stem); it != forms.end()) ++it->second[o.word];
  }
  std::vector<std::string> out;
  for (auto& [t, w] : ranked) {
    const auto& f = forms[index.stems[t]];
    std::string best = index.stems[t];
    size_t count = 0;
    for (auto& [word, c] : f)
      if (c > count) best = word, count = c;
    out.push_back(best);
  }
  return out;
}

double cohesion(const SimilarityIndex& index, const std::vector<size_t>& members) {
  if (members.empty()) return 0;
  std::map<uint32_t, double> centroid;
  for (size_t m : members)
    for (auto& [t, w] : index.vectors[m]) centroid[t] += w;
  double norm = 0;
  for (auto& [t, w] : centroid) norm += w * w;
  norm = std::sqrt(norm);
  if (norm == 0) return 0;
  double sum = 0;
  for (size_t m : members) {
    double dot = 0;
    for (auto& [t, w] : index.vectors[m]) dot += w * centroid[t];
    sum += dot / norm;
  }
  return sum / static_cast<double>(members.size());
}

}  // namespace fb
