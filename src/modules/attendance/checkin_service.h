// Check-in and check-out (签到/签退): the one service behind every transport — the
// trainee's phone scanning the projector's rotating QR code, the kiosk scanning a
// badge (online or synced later), paper sign-in sheets. It owns the rules (token,
// window, enrollment), the anti-代签 flags, the idempotency nonce and the write,
// which goes through the group-commit writer (store/group_commit_writer.h): an
// answer is given only after its event is durable. What a check-in row is and how
// its idempotency key is handled inside the writer's batch is this service's
// (WriteIn); the writer itself knows nothing of check-ins.
//
// Idempotency: every request carries a client nonce (idempotency_key, 8..128
// characters), scoped to its caller (the trainee for a QR scan, the staff user for
// a kiosk, sheet or manual entry), its session and its direction: the same nonce
// from another caller is another key. The token or badge is verified on every
// request first; only then does a stored key return the stored answer, recording
// nothing — also under concurrent retries (unique index, INSERT … ON CONFLICT DO
// NOTHING and a read-back in the same transaction). A genuine QR token that has
// expired since still fetches its own stored answer. A key reused by the same
// caller for another trainee is 409 attendance.idempotency.reused, which reveals
// nothing of the first use.
// Repeats: a trainee's first check-in counts; a later QR check-in records nothing and
// answers with the first time ("已签到 08:27"). A kiosk's repeated scan is recorded
// with the flag "duplicate" (kept, never lost) and answered the same way.
//
// Flags (recorded, never a refusal; DESIGN.md): device_bound_to_other (the phone's
// peixun_device cookie is bound to another user), device_shared (the same device
// checked in another person within kDeviceSharedWindowMs), duplicate (kiosk),
// outside_geofence (the class's venue has a geofence, the phone sent lat/lng and
// they lie outside its circle) and outside_network (the venue has network ranges
// and the request's remote_address is not in them); venue_service.h.
//
// Thread-safe. The writer thread and its completion thread live as long as the
// service: the writer only runs the SQL and commits; the answer, the counts and the
// live-feed event are made on the completion thread after the commit.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/attendance_rules.h"
#include "core/checkin_token.h"
#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/attendance/session_context.h"
#include "modules/attendance/venue_service.h"
#include "store/group_commit_writer.h"
#include "store/store.h"

namespace peixun::attendance {

struct CheckinFacts;  // internal/checkin_facts.h

inline constexpr int64_t kDeviceSharedWindowMs = 10 * 60 * 1000;
// An offline kiosk scan may carry a device time at most this far ahead of the server.
inline constexpr int64_t kMaxDeviceSkewMs = 2 * 60 * 1000;

enum class CheckinSource { kQr, kKiosk, kKioskOffline, kPaper, kManual };
const char* CheckinSourceCode(CheckinSource source);

struct CheckinRequest {
  CheckinSource source = CheckinSource::kQr;
  std::string token;                  // kQr: the rotating token
  std::string badge_token;            // kKiosk*: the badge token (enrollment/badges.h)
  std::optional<int64_t> session_id;  // kQr: optional (the token names it); else required
  std::optional<core::CheckinDirection> direction;  // kQr: defaults to the token's
  int64_t person_id = 0;                            // kQr: the caller; kPaper: the trainee
  std::optional<int64_t> at_ms;  // kKioskOffline / kPaper: the device's or sheet's time
  std::string idempotency_key;
  std::string device_id;  // raw peixun_device cookie; may be empty
  int64_t user_id = 0;    // who sent it (created_by); the trainee's user for kQr
  std::optional<double> lat;
  std::optional<double> lng;
  std::string remote_address;  // the client's IP as text; may be empty (no network check)
  // Set for staff-sent scans (kiosk): admins, organizers and head teachers only
  // (403 auth.forbidden), and the class-manage check runs in the same read.
  const Principal* manager = nullptr;
  // Set for a trainee's own scan (kQr from their phone): trainees only (403
  // auth.forbidden), linked to a person (403 attendance.not_enrolled), whose
  // person_id the scan records (person_id above is then ignored).
  const Principal* trainee = nullptr;
};

struct Counts {
  int checked_in = 0;
  int expected = 0;
  std::string Label(const std::string& lang = "zh-CN") const;  // "已签到 87 / 120"
};

struct CheckinResult {
  int64_t event_id = 0;  // the event that counts (the first check-in for repeats)
  int64_t session_id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  core::CheckinDirection direction = core::CheckinDirection::kIn;
  int64_t at_ms = 0;
  std::string at;  // local "08:27"
  std::string source;
  bool first = true;
  std::vector<std::string> flags;
  Counts counts;
  // What the counted check-in (or this check-out) means: on time, late, counted absent
  // (past half the session), left early or excused — core::MeaningOfCheckIn/-Out, the
  // rule the status uses, with the trainee's approved leave when it could matter.
  core::CheckinMeaning meaning;
  // The answer said once, with its meaning: "签到成功 08:27", "签到成功 08:41，迟到 11
  // 分钟", "签到已记录 10:39，晚于开始 70 分钟，超过课程一半时间，按缺勤计".
  std::string message_zh;
  std::string message_en;
};

// Its JSON: attendance_json.h.

// The projector page (GET /sessions/{id}/qr).
struct ProjectorView {
  int64_t session_id = 0;
  core::CheckinDirection direction = core::CheckinDirection::kIn;
  std::string token;
  std::string url;  // "/c/<session>/<token>"
  int period_seconds = 20;
  int seconds_left = 0;
  Counts counts;
  struct UnitMissing {
    std::optional<int64_t> unit_id;
    std::string unit_name;
    std::vector<std::string> names;
  };
  std::vector<UnitMissing> missing;
};

class CheckinService {
 public:
  using Clock = std::function<int64_t()>;
  // Called after a check-in is committed (not for repeats that recorded nothing);
  // on the writer's completion thread (never the writer itself). The live feed
  // subscribes here.
  using Listener = std::function<void(const CheckinResult&)>;

  // `key` unseals the classes' check-in secrets; it must outlive the service.
  CheckinService(store::Store& store, const crypto::DataKey& key, Clock now_ms = {});
  ~CheckinService();

  void SetListener(Listener listener) { listener_ = std::move(listener); }

  // The payload of a notification on `channel` sent INSIDE the transaction that
  // records a check-in (PostgreSQL `pg_notify`), so other instances hear of it
  // exactly when it commits: a process killed after its commit has still told
  // them, one killed before has told nobody. `result` is the answer as it will
  // be, its counts as this process predicts them. nullopt sends nothing (SQLite:
  // one process, the listener above is enough). Called on the writer thread; set
  // it before serving.
  using Notice = std::function<std::optional<std::string>(const CheckinResult&)>;
  void SetNotice(std::string channel, Notice notice) {
    notice_channel_ = std::move(channel);
    notice_ = std::move(notice);
  }

  // The use case. Errors: the token's (core/checkin_token.h, 422), the window's
  // (409 attendance.window.*), 403 attendance.not_enrolled, 404
  // attendance.session.not_found, 422 attendance.idempotency_key,
  // 409 attendance.idempotency.reused, 422 attendance.badge.invalid,
  // 422 attendance.device_time.future.
  Result<CheckinResult> CheckIn(const CheckinRequest& request);
  // The same, answering through `done`: the checks and reads run on the caller's
  // thread, then the write is queued and `done` runs on the writer's completion
  // thread after the commit (or on the caller's thread at once for an error or a stored
  // answer). `done` must be quick and must not block.
  using Done = std::function<void(Result<CheckinResult>)>;
  void CheckInAsync(const CheckinRequest& request, Done done);

  // Check-in counts of a session (distinct trainees with a check-in / expected),
  // from a tally kept in memory: read from the database when older than
  // kTallyFreshMs (so check-ins made by other instances show within that) and
  // updated at once by this process's own check-ins.
  Result<Counts> CountsOf(int64_t session_id);
  // Adds a trainee checked in by another instance (the live feed heard it) to the
  // session's tally, if this process keeps one, so counts agree before the next read.
  void NoteCheckin(int64_t session_id, int64_t person_id);

  // The same for a user watching the hall (the live feed): kManage on the
  // session's class (403 classes.forbidden; 404 attendance.session.not_found).
  Result<Counts> CountsOf(const Principal& who, int64_t session_id);

  // The projector's view at now, for a user with kManage on the session's class.
  Result<ProjectorView> Projector(const Principal& who, int64_t session_id,
                                  core::CheckinDirection direction);

  int64_t Now() const { return now_ms_(); }

 private:
  // The paper sheet import records its rows through this service and writes its
  // audit entry in the same store; nothing outside the module reaches the store.
  friend Result<ImportReport> ImportPaperSheet(CheckinService& checkins, const Principal& who,
                                               int64_t class_id, const std::string& bytes,
                                               const std::string& filename, bool dry_run);

  struct Prepared;
  // The checks and reads before the write. First without a transaction, from the
  // facts kept in memory (internal/checkin_facts.h): a scan that passes every check
  // reads nothing, and its key is looked up by the writer (WriteIn answers a stored
  // key). Anything the memory cannot answer, and every refusal after the token or
  // badge check, runs again inside a read (`tx` set), looking the key up first, so a
  // retry still gets its stored answer when the window has closed since.
  Result<Prepared> Prepare(const CheckinRequest& request, int64_t now);
  Result<Prepared> PrepareIn(store::Tx* tx, uint64_t epoch, const CheckinRequest& request,
                             int64_t now);
  // The write job (runs in the writer's batch transaction; safe to run twice: it
  // sets `out` and `inserted` afresh). Inserts the attendance_events row unless its
  // scoped key is stored already (INSERT … ON CONFLICT DO NOTHING, then a read-back
  // in the same transaction answers a retry, or refuses a reused key).
  static Status WriteIn(store::Tx& tx, const Prepared& p, CheckinResult& out, bool& inserted);
  // The answer after the commit: no database reads (completion thread). `leaves`: the
  // trainee's approved leave in the session, read before the write (Prepared::leaves).
  Result<CheckinResult> Complete(const Prepared& p, CheckinResult out, bool inserted,
                                 const std::vector<core::LeaveSpan>& leaves);
  // The answer for a key already stored (a retry).
  // The answer's fields known without the tally: time, meaning, message.
  static void Describe(const Prepared& p, CheckinResult& out,
                       const std::vector<core::LeaveSpan>& leaves);
  Result<CheckinResult> AnswerStored(Prepared p);

  // The cached facts (internal/checkin_facts.h). Without `tx`, a miss is the error
  // kNeedsRead; with it, the rows are read and kept under `epoch`.
  Result<std::shared_ptr<const SessionContext>> ContextIn(store::Tx* tx, uint64_t epoch,
                                                          int64_t session_id);
  Result<std::shared_ptr<const std::unordered_map<int64_t, std::string>>> RosterIn(
      store::Tx* tx, uint64_t epoch, const SessionContext& ctx);
  // The trainee's approved leave in the session (core::LeaveSpan), from the class's
  // counting leaves.
  Result<std::vector<core::LeaveSpan>> LeavesIn(store::Tx* tx, uint64_t epoch,
                                                const SessionContext& ctx, int64_t person_id);
  Status CanManageIn(store::Tx* tx, uint64_t epoch, const Principal& who, int64_t class_id);
  Result<std::shared_ptr<const Venue>> VenueIn(store::Tx* tx, uint64_t epoch, int64_t class_id);

  // The session tally: the trainees with a check-in, kept by this process's own
  // check-ins (and those the live feed hears from other instances), read again from
  // the database by ONE thread at a time when older than kTallyFreshMs or when a write
  // committed since (a correction, an erasure); meanwhile the others answer from it.
  struct Tally {
    std::set<int64_t> present;  // trainees with a check-in
    // Added while a re-read runs: kept when its result replaces `present` (a check-in
    // deleted since, by an erasure, leaves the tally).
    std::set<int64_t> added_while_reading;
    int expected = 0;
    bool loaded = false;
    bool refreshing = false;
    uint64_t epoch = 0;
    std::chrono::steady_clock::time_point loaded_at;
  };
  static constexpr int64_t kTallyFreshMs = 1000;
  Status RefreshTally(int64_t session_id);
  // The counts once `person` (checked in) is added, without adding them.
  Counts PredictCounts(int64_t session_id, std::optional<int64_t> person);
  Counts TallyCounts(int64_t session_id, std::optional<int64_t> add_person);

  // One check-in job of the batch being written (the writer thread's).
  struct BatchItem;
  // The writer's Options::around_batch: runs the batch's jobs, then sends the
  // notices of the check-ins they recorded, in the same transaction, in one statement.
  Status AroundBatch(store::Tx& tx, const std::function<Status(store::Tx&)>& run_jobs);
  Status SendNoticesIn(store::Tx& tx, const std::vector<BatchItem>& items);
  // The batch's check-ins written together, with WriteIn's outcome for each, in
  // order (checkin_batch_write.cc): one read of the trainees' check-ins, one
  // multi-row INSERT … ON CONFLICT DO NOTHING RETURNING, in place of two statements
  // per check-in. A key a concurrent writer stored meanwhile, or a reused key,
  // fails the batch so that each check-in runs alone (the writer's failure isolation).
  static Status WriteBatchIn(store::Tx& tx, std::vector<BatchItem>& items);
  // The batch the calling writer thread is running (set by AroundBatch).
  static thread_local std::vector<BatchItem>* batch_items_;

  store::Store& store_;
  const crypto::DataKey& key_;
  std::string notice_channel_;
  Notice notice_;
  Clock now_ms_;
  Listener listener_;
  std::unique_ptr<store::GroupCommitWriter> writer_;
  std::unique_ptr<CheckinFacts> facts_;
  std::mutex cache_mu_;
  std::map<int64_t, Tally> tallies_;
};

}  // namespace peixun::attendance
