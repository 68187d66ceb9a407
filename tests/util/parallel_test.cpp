#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "util/parallel.h"

using namespace fb;

TEST_CASE("parallel_for: every index exactly once, on more than one thread") {
  ::setenv("FIREBREAK_THREADS", "4", 1);
  const auto caller = std::this_thread::get_id();
  std::vector<std::atomic<int>> seen(20000);
  std::atomic<bool> helped{false};
  parallel_for(seen.size(), [&](size_t i) {
    seen[i].fetch_add(1);
    if (std::this_thread::get_id() != caller) helped = true;
    // Whoever takes index 0 holds it until another thread has taken an index (or 10 s pass), so the
    // check below fails only if no second thread ever works on the loop.
    for (int waited = 0; i == 0 && !helped && waited < 10000; ++waited)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  for (const auto& s : seen) REQUIRE(s.load() == 1);
  CHECK(helped.load());
  ::unsetenv("FIREBREAK_THREADS");
}

TEST_CASE("parallel_for: loops from several threads at once, and loops inside loops") {
  ::setenv("FIREBREAK_THREADS", "3", 1);
  std::atomic<long> sum{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c)
    callers.emplace_back([&] {
      for (int round = 0; round < 20; ++round)
        parallel_for(50, [&](size_t i) {
          parallel_for(20, [&](size_t j) { sum.fetch_add(static_cast<long>(i * j)); });
        });
    });
  for (auto& t : callers) t.join();
  // Σi Σj i·j over 50 × 20 = (49·50/2)·(19·20/2) = 1225 · 190, per round and caller.
  CHECK(sum.load() == 4L * 20 * 1225 * 190);
  ::unsetenv("FIREBREAK_THREADS");
}

TEST_CASE("parallel_for: one worker runs in order on the calling thread, and empty ranges do nothing") {
  ::setenv("FIREBREAK_THREADS", "1", 1);
  std::vector<size_t> order;
  const auto me = std::this_thread::get_id();
  bool same_thread = true;
  parallel_for(5, [&](size_t i) {
    order.push_back(i);
    same_thread = same_thread && std::this_thread::get_id() == me;
  });
  CHECK(order == std::vector<size_t>{0, 1, 2, 3, 4});
  CHECK(same_thread);
  ::unsetenv("FIREBREAK_THREADS");
  int calls = 0;
  parallel_for(0, [&](size_t) { ++calls; });
  CHECK(calls == 0);
}
