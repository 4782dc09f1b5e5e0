#include "modules/demo/demo_class.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/room_assignment.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"
#include "modules/logistics/bus_service.h"
#include "modules/logistics/lodging_service.h"
#include "modules/logistics/meal_service.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"

namespace peixun::demo {
namespace {

constexpr int kGroups = 8;
constexpr int kStreetSeats = 10;
constexpr int kTwoNewSeats = 2;

std::string Day(const core::CivilDate& first, int offset) {
  return core::FormatCivilDate(core::CivilDateFromDays(core::DaysSinceEpoch(first) + offset));
}

Result<std::vector<int64_t>> UnitIdsOfKind(store::Store& store, const std::string& kind) {
  return store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) -> Result<std::vector<int64_t>> {
        PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> units, org::OrgService::AllIn(tx));
        std::vector<int64_t> ids;
        for (const auto& u : units) {
          if (org::UnitKindCode(u.kind) == kind) ids.push_back(u.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
      });
}

// Every person of the unit's subtree, by id.
Result<std::vector<int64_t>> PeopleUnder(store::Store& store, int64_t unit_id) {
  return store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) -> Result<std::vector<int64_t>> {
        people::PeopleQuery query;
        query.unit_id = unit_id;
        query.limit = 1000;
        std::vector<int64_t> ids;
        for (;;) {
          PEIXUN_ASSIGN_OR_RETURN(people::PeoplePage page,
                                  people::PeopleService::ListIn(tx, query));
          for (const auto& p : page.items) ids.push_back(p.id);
          query.offset += static_cast<int64_t>(page.items.size());
          if (page.items.empty() || query.offset >= page.total) break;
        }
        std::sort(ids.begin(), ids.end());
        return ids;
      });
}

Result<int64_t> UnitNamed(store::Store& store, const std::string& name) {
  return store::ReadValue<int64_t>(store, [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> units, org::OrgService::FindByNameIn(tx, name));
    if (units.empty())
      return NotFound("demo.unit", "演示单位缺失：" + name, "demo unit missing: " + name);
    return units.front().id;
  });
}

struct Plan {
  std::string day;
  std::string start, end;
  std::string kind, title;
  std::optional<int64_t> room;
  std::vector<int64_t> sites;
  std::optional<int64_t> lecturer;
  std::vector<int64_t> groups;
  bool checkout = true;
  std::optional<int> hours_tenths;  // set: 学时 × 10 as planned; none: from duration
};

}  // namespace

Result<DemoClassCounts> LoadDemoClass(store::Store& store, const crypto::DataKey& key) {
  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";
  DemoClassCounts counts;

  PEIXUN_ASSIGN_OR_RETURN(int64_t department, UnitNamed(store, "×区委组织部"));
  // The class began yesterday: today is its second day (demo_history.h fills day 1).
  const core::CivilDate first =
      core::CivilDateFromDays(core::DaysSinceEpoch(core::TodayInChina()) - 1);
  classes::ClassService class_service(store, key);
  classes::ClassInput in;
  in.name = "×区2020年社区和“两新”党组织书记培训班";
  in.organizer_unit_id = department;
  in.organizer_name = "中共×区委组织部";
  in.host_venue = "×大学干部培训中心";
  in.start_date = Day(first, 0);
  in.end_date = Day(first, 3);
  in.capacity = 150;
  in.target_trainees = "各办事处、分管党建工作领导、党务干事，社区和“两新”党组织书记";
  in.description = "巩固提升党建工程，全面提升基层党组织书记综合素质。";
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls, class_service.Create(in));
  counts.class_id = cls.id;
  counts.organizer_unit_id = department;

  // Rooms, lecturers and demonstration sites.
  timetable::RoomService rooms(store);
  PEIXUN_ASSIGN_OR_RETURN(auto hall, rooms.Create(cls.id, {"学术报告厅", 0, 10, 15}));
  std::vector<int64_t> seminar_rooms;
  for (int g = 1; g <= kGroups; ++g) {
    PEIXUN_ASSIGN_OR_RETURN(auto room, rooms.Create(cls.id, {"研讨室" + std::to_string(g), 24,
                                                             std::nullopt, std::nullopt}));
    seminar_rooms.push_back(room.id);
  }
  timetable::LecturerService lecturers(store);
  PEIXUN_ASSIGN_OR_RETURN(
      auto wang,
      lecturers.Create(
          {"王立新", "教授", "×大学公共管理学院", "管理沟通、基层治理", "13905310001", {}}));
  PEIXUN_ASSIGN_OR_RETURN(
      auto li,
      lecturers.Create(
          {"李文华", "研究员", "×市委党校经济学教研部", "宏观经济形势", "13905310002", {}}));
  PEIXUN_ASSIGN_OR_RETURN(
      auto chen,
      lecturers.Create(
          {"陈志刚", "处长", "×市工商业联合会", "非公经济、社会组织发展", "13905310003", {}}));
  PEIXUN_ASSIGN_OR_RETURN(
      auto zhao,
      lecturers.Create({"赵明", "科长", "×区委组织部组织科", "基层党建业务", "13905310004", {}}));
  timetable::SiteService sites(store);
  std::vector<int64_t> community_sites, two_new_sites;
  for (const char* name : {"幸福社区", "民主社区", "团结社区"}) {
    PEIXUN_ASSIGN_OR_RETURN(int64_t unit, UnitNamed(store, name));
    PEIXUN_ASSIGN_OR_RETURN(auto site,
                            sites.Create({std::string(name) + "党群服务中心", "community", unit,
                                          "×区" + std::string(name), "", "", 60, ""}));
    community_sites.push_back(site.id);
  }
  for (auto [name, kind] :
       std::vector<std::pair<std::string, std::string>>{{"华信电子科技有限公司", "enterprise"},
                                                        {"博创软件有限公司", "enterprise"},
                                                        {"阳光志愿者协会", "social_org"},
                                                        {"启明社会工作服务中心", "social_org"}}) {
    PEIXUN_ASSIGN_OR_RETURN(int64_t unit, UnitNamed(store, name));
    PEIXUN_ASSIGN_OR_RETURN(auto site,
                            sites.Create({name + "党建示范点", kind, unit, "", "", "", 40, ""}));
    two_new_sites.push_back(site.id);
  }

  // Enrollment by unit quotas: each street office and each "two new" organization.
  PEIXUN_RETURN_IF_ERROR(class_service.ChangeStatus(cls.id, classes::ClassStatus::kEnrolling));
  enrollment::EnrollmentService enroll(store);
  std::vector<enrollment::QuotaInput> quotas;
  PEIXUN_ASSIGN_OR_RETURN(auto streets, UnitIdsOfKind(store, "street"));
  PEIXUN_ASSIGN_OR_RETURN(auto enterprises, UnitIdsOfKind(store, "enterprise"));
  PEIXUN_ASSIGN_OR_RETURN(auto social, UnitIdsOfKind(store, "social_org"));
  if (!streets.empty()) counts.liaison_unit_id = streets.front();
  for (int64_t s : streets) quotas.push_back({s, kStreetSeats});
  for (int64_t u : enterprises) quotas.push_back({u, kTwoNewSeats});
  for (int64_t u : social) quotas.push_back({u, kTwoNewSeats});
  PEIXUN_RETURN_IF_ERROR(enroll.SetQuotas(admin, cls.id, quotas));
  for (const auto& q : quotas) {
    PEIXUN_ASSIGN_OR_RETURN(auto people, PeopleUnder(store, q.unit_id));
    int taken = 0;
    for (int64_t person : people) {
      if (taken == q.seats) break;
      PEIXUN_ASSIGN_OR_RETURN(auto e, enroll.Nominate(admin, cls.id, person, false));
      PEIXUN_RETURN_IF_ERROR(enroll.Approve(admin, e.id, ""));
      ++taken;
      ++counts.enrolled;
    }
  }

  groups::GroupsService groups(store);
  PEIXUN_ASSIGN_OR_RETURN(auto made, groups.Generate(admin, cls.id, kGroups, 2020));
  counts.groups = static_cast<int>(made.groups.size());

  // The timetable: four days as the speech describes them.
  std::vector<Plan> plan = {
      {Day(first, 0),
       "08:30",
       "09:20",
       "ceremony",
       "开班仪式暨培训动员",
       hall.id,
       {},
       zhao.id,
       {},
       false},
      {Day(first, 0),
       "09:30",
       "11:30",
       "lecture",
       "《基础党务工作者管理沟通艺术》",
       hall.id,
       {},
       wang.id,
       {}},
      {Day(first, 0),
       "14:30",
       "16:30",
       "lecture",
       "《当前我国经济形势及热点分析》",
       hall.id,
       {},
       li.id,
       {}},
      // The evening quiz on the day's two lectures, taken on the trainees' phones
      // (demo_assessment.h); a hall session with a check-in like any other, but
      // 不计学时 (0 学时), as a 随堂测验 usually is: the programme stays 24 学时.
      {Day(first, 0),
       "19:30",
       "20:00",
       "exam",
       "随堂测验：第一天专题讲座",
       hall.id,
       {},
       {},
       {},
       false,
       0},
      {Day(first, 1),
       "08:30",
       "11:30",
       "onsite",
       "现场教学：社区党建示范点",
       {},
       community_sites,
       {},
       {}},
      {Day(first, 1),
       "14:00",
       "17:00",
       "onsite",
       "现场教学：非公企业和社会组织党建示范点",
       {},
       two_new_sites,
       {},
       {}},
      {Day(first, 2),
       "08:30",
       "10:30",
       "lecture",
       "《准确把握新时代内涵,为非公企业和社会组织发展提供商机》",
       hall.id,
       {},
       chen.id,
       {}},
      {Day(first, 2),
       "10:40",
       "11:40",
       "lecture",
       "《基层党组织书记履职能力提升》",
       hall.id,
       {},
       zhao.id,
       {}},
      {Day(first, 3), "08:30", "10:00", "exam", "结业考试", hall.id, {}, {}, {}},
      {Day(first, 3), "10:30", "11:30", "ceremony", "结业仪式", hall.id, {}, {}, {}, false},
  };
  for (size_t g = 0; g < made.groups.size() && g < seminar_rooms.size(); ++g) {
    const int64_t group_id = made.groups[g].id;
    plan.push_back({Day(first, 0),
                    "16:40",
                    "17:40",
                    "discussion",
                    "分组讨论：" + made.groups[g].name + "（认认真真学、扎扎实实讨论）",
                    seminar_rooms[g],
                    {},
                    {},
                    {group_id}});
    plan.push_back({Day(first, 2),
                    "14:30",
                    "16:30",
                    "discussion",
                    "分组讨论：" + made.groups[g].name + "（学以致用、找差距）",
                    seminar_rooms[g],
                    {},
                    {},
                    {group_id}});
  }
  timetable::SessionService session_service(store);
  std::vector<int64_t> onsite_sessions;
  for (const Plan& p : plan) {
    timetable::SessionFields f;
    f.kind = p.kind;
    f.title = p.title;
    f.start = p.day + "T" + p.start;
    f.end = p.day + "T" + p.end;
    if (p.room) {
      f.set_room = true;
      f.room_id = p.room;
    }
    if (!p.sites.empty()) f.site_ids = p.sites;
    if (p.lecturer) {
      f.set_lecturer = true;
      f.lecturer_id = p.lecturer;
    }
    if (!p.groups.empty()) f.group_ids = p.groups;
    f.requires_checkout = p.checkout;
    if (p.hours_tenths) {
      f.set_hours = true;
      f.hours_tenths = p.hours_tenths;
    }
    PEIXUN_ASSIGN_OR_RETURN(auto written,
                            session_service.Create(cls.id, f, /*accept_conflicts=*/true));
    if (p.kind == "onsite") onsite_sessions.push_back(written.session.id);
    ++counts.sessions;
  }

  // Lodging: two floors of twin rooms, assigned by gender with units mixed.
  logistics::LodgingService lodging(store);
  std::vector<logistics::RoomInput> lodging_rooms;
  for (int floor : {2, 3}) {
    for (int n = 1; n <= 40; ++n) {
      lodging_rooms.push_back({std::to_string(floor * 100 + n), floor, 2});
    }
  }
  PEIXUN_RETURN_IF_ERROR(lodging.CreateRooms(admin, cls.id, lodging_rooms));
  PEIXUN_ASSIGN_OR_RETURN(auto assigned,
                          lodging.AutoAssign(admin, cls.id, core::RoommatePreference::kMixUnits));
  counts.lodged = assigned.stats.beds_used;

  // Buses for the on-site teaching: three coaches per visit.
  logistics::BusService buses(store);
  for (int64_t session : onsite_sessions) {
    for (int b = 1; b <= 3; ++b) {
      PEIXUN_RETURN_IF_ERROR(buses.Create(admin, session, {std::to_string(b) + "号车", 49}));
    }
    PEIXUN_RETURN_IF_ERROR(buses.Assign(admin, session));
  }
  PEIXUN_RETURN_IF_ERROR(class_service.ChangeStatus(cls.id, classes::ClassStatus::kRunning));
  return counts;
}

}  // namespace peixun::demo
