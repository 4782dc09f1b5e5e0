#include "core/completion_rules.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace peixun::core {
namespace {

// "1 absence", "2 absences": English counts agree with their noun.
std::string Counted(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

Fraction Reduced(int64_t num, int64_t den) {
  if (num <= 0 || den <= 0) return Fraction{};
  const int64_t g = std::gcd(num, den);
  return Fraction{num / g, den / g};
}

std::string FractionText(const Fraction& f) {
  return std::to_string(f.num) + "/" + std::to_string(f.den);
}

// "2.5" or "2": 学时 from tenths.
std::string HoursText(int64_t tenths) {
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

// excused × den > num × total: the share exceeds num/den (total > 0).
bool ShareExceeds(int64_t excused, int64_t total, int64_t num, int64_t den) {
  return total > 0 && excused * den > num * total;
}

void Add(std::vector<CompletionReason>& reasons, std::string code, std::string zh, std::string en) {
  reasons.push_back(CompletionReason{std::move(code), std::move(zh), std::move(en)});
}

// At most this many sessions are named in one reason; the rest are counted.
constexpr size_t kMaxNamed = 5;

// "A、B、C" / "A, B, C", at most kMaxNamed labels and then "等 N 次" / "and N more".
// Empty when no label is known.
void JoinLabels(const std::vector<std::string>& labels, std::string& zh, std::string& en) {
  zh.clear();
  en.clear();
  size_t named = 0;
  for (const std::string& label : labels) {
    if (label.empty()) continue;
    if (named == kMaxNamed) {
      zh += " 等 " + std::to_string(labels.size()) + " 次";
      en += " and " + std::to_string(labels.size() - kMaxNamed) + " more";
      return;
    }
    zh += (named ? "、" : "") + label;
    en += (named ? ", " : "") + label;
    ++named;
  }
}

// Which sessions made a count: the labels of absent sessions, or of each flag.
struct Named {
  std::vector<std::string> absent, late, left_early, left_midway;
};

// "（迟到：A；早退：B）" / " (late: A; left early: B)": the flagged sessions by kind.
void DisciplineDetail(const Named& named, std::string& zh, std::string& en) {
  zh.clear();
  en.clear();
  const struct {
    const std::vector<std::string>* labels;
    const char* zh;
    const char* en;
  } kinds[] = {{&named.late, "迟到", "late"},
               {&named.left_early, "早退", "left early"},
               {&named.left_midway, "中途外出", "left midway"}};
  for (const auto& kind : kinds) {
    std::string list_zh, list_en;
    JoinLabels(*kind.labels, list_zh, list_en);
    if (list_zh.empty()) continue;
    zh += std::string(zh.empty() ? "" : "；") + kind.zh + "：" + list_zh;
    en += std::string(en.empty() ? "" : "; ") + kind.en + ": " + list_en;
  }
  if (!zh.empty()) {
    zh = "（" + zh + "）";
    en = " (" + en + ")";
  }
}

}  // namespace

SessionOutcome OutcomeOf(const AttendanceResult& result, int hours_tenths, std::string label) {
  SessionOutcome outcome;
  outcome.status = result.status;
  outcome.late = result.late;
  outcome.left_early = result.left_early;
  outcome.left_midway = result.left_midway;
  outcome.hours_tenths = hours_tenths;
  outcome.label = std::move(label);
  return outcome;
}

const char* CompletionStateCode(CompletionVerdict::State state) {
  switch (state) {
    case CompletionVerdict::State::kOnTrack:
      return "on_track";
    case CompletionVerdict::State::kAtRisk:
      return "at_risk";
    case CompletionVerdict::State::kIneligible:
      return "ineligible";
    case CompletionVerdict::State::kCompleted:
      return "completed";
    case CompletionVerdict::State::kNotCompleted:
      return "not_completed";
    case CompletionVerdict::State::kNotAssessed:
      return "not_assessed";
  }
  return "";
}

CompletionVerdict EvaluateCompletion(const CompletionInput& input, const CompletionRules& rules) {
  const int64_t num = std::max(rules.leave_share_num, 0);
  const int64_t den = std::max(rules.leave_share_den, 1);
  const std::string limit_share = std::to_string(num) + "/" + std::to_string(den);

  CompletionVerdict verdict;
  int64_t total = 0;  // the programme: every session, decided or not
  int64_t excused = 0;
  int64_t credited = 0;
  int64_t longest_undecided = 0;
  Named named;
  for (const SessionOutcome& session : input.sessions) {
    const int64_t hours = std::max(session.hours_tenths, 0);
    total += hours;
    if (!session.status) {
      longest_undecided = std::max(longest_undecided, hours);
      continue;
    }
    switch (*session.status) {
      case AttendanceStatus::kAttended:
        credited += hours;
        verdict.discipline_count +=
            int{session.late} + int{session.left_early} + int{session.left_midway};
        if (session.late) named.late.push_back(session.label);
        if (session.left_early) named.left_early.push_back(session.label);
        if (session.left_midway) named.left_midway.push_back(session.label);
        break;
      case AttendanceStatus::kExcused:
        excused += hours;
        break;
      case AttendanceStatus::kAbsent:
        ++verdict.absences;
        named.absent.push_back(session.label);
        break;
    }
  }
  verdict.programme_tenths = static_cast<int>(total);
  verdict.excused_tenths = static_cast<int>(excused);
  verdict.credited_tenths = static_cast<int>(credited);
  verdict.leave_share = total > 0 ? Reduced(excused, total) : Fraction{};
  // "请假 3.5 学时，占应修 24 学时的 7/48" / "3.5 of 24 programme hours on leave (7/48)"
  const std::string share = FractionText(verdict.leave_share);
  const std::string leave_zh =
      "请假 " + HoursText(excused) + " 学时，占应修 " + HoursText(total) + " 学时的 " + share;
  const std::string leave_en =
      HoursText(excused) + " of " + HoursText(total) + " programme hours on leave (" + share + ")";

  // Failed rules, in the header's order.
  std::vector<CompletionReason> failed;
  if (ShareExceeds(excused, total, num, den)) {
    Add(failed, "completion.leave_share", leave_zh + "，超过 " + limit_share + "（应退学）",
        leave_en + ", more than " + limit_share + " (withdrawal)");
  }
  if (verdict.absences > rules.max_absences) {
    std::string which_zh, which_en;
    JoinLabels(named.absent, which_zh, which_en);
    Add(failed, "completion.absences",
        "缺勤 " + std::to_string(verdict.absences) + " 次" +
            (which_zh.empty() ? "" : "（" + which_zh + "）") + "，超过上限 " +
            std::to_string(rules.max_absences) + " 次",
        Counted(verdict.absences, "absence", "absences") +
            (which_en.empty() ? "" : " (" + which_en + ")") + ", more than the limit of " +
            std::to_string(rules.max_absences));
  }
  if (verdict.discipline_count > rules.max_discipline) {
    std::string which_zh, which_en;
    DisciplineDetail(named, which_zh, which_en);
    Add(failed, "completion.discipline",
        "违纪（迟到、早退、中途外出）" + std::to_string(verdict.discipline_count) + " 次" +
            which_zh + "，超过上限 " + std::to_string(rules.max_discipline) + " 次",
        Counted(verdict.discipline_count, "discipline flag", "discipline flags") +
            " (late, left early, left midway)" + which_en + ", more than the limit of " +
            std::to_string(rules.max_discipline));
  }
  if (!input.assessment_known) {
    verdict.not_assessed.push_back("completion.exam.not_assessed");
    if (rules.reflection_required) {
      verdict.not_assessed.push_back("completion.reflection.not_assessed");
    }
    if (rules.evaluations_required) {
      verdict.not_assessed.push_back("completion.evaluations.not_assessed");
    }
  } else {
    if (input.class_has_exam) {
      if (input.exam_score_tenths && *input.exam_score_tenths < rules.pass_mark_tenths) {
        const std::string score = HoursText(std::max(*input.exam_score_tenths, 0));
        const std::string mark = HoursText(rules.pass_mark_tenths);
        Add(failed, "completion.exam.failed",
            "考试成绩 " + score + " 分，低于合格分 " + mark + " 分",
            "exam score " + score + " is below the pass mark of " + mark);
      } else if (!input.exam_score_tenths && input.class_finished) {
        Add(failed, "completion.exam.missing", "未参加考试", "no exam score");
      }
    }
    if (rules.reflection_required && input.class_finished) {
      if (input.reflection == ReflectionState::kMissing) {
        Add(failed, "completion.reflection.missing", "未提交心得体会",
            "no reflection paper submitted");
      } else if (input.reflection == ReflectionState::kFailed) {
        Add(failed, "completion.reflection.failed", "心得体会评定为不合格",
            "the reflection paper was graded as failed");
      }
    }
    if (rules.evaluations_required && input.class_finished &&
        input.evaluations_answered < input.evaluations_due) {
      const int left = input.evaluations_due - std::max(input.evaluations_answered, 0);
      Add(failed, "completion.evaluations.missing",
          "有 " + std::to_string(left) + " 份评估问卷未填写（共 " +
              std::to_string(input.evaluations_due) + " 份）",
          std::to_string(left) + " of " + std::to_string(input.evaluations_due) +
              " evaluations not answered");
    }
  }

  if (input.class_finished) {
    verdict.state = !failed.empty()                 ? CompletionVerdict::State::kNotCompleted
                    : !verdict.not_assessed.empty() ? CompletionVerdict::State::kNotAssessed
                                                    : CompletionVerdict::State::kCompleted;
    verdict.reasons = std::move(failed);
    return verdict;
  }
  if (!failed.empty()) {
    verdict.state = CompletionVerdict::State::kIneligible;
    verdict.reasons = std::move(failed);
    return verdict;
  }

  std::vector<CompletionReason> risks;
  if (excused > 0 && longest_undecided > 0 &&
      ShareExceeds(excused + longest_undecided, total, num, den)) {
    const std::string next = HoursText(longest_undecided);
    Add(risks, "completion.leave_share.at_risk",
        leave_zh + "，再请假 " + next + " 学时将超过 " + limit_share,
        leave_en + "; " + next + " more hours of leave would exceed " + limit_share);
  }
  if (verdict.absences > 0 && verdict.absences == rules.max_absences) {
    std::string which_zh, which_en;
    JoinLabels(named.absent, which_zh, which_en);
    Add(risks, "completion.absences.at_risk",
        "缺勤已达上限 " + std::to_string(rules.max_absences) + " 次" +
            (which_zh.empty() ? "" : "（" + which_zh + "）") + "，再缺勤一次将不能结业",
        "absences at the limit of " + std::to_string(rules.max_absences) +
            (which_en.empty() ? "" : " (" + which_en + ")") + "; one more means no completion");
  }
  if (verdict.discipline_count > 0 && verdict.discipline_count == rules.max_discipline) {
    Add(risks, "completion.discipline.at_risk",
        "违纪已达上限 " + std::to_string(rules.max_discipline) + " 次，再有一次将不能结业",
        "discipline flags at the limit of " + std::to_string(rules.max_discipline) +
            "; one more means no completion");
  }
  if (input.assessment_known && rules.reflection_required &&
      input.reflection == ReflectionState::kFailed) {
    Add(risks, "completion.reflection.at_risk", "心得体会评定为不合格，需在结业前重新提交",
        "the reflection paper was graded as failed; resubmit it before the class ends");
  }
  verdict.state =
      risks.empty() ? CompletionVerdict::State::kOnTrack : CompletionVerdict::State::kAtRisk;
  verdict.reasons = std::move(risks);

  // What is still possible: the largest excused total E with E × den ≤ num × programme.
  const int64_t allowed = total > 0 ? num * total / den : 0;
  verdict.leave_tenths_left = static_cast<int>(std::max<int64_t>(allowed - excused, 0));
  verdict.absences_left = std::max(rules.max_absences - verdict.absences, 0);
  verdict.discipline_left = std::max(rules.max_discipline - verdict.discipline_count, 0);
  verdict.still_possible_zh = "还可请假 " + HoursText(verdict.leave_tenths_left) +
                              " 学时，还可缺勤 " + std::to_string(verdict.absences_left) +
                              " 次，还可违纪 " + std::to_string(verdict.discipline_left) + " 次";
  verdict.still_possible_en =
      "may still miss " + HoursText(verdict.leave_tenths_left) + " hours on leave, " +
      Counted(verdict.absences_left, "more absence", "more absences") + ", " +
      Counted(verdict.discipline_left, "more discipline flag", "more discipline flags");
  return verdict;
}

}  // namespace peixun::core
