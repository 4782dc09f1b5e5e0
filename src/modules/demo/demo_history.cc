#include "modules/demo/demo_history.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/checkin_token.h"
#include "core/clock.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/classes/class_service.h"
#include "modules/demo/demo_names.h"
#include "modules/groups/groups_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::demo {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kDay = 24 * 60 * kMinute;

Principal TraineeOf(int64_t person_id) {
  Principal p;
  p.role = Role::kTrainee;
  p.person_id = person_id;
  p.username = "p" + std::to_string(person_id);
  return p;
}

int64_t LocalDay(int64_t ms, int utc_offset_minutes) {
  const int64_t local = ms + utc_offset_minutes * kMinute;
  return local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
}

// One thing that happened on day 1, replayed in time order.
struct Event {
  enum Kind { kCheckIn, kCheckOut, kOpenSpotCheck, kConfirmSpotCheck } kind;
  int64_t at_ms;
  int64_t session_id;
  int64_t person_id;
};

// The people of the story, picked by their place in the roster (by person id) so the
// demo is the same every time.
struct Cast {
  int64_t absent_am = 0, absent_pm = 0;  // absent without leave
  int64_t leave_am = 0, leave_pm = 0;    // approved leave
  int64_t left_midway = 0;               // left during the afternoon lecture
  int64_t left_early = 0;                // checked out 25 minutes early
  int64_t corrected = 0;                 // forgot to scan; the head teacher corrects
  int64_t pending = 0;                   // asks leave for a session still to come
  int64_t featured = 0;                  // the invite link's trainee (leave_pm)
  std::set<int64_t> late;
};

Cast CastFrom(const std::vector<int64_t>& t) {
  Cast c;
  c.absent_am = t[23];
  c.absent_pm = t[7];
  c.leave_am = t[31];
  c.leave_pm = t[11];
  c.left_midway = t[19];
  c.left_early = t[64];
  c.corrected = t[27];
  c.pending = t[40];
  c.featured = c.leave_pm;
  c.late = {t[3], t[15], t[52], t[88], t[120]};
  return c;
}

}  // namespace

Result<DemoHistoryCounts> LoadDemoHistory(store::Store& store, const crypto::DataKey& key,
                                          int64_t class_id, const Principal& head_teacher) {
  DemoHistoryCounts counts;
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls,
                          store::ReadValue<classes::TrainingClass>(store, [&](store::Tx& tx) {
                            return classes::ClassService::GetIn(tx, class_id);
                          }));
  PEIXUN_ASSIGN_OR_RETURN(std::string secret,
                          store::ReadValue<std::string>(store, [&](store::Tx& tx) {
                            return classes::ClassService::CheckinSecretIn(tx, key, class_id);
                          }));
  timetable::SessionService session_service(store);
  PEIXUN_ASSIGN_OR_RETURN(std::vector<timetable::ClassSession> sessions,
                          session_service.ListForClass(class_id));
  if (sessions.empty()) return NotFound("demo.sessions", "演示课程缺失", "no demo sessions");
  std::sort(sessions.begin(), sessions.end(),
            [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
  const int offset = sessions.front().utc_offset_minutes;
  const int64_t first_day = LocalDay(sessions.front().start_ms, offset);

  // Every session whose check-in has opened by now: day 1 and what of today has begun.
  const int64_t real_now = NowMillis();
  std::vector<timetable::ClassSession> day1;
  const timetable::ClassSession* lecture_am = nullptr;
  const timetable::ClassSession* lecture_pm = nullptr;
  for (const auto& s : sessions) {
    if (s.start_ms - 30 * kMinute < real_now) day1.push_back(s);
  }
  for (const auto& s : day1) {
    if (s.kind != timetable::SessionKind::kLecture || LocalDay(s.start_ms, offset) != first_day)
      continue;
    (lecture_am == nullptr ? lecture_am : lecture_pm) = &s;
  }
  if (lecture_am == nullptr || lecture_pm == nullptr) {
    return NotFound("demo.sessions", "演示课程缺少第一天的两场专题讲座",
                    "the demo's first day lacks its two lectures");
  }

  // Who attends what: the whole class, or a discussion group's members.
  std::vector<std::vector<int64_t>> attendees(day1.size());
  std::vector<int64_t> trainees;
  PEIXUN_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    for (size_t i = 0; i < day1.size(); ++i) {
      PEIXUN_ASSIGN_OR_RETURN(auto members,
                              groups::GroupsService::MembersIn(tx, class_id, day1[i].group_ids));
      for (const auto& m : members) attendees[i].push_back(m.person_id);
      if (day1[i].group_ids.empty()) trainees = attendees[i];
    }
    return Ok();
  }));
  std::sort(trainees.begin(), trainees.end());
  if (trainees.size() < 130) {
    return Invalid("demo.trainees", "演示班学员不足", "the demo class has too few trainees");
  }
  const Cast cast = CastFrom(trainees);
  counts.featured_trainee = cast.featured;

  int64_t now = 0;
  auto clock = [&now] { return now; };
  attendance::CheckinService checkins(store, key, clock);
  attendance::AttendanceService attendance_service(store, clock);
  attendance::LeaveService leaves(store, clock);

  // The evening before, two trainees ask for leave and the head teacher approves.
  now = sessions.front().start_ms - 14 * 60 * kMinute;
  for (auto [person, session, reason] : std::vector<std::tuple<int64_t, int64_t, std::string>>{
           {cast.leave_am, lecture_am->id, "陪同家人到医院复查（附预约单）"},
           {cast.leave_pm, lecture_pm->id, "单位迎接上级检查，需返回处理紧急工作"}}) {
    attendance::LeaveInput in;
    in.session_ids = {session};
    in.reason = reason;
    PEIXUN_ASSIGN_OR_RETURN(auto asked, leaves.Request(TraineeOf(person), class_id, in));
    now += 30 * kMinute;
    PEIXUN_RETURN_IF_ERROR(leaves.Approve(head_teacher, asked.id, "同意，请做好工作交接"));
    ++counts.leaves;
  }

  // Day 1, scan by scan.
  DemoRandom rng(2020);
  std::vector<Event> events;
  for (size_t i = 0; i < day1.size(); ++i) {
    const auto& s = day1[i];
    const bool am = s.id == lecture_am->id;
    const bool pm = s.id == lecture_pm->id;
    const bool running = s.end_ms > real_now;
    for (int64_t person : attendees[i]) {
      // The featured trainee's phone still has today's scans to make.
      if (running && person == cast.featured) continue;
      if (am && (person == cast.absent_am || person == cast.leave_am || person == cast.corrected))
        continue;
      if (pm && (person == cast.absent_pm || person == cast.leave_pm)) continue;
      const bool late = am && cast.late.count(person) > 0;
      const int64_t in_at = late
                                ? s.start_ms + (6 + rng.Below(13)) * kMinute
                                : s.start_ms - (3 + rng.Below(23)) * kMinute - rng.Below(50) * 1000;
      events.push_back({Event::kCheckIn, in_at, s.id, person});
      if (!s.requires_checkout) continue;
      if (pm && person == cast.left_midway) continue;
      const int64_t out_at = pm && person == cast.left_early
                                 ? s.end_ms - 25 * kMinute
                                 : s.end_ms + rng.Below(9) * kMinute + rng.Below(50) * 1000;
      events.push_back({Event::kCheckOut, out_at, s.id, person});
      if (pm && person != cast.left_midway) {
        events.push_back({Event::kConfirmSpotCheck,
                          s.start_ms + 50 * kMinute + (5 + rng.Below(100)) * 1000, s.id, person});
      }
    }
    if (pm) events.push_back({Event::kOpenSpotCheck, s.start_ms + 50 * kMinute, s.id, 0});
  }
  // What lies ahead of this moment has not happened yet.
  std::erase_if(events, [&](const Event& e) { return e.at_ms >= real_now; });
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at_ms < b.at_ms; });

  // Scans of one session and direction go to the writer together, as a hall's phones
  // would, so its group commit makes the demo load in seconds; the next kind of event
  // waits until they are durable.
  std::mutex mu;
  std::condition_variable cv;
  int in_flight = 0;
  std::optional<Error> failed;
  auto drain = [&]() -> Status {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return in_flight == 0; });
    if (failed) return *failed;
    return Ok();
  };
  int64_t spot_check_id = 0;
  const Event* previous = nullptr;
  for (const Event& e : events) {
    if (previous && (previous->kind != e.kind || previous->session_id != e.session_id)) {
      PEIXUN_RETURN_IF_ERROR(drain());
    }
    previous = &e;
    now = e.at_ms;
    switch (e.kind) {
      case Event::kOpenSpotCheck: {
        PEIXUN_ASSIGN_OR_RETURN(auto opened,
                                attendance_service.OpenSpotCheck(head_teacher, e.session_id, 3));
        spot_check_id = opened.id;
        break;
      }
      case Event::kConfirmSpotCheck:
        PEIXUN_RETURN_IF_ERROR(
            attendance_service.ConfirmSpotCheck(TraineeOf(e.person_id), spot_check_id));
        break;
      case Event::kCheckIn:
      case Event::kCheckOut: {
        const auto dir =
            e.kind == Event::kCheckIn ? core::CheckinDirection::kIn : core::CheckinDirection::kOut;
        attendance::CheckinRequest req;
        req.source = attendance::CheckinSource::kQr;
        req.session_id = e.session_id;
        req.direction = dir;
        req.person_id = e.person_id;
        req.token = core::MakeCheckinToken(secret, e.session_id, dir,
                                           core::WindowOf(now, cls.rules.qr_period_seconds));
        req.idempotency_key = "demo-" + std::to_string(e.session_id) + "-" +
                              std::to_string(e.person_id) +
                              (dir == core::CheckinDirection::kIn ? "-in" : "-out");
        {
          std::lock_guard lock(mu);
          ++in_flight;
        }
        checkins.CheckInAsync(req, [&](Result<attendance::CheckinResult> r) {
          std::lock_guard lock(mu);
          if (!r && !failed) failed = r.error();
          --in_flight;
          cv.notify_all();
        });
        ++counts.check_ins;
        break;
      }
    }
  }
  PEIXUN_RETURN_IF_ERROR(drain());
  counts.late = static_cast<int>(cast.late.size());
  counts.absent = 2;

  // After the morning lecture the head teacher records the trainee whose phone had died.
  now = lecture_am->end_ms + 10 * kMinute;
  attendance::CorrectionInput fix;
  fix.person_id = cast.corrected;
  fix.status = core::AttendanceStatus::kAttended;
  fix.reason = "手机没电未能扫码，班主任现场确认全程到课";
  PEIXUN_RETURN_IF_ERROR(attendance_service.Correct(head_teacher, lecture_am->id, fix));
  ++counts.corrections;

  // This morning a trainee asks leave for a session still to come; it waits.
  for (const auto& s : sessions) {
    if (s.start_ms < real_now + 60 * kMinute || !s.group_ids.empty()) continue;
    if (s.kind != timetable::SessionKind::kLecture && s.kind != timetable::SessionKind::kOnsite)
      continue;
    now = std::min(real_now, s.start_ms - 12 * 60 * kMinute);
    attendance::LeaveInput in;
    in.session_ids = {s.id};
    in.reason = "街道防汛值班，需到岗";
    PEIXUN_RETURN_IF_ERROR(leaves.Request(TraineeOf(cast.pending), class_id, in));
    ++counts.leaves;
    break;
  }
  return counts;
}

}  // namespace peixun::demo
