#include "modules/demo/demo_feedback.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/clock.h"
#include "modules/classes/class_service.h"
#include "modules/demo/demo_names.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_service.h"
#include "modules/reflection/reflection_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::demo {
namespace {

Principal TraineeOf(int64_t person_id) {
  Principal p;
  p.role = Role::kTrainee;
  p.person_id = person_id;
  p.username = "p" + std::to_string(person_id);
  return p;
}

// Six paragraphs, eight ways of writing each: the opening, the two day-1 lectures,
// the on-site teaching, the writer's plan, the close.
using Section = std::array<std::string_view, 8>;
constexpr std::array<Section, 6> kSections = {{
    {"这次区委组织部举办的社区和“两新”党组织书记培训班，时间虽短，但安排紧凑、内容丰富，使我受益匪"
     "浅。",
     "非常珍惜这次脱产学习的机会，四天里我静下心来听讲座、看现场、谈体会，对书记这个岗位有了更深的"
     "认识。",
     "作为一名刚接任不到两年的社区书记，我是带着工作中的困惑来参加培训的，几天下来，很多问题找到了"
     "答案。",
     "参加这次培训，既是一次理论充电，也是一次思想洗礼，让我重新审视了自己这些年来的工作方法。",
     "于部长在开班动员时提出要“交出一份优异的答卷”，这句话我一直记在心里，带着它听完了每一堂课。",
     "我在企业从事党务工作多年，这是第一次和社区书记们一起学习，视野一下子打开了。",
     "培训班把理论讲授、现场教学和分组讨论结合起来，形式新颖，我全程认真参加，做了二十多页笔记。",
     "回顾几天的学习生活，我最大的感受是：基层党组织书记既要有政治定力，也要有为民办事的真本领。"},
    {"王立新教授讲的管理沟通艺术让我印象最深，他说沟通的第一步是倾听，这正是我平时做得不够的地方。",
     "听了《基础党务工作者管理沟通艺术》专题讲座，我认识到做群众工作不能只讲政策条文，更要换位思考"
     "。",
     "王教授用大量案例说明，居民投诉时先稳定情绪、再了解诉求，往往比急于解释效果更好，我回去就要用"
     "上。",
     "管理沟通课上讲到“对事不对人”的批评方法，我联想到过去开会时的一些做法，确实有改进的空间。",
     "沟通艺术这一课让我明白，布置工作要明确责任人和时限，会后还要跟踪落实，否则再好的部署也会落空"
     "。",
     "讲座中关于非暴力沟通的观察、感受、需要、请求四个要素，对化解邻里纠纷很有启发。",
     "以前我总觉得把道理讲清楚就够了，王教授的课让我意识到，群众的情绪同样需要被看见、被回应。",
     "课堂上的情景模拟很实用，我扮演的是调解停车纠纷的书记，老师的点评让我看到了自己说话太急的毛病"
     "。"},
    {"李文华研究员对当前经济形势的分析深入浅出，让我对稳就业、保民生的政策有了系统的了解。",
     "经济形势专题让我认识到，社区虽小，却连着千家万户的就业和消费，基层党组织要主动服务稳增长大局"
     "。",
     "通过学习GDP、CPI、PMI这些指标，我第一次能把新闻里的经济数据和辖区商户的经营情况联系起来。",
     "李老师讲到减税降费和专项债等政策工具，我想到辖区里不少小微企业并不了解这些政策，需要我们去宣"
     "传。",
     "从经济形势课上我体会到，“六稳”“六保”不是遥远的口号，落到社区就是帮失业居民找岗位、帮小店渡难"
     "关。",
     "对消费、投资、出口“三驾马车”的讲解，使我对企业党建如何助力生产经营有了新的思考。",
     "听完经济形势分析，我更加坚定了信心：困难是暂时的，只要政策落实到位，基层就能稳得住。",
     "李研究员提醒我们看经济既要看速度更要看质量，这对我们谋划社区发展同样适用。"},
    {"在幸福社区党群服务中心的现场教学中，我看到了党建引领网格化治理的实际做法，很受触动。",
     "参观华信电子科技有限公司党建示范点，我体会到非公企业党组织只要找准切入点，就能和企业发展同频"
     "共振。",
     "阳光志愿者协会把党员志愿服务做成了品牌，这说明社会组织党建同样大有可为。",
     "民主社区的“居民议事厅”让我眼前一亮，大事小情由居民商量着办，矛盾少了，认同多了。",
     "现场教学中，博创软件公司的党支部书记介绍了“党员先锋岗”的做法，我准备回去在企业里试一试。",
     "团结社区把老旧小区改造和党建结合起来，党员带头、居民参与，这个经验值得我们街道推广。",
     "启明社会工作服务中心的专业社工与社区党组织联动，为困难群众提供精准服务，给了我很大启发。",
     "几处示范点各有特色，但共同点都是把党组织建在群众身边，把服务做到群众心坎上。"},
    {"回到岗位后，我打算先从完善“三会一课”制度入手，让支部组织生活严起来、实起来。",
     "下一步，我要带领社区两委班子每周入户走访，建立民情台账，做到群众诉求件件有回音。",
     "我将把学到的沟通方法用在物业纠纷调解上，推动成立由党员、业主和物业共同参与的协商小组。",
     "结合我们企业实际，我计划推行党员责任区，把党建工作和安全生产、技术攻关结合起来。",
     "今后我要注重培养年轻党员，给他们压担子、搭平台，为社区储备后备力量。",
     "我准备在社区开设“政策小课堂”，把稳就业、助企纾困的政策讲给辖区商户和居民听。",
     "针对我们协会党员流动性大的问题，我打算建立线上线下相结合的组织生活方式，让每名党员都有归属感"
     "。",
     "我要对照这次学习的先进经验，找差距、补短板，争取年底把社区党群服务中心打造成示范点。"},
    {"培训虽然即将结束，但学习永远在路上，我将以这次培训为新起点，努力做一名让组织放心、群众满意的"
     "书记。",
     "感谢区委组织部和培训中心的精心安排，我一定把所学所思转化为推动工作的实际行动。",
     "总之，这次培训让我找到了差距、明确了方向，我会以更加饱满的热情投入到基层党建工作中去。",
     "我深知，书记的担子就是责任，今后我将不忘初心，扎扎实实为群众办好每一件实事。",
     "学以致用才是培训的目的，我会把笔记整理好，在支部里组织一次专题学习，和党员们一起分享。",
     "几天的学习很快过去，同学们之间的交流也让我收获了友谊，今后要常联系、多交流、共进步。",
     "最后，我想用一句话概括这次培训的收获：心中有群众，脚下有力量。",
     "我将牢记培训班提出的要求，认认真真学、扎扎实实干，努力交出一份优异的答卷。"},
}};
// At most this many paragraphs in common between two papers (other than the pair).
constexpr int kMaxShared = 2;

std::string Compose(const std::array<int, 6>& pick) {
  std::string text;
  for (size_t s = 0; s < kSections.size(); ++s) {
    if (!text.empty()) text += "\n";
    text += kSections[s][pick[s]];
  }
  return text;
}

// The copy: the same paper with a word changed here and there and a line added.
std::string NearCopy(std::string text) {
  auto replace = [&text](std::string_view from, std::string_view to) {
    if (auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
  };
  replace("我", "本人");
  replace("，", "；");
  text += "\n以上是我参加这次培训的一点粗浅体会，不当之处请批评指正。";
  return text;
}

constexpr std::array<std::string_view, 10> kComments = {
    "案例丰富，贴近社区工作实际，希望多安排这样的课。",
    "老师讲得很好，就是时间有点紧，互动环节可以再多一些。",
    "讲义如果能提前发放就更好了。",
    "情景模拟很有收获，建议下次分组演练。",
    "内容很实用，回去马上就能用。",
    "数据翔实，分析透彻，对理解政策很有帮助。",
    "理论性稍强，希望多结合社区和企业的具体例子。",
    "PPT字太小，后排看不清。",
    "讲得深入浅出，听得懂、记得住。",
    "建议把课件放到平台上供大家下载复习。",
};

}  // namespace

Result<DemoFeedbackCounts> LoadDemoFeedback(store::Store& store, int64_t class_id,
                                            const Principal& head_teacher,
                                            int64_t featured_trainee) {
  DemoFeedbackCounts counts;
  struct Context {
    std::string end_date;
    std::vector<int64_t> trainees;
    std::vector<timetable::ClassSession> lectures_done;  // by start
  };
  const int64_t real_now = NowMillis();
  PEIXUN_ASSIGN_OR_RETURN(
      Context ctx, store::ReadValue<Context>(store, [&](store::Tx& tx) -> Result<Context> {
        Context c;
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls,
                                classes::ClassService::GetIn(tx, class_id));
        c.end_date = core::FormatCivilDate(cls.end_date);
        PEIXUN_ASSIGN_OR_RETURN(c.trainees,
                                enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
        std::sort(c.trainees.begin(), c.trainees.end());
        PEIXUN_ASSIGN_OR_RETURN(auto sessions,
                                timetable::SessionService::ListForClassIn(tx, class_id));
        for (const auto& s : sessions) {
          if (s.kind == timetable::SessionKind::kLecture && s.end_ms < real_now) {
            c.lectures_done.push_back(s);
          }
        }
        std::sort(c.lectures_done.begin(), c.lectures_done.end(),
                  [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
        return c;
      }));
  if (ctx.trainees.size() <= static_cast<size_t>(kNearCopyIndices[1])) {
    return Invalid("demo.trainees", "演示班学员不足", "the demo class has too few trainees");
  }

  // ---- 心得体会
  reflection::ReflectionService papers(store);
  PEIXUN_RETURN_IF_ERROR(
      papers.SetRequirement(head_teacher, class_id, ctx.end_date + "T18:00", "mark"));
  DemoRandom rng(20200603);
  std::vector<std::array<int, 6>> taken;
  std::string copied_text;
  counts.copied_from = ctx.trainees[kNearCopyIndices[0]];
  counts.copied_by = ctx.trainees[kNearCopyIndices[1]];
  for (size_t t = 0; t < ctx.trainees.size(); ++t) {
    const int64_t person = ctx.trainees[t];
    const bool pair = person == counts.copied_from || person == counts.copied_by;
    // About one in seven has not handed in yet.
    if (rng.Below(100) < 14 && !pair) continue;
    if (person == featured_trainee) continue;
    std::string text;
    if (person == counts.copied_by) {
      text = NearCopy(copied_text);
    } else {
      std::array<int, 6> pick{};
      for (;;) {
        for (int& p : pick) p = rng.Below(8);
        const bool apart = std::all_of(taken.begin(), taken.end(), [&](const auto& other) {
          int same = 0;
          for (size_t s = 0; s < pick.size(); ++s) same += pick[s] == other[s];
          return same <= kMaxShared;
        });
        if (apart) break;
      }
      taken.push_back(pick);
      text = Compose(pick);
      if (person == counts.copied_from) copied_text = text;
    }
    reflection::PaperUpload upload;
    upload.text = text;
    PEIXUN_RETURN_IF_ERROR(papers.Submit(TraineeOf(person), class_id, upload));
    ++counts.papers;
  }

  // ---- 教学评估: the lectures that have ended (day 1's two).
  evaluation::EvaluationService evaluations(store);
  for (size_t l = 0; l < ctx.lectures_done.size(); ++l) {
    PEIXUN_ASSIGN_OR_RETURN(evaluation::Questionnaire q,
                            evaluations.Open(head_teacher, class_id, ctx.lectures_done[l].id));
    counts.questionnaires.push_back(q.id);
    // The morning lecture (case teaching, role play) is rated higher than the
    // afternoon's (more theory, small print on the slides).
    const int top = l == 0 ? 56 : 38;
    const int good = l == 0 ? 33 : 44;
    int answered = 0;
    for (int64_t person : ctx.trainees) {
      if (rng.Below(100) < 22) continue;  // has not answered (yet)
      const int roll = rng.Below(100);
      const int base = roll < top ? 5 : roll < top + good ? 4 : roll < 97 ? 3 : 2;
      evaluation::AnswerInput answer;
      for (size_t i = 0; i < answer.scores.size(); ++i) {
        const int nudge = rng.Below(100);
        int v = base + (nudge < 12 ? -1 : nudge >= 92 ? 1 : 0);
        if (l == 1 && i == 3 && rng.Below(100) < 30) --v;  // the slides
        answer.scores[i] = std::clamp(v, 1, 5);
      }
      if (rng.Below(100) < 7) answer.comment = kComments[rng.Below(kComments.size())];
      if (person == featured_trainee) continue;
      PEIXUN_RETURN_IF_ERROR(evaluations.Submit(TraineeOf(person), q.id, answer));
      ++answered;
    }
    counts.evaluations.push_back(answered);
  }
  return counts;
}

}  // namespace peixun::demo
