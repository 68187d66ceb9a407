#pragma once
/// Exact tail probabilities and the Benjamini–Hochberg correction used by the pattern miners to keep
/// only what is unlikely under chance. Formulas in docs/patterns.md#significance. All functions are
/// pure, work in log space (no overflow for counts in the millions) and clamp results to [0, 1].
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fb {

/// The false discovery rate every miner controls (Benjamini–Hochberg), see docs/patterns.md.
inline constexpr double kFalseDiscoveryRate = 0.05;

/// P(X >= k) for X ~ Hypergeometric(population N, successes K, draws n): the chance that n items drawn
/// from N, of which K are marked, contain at least k marked ones. 1 when k <= max(0, n + K - N).
double hypergeometric_upper_tail(uint64_t N, uint64_t K, uint64_t n, uint64_t k);

/// P(X >= k) for X ~ Binomial(n, p).
double binomial_upper_tail(uint64_t n, double p, uint64_t k);

/// P(X >= k) for X ~ Poisson(lambda).
double poisson_upper_tail(double lambda, uint64_t k);

/// P(X = k) for X ~ Poisson(lambda).
double poisson_pmf(double lambda, uint64_t k);

/// The chance that some window of length w, sliding over a span T, holds at least k of n points
/// scattered uniformly over the span (scan statistic). Upper bound from counting up-crossings of
/// the window count: P(count at start >= k) + (T/w)·λ·P(Poisson(λ) = k−1), λ = n·w/T; clamped to 1.
double scan_window_p_value(uint64_t n, double span, double window, uint64_t k);

/// Benjamini–Hochberg adjusted p-values (q-values), same order as `p`: q_(i) = min_{j>=i} p_(j)·m/j
/// over the p-values sorted ascending, m = p.size(). A hypothesis is kept at FDR α when q <= α.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

/// How many candidates a miner tested and how many it kept (printed by `firebreak patterns`).
struct SignificanceCount {
  size_t tested = 0;  ///< hypotheses tested (candidates that reached the miner's minimum counts)
  size_t kept = 0;    ///< of them, q <= kFalseDiscoveryRate
};

}  // namespace fb
