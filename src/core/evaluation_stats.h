// Statistics of 5-point scale answers (教学评估): count, mean, the distribution
// over 1..5 and the satisfaction rate, the share of answers that are 4 or 5.
// Built from single scores or merged from tallies (a lecturer's results are the
// sum of their lectures' tallies). Pure; values, thread-safe as values are.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace peixun::core {

inline constexpr int kScaleMin = 1;
inline constexpr int kScaleMax = 5;
// Scores at or above this count as satisfied (4 满意, 5 非常满意).
inline constexpr int kSatisfiedFrom = 4;

// True for 1..5.
bool IsScaleScore(int64_t score);

struct ScaleTally {
  // counts[i] answers scored i + 1.
  std::array<int64_t, 5> counts{};

  // Adds one score; scores outside 1..5 are ignored (callers validate first).
  void Add(int score);
  void Merge(const ScaleTally& other);
  int64_t Count() const;
  int64_t Sum() const;
  // Sum / Count; nullopt when there are no answers.
  std::optional<double> Mean() const;
  // (counts of 4 + counts of 5) / Count; nullopt when there are no answers.
  std::optional<double> Satisfaction() const;
};

ScaleTally TallyOf(const std::vector<int>& scores);

}  // namespace peixun::core
