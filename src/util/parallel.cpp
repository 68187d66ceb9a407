#include "util/parallel.h"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace fb {

unsigned worker_count() {
  if (const char* env = std::getenv("FIREBREAK_THREADS"); env && *env) {
    int v = std::atoi(env);
    if (v > 0) return static_cast<unsigned>(v);
  }
  unsigned hc = std::thread::hardware_concurrency();
  return hc ? hc : 1;
}

namespace detail {
namespace {

/// One parallel_for call, on its caller's stack.
struct Loop {
  size_t n = 0;
  void (*call)(void*, size_t) = nullptr;
  void* fn = nullptr;
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  size_t visitors = 0;  ///< pool threads working on it (guarded by the pool's mutex)

  /// Runs indexes until none is left, waking the caller when the last one is done.
  void work() {
    for (size_t i = next.fetch_add(1, std::memory_order_relaxed); i < n; i = next.fetch_add(1, std::memory_order_relaxed)) {
      call(fn, i);
      if (done.fetch_add(1, std::memory_order_acq_rel) + 1 == n) done.notify_all();
    }
  }
};

/// The process-wide threads. Each takes the oldest loop that still has indexes and works on it.
class Pool {
 public:
  explicit Pool(unsigned threads) {
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { serve(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  void run(Loop& loop) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      loops_.push_back(&loop);
    }
    cv_.notify_all();
    loop.work();
    // Every index is taken; wait for the ones still running elsewhere, then make sure no pool thread
    // still looks at the loop before it goes out of scope.
    for (size_t d = loop.done.load(std::memory_order_acquire); d < loop.n; d = loop.done.load(std::memory_order_acquire))
      loop.done.wait(d, std::memory_order_acquire);
    std::unique_lock<std::mutex> lock(mu_);
    remove(&loop);
    left_.wait(lock, [&] { return loop.visitors == 0; });
  }

 private:
  void remove(Loop* loop) {
    for (auto it = loops_.begin(); it != loops_.end(); ++it)
      if (*it == loop) {
        loops_.erase(it);
        return;
      }
  }

  void serve() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !loops_.empty(); });
      if (stop_) return;
      Loop* loop = loops_.front();
      ++loop->visitors;
      lock.unlock();
      loop->work();
      lock.lock();
      remove(loop);  // exhausted (its caller may have removed it already): serve the next loop
      if (--loop->visitors == 0) left_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;     ///< a loop was added, or stop
  std::condition_variable left_;   ///< a pool thread left a loop
  std::deque<Loop*> loops_;
  std::vector<std::thread> threads_;
  bool stop_ = false;
};

Pool& pool() {
  static Pool p(worker_count() > 1 ? worker_count() - 1 : 0);
  return p;
}

}  // namespace

void run_parallel(size_t n, void (*call)(void*, size_t), void* fn) {
  Loop loop;
  loop.n = n;
  loop.call = call;
  loop.fn = fn;
  pool().run(loop);
}

}  // namespace detail
}  // namespace fb
