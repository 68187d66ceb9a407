// Exact tails in log space (lgamma) and Benjamini–Hochberg; see significance.h.
#include "lessons/significance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fb {
namespace {

double log_choose(uint64_t n, uint64_t k) {
  return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
         std::lgamma(static_cast<double>(n - k) + 1);
}

double clamp01(double x) { return std::isnan(x) ? 1.0 : std::min(1.0, std::max(0.0, x)); }

/// Σ exp(terms) for terms given in log space, stably.
double sum_logs(const std::vector<double>& logs) {
  if (logs.empty()) return 0;
  double top = *std::max_element(logs.begin(), logs.end());
  if (std::isinf(top)) return 0;
  double s = 0;
  for (double l : logs) s += std::exp(l - top);
  return std::exp(top) * s;
}

}  // namespace

double hypergeometric_upper_tail(uint64_t N, uint64_t K, uint64_t n, uint64_t k) {
  K = std::min(K, N);
  n = std::min(n, N);
  uint64_t lo = n + K > N ? n + K - N : 0, hi = std::min(n, K);
  if (k <= lo) return 1.0;
  if (k > hi) return 0.0;
  const double denom = log_choose(N, n);
  std::vector<double> logs;
  for (uint64_t x = k; x <= hi; ++x) logs.push_back(log_choose(K, x) + log_choose(N - K, n - x) - denom);
  return clamp01(sum_logs(logs));
}

double binomial_upper_tail(uint64_t n, double p, uint64_t k) {
  if (k == 0) return 1.0;
  if (k > n || p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  std::vector<double> logs;
  const double lp = std::log(p), lq = std::log1p(-p);
  for (uint64_t x = k; x <= n; ++x) {
    double l = log_choose(n, x) + static_cast<double>(x) * lp + static_cast<double>(n - x) * lq;
    logs.push_back(l);
    if (x > k + 50 && l < logs.front() - 60) break;  // the rest is below double precision of the sum
  }
  return clamp01(sum_logs(logs));
}

double poisson_pmf(double lambda, uint64_t k) {
  if (lambda <= 0) return k == 0 ? 1.0 : 0.0;
  double kd = static_cast<double>(k);
  return clamp01(std::exp(kd * std::log(lambda) - lambda - std::lgamma(kd + 1)));
}

double poisson_upper_tail(double lambda, uint64_t k) {
  if (k == 0) return 1.0;
  if (lambda <= 0) return 0.0;
  // 1 − P(X <= k−1) loses precision far in the tail: sum the tail itself when k is above the mean.
  if (static_cast<double>(k) > lambda) {
    std::vector<double> logs;
    for (uint64_t x = k;; ++x) {
      double xd = static_cast<double>(x);
      double l = xd * std::log(lambda) - lambda - std::lgamma(xd + 1);
      logs.push_back(l);
      if (xd > lambda && l < logs.front() - 40) break;
    }
    return clamp01(sum_logs(logs));
  }
  double below = 0;
  for (uint64_t x = 0; x < k; ++x) below += poisson_pmf(lambda, x);
  return clamp01(1.0 - below);
}

double scan_window_p_value(uint64_t n, double span, double window, uint64_t k) {
  if (k == 0) return 1.0;
  if (n < k) return 0.0;
  if (span <= window) return 1.0;  // the whole span fits in one window: no burst can be told apart
  const double lambda = static_cast<double>(n) * window / span;
  return clamp01(poisson_upper_tail(lambda, k) + span / window * lambda * poisson_pmf(lambda, k - 1));
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  const size_t m = p.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  std::vector<double> q(m, 1.0);
  double running = 1.0;
  for (size_t r = m; r-- > 0;) {
    running = std::min(running, p[order[r]] * static_cast<double>(m) / static_cast<double>(r + 1));
    q[order[r]] = clamp01(running);
  }
  return q;
}

}  // namespace fb
