#include "modules/demo/demo_assessment.h"

#include "core/clock.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::demo {
namespace {

using assessment::QuestionInput;

constexpr int64_t kMinuteMs = 60 * 1000;

// Each question carries its topic and the lecture that teaches it (the titles of
// demo_class.cc's timetable), so an exam can draw by either.
struct TopicLecture {
  std::string_view topic, lecture;
};
constexpr TopicLecture kTopics[] = {
    {"管理沟通艺术", "《基础党务工作者管理沟通艺术》"},
    {"经济形势", "《当前我国经济形势及热点分析》"},
    {"两新组织发展", "《准确把握新时代内涵,为非公企业和社会组织发展提供商机》"},
    {"党建基础", "《基层党组织书记履职能力提升》"},
};
// The day-1 lectures' topics: the evening quiz asks these.
constexpr std::string_view kDayOneTopics[] = {"管理沟通艺术", "经济形势"};

std::vector<std::string> Tags(const std::string& topic) {
  for (const TopicLecture& t : kTopics) {
    if (t.topic == topic) return {topic, std::string(t.lecture)};
  }
  return {topic};
}

QuestionInput Choice(const std::string& kind, const std::string& stem,
                     std::vector<std::string> options, std::vector<int> correct,
                     const std::string& tag, int points) {
  QuestionInput q;
  q.kind = kind;
  q.stem = stem;
  q.options = std::move(options);
  q.correct = std::move(correct);
  q.tags = Tags(tag);
  q.points = points;
  if (kind == "multiple") q.credit = "partial";
  return q;
}
QuestionInput Judge(const std::string& stem, bool truth, const std::string& tag) {
  QuestionInput q;
  q.kind = "true_false";
  q.stem = stem;
  q.correct = {truth ? core::kTrueOption : core::kFalseOption};
  q.tags = Tags(tag);
  q.points = 2;
  return q;
}
QuestionInput Fill(const std::string& stem, std::vector<std::string> accepted,
                   const std::string& tag) {
  QuestionInput q;
  q.kind = "fill_in";
  q.stem = stem;
  q.accepted = std::move(accepted);
  q.tags = Tags(tag);
  q.points = 2;
  return q;
}

// 40 questions whose points add up to 100: 20 single choice × 2, 8 multiple
// choice × 3 (partial credit), 8 true/false × 2, 3 fill-in × 2, 1 short answer × 14.
std::vector<QuestionInput> Bank() {
  const std::string comm = "管理沟通艺术", econ = "经济形势", two = "两新组织发展",
                    base = "党建基础";
  return {
      Choice("single", "“三会一课”中的“一课”是指", {"团课", "党课", "网课", "公开课"}, {1}, base,
             2),
      Choice("single", "党支部党员大会一般每季度召开", {"一次", "两次", "三次", "四次"}, {0}, base,
             2),
      Choice("single", "党小组会一般每月召开", {"一次", "两次", "三次", "每周一次"}, {0}, base, 2),
      Choice("single", "正式党员不按照规定交纳党费连续超过几个月且无正当理由，视为自行脱党",
             {"三个月", "六个月", "九个月", "十二个月"}, {1}, base, 2),
      Choice("single", "预备党员的预备期为", {"半年", "一年", "两年", "三年"}, {1}, base, 2),
      Choice("single", "党的基层组织设立的条件是有正式党员",
             {"三人以上", "五人以上", "七人以上", "十人以上"}, {0}, base, 2),
      Choice("single", "主题党日一般每月开展", {"一次", "两次", "三次", "四次"}, {0}, base, 2),
      Choice("single", "有效沟通的第一步是", {"倾听", "说服", "表态", "批评"}, {0}, comm, 2),
      Choice("single", "与群众沟通时，最能建立信任的做法是",
             {"换位思考、说到做到", "多讲政策条文", "回避矛盾", "只报喜不报忧"}, {0}, comm, 2),
      Choice("single", "开会布置工作时，最有助于落实的是",
             {"明确责任人和时限", "讲话越长越好", "只讲原则", "会后不再跟进"}, {0}, comm, 2),
      Choice("single", "处理居民投诉时首先应当",
             {"稳定情绪、了解诉求", "立即反驳", "推给上级", "让其写书面材料后再说"}, {0}, comm, 2),
      Choice("single", "“非暴力沟通”的四个要素不包括", {"观察", "感受", "需要", "命令"}, {3}, comm,
             2),
      Choice("single", "衡量一个国家经济总规模最常用的指标是", {"GDP", "CPI", "PMI", "M2"}, {0},
             econ, 2),
      Choice("single", "CPI 反映的是",
             {"居民消费价格变动", "工业生产增速", "货币供应量", "进出口总额"}, {0}, econ, 2),
      Choice("single", "PMI 高于多少通常表示制造业扩张", {"50%", "40%", "60%", "100%"}, {0}, econ,
             2),
      Choice("single", "“六稳”中排在首位的是", {"稳就业", "稳金融", "稳外贸", "稳外资"}, {0}, econ,
             2),
      Choice("single", "“两新”组织是指",
             {"新经济组织和新社会组织", "新企业和新机关", "新社区和新村庄", "新学校和新医院"}, {0},
             two, 2),
      Choice("single", "非公有制企业党组织的主要职责之一是",
             {"引导和监督企业遵守国家法律法规", "直接决定企业经营", "代替工会工作", "审批企业投资"},
             {0}, two, 2),
      Choice("single", "社会组织中党员人数不足三人的，一般采取",
             {"联合建立党组织或选派党建指导员", "不建立任何组织", "由企业主代管", "撤销该社会组织"},
             {0}, two, 2),
      Choice("single", "为非公企业提供商机，党组织应当",
             {"搭建平台、优化服务", "直接参与分红", "替企业签订合同", "限制企业竞争"}, {0}, two, 2),
      Choice("multiple", "“三会一课”包括", {"支部党员大会", "支部委员会", "党小组会", "党课"},
             {0, 1, 2, 3}, base, 3),
      Choice("multiple", "党员的权利包括",
             {"参加党的有关会议", "在党的会议上参加讨论", "对党的工作提出建议", "拒绝执行党的决定"},
             {0, 1, 2}, base, 3),
      Choice("multiple", "有效倾听的做法有",
             {"目光交流", "适时复述对方要点", "不打断", "边听边看手机"}, {0, 1, 2}, comm, 3),
      Choice("multiple", "做好群众工作的基本方法有",
             {"入户走访", "议事协商", "公开透明", "闭门决策"}, {0, 1, 2}, comm, 3),
      Choice("multiple", "拉动经济增长的“三驾马车”是", {"投资", "消费", "出口", "税收"}, {0, 1, 2},
             econ, 3),
      Choice("multiple", "当前稳增长的政策工具包括",
             {"减税降费", "专项债", "降准降息", "提高关税壁垒"}, {0, 1, 2}, econ, 3),
      Choice("multiple", "非公企业党建“两个覆盖”是指",
             {"组织覆盖", "工作覆盖", "资金覆盖", "人员覆盖"}, {0, 1}, two, 3),
      Choice("multiple", "社会组织党建工作的重点有",
             {"政治引领", "服务群众", "规范管理", "追求利润最大化"}, {0, 1, 2}, two, 3),
      Judge("党支部委员会会议一般每月召开一次。", true, base),
      Judge("预备党员享有表决权、选举权和被选举权。", false, base),
      Judge("沟通时只要把道理讲清楚，对方的情绪可以不管。", false, comm),
      Judge("批评别人时对事不对人，更容易被接受。", true, comm),
      Judge("CPI 持续上涨意味着货币购买力下降。", true, econ),
      Judge("GDP 增速越高，经济发展质量一定越好。", false, econ),
      Judge("党组织在非公企业中发挥政治引领作用。", true, two),
      Judge("社会组织不需要建立党的组织。", false, two),
      Fill("党的组织生活基本制度是____。", {"三会一课"}, base),
      Fill("衡量物价水平最常用的指标简称____。", {"CPI", "居民消费价格指数"}, econ),
      Fill("“两新”组织指新经济组织和新____组织。", {"社会"}, two),
      [&] {
        QuestionInput q;
        q.kind = "short_answer";
        q.stem = "结合本社区实际，谈谈书记如何用好沟通艺术做好群众工作。";
        q.rubric = "倾听诉求 4 分；换位思考 4 分；说到做到、及时反馈 3 分；结合实例 3 分";
        q.points = 14;
        q.tags = Tags(comm);
        return q;
      }(),
  };
}

// A deterministic generator, so the demo is the same on every load.
struct Lcg {
  uint64_t state;
  double Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  }
};

}  // namespace

Result<DemoAssessmentCounts> LoadDemoAssessment(store::Store& store, int64_t class_id,
                                                const Principal& head_teacher) {
  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";
  DemoAssessmentCounts counts;

  struct Context {
    std::vector<timetable::ClassSession> exam_sessions;  // by start
    std::vector<int64_t> trainees;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Context ctx, store::ReadValue<Context>(store, [&](store::Tx& tx) -> Result<Context> {
        Context c;
        PEIXUN_ASSIGN_OR_RETURN(auto sessions,
                                timetable::SessionService::ListForClassIn(tx, class_id));
        for (const auto& s : sessions) {
          if (s.kind == timetable::SessionKind::kExam) c.exam_sessions.push_back(s);
        }
        std::sort(c.exam_sessions.begin(), c.exam_sessions.end(),
                  [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
        if (c.exam_sessions.size() < 2) {
          return NotFound("demo.exam", "演示班缺少随堂测验和结业考试场次",
                          "the demo class lacks its quiz and closing exam sessions");
        }
        PEIXUN_ASSIGN_OR_RETURN(c.trainees,
                                enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
        std::sort(c.trainees.begin(), c.trainees.end());
        return c;
      }));
  const timetable::ClassSession& quiz_session = ctx.exam_sessions.front();
  const timetable::ClassSession& closing_session = ctx.exam_sessions.back();

  int64_t now = quiz_session.start_ms - 24 * 60 * kMinuteMs;
  auto clock = [&now] { return now; };
  assessment::QuestionBankService bank(store, clock);
  assessment::ExamService exams(store, clock);
  assessment::AttemptService attempts(store, clock);

  PEIXUN_ASSIGN_OR_RETURN(
      auto b, bank.CreateBank(admin, "2020年社区和“两新”党组织书记培训题库", "中共×区委组织部"));
  std::vector<int64_t> ids, quiz_ids;
  for (const QuestionInput& q : Bank()) {
    PEIXUN_ASSIGN_OR_RETURN(auto made, bank.Create(admin, b.id, q));
    ids.push_back(made.id);
    if (std::find(std::begin(kDayOneTopics), std::end(kDayOneTopics), q.tags.front()) !=
        std::end(kDayOneTopics)) {
      quiz_ids.push_back(made.id);
    }
  }
  counts.questions = static_cast<int>(ids.size());
  counts.quiz_questions = static_cast<int>(quiz_ids.size());

  // Made in this order on purpose: the class's exam for completion is its last one
  // (assessment/exam_outcomes.h), the closing exam, never the quiz.
  assessment::ExamInput quiz_in;
  quiz_in.session_id = quiz_session.id;
  quiz_in.bank_id = b.id;
  quiz_in.question_ids = quiz_ids;
  quiz_in.time_limit_minutes = 25;
  PEIXUN_ASSIGN_OR_RETURN(assessment::Exam quiz, exams.Create(head_teacher, quiz_in));
  counts.quiz_exam_id = quiz.id;
  assessment::ExamInput closing_in;
  closing_in.session_id = closing_session.id;
  closing_in.bank_id = b.id;
  closing_in.question_ids = ids;
  closing_in.time_limit_minutes = 80;
  PEIXUN_ASSIGN_OR_RETURN(assessment::Exam closing, exams.Create(head_teacher, closing_in));
  counts.closing_exam_id = closing.id;
  // The seed class is in progress (demo_history.h): nothing happens ahead of now.
  // The closing exam is set up and not taken; the quiz, which has ended, has been
  // taken by every trainee, graded and released.
  if (quiz_session.end_ms > NowMillis()) return counts;

  Lcg rng{20200602};
  for (size_t t = 0; t < ctx.trainees.size(); ++t) {
    Principal trainee;
    trainee.role = Role::kTrainee;
    trainee.username = "p" + std::to_string(ctx.trainees[t]);
    trainee.person_id = ctx.trainees[t];
    now = quiz_session.start_ms + static_cast<int64_t>(rng.Next() * 4) * kMinuteMs +
          static_cast<int64_t>(rng.Next() * 59) * 1000;
    PEIXUN_ASSIGN_OR_RETURN(auto attempt, attempts.Start(trainee, quiz.id));
    // Ability: most trainees between 0.66 and 0.96; about one in twenty-five weaker.
    const double ability = rng.Next() < 0.04 ? 0.25 + 0.25 * rng.Next() : 0.66 + 0.30 * rng.Next();
    int key = 0;
    std::vector<assessment::AttemptService::AnswerWrite> writes;
    for (const assessment::ExamQuestion& eq : quiz.paper) {
      const assessment::Question& q = eq.question;
      const bool right = rng.Next() < ability;
      core::Response r;
      switch (q.kind) {
        case core::QuestionKind::kSingleChoice:
        case core::QuestionKind::kTrueFalse:
          r.selected = {right ? q.correct[0]
                              : (q.correct[0] + 1) % static_cast<int>(q.options.size())};
          break;
        case core::QuestionKind::kMultipleChoice:
          r.selected = q.correct;
          if (!right) r.selected.pop_back();  // one option short: partial credit
          break;
        case core::QuestionKind::kFillIn:
          r.text = right ? q.accepted[0] : "不清楚";
          break;
        case core::QuestionKind::kShortAnswer:
          r.text = ability > 0.8 ? "首先要耐心倾听群众诉求，换位思考；其次要说到做到，事事有回音。"
                                   "比如我们社区加装电梯，书记逐户上门听意见，议事协商后公开进度，"
                                   "居民从反对到支持。"
                   : ability > 0.6 ? "坚持倾听群众诉求，换位思考，说到做到，及时反馈办理结果。"
                                   : "多和群众沟通，多开会。";
          break;
      }
      writes.push_back(
          {q.id, r, "demo-" + std::to_string(attempt.attempt_id) + "-" + std::to_string(key++)});
    }
    // One batch, as a phone's queue would send it (one transaction, not nineteen).
    now += (12 + static_cast<int64_t>(rng.Next() * 10)) * kMinuteMs;
    PEIXUN_RETURN_IF_ERROR(attempts.SaveAnswers(trainee, attempt.attempt_id, writes));
    PEIXUN_RETURN_IF_ERROR(attempts.Submit(trainee, attempt.attempt_id));
    ++counts.quiz_attempts;
  }
  // That evening the head teacher grades the short answer against its rubric and
  // releases the results.
  now = quiz_session.end_ms + 40 * kMinuteMs;
  for (const assessment::ExamQuestion& eq : quiz.paper) {
    if (eq.question.kind != core::QuestionKind::kShortAnswer) continue;
    PEIXUN_ASSIGN_OR_RETURN(auto items,
                            exams.AnswersToGrade(head_teacher, quiz.id, eq.question.id));
    for (const auto& item : items) {
      const int points = eq.points_centi / 100;
      const int score = item.text.size() > 120  ? points - static_cast<int>(rng.Next() * 3)
                        : item.text.size() > 60 ? points * 2 / 3 - static_cast<int>(rng.Next() * 2)
                                                : points / 3;
      PEIXUN_RETURN_IF_ERROR(exams.Grade(head_teacher, item.attempt_id, eq.question.id, score * 100,
                                         score >= points * 3 / 4 ? "要点齐全，结合实例"
                                         : score >= points / 2 ? "要点基本齐全，缺少实例"
                                                               : "要点不全"));
    }
  }
  now += 20 * kMinuteMs;
  PEIXUN_RETURN_IF_ERROR(exams.Release(head_teacher, quiz.id));
  PEIXUN_ASSIGN_OR_RETURN(assessment::ExamResults results, exams.Results(head_teacher, quiz.id));
  for (const auto& p : results.people) {
    if (p.passed == false) ++counts.quiz_below_pass;
  }
  return counts;
}

}  // namespace peixun::demo
