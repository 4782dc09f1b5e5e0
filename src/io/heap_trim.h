// Giving the memory of a large import back to the operating system.
//
// glibc's malloc keeps freed memory in its arenas for reuse: after an import had
// parsed a large file into many small strings, the server's resident memory stayed
// near its peak (2.2 GB in issue 9) although nothing used it any more. malloc_trim(0)
// hands the free pages of every arena back.
#pragma once

namespace peixun::io {

// Returns freed heap memory to the operating system (glibc malloc_trim). Takes a few
// milliseconds on a large heap; call it after large, rare work (an import), not per
// request. Thread-safe.
void TrimHeap();

// Makes blocks of kLargeBlockBytes or more come from mmap, and so go back to the
// operating system as soon as they are freed (an upload's body, a file being built).
// Without it glibc raises its mmap threshold after the first large block is freed, and
// later uploads of that size stay in the heap after use. Call once at start-up, before
// threads start (the server). Not thread-safe.
inline constexpr int kLargeBlockBytes = 1 << 20;
void ReturnLargeBlocksAtOnce();

// Calls TrimHeap() when it goes out of scope. Declare it first in a function that
// imports a file, so it runs after the table and the report are freed.
class TrimHeapAtExit {
 public:
  TrimHeapAtExit() = default;
  ~TrimHeapAtExit() { TrimHeap(); }
  TrimHeapAtExit(const TrimHeapAtExit&) = delete;
  TrimHeapAtExit& operator=(const TrimHeapAtExit&) = delete;
};

}  // namespace peixun::io
