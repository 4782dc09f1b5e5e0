#include "modules/demo/demo_past_classes.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "modules/attendance/attendance_service.h"
#include "modules/certificates/certificate_service.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "modules/records/record_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::demo {
namespace {

constexpr int kSeatsPerStreet = 4;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kChinaOffsetMs = 8 * 3'600'000;

// The instant of `hour`:00 China time on `date`.
int64_t At(const core::CivilDate& date, int hour) {
  return core::DaysSinceEpoch(date) * kDayMs - kChinaOffsetMs + hour * 3'600'000LL;
}

std::string Day(const core::CivilDate& first, int offset) {
  return core::FormatCivilDate(core::CivilDateFromDays(core::DaysSinceEpoch(first) + offset));
}

Result<std::vector<int64_t>> Streets(store::Store& store) {
  return store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) -> Result<std::vector<int64_t>> {
        PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> units, org::OrgService::AllIn(tx));
        std::vector<int64_t> ids;
        for (const auto& u : units) {
          if (u.kind == org::UnitKind::kStreet) ids.push_back(u.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
      });
}

// The people of the unit's subtree who have a rank (the cadres the ledger tracks).
Result<std::vector<int64_t>> CadresUnder(store::Store& store, int64_t unit_id) {
  return store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) -> Result<std::vector<int64_t>> {
        people::PeopleQuery q;
        q.unit_id = unit_id;
        q.limit = 1000;
        PEIXUN_ASSIGN_OR_RETURN(people::PeoplePage page, people::PeopleService::ListIn(tx, q));
        std::vector<int64_t> ids;
        for (const auto& p : page.items) ids.push_back(p.id);
        std::sort(ids.begin(), ids.end());
        return ids;
      });
}

struct PastClass {
  int years_ago;
  std::string name;
  int month, day;
};

constexpr char kProof[] = "%PDF-1.4\n% 网络学院学习证明（演示）\n%%EOF\n";

}  // namespace

Result<DemoPastCounts> LoadDemoPastClasses(store::Store& store, const crypto::DataKey& key,
                                           int64_t organizer_unit_id) {
  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";
  DemoPastCounts counts;
  const int this_year = core::TodayInChina().year;
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> streets, Streets(store));
  const std::vector<PastClass> plan = {
      {3, "×区" + std::to_string(this_year - 3) + "年“两新”组织党建工作培训班", 5, 12},
      {2, "×区" + std::to_string(this_year - 2) + "年基层党务干部能力提升培训班", 9, 7},
      {1, "×区" + std::to_string(this_year - 1) + "年社区和“两新”党组织书记培训班", 6, 9},
  };
  for (const PastClass& pc : plan) {
    const core::CivilDate first{this_year - pc.years_ago, pc.month, pc.day};
    const core::CivilDate last = core::CivilDateFromDays(core::DaysSinceEpoch(first) + 2);
    // Every service here runs on the clock of the day after the class.
    const int64_t after = At(last, 24 + 10);
    auto clock = [after] { return after; };
    classes::ClassService class_service(store, key);
    classes::ClassInput in;
    in.name = pc.name;
    in.organizer_unit_id = organizer_unit_id;
    in.organizer_name = "中共×区委组织部";
    in.host_venue = "×大学干部培训中心";
    in.start_date = Day(first, 0);
    in.end_date = Day(first, 2);
    in.capacity = 150;
    in.target_trainees = "社区和“两新”党组织书记、党务干事";
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls, class_service.Create(in));
    ++counts.classes;
    timetable::RoomService rooms(store);
    PEIXUN_ASSIGN_OR_RETURN(auto hall, rooms.Create(cls.id, {"学术报告厅", 0, 10, 15}));

    // Trainees: each street office sends its first cadres, a different set each year.
    PEIXUN_RETURN_IF_ERROR(class_service.ChangeStatus(cls.id, classes::ClassStatus::kEnrolling));
    enrollment::EnrollmentService enroll(store);
    std::vector<enrollment::QuotaInput> quotas;
    for (int64_t s : streets) quotas.push_back({s, kSeatsPerStreet});
    PEIXUN_RETURN_IF_ERROR(enroll.SetQuotas(admin, cls.id, quotas));
    std::vector<int64_t> trainees;
    for (int64_t s : streets) {
      PEIXUN_ASSIGN_OR_RETURN(auto people, CadresUnder(store, s));
      for (int i = 0; i < kSeatsPerStreet && i < static_cast<int>(people.size()); ++i) {
        const int64_t person = people[(i + pc.years_ago * 3) % people.size()];
        if (std::find(trainees.begin(), trainees.end(), person) != trainees.end()) continue;
        PEIXUN_ASSIGN_OR_RETURN(auto e, enroll.Nominate(admin, cls.id, person, false));
        PEIXUN_RETURN_IF_ERROR(enroll.Approve(admin, e.id, ""));
        trainees.push_back(person);
      }
    }
    counts.trainees += static_cast<int>(trainees.size());

    // Three days, a lecture each morning and afternoon (3 h: 4 学时 each).
    const std::vector<std::pair<std::string, std::string>> times = {{"08:30", "11:30"},
                                                                    {"14:00", "17:00"}};
    const std::vector<std::string> titles = {"开班式暨专题辅导：学习贯彻党的二十大精神",
                                             "《基层党组织建设实务》",
                                             "《党务工作者管理沟通艺术》",
                                             "现场教学总结交流",
                                             "《新时代基层治理创新》",
                                             "结业考试与结业式"};
    timetable::SessionService sessions(store);
    std::vector<int64_t> session_ids;
    for (int d = 0; d < 3; ++d) {
      for (size_t t = 0; t < times.size(); ++t) {
        timetable::SessionFields f;
        f.kind = "lecture";
        f.title = titles[d * 2 + t];
        f.start = Day(first, d) + "T" + times[t].first;
        f.end = Day(first, d) + "T" + times[t].second;
        f.set_room = true;
        f.room_id = hall.id;
        PEIXUN_ASSIGN_OR_RETURN(auto written, sessions.Create(cls.id, f, true));
        session_ids.push_back(written.session.id);
      }
    }
    PEIXUN_RETURN_IF_ERROR(class_service.ChangeStatus(cls.id, classes::ClassStatus::kRunning));

    // Attendance from the paper sign-in sheets. Last year's edition has its stories:
    // trainees[0] on leave for one session (4 of 24 学时: over 1/7, 退学), trainees[1]
    // absent from one, trainees[2] below the exam mark (below).
    const bool stories = pc.years_ago == 1;
    attendance::AttendanceService att(store, clock);
    for (size_t s = 0; s < session_ids.size(); ++s) {
      for (size_t i = 0; i < trainees.size(); ++i) {
        attendance::CorrectionInput c;
        c.person_id = trainees[i];
        c.reason = "据纸质签到表补录";
        if (stories && i == 0 && s == 2) {
          c.status = core::AttendanceStatus::kExcused;
          c.reason = "因公请假（已批准），据请假条补录";
        } else if (stories && i == 1 && s == 4) {
          c.status = core::AttendanceStatus::kAbsent;
          c.reason = "未到且未请假，据纸质签到表补录";
        }
        PEIXUN_RETURN_IF_ERROR(att.Correct(admin, session_ids[s], c));
      }
    }
    PEIXUN_RETURN_IF_ERROR(class_service.ChangeStatus(cls.id, classes::ClassStatus::kFinished));

    completion::CompletionService completion(store, clock);
    const std::vector<int64_t> scored = trainees;
    completion.SetAssessmentSource(
        [scored, stories](store::Tx&,
                          int64_t) -> Result<std::map<int64_t, completion::TraineeAssessment>> {
          std::map<int64_t, completion::TraineeAssessment> out;
          for (size_t i = 0; i < scored.size(); ++i) {
            completion::TraineeAssessment a;
            a.class_has_exam = true;
            a.exam_score = stories && i == 2 ? 52.0 : 72.0 + static_cast<double>((i * 7) % 27);
            a.reflection = core::ReflectionState::kSubmitted;
            out[scored[i]] = a;
          }
          return out;
        });
    PEIXUN_RETURN_IF_ERROR(completion.Decide(admin, cls.id));
    PEIXUN_ASSIGN_OR_RETURN(
        auto completed,
        store::ReadValue<std::vector<completion::CompletedTrainee>>(store, [&](store::Tx& tx) {
          return completion::CompletionService::CompletedIn(tx, cls.id);
        }));
    counts.completed += static_cast<int>(completed.size());
    // 优秀学员: two of those who completed, nominated and approved.
    for (size_t i = 3; i < 5 && i < trainees.size(); ++i) {
      PEIXUN_RETURN_IF_ERROR(
          completion.Nominate(admin, cls.id, trainees[i], "学习认真，研讨发言积极，带头遵守纪律"));
      PEIXUN_RETURN_IF_ERROR(completion.Approve(admin, cls.id, trainees[i]));
      ++counts.excellent;
    }
    certificates::CertificateService certs(store, clock);
    PEIXUN_ASSIGN_OR_RETURN(int issued, certs.IssueClass(admin, cls.id));
    counts.certificates += issued;

    // The first street office's cadres also studied online that year (approved, with
    // the platform's certificate as proof): their unit meets the 90 学时 target.
    if (!streets.empty()) {
      records::RecordService records(store, clock);
      PEIXUN_ASSIGN_OR_RETURN(auto people, CadresUnder(store, streets.front()));
      for (int64_t person : people) {
        records::OutsideInput o;
        o.person_id = person;
        o.kind = "online";
        o.title = "网络专题学习（" + std::to_string(first.year) + "年度）";
        o.provider = "×省干部网络学院";
        o.start_date = std::to_string(first.year) + "-01-05";
        o.end_date = std::to_string(first.year) + "-03-31";
        o.hours = "70";
        o.proof_name = "网络学院学时证明.pdf";
        o.proof = kProof;
        PEIXUN_ASSIGN_OR_RETURN(auto entry, records.AddOutside(admin, o));
        PEIXUN_RETURN_IF_ERROR(records.DecideOutside(admin, entry.id, true, ""));
        ++counts.outside_entries;
      }
    }
  }
  return counts;
}

}  // namespace peixun::demo
