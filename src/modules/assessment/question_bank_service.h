// The question bank: banks per organizer, their questions with tags, and the
// checks every question passes (core::ValidateAnswerKey, a stem, points 1..100,
// no duplicate stem in the bank). Each entry point is one transaction, its
// access check included; the static *In variants run inside a caller's.
//
// Access (DESIGN.md roles):
//   admin, organizer   create and change banks and questions
//   head teacher       read banks and questions (with the key) to build exams
//   others             403 assessment.forbidden
//
// Errors: 404 assessment.bank.not_found / assessment.question.not_found;
// 422 the codes of core::ValidateAnswerKey and assessment.question.stem,
// assessment.question.points, assessment.question.kind, assessment.question.credit,
// assessment.question.tag; 409 assessment.question.duplicate (same normalized stem
// in the bank; field "stem"). Changes are audited (assessment.question.*).
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/assessment/question.h"
#include "store/store.h"

namespace peixun::assessment {

// True when `who` may change banks and questions.
bool ManagesBanks(const Principal& who);
// 403 unless `who` may read banks (managers and head teachers).
Status CheckBankRead(const Principal& who);

class QuestionBankService {
 public:
  explicit QuestionBankService(store::Store& store, std::function<int64_t()> now_ms = NowMillis);

  Result<QuestionBank> CreateBank(const Principal& who, const std::string& name,
                                  const std::string& organizer_name);
  Result<std::vector<QuestionBank>> ListBanks(const Principal& who);

  Result<Question> Create(const Principal& who, int64_t bank_id, const QuestionInput& input);
  Result<Question> Update(const Principal& who, int64_t id, const QuestionInput& input);
  // Archived questions stay for the exams that used them; they are not drawn again.
  Result<Question> Archive(const Principal& who, int64_t id);
  Result<Question> Get(const Principal& who, int64_t id);
  // Questions of the bank, not archived, by id; only those tagged `tag` when set.
  Result<std::vector<Question>> List(const Principal& who, int64_t bank_id,
                                     const std::optional<std::string>& tag = {});

  // Turns `input` into a question of `bank_id` and checks it (no store access
  // other than the duplicate probe, which the caller runs). Used by the import.
  static Result<Question> BuildQuestion(int64_t bank_id, const QuestionInput& input);
  // The comparison form of a stem for duplicates.
  static std::string StemKey(const std::string& stem);

  static Result<QuestionBank> GetBankIn(store::Tx& tx, int64_t bank_id);
  static Result<Question> GetIn(store::Tx& tx, int64_t id);
  static Result<std::vector<Question>> ListIn(store::Tx& tx, int64_t bank_id,
                                              const std::optional<std::string>& tag);
  // The id of a live question of the bank with the same stem key, if any.
  static Result<std::optional<int64_t>> FindDuplicateIn(store::Tx& tx, int64_t bank_id,
                                                        const std::string& stem_key,
                                                        std::optional<int64_t> except_id);
  // Inserts a built question (its tags too); returns it with its id.
  static Result<Question> InsertIn(store::Tx& tx, Question q, int64_t now_ms);

 private:
  store::Store& store_;
  std::function<int64_t()> now_ms_;
};

}  // namespace peixun::assessment
