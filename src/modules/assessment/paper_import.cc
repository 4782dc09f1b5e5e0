#include "modules/assessment/paper_import.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text_normalize.h"
#include "io/column_map.h"
#include "modules/assessment/exam_rows.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"

namespace peixun::assessment {
namespace {

std::vector<io::ColumnSpec> Specs() {
  return {
      {"seq", "序号", {"seq", "no", "编号"}, false},
      {"person_id", "人员编号", {"person_id", "person id"}, false},
      {"name", "姓名", {"name", "学员姓名"}, true},
      {"unit", "单位", {"unit", "工作单位"}, false},
      {"score", "得分", {"score", "成绩", "分数"}, true},
  };
}

std::string Points(int centi) {
  char buf[32];
  if (centi % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%d", centi / 100);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", centi / 100.0);
  }
  return buf;
}

bool IsAbsentMark(const std::string& s) {
  return s == "缺考" || s == "absent" || s == "Absent" || s == "ABSENT";
}

struct Trainee {
  int64_t id = 0;
  std::string name;
  std::string unit;
};

// The approved trainees of the class, in 姓氏笔画 order.
Result<std::vector<Trainee>> TraineesIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, ids));
  std::vector<Trainee> out;
  for (const auto& p : people) out.push_back(Trainee{p.id, p.name, p.unit_name});
  return out;
}

Result<Exam> ManagedIn(store::Tx& tx, const Principal& who, int64_t exam_id) {
  PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccessIn(tx, who, exam.class_id, classes::ClassNeed::kManage));
  return exam;
}

}  // namespace

std::optional<int> ParsePoints(const std::string& raw) {
  const std::string text = core::NormalizeField(raw);
  if (text.empty()) return std::nullopt;
  int64_t whole = 0;
  int decimals = 0;
  int64_t fraction = 0;
  bool dot = false;
  bool digits = false;
  for (char c : text) {
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    if (dot) {
      if (++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    } else {
      whole = whole * 10 + (c - '0');
      if (whole > 1'000'000) return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  if (decimals == 1) fraction *= 10;
  return static_cast<int>(whole * 100 + fraction);
}

Result<ImportReport> ImportPaperScores(store::Store& store, const Principal& who, int64_t exam_id,
                                       const io::Table& table, const ImportOptions& options,
                                       int64_t now_ms) {
  ImportReport report;
  report.max_listed_errors = options.max_listed_errors;
  report.dry_run = options.dry_run;
  report.total_rows = static_cast<int>(table.rows.size());
  const io::ColumnMap columns(Specs(), table.header);

  Status st = store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedIn(tx, who, exam_id));
    if (!columns.MissingRequired().empty()) {
      std::string missing;
      for (const auto& m : columns.MissingRequired()) {
        missing += (missing.empty() ? "" : "、") + m;
      }
      return Invalid("assessment.import.columns", "缺少必填列：" + missing,
                     "required columns are missing: " + missing, "file");
    }
    for (const auto& unknown : columns.unknown()) report.warnings.push_back("忽略列：" + unknown);
    const int total = exam.TotalCenti();
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Trainee> trainees, TraineesIn(tx, exam.class_id));
    std::map<int64_t, const Trainee*> by_id;
    std::multimap<std::string, const Trainee*> by_name;
    for (const Trainee& t : trainees) {
      by_id[t.id] = &t;
      by_name.emplace(core::NormalizeField(t.name), &t);
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> attempts, AttemptsOfIn(tx, exam_id, {}));
    std::map<int64_t, bool> online;  // person -> took it online
    std::map<int64_t, int64_t> paper_attempt;
    for (const AttemptRow& a : attempts) {
      if (a.submitted_by == "paper") {
        paper_attempt[a.person_id] = a.id;
      } else {
        online[a.person_id] = true;
      }
    }

    struct Good {
      int64_t person_id;
      std::optional<int> score;  // nullopt: 缺考
    };
    std::vector<Good> good;
    std::map<int64_t, int> seen;  // person -> first row
    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      const int line = table.source_rows[i];
      auto reject = [&](const std::string& field, Error e) {
        report.AddError(RowError{line, columns.HeaderOf(field), std::move(e)});
        report.rejected_rows.push_back(static_cast<int>(i));
      };
      const std::string name = core::NormalizeField(columns.Cell(row, "name"));
      const std::string id_text = core::NormalizeField(columns.Cell(row, "person_id"));
      const Trainee* trainee = nullptr;
      if (!id_text.empty()) {
        int64_t id = 0;
        bool numeric = id_text.size() <= 18;
        for (char c : id_text) {
          if (c < '0' || c > '9') numeric = false;
        }
        if (numeric) id = std::stoll(id_text);
        const auto it = numeric ? by_id.find(id) : by_id.end();
        if (it == by_id.end()) {
          reject("person_id",
                 Invalid("assessment.paper.person", "人员编号 " + id_text + " 不是本班学员",
                         "person id " + id_text + " is not a trainee of this class", "person_id"));
          continue;
        }
        trainee = it->second;
        if (core::NormalizeField(trainee->name) != name) {
          reject(
              "name",
              Invalid("assessment.paper.name", "姓名与人员编号不符（应为 " + trainee->name + "）",
                      "the name does not match the person id (" + trainee->name + ")", "name"));
          continue;
        }
      } else {
        const auto count = by_name.count(name);
        if (count != 1) {
          reject("name", count == 0
                             ? Invalid("assessment.paper.name", "本班没有名为“" + name + "”的学员",
                                       "no trainee of this class is named " + name, "name")
                             : Invalid("assessment.paper.name",
                                       "本班有 " + std::to_string(count) + " 名学员叫“" + name +
                                           "”，请填写人员编号",
                                       std::to_string(count) + " trainees are named " + name +
                                           ": fill in the person id",
                                       "name"));
          continue;
        }
        trainee = by_name.find(name)->second;
      }
      const std::string score_text = core::NormalizeField(columns.Cell(row, "score"));
      std::optional<int> score;
      if (!IsAbsentMark(score_text)) {
        score = ParsePoints(score_text);
        if (!score || *score > total) {
          reject("score", Invalid("assessment.paper.score",
                                  "得分应为 0 至 " + Points(total) +
                                      " 之间的数（最多两位小数），缺考填“缺考”",
                                  "the score is a number from 0 to " + Points(total) +
                                      " (two decimals at most), or 缺考 when absent",
                                  "score"));
          continue;
        }
      }
      if (auto first = seen.find(trainee->id); first != seen.end()) {
        reject("name",
               Invalid("assessment.paper.duplicate",
                       trainee->name + " 已在第 " + std::to_string(first->second) + " 行出现",
                       trainee->name + " is on row " + std::to_string(first->second) + " already",
                       "name"));
        continue;
      }
      seen[trainee->id] = line;
      if (online.count(trainee->id)) {
        reject("name", Conflict("assessment.paper.online", trainee->name + " 已在线参加本场考试",
                                trainee->name + " already took this exam online", "name"));
        continue;
      }
      good.push_back(Good{trainee->id, score});
    }
    const bool has_errors = !report.error_counts.empty();
    if (options.dry_run || (has_errors && !options.skip_bad_rows)) return Ok();  // all or nothing
    int scored = 0;
    int absent = 0;
    for (const Good& g : good) {
      const auto existing = paper_attempt.find(g.person_id);
      if (!g.score) {
        ++absent;
        if (existing != paper_attempt.end()) {
          PEIXUN_RETURN_IF_ERROR(
              tx.Exec("DELETE FROM exam_attempts WHERE id = ?", {store::Int(existing->second)}));
        }
        continue;
      }
      ++scored;
      if (existing != paper_attempt.end()) {
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("UPDATE exam_attempts SET paper_score_centi = ?, submitted_ms = ? WHERE id = ?",
                    {store::Int(*g.score), store::Int(now_ms), store::Int(existing->second)}));
        continue;
      }
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO exam_attempts (exam_id, person_id, number, seed, started_ms, "
                  "deadline_ms, submitted_ms, submitted_by, paper_score_centi) "
                  "VALUES (?, ?, 1, 0, ?, ?, ?, 'paper', ?)",
                  {store::Int(exam_id), store::Int(g.person_id), store::Int(now_ms),
                   store::Int(now_ms), store::Int(now_ms), store::Int(*g.score)}));
    }
    report.imported = static_cast<int>(good.size());
    report.committed = report.imported > 0;
    if (!report.committed) return Ok();
    return audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{
            "assessment.paper.import",
            "exam",
            exam_id,
            nullptr,
            {{"scored", scored}, {"absent", absent}, {"rejected", report.rejected_rows.size()}}});
  });
  if (!st) return std::move(st).error();
  return report;
}

Result<io::Table> PaperScoreTemplate(store::Store& store, const Principal& who, int64_t exam_id) {
  return store::ReadValue<io::Table>(store, [&](store::Tx& tx) -> Result<io::Table> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedIn(tx, who, exam_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Trainee> trainees, TraineesIn(tx, exam.class_id));
    io::Table t;
    for (const auto& spec : Specs()) t.header.push_back(spec.label);
    int n = 0;
    for (const Trainee& tr : trainees) {
      t.rows.push_back({std::to_string(++n), std::to_string(tr.id), tr.name, tr.unit, ""});
      t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
    }
    return t;
  });
}

}  // namespace peixun::assessment
