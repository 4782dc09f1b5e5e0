// Check-in, kiosk, spot checks, corrections, leave and paper import
// (modules/attendance) on the seed class, on SQLite and PostgreSQL: the rules of
// DESIGN.md "Domain rules" and "Check-in by rotating QR", idempotency under
// concurrent retries, and a burst of 1,000 trainees through the group-commit writer.
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "api/openapi.h"
#include "classes_fixture.h"
#include "core/checkin_token.h"
#include "io/table_transfer.h"
#include "modules/attendance/attendance_json.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/paper_import.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

using attendance::CheckinRequest;
using attendance::CheckinSource;
using core::CheckinDirection;

class CheckinTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    auto clock = [this] { return now_; };
    services_ = std::make_unique<attendance::AttendanceServices>(db(), key_, clock);
    attendance::RegisterAttendanceRoutes(router_, *services_);
    klass_ = MakeClass();
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    auto s = AddSession(klass_.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T10:30");
    ASSERT_TRUE(s.ok()) << s.error().message;
    session_ = s->session;
    auto s2 =
        AddSession(klass_.id, "discussion", "分组讨论", "2020-06-02T14:30", "2020-06-02T16:30");
    ASSERT_TRUE(s2.ok()) << s2.error().message;
    session2_ = s2->session;
    auto secret = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
      return classes::ClassService::CheckinSecretIn(tx, key_, klass_.id);
    });
    ASSERT_TRUE(secret.ok());
    secret_ = *secret;
    admin_ = MakeUser("att_admin", Role::kAdmin);
    admin_principal_.user_id = admin_.user.id;
    admin_principal_.username = "att_admin";
    admin_principal_.role = Role::kAdmin;
    now_ = session_.start_ms + 1 * kMinute;
  }
  void TearDown() override {
    services_.reset();
    ClassesTest::TearDown();
  }

  // `n` trainees (people + approved enrollments) added in one transaction.
  std::vector<int64_t> AddTrainees(int n, const std::string& prefix = "学员", bool enroll = true) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) names.push_back(prefix + std::to_string(i + 1 + next_person_));
    std::vector<int64_t> ids;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(ids, AddPeopleIn(tx, key_, unit_, names));
      if (enroll) PEIXUN_RETURN_IF_ERROR(AddApprovedEnrollmentsIn(tx, klass_.id, unit_, ids));
      return Ok();
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    next_person_ += n;
    return ids;
  }

  std::string Token(int64_t session_id, int64_t window_offset = 0,
                    CheckinDirection dir = CheckinDirection::kIn) {
    return core::MakeCheckinToken(
        secret_, session_id, dir,
        core::WindowOf(now_, klass_.rules.qr_period_seconds) + window_offset);
  }

  CheckinRequest Qr(int64_t person, const std::string& token, const std::string& key) {
    CheckinRequest r;
    r.source = CheckinSource::kQr;
    r.person_id = person;
    r.token = token;
    r.idempotency_key = key;
    return r;
  }

  attendance::CheckinService& checkins() { return *services_->checkins; }
  attendance::AttendanceService& att() { return *services_->attendance; }
  attendance::LeaveService& leave() { return *services_->leave; }

  int64_t EventCount(int64_t session_id) {
    auto n = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r, tx.Query("SELECT COUNT(*) FROM attendance_events WHERE session_id = ?",
                                  {store::Int(session_id)}));
      return r[0].Int(0);
    });
    return n.ok() ? *n : -1;
  }

  // One statement in its own transaction (a write made outside the services).
  void ExecSql(const std::string& sql, const std::vector<store::Value>& params) {
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(sql, params));
      return changed > 0 ? Ok() : Status(Internal("test.sql", "no row changed: " + sql));
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  const attendance::AttendanceRow* RowOf(const attendance::SessionAttendance& sa, int64_t person) {
    for (const auto& r : sa.rows) {
      if (r.person_id == person) return &r;
    }
    return nullptr;
  }

  std::unique_ptr<attendance::AttendanceServices> services_;
  classes::TrainingClass klass_;
  int64_t unit_ = 0;
  timetable::ClassSession session_;
  timetable::ClassSession session2_;
  std::string secret_;
  auth::CreatedUser admin_;
  Principal admin_principal_;
  int next_person_ = 0;
};

TEST_F(CheckinTest, CurrentAndPreviousTokensAreAccepted) {
  auto t = AddTrainees(2);
  auto a = checkins().CheckIn(Qr(t[0], Token(session_.id), "key-current-0001"));
  ASSERT_TRUE(a.ok()) << a.error().code;
  EXPECT_TRUE(a->first);
  EXPECT_EQ(a->at, "08:31");
  EXPECT_EQ(a->message_zh, "签到成功 08:31");
  EXPECT_EQ(a->counts.checked_in, 1);
  EXPECT_EQ(a->counts.expected, 2);
  auto b = checkins().CheckIn(Qr(t[1], Token(session_.id, -1), "key-previous-0001"));
  ASSERT_TRUE(b.ok()) << b.error().code;
  EXPECT_EQ(b->counts.Label(), "已签到 2 / 2");
  // A second scan with a new key: the first check-in counts, nothing is recorded.
  now_ += 5 * kMinute;
  auto again = checkins().CheckIn(Qr(t[0], Token(session_.id), "key-current-0002"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->first);
  EXPECT_EQ(again->message_zh, "已签到 08:31");
  EXPECT_EQ(EventCount(session_.id), 2);
}

TEST_F(CheckinTest, BadTokensAreRefusedWithReasons) {
  auto t = AddTrainees(1);
  auto expired = checkins().CheckIn(Qr(t[0], Token(session_.id, -3), "key-expired-001"));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, core::kTokenExpired);
  EXPECT_FALSE(expired.error().message.empty());

  auto forged =
      checkins().CheckIn(Qr(t[0],
                            core::MakeCheckinToken("another class's secret", session_.id,
                                                   CheckinDirection::kIn, core::WindowOf(now_)),
                            "key-forged-0001"));
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, core::kTokenForged);
  auto garbage = checkins().CheckIn(Qr(t[0], "not-a-token", "key-forged-0002"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, core::kTokenForged);

  CheckinRequest other = Qr(t[0], Token(session2_.id), "key-other-00001");
  other.session_id = session_.id;
  auto wrong = checkins().CheckIn(other);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, core::kTokenWrongSession);
  EXPECT_EQ(EventCount(session_.id), 0);
}

TEST_F(CheckinTest, OutsideTheWindowIsRefused) {
  auto t = AddTrainees(1);
  now_ = session_.start_ms - 31 * kMinute;
  auto early = checkins().CheckIn(Qr(t[0], Token(session_.id), "key-window-0001"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, core::kWindowNotOpenYet);
  now_ = session_.end_ms + kMinute;
  auto late = checkins().CheckIn(Qr(t[0], Token(session_.id), "key-window-0002"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, core::kWindowClosed);
  // Check-out stays open 30 minutes after the end.
  auto out = checkins().CheckIn(
      Qr(t[0], Token(session_.id, 0, CheckinDirection::kOut), "key-window-0003"));
  ASSERT_TRUE(out.ok()) << out.error().code;
  EXPECT_EQ(out->direction, CheckinDirection::kOut);
}

TEST_F(CheckinTest, NotEnrolledIsRefused) {
  auto stranger = AddTrainees(1, "旁听", false);
  auto r = checkins().CheckIn(Qr(stranger[0], Token(session_.id), "key-stranger-01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "attendance.not_enrolled");
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
}

// Issue 15: the session, its roster, the class's leave and a staff user's access are
// kept in memory (modules/attendance/internal/checkin_facts.h); every write committed
// in the process drops them, so each change below is seen by the very next check-in.
TEST_F(CheckinTest, ChangesAreSeenByTheVeryNextCheckIn) {
  auto t = AddTrainees(4);
  auto scan = [&](int64_t person, const std::string& key) {
    return checkins().CheckIn(Qr(person, Token(session_.id), key));
  };
  now_ = session_.start_ms + 1 * kMinute;
  auto first = scan(t[0], "facts-first-0001");  // the facts are now in memory
  ASSERT_TRUE(first.ok()) << first.error().code;
  EXPECT_EQ(first->counts.Label(), "已签到 1 / 4");

  // An enrollment withdrawn (its row changed in any transaction): refused at once, and
  // the expected count follows.
  ExecSql(
      "UPDATE enrollments SET status = 'withdrawn' WHERE "
      "class_id = ? AND person_id = ?",
      {store::Int(klass_.id), store::Int(t[1])});
  auto withdrawn = scan(t[1], "facts-withdrawn-1");
  ASSERT_FALSE(withdrawn.ok());
  EXPECT_EQ(withdrawn.error().code, "attendance.not_enrolled");
  // A trainee enrolled a moment ago checks in at once.
  auto late_joiner = AddTrainees(1, "插班");
  auto joined = scan(late_joiner[0], "facts-joined-0001");
  ASSERT_TRUE(joined.ok()) << joined.error().code;
  EXPECT_EQ(joined->person_name, "插班5");
  EXPECT_EQ(joined->counts.Label(), "已签到 2 / 4");

  // A leave decision: t[2]'s approved leave over the start makes 08:41 on time.
  {
    Principal trainee;
    trainee.role = Role::kTrainee;
    trainee.person_id = t[2];
    attendance::LeaveInput in;
    in.start_ms = session_.start_ms;
    in.end_ms = session_.start_ms + 20 * kMinute;
    in.reason = "就医";
    now_ = session_.start_ms - kDay;
    auto req = leave().Request(trainee, klass_.id, in);
    ASSERT_TRUE(req.ok()) << req.error().code;
    ASSERT_TRUE(leave().Approve(admin_principal_, req->id, "同意").ok());
  }
  now_ = session_.start_ms + 11 * kMinute;
  auto excused = scan(t[2], "facts-leave-00001");
  ASSERT_TRUE(excused.ok()) << excused.error().code;
  EXPECT_STREQ(excused->meaning.code, "on_time");
  auto late = scan(t[3], "facts-late-000001");  // no leave: late
  ASSERT_TRUE(late.ok()) << late.error().code;
  EXPECT_STREQ(late->meaning.code, "late");

  // An erasure's deletion of a trainee's check-ins: the tally the next answer carries
  // is read again.
  ExecSql("DELETE FROM attendance_events WHERE person_id = ?", {store::Int(t[3])});
  auto after_delete = checkins().CountsOf(session_.id);
  ASSERT_TRUE(after_delete.ok());
  EXPECT_EQ(after_delete->checked_in, 3);

  // The session moved to the next day (the timetable's own edit): the window is closed.
  timetable::SessionFields moved;
  moved.start = "2020-06-03T08:30";
  moved.end = "2020-06-03T10:30";
  auto edit = sessions_->Update(session_.id, moved, true);
  ASSERT_TRUE(edit.ok()) << edit.error().code;
  auto too_early = scan(t[3], "facts-moved-00001");
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.error().code, core::kWindowNotOpenYet);
}

// The kiosk's access check runs in the service on every scan: a head teacher
// removed from the class is refused on the next one.
TEST_F(CheckinTest, AKioskScanIsRefusedOnceTheHeadTeacherIsNoLongerTheClasss) {
  auto t = AddTrainees(2);
  auto head = MakeUser("att_head", Role::kHeadTeacher);
  ExecSql(
      "INSERT INTO class_head_teachers (class_id, user_id) "
      "VALUES (?, ?)",
      {store::Int(klass_.id), store::Int(head.user.id)});
  Principal head_principal;
  head_principal.user_id = head.user.id;
  head_principal.username = "att_head";
  head_principal.role = Role::kHeadTeacher;
  auto kiosk = [&](int64_t person, const std::string& key) {
    CheckinRequest r;
    r.source = CheckinSource::kKiosk;
    r.session_id = session_.id;
    r.badge_token = enrollment::BadgeTokenOf(klass_.id, person, secret_);
    r.idempotency_key = key;
    r.user_id = head.user.id;
    r.manager = &head_principal;
    return checkins().CheckIn(r);
  };
  auto ok = kiosk(t[0], "head-kiosk-00001");
  ASSERT_TRUE(ok.ok()) << ok.error().code;
  ExecSql("DELETE FROM class_head_teachers WHERE user_id = ?", {store::Int(head.user.id)});
  auto refused = kiosk(t[1], "head-kiosk-00002");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(EventCount(session_.id), 1);
}

TEST_F(CheckinTest, SixteenConcurrentRetriesRecordOneRowAndGetOneAnswer) {
  auto t = AddTrainees(1);
  const std::string token = Token(session_.id);
  std::vector<Result<attendance::CheckinResult>> results;
  results.reserve(16);
  for (int i = 0; i < 16; ++i) results.emplace_back(Internal("unset", "unset"));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < 16) std::this_thread::yield();
      results[i] = checkins().CheckIn(Qr(t[0], token, "same-key-for-all-16"));
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> ids;
  std::set<std::string> messages;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
    ids.insert(r->event_id);
    messages.insert(r->message_zh + "|" + r->at);
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(messages.size(), 1u);
  EXPECT_EQ(EventCount(session_.id), 1);
}

TEST_F(CheckinTest, AnotherTraineesKeyNeverAnswersForThemAndTheTokenIsAlwaysChecked) {
  auto t = AddTrainees(2);
  const std::string token = Token(session_.id);
  auto a = checkins().CheckIn(Qr(t[0], token, "shared-phone-key-1"));
  ASSERT_TRUE(a.ok()) << a.error().code;
  // B on the same phone, the same key: B is recorded as B, not answered as A.
  auto b = checkins().CheckIn(Qr(t[1], token, "shared-phone-key-1"));
  ASSERT_TRUE(b.ok()) << b.error().code;
  EXPECT_EQ(b->person_id, t[1]);
  EXPECT_EQ(b->person_name, "学员2");
  EXPECT_NE(b->event_id, a->event_id);
  EXPECT_EQ(EventCount(session_.id), 2);
  // A's own retry with a garbage token is refused: the token is checked first.
  auto garbage = checkins().CheckIn(Qr(t[0], "garbage", "shared-phone-key-1"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, core::kTokenForged);
  // The same key for another direction is another check-in (a check-out).
  auto out = checkins().CheckIn(
      Qr(t[0], Token(session_.id, 0, CheckinDirection::kOut), "shared-phone-key-1"));
  ASSERT_TRUE(out.ok()) << out.error().code;
  EXPECT_EQ(out->direction, CheckinDirection::kOut);
  EXPECT_EQ(EventCount(session_.id), 3);
  // A retry of A's own request a minute later, its code expired since: the first
  // answer, nothing recorded; a new request with that expired code is refused.
  now_ += 2 * kMinute;
  auto retry = checkins().CheckIn(Qr(t[0], token, "shared-phone-key-1"));
  ASSERT_TRUE(retry.ok()) << retry.error().code;
  EXPECT_EQ(retry->event_id, a->event_id);
  EXPECT_EQ(EventCount(session_.id), 3);
  auto stale = checkins().CheckIn(Qr(t[1], token, "fresh-key-000001"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, core::kTokenExpired);
}

// Rotating the class's check-in secret (classes.checkin_secret.rotate): badges and
// QR codes made with the old secret are refused once the check-in context is
// reloaded (kContextFreshMs), those made with the new one work.
TEST_F(CheckinTest, RotatingTheSecretRetiresOldBadgesAndQrCodes) {
  auto t = AddTrainees(3, "换钥");
  auto kiosk = [&](int64_t person, const std::string& secret, const std::string& key) {
    CheckinRequest r;
    r.source = CheckinSource::kKiosk;
    r.session_id = session_.id;
    r.badge_token = enrollment::BadgeTokenOf(klass_.id, person, secret);
    r.idempotency_key = key;
    r.user_id = admin_.user.id;
    return r;
  };
  const std::string old_secret = secret_;
  const std::string old_qr = Token(session_.id);
  auto before = checkins().CheckIn(kiosk(t[0], old_secret, "rotate-key-000001"));
  ASSERT_TRUE(before.ok()) << before.error().code;

  auto rotated = classes_->RotateCheckinSecret(admin_principal_, klass_.id);
  ASSERT_TRUE(rotated.ok()) << rotated.error().code;
  auto fresh = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
    return classes::ClassService::CheckinSecretIn(tx, key_, klass_.id);
  });
  ASSERT_TRUE(fresh.ok());
  ASSERT_NE(*fresh, old_secret);
  // The check-in service rereads a session's class and secret after 1 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto old_badge = checkins().CheckIn(kiosk(t[1], old_secret, "rotate-key-000002"));
  ASSERT_FALSE(old_badge.ok());
  EXPECT_EQ(old_badge.error().code, "attendance.badge.invalid");
  auto old_code = checkins().CheckIn(Qr(t[1], old_qr, "rotate-key-000003"));
  ASSERT_FALSE(old_code.ok());
  EXPECT_NE(old_code.error().code, "");
  auto new_badge = checkins().CheckIn(kiosk(t[1], *fresh, "rotate-key-000004"));
  ASSERT_TRUE(new_badge.ok()) << new_badge.error().code;
  secret_ = *fresh;
  auto new_code = checkins().CheckIn(Qr(t[2], Token(session_.id), "rotate-key-000005"));
  ASSERT_TRUE(new_code.ok()) << new_code.error().code;
  EXPECT_EQ(EventCount(session_.id), 3);
}

TEST_F(CheckinTest, AKioskKeyReusedForAnotherBadgeIsRefusedWithoutRevealingTheFirst) {
  auto t = AddTrainees(2, "胸牌");
  auth::CreatedUser other = MakeUser("att_kiosk_other", Role::kAdmin);
  auto scan = [&](int64_t person, int64_t user, const std::string& key) {
    CheckinRequest r;
    r.source = CheckinSource::kKiosk;
    r.session_id = session_.id;
    r.badge_token = enrollment::BadgeTokenOf(klass_.id, person, secret_);
    r.idempotency_key = key;
    r.user_id = user;
    return r;
  };
  auto first = checkins().CheckIn(scan(t[0], admin_.user.id, "kiosk-key-000001"));
  ASSERT_TRUE(first.ok()) << first.error().code;
  auto reused = checkins().CheckIn(scan(t[1], admin_.user.id, "kiosk-key-000001"));
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, "attendance.idempotency.reused");
  EXPECT_EQ(reused.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(reused.error().message.find("胸牌1"), std::string::npos) << reused.error().message;
  EXPECT_EQ(reused.error().message.find("08:"), std::string::npos) << reused.error().message;
  CheckinRequest forged = scan(t[0], admin_.user.id, "kiosk-key-000001");
  forged.badge_token = "forged-badge";
  EXPECT_EQ(checkins().CheckIn(forged).error().code, "attendance.badge.invalid");
  // Another kiosk (another caller) with the same key scans its own trainee.
  auto elsewhere = checkins().CheckIn(scan(t[1], other.user.id, "kiosk-key-000001"));
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().code;
  EXPECT_EQ(elsewhere->person_id, t[1]);
  EXPECT_EQ(EventCount(session_.id), 2);
}

TEST_F(CheckinTest, AThousandTraineesAtOnceAreAllRecorded) {
  constexpr int kTrainees = 1000;
  constexpr int kThreads = 32;
  auto t = AddTrainees(kTrainees);
  const std::string token = Token(session_.id);
  std::atomic<int> failures{0};
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&] {
      for (int i = next++; i < kTrainees; i = next++) {
        auto r = checkins().CheckIn(Qr(t[i], token, "burst-key-" + std::to_string(i)));
        if (!r.ok()) {
          ++failures;
          ADD_FAILURE() << r.error().code << " " << r.error().message;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(EventCount(session_.id), kTrainees);
  // How many commits 32 waiting clients need depends on the machine's speed;
  // CheckinWriterTest proves the grouping itself.
  auto counts = checkins().CountsOf(session_.id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->checked_in, kTrainees);
}

TEST_F(CheckinTest, DeviceBoundToAnotherTraineeAndSharedDeviceAreFlagged) {
  auto t = AddTrainees(2);
  const int64_t user_a = MakeUser("att_trainee_a", Role::kTrainee, {}, t[0]).user.id;
  const int64_t user_b = MakeUser("att_trainee_b", Role::kTrainee, {}, t[1]).user.id;
  // The phone that accepts trainee A's invite is bound to A's account.
  auto invite = auth().invites.CreateForSystem(t[0], std::nullopt);
  ASSERT_TRUE(invite.ok()) << invite.error().code;
  auto login = auth().invites.Accept(invite->token, "", "", "");
  ASSERT_TRUE(login.ok()) << login.error().code;
  ASSERT_EQ(login->user.id, user_a);
  const std::string device = login->new_device_id;
  ASSERT_FALSE(device.empty());

  CheckinRequest a = Qr(t[0], Token(session_.id), "key-device-00001");
  a.device_id = device;
  a.user_id = user_a;
  auto ra = checkins().CheckIn(a);
  ASSERT_TRUE(ra.ok()) << ra.error().code;
  EXPECT_TRUE(ra->flags.empty());

  CheckinRequest b = Qr(t[1], Token(session_.id), "key-device-00002");
  b.device_id = device;
  b.user_id = user_b;
  auto rb = checkins().CheckIn(b);
  ASSERT_TRUE(rb.ok()) << rb.error().code;
  std::set<std::string> flags(rb->flags.begin(), rb->flags.end());
  EXPECT_TRUE(flags.count("device_bound_to_other"));
  EXPECT_TRUE(flags.count("device_shared"));

  now_ = session_.end_ms + kHour;
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  const auto* row = RowOf(*sa, t[1]);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->status, "attended");  // a flag, not a refusal
  EXPECT_FALSE(row->flags.empty());
}

TEST_F(CheckinTest, UnconfirmedSpotCheckMeansLeftMidway) {
  auto t = AddTrainees(2);
  MakeUser("att_spot_a", Role::kTrainee, {}, t[0]);
  ASSERT_TRUE(checkins().CheckIn(Qr(t[0], Token(session_.id), "key-spot-000001")).ok());
  ASSERT_TRUE(checkins().CheckIn(Qr(t[1], Token(session_.id), "key-spot-000002")).ok());
  now_ = session_.start_ms + 40 * kMinute;
  auto spot = att().OpenSpotCheck(admin_principal_, session_.id, std::nullopt);
  ASSERT_TRUE(spot.ok()) << spot.error().code;
  EXPECT_EQ(spot->closes_ms - spot->opened_ms, 3 * kMinute);
  Principal trainee_a;
  trainee_a.role = Role::kTrainee;
  trainee_a.person_id = t[0];
  now_ += kMinute;
  auto open = att().OpenSpotChecksFor(trainee_a);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].info.id, spot->id);
  EXPECT_EQ((*open)[0].class_id, klass_.id);
  EXPECT_FALSE((*open)[0].confirmed);
  ASSERT_TRUE(att().ConfirmSpotCheck(trainee_a, spot->id).ok());
  open = att().OpenSpotChecksFor(trainee_a);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_TRUE((*open)[0].confirmed);
  Principal stranger = trainee_a;
  stranger.person_id = AddTrainees(1, "旁听者", false)[0];
  open = att().OpenSpotChecksFor(stranger);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  Principal trainee_b = trainee_a;
  trainee_b.person_id = t[1];
  now_ += 5 * kMinute;
  open = att().OpenSpotChecksFor(trainee_b);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());  // closed
  auto closed = att().ConfirmSpotCheck(trainee_b, spot->id);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, "attendance.spot_check.closed");

  now_ = session_.end_ms + kHour;
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_FALSE(RowOf(*sa, t[0])->result.left_midway);
  EXPECT_TRUE(RowOf(*sa, t[1])->result.left_midway);
  EXPECT_EQ(RowOf(*sa, t[1])->status, "attended");
}

TEST_F(CheckinTest, CorrectionOverridesAndNeedsAReason) {
  auto t = AddTrainees(1);
  now_ = session_.end_ms + kHour;
  attendance::CorrectionInput c;
  c.person_id = t[0];
  c.status = core::AttendanceStatus::kAttended;
  c.reason = "  ";
  auto refused = att().Correct(admin_principal_, session_.id, c);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "attendance.correction.reason");
  auto before = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(RowOf(*before, t[0])->status, "absent");
  c.reason = "扫码时手机没电，经核实全程在场";
  auto ok = att().Correct(admin_principal_, session_.id, c);
  ASSERT_TRUE(ok.ok()) << ok.error().code;
  auto after = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(RowOf(*after, t[0])->status, "attended");
  EXPECT_TRUE(RowOf(*after, t[0])->corrected);
  EXPECT_EQ(EventCount(session_.id), 0);  // no invented scans
}

TEST_F(CheckinTest, ApprovedLeaveExcusesAndReportsBack) {
  auto t = AddTrainees(2);
  Principal trainee;
  trainee.role = Role::kTrainee;
  trainee.person_id = t[0];
  now_ = session_.start_ms - kDay;
  attendance::LeaveInput in;
  in.session_ids = {session_.id};
  in.reason = "单位紧急工作";
  auto req = leave().Request(trainee, klass_.id, in);
  ASSERT_TRUE(req.ok()) << req.error().code << req.error().message;
  EXPECT_EQ(req->status, "requested");
  EXPECT_FALSE(attendance::LeaveCheckForClass(db(), klass_.id)(t[0], session_.start_ms + kMinute));
  auto approved = leave().Approve(admin_principal_, req->id, "同意");
  ASSERT_TRUE(approved.ok()) << approved.error().code;
  EXPECT_EQ(approved->status, "approved");
  EXPECT_TRUE(attendance::LeaveCheckForClass(db(), klass_.id)(t[0], session_.start_ms + kMinute));
  auto again = leave().Approve(admin_principal_, req->id, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "leave.state");

  // A trainee may not decide leave.
  attendance::LeaveInput other = in;
  Principal trainee_b = trainee;
  trainee_b.person_id = t[1];
  auto req_b = leave().Request(trainee_b, klass_.id, other);
  ASSERT_TRUE(req_b.ok());
  EXPECT_FALSE(leave().Approve(trainee_b, req_b->id, "").ok());

  now_ = session_.end_ms + kHour;
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(RowOf(*sa, t[0])->status, "excused");
  EXPECT_EQ(RowOf(*sa, t[1])->status, "absent");

  auto notice =
      Get("/api/v1/classes/" + std::to_string(klass_.id) + "/attendance-notice.pdf?date=2020-06-02",
          As(admin_));
  ASSERT_EQ(notice.status, 200) << notice.body;
  const std::string text = PdfText(notice.body);
  EXPECT_NE(text.find("考勤通报"), std::string::npos);
  EXPECT_NE(text.find("学员2"), std::string::npos);  // absent
  auto pdf = Get("/api/v1/classes/" + std::to_string(klass_.id) + "/attendance.pdf", As(admin_));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  auto xlsx = Get("/api/v1/classes/" + std::to_string(klass_.id) + "/attendance.xlsx", As(admin_));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);

  auto summary = att().ForClass(admin_principal_, klass_.id);
  ASSERT_TRUE(summary.ok());
  auto j = attendance::ClassSummaryJson(*summary, "zh-CN");
  EXPECT_EQ(j["by_session"][0]["excused"], 1);
  EXPECT_EQ(j["by_session"][0]["absent"], 1);
}

// Issue 11, item 4: a trainee asks leave ahead, never for a session they attended or
// that has ended; the head teacher may still record past leave, with its reason.
TEST_F(CheckinTest, LeaveAttachmentRoundTripsAndANonAsciiByteIsRefusedOnItsField) {
  auto t = AddTrainees(2);
  Principal trainee;
  trainee.role = Role::kTrainee;
  trainee.person_id = t[0];
  now_ = session_.start_ms - kDay;
  attendance::LeaveInput in;
  in.session_ids = {session_.id};
  in.reason = "就医";
  in.attachment_name = "证明.txt";
  in.attachment_base64 = "5bCx5Yy76K+B5piO\r\n";  // "就医证明", with a line break
  auto req = leave().Request(trainee, klass_.id, in);
  ASSERT_TRUE(req.ok()) << req.error().code;
  auto file = leave().Attachment(trainee, req->id);
  ASSERT_TRUE(file.ok()) << file.error().code;
  EXPECT_EQ(file->second, "就医证明");
  // libsodium 1.0.18 would read 0x98 as '/': the request is refused, naming the field.
  trainee.person_id = t[1];
  in.attachment_base64 = "5bCx5Yy76K\x98B5piO";
  auto bad = leave().Request(trainee, klass_.id, in);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "leave.attachment.format");
  EXPECT_EQ(bad.error().field, "attachment_base64");
}

TEST_F(CheckinTest, TraineeLeaveIsRefusedForAttendedOrEndedSessionsButStaffMayRecordIt) {
  auto t = AddTrainees(2);
  Principal trainee;
  trainee.role = Role::kTrainee;
  trainee.person_id = t[0];
  attendance::LeaveInput in;
  in.session_ids = {session_.id};
  in.reason = "单位临时通知开会";

  // Checked in, then asks leave for the same session: refused, naming the field.
  now_ = session_.start_ms + kMinute;
  ASSERT_TRUE(checkins().CheckIn(Qr(t[0], Token(session_.id), "leave-edge-0001")).ok());
  auto attended = leave().Request(trainee, klass_.id, in);
  ASSERT_FALSE(attended.ok());
  EXPECT_EQ(attended.error().code, "leave.session.attended");
  EXPECT_EQ(attended.error().field, "session_ids");
  EXPECT_EQ(attended.error().kind, ErrorKind::kInvalid);

  // The session has ended: refused for the trainee, by session and by time span.
  Principal trainee_b = trainee;
  trainee_b.person_id = t[1];
  now_ = session_.end_ms + kMinute;
  auto ended = leave().Request(trainee_b, klass_.id, in);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, "leave.session.ended");
  EXPECT_EQ(ended.error().field, "session_ids");
  attendance::LeaveInput span;
  span.start_ms = session_.start_ms;
  span.end_ms = session_.end_ms;
  span.reason = "补请假";
  auto past_span = leave().Request(trainee_b, klass_.id, span);
  ASSERT_FALSE(past_span.ok());
  EXPECT_EQ(past_span.error().code, "leave.span.past");
  EXPECT_EQ(past_span.error().field, "end_ms");

  // The head teacher (here the admin) records the past leave for them.
  attendance::LeaveInput staff = in;
  staff.person_id = t[1];
  staff.reason = "事后补假：当天突发疾病，已提供病历";
  auto recorded = leave().Request(admin_principal_, klass_.id, staff);
  ASSERT_TRUE(recorded.ok()) << recorded.error().code;
  ASSERT_TRUE(leave().Approve(admin_principal_, recorded->id, "同意").ok());
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(RowOf(*sa, t[1])->status, "excused");
  EXPECT_EQ(RowOf(*sa, t[0])->status, "attended");
}

TEST_F(CheckinTest, KioskOfflineScansKeepDeviceTimeAndDuplicatesAreFlagged) {
  auto t = AddTrainees(1);
  const std::string badge = enrollment::BadgeTokenOf(klass_.id, t[0], secret_);
  now_ = session_.end_ms + 2 * kHour;  // synced long after
  CheckinRequest scan;
  scan.source = CheckinSource::kKioskOffline;
  scan.session_id = session_.id;
  scan.badge_token = badge;
  scan.at_ms = session_.start_ms - 2 * kMinute;
  scan.idempotency_key = "kiosk-offline-0001";
  auto first = checkins().CheckIn(scan);
  ASSERT_TRUE(first.ok()) << first.error().code;
  EXPECT_EQ(first->at, "08:28");
  EXPECT_EQ(first->source, "kiosk_offline");
  scan.idempotency_key = "kiosk-offline-0002";
  scan.at_ms = session_.start_ms + 3 * kMinute;
  auto dup = checkins().CheckIn(scan);
  ASSERT_TRUE(dup.ok());
  EXPECT_FALSE(dup->first);
  EXPECT_EQ(dup->at, "08:28");
  EXPECT_EQ(EventCount(session_.id), 2);  // kept, never lost
  scan.idempotency_key = "kiosk-offline-0003";
  scan.at_ms = now_ + kHour;
  auto future = checkins().CheckIn(scan);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, "attendance.device_time.future");
  scan.at_ms = session_.end_ms + 5 * kMinute;
  auto outside = checkins().CheckIn(scan);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, core::kWindowClosed);
  scan.badge_token = enrollment::BadgeTokenOf(klass_.id + 1, t[0], secret_);
  EXPECT_EQ(checkins().CheckIn(scan).error().code, "attendance.badge.invalid");
}

TEST_F(CheckinTest, PaperSheetGoesThroughTheSameRules) {
  auto t = AddTrainees(2, "纸签");
  io::Table sheet;
  sheet.header = {"姓名", "课程", "签到时间", "签退时间"};
  sheet.rows = {{"纸签1", kSeedLecture, "2020-06-02 08:29", "10:31"},
                {"纸签2", kSeedLecture, "08:50", ""},
                {"查无此人", kSeedLecture, "08:30", ""},
                {"纸签2", "分组讨论", "20:00", ""}};
  sheet.source_rows = {2, 3, 4, 5};
  auto bytes = io::TableToBytes(sheet, "xlsx", "签到");
  ASSERT_TRUE(bytes.ok());
  now_ = session2_.end_ms + kDay;
  auto report = attendance::ImportPaperSheet(checkins(), admin_principal_, klass_.id, *bytes,
                                             "sheet.xlsx", false);
  ASSERT_TRUE(report.ok()) << report.error().code << report.error().message;
  EXPECT_EQ(report->total_rows, 4);
  EXPECT_EQ(report->imported, 2);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 4);
  EXPECT_EQ(report->errors[1].error.code, core::kWindowClosed);
  EXPECT_EQ(EventCount(session_.id), 3);
  // Importing the same sheet again records nothing twice.
  auto again = attendance::ImportPaperSheet(checkins(), admin_principal_, klass_.id, *bytes,
                                            "sheet.xlsx", false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(EventCount(session_.id), 3);
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(RowOf(*sa, t[0])->status, "attended");
  EXPECT_FALSE(RowOf(*sa, t[0])->result.late);
  EXPECT_TRUE(RowOf(*sa, t[1])->result.late);
}

TEST_F(CheckinTest, TheApiChecksInAndShowsTheProjector) {
  auto t = AddTrainees(1);
  auth::CreatedUser trainee = MakeUser("att_api_trainee", Role::kTrainee, {}, t[0]);
  auto qr = Get("/api/v1/sessions/" + std::to_string(session_.id) + "/qr", As(admin_));
  ASSERT_EQ(qr.status, 200) << qr.body;
  json view = Body(qr);
  EXPECT_EQ(view["counts"]["label"], "已签到 0 / 1");
  EXPECT_NE(view["svg"].get<std::string>().find("<svg"), std::string::npos);
  EXPECT_EQ(view["missing"][0]["names"][0], "学员1");
  auto r = Post("/api/v1/checkin", As(trainee),
                json{{"token", view["token"]},
                     {"idempotency_key", "api-key-000001"},
                     {"lat", 31.2},
                     {"lng", 121.4}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["message"], "签到成功 08:31");
  auto forbidden = Get("/api/v1/sessions/" + std::to_string(session_.id) + "/qr", As(trainee));
  EXPECT_EQ(forbidden.status, 403);
  auto bad = Post("/api/v1/checkin", As(trainee),
                  json{{"token", "zzz"}, {"idempotency_key", "api-key-000002"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(ErrorCode(bad), core::kTokenForged);
}

TEST_F(CheckinTest, TheApiRefusesALocationThatIsNotOneAndKeysBelongToTheirCaller) {
  auto t = AddTrainees(2);
  auth::CreatedUser a = MakeUser("att_loc_a", Role::kTrainee, {}, t[0]);
  auth::CreatedUser b = MakeUser("att_loc_b", Role::kTrainee, {}, t[1]);
  const std::string token = Token(session_.id);
  struct Case {
    json body;
    int status;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"lat", "31.2"}, {"lng", 121.4}}, 400, "request.type", "lat"},
      {{{"lat", 31.2}, {"lng", "东经121"}}, 400, "request.type", "lng"},
      {{{"lat", 91.0}, {"lng", 121.4}}, 422, "request.range", "lat"},
      {{{"lat", 31.2}, {"lng", -181}}, 422, "request.range", "lng"},
      {{{"lat", 31.2}}, 422, "request.required", "lng"},
  };
  for (const Case& k : cases) {
    json body = k.body;
    body["token"] = token;
    body["idempotency_key"] = "loc-key-000001";
    auto r = Post("/api/v1/checkin", As(a), body);
    EXPECT_EQ(r.status, k.status) << body.dump() << " " << r.body;
    EXPECT_EQ(ErrorCode(r), k.code) << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], k.field) << r.body;
  }
  EXPECT_EQ(EventCount(session_.id), 0);  // nothing stored by a refused request
  auto ok = Post(
      "/api/v1/checkin", As(a),
      json{{"token", token}, {"idempotency_key", "loc-key-000001"}, {"lat", 31.2}, {"lng", 121.4}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  // B sends A's key: B is checked in as B, and learns nothing of A.
  auto other =
      Post("/api/v1/checkin", As(b), json{{"token", token}, {"idempotency_key", "loc-key-000001"}});
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(Body(other)["person_name"], "学员2");
  EXPECT_EQ(other.body.find("学员1"), std::string::npos);
  EXPECT_EQ(EventCount(session_.id), 2);
}

// Issue 9, item 11: the answer states what the check-in means — on time, late, or
// recorded but counted absent (past half the session), and early leave on check-out —
// by the rule the status uses, so that the answer and the record agree. session_ runs
// 08:30–10:30: late after 08:35, absent after 09:30.
TEST_F(CheckinTest, TheAnswerSaysWhatTheCheckInMeans) {
  auto t = AddTrainees(5);
  auto scan = [&](int64_t person, const std::string& key,
                  CheckinDirection dir = CheckinDirection::kIn,
                  int64_t session = 0) -> attendance::CheckinResult {
    const int64_t sid = session ? session : session_.id;
    CheckinRequest r = Qr(person, Token(sid, 0, dir), key);
    r.direction = dir;
    auto done = checkins().CheckIn(r);
    EXPECT_TRUE(done.ok()) << key << ": " << (done.ok() ? "" : done.error().code);
    return done.ok() ? *done : attendance::CheckinResult{};
  };

  now_ = session_.start_ms + 1 * kMinute;
  auto on_time = scan(t[0], "meaning-on-time-1");
  EXPECT_STREQ(on_time.meaning.code, "on_time");
  EXPECT_STREQ(on_time.meaning.level, "success");
  EXPECT_EQ(on_time.message_zh, "签到成功 08:31");
  json j = attendance::CheckinResultJson(on_time, "zh-CN");
  EXPECT_EQ(j["meaning"],
            (json{{"code", "on_time"}, {"level", "success"}, {"minutes", 0}, {"label", ""}}));

  now_ = session_.start_ms + 11 * kMinute;
  auto late = scan(t[1], "meaning-late-0001");
  EXPECT_STREQ(late.meaning.code, "late");
  EXPECT_STREQ(late.meaning.level, "warning");
  EXPECT_EQ(late.meaning.minutes, 11);
  EXPECT_EQ(late.message_zh, "签到成功 08:41，迟到 11 分钟");
  EXPECT_EQ(late.message_en, "checked in at 08:41, 11 min late");
  j = attendance::CheckinResultJson(late, "en");
  EXPECT_EQ(j["meaning"]["label"], "11 min late");
  EXPECT_EQ(j["message"], "checked in at 08:41, 11 min late");

  // 70 minutes late: past half the session. Recorded, and said to count as absent.
  now_ = session_.start_ms + 70 * kMinute;
  auto absent = scan(t[2], "meaning-absent-01");
  EXPECT_STREQ(absent.meaning.code, "absent");
  EXPECT_STREQ(absent.meaning.level, "danger");
  EXPECT_EQ(absent.meaning.minutes, 70);
  EXPECT_EQ(absent.message_zh, "签到已记录 09:40，晚于开始 70 分钟，超过课程一半时间，按缺勤计");
  EXPECT_EQ(absent.message_zh.find("签到成功"), std::string::npos);

  // A repeat answers with the first check-in and its meaning.
  now_ += kMinute;
  auto again = scan(t[1], "meaning-late-0002");
  EXPECT_FALSE(again.first);
  EXPECT_EQ(again.message_zh, "已签到 08:41，迟到 11 分钟");
  EXPECT_STREQ(again.meaning.code, "late");

  // Approved leave over the start: arriving at 08:50 is not late, and the answer says so.
  {
    Principal trainee;
    trainee.role = Role::kTrainee;
    trainee.person_id = t[3];
    attendance::LeaveInput in;
    in.start_ms = session_.start_ms;
    in.end_ms = session_.start_ms + 20 * kMinute;
    in.reason = "就医";
    const int64_t scans_now = now_;
    now_ = session_.start_ms - kDay;  // asked the day before: a trainee asks ahead
    auto req = leave().Request(trainee, klass_.id, in);
    ASSERT_TRUE(req.ok()) << req.error().code;
    ASSERT_TRUE(leave().Approve(admin_principal_, req->id, "同意").ok());
    now_ = scans_now;
  }
  now_ = session_.start_ms + 20 * kMinute;
  auto excused_start = scan(t[3], "meaning-leave-001");
  EXPECT_STREQ(excused_start.meaning.code, "on_time");
  EXPECT_EQ(excused_start.message_zh, "签到成功 08:50");

  // The kiosk answers the same way.
  now_ = session_.start_ms + 15 * kMinute;
  CheckinRequest kiosk;
  kiosk.source = CheckinSource::kKiosk;
  kiosk.session_id = session_.id;
  kiosk.badge_token = enrollment::BadgeTokenOf(klass_.id, t[4], secret_);
  kiosk.idempotency_key = "meaning-kiosk-001";
  kiosk.manager = &admin_principal_;
  auto at_kiosk = checkins().CheckIn(kiosk);
  ASSERT_TRUE(at_kiosk.ok()) << at_kiosk.error().code;
  EXPECT_EQ(at_kiosk->message_zh, "签到成功 08:45，迟到 15 分钟");
  EXPECT_STREQ(at_kiosk->meaning.level, "warning");

  // After the session the record agrees with every answer.
  now_ = session_.end_ms + kHour;
  auto sa = att().ForSession(admin_principal_, session_.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(RowOf(*sa, t[0])->status, "attended");
  EXPECT_FALSE(RowOf(*sa, t[0])->result.late);
  EXPECT_EQ(RowOf(*sa, t[1])->status, "attended");
  EXPECT_TRUE(RowOf(*sa, t[1])->result.late);
  EXPECT_EQ(RowOf(*sa, t[2])->status, "absent");
  EXPECT_FALSE(RowOf(*sa, t[3])->result.late);
  EXPECT_TRUE(RowOf(*sa, t[4])->result.late);

  // Check-out from a session that requires it: 50 minutes before the end is early leave.
  timetable::SessionFields f;
  f.kind = "lecture";
  f.title = "签退演练";
  f.start = "2020-06-03T09:00";
  f.end = "2020-06-03T11:00";
  f.requires_checkout = true;
  auto made = sessions_->Create(klass_.id, f, true);
  ASSERT_TRUE(made.ok()) << made.error().message;
  const timetable::ClassSession& s3 = made->session;
  now_ = s3.start_ms;
  scan(t[0], "meaning-out-in-01", CheckinDirection::kIn, s3.id);
  now_ = s3.end_ms - 50 * kMinute;
  auto early = scan(t[0], "meaning-out-early", CheckinDirection::kOut, s3.id);
  EXPECT_STREQ(early.meaning.code, "left_early");
  EXPECT_STREQ(early.meaning.level, "warning");
  EXPECT_EQ(early.meaning.minutes, 50);
  EXPECT_EQ(early.message_zh, "签退成功 10:10，早退 50 分钟");
  now_ = s3.end_ms - 2 * kMinute;
  auto fine = scan(t[0], "meaning-out-final", CheckinDirection::kOut, s3.id);
  EXPECT_STREQ(fine.meaning.code, "on_time");
  EXPECT_EQ(fine.message_zh, "签退成功 10:58");
}

// The check-in route's answer carries the meaning and the OpenAPI document describes it.
TEST_F(CheckinTest, TheCheckInRouteAnswersWithTheMeaning) {
  auto t = AddTrainees(1);
  auth::CreatedUser trainee = MakeUser("att_meaning_trainee", Role::kTrainee, {}, t[0]);
  now_ = session_.start_ms + 70 * kMinute;
  auto r = Post("/api/v1/checkin", As(trainee),
                json{{"token", Token(session_.id)}, {"idempotency_key", "api-meaning-0001"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["meaning"]["code"], "absent");
  EXPECT_EQ(Body(r)["meaning"]["level"], "danger");
  EXPECT_EQ(Body(r)["message"], "签到已记录 09:40，晚于开始 70 分钟，超过课程一半时间，按缺勤计");
  const json doc = api::OpenApiDocument(router_, "test");
  // Named schemas are components; the operation refers to them.
  auto resolve = [&doc](const json& schema) -> const json& {
    if (!schema.contains("$ref")) return schema;
    const std::string ref = schema["$ref"];
    return doc["components"]["schemas"][ref.substr(ref.rfind('/') + 1)];
  };
  for (const char* path : {"/api/v1/checkin", "/api/v1/kiosk/scan"}) {
    const json& props = resolve(doc["paths"][path]["post"]["responses"]["200"]["content"]
                                   ["application/json"]["schema"])["properties"];
    ASSERT_TRUE(props.contains("meaning")) << path << " " << doc["paths"][path].dump();
    EXPECT_EQ(resolve(props["meaning"])["properties"]["code"]["enum"],
              (json{"on_time", "late", "absent", "left_early", "excused"}));
  }
}

}  // namespace
}  // namespace peixun::test
