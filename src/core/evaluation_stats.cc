#include "core/evaluation_stats.h"

namespace peixun::core {

bool IsScaleScore(int64_t score) { return score >= kScaleMin && score <= kScaleMax; }

void ScaleTally::Add(int score) {
  if (!IsScaleScore(score)) return;
  ++counts[score - kScaleMin];
}

void ScaleTally::Merge(const ScaleTally& other) {
  for (size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
}

int64_t ScaleTally::Count() const {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

int64_t ScaleTally::Sum() const {
  int64_t s = 0;
  for (size_t i = 0; i < counts.size(); ++i) s += counts[i] * static_cast<int64_t>(i + kScaleMin);
  return s;
}

std::optional<double> ScaleTally::Mean() const {
  int64_t n = Count();
  if (n == 0) return std::nullopt;
  return static_cast<double>(Sum()) / static_cast<double>(n);
}

std::optional<double> ScaleTally::Satisfaction() const {
  int64_t n = Count();
  if (n == 0) return std::nullopt;
  int64_t satisfied = 0;
  for (int s = kSatisfiedFrom; s <= kScaleMax; ++s) satisfied += counts[s - kScaleMin];
  return static_cast<double>(satisfied) / static_cast<double>(n);
}

ScaleTally TallyOf(const std::vector<int>& scores) {
  ScaleTally t;
  for (int s : scores) t.Add(s);
  return t;
}

}  // namespace peixun::core
