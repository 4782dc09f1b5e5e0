// Check-ins written together in one writer batch (modules/attendance
// checkin_batch_write.cc: on PostgreSQL a batch is one read of the trainees'
// check-ins and one multi-row INSERT … ON CONFLICT … RETURNING), on SQLite and
// PostgreSQL: each check-in gets the answer it would get alone at its place in the
// batch — a key twice in the batch, a key stored by the batch before, a second scan
// of a trainee (a repeat on QR, a kept duplicate on a kiosk), check-outs, two
// classes — and a reused key fails only its own check-in.
//
// The batch is made by holding the first check-in's write lock (store/key_lock.h)
// in another transaction while the others queue behind it: on PostgreSQL they then
// commit together (one transaction: the rows share their xmin). On SQLite the lock
// does nothing and the grouping is up to timing; the answers must be the same.
#include <chrono>
#include <future>
#include <thread>

#include "classes_fixture.h"
#include "core/checkin_token.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/checkin_service.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "seed_rows.h"
#include "store/key_lock.h"

namespace peixun::test {
namespace {

using attendance::CheckinRequest;
using attendance::CheckinResult;
using attendance::CheckinSource;
using core::CheckinDirection;

class CheckinBatchTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    services_ =
        std::make_unique<attendance::AttendanceServices>(db(), key_, [this] { return now_; });
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    for (int c = 0; c < 2; ++c) {
      klass_[c] = MakeClass(c == 0 ? "批量写入一班" : "批量写入二班");
      auto s =
          AddSession(klass_[c].id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T10:30");
      ASSERT_TRUE(s.ok()) << s.error().message;
      session_[c] = s->session;
      auto secret = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
        return classes::ClassService::CheckinSecretIn(tx, key_, klass_[c].id);
      });
      ASSERT_TRUE(secret.ok());
      secret_[c] = *secret;
    }
    kiosk_user_ = MakeUser("batch_kiosk", Role::kAdmin).user.id;
    // 20 minutes after the start: a QR scan now is late; a kiosk's offline scan from
    // before the start is on time.
    now_ = session_[0].start_ms + 20 * kMinute;
  }
  void TearDown() override {
    services_.reset();
    ClassesTest::TearDown();
  }

  // `n` trainees enrolled in class `c`.
  std::vector<int64_t> AddTrainees(int c, int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i)
      names.push_back("批量" + std::to_string(c) + "-" + std::to_string(i));
    std::vector<int64_t> ids;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(ids, AddPeopleIn(tx, key_, unit_, names));
      return AddApprovedEnrollmentsIn(tx, klass_[c].id, unit_, ids);
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return ids;
  }

  CheckinRequest Qr(int c, int64_t person, const std::string& key,
                    CheckinDirection dir = CheckinDirection::kIn) {
    CheckinRequest r;
    r.source = CheckinSource::kQr;
    r.person_id = person;
    r.direction = dir;
    r.token = core::MakeCheckinToken(secret_[c], session_[c].id, dir,
                                     core::WindowOf(now_, klass_[c].rules.qr_period_seconds));
    r.idempotency_key = key;
    return r;
  }

  CheckinRequest Kiosk(int c, int64_t person, const std::string& key,
                       std::optional<int64_t> offline_at = {}) {
    CheckinRequest r;
    r.source = offline_at ? CheckinSource::kKioskOffline : CheckinSource::kKiosk;
    r.session_id = session_[c].id;
    r.badge_token = enrollment::BadgeTokenOf(klass_[c].id, person, secret_[c]);
    r.idempotency_key = key;
    r.user_id = kiosk_user_;
    r.at_ms = offline_at;
    return r;
  }

  // Runs `blocker` first, held at its write lock, queues `requests` behind it, then
  // lets it go; the answers in order (the blocker's last).
  std::vector<Result<CheckinResult>> InOneBatch(const CheckinRequest& blocker,
                                                int64_t blocker_person,
                                                const std::vector<CheckinRequest>& requests) {
    std::promise<void> locked;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::thread holder([&] {
      Status st = db().Transact([&](store::Tx& tx) -> Status {
        PEIXUN_RETURN_IF_ERROR(
            store::LockKeyIn(tx, "attendance.checkin:" + std::to_string(session_[0].id) + ":" +
                                     std::to_string(blocker_person)));
        locked.set_value();
        released.wait();
        return Ok();
      });
      EXPECT_TRUE(st.ok());
    });
    locked.get_future().wait();
    std::vector<std::promise<Result<CheckinResult>>> promises(requests.size() + 1);
    checkins().CheckInAsync(
        blocker, [&promises](Result<CheckinResult> r) { promises.back().set_value(std::move(r)); });
    // Let the writer take the blocker's batch (it then waits for the lock).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (size_t i = 0; i < requests.size(); ++i) {
      checkins().CheckInAsync(requests[i], [&promises, i](Result<CheckinResult> r) {
        promises[i].set_value(std::move(r));
      });
    }
    release.set_value();
    holder.join();
    std::vector<Result<CheckinResult>> out;
    for (auto& p : promises) out.push_back(p.get_future().get());
    return out;
  }

  // How many transactions wrote the rows whose client key contains `part`
  // (PostgreSQL: distinct xmin; -1 on SQLite).
  int64_t TransactionsOf(const std::string& part) {
    if (db().dialect() != store::Dialect::kPostgres) return -1;
    auto n = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                              tx.Query("SELECT COUNT(DISTINCT xmin::text) FROM attendance_events "
                                       "WHERE idempotency_key LIKE ?",
                                       {store::Text("%" + part + "%")}));
      return r[0].Int(0);
    });
    return n.ok() ? *n : -2;
  }

  int64_t Rows(int c) {
    auto n = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r, tx.Query("SELECT COUNT(*) FROM attendance_events WHERE session_id = ?",
                                  {store::Int(session_[c].id)}));
      return r[0].Int(0);
    });
    return n.ok() ? *n : -1;
  }

  attendance::CheckinService& checkins() { return *services_->checkins; }

  std::unique_ptr<attendance::AttendanceServices> services_;
  int64_t unit_ = 0;
  classes::TrainingClass klass_[2];
  timetable::ClassSession session_[2];
  std::string secret_[2];
  int64_t kiosk_user_ = 0;
};

TEST_F(CheckinBatchTest, EachCheckinInABatchGetsTheAnswerItWouldGetAlone) {
  auto a = AddTrainees(0, 5);
  auto b = AddTrainees(1, 2);
  const CheckinRequest blocker = Qr(0, a[4], "blocker-key-0001");
  auto r = InOneBatch(
      blocker, a[4],
      {
          Qr(0, a[0], "inbatch-same-key"),  // 0: recorded
          Qr(0, a[0], "inbatch-same-key"),  // 1: the same key again
          Qr(0, a[1], "inbatch-qr-first"),  // 2: recorded
          Qr(0, a[1], "inbatch-qr-again"),  // 3: QR repeat: nothing new
          Kiosk(0, a[2], "inbatch-kiosk-01", session_[0].start_ms - 2 * kMinute),  // 4: on time
          Kiosk(0, a[2], "inbatch-kiosk-02"),                       // 5: kept, a duplicate
          Qr(0, a[4], "blocker-key-0001"),                          // 6: stored by the batch before
          Qr(1, b[0], "inbatch-class-2a"),                          // 7: the other class
          Kiosk(1, b[1], "inbatch-class-2b"),                       // 8: the other class, kiosk
          Qr(0, a[3], "inbatch-out-0001", CheckinDirection::kOut),  // 9: a check-out
      });
  for (size_t i = 0; i < r.size(); ++i) ASSERT_TRUE(r[i].ok()) << i << " " << r[i].error().code;
  const CheckinResult& blocked = *r.back();
  // 0 and 1: one row; the retry in the same batch answers with it.
  EXPECT_TRUE(r[0]->first);
  EXPECT_EQ(r[1]->event_id, r[0]->event_id);
  EXPECT_TRUE(r[1]->first);
  EXPECT_EQ(r[0]->meaning.kind, core::CheckinMeaning::Kind::kLate);
  // 2 and 3: the second QR scan records nothing and names the first.
  EXPECT_TRUE(r[2]->first);
  EXPECT_FALSE(r[3]->first);
  EXPECT_EQ(r[3]->event_id, r[2]->event_id);
  // 4 and 5: the kiosk keeps both; the second is flagged and answers with the first.
  EXPECT_TRUE(r[4]->first);
  EXPECT_EQ(r[4]->at, "08:28");
  EXPECT_EQ(r[4]->meaning.kind, core::CheckinMeaning::Kind::kOnTime);
  EXPECT_TRUE(r[4]->flags.empty());
  EXPECT_FALSE(r[5]->first);
  EXPECT_EQ(r[5]->event_id, r[4]->event_id);
  EXPECT_EQ(r[5]->at, "08:28");
  // 6: the blocker's key, committed by the batch before: its answer.
  EXPECT_EQ(r[6]->event_id, blocked.event_id);
  EXPECT_TRUE(r[6]->first);
  // 7 and 8: the other class's session.
  EXPECT_EQ(r[7]->class_id, klass_[1].id);
  EXPECT_EQ(r[7]->session_id, session_[1].id);
  EXPECT_EQ(r[8]->person_id, b[1]);
  EXPECT_NE(r[7]->event_id, r[8]->event_id);
  // 9: a check-out.
  EXPECT_EQ(r[9]->direction, CheckinDirection::kOut);

  auto stored = store::ReadValue<store::Rows>(db(), [&](store::Tx& tx) {
    return tx.Query(
        "SELECT id, flags_json, class_id FROM attendance_events WHERE idempotency_key LIKE "
        "'%inbatch-kiosk-02'");
  });
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].Str(1), "[\"duplicate\"]");
  EXPECT_EQ((*stored)[0].Int(2), klass_[0].id);
  // Rows: the blocker, 0, 2, 4, 5, 9 in class 1; 7, 8 in class 2.
  EXPECT_EQ(Rows(0), 6);
  EXPECT_EQ(Rows(1), 2);
  // On PostgreSQL the ten went in one transaction (SQLite: -1).
  const int64_t txs = TransactionsOf("inbatch-");
  if (db().dialect() == store::Dialect::kPostgres) {
    EXPECT_EQ(txs, 1);
  }
  // The counts: a[0], a[1], a[2], a[4] checked in (a[3] only checked out).
  auto counts = checkins().CountsOf(session_[0].id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->checked_in, 4);
}

TEST_F(CheckinBatchTest, AKeyReusedInABatchFailsOnlyItsOwnCheckin) {
  auto a = AddTrainees(0, 4);
  auto r = InOneBatch(Qr(0, a[3], "blocker-key-0002"), a[3],
                      {
                          Kiosk(0, a[0], "reuse-kiosk-key1"),
                          Kiosk(0, a[1], "reuse-kiosk-key1"),  // same kiosk, same key: refused
                          Kiosk(0, a[2], "reuse-kiosk-key2"),
                      });
  ASSERT_TRUE(r[0].ok()) << r[0].error().code;
  ASSERT_FALSE(r[1].ok());
  EXPECT_EQ(r[1].error().code, "attendance.idempotency.reused");
  ASSERT_TRUE(r[2].ok()) << r[2].error().code;
  EXPECT_EQ(r[2]->person_id, a[2]);
  ASSERT_TRUE(r[3].ok());
  EXPECT_EQ(Rows(0), 3);  // the blocker, a[0], a[2]
}

}  // namespace
}  // namespace peixun::test
