#include "modules/assessment/question_import.h"

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text_normalize.h"
#include "core/utf8.h"
#include "io/column_map.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/audit/audit_log.h"

namespace peixun::assessment {
namespace {

constexpr int kOptionColumns = 10;  // 选项A..选项J, as core::kMaxOptions
const char* const kLetters[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};

std::vector<io::ColumnSpec> Specs() {
  std::vector<io::ColumnSpec> specs = {
      {"kind", "题型", {"kind", "type", "题目类型"}, true},
      {"stem", "题干", {"stem", "question", "题目"}, true},
  };
  for (int i = 0; i < kOptionColumns; ++i) {
    const std::string letter = kLetters[i];
    std::string lower = letter;
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    specs.push_back({"option_" + lower, "选项" + letter, {"option_" + lower, letter}, false});
  }
  specs.push_back({"answer", "答案", {"answer", "正确答案", "参考答案"}, true});
  specs.push_back({"points", "分值", {"points", "分数"}, false});
  specs.push_back({"credit", "多选计分", {"credit"}, false});
  specs.push_back({"tags", "标签", {"tags", "知识点"}, false});
  specs.push_back({"explanation", "解析", {"explanation", "答案解析"}, false});
  return specs;
}

std::string OptionField(int i) {
  std::string f = "option_";
  f.push_back(static_cast<char>('a' + i));
  return f;
}

std::vector<std::string> SplitAny(const std::string& text, const std::u32string& separators) {
  std::vector<std::string> out;
  std::u32string current;
  for (char32_t c : core::DecodeUtf8(text)) {
    if (separators.find(c) != std::u32string::npos) {
      out.push_back(core::NormalizeField(core::EncodeUtf8(current)));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  out.push_back(core::NormalizeField(core::EncodeUtf8(current)));
  std::vector<std::string> kept;
  for (auto& s : out) {
    if (!s.empty()) kept.push_back(std::move(s));
  }
  return kept;
}

Error AnswerError(const std::string& zh, const std::string& en) {
  return Invalid("assessment.import.answer", zh, en, "answer");
}

// Fills `in.correct` (or accepted / rubric) from the 答案 cell.
Status ReadAnswer(const std::string& cell, QuestionInput& in, int option_count) {
  const auto kind = core::ParseQuestionKind(core::NormalizeField(in.kind));
  if (!kind) return Ok();  // BuildQuestion names the bad kind
  const std::string answer = core::NormalizeField(cell);
  switch (*kind) {
    case core::QuestionKind::kTrueFalse: {
      static const std::set<std::string> yes = {"对", "正确", "√", "T", "TRUE", "是", "Y"};
      static const std::set<std::string> no = {"错", "错误", "×", "F", "FALSE", "否", "N"};
      std::string upper = answer;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (yes.count(upper)) {
        in.correct = {core::kTrueOption};
      } else if (no.count(upper)) {
        in.correct = {core::kFalseOption};
      } else {
        return AnswerError("判断题答案应为“对”或“错”", "a true/false answer is 对 or 错");
      }
      return Ok();
    }
    case core::QuestionKind::kSingleChoice:
    case core::QuestionKind::kMultipleChoice:
      for (char c : answer) {
        if (c == ',' || c == ' ' || c == ';') continue;
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (upper < 'A' || upper >= 'A' + option_count) {
          return AnswerError("答案应为已填写选项的字母（如 B 或 ACD）",
                             "the answer is the letters of filled options (B, ACD)");
        }
        in.correct.push_back(upper - 'A');
      }
      return Ok();
    case core::QuestionKind::kFillIn:
      in.accepted = SplitAny(answer, U"|｜");
      return Ok();
    case core::QuestionKind::kShortAnswer:
      in.rubric = answer;
      return Ok();
  }
  return Ok();
}

}  // namespace

Result<ImportReport> ImportQuestions(store::Store& store, const Principal& who, int64_t bank_id,
                                     const io::Table& table, const ImportOptions& options,
                                     int64_t now_ms) {
  if (!ManagesBanks(who)) {
    return MakeError(ErrorKind::kForbidden, "assessment.forbidden", "无权操作题库",
                     "not allowed to use the question bank");
  }
  const io::ColumnMap columns(Specs(), table.header);
  if (!columns.MissingRequired().empty()) {
    std::string missing;
    for (const auto& m : columns.MissingRequired()) missing += (missing.empty() ? "" : "、") + m;
    return Invalid("assessment.import.columns", "缺少必填列：" + missing,
                   "required columns are missing: " + missing, "file");
  }
  ImportReport report;
  report.max_listed_errors = options.max_listed_errors;
  report.dry_run = options.dry_run;
  report.total_rows = static_cast<int>(table.rows.size());
  for (const auto& unknown : columns.unknown()) report.warnings.push_back("忽略列：" + unknown);

  Status st = store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(QuestionBankService::GetBankIn(tx, bank_id));
    std::vector<Question> good;
    std::map<std::string, int> seen;  // stem key -> first row
    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      const int line = table.source_rows[i];
      QuestionInput in;
      in.kind = columns.Cell(row, "kind");
      in.stem = columns.Cell(row, "stem");
      int option_count = 0;
      for (int o = 0; o < kOptionColumns; ++o) {
        const std::string text = core::NormalizeField(columns.Cell(row, OptionField(o)));
        if (text.empty()) break;  // options are consecutive from A
        in.options.push_back(text);
        option_count = o + 1;
      }
      const std::string points = core::NormalizeField(columns.Cell(row, "points"));
      in.points = 1;
      if (!points.empty()) {
        try {
          size_t used = 0;
          in.points = std::stoi(points, &used);
          if (used != points.size()) in.points = 0;
        } catch (...) {
          in.points = 0;
        }
      }
      const std::string credit = core::NormalizeField(columns.Cell(row, "credit"));
      in.credit = credit == "部分得分"   ? "partial"
                  : credit == "全对得分" ? "all_or_nothing"
                                         : credit;
      in.tags = SplitAny(columns.Cell(row, "tags"), U"、,，;；|｜");
      in.explanation = columns.Cell(row, "explanation");
      auto reject = [&](const std::string& field, Error e) {
        report.AddError(RowError{line, columns.HeaderOf(field), std::move(e)});
        report.rejected_rows.push_back(static_cast<int>(i));
      };
      if (Status a = ReadAnswer(columns.Cell(row, "answer"), in, option_count); !a) {
        reject("answer", a.error());
        continue;
      }
      Result<Question> q = QuestionBankService::BuildQuestion(bank_id, in);
      if (!q) {
        const std::string f = q.error().field;
        const std::string field = f == "correct" || f == "accepted" ? "answer"
                                  : f == "options"                  ? "option_a"
                                  : f.empty()                       ? "stem"
                                                                    : f;
        reject(field, q.error());
        continue;
      }
      const std::string key = QuestionBankService::StemKey(q->stem);
      if (auto first = seen.find(key); first != seen.end()) {
        reject("stem", Invalid("assessment.import.duplicate_in_file",
                               "与第 " + std::to_string(first->second) + " 行题干重复",
                               "the same stem as row " + std::to_string(first->second), "stem"));
        continue;
      }
      seen[key] = line;
      PEIXUN_ASSIGN_OR_RETURN(auto dup, QuestionBankService::FindDuplicateIn(tx, bank_id, key, {}));
      if (dup) {
        reject("stem", Conflict("assessment.question.duplicate",
                                "题库中已有相同题干的题目（编号 " + std::to_string(*dup) + "）",
                                "the bank already has this stem (id " + std::to_string(*dup) + ")",
                                "stem"));
        continue;
      }
      good.push_back(std::move(*q));
    }
    const bool has_errors = !report.error_counts.empty();
    if (options.dry_run || (has_errors && !options.skip_bad_rows)) return Ok();  // all or nothing
    for (Question& q : good) {
      PEIXUN_RETURN_IF_ERROR(QuestionBankService::InsertIn(tx, std::move(q), now_ms));
    }
    report.imported = static_cast<int>(good.size());
    report.committed = report.imported > 0;
    if (!report.committed) return Ok();
    return audit::AppendIn(tx, Actor::Of(who),
                           audit::AuditEntry{"assessment.question.import",
                                             "question_bank",
                                             bank_id,
                                             nullptr,
                                             {{"imported", report.imported},
                                              {"rejected", report.rejected_rows.size()}}});
  });
  if (!st) return std::move(st).error();
  return report;
}

io::Table QuestionTemplate() {
  io::Table t;
  for (const auto& spec : Specs()) t.header.push_back(spec.label);
  auto row = [&](std::vector<std::pair<std::string, std::string>> cells) {
    std::vector<std::string> r(t.header.size());
    const auto specs = Specs();
    for (const auto& [field, value] : cells) {
      for (size_t i = 0; i < specs.size(); ++i) {
        if (specs[i].field == field) r[i] = value;
      }
    }
    t.rows.push_back(std::move(r));
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  };
  row({{"kind", "单选题"},
       {"stem", "“三会一课”中的“一课”指的是什么？"},
       {"option_a", "团课"},
       {"option_b", "党课"},
       {"option_c", "网课"},
       {"answer", "B"},
       {"points", "2"},
       {"tags", "党建基础"}});
  row({{"kind", "多选题"},
       {"stem", "下列属于“两新”组织的有"},
       {"option_a", "非公有制企业"},
       {"option_b", "机关"},
       {"option_c", "社会组织"},
       {"answer", "AC"},
       {"points", "4"},
       {"credit", "部分得分"},
       {"tags", "两新组织"}});
  row({{"kind", "判断题"},
       {"stem", "党支部应每月相对固定一天开展主题党日。"},
       {"answer", "对"},
       {"points", "1"}});
  row({{"kind", "填空题"},
       {"stem", "党的组织生活基本制度是____。"},
       {"answer", "三会一课|“三会一课”"},
       {"points", "2"}});
  row({{"kind", "简答题"},
       {"stem", "简述社区党组织书记如何做好群众工作。"},
       {"answer", "联系群众、服务群众、依靠群众，各 2 分"},
       {"points", "6"},
       {"tags", "管理沟通艺术"}});
  return t;
}

Result<io::Table> ExportQuestions(store::Store& store, const Principal& who, int64_t bank_id) {
  PEIXUN_RETURN_IF_ERROR(CheckBankRead(who));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Question> questions,
                          store::ReadValue<std::vector<Question>>(
                              store, [&](store::Tx& tx) -> Result<std::vector<Question>> {
                                PEIXUN_RETURN_IF_ERROR(QuestionBankService::GetBankIn(tx, bank_id));
                                return QuestionBankService::ListIn(tx, bank_id, {});
                              }));
  io::Table t;
  const auto specs = Specs();
  for (const auto& spec : specs) t.header.push_back(spec.label);
  for (const Question& q : questions) {
    std::vector<std::string> r;
    r.push_back(std::string(core::QuestionKindLabel(q.kind)));
    r.push_back(q.stem);
    for (int o = 0; o < kOptionColumns; ++o) {
      r.push_back(q.kind != core::QuestionKind::kTrueFalse && o < static_cast<int>(q.options.size())
                      ? q.options[o]
                      : "");
    }
    std::string answer;
    switch (q.kind) {
      case core::QuestionKind::kTrueFalse:
        answer = q.correct == std::vector<int>{core::kTrueOption} ? "对" : "错";
        break;
      case core::QuestionKind::kSingleChoice:
      case core::QuestionKind::kMultipleChoice:
        for (int c : q.correct) answer += kLetters[c];
        break;
      case core::QuestionKind::kFillIn:
        for (const auto& a : q.accepted) answer += (answer.empty() ? "" : "|") + a;
        break;
      case core::QuestionKind::kShortAnswer:
        answer = q.rubric;
        break;
    }
    r.push_back(answer);
    r.push_back(std::to_string(q.points));
    r.push_back(q.kind == core::QuestionKind::kMultipleChoice
                    ? (q.credit == core::MultipleCredit::kPartial ? "部分得分" : "全对得分")
                    : "");
    std::string tags;
    for (const auto& tag : q.tags) tags += (tags.empty() ? "" : "、") + tag;
    r.push_back(tags);
    r.push_back(q.explanation);
    t.rows.push_back(std::move(r));
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  }
  return t;
}

}  // namespace peixun::assessment
