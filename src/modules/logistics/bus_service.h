// Buses for on-site teaching (现场教学): each on-site session of the timetable has
// its buses (name, seats), and its groups are sent to the session's demonstration
// sites and seated on the buses with core/grouping.h SplitForVisits — whole groups
// to a site within its capacity, no bus over its seats. Each public call is one
// transaction, access checks included (logistics_access.h, on the session's class).
//
// Rules: only on-site sessions have buses (422 logistics.session.not_onsite); a bus
// has a name (1..30 characters) and 1..kMaxBusSeats seats (422 logistics.bus.invalid).
// Assign needs the session's sites (422 logistics.session.no_sites), at least one bus
// (409 logistics.bus.none) and the class's groups (409 logistics.no_groups; the
// session's groups when it names some); it replaces the session's assignments.
// Packing failures are SplitForVisits's 409 grouping.visit.site_capacity /
// grouping.visit.bus_seats. Unknown session: 404 timetable.session.not_found;
// unknown bus: 404 logistics.bus.not_found.
//
// Writes are audited: logistics.bus.create / .delete (entity "bus"),
// logistics.buses.assign (entity "session").
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::logistics {

inline constexpr int kMaxBusSeats = 100;

struct BusPassenger {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  int group_number = 0;  // 0: in no group
  std::optional<int64_t> site_id;
  std::string site_name;
};

struct Bus {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t session_id = 0;
  std::string name;
  int seats = 0;
  std::vector<BusPassenger> passengers;  // by group number, then 姓氏笔画
};

struct BusInput {
  std::string name;
  int seats = 0;
};

// Where one trainee goes in one on-site session.
struct Visit {
  int64_t session_id = 0;
  std::string title;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::optional<int64_t> site_id;
  std::string site_name;
  std::optional<int64_t> bus_id;
  std::string bus_name;
};

class BusService {
 public:
  explicit BusService(store::Store& store) : store_(store) {}

  // The session's buses by id, with their passengers.
  Result<std::vector<Bus>> List(const Principal& who, int64_t session_id);
  Result<Bus> Create(const Principal& who, int64_t session_id, const BusInput& input);
  Status Delete(const Principal& who, int64_t bus_id);
  // Sends the groups to sites and buses; returns List().
  Result<std::vector<Bus>> Assign(const Principal& who, int64_t session_id);

  // The on-site sessions of the class in time order, with the person's site and bus
  // where assigned. No access check.
  static Result<std::vector<Visit>> VisitsOfIn(store::Tx& tx, int64_t class_id, int64_t person_id);

 private:
  store::Store& store_;
};

}  // namespace peixun::logistics
