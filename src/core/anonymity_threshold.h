// The anonymity threshold of course evaluation (教学评估): a slice of results (a
// lecture, a lecturer, a class) is shown only when at least N answers make it
// up, so that no answer can be read back to the few people who gave it.
//
// N is configurable per deployment or class, but never below kMinAnonymityThreshold:
// with one or two answers a trainee's neighbour knows who wrote what. Pure.
#pragma once

#include <optional>

namespace peixun::core {

inline constexpr int kDefaultAnonymityThreshold = 5;
// Below 3 answers a result names its authors; a configured value under this is raised.
inline constexpr int kMinAnonymityThreshold = 3;

// The threshold in force: `configured` (kDefaultAnonymityThreshold when unset),
// raised to kMinAnonymityThreshold when lower.
int EffectiveAnonymityThreshold(std::optional<int> configured);

// True when a slice made of `answers` answers may be shown under `configured`
// (EffectiveAnonymityThreshold decides; answers < 0 counts as 0).
bool SliceVisible(int answers, std::optional<int> configured);

}  // namespace peixun::core
