// The seed class's assessment as `peixun demo` loads it (issue 12, item 6), on
// SQLite and PostgreSQL (demo_assessment.h, demo_feedback.h):
//   - a 40-question bank of all five kinds, each tagged with its topic and lecture;
//   - the day-1 随堂测验 (19 questions of day 1's two lectures): every one of the 146
//     trainees has a submitted, fully graded attempt; kQuizBelowPass (7) below 60; released;
//   - the 结业考试 on the last day: all 40 questions, nobody has taken it, and it is
//     the class's exam for completion, so no quiz score fails or endangers anyone
//     (the at-risk list is day 1's attendance only);
//   - kPapers (123) reflection papers, the near-copy pair the only one at or above the
//     similarity threshold and the most similar pair at any threshold;
//   - each day-1 lecture's questionnaire answered by far more than the anonymity
//     threshold, visible, with comments; no later lecture evaluated.
#include <algorithm>
#include <iostream>
#include <set>

#include "app/assessment_source.h"
#include "app_fixture.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/completion/completion_service.h"
#include "modules/demo/demo_scenario.h"
#include "modules/evaluation/evaluation_service.h"
#include "modules/reflection/reflection_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::test {
namespace {

constexpr int kTrainees = 146;
constexpr int kQuizBelowPass = 7;
constexpr int kPapers = 123;

class DemoAssessmentTest : public AppTest {};

TEST_F(DemoAssessmentTest, TheSeedClassHasItsBankQuizPapersAndEvaluations) {
  auto scenario = demo::LoadDemoScenario(app().store(), key_);
  ASSERT_TRUE(scenario.ok()) << scenario.error().message_en;
  const int64_t class_id = scenario->seed_class.class_id;
  const Principal& head = scenario->logins.head_teacher;
  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";

  // ---- the bank
  assessment::QuestionBankService bank(app().store());
  auto banks = bank.ListBanks(admin);
  ASSERT_TRUE(banks.ok());
  ASSERT_EQ(banks->size(), 1u);
  auto questions = bank.List(admin, banks->front().id);
  ASSERT_TRUE(questions.ok());
  EXPECT_EQ(questions->size(), 40u);
  std::set<core::QuestionKind> kinds;
  int points = 0;
  for (const auto& q : *questions) {
    kinds.insert(q.kind);
    points += q.points;
    EXPECT_EQ(q.tags.size(), 2u) << q.stem;  // topic and lecture
  }
  EXPECT_EQ(kinds.size(), 5u);
  EXPECT_EQ(points, 100);
  auto lecture_tagged = bank.List(admin, banks->front().id, "《基础党务工作者管理沟通艺术》");
  ASSERT_TRUE(lecture_tagged.ok());
  EXPECT_EQ(lecture_tagged->size(), 10u);

  // ---- the quiz: every trainee graded, a few below the pass mark, released
  assessment::ExamService exams(app().store());
  auto quiz = exams.Get(head, scenario->assessment.quiz_exam_id);
  ASSERT_TRUE(quiz.ok()) << quiz.error().code;
  EXPECT_EQ(quiz->paper.size(), 19u);
  EXPECT_TRUE(quiz->released_ms.has_value());
  EXPECT_LT(quiz->session_end_ms, NowMillis());
  auto results = exams.Results(head, quiz->id);
  ASSERT_TRUE(results.ok()) << results.error().code;
  ASSERT_EQ(results->people.size(), static_cast<size_t>(kTrainees));
  int below = 0, top = 0;
  for (const auto& p : results->people) {
    ASSERT_TRUE(p.attempt_id.has_value()) << p.person_id;
    ASSERT_TRUE(p.score_centi.has_value()) << p.person_id;
    EXPECT_FALSE(p.pending) << p.person_id;
    if (p.passed == false) ++below;
    if (*p.score_centi * 100 >= results->total_centi * 90) ++top;
  }
  EXPECT_EQ(below, kQuizBelowPass);
  EXPECT_EQ(scenario->assessment.quiz_below_pass, kQuizBelowPass);
  EXPECT_GT(top, 0);  // a spread: some at 90% or more
  std::cerr << "quiz below " << below << " top " << top << " alpha "
            << results->test.cronbach_alpha.value_or(-1) << "\n";

  // ---- the closing exam: set up, untaken, and the one completion reads
  auto closing = exams.Get(head, scenario->assessment.closing_exam_id);
  ASSERT_TRUE(closing.ok());
  EXPECT_EQ(closing->paper.size(), 40u);
  EXPECT_GT(closing->session_start_ms, NowMillis());
  auto closing_results = exams.Results(head, closing->id);
  ASSERT_TRUE(closing_results.ok());
  for (const auto& p : closing_results->people) EXPECT_FALSE(p.attempt_id.has_value());
  completion::CompletionService completion(app().store());
  completion.SetAssessmentSource(app::MakeAssessmentSource());
  auto status = completion.Status(head, class_id);
  ASSERT_TRUE(status.ok()) << status.error().code;
  ASSERT_EQ(status->trainees.size(), static_cast<size_t>(kTrainees));
  // The head teacher's at-risk list is day 1's attendance story, as before the quiz:
  // the two absent ineligible, the rest at risk for leave only.
  int ineligible = 0, at_risk = 0;
  for (const auto& t : status->trainees) {
    if (t.verdict.state == core::CompletionVerdict::State::kIneligible) ++ineligible;
    if (t.verdict.state == core::CompletionVerdict::State::kAtRisk) ++at_risk;
    for (const auto& r : t.verdict.reasons) {
      EXPECT_TRUE(r.code.rfind("completion.leave_share", 0) == 0 ||
                  r.code.rfind("completion.absences", 0) == 0)
          << t.name << " " << r.code;
    }
  }
  EXPECT_EQ(ineligible, 2);
  EXPECT_GT(at_risk, 0);
  std::cerr << "completion ineligible " << ineligible << " at risk " << at_risk << "\n";

  // ---- reflection papers: most trainees, the near-copy pair on top
  reflection::ReflectionService papers(app().store());
  auto list = papers.List(head, class_id);
  ASSERT_TRUE(list.ok()) << list.error().code;
  ASSERT_TRUE(list->requirement.has_value());
  EXPECT_EQ(static_cast<int>(list->papers.size()), kPapers);
  EXPECT_EQ(static_cast<int>(list->papers.size() + list->missing.size()), kTrainees);
  EXPECT_EQ(scenario->feedback.papers, kPapers);
  for (const auto& p : list->papers) EXPECT_FALSE(p.late) << p.person_name;
  const std::set<int64_t> copy_pair = {scenario->feedback.copied_from,
                                       scenario->feedback.copied_by};
  auto flagged = papers.Similar(head, class_id);
  ASSERT_TRUE(flagged.ok()) << flagged.error().code;
  ASSERT_EQ(flagged->size(), 1u);
  EXPECT_EQ((std::set<int64_t>{flagged->front().a.person_id, flagged->front().b.person_id}),
            copy_pair);
  EXPECT_GE(flagged->front().jaccard, 0.6);
  EXPECT_FALSE(flagged->front().shared.empty());
  auto all_pairs = papers.Similar(head, class_id, 0.05);
  ASSERT_TRUE(all_pairs.ok());
  ASSERT_GE(all_pairs->size(), 2u);
  EXPECT_EQ((std::set<int64_t>{all_pairs->front().a.person_id, all_pairs->front().b.person_id}),
            copy_pair);
  EXPECT_LT((*all_pairs)[1].jaccard, 0.4);  // the next pair is far below
  std::cerr << "papers " << list->papers.size() << " next " << (*all_pairs)[1].jaccard << " top "
            << all_pairs->front().jaccard << "\n";

  // ---- evaluations: each day-1 lecture answered and visible; later ones not opened
  evaluation::EvaluationService evaluations(app().store());
  auto class_results = evaluations.ResultsOfClass(head, class_id);
  ASSERT_TRUE(class_results.ok()) << class_results.error().code;
  ASSERT_EQ(class_results->questionnaires.size(), 2u);
  auto sessions = store::ReadValue<std::vector<timetable::ClassSession>>(
      app().store(),
      [&](store::Tx& tx) { return timetable::SessionService::ListForClassIn(tx, class_id); });
  ASSERT_TRUE(sessions.ok());
  std::set<int64_t> lectures_done, evaluated;
  for (const auto& s : *sessions) {
    if (s.kind == timetable::SessionKind::kLecture && s.end_ms < NowMillis()) {
      lectures_done.insert(s.id);
    }
  }
  EXPECT_EQ(lectures_done.size(), 2u);
  for (size_t i = 0; i < class_results->questionnaires.size(); ++i) {
    const auto& q = class_results->questionnaires[i];
    ASSERT_TRUE(q.questionnaire.session_id.has_value());
    evaluated.insert(*q.questionnaire.session_id);
    EXPECT_GE(q.result.responses, 5);
    EXPECT_EQ(q.result.responses, scenario->feedback.evaluations[i]);
    EXPECT_TRUE(q.result.visible);
    EXPECT_FALSE(q.result.comments.empty());
    // A spread: some 3s (or lower) besides the 4s and 5s.
    EXPECT_GT(q.result.overall.counts[2] + q.result.overall.counts[1], 0);
    EXPECT_GT(q.result.overall.counts[4], 0);
    std::cerr << "evaluation " << q.questionnaire.title << " " << q.result.responses << " mean "
              << q.result.overall.Mean().value_or(0) << " comments " << q.result.comments.size()
              << "\n";
  }
  EXPECT_EQ(evaluated, lectures_done);
}

}  // namespace
}  // namespace peixun::test
