#include "core/item_statistics.h"

#include <cmath>
#include <cstddef>

namespace peixun::core {
namespace {

// Variances below this count as zero: scores are hundredths of a point, so a
// real spread is many orders of magnitude larger than rounding noise.
constexpr double kZeroVariance = 1e-12;

double Mean(const std::vector<double>& xs) {
  if (xs.empty()) return 0;
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

// Sum of squared deviations (n × population variance).
double SumSquares(const std::vector<double>& xs, double mean) {
  double sum = 0;
  for (double x : xs) sum += (x - mean) * (x - mean);
  return sum;
}

std::optional<double> Correlation(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() < 2) return std::nullopt;
  const double mx = Mean(xs);
  const double my = Mean(ys);
  const double sxx = SumSquares(xs, mx);
  const double syy = SumSquares(ys, my);
  if (sxx <= kZeroVariance || syy <= kZeroVariance) return std::nullopt;
  double sxy = 0;
  for (size_t i = 0; i < xs.size(); ++i) sxy += (xs[i] - mx) * (ys[i] - my);
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TestStatistic ComputeTestStatistics(const ScoreMatrix& matrix, double doubtful_below) {
  TestStatistic out;
  const size_t k = matrix.max_scores.size();
  const size_t n = matrix.rows.size();
  out.attempts = static_cast<int>(n);

  std::vector<double> totals(n, 0);
  std::vector<std::vector<double>> columns(k, std::vector<double>(n, 0));
  for (size_t a = 0; a < n; ++a) {
    for (size_t i = 0; i < k && i < matrix.rows[a].size(); ++i) {
      columns[i][a] = matrix.rows[a][i];
      totals[a] += matrix.rows[a][i];
    }
  }
  out.mean_total = Mean(totals);
  const double total_ss = SumSquares(totals, out.mean_total);
  if (n >= 2) out.sd_total = std::sqrt(total_ss / static_cast<double>(n - 1));

  double item_ss_sum = 0;
  for (size_t i = 0; i < k; ++i) {
    ItemStatistic item;
    item.mean = Mean(columns[i]);
    if (n > 0 && matrix.max_scores[i] > 0) item.facility = item.mean / matrix.max_scores[i];
    item_ss_sum += SumSquares(columns[i], item.mean);
    std::vector<double> rest(n);
    for (size_t a = 0; a < n; ++a) rest[a] = totals[a] - columns[i][a];
    item.discrimination = Correlation(columns[i], rest);
    item.doubtful = item.discrimination.has_value() && *item.discrimination < doubtful_below;
    out.items.push_back(item);
  }
  // Both variances over the same n, so the divisor cancels.
  if (k >= 2 && n >= 2 && total_ss > kZeroVariance) {
    const double kd = static_cast<double>(k);
    out.cronbach_alpha = kd / (kd - 1) * (1 - item_ss_sum / total_ss);
  }
  return out;
}

OptionDistribution CountOptions(int option_count, const std::vector<std::vector<int>>& selections) {
  OptionDistribution out;
  out.counts.assign(option_count > 0 ? option_count : 0, 0);
  for (const std::vector<int>& chosen : selections) {
    if (chosen.empty()) {
      ++out.blank;
      continue;
    }
    for (int option : chosen) {
      if (option >= 0 && option < option_count) ++out.counts[option];
    }
  }
  return out;
}

}  // namespace peixun::core
