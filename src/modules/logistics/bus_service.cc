#include "modules/logistics/bus_service.h"

#include <algorithm>
#include <map>

#include "core/actor.h"
#include "core/grouping.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/audit/audit_log.h"
#include "modules/groups/groups_service.h"
#include "modules/logistics/internal/logistics_access.h"
#include "modules/people/people_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"
#include "store/key_lock.h"

namespace peixun::logistics {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

constexpr size_t kMaxBusNameChars = 30;

Error BusNotFound(int64_t id) {
  return NotFound("logistics.bus.not_found", "车辆不存在：" + std::to_string(id),
                  "bus not found: " + std::to_string(id), "id");
}

Status CheckOnsite(const timetable::ClassSession& s) {
  if (s.kind == timetable::SessionKind::kOnsite) return Ok();
  return Invalid("logistics.session.not_onsite", "只有现场教学课程需要安排车辆",
                 "only on-site teaching sessions have buses", "session_id");
}

Result<std::vector<Bus>> ListIn(store::Tx& tx, const timetable::ClassSession& session) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows buses,
      tx.Query("SELECT id, name, seats FROM buses WHERE session_id = ? ORDER BY id",
               {Int(session.id)}));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rides,
      tx.Query("SELECT bus_id, person_id, site_id FROM bus_assignments WHERE session_id = ?",
               {Int(session.id)}));
  std::vector<int64_t> person_ids;
  for (const auto& r : rides) person_ids.push_back(r.Int(1));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, person_ids));
  std::map<int64_t, size_t> rank;
  for (size_t i = 0; i < people.size(); ++i) rank[people[i].id] = i;
  PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups class_groups,
                          groups::GroupsService::LoadIn(tx, session.class_id));
  std::map<int64_t, int> group_number;
  for (const auto& g : class_groups.groups) {
    for (const auto& m : g.members) group_number[m.person_id] = g.number;
  }
  std::map<int64_t, std::string> site_name;
  for (const auto& s : session.sites) site_name[s.id] = s.name;

  std::vector<Bus> out;
  std::map<int64_t, size_t> index;
  for (const auto& r : buses) {
    Bus b;
    b.id = r.Int(0);
    b.class_id = session.class_id;
    b.session_id = session.id;
    b.name = r.Str(1);
    b.seats = static_cast<int>(r.Int(2));
    index[b.id] = out.size();
    out.push_back(std::move(b));
  }
  for (const auto& r : rides) {
    auto bus = index.find(r.Int(0));
    auto person = rank.find(r.Int(1));
    if (bus == index.end() || person == rank.end()) continue;
    const people::Person& p = people[person->second];
    BusPassenger passenger;
    passenger.person_id = p.id;
    passenger.name = p.name;
    passenger.unit_name = p.unit_name;
    passenger.group_number = group_number.count(p.id) ? group_number[p.id] : 0;
    passenger.site_id = r.OptInt(2);
    if (passenger.site_id) passenger.site_name = site_name[*passenger.site_id];
    out[bus->second].passengers.push_back(std::move(passenger));
  }
  for (auto& b : out) {
    std::sort(b.passengers.begin(), b.passengers.end(),
              [&](const BusPassenger& x, const BusPassenger& y) {
                if (x.group_number != y.group_number) return x.group_number < y.group_number;
                return rank[x.person_id] < rank[y.person_id];
              });
  }
  return out;
}

// Takes the class's bus lock (store/key_lock.h) until the transaction ends: an
// assignment fills the seats of the session's buses as they are, so adding,
// removing and assigning run one at a time per class.
Status LockBusesIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "logistics.buses:" + std::to_string(class_id));
}

json BusJson(int64_t id, const std::string& name, int seats) {
  return {{"id", id}, {"name", name}, {"seats", seats}};
}

}  // namespace

Result<std::vector<Bus>> BusService::List(const Principal& who, int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  return store::ReadValue<std::vector<Bus>>(store_, [&](store::Tx& tx) -> Result<std::vector<Bus>> {
    PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession s,
                            timetable::SessionService::GetIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, s.class_id, false));
    return ListIn(tx, s);
  });
}

Result<Bus> BusService::Create(const Principal& who, int64_t session_id, const BusInput& input) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  const std::string name = core::NormalizeField(input.name);
  if (name.empty() || core::Utf8CharCount(name) > kMaxBusNameChars) {
    return Invalid("logistics.bus.invalid", "车辆名称应为 1 到 30 个字",
                   "a bus name has 1 to 30 characters", "name");
  }
  if (input.seats < 1 || input.seats > kMaxBusSeats) {
    return Invalid("logistics.bus.invalid",
                   "座位数应在 1 到 " + std::to_string(kMaxBusSeats) + " 之间",
                   "seats must be between 1 and " + std::to_string(kMaxBusSeats), "seats");
  }
  return store::TransactValue<Bus>(store_, [&](store::Tx& tx) -> Result<Bus> {
    PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession s,
                            timetable::SessionService::GetIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(LockBusesIn(tx, s.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, s.class_id, true));
    PEIXUN_RETURN_IF_ERROR(CheckOnsite(s));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows inserted,
        tx.Query("INSERT INTO buses (class_id, session_id, name, seats) VALUES (?, ?, ?, ?) "
                 "RETURNING id",
                 {Int(s.class_id), Int(session_id), Text(name), Int(input.seats)}));
    Bus bus;
    bus.id = inserted[0].Int(0);
    bus.class_id = s.class_id;
    bus.session_id = session_id;
    bus.name = name;
    bus.seats = input.seats;
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, actor,
                        audit::AuditEntry{"logistics.bus.create", "bus", bus.id, nullptr,
                                          BusJson(bus.id, name, input.seats)}));
    return bus;
  });
}

Status BusService::Delete(const Principal& who, int64_t bus_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT class_id, name, seats FROM buses WHERE id = ?", {Int(bus_id)}));
    if (rows.empty()) return BusNotFound(bus_id);
    PEIXUN_RETURN_IF_ERROR(LockBusesIn(tx, rows[0].Int(0)));
    PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, rows[0].Int(0), true));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM buses WHERE id = ?", {Int(bus_id)}));
    return audit::AppendIn(
        tx, actor,
        audit::AuditEntry{"logistics.bus.delete", "bus", bus_id,
                          BusJson(bus_id, rows[0].Str(1), static_cast<int>(rows[0].Int(2))),
                          nullptr});
  });
}

Result<std::vector<Bus>> BusService::Assign(const Principal& who, int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::vector<Bus>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Bus>> {
        PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession s,
                                timetable::SessionService::GetIn(tx, session_id));
        PEIXUN_RETURN_IF_ERROR(LockBusesIn(tx, s.class_id));
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, s.class_id, true));
        PEIXUN_RETURN_IF_ERROR(CheckOnsite(s));
        std::vector<core::VisitSite> sites;
        for (const auto& site : s.sites) {
          PEIXUN_ASSIGN_OR_RETURN(timetable::Site full, timetable::SiteService::GetIn(tx, site.id));
          sites.push_back({full.id, full.capacity});
        }
        if (sites.empty()) {
          return Invalid("logistics.session.no_sites", "该现场教学尚未安排示范点",
                         "the session visits no sites yet", "session_id");
        }
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows bus_rows,
            tx.Query("SELECT id, seats FROM buses WHERE session_id = ? ORDER BY id",
                     {Int(session_id)}));
        if (bus_rows.empty()) {
          return Conflict("logistics.bus.none", "请先为该现场教学添加车辆",
                          "add buses to the session first", "session_id");
        }
        std::vector<core::VisitBus> buses;
        for (const auto& r : bus_rows) buses.push_back({r.Int(0), static_cast<int>(r.Int(1))});
        PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups class_groups,
                                groups::GroupsService::LoadIn(tx, s.class_id));
        std::vector<core::Group> visit_groups;
        size_t people = 0;
        for (const auto& g : class_groups.groups) {
          if (!s.group_ids.empty() &&
              std::find(s.group_ids.begin(), s.group_ids.end(), g.id) == s.group_ids.end()) {
            continue;
          }
          core::Group group;
          group.index = g.number;
          for (const auto& m : g.members) group.members.push_back(m.person_id);
          std::sort(group.members.begin(), group.members.end());
          group.leader_id = g.leader_person_id.value_or(0);
          people += group.members.size();
          visit_groups.push_back(std::move(group));
        }
        if (people == 0) {
          return Conflict("logistics.no_groups", "请先为学员分组，再按组安排车辆",
                          "group the trainees first: buses are assigned by group", "session_id");
        }
        PEIXUN_ASSIGN_OR_RETURN(core::VisitPlan plan,
                                core::SplitForVisits(visit_groups, sites, buses));
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM bus_assignments WHERE session_id = ?", {Int(session_id)}));
        json loads = json::array();
        for (const auto& load : plan.buses) {
          json riders = json::array();
          for (const auto& ride : load.rides) {
            for (int64_t person_id : ride.members) {
              PEIXUN_RETURN_IF_ERROR(
                  tx.Exec("INSERT INTO bus_assignments (bus_id, session_id, person_id, site_id) "
                          "VALUES (?, ?, ?, ?)",
                          {Int(load.bus_id), Int(session_id), Int(person_id), Int(ride.site_id)}));
              riders.push_back(person_id);
            }
          }
          loads.push_back({{"bus_id", load.bus_id}, {"people", riders}});
        }
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{
                "logistics.buses.assign", "session", session_id, nullptr, {{"buses", loads}}}));
        return ListIn(tx, s);
      });
}

Result<std::vector<Visit>> BusService::VisitsOfIn(store::Tx& tx, int64_t class_id,
                                                  int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<timetable::ClassSession> sessions,
                          timetable::SessionService::ListForClassIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> my_groups,
                          groups::GroupsService::GroupIdsOfIn(tx, class_id, person_id));
  std::vector<Visit> out;
  for (const auto& s : sessions) {
    if (s.kind != timetable::SessionKind::kOnsite) continue;
    if (!s.group_ids.empty() && std::none_of(my_groups.begin(), my_groups.end(), [&](int64_t g) {
          return std::find(s.group_ids.begin(), s.group_ids.end(), g) != s.group_ids.end();
        })) {
      continue;
    }
    Visit v;
    v.session_id = s.id;
    v.title = s.title;
    v.start_ms = s.start_ms;
    v.end_ms = s.end_ms;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT b.id, b.name, a.site_id FROM bus_assignments a JOIN buses b ON b.id = "
                 "a.bus_id WHERE a.session_id = ? AND a.person_id = ?",
                 {Int(s.id), Int(person_id)}));
    if (!rows.empty()) {
      v.bus_id = rows[0].Int(0);
      v.bus_name = rows[0].Str(1);
      v.site_id = rows[0].OptInt(2);
    }
    if (!v.site_id && s.sites.size() == 1) v.site_id = s.sites[0].id;
    for (const auto& site : s.sites) {
      if (v.site_id == site.id) v.site_name = site.name;
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace peixun::logistics
