#include "core/exam_scoring.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/exam_shuffle.h"

namespace peixun::core {
namespace {

AnswerKey Single(int options, int correct) {
  return AnswerKey{QuestionKind::kSingleChoice, options, {correct}, {}, {}};
}
AnswerKey Multiple(int options, std::vector<int> correct, MultipleCredit credit) {
  return AnswerKey{QuestionKind::kMultipleChoice, options, std::move(correct), credit, {}};
}
Response Chose(std::vector<int> options) { return Response{std::move(options), {}}; }
Response Typed(std::string text) { return Response{{}, std::move(text)}; }

TEST(ExamScoring, SingleChoiceScoresOnlyTheCorrectOption) {
  const AnswerKey key = Single(4, 2);
  EXPECT_EQ(ScoreResponse(key, Chose({2}), 200), 200);
  EXPECT_EQ(ScoreResponse(key, Chose({1}), 200), 0);
  EXPECT_EQ(ScoreResponse(key, Chose({}), 200), 0);
  // Two options on a single-choice question is not an answer that scores.
  EXPECT_EQ(ScoreResponse(key, Chose({2, 1}), 200), 0);
  EXPECT_FALSE(ValidateResponse(key, Chose({2, 1})));
}

TEST(ExamScoring, MultipleAllOrNothing) {
  const AnswerKey key = Multiple(5, {0, 2, 3}, MultipleCredit::kAllOrNothing);
  EXPECT_EQ(ScoreResponse(key, Chose({3, 0, 2}), 300), 300);  // order does not matter
  EXPECT_EQ(ScoreResponse(key, Chose({0, 2}), 300), 0);
  EXPECT_EQ(ScoreResponse(key, Chose({0, 2, 3, 4}), 300), 0);
}

TEST(ExamScoring, MultiplePartialCreditRoundsDownAndWrongOptionForfeits) {
  // 2 points = 200 centipoints, 3 correct options:
  //   2 of 3 chosen, none wrong: 200 × 2 / 3 = 133.33 → 133
  //   1 of 3: 200 / 3 = 66.67 → 66
  //   all 3: 200;  2 correct + 1 wrong: 0;  nothing: 0.
  const AnswerKey key = Multiple(5, {0, 2, 3}, MultipleCredit::kPartial);
  EXPECT_EQ(ScoreResponse(key, Chose({0, 3}), 200), 133);
  EXPECT_EQ(ScoreResponse(key, Chose({2}), 200), 66);
  EXPECT_EQ(ScoreResponse(key, Chose({0, 2, 3}), 200), 200);
  EXPECT_EQ(ScoreResponse(key, Chose({0, 2, 1}), 200), 0);
  EXPECT_EQ(ScoreResponse(key, Chose({}), 200), 0);
}

TEST(ExamScoring, TrueFalse) {
  const AnswerKey key{QuestionKind::kTrueFalse, 2, {kFalseOption}, {}, {}};
  EXPECT_TRUE(ValidateAnswerKey(key));
  EXPECT_EQ(ScoreResponse(key, Chose({kFalseOption}), 100), 100);
  EXPECT_EQ(ScoreResponse(key, Chose({kTrueOption}), 100), 0);
}

TEST(ExamScoring, FillInNormalizesWidthSpacesAndCase) {
  const AnswerKey key{QuestionKind::kFillIn, 0, {}, {}, {"三会一课", "CPU"}};
  EXPECT_EQ(ScoreResponse(key, Typed("三会一课"), 100), 100);
  EXPECT_EQ(ScoreResponse(key, Typed(" 三会 一课　"), 100), 100);  // ASCII and U+3000 spaces
  EXPECT_EQ(ScoreResponse(key, Typed("ｃｐｕ"), 100), 100);        // full-width, lower case
  EXPECT_EQ(ScoreResponse(key, Typed("c p U"), 100), 100);
  EXPECT_EQ(ScoreResponse(key, Typed("三会两课"), 100), 0);
  EXPECT_EQ(ScoreResponse(key, Typed(""), 100), 0);
  EXPECT_EQ(NormalizeFillIn("ＡＢ　１ c"), "ab1c");
}

TEST(ExamScoring, ShortAnswerIsGradedByHand) {
  const AnswerKey key{QuestionKind::kShortAnswer, 0, {}, {}, {}};
  EXPECT_TRUE(ValidateAnswerKey(key));
  EXPECT_EQ(ScoreResponse(key, Typed("党建引领基层治理……"), 500), std::nullopt);
  EXPECT_FALSE(ValidateResponse(key, Chose({0})));
}

TEST(ExamScoring, KeysThatCannotScoreAreRefused) {
  auto code = [](const AnswerKey& key) {
    Status s = ValidateAnswerKey(key);
    return s ? std::string() : s.error().code;
  };
  EXPECT_EQ(code(Multiple(4, {}, MultipleCredit::kPartial)), "assessment.question.no_correct");
  EXPECT_EQ(code(Single(4, 4)), "assessment.question.correct_range");
  EXPECT_EQ(code(Multiple(4, {1, 1}, MultipleCredit::kPartial)),
            "assessment.question.correct_range");
  EXPECT_EQ(code(AnswerKey{QuestionKind::kSingleChoice, 4, {0, 1}, {}, {}}),
            "assessment.question.single_multiple");
  EXPECT_EQ(code(Single(1, 0)), "assessment.question.options");
  EXPECT_EQ(code(Single(11, 0)), "assessment.question.options");
  EXPECT_EQ(code(AnswerKey{QuestionKind::kTrueFalse, 3, {0}, {}, {}}),
            "assessment.question.options");
  EXPECT_EQ(code(AnswerKey{QuestionKind::kFillIn, 0, {}, {}, {" ", ""}}),
            "assessment.question.no_accepted");
  EXPECT_EQ(ValidateAnswerKey(Multiple(4, {}, MultipleCredit::kPartial)).error().field, "correct");
}

TEST(ExamScoring, KindsParseFromCodesAndLabels) {
  EXPECT_EQ(ParseQuestionKind("多选题"), QuestionKind::kMultipleChoice);
  EXPECT_EQ(ParseQuestionKind("判断"), QuestionKind::kTrueFalse);
  EXPECT_EQ(ParseQuestionKind("fill_in"), QuestionKind::kFillIn);
  EXPECT_EQ(ParseQuestionKind("essay"), std::nullopt);
}

TEST(ExamShuffle, SameSeedSameOrderAndEveryIndexOnce) {
  const std::vector<int> a = SeededPermutation(42, 40);
  EXPECT_EQ(a, SeededPermutation(42, 40));
  std::vector<int> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 40; ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_NE(a, SeededPermutation(43, 40));
  std::vector<int> identity(40);
  for (int i = 0; i < 40; ++i) identity[i] = i;
  EXPECT_NE(a, identity);
  EXPECT_NE(DeriveSeed(42, 1), DeriveSeed(42, 2));
  EXPECT_TRUE(SeededPermutation(7, 0).empty());
}

}  // namespace
}  // namespace peixun::core
