#include "modules/assessment/results_export.h"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "modules/assessment/exam_rows.h"
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

std::string Fixed(const std::optional<double>& v) {
  if (!v) return "—";  // undefined (no variance), never 0
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", *v);
  return buf;
}

}  // namespace

Result<io::Table> ResultsTable(store::Store& store, ExamService& exams, const Principal& who,
                               int64_t exam_id) {
  PEIXUN_ASSIGN_OR_RETURN(ExamResults results, exams.Results(who, exam_id));
  struct Extra {
    Exam exam;
    std::vector<people::Person> people;
    std::map<int64_t, std::map<int64_t, AnswerRow>> answers;  // attempt -> answers
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Extra extra, store::ReadValue<Extra>(store, [&](store::Tx& tx) -> Result<Extra> {
        Extra x;
        PEIXUN_ASSIGN_OR_RETURN(x.exam, LoadExamIn(tx, exam_id));
        PEIXUN_ASSIGN_OR_RETURN(
            std::vector<int64_t> ids,
            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, x.exam.class_id));
        for (const PersonResult& p : results.people) ids.push_back(p.person_id);
        PEIXUN_ASSIGN_OR_RETURN(x.people, people::PeopleService::GetManyIn(tx, ids));
        for (const PersonResult& p : results.people) {
          if (!p.attempt_id) continue;
          PEIXUN_ASSIGN_OR_RETURN(x.answers[*p.attempt_id], AnswersOfIn(tx, *p.attempt_id));
        }
        return x;
      }));
  std::map<int64_t, const PersonResult*> by_person;
  for (const PersonResult& p : results.people) by_person[p.person_id] = &p;

  io::Table t;
  t.header = {"序号", "姓名", "单位", "得分", "满分", "是否及格", "状态"};
  for (size_t i = 0; i < extra.exam.paper.size(); ++i) {
    t.header.push_back("第" + std::to_string(i + 1) + "题");
  }
  auto add = [&](std::vector<std::string> row) {
    row.resize(t.header.size());
    t.rows.push_back(std::move(row));
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  };
  int n = 0;
  for (const people::Person& person : extra.people) {
    std::vector<std::string> row = {std::to_string(++n), person.name, person.unit_name};
    const auto it = by_person.find(person.id);
    const PersonResult* r = it == by_person.end() ? nullptr : it->second;
    if (!r || !r->attempt_id) {
      row.insert(row.end(), {"", Points(results.total_centi), "", "未参加"});
      add(std::move(row));
      continue;
    }
    row.push_back(r->score_centi ? Points(*r->score_centi) : "");
    row.push_back(Points(results.total_centi));
    row.push_back(r->passed ? (*r->passed ? "及格" : "不及格") : "");
    row.push_back(r->pending ? "待阅卷" : "已评分");
    const auto& answers = extra.answers[*r->attempt_id];
    for (const ExamQuestion& q : extra.exam.paper) {
      const auto a = answers.find(q.question.id);
      row.push_back(a == answers.end()      ? "0"
                    : a->second.score_centi ? Points(*a->second.score_centi)
                                            : "待阅");
    }
    add(std::move(row));
  }
  // Item statistics below the trainees, under a heading row.
  add({"", "试题分析", "", "", "", "", "难度 / 区分度"});
  for (const QuestionStatistic& s : results.questions) {
    add({"", "第" + std::to_string(s.position + 1) + "题", "", "", "", "",
         Fixed(s.item.facility) + " / " + Fixed(s.item.discrimination) +
             (s.item.doubtful ? "（存疑）" : "")});
  }
  add({"", "信度 α", "", "", "", "", Fixed(results.test.cronbach_alpha)});
  return t;
}

}  // namespace peixun::assessment
