// core/text_similarity.h against hand-computed shingle sets.
#include "core/text_similarity.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(TextSimilarity, NormalizationDropsSpacesPunctuationAndFoldsWidthAndCase) {
  EXPECT_EQ(NormalizeForShingles("A B,C。D\u3000Ｅ\n"), U"abcde");
  EXPECT_EQ(NormalizeForShingles("学习，是终身的！"), U"学习是终身的");
  EXPECT_EQ(NormalizeForShingles("䶮·买买提"), U"䶮买买提");
}

TEST(TextSimilarity, ShinglesOfFiveCharacters) {
  EXPECT_EQ(ShingleSet("abcd").size(), 0u);  // shorter than 5: none
  EXPECT_EQ(ShingleSet("abcde").size(), 1u);
  EXPECT_EQ(ShingleSet("abcdef").size(), 2u);    // abcde, bcdef
  EXPECT_EQ(ShingleSet("aaaaaaaa").size(), 1u);  // aaaaa four times, one distinct
}

TEST(TextSimilarity, JaccardByHand) {
  // abcdef: {abcde, bcdef}; abcdeg: {abcde, bcdeg}: 1 common of 3.
  EXPECT_DOUBLE_EQ(Jaccard(ShingleSet("abcdef"), ShingleSet("abcdeg")), 1.0 / 3.0);
  // 学习是终身的: {学习是终身, 习是终身的}; 学习是终身的事 adds 是终身的事: 2 of 3.
  EXPECT_DOUBLE_EQ(Jaccard(ShingleSet("学习是终身的"), ShingleSet("学习是终身的事")), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(Jaccard(ShingleSet("学习，是终身的。"), ShingleSet("学习是 终身的")), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard(ShingleSet("abcdef"), ShingleSet("uvwxyz")), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

TEST(TextSimilarity, SharedPassagesAreTheCoveredRuns) {
  // a → "12345zabcde"; b → "abcde6789012345": 12345 (0..4) and abcde (6..10)
  // are shared, the z between them is not.
  auto p = SharedPassages("12345 z abcde", "abcde 67890 12345");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].start, 0u);
  EXPECT_EQ(p[0].length, 5u);
  EXPECT_EQ(p[0].text, "12345");
  EXPECT_EQ(p[1].start, 6u);
  EXPECT_EQ(p[1].length, 5u);
  EXPECT_EQ(p[1].text, "abcde");
  // Overlapping shingles merge into one run: 12345abcde is covered end to end.
  auto merged = SharedPassages("12345abcdexyz", "abcde6789012345");
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].text, "12345abcde");
  EXPECT_TRUE(SharedPassages("abcdef", "uvwxyz").empty());
}

TEST(TextSimilarity, PairsAboveThresholdMostSimilarFirst) {
  std::vector<SimilarityDocument> docs = {
      {3, "abcdeg"}, {1, "abcdef"}, {2, "zzzzzzzz"}, {4, "abcdef"}};
  auto pairs = SimilarPairs(docs, 0.3);
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0].a_id, 1);  // 1 and 4 are the same text
  EXPECT_EQ(pairs[0].b_id, 4);
  EXPECT_DOUBLE_EQ(pairs[0].jaccard, 1.0);
  EXPECT_EQ(pairs[1].a_id, 1);  // 1/3 each, by a_id then b_id
  EXPECT_EQ(pairs[1].b_id, 3);
  EXPECT_EQ(pairs[2].a_id, 3);
  EXPECT_EQ(pairs[2].b_id, 4);
  EXPECT_DOUBLE_EQ(pairs[2].jaccard, 1.0 / 3.0);
  EXPECT_EQ(SimilarPairs(docs, 0.5).size(), 1u);
}

}  // namespace
}  // namespace peixun::core
