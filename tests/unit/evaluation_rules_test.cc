// core/anonymity_threshold.h and core/evaluation_stats.h against hand-computed figures.
#include <gtest/gtest.h>

#include "core/anonymity_threshold.h"
#include "core/evaluation_stats.h"

namespace peixun::core {
namespace {

TEST(AnonymityThreshold, DefaultsToFiveAndNeverGoesBelowThree) {
  EXPECT_EQ(EffectiveAnonymityThreshold(std::nullopt), 5);
  EXPECT_EQ(EffectiveAnonymityThreshold(7), 7);
  EXPECT_EQ(EffectiveAnonymityThreshold(3), 3);
  EXPECT_EQ(EffectiveAnonymityThreshold(2), 3);
  EXPECT_EQ(EffectiveAnonymityThreshold(0), 3);
  EXPECT_EQ(EffectiveAnonymityThreshold(-4), 3);
}

TEST(AnonymityThreshold, SliceShownFromTheThresholdOn) {
  EXPECT_FALSE(SliceVisible(4, std::nullopt));
  EXPECT_TRUE(SliceVisible(5, std::nullopt));
  EXPECT_TRUE(SliceVisible(50, std::nullopt));
  EXPECT_FALSE(SliceVisible(0, std::nullopt));
  // A configured 1 is raised to 3: two answers stay hidden.
  EXPECT_FALSE(SliceVisible(2, 1));
  EXPECT_TRUE(SliceVisible(3, 1));
  EXPECT_FALSE(SliceVisible(6, 7));
  EXPECT_FALSE(SliceVisible(-1, 3));
}

TEST(EvaluationStats, MeanDistributionSatisfaction) {
  // 5, 4, 4, 3, 1: sum 17, mean 3.4; 4s and 5s are 3 of 5 = 0.6.
  ScaleTally t = TallyOf({5, 4, 4, 3, 1});
  EXPECT_EQ(t.counts, (std::array<int64_t, 5>{1, 0, 1, 2, 1}));
  EXPECT_EQ(t.Count(), 5);
  EXPECT_EQ(t.Sum(), 17);
  ASSERT_TRUE(t.Mean().has_value());
  EXPECT_DOUBLE_EQ(*t.Mean(), 3.4);
  EXPECT_DOUBLE_EQ(*t.Satisfaction(), 0.6);
}

TEST(EvaluationStats, EmptyHasNoMeanAndOutOfScaleIsIgnored) {
  ScaleTally t = TallyOf({0, 6, -1});
  EXPECT_EQ(t.Count(), 0);
  EXPECT_FALSE(t.Mean().has_value());
  EXPECT_FALSE(t.Satisfaction().has_value());
  EXPECT_TRUE(IsScaleScore(1));
  EXPECT_TRUE(IsScaleScore(5));
  EXPECT_FALSE(IsScaleScore(0));
  EXPECT_FALSE(IsScaleScore(6));
}

TEST(EvaluationStats, MergeAddsTallies) {
  // Lecture A: 5, 5 (mean 5); lecture B: 2, 3, 4 (mean 3). Lecturer: 19 / 5 = 3.8,
  // satisfied 5, 5, 4 = 3 of 5.
  ScaleTally a = TallyOf({5, 5});
  a.Merge(TallyOf({2, 3, 4}));
  EXPECT_EQ(a.Count(), 5);
  EXPECT_DOUBLE_EQ(*a.Mean(), 3.8);
  EXPECT_DOUBLE_EQ(*a.Satisfaction(), 0.6);
}

}  // namespace
}  // namespace peixun::core
