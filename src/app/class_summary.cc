#include "app/class_summary.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "app/assessment_source.h"
#include "core/civil_date.h"
#include "core/clock.h"
#include "core/credit_hours.h"
#include "core/local_time.h"
#include "modules/assessment/exam_service.h"
#include "modules/attendance/attendance_service.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_service.h"

namespace peixun::app {
namespace {

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
  return buf;
}

double Rate(int64_t part, int64_t whole) { return whole <= 0 ? 0 : 100.0 * part / whole; }

std::string Fixed(std::optional<double> v, int decimals = 2) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  return buf;
}

std::string Hours(int tenths) { return core::FormatCreditTenths(tenths); }

std::string OutcomeLabel(const std::string& outcome) {
  if (outcome == "completed") return "结业";
  if (outcome == "not_completed") return "未结业";
  if (outcome == "dismissed") return "退学";
  return "未评定";
}

std::string Join(const std::vector<std::string>& items, const std::string& sep = "、") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

struct Counts {
  int64_t attended = 0;
  int64_t excused = 0;
  int64_t absent = 0;
  int64_t late = 0;
  int64_t left_early = 0;
  int64_t left_midway = 0;
  int64_t Decided() const { return attended + excused + absent; }
};

void Count(Counts& c, const attendance::AttendanceRow& row) {
  if (row.status == "attended") {
    ++c.attended;
    c.late += row.result.late ? 1 : 0;
    c.left_early += row.result.left_early ? 1 : 0;
    c.left_midway += row.result.left_midway ? 1 : 0;
  } else if (row.status == "excused") {
    ++c.excused;
  } else if (row.status == "absent") {
    ++c.absent;
  }
}

}  // namespace

ClassSummaryService::ClassSummaryService(store::Store& store, Clock now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : Clock(NowMillis)) {}

Result<io::Report> ClassSummaryService::Build(const Principal& who, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass,
                          store::ReadValue<classes::TrainingClass>(
                              store_, [&](store::Tx& tx) -> Result<classes::TrainingClass> {
                                PEIXUN_RETURN_IF_ERROR(classes::CheckClassAccessIn(
                                    tx, who, class_id, classes::ClassNeed::kManage));
                                return classes::ClassService::GetIn(tx, class_id);
                              }));
  completion::CompletionService completion_service(store_, now_ms_);
  completion_service.SetAssessmentSource(MakeAssessmentSource());
  PEIXUN_ASSIGN_OR_RETURN(completion::ClassCompletion done,
                          completion_service.Status(who, class_id));
  size_t undecided = 0;
  for (const auto& t : done.trainees) undecided += t.decision ? 0 : 1;
  if (!done.finished || undecided > 0 || done.trainees.empty()) {
    return Conflict("summary.not_decided",
                    "培训总结在培训班结束并完成结业评定后生成" +
                        (undecided > 0 ? "（尚有 " + std::to_string(undecided) + " 名学员未评定）"
                                       : std::string()),
                    "the summary is made once the class has ended and completion is decided" +
                        (undecided > 0 ? " (" + std::to_string(undecided) + " trainees undecided)"
                                       : std::string()),
                    "class_id");
  }
  enrollment::EnrollmentService enrollment_service(store_);
  PEIXUN_ASSIGN_OR_RETURN(std::vector<enrollment::Quota> quotas,
                          enrollment_service.Quotas(who, class_id));
  attendance::AttendanceService attendance_service(store_, now_ms_);
  PEIXUN_ASSIGN_OR_RETURN(attendance::ClassAttendance att,
                          attendance_service.ForClass(who, class_id));
  assessment::ExamService exam_service(store_, now_ms_);
  PEIXUN_ASSIGN_OR_RETURN(std::vector<assessment::Exam> exams,
                          exam_service.ListForClass(who, class_id));
  evaluation::EvaluationService evaluation_service(store_);
  PEIXUN_ASSIGN_OR_RETURN(evaluation::ClassResults evaluations,
                          evaluation_service.ResultsOfClass(who, class_id));

  const int offset = klass.utc_offset_minutes;
  io::Report r;
  r.title = klass.name + "培训总结";
  r.header = klass.name + " · 培训总结";
  r.subtitle = core::FormatCivilDate(klass.start_date) + " 至 " +
               core::FormatCivilDate(klass.end_date) + "　" + klass.organizer_name +
               (klass.host_venue.empty() ? "" : "　" + klass.host_venue);

  // ---- 一、基本情况
  const size_t trainees = done.trainees.size();
  std::map<std::string, int> by_outcome;
  int credited_total = 0;
  int programme = 0;
  for (const auto& t : done.trainees) {
    ++by_outcome[t.decision->outcome];
    if (t.decision->outcome == "completed") credited_total += t.decision->credited_tenths;
    programme = std::max(programme, t.verdict.programme_tenths);
  }
  r.Heading("一、基本情况");
  r.Paragraph("本期培训班于 " + core::FormatCivilDate(klass.start_date) + " 至 " +
              core::FormatCivilDate(klass.end_date) + " 举办，共 " + std::to_string(klass.Days()) +
              " 天，安排课程 " + std::to_string(att.sessions.size()) + " 场，应修 " +
              Hours(programme) + " 学时。参训学员 " + std::to_string(trainees) + " 名，结业 " +
              std::to_string(by_outcome["completed"]) + " 名，未结业 " +
              std::to_string(by_outcome["not_completed"]) + " 名，退学 " +
              std::to_string(by_outcome["dismissed"]) + " 名；结业学员共计获得 " +
              Hours(credited_total) + " 学时。");

  // ---- 二、调训情况：名额与到位
  r.Heading("二、调训情况（按单位）");
  io::ReportTable quota_table;
  quota_table.header = {"单位", "分配名额", "已报名", "已批准", "到位率"};
  quota_table.widths_mm = {0, 22, 22, 22, 22};
  int seats = 0;
  int approved = 0;
  for (const auto& q : quotas) {
    quota_table.rows.push_back({q.unit_name, std::to_string(q.seats), std::to_string(q.used),
                                std::to_string(q.approved), Percent(q.approved, q.seats)});
    seats += q.seats;
    approved += q.approved;
  }
  quota_table.rows.push_back(
      {"合计", std::to_string(seats), "", std::to_string(approved), Percent(approved, seats)});
  r.Table(std::move(quota_table));

  // ---- 三、考勤情况
  r.Heading("三、考勤情况");
  Counts all;
  std::map<std::string, Counts> by_unit;
  io::ReportTable session_table;
  session_table.header = {"时间", "课程", "出勤",          "请假",
                          "缺勤", "迟到", "早退/中途离开", "出勤率"};
  session_table.widths_mm = {28, 0, 13, 13, 13, 13, 22, 17};
  io::BarChart session_chart;
  session_chart.title = "各场次出勤率（%）";
  session_chart.max_value = 100;
  session_chart.value_suffix = "%";
  session_chart.decimals = 1;
  for (const auto& s : att.sessions) {
    Counts c;
    for (const auto& row : s.rows) {
      Count(c, row);
      Count(by_unit[row.unit_name.empty() ? "（未填单位）" : row.unit_name], row);
    }
    all.attended += c.attended;
    all.excused += c.excused;
    all.absent += c.absent;
    all.late += c.late;
    all.left_early += c.left_early;
    all.left_midway += c.left_midway;
    const std::string when = core::FormatLocalDateTime(s.ctx.session.start_ms, offset, ' ');
    session_table.rows.push_back(
        {when.substr(5, 11), s.ctx.session.title, std::to_string(c.attended),
         std::to_string(c.excused), std::to_string(c.absent), std::to_string(c.late),
         std::to_string(c.left_early + c.left_midway), Percent(c.attended, c.Decided())});
    session_chart.labels.push_back(when.substr(5, 11) + " " + s.ctx.session.title);
    session_chart.values.push_back(Rate(c.attended, c.Decided()));
  }
  r.Paragraph("全班应到 " + std::to_string(all.Decided()) + " 人次，出勤 " +
              std::to_string(all.attended) + " 人次，请假 " + std::to_string(all.excused) +
              " 人次，缺勤 " + std::to_string(all.absent) + " 人次，总出勤率 " +
              Percent(all.attended, all.Decided()) + "。");
  r.Table(std::move(session_table));
  if (!session_chart.labels.empty()) r.Chart(std::move(session_chart));
  io::ReportTable unit_table;
  unit_table.header = {"单位", "应到人次", "出勤", "请假", "缺勤", "出勤率"};
  unit_table.widths_mm = {0, 20, 16, 16, 16, 20};
  for (const auto& [unit, c] : by_unit) {
    unit_table.rows.push_back({unit, std::to_string(c.Decided()), std::to_string(c.attended),
                               std::to_string(c.excused), std::to_string(c.absent),
                               Percent(c.attended, c.Decided())});
  }
  r.Paragraph("各单位出勤情况：");
  r.Table(std::move(unit_table));

  // ---- 四、请假与纪律
  r.Heading("四、请假与纪律");
  int with_leave = 0;
  int excused_tenths = 0;
  std::vector<std::string> discipline_names;
  for (const auto& t : done.trainees) {
    if (t.verdict.excused_tenths > 0) ++with_leave;
    excused_tenths += t.verdict.excused_tenths;
    if (t.verdict.discipline_count > 0) {
      discipline_names.push_back(t.name + "（" + std::to_string(t.verdict.discipline_count) +
                                 " 次）");
    }
  }
  r.Paragraph("请假学员 " + std::to_string(with_leave) + " 名，共请假 " + Hours(excused_tenths) +
              " 学时；迟到 " + std::to_string(all.late) + " 人次，早退 " +
              std::to_string(all.left_early) + " 人次，中途离开 " +
              std::to_string(all.left_midway) + " 人次。" +
              (discipline_names.empty() ? std::string("无违纪记录。")
                                        : "有违纪记录的学员：" + Join(discipline_names) + "。"));

  // ---- 五、考试情况
  r.Heading("五、考试情况");
  if (exams.empty()) {
    r.Paragraph("本班未安排考试。");
  } else {
    const assessment::Exam& exam = exams.back();  // the closing exam
    PEIXUN_ASSIGN_OR_RETURN(assessment::ExamResults results, exam_service.Results(who, exam.id));
    const char* const kBands[] = {"90 分及以上", "80—89 分", "70—79 分", "60—69 分", "60 分以下"};
    std::vector<int> bands(5, 0);
    int scored = 0;
    int passed = 0;
    double sum = 0;
    for (const auto& p : results.people) {
      if (!p.score_centi || results.total_centi <= 0) continue;
      const double pct = 100.0 * *p.score_centi / results.total_centi;
      sum += pct;
      ++scored;
      passed += p.passed && *p.passed ? 1 : 0;
      bands[pct >= 90 ? 0 : pct >= 80 ? 1 : pct >= 70 ? 2 : pct >= 60 ? 3 : 4]++;
    }
    r.Paragraph(exam.title + "：应考 " + std::to_string(trainees) + " 人，有成绩 " +
                std::to_string(scored) + " 人，平均 " +
                Fixed(scored ? std::optional<double>(sum / scored) : std::nullopt, 1) +
                " 分（百分制），及格 " + std::to_string(passed) + " 人，及格率 " +
                Percent(passed, scored) + "；试卷信度 α " + Fixed(results.test.cronbach_alpha, 3) +
                "。");
    io::ReportTable band_table;
    band_table.header = {"分数段", "人数", "占比"};
    band_table.widths_mm = {50, 30, 30};
    io::BarChart band_chart;
    band_chart.title = "成绩分布（人）";
    band_chart.value_suffix = " 人";
    for (int i = 0; i < 5; ++i) {
      band_table.rows.push_back({kBands[i], std::to_string(bands[i]), Percent(bands[i], scored)});
      band_chart.labels.push_back(kBands[i]);
      band_chart.values.push_back(bands[i]);
    }
    r.Table(std::move(band_table));
    r.Chart(std::move(band_chart));
    io::ReportTable doubtful;
    doubtful.header = {"题号", "题干", "难度", "区分度"};
    doubtful.widths_mm = {14, 0, 18, 18};
    for (const auto& s : results.questions) {
      if (!s.item.doubtful) continue;
      std::string stem;
      for (const auto& q : exam.paper) {
        if (q.question.id == s.question_id) stem = q.question.stem;
      }
      doubtful.rows.push_back({std::to_string(s.position + 1), stem, Fixed(s.item.facility, 3),
                               Fixed(s.item.discrimination, 3)});
    }
    if (doubtful.rows.empty()) {
      r.Paragraph("试题分析未发现存疑试题。");
    } else {
      r.Paragraph("存疑试题（区分度低于 " + Fixed(exam.doubtful_below_centi / 100.0) +
                  "，建议复核题目与答案）：");
      r.Table(std::move(doubtful));
    }
  }

  // ---- 六、教学评估
  r.Heading("六、教学评估");
  if (evaluations.questionnaires.empty()) {
    r.Paragraph("本班未开展教学评估。");
  } else {
    io::ReportTable eval_table;
    eval_table.header = {"课程", "授课人", "答卷",     "内容",  "联系实际",
                         "讲授", "材料",   "总体均分", "满意率"};
    eval_table.widths_mm = {0, 20, 12, 12, 14, 12, 12, 16, 16};
    io::BarChart eval_chart;
    eval_chart.title = "各课程总体评分（5 分制）";
    eval_chart.max_value = 5;
    eval_chart.decimals = 2;
    eval_chart.value_suffix = " 分";
    int hidden = 0;
    int threshold = 0;
    for (const auto& q : evaluations.questionnaires) {
      const auto& res = q.result;
      threshold = res.threshold;
      std::vector<std::string> row = {q.questionnaire.title, q.questionnaire.lecturer_name,
                                      std::to_string(res.responses)};
      if (!res.visible) {
        ++hidden;
        row.insert(row.end(), {"—", "—", "—", "—",
                               "不足 " + std::to_string(res.threshold) + " 份，不予显示", "—"});
      } else {
        for (const auto& item : res.items) row.push_back(Fixed(item.tally.Mean()));
        row.push_back(Fixed(res.overall.Mean()));
        row.push_back(res.overall.Satisfaction()
                          ? Percent(static_cast<int64_t>(*res.overall.Satisfaction() * 1000), 1000)
                          : "—");
        eval_chart.labels.push_back(q.questionnaire.title);
        eval_chart.values.push_back(res.overall.Mean().value_or(0));
      }
      eval_table.rows.push_back(std::move(row));
    }
    r.Table(std::move(eval_table));
    r.Note("为保护匿名，答卷少于 " + std::to_string(threshold) + " 份的问卷只显示份数，不显示结果" +
           (hidden > 0 ? "（本班 " + std::to_string(hidden) + " 份问卷）" : std::string()) +
           "。满意率为评 4、5 分的比例。");
    if (!eval_chart.labels.empty()) r.Chart(std::move(eval_chart));
  }

  // ---- 七、结业情况
  r.Heading("七、结业情况");
  std::vector<std::string> completed;
  std::vector<std::string> excellent;
  io::ReportTable not_done;
  not_done.header = {"姓名", "单位", "结论", "原因"};
  not_done.widths_mm = {26, 40, 16, 0};
  std::map<std::string, std::pair<int, int>> unit_hours;  // unit -> (trainees, tenths)
  for (const auto& t : done.trainees) {
    const auto& d = *t.decision;
    if (d.outcome == "completed") {
      completed.push_back(t.name);
      auto& u = unit_hours[t.unit_name.empty() ? "（未填单位）" : t.unit_name];
      ++u.first;
      u.second += d.credited_tenths;
    } else {
      std::vector<std::string> reasons;
      for (const auto& reason : d.reasons) reasons.push_back(reason.message_zh);
      if (!d.override_reason.empty()) reasons.push_back("调整：" + d.override_reason);
      not_done.rows.push_back({t.name, t.unit_name, OutcomeLabel(d.outcome), Join(reasons, "；")});
    }
    if (t.excellent == "approved") excellent.push_back(t.name);
  }
  r.Paragraph("结业学员（" + std::to_string(completed.size()) + " 名，按姓氏笔画排序）：" +
              (completed.empty() ? "无" : Join(completed)) + "。");
  r.Paragraph("优秀学员（" + std::to_string(excellent.size()) + " 名）：" +
              (excellent.empty() ? "无" : Join(excellent)) + "。");
  if (!not_done.rows.empty()) {
    r.Paragraph("未结业及退学学员：");
    r.Table(std::move(not_done));
  }

  // ---- 八、学时统计
  r.Heading("八、学时统计");
  io::ReportTable hours;
  hours.header = {"单位", "结业人数", "获得学时合计"};
  hours.widths_mm = {0, 26, 34};
  for (const auto& [unit, h] : unit_hours) {
    hours.rows.push_back({unit, std::to_string(h.first), Hours(h.second)});
  }
  hours.rows.push_back({"合计", std::to_string(completed.size()), Hours(credited_total)});
  r.Table(std::move(hours));
  r.Note(
      "学时为结业学员实际出勤场次的学时之和；本总结由 peixun 生成，可在 Word 或 WPS "
      "中修改后归档。");
  return r;
}

Result<std::string> ClassSummaryService::Pdf(const Principal& who, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(io::Report r, Build(who, class_id));
  return io::ReportPdf(r);
}

Result<std::string> ClassSummaryService::Docx(const Principal& who, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(io::Report r, Build(who, class_id));
  return io::ReportDocx(r);
}

Result<std::string> ClassSummaryService::FileStem(const Principal& who, int64_t class_id) {
  return store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass,
                            classes::ClassService::GetIn(tx, class_id));
    return "培训总结_" + klass.name;
  });
}

}  // namespace peixun::app
