#pragma once
/// TF-IDF vectors of each PIR's root-cause text and the similar pairs among them, found through an
/// inverted index (never all pairs). Definitions in docs/patterns.md#similar-incidents.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lessons/lessons.h"
#include "model/model.h"

namespace fb {

/// The text a PIR's similarity is computed from: root_cause.summary, contributing_factors and the
/// body sections under a heading containing "cause", "contributing" or "whys" (with their
/// sub-sections). When that yields fewer than 8 terms and there is no such section, the whole body.
std::string root_cause_text(const Postmortem& pm);

/// Sparse, L2-normalised TF-IDF vectors: weight = (1 + ln tf) · (ln((1+N)/(1+df)) + 1), over the terms
/// found in at least two PIRs (a term of one PIR cannot make two PIRs similar; `df` is 0 for it).
struct SimilarityIndex {
  /// Per PIR: (term id, weight), sorted by term id.
  std::vector<std::vector<std::pair<uint32_t, float>>> vectors;
  std::vector<std::string> stems;   ///< term id -> stem
  std::vector<std::string> words;   ///< term id -> its most common written form (for labels)
  std::vector<uint32_t> df;         ///< term id -> number of PIRs containing it
  std::vector<size_t> offsets;      ///< postings of term t: [offsets[t], offsets[t+1]) of posting_docs
  std::vector<uint32_t> posting_docs;  ///< PIR indices of all postings, term by term
  std::vector<float> posting_weights;  ///< the PIR's weight for the term, parallel to posting_docs
};

/// Builds the index over every PIR of `model` (in parallel per PIR).
SimilarityIndex build_similarity_index(const SiteModel& model);

/// Cosine similarity of PIRs `a` and `b` (exact, from the sparse vectors).
double cosine(const SimilarityIndex& index, size_t a, size_t b);

/// An above-threshold pair, a < b.
struct SimilarPair {
  uint32_t a = 0, b = 0;  ///< PIR indices, a < b
  double score = 0;       ///< cosine similarity
};

/// The similarity graph: each PIR's top-k neighbours and the pairs at or above the threshold.
struct SimilarityGraph {
  std::vector<std::vector<SimilarIncident>> top;  ///< per PIR: up to k with score >= floor, best first
  std::vector<SimilarPair> pairs;                 ///< score >= threshold, sorted by (a, b)
  size_t candidate_pairs = 0;                     ///< candidates scored (for the benchmark / -v)
};

/// Posting lists longer than this are not used to propose candidates: max(64, N / 20).
size_t candidate_cap(size_t documents);

/// Finds similar PIRs without comparing all pairs. For each PIR: (1) partial dot products with every
/// PIR sharing one of its 16 heaviest terms among those whose document frequency is between 2 and
/// candidate_cap(N), accumulated from the inverted index; (2) the 100 best by that partial score
/// (ties by index) become candidates; (3) their exact cosine decides. `top` keeps up to k candidates
/// scoring at least `floor`; `pairs` every candidate pair scoring at least `threshold`, found from
/// either side.
SimilarityGraph find_similar(const SimilarityIndex& index, double threshold, double floor, size_t k);

/// The `n` highest-weighted terms of the members' centroid, as words (each stem's most common written
/// form), for labelling a group. Ties by stem.
std::vector<std::string> top_terms(const SimilarityIndex& index, const std::vector<size_t>& members, size_t n);

}  // namespace fb
