#include "core/exam_shuffle.h"

#include <utility>

namespace peixun::core {
namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<int> SeededPermutation(uint64_t seed, int n) {
  std::vector<int> order;
  for (int i = 0; i < n; ++i) order.push_back(i);
  uint64_t state = seed;
  for (int i = n - 1; i > 0; --i) {
    // The modulo bias for i ≤ a few hundred is below 2^-50: irrelevant here.
    const int j = static_cast<int>(SplitMix64(state) % static_cast<uint64_t>(i + 1));
    std::swap(order[i], order[j]);
  }
  return order;
}

uint64_t DeriveSeed(uint64_t seed, int64_t part) {
  uint64_t state = seed ^ (static_cast<uint64_t>(part) * 0xD6E8FEB86659FD93ULL);
  return SplitMix64(state);
}

}  // namespace peixun::core
