#pragma once
/// Data-parallel loop over an index range on std::threads (no locks on the hot path: each index
/// is owned by exactly one worker, handed out through one atomic counter).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace fb {

/// Number of workers to use: FIREBREAK_THREADS if set, else hardware concurrency (at least 1).
unsigned worker_count();

/// Calls fn(i) for every i in [0, n), spread over worker_count() threads. `fn` must not throw.
template <class Fn>
void parallel_for(size_t n, Fn&& fn) {
  unsigned workers = std::min<size_t>(worker_count(), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (;;) {
      size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= n) return;
      fn(i);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

}  // namespace fb
