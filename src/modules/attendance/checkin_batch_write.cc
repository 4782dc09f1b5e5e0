// The check-in writer's batch on PostgreSQL: WriteIn's decisions for a whole batch
// in three statements (the trainees' check-ins so far, the devices' recent use when
// a scan names a device, one multi-row INSERT), made in queue order in memory, so
// each check-in gets the answer it would get alone at its place in the batch; and the
// batch's live notices (pg_notify), sent inside its transaction.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "modules/attendance/checkin_service.h"
#include "modules/attendance/internal/checkin_batch.h"
#include "store/write_epoch.h"

namespace peixun::attendance {
namespace {

using checkin_internal::FlagsText;
using checkin_internal::KeyReused;
using checkin_internal::StoredAnswerIn;

// A trainee's check-in in the session: stored, or to be inserted by this batch
// (`pending`: the index of the item inserting it).
struct InRow {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string source;
  std::string key;
  int pending = -1;
};

enum class Plan { kInsert, kRepeat, kStored };

struct Decision {
  Plan plan = Plan::kInsert;
  std::vector<std::string> flags;
  std::optional<InRow> first;  // the trainee's first check-in, when it answers
};

std::string ParamsRow(size_t n) {
  std::string out = "(";
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out + ")";
}

}  // namespace

Status CheckinService::WriteBatchIn(store::Tx& tx, std::vector<BatchItem>& items) {
  if (items.empty()) return Ok();
  // Only attendance_events is written, whose counts the service keeps itself: the
  // facts cached for check-ins stay valid (store/write_epoch.h), as in WriteIn.
  store::MarkTransactionQuiet();
  using Pair = std::pair<int64_t, int64_t>;  // session, person
  // 1. The check-ins so far of every trainee checking in, first first (WriteIn's read).
  std::map<Pair, std::vector<InRow>> in_rows;
  {
    std::string sql;
    std::vector<store::Value> params;
    for (const BatchItem& item : items) {
      const Prepared& p = *item.p;
      if (p.direction != core::CheckinDirection::kIn) continue;
      if (!in_rows.emplace(Pair{p.ctx().session.id, p.person_id}, std::vector<InRow>{}).second) {
        continue;
      }
      sql += sql.empty() ? "(?, ?)" : ", (?, ?)";
      params.push_back(store::Int(p.ctx().session.id));
      params.push_back(store::Int(p.person_id));
    }
    if (!params.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows rows,
          tx.Query("SELECT session_id, person_id, id, at_ms, source, idempotency_key FROM "
                   "attendance_events WHERE direction = 'in' AND (session_id, person_id) IN (" +
                       sql + ") ORDER BY at_ms, id",
                   params));
      for (const auto& r : rows) {
        in_rows[Pair{r.Int(0), r.Int(1)}].push_back(InRow{r.Int(2), r.Int(3), r.Str(4), r.Str(5)});
      }
    }
  }
  // 2. The stored recent uses of the devices named (WriteIn's device_shared read).
  struct DeviceUse {
    int64_t person_id;
    int64_t received_ms;
  };
  std::map<std::string, std::vector<DeviceUse>> device_uses;
  {
    std::string sql;
    std::vector<store::Value> params;
    int64_t since = 0;
    for (const BatchItem& item : items) {
      const Prepared& p = *item.p;
      if (p.device_hash.empty()) continue;
      const int64_t from = p.received_ms - kDeviceSharedWindowMs;
      since = params.empty() ? from : std::min(since, from);
      if (!device_uses.emplace(p.device_hash, std::vector<DeviceUse>{}).second) continue;
      sql += sql.empty() ? "?" : ", ?";
      params.push_back(store::Text(p.device_hash));
    }
    if (!params.empty()) {
      params.push_back(store::Int(since));
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows rows,
          tx.Query("SELECT device_id_hash, person_id, received_ms FROM attendance_events WHERE "
                   "device_id_hash IN (" +
                       sql + ") AND received_ms >= ?",
                   params));
      for (const auto& r : rows) device_uses[r.Str(0)].push_back(DeviceUse{r.Int(1), r.Int(2)});
    }
  }

  // 3. Each check-in's decision, in queue order, seeing the ones before it.
  std::vector<Decision> decisions(items.size());
  std::map<std::string, size_t> inserting;  // key -> item
  std::vector<size_t> to_insert;
  for (size_t i = 0; i < items.size(); ++i) {
    const Prepared& p = *items[i].p;
    Decision& d = decisions[i];
    d.flags = p.flags;
    const bool in = p.direction == core::CheckinDirection::kIn;
    std::vector<InRow>* rows = in ? &in_rows[Pair{p.ctx().session.id, p.person_id}] : nullptr;
    if (in) {
      const bool mine =
          std::any_of(rows->begin(), rows->end(), [&](const InRow& r) { return r.key == p.key; });
      if (mine) {
        d.plan = Plan::kStored;
        continue;
      }
      if (!rows->empty() && p.source == CheckinSource::kQr) {
        d.plan = Plan::kRepeat;
        d.first = rows->front();
        continue;
      }
      if (!rows->empty() && rows->front().at_ms <= p.at_ms) {
        d.flags.push_back("duplicate");
        d.first = rows->front();
      }
    }
    if (inserting.count(p.key)) {  // the same key again (another trainee: refused)
      d.plan = Plan::kStored;
      continue;
    }
    if (!p.device_hash.empty()) {
      // Another trainee on this device within the window, stored or earlier in the batch.
      bool shared = false;
      for (const DeviceUse& use : device_uses[p.device_hash]) {
        shared = shared || (use.person_id != p.person_id &&
                            use.received_ms >= p.received_ms - kDeviceSharedWindowMs);
      }
      if (shared) d.flags.push_back("device_shared");
    }
    d.plan = Plan::kInsert;
    inserting.emplace(p.key, i);
    to_insert.push_back(i);
    if (!p.device_hash.empty()) device_uses[p.device_hash].push_back({p.person_id, p.received_ms});
    if (in) {
      // New rows get larger ids than stored ones, in insert order: after every row
      // at the same or an earlier time.
      InRow row{0, p.at_ms, CheckinSourceCode(p.source), p.key, static_cast<int>(i)};
      auto at = std::upper_bound(rows->begin(), rows->end(), p.at_ms,
                                 [](int64_t t, const InRow& r) { return t < r.at_ms; });
      rows->insert(at, std::move(row));
    }
  }

  // 4. One INSERT for the batch; the ids come back by key.
  std::map<std::string, int64_t> ids;
  if (!to_insert.empty()) {
    std::string sql =
        "INSERT INTO attendance_events (class_id, session_id, person_id, direction, at_ms, "
        "received_ms, source, idempotency_key, device_id_hash, flags_json, created_by) VALUES ";
    std::vector<store::Value> params;
    params.reserve(to_insert.size() * 11);
    const std::string row = ParamsRow(11);
    for (size_t n = 0; n < to_insert.size(); ++n) {
      const Prepared& p = *items[to_insert[n]].p;
      if (n) sql += ", ";
      sql += row;
      params.push_back(store::Int(p.ctx().klass.id));
      params.push_back(store::Int(p.ctx().session.id));
      params.push_back(store::Int(p.person_id));
      params.push_back(store::Text(core::CheckinDirectionCode(p.direction)));
      params.push_back(store::Int(p.at_ms));
      params.push_back(store::Int(p.received_ms));
      params.push_back(store::Text(CheckinSourceCode(p.source)));
      params.push_back(store::Text(p.key));
      params.push_back(store::TextOrNull(p.device_hash));
      params.push_back(store::Text(FlagsText(decisions[to_insert[n]].flags)));
      params.push_back(p.user_id ? store::Int(p.user_id) : store::Null());
    }
    sql += " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key";
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
    for (const auto& r : rows) ids[r.Str(1)] = r.Int(0);
    if (ids.size() != to_insert.size()) {
      // A key stored since the checks (a retry committed by another writer or
      // instance): the decisions after it may rest on a row that is not ours. Alone,
      // each check-in reads it back as WriteIn does.
      if (items.size() > 1) {
        return Internal("attendance.batch.key_taken", "a key in the batch was stored meanwhile");
      }
      decisions[0].plan = Plan::kStored;
    }
  }
  auto id_of = [&](const InRow& r) {
    return r.pending < 0 ? r.id : ids.at(items[static_cast<size_t>(r.pending)].p->key);
  };

  // 5. The outcomes, as WriteIn sets them.
  for (size_t i = 0; i < items.size(); ++i) {
    const Prepared& p = *items[i].p;
    Decision& d = decisions[i];
    CheckinResult& out = *items[i].out;
    bool& inserted = *items[i].inserted;
    out = CheckinResult{};
    inserted = false;
    switch (d.plan) {
      case Plan::kStored: {
        PEIXUN_ASSIGN_OR_RETURN(std::optional<CheckinResult> stored, StoredAnswerIn(tx, p.key));
        if (!stored) return Internal("attendance.readback", "check-in not found after insert");
        if (stored->person_id != p.person_id || stored->session_id != p.ctx().session.id) {
          return KeyReused();
        }
        out = std::move(*stored);
        break;
      }
      case Plan::kRepeat:
        out.event_id = id_of(*d.first);
        out.at_ms = d.first->at_ms;
        out.source = d.first->source;
        out.direction = p.direction;
        out.first = false;
        break;
      case Plan::kInsert:
        out.event_id = ids.at(p.key);
        out.direction = p.direction;
        out.at_ms = p.at_ms;
        out.source = CheckinSourceCode(p.source);
        out.flags = std::move(d.flags);
        out.first = true;
        if (d.first) {  // a kept repeat (kiosk): the answer names the check-in that counts
          out.first = false;
          out.event_id = id_of(*d.first);
          out.at_ms = d.first->at_ms;
        }
        inserted = true;
        break;
    }
  }
  return Ok();
}

// The batch the writer thread runs, and the live notices sent inside its transaction.
thread_local std::vector<CheckinService::BatchItem>* CheckinService::batch_items_ = nullptr;

Status CheckinService::AroundBatch(store::Tx& tx,
                                   const std::function<Status(store::Tx&)>& run_jobs) {
  std::vector<BatchItem> items;
  batch_items_ = &items;
  Status st = run_jobs(tx);
  batch_items_ = nullptr;
  if (!st) return st;
  if (tx.dialect() == store::Dialect::kPostgres) PEIXUN_RETURN_IF_ERROR(WriteBatchIn(tx, items));
  return SendNoticesIn(tx, items);
}

Status CheckinService::SendNoticesIn(store::Tx& tx, const std::vector<BatchItem>& items) {
  if (!notice_ || tx.dialect() != store::Dialect::kPostgres) return Ok();
  // One pg_notify per check-in (each payload under the 8000-byte limit, and each
  // distinct: the feed numbers them, as PostgreSQL folds identical payloads of one
  // transaction), several per statement: a statement is a round trip.
  constexpr size_t kPerStatement = 256;  // 2 columns' parameters each, far below 1664 columns
  std::string sql;
  std::vector<store::Value> params;
  auto flush = [&]() -> Status {
    if (params.empty()) return Ok();
    Result<store::Rows> sent = tx.Query(sql, params);
    sql.clear();
    params.clear();
    if (!sent) return std::move(sent).error();
    return Ok();
  };
  for (const BatchItem& item : items) {
    if (!*item.inserted) continue;
    CheckinResult preview = *item.out;
    preview.session_id = item.p->ctx().session.id;
    preview.class_id = item.p->ctx().klass.id;
    preview.person_id = item.p->person_id;
    preview.person_name = item.p->person_name;
    Describe(*item.p, preview, item.p->leaves);
    preview.counts =
        PredictCounts(preview.session_id, preview.direction == core::CheckinDirection::kIn
                                              ? std::optional<int64_t>(preview.person_id)
                                              : std::nullopt);
    std::optional<std::string> payload = notice_(preview);
    if (!payload) continue;
    sql += sql.empty() ? "SELECT pg_notify(?, ?)" : ", pg_notify(?, ?)";
    params.push_back(store::Text(notice_channel_));
    params.push_back(store::Text(std::move(*payload)));
    if (params.size() >= 2 * kPerStatement) PEIXUN_RETURN_IF_ERROR(flush());
  }
  return flush();
}

}  // namespace peixun::attendance
