#include "modules/attendance/checkin_service.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/local_time.h"
#include "core/role_guard.h"
#include "io/qr_code.h"
#include "modules/attendance/internal/checkin_batch.h"
#include "modules/attendance/internal/checkin_facts.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/session_trainees.h"
#include "modules/attendance/venue_service.h"
#include "modules/auth/device_check.h"
#include "modules/classes/class_access.h"
#include "modules/enrollment/badges.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"
#include "store/write_epoch.h"

namespace peixun::attendance {

using checkin_internal::FlagsText;
using checkin_internal::KeyReused;
using checkin_internal::StoredAnswerIn;

namespace {

using nlohmann::json;

constexpr size_t kMinKeyChars = 8;
constexpr size_t kMaxKeyChars = 128;
// Check-in writer threads on PostgreSQL: two of the store's writer connections
// (store/open_store.h pool_size, 4 by default), the rest left to other writes.
constexpr int kPostgresWriters = 2;

std::vector<std::string> ParseFlags(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (j.is_array()) {
    for (const auto& f : j) {
      if (f.is_string()) out.push_back(f.get<std::string>());
    }
  }
  return out;
}

}  // namespace

const char* CheckinSourceCode(CheckinSource source) {
  switch (source) {
    case CheckinSource::kQr:
      return "qr";
    case CheckinSource::kKiosk:
      return "kiosk";
    case CheckinSource::kKioskOffline:
      return "kiosk_offline";
    case CheckinSource::kPaper:
      return "paper";
    case CheckinSource::kManual:
      return "manual";
  }
  return "qr";
}

std::string Counts::Label(const std::string& lang) const {
  if (lang.rfind("en", 0) == 0) {
    return "checked in " + std::to_string(checked_in) + " / " + std::to_string(expected);
  }
  return "已签到 " + std::to_string(checked_in) + " / " + std::to_string(expected);
}

namespace checkin_internal {

Result<std::optional<CheckinResult>> StoredAnswerIn(store::Tx& tx, const std::string& key) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT e.id, e.session_id, e.class_id, e.person_id, e.direction, e.at_ms, "
               "e.source, e.flags_json FROM attendance_events e WHERE e.idempotency_key = ?",
               {store::Text(key)}));
  if (rows.empty()) return std::optional<CheckinResult>();
  const store::Row& row = rows[0];
  CheckinResult r;
  r.event_id = row.Int(0);
  r.session_id = row.Int(1);
  r.class_id = row.Int(2);
  r.person_id = row.Int(3);
  r.direction = core::ParseCheckinDirection(row.Str(4)).value_or(core::CheckinDirection::kIn);
  r.at_ms = row.Int(5);
  r.source = row.Str(6);
  r.flags = ParseFlags(row.Str(7));
  PEIXUN_ASSIGN_OR_RETURN(auto names, people::PeopleService::NamesIn(tx, {r.person_id}));
  r.person_name = names[r.person_id];
  r.first = true;
  if (r.direction == core::CheckinDirection::kIn) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows first,
        tx.Query("SELECT id, at_ms FROM attendance_events WHERE session_id = ? AND person_id = ? "
                 "AND direction = 'in' ORDER BY at_ms, id LIMIT 1",
                 {store::Int(r.session_id), store::Int(r.person_id)}));
    if (!first.empty() && first[0].Int(0) != r.event_id) {
      r.first = false;
      r.event_id = first[0].Int(0);
      r.at_ms = first[0].Int(1);
    }
  }
  return std::optional<CheckinResult>(std::move(r));
}

std::string FlagsText(const std::vector<std::string>& flags) {
  return nlohmann::json(flags).dump();
}

Error KeyReused() {
  // Says nothing of the first use: not whose, not when, not for which session.
  return Conflict("attendance.idempotency.reused", "该请求编号已用于另一次签到，请重新扫码",
                  "this idempotency key was already used for another check-in; scan again",
                  "idempotency_key");
}

}  // namespace checkin_internal

namespace {

// What a scan at `at_ms` in `direction` means, by the rule the status uses.
core::CheckinMeaning MeaningOf(const SessionContext& ctx, core::CheckinDirection direction,
                               int64_t at_ms, const std::vector<core::LeaveSpan>& leaves) {
  return direction == core::CheckinDirection::kIn
             ? core::MeaningOfCheckIn(ctx.window, ctx.rules, at_ms, leaves)
             : core::MeaningOfCheckOut(ctx.window, ctx.rules, at_ms, leaves);
}

// The meaning and the answer, said once: "签到成功 08:41，迟到 11 分钟".
void SetMessage(CheckinResult& r, const SessionContext& ctx,
                const std::vector<core::LeaveSpan>& leaves) {
  r.meaning = MeaningOf(ctx, r.direction, r.at_ms, leaves);
  const bool in = r.direction == core::CheckinDirection::kIn;
  const bool counts = r.meaning.kind == core::CheckinMeaning::Kind::kOnTime ||
                      r.meaning.kind == core::CheckinMeaning::Kind::kLate ||
                      r.meaning.kind == core::CheckinMeaning::Kind::kLeftEarly;
  if (!in) {
    r.message_zh = (counts ? "签退成功 " : "签退已记录 ") + r.at;
    r.message_en = (counts ? "checked out at " : "check-out recorded at ") + r.at;
  } else if (!r.first) {
    r.message_zh = "已签到 " + r.at;
    r.message_en = "already checked in at " + r.at;
  } else {
    r.message_zh = (counts ? "签到成功 " : "签到已记录 ") + r.at;
    r.message_en = (counts ? "checked in at " : "check-in recorded at ") + r.at;
  }
  if (!r.meaning.label_zh.empty()) {
    r.message_zh += "，" + r.meaning.label_zh;
    r.message_en += ", " + r.meaning.label_en;
  }
}

}  // namespace

namespace {

// On PostgreSQL a deep queue is written by several batches at once, each on its
// own connection (a commit there is a network round trip and a WAL flush, not a
// file lock). SQLite has one writer at a time anyway.
store::GroupCommitWriter::Options WriterOptions(const store::Store& store,
                                                store::GroupCommitWriter::AroundBatch around) {
  store::GroupCommitWriter::Options o;
  o.around_batch = std::move(around);
  if (store.dialect() == store::Dialect::kPostgres) o.writers = kPostgresWriters;
  // The answer, the counts and the live event are made off the writer, whose thread
  // is the serial part of a burst; one completion thread keeps a writer's events in
  // commit order for the live feed.
  o.completion_threads = 1;
  return o;
}

}  // namespace

CheckinService::CheckinService(store::Store& store, const crypto::DataKey& key, Clock now_ms)
    : store_(store),
      key_(key),
      now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })),
      writer_(std::make_unique<store::GroupCommitWriter>(
          store, WriterOptions(store,
                               [this](store::Tx& tx, const auto& run_jobs) {
                                 return AroundBatch(tx, run_jobs);
                               }))),
      facts_(std::make_unique<CheckinFacts>()) {}

CheckinService::~CheckinService() {
  // The writer's completions use the facts and the tallies: stop it first.
  writer_.reset();
}

namespace {

// The stored form of a client's idempotency key: scoped to its caller (the trainee
// for a QR scan, the staff user for a kiosk or manual entry), its session and its
// direction, so the same client key from anyone else is a different key and can
// never answer for them (DESIGN.md "Check-in by rotating QR"). A paper sheet's keys
// are made from the sheet's rows (paper_import.cc), so they are scoped to the sheet:
// the same sheet imported by two head teachers records once.
std::string ScopedKey(const CheckinRequest& req, int64_t person_id, int64_t session_id,
                      core::CheckinDirection direction) {
  std::string caller;
  switch (req.source) {
    case CheckinSource::kQr:
      caller = "p" + std::to_string(person_id);
      break;
    case CheckinSource::kPaper:
      caller = "sheet";
      break;
    default:
      caller = "u" + std::to_string(req.user_id);
  }
  return caller + ":s" + std::to_string(session_id) + ":" + core::CheckinDirectionCode(direction) +
         ":" + req.idempotency_key;
}

// The fast path (no transaction) met something only a read can answer.
constexpr char kNeedsRead[] = "attendance.checkin.needs_read";
Error NeedsRead() { return Internal(kNeedsRead, "the check-in needs a read"); }

}  // namespace

Result<CheckinService::Prepared> CheckinService::Prepare(const CheckinRequest& req, int64_t now) {
  if (req.manager) {
    PEIXUN_RETURN_IF_ERROR(
        RequireRole(*req.manager, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  }
  if (req.trainee) {
    PEIXUN_RETURN_IF_ERROR(RequireRole(*req.trainee, {Role::kTrainee}));
    if (!req.trainee->person_id) {
      return MakeError(ErrorKind::kForbidden, "attendance.not_enrolled", "此账号未关联学员",
                       "this account is not linked to a trainee");
    }
  }
  if (req.idempotency_key.size() < kMinKeyChars || req.idempotency_key.size() > kMaxKeyChars) {
    return Invalid("attendance.idempotency_key", "请求缺少有效的幂等键（8–128 个字符）",
                   "idempotency_key must be 8 to 128 characters", "idempotency_key");
  }
  Result<Prepared> fast = PrepareIn(nullptr, 0, req, now);
  if (fast || fast.error().code != kNeedsRead) return fast;
  // Read before the transaction begins: whatever it reads is kept under this epoch,
  // so a write committed after this point makes the entries stale.
  const uint64_t epoch = store::WriteEpoch();
  std::optional<Prepared> out;
  Status st = store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Prepared p, PrepareIn(&tx, epoch, req, now));
    out = std::move(p);
    return Ok();
  });
  if (!st) return std::move(st).error();
  return std::move(*out);
}

Result<CheckinService::Prepared> CheckinService::PrepareIn(store::Tx* tx, uint64_t epoch,
                                                           const CheckinRequest& req, int64_t now) {
  // After the token or badge check, a refusal may hide a stored answer for this key:
  // without a transaction, the read path decides.
  auto refuse = [tx](Error e) -> Error { return tx ? std::move(e) : NeedsRead(); };
  Prepared p;
  p.source = req.source;
  p.received_ms = now;
  p.user_id = req.user_id;
  int64_t session_id = 0;
  std::optional<core::CheckinTokenFields> peeked;  // kQr: trusted only once verified below
  if (req.source == CheckinSource::kQr) {
    peeked = core::PeekCheckinToken(req.token);
    if (!peeked) return core::ForgedCheckinToken().ToStatus().error();
    session_id = req.session_id.value_or(peeked->session_id);
  } else {
    if (!req.session_id) {
      return Invalid("request.required", "缺少课程", "session_id is required", "session_id");
    }
    session_id = *req.session_id;
  }
  PEIXUN_ASSIGN_OR_RETURN(p.ctx_ptr, ContextIn(tx, epoch, session_id));
  const SessionContext& ctx = *p.ctx_ptr;
  if (req.manager) PEIXUN_RETURN_IF_ERROR(CanManageIn(tx, epoch, *req.manager, ctx.klass.id));

  // The token or badge is verified on every request, retries included: only then
  // is the caller's key looked up.
  bool token_expired = false;
  switch (req.source) {
    case CheckinSource::kQr: {
      p.person_id = req.trainee ? *req.trainee->person_id : req.person_id;
      p.direction = req.direction.value_or(peeked->direction);
      core::TokenCheck check = core::VerifyCheckinToken(
          ctx.secret, session_id, p.direction, req.token, now, ctx.klass.rules.qr_period_seconds);
      // A genuine code that expired since may still fetch its own stored answer (a
      // retry after a dropped connection); it records nothing new.
      if (!check && check.outcome != core::TokenCheck::Outcome::kExpired) {
        return check.ToStatus().error();
      }
      if (!check) {
        token_expired = true;
        p.refusal = check.ToStatus().error();
      }
      p.at_ms = now;
      break;
    }
    case CheckinSource::kKiosk:
    case CheckinSource::kKioskOffline: {
      std::optional<int64_t> person =
          enrollment::BadgeHolder(ctx.klass.id, req.badge_token, ctx.secret);
      if (!person) {
        return Invalid("attendance.badge.invalid", "胸牌二维码无效或不属于本班",
                       "this badge is not valid for this class", "badge_token");
      }
      p.person_id = *person;
      p.direction = req.direction.value_or(core::CheckinDirection::kIn);
      p.at_ms = req.source == CheckinSource::kKiosk ? now : req.at_ms.value_or(now);
      break;
    }
    case CheckinSource::kPaper:
    case CheckinSource::kManual:
      p.person_id = req.person_id;
      p.direction = req.direction.value_or(core::CheckinDirection::kIn);
      p.at_ms = req.at_ms.value_or(now);
      break;
  }

  // The nonce next (pretix): a retry gets the first answer even when the session's
  // window has closed since. Without a transaction the writer looks it up (WriteIn).
  p.key = ScopedKey(req, p.person_id, ctx.session.id, p.direction);
  if (tx) {
    PEIXUN_ASSIGN_OR_RETURN(p.stored, StoredAnswerIn(*tx, p.key));
    if (p.stored) {
      if (p.stored->person_id != p.person_id) return KeyReused();
      return p;
    }
  }
  if (token_expired) return refuse(*p.refusal);

  if (p.at_ms > now + kMaxDeviceSkewMs) {
    return refuse(Invalid("attendance.device_time.future", "签到时间晚于服务器当前时间",
                          "the scan's time is in the future", "device_time_ms"));
  }
  core::WindowCheck window = p.direction == core::CheckinDirection::kIn
                                 ? core::CheckInWindow(ctx.window, ctx.rules, p.at_ms)
                                 : core::CheckOutWindow(ctx.window, ctx.rules, p.at_ms);
  if (!window) return refuse(window.ToStatus().error());
  {
    PEIXUN_ASSIGN_OR_RETURN(auto roster, RosterIn(tx, epoch, ctx));
    auto it = roster->find(p.person_id);
    if (it != roster->end()) {
      p.person_name = it->second;
    } else if (!tx) {
      return NeedsRead();
    } else {
      // Not in the roster this process holds: ask the database itself (an enrollment
      // made by another instance within the roster's freshness).
      PEIXUN_RETURN_IF_ERROR(CheckAttendsIn(*tx, ctx, p.person_id));
      PEIXUN_ASSIGN_OR_RETURN(people::Person person,
                              people::PeopleService::GetIn(*tx, p.person_id));
      p.person_name = person.name;
    }
  }
  PEIXUN_ASSIGN_OR_RETURN(p.leaves, LeavesIn(tx, epoch, ctx, p.person_id));

  if (!req.device_id.empty()) {
    if (!tx) return NeedsRead();
    PEIXUN_ASSIGN_OR_RETURN(auth::DeviceCheck device,
                            auth::CheckDeviceIn(*tx, req.device_id, req.user_id));
    p.device_hash = std::move(device.device_hash);
    if (device.bound_to_other_user) p.flags.push_back("device_bound_to_other");
  }
  if (req.lat || !req.remote_address.empty()) {
    PEIXUN_ASSIGN_OR_RETURN(auto venue, VenueIn(tx, epoch, ctx.klass.id));
    if (req.lat && req.lng && venue->OutsideGeofence(core::GeoPoint{*req.lat, *req.lng})) {
      p.flags.push_back("outside_geofence");
    }
    if (!req.remote_address.empty() && venue->OutsideNetwork(req.remote_address)) {
      p.flags.push_back("outside_network");
    }
  }
  return p;
}

Result<CheckinResult> CheckinService::CheckIn(const CheckinRequest& request) {
  std::promise<Result<CheckinResult>> promise;
  std::future<Result<CheckinResult>> answer = promise.get_future();
  CheckInAsync(request, [&promise](Result<CheckinResult> r) { promise.set_value(std::move(r)); });
  return answer.get();
}

void CheckinService::CheckInAsync(const CheckinRequest& request, Done done) {
  const int64_t now = now_ms_();
  Result<Prepared> prepared = Prepare(request, now);
  if (!prepared) return done(std::move(prepared).error());
  if (prepared->stored) return done(AnswerStored(std::move(*prepared)));
  auto p = std::make_shared<Prepared>(std::move(*prepared));
  // The tally the answer carries, loaded now (on the caller's thread) if this process
  // holds none yet, so the completion reads nothing.
  if (Status st = RefreshTally(p->ctx().session.id); !st) return done(std::move(st).error());
  auto out = std::make_shared<CheckinResult>();
  auto inserted = std::make_shared<bool>(false);
  // WriteIn decides "first check-in or repeat" from the trainee's check-ins in the
  // session: batches running at once must not both decide "first" for one trainee.
  std::string lock_key;
  if (p->direction == core::CheckinDirection::kIn) {
    lock_key = "attendance.checkin:" + std::to_string(p->ctx().session.id) + ":" +
               std::to_string(p->person_id);
  }
  writer_->SubmitThen(
      [p, out, inserted](store::Tx& tx) -> Status {
        // On PostgreSQL the batch's check-ins are written together after its jobs
        // (AroundBatch, WriteBatchIn): a statement there is a round trip.
        const bool together = batch_items_ && tx.dialect() == store::Dialect::kPostgres;
        if (!together) PEIXUN_RETURN_IF_ERROR(WriteIn(tx, *p, *out, *inserted));
        if (batch_items_) batch_items_->push_back(BatchItem{p, out, inserted});
        return Ok();
      },
      [this, p, out, inserted, done = std::move(done)](Status st) {
        if (!st) return done(std::move(st).error());
        done(Complete(*p, std::move(*out), *inserted, p->leaves));
      },
      std::move(lock_key));
}

Status CheckinService::WriteIn(store::Tx& tx, const Prepared& p, CheckinResult& out,
                               bool& inserted) {
  // Two statements in the common case (the trainee's check-ins, the insert): this
  // runs on a writer thread, and on PostgreSQL every statement is a round trip.
  inserted = false;
  // Only attendance_events is written here, whose counts the service keeps itself:
  // the facts cached for check-ins stay valid (store/write_epoch.h).
  store::MarkTransactionQuiet();
  const SessionContext& ctx = p.ctx();
  const bool keep_repeats = p.source != CheckinSource::kQr;
  // The key is stored already: a retry whose first try committed before this job.
  auto answer_stored = [&]() -> Status {
    PEIXUN_ASSIGN_OR_RETURN(std::optional<CheckinResult> stored, StoredAnswerIn(tx, p.key));
    if (!stored) return Internal("attendance.readback", "check-in not found after insert");
    if (stored->person_id != p.person_id || stored->session_id != ctx.session.id) {
      return KeyReused();
    }
    out = std::move(*stored);
    return Ok();
  };
  std::vector<std::string> flags = p.flags;
  store::Rows first;  // the trainee's first check-in so far (check-ins only)
  if (p.direction == core::CheckinDirection::kIn) {
    // Only the first: a kiosk keeps every repeat, and reading them all made each
    // write slower the longer a session ran. A key stored on a later row is found by
    // the insert's conflict below (or, for a QR repeat, looked up).
    PEIXUN_ASSIGN_OR_RETURN(
        first, tx.Query("SELECT id, at_ms, source, idempotency_key FROM attendance_events WHERE "
                        "session_id = ? AND person_id = ? AND direction = 'in' ORDER BY at_ms, id "
                        "LIMIT 1",
                        {store::Int(ctx.session.id), store::Int(p.person_id)}));
    if (!first.empty() && first[0].Str(3) == p.key) return answer_stored();
    if (!first.empty() && !keep_repeats) {
      // A QR repeat records nothing; a retry of a QR check-in stored after another
      // source's earlier one still gets its own stored answer.
      PEIXUN_ASSIGN_OR_RETURN(std::optional<CheckinResult> mine, StoredAnswerIn(tx, p.key));
      if (mine) return answer_stored();
      out = CheckinResult{};
      out.event_id = first[0].Int(0);
      out.at_ms = first[0].Int(1);
      out.source = first[0].Str(2);
      out.direction = p.direction;
      out.first = false;
      return Ok();
    }
    if (!first.empty() && first[0].Int(1) <= p.at_ms) flags.push_back("duplicate");
  }
  if (!p.device_hash.empty()) {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows shared,
                            tx.Query("SELECT 1 FROM attendance_events WHERE device_id_hash = ? AND "
                                     "person_id <> ? AND received_ms >= ? LIMIT 1",
                                     {store::Text(p.device_hash), store::Int(p.person_id),
                                      store::Int(p.received_ms - kDeviceSharedWindowMs)}));
    if (!shared.empty()) flags.push_back("device_shared");
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows ins,
      tx.Query("INSERT INTO attendance_events (class_id, session_id, person_id, direction, "
               "at_ms, received_ms, source, idempotency_key, device_id_hash, flags_json, "
               "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
               {store::Int(ctx.klass.id), store::Int(ctx.session.id), store::Int(p.person_id),
                store::Text(core::CheckinDirectionCode(p.direction)), store::Int(p.at_ms),
                store::Int(p.received_ms), store::Text(CheckinSourceCode(p.source)),
                store::Text(p.key), store::TextOrNull(p.device_hash), store::Text(FlagsText(flags)),
                p.user_id ? store::Int(p.user_id) : store::Null()}));
  if (ins.empty()) return answer_stored();  // the key is taken: a retry, or reused
  out = CheckinResult{};
  out.event_id = ins[0].Int(0);
  out.direction = p.direction;
  out.at_ms = p.at_ms;
  out.source = CheckinSourceCode(p.source);
  out.flags = std::move(flags);
  out.first = true;
  if (!first.empty() && first[0].Int(1) <= p.at_ms) {
    // A kept repeat (kiosk): the answer names the check-in that counts.
    out.first = false;
    out.event_id = first[0].Int(0);
    out.at_ms = first[0].Int(1);
  }
  inserted = true;
  return Ok();
}

Result<CheckinResult> CheckinService::Complete(const Prepared& p, CheckinResult out, bool inserted,
                                               const std::vector<core::LeaveSpan>& leaves) {
  out.session_id = p.ctx().session.id;
  out.class_id = p.ctx().klass.id;
  out.person_id = p.person_id;
  out.person_name = p.person_name;
  Describe(p, out, leaves);
  out.counts = TallyCounts(out.session_id, inserted && out.direction == core::CheckinDirection::kIn
                                               ? std::optional<int64_t>(out.person_id)
                                               : std::nullopt);
  if (inserted && listener_) listener_(out);
  return out;
}

void CheckinService::Describe(const Prepared& p, CheckinResult& out,
                              const std::vector<core::LeaveSpan>& leaves) {
  out.at = core::FormatLocalClock(out.at_ms, p.ctx().klass.utc_offset_minutes);
  SetMessage(out, p.ctx(), leaves);
}

Result<CheckinResult> CheckinService::AnswerStored(Prepared p) {
  CheckinResult out = std::move(*p.stored);
  if (out.person_id != p.person_id) return KeyReused();
  PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx,
                          store::ReadValue<SessionContext>(store_, [&](store::Tx& tx) {
                            return LoadSessionIn(tx, out.session_id);
                          }));
  out.at = core::FormatLocalClock(out.at_ms, ctx.klass.utc_offset_minutes);
  std::vector<core::LeaveSpan> leaves;
  const uint64_t epoch = store::WriteEpoch();
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(leaves, LeavesIn(&tx, epoch, ctx, out.person_id));
    return Ok();
  }));
  SetMessage(out, ctx, leaves);
  PEIXUN_ASSIGN_OR_RETURN(out.counts, CountsOf(out.session_id));
  return out;
}

namespace {

// The cached entry for `key`, or (with `tx`) the rows read and kept; without `tx` a
// miss is kNeedsRead.
template <typename K, typename V, typename Load>
Result<std::shared_ptr<const V>> Cached(FreshMap<K, V>& map, const K& key, store::Tx* tx,
                                        uint64_t epoch, Load&& load) {
  if (auto hit = map.Find(key, tx != nullptr)) return hit;
  if (!tx) return NeedsRead();
  Result<V> value = load(*tx);
  if (!value) {
    map.Abandon(key);
    return std::move(value).error();
  }
  auto shared = std::make_shared<const V>(std::move(*value));
  map.Put(key, shared, epoch);
  return shared;
}

}  // namespace

Result<std::shared_ptr<const SessionContext>> CheckinService::ContextIn(store::Tx* tx,
                                                                        uint64_t epoch,
                                                                        int64_t session_id) {
  return Cached(facts_->contexts, session_id, tx, epoch,
                [&](store::Tx& t) { return LoadSessionWithSecretIn(t, key_, session_id); });
}

Result<std::shared_ptr<const Roster>> CheckinService::RosterIn(store::Tx* tx, uint64_t epoch,
                                                               const SessionContext& ctx) {
  return Cached(facts_->rosters, ctx.session.id, tx, epoch, [&](store::Tx& t) -> Result<Roster> {
    Roster roster;
    if (ctx.session.group_ids.empty()) {
      // The whole class: its approved trainees' ids and names, without the members'
      // units and the 姓氏笔画 sort ExpectedTraineesIn does for lists.
      PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                              enrollment::EnrollmentService::ApprovedPersonIdsIn(t, ctx.klass.id));
      PEIXUN_ASSIGN_OR_RETURN(auto names, people::PeopleService::NamesIn(t, ids));
      roster.reserve(ids.size());
      for (int64_t id : ids) {
        if (auto it = names.find(id); it != names.end()) roster.emplace(id, std::move(it->second));
      }
      return roster;
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> expected, ExpectedTraineesIn(t, ctx));
    roster.reserve(expected.size());
    for (auto& m : expected) roster.emplace(m.person_id, std::move(m.name));
    return roster;
  });
}

Result<std::vector<core::LeaveSpan>> CheckinService::LeavesIn(store::Tx* tx, uint64_t epoch,
                                                              const SessionContext& ctx,
                                                              int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(auto leaves,
                          Cached(facts_->leaves, ctx.klass.id, tx, epoch, [&](store::Tx& t) {
                            return LeaveService::CountingLeavesIn(t, ctx.klass.id);
                          }));
  std::vector<core::LeaveSpan> spans;
  for (const auto& l : *leaves) {
    if (l.person_id != person_id) continue;
    for (const auto& span : LeaveSpansFor(l, ctx.session)) spans.push_back(span);
  }
  return spans;
}

Status CheckinService::CanManageIn(store::Tx* tx, uint64_t epoch, const Principal& who,
                                   int64_t class_id) {
  // Only a granted access is kept: a refusal is read (and said) each time.
  const auto key = std::make_tuple(who.user_id, static_cast<int>(who.role), class_id);
  if (facts_->can_manage.Find(key, tx != nullptr)) return Ok();
  if (!tx) return NeedsRead();
  Status allowed = classes::CheckClassAccessIn(*tx, who, class_id, classes::ClassNeed::kManage);
  if (!allowed) {
    facts_->can_manage.Abandon(key);
    return allowed;
  }
  facts_->can_manage.Put(key, std::make_shared<const bool>(true), epoch);
  return Ok();
}

Result<std::shared_ptr<const Venue>> CheckinService::VenueIn(store::Tx* tx, uint64_t epoch,
                                                             int64_t class_id) {
  return Cached(facts_->venues, class_id, tx, epoch,
                [&](store::Tx& t) { return LoadVenueIn(t, class_id); });
}

Status CheckinService::RefreshTally(int64_t session_id) {
  const auto now = std::chrono::steady_clock::now();
  const uint64_t epoch = store::WriteEpoch();  // before the read
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    Tally& t = tallies_[session_id];
    const bool fresh = t.loaded && t.epoch == epoch &&
                       now - t.loaded_at < std::chrono::milliseconds(kTallyFreshMs);
    // One re-reader: while it reads, the others answer from the tally as it is.
    if (fresh || (t.loaded && t.refreshing)) return Ok();
    t.refreshing = true;
  }
  std::set<int64_t> present;
  int expected = 0;
  Status st = store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(auto ctx, ContextIn(&tx, epoch, session_id));
    PEIXUN_ASSIGN_OR_RETURN(auto roster, RosterIn(&tx, epoch, *ctx));
    expected = static_cast<int>(roster->size());
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT DISTINCT person_id FROM attendance_events WHERE session_id = ? AND "
                 "direction = 'in'",
                 {store::Int(session_id)}));
    for (const auto& r : rows) present.insert(r.Int(0));
    return Ok();
  });
  std::lock_guard<std::mutex> lock(cache_mu_);
  Tally& slot = tallies_[session_id];
  slot.refreshing = false;
  if (!st) {
    slot.added_while_reading.clear();
    return st;
  }
  // Keep what this process added while the read ran.
  for (int64_t person : slot.added_while_reading) present.insert(person);
  slot.added_while_reading.clear();
  slot.present = std::move(present);
  slot.expected = expected;
  slot.loaded = true;
  slot.epoch = epoch;
  slot.loaded_at = now;
  return Ok();
}

Counts CheckinService::TallyCounts(int64_t session_id, std::optional<int64_t> add_person) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  Tally& t = tallies_[session_id];
  if (add_person) {
    t.present.insert(*add_person);
    if (t.refreshing) t.added_while_reading.insert(*add_person);
  }
  return Counts{static_cast<int>(t.present.size()), t.expected};
}

Counts CheckinService::PredictCounts(int64_t session_id, std::optional<int64_t> person) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = tallies_.find(session_id);
  if (it == tallies_.end()) return Counts{person ? 1 : 0, 0};
  const Tally& t = it->second;
  const bool adds = person && t.present.count(*person) == 0;
  return Counts{static_cast<int>(t.present.size()) + (adds ? 1 : 0), t.expected};
}

void CheckinService::NoteCheckin(int64_t session_id, int64_t person_id) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = tallies_.find(session_id);
  if (it == tallies_.end()) return;
  it->second.present.insert(person_id);
  if (it->second.refreshing) it->second.added_while_reading.insert(person_id);
}

Result<Counts> CheckinService::CountsOf(int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(RefreshTally(session_id));
  return TallyCounts(session_id, std::nullopt);
}

Result<Counts> CheckinService::CountsOf(const Principal& who, int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    return classes::CheckClassAccessIn(tx, who, ctx.klass.id, classes::ClassNeed::kManage);
  }));
  return CountsOf(session_id);
}

Result<ProjectorView> CheckinService::Projector(const Principal& who, int64_t session_id,
                                                core::CheckinDirection direction) {
  const int64_t now = now_ms_();
  return store::ReadValue<ProjectorView>(store_, [&](store::Tx& tx) -> Result<ProjectorView> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionWithSecretIn(tx, key_, session_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, ctx.klass.id, classes::ClassNeed::kManage));
    ProjectorView v;
    v.session_id = session_id;
    v.direction = direction;
    v.period_seconds = ctx.klass.rules.qr_period_seconds;
    const int64_t window = core::WindowOf(now, v.period_seconds);
    v.token = core::MakeCheckinToken(ctx.secret, session_id, direction, window);
    v.url = "/c/" + std::to_string(session_id) + "/" + v.token;
    const int64_t period_ms = int64_t{v.period_seconds} * 1000;
    v.seconds_left = static_cast<int>(((window + 1) * period_ms - now + 999) / 1000);
    PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> expected, ExpectedTraineesIn(tx, ctx));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows in,
        tx.Query("SELECT DISTINCT person_id FROM attendance_events WHERE session_id = ? AND "
                 "direction = ?",
                 {store::Int(session_id), store::Text(core::CheckinDirectionCode(direction))}));
    std::set<int64_t> present;
    for (const auto& r : in) present.insert(r.Int(0));
    v.counts.expected = static_cast<int>(expected.size());
    std::map<std::string, size_t> by_unit;
    for (const auto& m : expected) {
      if (present.count(m.person_id)) {
        ++v.counts.checked_in;
        continue;
      }
      auto [it, added] = by_unit.try_emplace(m.unit_name, v.missing.size());
      if (added) v.missing.push_back({m.unit_id, m.unit_name, {}});
      v.missing[it->second].names.push_back(m.name);
    }
    return v;
  });
}

}  // namespace peixun::attendance
