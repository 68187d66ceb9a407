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
/// Candidates scored exactly per PIR: the best by partial (rare-term) score.
constexpr size_t kMaxCandidates = 100;
/// Terms of a PIR whose posting lists propose candidates: its heaviest ones.
constexpr size_t kCandidateTerms = 16;

bool is_root_cause_heading(const std::string& heading) {
  std::string h = to_lower_ascii(heading);
  return h.find("cause") != std::string::npos || h.find("contributing") != std::string::npos ||
         h.find("whys") != std::string::npos;
}

size_t count_terms(std::string_view text) {
  size_t n = 0;
  for_each_term(text, [&](std::string_view, std::string_view) { ++n; });
  return n;
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
      text += "\n";
      text += s.heading;
      text += "\n";
      text += pm.doc->md.text_of(s);
      continue;
    }
    inside_level = 0;
    if (s.level > 0 && is_root_cause_heading(s.heading)) {
      any_section = true;
      inside_level = s.level;
      text += "\n";
      text += pm.doc->md.text_of(s);
    }
  }
  if (!any_section && count_terms(text) < kMinTermsBeforeFallback) text += "\n" + pm.doc->md.plain_text;
  return text;
}

namespace {

/// One PIR's distinct stems with their counts and most frequent written form, sorted by stem.
struct DocTerms {
  struct Entry {
    uint32_t stem = 0, word = 0;  ///< numbers of the worker's StemCache
    uint32_t tf = 0;
  };
  std::vector<Entry> entries;
};

DocTerms doc_terms(const Postmortem& pm, StemCache& cache) {
  std::vector<std::pair<uint32_t, uint32_t>> occ;  // (stem id, word id)
  for_each_term(root_cause_text(pm), cache, [&](uint32_t stem, uint32_t word) { occ.push_back({stem, word}); });
  std::sort(occ.begin(), occ.end());
  // Per stem: its count and its most frequent written form (ties: the alphabetically first).
  struct Found {
    uint32_t stem, word, tf;
  };
  std::vector<Found> found;
  for (size_t k = 0; k < occ.size();) {
    const uint32_t stem = occ[k].first;
    size_t e = k, best = k, best_count = 0;
    while (e < occ.size() && occ[e].first == stem) {
      size_t w = e;
      while (w < occ.size() && occ[w].first == stem && occ[w].second == occ[e].second) ++w;
      if (w - e > best_count || (w - e == best_count && cache.word(occ[e].second) < cache.word(occ[best].second)))
        best = e, best_count = w - e;
      e = w;
    }
    found.push_back({stem, occ[best].second, static_cast<uint32_t>(e - k)});
    k = e;
  }
  std::sort(found.begin(), found.end(),
            [&](const Found& a, const Found& b) { return cache.stem(a.stem) < cache.stem(b.stem); });
  DocTerms out;
  out.entries.reserve(found.size());
  for (const Found& f : found) out.entries.push_back({f.stem, f.word, f.tf});
  return out;
}

}  // namespace

SimilarityIndex build_similarity_index(const SiteModel& model) {
  const size_t n = model.postmortems.size();
  std::vector<DocTerms> terms(n);
  // In chunks, each with its own stem cache (most words recur across PIRs): two per worker, so the
  // vocabulary is stemmed a few times only and a slow chunk does not hold up the others for long.
  const size_t chunks = std::min<size_t>(n, 2 * static_cast<size_t>(worker_count()));
  std::vector<StemCache> caches(chunks);
  std::vector<uint32_t> chunk_of(n);
  parallel_for(chunks, [&](size_t c) {
    for (size_t i = c * n / chunks; i < (c + 1) * n / chunks; ++i) {
      chunk_of[i] = static_cast<uint32_t>(c);
      terms[i] = doc_terms(model.postmortems[i], caches[c]);
    }
  });

  // Term ids in order of first use (PIR order, then stem order within a PIR). Each worker's stem and
  // word numbers are translated once; the caches no longer change, so views into them stay valid.
  SimilarityIndex index;
  constexpr uint32_t kUnset = UINT32_MAX;
  std::unordered_map<std::string_view, uint32_t> stem_ids, word_ids;
  std::vector<std::string_view> word_text;  // global word id -> text
  std::vector<std::vector<uint32_t>> stem_global(chunks), word_global(chunks);
  for (size_t c = 0; c < chunks; ++c) {
    stem_global[c].assign(caches[c].stem_count(), kUnset);
    word_global[c].assign(caches[c].word_count(), kUnset);
  }
  // term -> (global word id, PIRs preferring it); a stem has few forms, so a short vector beats a map.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> forms;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> tf(n);  // (term, count)
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = chunk_of[i];
    const StemCache& cache = caches[c];
    tf[i].reserve(terms[i].entries.size());
    for (const auto& e : terms[i].entries) {
      uint32_t& t = stem_global[c][e.stem];
      if (t == kUnset) {
        auto [it, inserted] = stem_ids.try_emplace(cache.stem(e.stem), static_cast<uint32_t>(index.stems.size()));
        if (inserted) {
          index.stems.push_back(cache.stem(e.stem));
          forms.emplace_back();
        }
        t = it->second;
      }
      uint32_t& w = word_global[c][e.word];
      if (w == kUnset) {
        auto [it, inserted] = word_ids.try_emplace(cache.word(e.word), static_cast<uint32_t>(word_text.size()));
        if (inserted) word_text.push_back(cache.word(e.word));
        w = it->second;
      }
      auto& f = forms[t];
      auto form = std::find_if(f.begin(), f.end(), [&](const auto& x) { return x.first == w; });
      if (form == f.end()) f.emplace_back(w, 1);
      else ++form->second;
      tf[i].push_back({t, e.tf});
    }
    terms[i] = {};
  }
  parallel_for(n, [&](size_t i) { std::sort(tf[i].begin(), tf[i].end()); });
  index.words.resize(index.stems.size());
  for (size_t t = 0; t < forms.size(); ++t) {  // most PIRs, then alphabetical
    uint32_t best = 0;
    std::string_view best_word;
    for (auto& [word, count] : forms[t])
      if (count > best || (count == best && word_text[word] < best_word)) best_word = word_text[word], best = count;
    index.words[t] = std::string(best_word);
  }
  const size_t vocab = index.stems.size();
  index.df.assign(vocab, 0);
  for (auto& v : tf)
    for (auto& [t, c] : v) ++index.df[t];
  // A term in one PIR only can never make two PIRs similar; it would only lower the cosine of PIRs
  // with many unusual words. Such terms are dropped (min_df = 2).
  for (auto& d : index.df)
    if (d < 2) d = 0;
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
      if (index.df[tf[i][k].first] == 0) continue;
      w[k] = (1.0 + std::log(static_cast<double>(tf[i][k].second))) * idf[tf[i][k].first];
      norm += w[k] * w[k];
    }
    norm = std::sqrt(norm);
    for (size_t k = 0; k < tf[i].size(); ++k)
      if (index.df[tf[i][k].first] != 0) vec.push_back({tf[i][k].first, static_cast<float>(w[k] / norm)});
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

namespace {

/// Dot products of PIR i (its weights scattered into `dense`) with four candidates at once: each sum
/// runs over its candidate's terms in term order, exactly as a one-at-a-time loop would, but the four
/// independent sums keep the processor busy while each addition waits for the previous one.
void dots(const SimilarityIndex& index, const std::vector<double>& dense, const uint32_t* js, size_t count,
          double* out) {
  size_t q = 0;
  for (; q + 4 <= count; q += 4) {
    const auto& a = index.vectors[js[q]];
    const auto& b = index.vectors[js[q + 1]];
    const auto& c = index.vectors[js[q + 2]];
    const auto& d = index.vectors[js[q + 3]];
    double sa = 0, sb = 0, sc = 0, sd = 0;
    size_t common = std::min(std::min(a.size(), b.size()), std::min(c.size(), d.size()));
    for (size_t k = 0; k < common; ++k) {
      sa += dense[a[k].first] * a[k].second;
      sb += dense[b[k].first] * b[k].second;
      sc += dense[c[k].first] * c[k].second;
      sd += dense[d[k].first] * d[k].second;
    }
    for (size_t k = common; k < a.size(); ++k) sa += dense[a[k].first] * a[k].second;
    for (size_t k = common; k < b.size(); ++k) sb += dense[b[k].first] * b[k].second;
    for (size_t k = common; k < c.size(); ++k) sc += dense[c[k].first] * c[k].second;
    for (size_t k = common; k < d.size(); ++k) sd += dense[d[k].first] * d[k].second;
    out[q] = sa, out[q + 1] = sb, out[q + 2] = sc, out[q + 3] = sd;
  }
  for (; q < count; ++q) {
    double sum = 0;
    for (const auto& [t, w] : index.vectors[js[q]]) sum += dense[t] * w;
    out[q] = sum;
  }
}

}  // namespace

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
    std::vector<float> partial(n, 0.0f);
    std::vector<uint32_t> stamp(n, UINT32_MAX);  // stamp[j] == i: j already a candidate of i
    std::vector<double> dense(index.stems.size(), 0.0);
    std::vector<uint32_t> touched;
    std::vector<std::pair<uint32_t, float>> heavy;
    std::vector<SimilarIncident> found;
    std::vector<double> score;
    for (size_t i = c * n / chunks; i < (c + 1) * n / chunks; ++i) {
      // 1. Partial dot products over the PIR's heaviest rare-ish terms (the inverted index).
      touched.clear();
      heavy.clear();
      for (auto& [t, w] : index.vectors[i]) {
        dense[t] = w;
        if (index.df[t] >= 2 && index.df[t] <= cap) heavy.push_back({t, w});
      }
      if (heavy.size() > kCandidateTerms) {
        auto heavier = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
        std::nth_element(heavy.begin(), heavy.begin() + kCandidateTerms, heavy.end(), heavier);
        heavy.resize(kCandidateTerms);
      }
      for (auto& [t, w] : heavy) {
        for (size_t p = index.offsets[t]; p < index.offsets[t + 1]; ++p) {
          uint32_t j = index.posting_docs[p];
          if (j == i) continue;
          if (stamp[j] != i) stamp[j] = static_cast<uint32_t>(i), touched.push_back(j);
          partial[j] += w * index.posting_weights[p];
        }
      }
      // 2. The best candidates by partial score; ties by index.
      auto by_partial = [&](uint32_t a, uint32_t b) { return partial[a] != partial[b] ? partial[a] > partial[b] : a < b; };
      if (touched.size() > kMaxCandidates) {
        std::nth_element(touched.begin(), touched.begin() + kMaxCandidates, touched.end(), by_partial);
        for (size_t q = kMaxCandidates; q < touched.size(); ++q) partial[touched[q]] = 0.0f;
        touched.resize(kMaxCandidates);
      }
      // 3. Exact cosine of each candidate.
      for (uint32_t j : touched) partial[j] = 0.0f;
      score.resize(touched.size());
      dots(index, dense, touched.data(), touched.size(), score.data());
      found.clear();
      for (size_t q = 0; q < touched.size(); ++q) {
        const uint32_t j = touched[q];
        const double dot = score[q];
        if (dot >= floor) found.push_back({j, dot});
        if (dot >= threshold) pairs_of[i].push_back({static_cast<uint32_t>(std::min<size_t>(i, j)),
                                                     static_cast<uint32_t>(std::max<size_t>(i, j)), dot});
      }
      for (auto& [t, w] : index.vectors[i]) dense[t] = 0.0;
      scored[i] = touched.size();
      auto better = [](const SimilarIncident& a, const SimilarIncident& b) {
        return a.score != b.score ? a.score > b.score : a.index < b.index;
      };
      size_t keep = std::min(k, found.size());
      std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(), better);
      graph.top[i].assign(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep));
    }
  });
  // Pairs by (a, b) without duplicates. A pair found from both sides has the same score from either
  // side (the same products summed in term order), so which copy is kept does not matter. Bucket by
  // `a` (a counting sort), then sort each short bucket by `b`.
  std::vector<size_t> start(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    graph.candidate_pairs += scored[i];
    for (const auto& e : pairs_of[i]) ++start[e.a + 1];
  }
  for (size_t a = 0; a < n; ++a) start[a + 1] += start[a];
  std::vector<SimilarPair> bucketed(start[n]);
  std::vector<size_t> fill(start.begin(), start.end() - 1);
  for (size_t i = 0; i < n; ++i)
    for (const auto& e : pairs_of[i]) bucketed[fill[e.a]++] = e;
  pairs_of = {};
  parallel_for(n, [&](size_t a) {
    std::sort(bucketed.begin() + static_cast<std::ptrdiff_t>(start[a]), bucketed.begin() + static_cast<std::ptrdiff_t>(start[a + 1]),
              [](const SimilarPair& x, const SimilarPair& y) { return x.b < y.b; });
  });
  graph.pairs.reserve(bucketed.size());
  for (const auto& e : bucketed)
    if (graph.pairs.empty() || graph.pairs.back().a != e.a || graph.pairs.back().b != e.b) graph.pairs.push_back(e);
  return graph;
}

std::vector<std::string> top_terms(const SimilarityIndex& index, const std::vector<size_t>& members, size_t n) {
  std::unordered_map<uint32_t, double> centroid;
  for (size_t m : members)
    for (auto& [t, w] : index.vectors[m]) centroid[t] += w;
  std::vector<std::pair<uint32_t, double>> ranked(centroid.begin(), centroid.end());
  auto better = [&](const std::pair<uint32_t, double>& a, const std::pair<uint32_t, double>& b) {
    return a.second != b.second ? a.second > b.second : index.stems[a.first] < index.stems[b.first];
  };
  size_t keep = std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), better);
  std::vector<std::string> out;
  for (size_t k = 0; k < keep; ++k) out.push_back(index.words[ranked[k].first]);
  return out;
}

}  // namespace fb
