#include "io/heap_trim.h"

#include <malloc.h>

namespace peixun::io {

void TrimHeap() {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

void ReturnLargeBlocksAtOnce() {
#if defined(__GLIBC__)
  ::mallopt(M_MMAP_THRESHOLD, kLargeBlockBytes);
#endif
}

}  // namespace peixun::io
