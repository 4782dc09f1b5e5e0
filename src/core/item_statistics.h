// Item analysis of an exam, as Moodle's quiz statistics report computes it
// (mod/quiz/report/statistics, question/classes/statistics):
//   facility       = mean item score ÷ item maximum                      (0..1)
//   discrimination = Pearson correlation of the item score with the rest
//                    of the test (the attempt's total minus this item)  (−1..1)
//   Cronbach's α   = k/(k−1) · (1 − Σ var(item) ÷ var(total))   (Moodle's "CIC")
// A correlation is undefined when either variance is zero (an item everyone
// got right, or fewer than two attempts); α is undefined with fewer than two
// items or a total that does not vary. Undefined is nullopt, never 0 or NaN.
// Pure and thread-safe.
#pragma once

#include <optional>
#include <vector>

namespace peixun::core {

// Items with a discrimination below this are flagged doubtful (a wrong key, an
// ambiguous wording): the classic 0.2 cut of classical test theory. Per exam
// configurable; an undefined discrimination never flags.
inline constexpr double kDefaultDoubtfulDiscrimination = 0.2;

// rows[a][i] is attempt a's score on item i (0..max_scores[i]); every row
// has max_scores.size() entries.
struct ScoreMatrix {
  std::vector<double> max_scores;
  std::vector<std::vector<double>> rows;
};

struct ItemStatistic {
  double mean = 0;                       // mean score (0 with no attempts)
  std::optional<double> facility;        // nullopt: no attempts or max 0
  std::optional<double> discrimination;  // nullopt: undefined (see above)
  bool doubtful = false;                 // discrimination defined and < threshold
};

struct TestStatistic {
  int attempts = 0;
  double mean_total = 0;
  std::optional<double> sd_total;  // sample standard deviation; nullopt below 2 attempts
  std::optional<double> cronbach_alpha;
  std::vector<ItemStatistic> items;  // in the matrix's item order
};

TestStatistic ComputeTestStatistics(const ScoreMatrix& matrix,
                                    double doubtful_below = kDefaultDoubtfulDiscrimination);

// How often each option was chosen: counts[o] for o in 0..option_count-1 (an
// out-of-range option is ignored), plus the number of blank answers.
struct OptionDistribution {
  std::vector<int> counts;
  int blank = 0;
};
OptionDistribution CountOptions(int option_count, const std::vector<std::vector<int>>& selections);

}  // namespace peixun::core
