#include "util/parallel.h"

#include <cstdlib>

namespace fb {
unsigned worker_count() {
  if (const char* env = std::getenv("FIREBREAK_THREADS"); env && *env) {
    int v = std::atoi(env);
    if (v > 0) return static_cast<unsigned>(v);
  }
  unsigned hc = std::thread::hardware_concurrency();
  return hc ? hc : 1;
}
}  // namespace fb
