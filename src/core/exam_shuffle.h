// The order in which one trainee sees an exam's questions and each question's
// options, from a seed stored with the attempt, so that a review (and a resume
// on another device) shows exactly what the trainee saw. The generator is
// written out here (splitmix64 + Fisher–Yates) rather than taken from <random>,
// whose distributions differ between standard libraries: a stored seed must
// give the same order on every build. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace peixun::core {

// A permutation of 0..n-1: result[p] is the index of the item shown at position p.
std::vector<int> SeededPermutation(uint64_t seed, int n);

// A seed for one part of the attempt (a question's options), derived from the
// attempt's seed and the question's id.
uint64_t DeriveSeed(uint64_t seed, int64_t part);

}  // namespace peixun::core
