#include "modules/assessment/question_bank_service.h"

#include <algorithm>
#include <set>

#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"

namespace peixun::assessment {
namespace {

using json = nlohmann::json;

constexpr int kMaxPoints = 100;
constexpr size_t kMaxStemBytes = 8000;
constexpr size_t kMaxTagBytes = 200;

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "assessment.forbidden", "无权操作题库",
                   "not allowed to use the question bank");
}

constexpr char kQuestionColumns[] =
    "id, bank_id, kind, stem, options_json, correct_json, credit, accepted_json, rubric, "
    "explanation, points, archived, created_at, updated_at";

Result<std::vector<std::string>> TagsIn(store::Tx& tx, int64_t question_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT tag FROM question_tags WHERE question_id = ? ORDER BY tag",
                                 {store::Int(question_id)}));
  std::vector<std::string> tags;
  for (const auto& r : rows) tags.push_back(r.Str(0));
  return tags;
}

Question FromRow(const store::Row& r) {
  Question q;
  q.id = r.Int(0);
  q.bank_id = r.Int(1);
  q.kind = core::ParseQuestionKind(r.Str(2)).value_or(core::QuestionKind::kSingleChoice);
  q.stem = r.Str(3);
  q.options = json::parse(r.Str(4)).get<std::vector<std::string>>();
  q.correct = json::parse(r.Str(5)).get<std::vector<int>>();
  q.credit = core::ParseMultipleCredit(r.Str(6)).value_or(core::MultipleCredit::kAllOrNothing);
  q.accepted = json::parse(r.Str(7)).get<std::vector<std::string>>();
  q.rubric = r.Str(8);
  q.explanation = r.Str(9);
  q.points = static_cast<int>(r.Int(10));
  q.archived = r.Int(11) != 0;
  q.created_at = r.Int(12);
  q.updated_at = r.Int(13);
  return q;
}

Status ReplaceTagsIn(store::Tx& tx, const Question& q) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM question_tags WHERE question_id = ?", {store::Int(q.id)}));
  for (const std::string& tag : q.tags) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO question_tags (question_id, tag) VALUES (?, ?)",
                                   {store::Int(q.id), store::Text(tag)}));
  }
  return Ok();
}

}  // namespace

bool ManagesBanks(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer;
}

Status CheckBankRead(const Principal& who) {
  if (ManagesBanks(who) || who.role == Role::kHeadTeacher) return Ok();
  return Forbidden();
}

QuestionBankService::QuestionBankService(store::Store& store, std::function<int64_t()> now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : std::function<int64_t()>(NowMillis)) {}

std::string QuestionBankService::StemKey(const std::string& stem) {
  return core::NormalizeFillIn(stem);
}

Result<Question> QuestionBankService::BuildQuestion(int64_t bank_id, const QuestionInput& in) {
  Question q;
  q.bank_id = bank_id;
  const auto kind = core::ParseQuestionKind(core::NormalizeField(in.kind));
  if (!kind) {
    return Invalid("assessment.question.kind", "题型应为单选题、多选题、判断题、填空题或简答题",
                   "kind must be single, multiple, true_false, fill_in or short_answer", "kind");
  }
  q.kind = *kind;
  q.stem = core::NormalizeField(in.stem);
  if (q.stem.empty() || q.stem.size() > kMaxStemBytes) {
    return Invalid("assessment.question.stem", "题干不能为空，且不超过 8000 字节",
                   "the stem is required and at most 8000 bytes", "stem");
  }
  if (in.points < 1 || in.points > kMaxPoints) {
    return Invalid("assessment.question.points", "分值应为 1 至 100 的整数",
                   "points must be a whole number from 1 to 100", "points");
  }
  q.points = in.points;
  if (q.kind == core::QuestionKind::kTrueFalse) {
    q.options = {"错", "对"};
  } else if (q.kind == core::QuestionKind::kSingleChoice ||
             q.kind == core::QuestionKind::kMultipleChoice) {
    for (const std::string& o : in.options) q.options.push_back(core::NormalizeField(o));
    if (std::any_of(q.options.begin(), q.options.end(),
                    [](const std::string& o) { return o.empty(); })) {
      return Invalid("assessment.question.options", "选项不能为空", "an option is empty",
                     "options");
    }
  }
  if (q.kind == core::QuestionKind::kSingleChoice ||
      q.kind == core::QuestionKind::kMultipleChoice || q.kind == core::QuestionKind::kTrueFalse) {
    q.correct = in.correct;
    std::sort(q.correct.begin(), q.correct.end());
  }
  if (q.kind == core::QuestionKind::kMultipleChoice && !in.credit.empty()) {
    const auto credit = core::ParseMultipleCredit(in.credit);
    if (!credit) {
      return Invalid("assessment.question.credit", "计分方式应为 all_or_nothing 或 partial",
                     "credit must be all_or_nothing or partial", "credit");
    }
    q.credit = *credit;
  }
  if (q.kind == core::QuestionKind::kFillIn) {
    for (const std::string& a : in.accepted) {
      std::string v = core::NormalizeField(a);
      if (!v.empty()) q.accepted.push_back(v);
    }
  }
  q.rubric = core::NormalizeField(in.rubric);
  q.explanation = core::NormalizeField(in.explanation);
  std::set<std::string> tags;
  for (const std::string& t : in.tags) {
    std::string v = core::NormalizeField(t);
    if (v.size() > kMaxTagBytes) {
      return Invalid("assessment.question.tag", "标签过长（不超过 200 字节）",
                     "a tag is too long (at most 200 bytes)", "tags");
    }
    if (!v.empty()) tags.insert(v);
  }
  q.tags.assign(tags.begin(), tags.end());
  PEIXUN_RETURN_IF_ERROR(core::ValidateAnswerKey(q.Key()));
  return q;
}

Result<QuestionBank> QuestionBankService::GetBankIn(store::Tx& tx, int64_t bank_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, name, organizer_name, created_at FROM question_banks WHERE id = ?",
               {store::Int(bank_id)}));
  if (rows.empty()) {
    return NotFound("assessment.bank.not_found", "题库不存在", "no such question bank", "bank_id");
  }
  return QuestionBank{rows[0].Int(0), rows[0].Str(1), rows[0].Str(2), rows[0].Int(3)};
}

Result<Question> QuestionBankService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kQuestionColumns +
                                                         " FROM questions WHERE id = ?",
                                                     {store::Int(id)}));
  if (rows.empty()) {
    return NotFound("assessment.question.not_found", "题目不存在", "no such question", "id");
  }
  Question q = FromRow(rows[0]);
  PEIXUN_ASSIGN_OR_RETURN(q.tags, TagsIn(tx, q.id));
  return q;
}

Result<std::vector<Question>> QuestionBankService::ListIn(store::Tx& tx, int64_t bank_id,
                                                          const std::optional<std::string>& tag) {
  std::string sql = std::string("SELECT ") + kQuestionColumns +
                    " FROM questions WHERE bank_id = ? AND archived = 0";
  std::vector<store::Value> params = {store::Int(bank_id)};
  if (tag) {
    sql += " AND id IN (SELECT question_id FROM question_tags WHERE tag = ?)";
    params.push_back(store::Text(core::NormalizeField(*tag)));
  }
  sql += " ORDER BY id";
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
  std::vector<Question> out;
  for (const auto& r : rows) {
    Question q = FromRow(r);
    PEIXUN_ASSIGN_OR_RETURN(q.tags, TagsIn(tx, q.id));
    out.push_back(std::move(q));
  }
  return out;
}

Result<std::optional<int64_t>> QuestionBankService::FindDuplicateIn(
    store::Tx& tx, int64_t bank_id, const std::string& stem_key, std::optional<int64_t> except_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id FROM questions WHERE bank_id = ? AND stem_key = ? AND archived = 0 "
               "AND id <> ? ORDER BY id",
               {store::Int(bank_id), store::Text(stem_key), store::Int(except_id.value_or(0))}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Result<Question> QuestionBankService::InsertIn(store::Tx& tx, Question q, int64_t now_ms) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "INSERT INTO questions (bank_id, kind, stem, options_json, correct_json, credit, "
          "accepted_json, rubric, explanation, points, stem_key, archived, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
          {store::Int(q.bank_id), store::Text(core::QuestionKindCode(q.kind)), store::Text(q.stem),
           store::Text(json(q.options).dump()), store::Text(json(q.correct).dump()),
           store::Text(core::MultipleCreditCode(q.credit)), store::Text(json(q.accepted).dump()),
           store::Text(q.rubric), store::Text(q.explanation), store::Int(q.points),
           store::Text(StemKey(q.stem)), store::Int(now_ms), store::Int(now_ms)}));
  q.id = rows[0].Int(0);
  q.created_at = q.updated_at = now_ms;
  PEIXUN_RETURN_IF_ERROR(ReplaceTagsIn(tx, q));
  return q;
}

Result<QuestionBank> QuestionBankService::CreateBank(const Principal& who, const std::string& name,
                                                     const std::string& organizer_name) {
  if (!ManagesBanks(who)) return Forbidden();
  QuestionBank bank{0, core::NormalizeField(name), core::NormalizeField(organizer_name), now_ms_()};
  if (bank.name.empty()) {
    return Invalid("assessment.bank.name", "题库名称不能为空", "the bank needs a name", "name");
  }
  return store::TransactValue<QuestionBank>(store_, [&](store::Tx& tx) -> Result<QuestionBank> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("INSERT INTO question_banks (name, organizer_name, created_by, created_at) "
                 "VALUES (?, ?, ?, ?) RETURNING id",
                 {store::Text(bank.name), store::Text(bank.organizer_name), store::Int(who.user_id),
                  store::Int(bank.created_at)}));
    bank.id = rows[0].Int(0);
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{"assessment.bank.create",
                          "question_bank",
                          bank.id,
                          nullptr,
                          {{"name", bank.name}, {"organizer_name", bank.organizer_name}}}));
    return bank;
  });
}

Result<std::vector<QuestionBank>> QuestionBankService::ListBanks(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckBankRead(who));
  return store::ReadValue<std::vector<QuestionBank>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<QuestionBank>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(
                "SELECT id, name, organizer_name, created_at FROM question_banks ORDER BY id"));
        std::vector<QuestionBank> out;
        for (const auto& r : rows) out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Int(3)});
        return out;
      });
}

Result<Question> QuestionBankService::Create(const Principal& who, int64_t bank_id,
                                             const QuestionInput& input) {
  if (!ManagesBanks(who)) return Forbidden();
  PEIXUN_ASSIGN_OR_RETURN(Question q, BuildQuestion(bank_id, input));
  const int64_t now = now_ms_();
  return store::TransactValue<Question>(store_, [&](store::Tx& tx) -> Result<Question> {
    PEIXUN_RETURN_IF_ERROR(GetBankIn(tx, bank_id));
    PEIXUN_ASSIGN_OR_RETURN(auto dup, FindDuplicateIn(tx, bank_id, StemKey(q.stem), {}));
    if (dup) {
      return Conflict(
          "assessment.question.duplicate",
          "题库中已有相同题干的题目（编号 " + std::to_string(*dup) + "）",
          "the bank already has a question with this stem (id " + std::to_string(*dup) + ")",
          "stem");
    }
    PEIXUN_ASSIGN_OR_RETURN(Question stored, InsertIn(tx, q, now));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"assessment.question.create", "question", stored.id,
                                          nullptr, QuestionToJson(stored, true)}));
    return stored;
  });
}

Result<Question> QuestionBankService::Update(const Principal& who, int64_t id,
                                             const QuestionInput& input) {
  if (!ManagesBanks(who)) return Forbidden();
  const int64_t now = now_ms_();
  return store::TransactValue<Question>(store_, [&](store::Tx& tx) -> Result<Question> {
    PEIXUN_ASSIGN_OR_RETURN(Question before, GetIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(Question q, BuildQuestion(before.bank_id, input));
    PEIXUN_ASSIGN_OR_RETURN(auto dup, FindDuplicateIn(tx, before.bank_id, StemKey(q.stem), id));
    if (dup) {
      return Conflict(
          "assessment.question.duplicate",
          "题库中已有相同题干的题目（编号 " + std::to_string(*dup) + "）",
          "the bank already has a question with this stem (id " + std::to_string(*dup) + ")",
          "stem");
    }
    q.id = id;
    q.created_at = before.created_at;
    q.updated_at = now;
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE questions SET kind = ?, stem = ?, options_json = ?, correct_json = ?, credit = ?, "
        "accepted_json = ?, rubric = ?, explanation = ?, points = ?, stem_key = ?, updated_at = ? "
        "WHERE id = ?",
        {store::Text(core::QuestionKindCode(q.kind)), store::Text(q.stem),
         store::Text(json(q.options).dump()), store::Text(json(q.correct).dump()),
         store::Text(core::MultipleCreditCode(q.credit)), store::Text(json(q.accepted).dump()),
         store::Text(q.rubric), store::Text(q.explanation), store::Int(q.points),
         store::Text(StemKey(q.stem)), store::Int(now), store::Int(id)}));
    PEIXUN_RETURN_IF_ERROR(ReplaceTagsIn(tx, q));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"assessment.question.update", "question", id,
                                          QuestionToJson(before, true), QuestionToJson(q, true)}));
    return q;
  });
}

Result<Question> QuestionBankService::Archive(const Principal& who, int64_t id) {
  if (!ManagesBanks(who)) return Forbidden();
  return store::TransactValue<Question>(store_, [&](store::Tx& tx) -> Result<Question> {
    PEIXUN_ASSIGN_OR_RETURN(Question q, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE questions SET archived = 1, updated_at = ? WHERE id = ?",
                                   {store::Int(now_ms_()), store::Int(id)}));
    q.archived = true;
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(tx, Actor::Of(who),
                                           audit::AuditEntry{"assessment.question.archive",
                                                             "question",
                                                             id,
                                                             {{"archived", false}},
                                                             {{"archived", true}}}));
    return q;
  });
}

Result<Question> QuestionBankService::Get(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckBankRead(who));
  return store::ReadValue<Question>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<Question>> QuestionBankService::List(const Principal& who, int64_t bank_id,
                                                        const std::optional<std::string>& tag) {
  PEIXUN_RETURN_IF_ERROR(CheckBankRead(who));
  return store::ReadValue<std::vector<Question>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Question>> {
        PEIXUN_RETURN_IF_ERROR(GetBankIn(tx, bank_id));
        return ListIn(tx, bank_id, tag);
      });
}

}  // namespace peixun::assessment
