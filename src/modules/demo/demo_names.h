// Deterministic Chinese personal names for the demo: common surnames by their
// real frequency, compound surnames, and fixed hard cases.
#pragma once

#include <cstdint>
#include <string>

namespace peixun::demo {

// A small deterministic generator (the standard distributions are not
// guaranteed identical across library versions; this is).
class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

// A plausible name for a person of the given gender.
std::string DemoName(DemoRandom& rng, bool male);

}  // namespace peixun::demo
