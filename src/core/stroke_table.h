// Internal to src/core: the stroke data behind 姓氏笔画 order (name_collation.h
// is the interface). The definitions are generated at build time by
// src/core/gen/stroke_table_gen.cc into ${PEIXUN_GENERATED_DIR}/core/stroke_table_data.cc
// from two Debian files (see src/core/CMakeLists.txt):
//   - Unihan kTotalStrokes (package unicode-data), first value = the count for
//     the simplified (G-source) form;
//   - the stroke5 sequences of rime-stroke (package rime-data-stroke), preferring
//     the entries it keeps for the mainland standard glyphs (GB13000.1 笔顺规范).
// A change to this layout must change the generator with it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace peixun::core::stroke_table {

// The code points with data, as runs of consecutive code points; entry
// `index + (c - first)` describes code point c of a run. The last run is a
// sentinel {0x110000, kEntryCount}, so run r ends where run r + 1 begins its
// entries.
struct Run {
  char32_t first;
  uint32_t index;
};

extern const Run kRuns[];
extern const uint32_t kRunCount;  // including the sentinel
extern const uint32_t kEntryCount;

// Per entry: total strokes (0 = unknown) and the number of strokes in its
// sequence (0 = no sequence known).
extern const uint8_t kTotalStrokes[];
extern const uint8_t kSequenceLengths[];

// Stroke kinds in writing order, two per byte: 'a' + (first - 1) * 6 + second,
// with kinds 1 横 2 竖 3 撇 4 点 5 折 and second = 0 when the sequence ends on
// the first. Entry e's bytes start at kBlockOffsets[e / kBlockSize] plus the
// bytes of the entries before it in its block.
inline constexpr uint32_t kBlockSize = 32;
extern const uint32_t kBlockOffsets[];
extern const char kSequencePool[];

}  // namespace peixun::core::stroke_table
