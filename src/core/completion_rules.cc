#include "core/completion_rules.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace peixun::core {
namespace {

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

}  // namespace

SessionOutcome OutcomeOf(const AttendanceResult& result, int hours_tenths) {
  SessionOutcome outcome;
  outcome.status = result.status;
  outcome.late = result.late;
  outcome.left_early = result.left_early;
  outcome.left_midway = result.left_midway;
  outcome.hours_tenths = hours_tenths;
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
  }
  return "";
}

CompletionVerdict EvaluateCompletion(const CompletionInput& input, const CompletionRules& rules) {
  const int64_t num = std::max(rules.leave_share_num, 0);
  const int64_t den = std::max(rules.leave_share_den, 1);
  const int64_t total = std::max(input.class_total_tenths, 0);
  const std::string limit_share = std::to_string(num) + "/" + std::to_string(den);

  CompletionVerdict verdict;
  int64_t excused = 0;
  int64_t credited = 0;
  int64_t longest_undecided = 0;
  for (const SessionOutcome& session : input.sessions) {
    const int64_t hours = std::max(session.hours_tenths, 0);
    if (!session.status) {
      longest_undecided = std::max(longest_undecided, hours);
      continue;
    }
    switch (*session.status) {
      case AttendanceStatus::kAttended:
        credited += hours;
        verdict.discipline_count +=
            int{session.late} + int{session.left_early} + int{session.left_midway};
        break;
      case AttendanceStatus::kExcused:
        excused += hours;
        break;
      case AttendanceStatus::kAbsent:
        ++verdict.absences;
        break;
    }
  }
  verdict.excused_tenths = static_cast<int>(excused);
  verdict.credited_tenths = static_cast<int>(credited);
  verdict.leave_share = total > 0 ? Reduced(excused, total) : Fraction{};

  // Failed rules, in the header's order.
  std::vector<CompletionReason> failed;
  if (ShareExceeds(excused, total, num, den)) {
    const std::string share = FractionText(verdict.leave_share);
    Add(failed, "completion.leave_share",
        "请假学时占比 " + share + " 超过 " + limit_share + "（应退学）",
        "leave share " + share + " exceeds " + limit_share + " (withdrawal)");
  }
  if (verdict.absences > rules.max_absences) {
    Add(failed, "completion.absences",
        "缺勤 " + std::to_string(verdict.absences) + " 次，超过上限 " +
            std::to_string(rules.max_absences) + " 次",
        std::to_string(verdict.absences) + " absences, more than the limit of " +
            std::to_string(rules.max_absences));
  }
  if (verdict.discipline_count > rules.max_discipline) {
    Add(failed, "completion.discipline",
        "违纪（迟到、早退、中途外出）" + std::to_string(verdict.discipline_count) +
            " 次，超过上限 " + std::to_string(rules.max_discipline) + " 次",
        std::to_string(verdict.discipline_count) +
            " discipline flags (late, left early, left midway), more than the limit of " +
            std::to_string(rules.max_discipline));
  }
  if (input.class_has_exam) {
    if (input.exam_score && *input.exam_score < rules.pass_mark) {
      Add(failed, "completion.exam.failed",
          "考试成绩 " + std::to_string(*input.exam_score) + " 分，低于合格分 " +
              std::to_string(rules.pass_mark) + " 分",
          "exam score " + std::to_string(*input.exam_score) + " is below the pass mark of " +
              std::to_string(rules.pass_mark));
    } else if (!input.exam_score && input.class_finished) {
      Add(failed, "completion.exam.missing", "未参加考试", "no exam score");
    }
  }
  if (rules.reflection_required && !input.reflection_submitted && input.class_finished) {
    Add(failed, "completion.reflection.missing", "未提交心得体会", "no reflection paper submitted");
  }

  if (input.class_finished) {
    verdict.state = failed.empty() ? CompletionVerdict::State::kCompleted
                                   : CompletionVerdict::State::kNotCompleted;
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
    const std::string share = FractionText(verdict.leave_share);
    const std::string next = HoursText(longest_undecided);
    Add(risks, "completion.leave_share.at_risk",
        "请假学时占比 " + share + "，再请假 " + next + " 学时将超过 " + limit_share,
        "leave share " + share + "; " + next + " more hours of leave would exceed " + limit_share);
  }
  if (verdict.absences > 0 && verdict.absences == rules.max_absences) {
    Add(risks, "completion.absences.at_risk",
        "缺勤已达上限 " + std::to_string(rules.max_absences) + " 次，再缺勤一次将不能结业",
        "absences at the limit of " + std::to_string(rules.max_absences) +
            "; one more means no completion");
  }
  if (verdict.discipline_count > 0 && verdict.discipline_count == rules.max_discipline) {
    Add(risks, "completion.discipline.at_risk",
        "违纪已达上限 " + std::to_string(rules.max_discipline) + " 次，再有一次将不能结业",
        "discipline flags at the limit of " + std::to_string(rules.max_discipline) +
            "; one more means no completion");
  }
  verdict.state =
      risks.empty() ? CompletionVerdict::State::kOnTrack : CompletionVerdict::State::kAtRisk;
  verdict.reasons = std::move(risks);
  return verdict;
}

}  // namespace peixun::core
