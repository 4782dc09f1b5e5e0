// Use cases of course evaluation (教学评估). Each public call is one transaction,
// access checks included.
//
// Who:
//   - admin, organizer and the class's head teachers open and close
//     questionnaires, list them, see who has not answered (names only) and read
//     the results of the class (per questionnaire and per lecturer);
//   - a trainee lists the questionnaires of a class they are an approved trainee
//     of (with whether they answered) and answers each open one once;
//   - a lecturer reads the results of their own lectures (a questionnaire whose
//     lecturer is linked to their login), across classes, and only once the class
//     has ended (status finished or archived): 403 evaluation.results.not_yet before;
//   - everyone else: 403 evaluation.forbidden. Unknown class 404 classes.not_found,
//     unknown questionnaire 404 evaluation.not_found.
//
// Anonymity (issue 12 #4): an answer is stored with no link to its author
// (answer_pool.h); the has-answered mark (evaluation_responders) only stops a
// second answer (409 evaluation.answer.already). Submitting is deliberately not
// audited: an audit entry names its actor and time. Results: a slice (a
// questionnaire, a lecturer's merged questionnaires) made of fewer answers than
// the threshold (core/anonymity_threshold.h; EvaluationOptions) shows its count
// only, to every role through every call; merged slices merge visible slices only.
//
// Rules: a questionnaire is for a session of kind lecture of the class (422
// evaluation.session.kind / evaluation.session.class), taking the session's
// lecturer as it is when opened, or for the class as a whole; one each (409
// evaluation.exists). Answers: every item 1..5 (422 evaluation.answer.score, field
// the item's key), a comment of at most kMaxCommentChars (422
// evaluation.answer.comment); a closed questionnaire takes none (409
// evaluation.closed); an archived class changes no more (409 classes.archived).
// Opening and closing are audited (evaluation.open / evaluation.close).
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/evaluation/questionnaire.h"
#include "store/store.h"

namespace peixun::evaluation {

// The installation-wide setting (modules/settings) that holds the anonymity
// threshold as decimal text. Installation-wide on purpose, not per class: the
// head teacher whose class is evaluated does not get to lower it.
inline constexpr char kAnonymityThresholdSetting[] = "evaluation.anonymity_threshold";

struct EvaluationOptions {
  // The anonymity threshold; unset: the setting kAnonymityThresholdSetting, else
  // core::kDefaultAnonymityThreshold. Never below core::kMinAnonymityThreshold,
  // whatever is set.
  std::optional<int> anonymity_threshold;
};

// Who has not answered: names only, in 姓氏笔画 order.
struct PendingList {
  int64_t questionnaire_id = 0;
  int64_t expected = 0;
  int64_t responses = 0;
  std::vector<std::string> names;
};

class EvaluationService {
 public:
  explicit EvaluationService(store::Store& store, EvaluationOptions options = {});

  // The threshold in force now (options, else the setting, else the default).
  Result<int> Threshold();

  // `session_id` unset: the class questionnaire.
  Result<Questionnaire> Open(const Principal& who, int64_t class_id,
                             std::optional<int64_t> session_id);
  Result<Questionnaire> Close(const Principal& who, int64_t questionnaire_id);
  Result<std::vector<QuestionnaireStatus>> List(const Principal& who, int64_t class_id);
  // One questionnaire as List shows it (for a trainee, with whether they answered):
  // the phone page a link opens. Same access as List, for the questionnaire's class.
  Result<QuestionnaireStatus> Get(const Principal& who, int64_t questionnaire_id);
  Status Submit(const Principal& who, int64_t questionnaire_id, const AnswerInput& answer);
  Result<PendingList> Pending(const Principal& who, int64_t questionnaire_id);
  Result<QuestionnaireResult> Results(const Principal& who, int64_t questionnaire_id);
  Result<ClassResults> ResultsOfClass(const Principal& who, int64_t class_id);
  // The lecturer's lectures of ended classes (every class for admin and organizer),
  // merged, then one by one in opening order.
  Result<LecturerSlice> ResultsOfLecturer(const Principal& who, int64_t lecturer_id);

 private:
  Result<int> ThresholdIn(store::Tx& tx) const;

  store::Store& store_;
  std::optional<int> configured_;
};

}  // namespace peixun::evaluation
