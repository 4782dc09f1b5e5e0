#include "core/item_statistics.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

// Five attempts on four items (maxima 1, 1, 2, 1). Item 1 everyone got right.
//
//        I1 I2 I3 I4 | total
//   A     1  1  2  1 |   5
//   B     1  1  2  0 |   4
//   C     1  0  1  0 |   2
//   D     1  1  0  1 |   3
//   E     1  0  0  0 |   1        mean total 3, Σ(T−3)² = 4+1+1+0+4 = 10
//
// Facility: I1 5/5 = 1; I2 3/5 = 0.6; I3 (5/5)/2 = 0.5; I4 2/5 = 0.4.
// Discrimination r(item, total − item), with Sxx, Srr, Sxr the sums of
// squared / crossed deviations:
//   I1: Sxx = 0 → undefined.
//   I2: x = 1,1,0,1,0 (mean .6): dx = .4,.4,−.6,.4,−.6, Sxx = 1.2
//       rest = 4,3,2,2,1 (mean 2.4): dr = 1.6,.6,−.4,−.4,−1.4, Srr = 5.2
//       Sxr = .64+.24+.24−.16+.84 = 1.8 → r = 1.8/√6.24 = 0.720577
//   I3: x = 2,2,1,0,0 (mean 1): dx = 1,1,0,−1,−1, Sxx = 4
//       rest = 3,2,1,3,1 (mean 2): dr = 1,0,−1,1,−1, Srr = 4
//       Sxr = 1+0+0−1+1 = 1 → r = 1/√16 = 0.25
//   I4: x = 1,0,0,1,0 (mean .4): dx = .6,−.4,−.4,.6,−.4, Sxx = 1.2
//       rest = 4,4,2,2,1 (mean 2.6): dr = 1.4,1.4,−.6,−.6,−1.6, Srr = 7.2
//       Sxr = .84−.56+.24−.36+.64 = .8 → r = .8/√8.64 = 0.272166
// Cronbach's α (population variances): var(I) = 0, .24, .8, .24 (Σ 1.28);
//   var(T) = 10/5 = 2; α = 4/3 · (1 − 1.28/2) = 0.48.
// Sample SD of the total: √(10/4) = 1.581139.
ScoreMatrix HandTable() {
  return ScoreMatrix{{1, 1, 2, 1},
                     {{1, 1, 2, 1}, {1, 1, 2, 0}, {1, 0, 1, 0}, {1, 1, 0, 1}, {1, 0, 0, 0}}};
}

TEST(ItemStatistics, MatchesTheHandComputedTable) {
  const TestStatistic s = ComputeTestStatistics(HandTable(), 0.3);
  ASSERT_EQ(s.items.size(), 4u);
  EXPECT_EQ(s.attempts, 5);
  EXPECT_DOUBLE_EQ(s.mean_total, 3.0);
  ASSERT_TRUE(s.sd_total.has_value());
  EXPECT_NEAR(*s.sd_total, 1.581139, 1e-6);

  EXPECT_NEAR(*s.items[0].facility, 1.0, 1e-12);
  EXPECT_NEAR(*s.items[1].facility, 0.6, 1e-12);
  EXPECT_NEAR(*s.items[2].facility, 0.5, 1e-12);
  EXPECT_NEAR(*s.items[3].facility, 0.4, 1e-12);

  EXPECT_FALSE(s.items[0].discrimination.has_value());  // everyone right: undefined
  EXPECT_NEAR(*s.items[1].discrimination, 0.720577, 1e-6);
  EXPECT_NEAR(*s.items[2].discrimination, 0.25, 1e-12);
  EXPECT_NEAR(*s.items[3].discrimination, 0.272166, 1e-6);

  // Threshold 0.3: I3 and I4 doubtful; I1 undefined is not flagged.
  EXPECT_FALSE(s.items[0].doubtful);
  EXPECT_FALSE(s.items[1].doubtful);
  EXPECT_TRUE(s.items[2].doubtful);
  EXPECT_TRUE(s.items[3].doubtful);

  ASSERT_TRUE(s.cronbach_alpha.has_value());
  EXPECT_NEAR(*s.cronbach_alpha, 0.48, 1e-12);
}

TEST(ItemStatistics, DefaultThresholdFlagsOnlyBelowPointTwo) {
  const TestStatistic s = ComputeTestStatistics(HandTable());
  for (const ItemStatistic& item : s.items) EXPECT_FALSE(item.doubtful);
}

TEST(ItemStatistics, UndefinedWhenNothingVaries) {
  // Everyone scored the same total: no correlation, no α.
  const ScoreMatrix same{{1, 1}, {{1, 0}, {1, 0}, {1, 0}}};
  const TestStatistic s = ComputeTestStatistics(same);
  EXPECT_FALSE(s.cronbach_alpha.has_value());
  EXPECT_FALSE(s.items[0].discrimination.has_value());
  EXPECT_FALSE(s.items[1].discrimination.has_value());
  EXPECT_DOUBLE_EQ(*s.items[1].facility, 0.0);

  const TestStatistic one = ComputeTestStatistics(ScoreMatrix{{1, 1}, {{1, 0}}});
  EXPECT_FALSE(one.sd_total.has_value());
  EXPECT_FALSE(one.items[0].discrimination.has_value());

  const TestStatistic none = ComputeTestStatistics(ScoreMatrix{{1}, {}});
  EXPECT_EQ(none.attempts, 0);
  EXPECT_FALSE(none.items[0].facility.has_value());
}

TEST(ItemStatistics, NegativeDiscriminationIsDoubtful) {
  // The item is right exactly for the weakest: rest = 3,2,0 vs item 0,0,1.
  //   x = 0,0,1 (mean 1/3), rest = 3,2,0 (mean 5/3):
  //   Sxr = (−1/3)(4/3) + (−1/3)(1/3) + (2/3)(−5/3) = −4/9 − 1/9 − 10/9 = −15/9
  //   Sxx = 1/9+1/9+4/9 = 6/9; Srr = 16/9+1/9+25/9 = 42/9
  //   r = −15/√(6·42) = −15/√252 = −0.944911
  const ScoreMatrix m{{1, 3}, {{0, 3}, {0, 2}, {1, 0}}};
  const TestStatistic s = ComputeTestStatistics(m);
  EXPECT_NEAR(*s.items[0].discrimination, -0.944911, 1e-6);
  EXPECT_TRUE(s.items[0].doubtful);
}

TEST(ItemStatistics, OptionDistributionCountsChoicesAndBlanks) {
  const OptionDistribution d = CountOptions(4, {{0}, {2}, {2}, {}, {0, 2}, {7}});
  EXPECT_EQ(d.counts, (std::vector<int>{2, 0, 3, 0}));
  EXPECT_EQ(d.blank, 1);
}

}  // namespace
}  // namespace peixun::core
