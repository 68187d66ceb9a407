#pragma once
/// Data-parallel loop over an index range (no locks on the hot path: each index is owned by exactly
/// one thread, handed out through one atomic counter). The threads are a process-wide pool started
/// on first use (worker_count() - 1 of them; the calling thread always works too), so a build does not
/// start and stop threads for every loop, and each thread's heap is reused from loop to loop.
#include <algorithm>
#include <cstddef>
#include <type_traits>

namespace fb {

/// Number of workers to use: FIREBREAK_THREADS if set, else hardware concurrency (at least 1).
unsigned worker_count();

namespace detail {
/// Runs call(fn, i) for every i in [0, n) on the calling thread and the pool; returns when all are done.
void run_parallel(size_t n, void (*call)(void*, size_t), void* fn);
}  // namespace detail

/// Calls fn(i) for every i in [0, n), spread over worker_count() threads. `fn` must not throw. Loops
/// may run at the same time and may nest: the calling thread works on its own loop until it is done.
template <class Fn>
void parallel_for(size_t n, Fn&& fn) {
  if (std::min<size_t>(worker_count(), n) <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  using F = std::remove_reference_t<Fn>;
  detail::run_parallel(n, [](void* f, size_t i) { (*static_cast<F*>(f))(i); },
                       const_cast<void*>(static_cast<const void*>(&fn)));
}

}  // namespace fb
