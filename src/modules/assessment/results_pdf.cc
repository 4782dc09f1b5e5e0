#include "modules/assessment/results_pdf.h"

#include <cstdio>
#include <map>
#include <vector>

#include "core/exam_scoring.h"
#include "io/pdf_document.h"
#include "modules/assessment/exam_rows.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"

namespace peixun::assessment {
namespace {

std::string Points(int centi) {
  char buf[32];
  if (centi % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%d", centi / 100);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", centi / 100.0);
  }
  return buf;
}

std::string Fixed(const std::optional<double>& v, const char* format = "%.3f") {
  if (!v) return "—";  // undefined, never 0
  char buf[32];
  std::snprintf(buf, sizeof buf, format, *v);
  return buf;
}

}  // namespace

Result<std::string> ResultsPdf(store::Store& store, ExamService& exams, const Principal& who,
                               int64_t exam_id) {
  PEIXUN_ASSIGN_OR_RETURN(ExamResults results, exams.Results(who, exam_id));
  struct Extra {
    Exam exam;
    std::string class_name;
    std::vector<people::Person> people;
    std::map<int64_t, bool> paper;  // attempt -> imported from a paper sheet
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Extra extra, store::ReadValue<Extra>(store, [&](store::Tx& tx) -> Result<Extra> {
        Extra x;
        PEIXUN_ASSIGN_OR_RETURN(x.exam, LoadExamIn(tx, exam_id));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass,
                                classes::ClassService::GetIn(tx, x.exam.class_id));
        x.class_name = klass.name;
        PEIXUN_ASSIGN_OR_RETURN(
            std::vector<int64_t> ids,
            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, x.exam.class_id));
        for (const PersonResult& p : results.people) ids.push_back(p.person_id);
        PEIXUN_ASSIGN_OR_RETURN(x.people, people::PeopleService::GetManyIn(tx, ids));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> attempts, AttemptsOfIn(tx, exam_id, {}));
        for (const AttemptRow& a : attempts) x.paper[a.id] = a.submitted_by == "paper";
        return x;
      }));
  std::map<int64_t, const PersonResult*> by_person;
  for (const PersonResult& p : results.people) by_person[p.person_id] = &p;

  int sat = 0;
  int graded = 0;
  int passed = 0;
  int64_t sum = 0;
  io::TableSpec people;
  people.columns = {{"序号", 14, io::Align::kCenter},
                    {"姓名", 34, io::Align::kLeft, false, io::CellFit::kOneLine},
                    {"单位", 0},
                    {"得分", 18, io::Align::kRight},
                    {"是否及格", 20, io::Align::kCenter, false, io::CellFit::kWidest},
                    {"状态", 20, io::Align::kCenter, false, io::CellFit::kWidest}};
  int n = 0;
  for (const people::Person& person : extra.people) {
    std::vector<std::string> row = {std::to_string(++n), person.name, person.unit_name};
    const auto it = by_person.find(person.id);
    const PersonResult* r = it == by_person.end() ? nullptr : it->second;
    if (!r || !r->attempt_id) {
      row.insert(row.end(), {"", "", "未参加"});
      people.rows.push_back(std::move(row));
      continue;
    }
    ++sat;
    if (r->score_centi) {
      ++graded;
      sum += *r->score_centi;
      if (r->passed && *r->passed) ++passed;
    }
    row.push_back(r->score_centi ? Points(*r->score_centi) : "");
    row.push_back(r->passed ? (*r->passed ? "及格" : "不及格") : "");
    row.push_back(r->pending ? "待阅卷" : extra.paper[*r->attempt_id] ? "纸质" : "已评分");
    people.rows.push_back(std::move(row));
  }

  io::PdfDocument doc(io::PageSetup{io::Orientation::kPortrait, 20, 18, 18, 18,
                                    extra.exam.title + " 成绩单",
                                    extra.class_name + " · " + extra.exam.title + " 成绩单"});
  doc.Title(extra.class_name);
  doc.Paragraph(extra.exam.title + " 成绩单", io::TextStyle::Heading());
  std::string summary = "应考 " + std::to_string(extra.people.size()) + " 人，实考 " +
                        std::to_string(sat) + " 人；满分 " + Points(results.total_centi) +
                        " 分，及格线 " + std::to_string(results.pass_mark) + "%";
  if (graded > 0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "；平均分 %.2f，及格率 %.1f%%", sum / 100.0 / graded,
                  100.0 * passed / graded);
    summary += buf;
  }
  summary += "；信度 α " + Fixed(results.test.cronbach_alpha);
  doc.Paragraph(summary, io::TextStyle::Subtitle());
  doc.Table(people);

  doc.Space(6);
  doc.Paragraph("试题分析", io::TextStyle::Heading());
  doc.Paragraph(
      "难度 = 平均得分 ÷ 满分；区分度 = 该题得分与其余各题总分的相关系数（低于 " +
          Fixed(extra.exam.doubtful_below_centi / 100.0, "%.2f") +
          " 标为存疑）；选项分布为各选项被选次数（含未作答）。统计只含在线作答且已评分的答卷。",
      io::TextStyle::Note());
  io::TableSpec items;
  items.columns = {{"题号", 12, io::Align::kCenter},
                   {"题型", 16, io::Align::kCenter, false, io::CellFit::kWidest},
                   {"题干", 0},
                   {"难度", 16, io::Align::kRight},
                   {"区分度", 18, io::Align::kRight, false, io::CellFit::kWidest},
                   {"选项分布", 34},
                   {"存疑", 12, io::Align::kCenter, false, io::CellFit::kWidest}};
  items.font_size_pt = 9;
  for (const QuestionStatistic& s : results.questions) {
    const ExamQuestion* q = nullptr;
    for (const ExamQuestion& eq : extra.exam.paper) {
      if (eq.question.id == s.question_id) q = &eq;
    }
    std::string distribution;
    for (size_t o = 0; o < s.options.counts.size(); ++o) {
      distribution += (distribution.empty() ? "" : " ") +
                      std::string(1, static_cast<char>('A' + o)) + ":" +
                      std::to_string(s.options.counts[o]);
    }
    if (!s.options.counts.empty()) distribution += " 空:" + std::to_string(s.options.blank);
    items.rows.push_back({std::to_string(s.position + 1),
                          q ? std::string(core::QuestionKindLabel(q->question.kind)) : "",
                          q ? q->question.stem : "", Fixed(s.item.facility),
                          Fixed(s.item.discrimination), distribution,
                          s.item.doubtful ? "存疑" : ""});
  }
  doc.Table(items);
  return doc.Finish();
}

}  // namespace peixun::assessment
