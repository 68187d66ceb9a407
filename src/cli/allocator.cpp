#include "cli/commands.h"

#include <cstdlib>

#ifdef FIREBREAK_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace fb::cli {

#ifdef FIREBREAK_WITH_MIMALLOC
namespace {
/// Sets a mimalloc option unless the user chose it in the environment (MIMALLOC_<NAME>).
void set_unless_in_environment(mi_option_t option, const char* env_name, long value) {
  if (std::getenv(env_name) == nullptr) mi_option_set(option, value);
}
}  // namespace

void tune_allocator(bool long_lived) {
  // A build is one short process whose heap grows to several hundred MB and is dropped at exit. On a
  // virtual machine a page fault is expensive, and mimalloc's defaults fault in 4 KiB pages one at a
  // time and return freed memory to the system only to fault it in again a moment later.
  // - 2 MiB pages for the heap (madvise(MADV_HUGEPAGE); transparent huge pages in "madvise" or
  //   "always" mode): one fault where there were 512.
  set_unless_in_environment(mi_option_large_os_pages, "MIMALLOC_LARGE_OS_PAGES", 1);
  // - Commit each segment whole when it is reserved, not piecemeal, from each thread's first segment on
  //   (by default a thread's first segment is committed lazily, in 4 KiB faults).
  set_unless_in_environment(mi_option_eager_commit, "MIMALLOC_EAGER_COMMIT", 1);
  set_unless_in_environment(mi_option_eager_commit_delay, "MIMALLOC_EAGER_COMMIT_DELAY", 0);
  // - Keep freed memory for the next allocation instead of returning it (decommit) and faulting it in
  //   again; the process exits soon after its peak. Not for a long-lived process (serve): between
  //   rebuilds it gives the memory of the last build back.
  if (!long_lived) set_unless_in_environment(mi_option_allow_decommit, "MIMALLOC_ALLOW_DECOMMIT", 0);
}
#else
void tune_allocator(bool) {}
#endif

}  // namespace fb::cli
