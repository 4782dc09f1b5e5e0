#include "modules/evaluation/answer_pool.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

#include <sodium.h>

namespace peixun::evaluation {
namespace {

using store::Int;
using store::Text;

// 128 random bits, base64url: no two answers collide and none says when it came.
constexpr size_t kAnswerKeyBytes = 16;

// A random key of kAnswerKeyBytes as unpadded base64url: the answer's only identity.
std::string RandomAnswerKey() {
  if (sodium_init() < 0) std::abort();
  unsigned char raw[kAnswerKeyBytes];
  randombytes_buf(raw, sizeof raw);
  char text[sodium_base64_ENCODED_LEN(kAnswerKeyBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}
// Rows per INSERT of the rewrite (7 parameters each, far under both databases' limits).
constexpr size_t kRewriteBatch = 200;

struct Row {
  std::string id;
  std::array<int64_t, 4> scores{};
  std::string comment;
};

Result<std::vector<Row>> RowsIn(store::Tx& tx, int64_t questionnaire_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT id, content, relevance, delivery, materials, comment "
                                   "FROM evaluation_answers WHERE questionnaire_id = ? ORDER BY id",
                                   {Int(questionnaire_id)}));
  std::vector<Row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(Row{r.Str(0), {r.Int(1), r.Int(2), r.Int(3), r.Int(4)}, r.Str(5)});
  }
  return out;
}

}  // namespace

Status AddAnswerIn(store::Tx& tx, int64_t questionnaire_id, const AnswerInput& answer) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Row> rows, RowsIn(tx, questionnaire_id));
  Row added{RandomAnswerKey(), {}, answer.comment};
  for (size_t i = 0; i < added.scores.size(); ++i) added.scores[i] = answer.scores[i];
  rows.push_back(std::move(added));
  // Rewritten in key order (random), whatever order the answers came in.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.id < b.id; });

  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM evaluation_answers WHERE questionnaire_id = ?",
                                 {Int(questionnaire_id)}));
  for (size_t start = 0; start < rows.size(); start += kRewriteBatch) {
    const size_t end = std::min(rows.size(), start + kRewriteBatch);
    std::string sql =
        "INSERT INTO evaluation_answers "
        "(id, questionnaire_id, content, relevance, delivery, materials, comment) VALUES ";
    std::vector<store::Value> params;
    params.reserve((end - start) * 7);
    for (size_t i = start; i < end; ++i) {
      sql += i == start ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)";
      params.push_back(Text(rows[i].id));
      params.push_back(Int(questionnaire_id));
      for (int64_t s : rows[i].scores) params.push_back(Int(s));
      params.push_back(Text(rows[i].comment));
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec(sql, params));
  }
  return Ok();
}

Result<SliceResult> ReadAnswersIn(store::Tx& tx, int64_t questionnaire_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Row> rows, RowsIn(tx, questionnaire_id));
  SliceResult out;
  out.responses = static_cast<int64_t>(rows.size());
  for (const auto& item : kItems) out.items.push_back(ItemResult{item.key, {}});
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.scores.size(); ++i) {
      out.items[i].tally.Add(static_cast<int>(r.scores[i]));
      out.overall.Add(static_cast<int>(r.scores[i]));
    }
    if (!r.comment.empty()) out.comments.push_back(r.comment);
  }
  std::sort(out.comments.begin(), out.comments.end());
  return out;
}

}  // namespace peixun::evaluation
