// The head teacher's start page: today's sessions of the classes they head (the
// running one first, with who is missing), the leave waiting for them, the trainees
// at risk of not completing, and tomorrow's buses and meals.
#include <algorithm>
#include <map>

#include "core/civil_date.h"
#include "core/local_time.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/classes/class_service.h"
#include "modules/logistics/bus_service.h"
#include "modules/logistics/meal_service.h"
#include "modules/timetable/session_service.h"
#include "modules/workbench/internal/workbench_access.h"
#include "modules/workbench/workbench.h"

namespace peixun::workbench {
namespace {

// Check-in opens this long before a session starts (DESIGN.md, attendance rules).
constexpr int64_t kCheckinOpensBeforeMs = 30 * 60 * 1000;

std::string PlaceOf(const timetable::ClassSession& s) {
  if (!s.room_name.empty()) return s.room_name;
  std::string out;
  for (const auto& site : s.sites) {
    if (!out.empty()) out += "、";
    out += site.name;
  }
  return out;
}

int PhaseRank(const std::string& phase) {
  return phase == "running" ? 0 : phase == "upcoming" ? 1 : 2;
}

bool LiveClass(classes::ClassStatus status) { return status != classes::ClassStatus::kArchived; }

}  // namespace

Result<HeadTeacherWorkbench> WorkbenchService::HeadTeacher(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  HeadTeacherWorkbench out;
  out.now_ms = now;

  classes::ClassService class_service(store_);
  classes::ClassQuery query;
  query.limit = 1000;
  query.order = classes::ClassOrder::kStart;
  PEIXUN_ASSIGN_OR_RETURN(classes::ClassPage page, class_service.ListFor(who, query));

  timetable::SessionService sessions(store_);
  attendance::AttendanceService attendance(store_, [now] { return now; });
  attendance::LeaveService leave(store_, [now] { return now; });
  logistics::BusService buses(store_);
  logistics::MealService meals(store_);

  for (const classes::TrainingClass& c : page.items) {
    if (!LiveClass(c.status)) continue;
    const core::CivilDate today = core::LocalDate(now, c.utc_offset_minutes);
    const core::CivilDate tomorrow = core::CivilDateFromDays(core::DaysSinceEpoch(today) + 1);
    const bool runs_today = c.start_date <= today && today <= c.end_date;
    const bool runs_tomorrow = c.start_date <= tomorrow && tomorrow <= c.end_date;

    std::vector<timetable::ClassSession> class_sessions;
    if (runs_today || runs_tomorrow) {
      PEIXUN_ASSIGN_OR_RETURN(class_sessions, sessions.ListForClass(c.id));
    }

    // Today's sessions, with check-ins once check-in has opened; a session running
    // now counts as today's even when it began before midnight.
    for (const auto& s : class_sessions) {
      const bool running = s.start_ms <= now && now < s.end_ms;
      if (!running && core::LocalDate(s.start_ms, c.utc_offset_minutes) != today) continue;
      TodaySession t;
      t.class_id = c.id;
      t.class_name = c.name;
      t.session_id = s.id;
      t.title = s.title;
      t.kind = std::string(timetable::SessionKindCode(s.kind));
      t.start_ms = s.start_ms;
      t.end_ms = s.end_ms;
      t.utc_offset_minutes = c.utc_offset_minutes;
      t.place = PlaceOf(s);
      t.phase = now < s.start_ms ? "upcoming" : now < s.end_ms ? "running" : "ended";
      PEIXUN_ASSIGN_OR_RETURN(attendance::SessionAttendance sa, attendance.ForSession(who, s.id));
      t.expected = static_cast<int>(sa.rows.size());
      if (now >= s.start_ms - kCheckinOpensBeforeMs) {
        t.checked_in = sa.checked_in;
        int excused = 0;
        for (const auto& row : sa.rows) {
          if (row.status == "excused") {
            ++excused;
          } else if (!row.result.first_checkin_ms && now >= s.start_ms) {
            t.missing.push_back({row.person_id, row.name, row.unit_name});
          }
        }
        t.excused = excused;
      }
      out.today.push_back(std::move(t));
    }

    // Leave waiting for a decision.
    PEIXUN_ASSIGN_OR_RETURN(std::vector<attendance::LeaveRequest> waiting,
                            leave.List(who, c.id, "requested"));
    for (const auto& l : waiting) {
      out.leave_requests.push_back({l.id, c.id, c.name, l.person_id, l.person_name, l.start_ms,
                                    l.end_ms, l.reason, l.created_ms});
    }

    // Trainees at risk, from the completion module's status (at risk first).
    if (c.status == classes::ClassStatus::kRunning) {
      PEIXUN_ASSIGN_OR_RETURN(completion::ClassCompletion status, completion_->Status(who, c.id));
      for (const auto& t : status.trainees) {
        const auto state = t.verdict.state;
        if (state != core::CompletionVerdict::State::kAtRisk &&
            state != core::CompletionVerdict::State::kIneligible) {
          continue;
        }
        out.at_risk.push_back({c.id, c.name, t.person_id, t.name, t.unit_name,
                               core::CompletionStateCode(state), t.verdict.reasons});
      }
    }

    // Tomorrow's logistics.
    if (runs_tomorrow) {
      Tomorrow next;
      next.class_id = c.id;
      next.class_name = c.name;
      next.date = core::FormatCivilDate(tomorrow);
      for (const auto& s : class_sessions) {
        if (core::LocalDate(s.start_ms, c.utc_offset_minutes) != tomorrow) continue;
        if (s.kind != timetable::SessionKind::kOnsite) continue;
        PEIXUN_ASSIGN_OR_RETURN(std::vector<logistics::Bus> list, buses.List(who, s.id));
        for (const auto& b : list) {
          next.buses.push_back(
              {s.id, s.title, s.start_ms, b.name, b.seats, static_cast<int>(b.passengers.size())});
        }
      }
      PEIXUN_ASSIGN_OR_RETURN(
          logistics::MealPlan plan,
          meals.Counts(who, c.id, attendance::LeaveCheckForClass(store_, c.id)));
      for (const auto& day : plan.days) {
        if (day.date != tomorrow) continue;
        for (const auto& m : day.meals) {
          next.meals.push_back({std::string(logistics::MealCode(m.meal)), m.total, m.regular,
                                m.halal, m.vegetarian, m.on_leave});
        }
      }
      out.tomorrow.push_back(std::move(next));
    }
  }

  std::stable_sort(out.today.begin(), out.today.end(),
                   [](const TodaySession& a, const TodaySession& b) {
                     if (PhaseRank(a.phase) != PhaseRank(b.phase)) {
                       return PhaseRank(a.phase) < PhaseRank(b.phase);
                     }
                     // Ended sessions: the latest first.
                     return a.phase == "ended" ? a.start_ms > b.start_ms : a.start_ms < b.start_ms;
                   });
  std::stable_sort(
      out.leave_requests.begin(), out.leave_requests.end(),
      [](const PendingLeave& a, const PendingLeave& b) { return a.created_ms < b.created_ms; });
  std::stable_sort(out.at_risk.begin(), out.at_risk.end(),
                   [](const TraineeAtRisk& a, const TraineeAtRisk& b) {
                     return (a.state == "at_risk") > (b.state == "at_risk");
                   });
  return out;
}

}  // namespace peixun::workbench
