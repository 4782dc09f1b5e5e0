#include "modules/classes/class_service.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/auth/user_service.h"
#include "modules/classes/classes_json.h"
#include "modules/classes/internal/checkin_secret_box.h"
#include "modules/classes/internal/class_time_zone.h"
#include "store/key_lock.h"

namespace peixun::classes {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr char kColumns[] =
    "id, name, organizer_unit_id, organizer_name, host_venue, start_date, end_date, time_zone, "
    "utc_offset_minutes, capacity, target_trainees, description, status, rules_json, "
    "copied_from, created_at, updated_at";
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxTextChars = 2000;
// A class longer than a year is a typing mistake in a date.
constexpr int kMaxClassDays = 366;

size_t CharCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Error ClassNotFound(int64_t id) {
  return NotFound("classes.not_found", "培训班不存在：" + std::to_string(id),
                  "class not found: " + std::to_string(id), "id");
}

Error Archived() {
  return Conflict("classes.archived", "培训班已归档，不能再修改",
                  "the class is archived and can no longer be changed", "status");
}

TrainingClass FromRow(const store::Row& r) {
  TrainingClass c;
  c.id = r.Int(0);
  c.name = r.Str(1);
  c.organizer_unit_id = r.OptInt(2);
  c.organizer_name = r.Str(3);
  c.host_venue = r.Str(4);
  c.start_date = core::ParseCivilDate(r.Str(5)).value();
  c.end_date = core::ParseCivilDate(r.Str(6)).value();
  c.time_zone = r.Str(7);
  c.utc_offset_minutes = static_cast<int>(r.Int(8));
  c.capacity = static_cast<int>(r.Int(9));
  c.target_trainees = r.Str(10);
  c.description = r.Str(11);
  c.status = ParseClassStatus(r.Str(12)).value_or(ClassStatus::kPlanning);
  auto rules = ClassRulesFromJson(nlohmann::json::parse(r.Str(13), nullptr, false));
  if (rules) c.rules = *rules;
  c.copied_from = r.OptInt(14);
  c.created_at = r.Int(15);
  c.updated_at = r.Int(16);
  return c;
}

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// Fills head_teacher_ids of every class in `classes` with one query.
Status LoadHeadTeachers(store::Tx& tx, std::vector<TrainingClass>& classes) {
  if (classes.empty()) return Ok();
  std::vector<store::Value> ids;
  std::map<int64_t, TrainingClass*> by_id;
  for (auto& c : classes) {
    ids.push_back(Int(c.id));
    by_id[c.id] = &c;
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT class_id, user_id FROM class_head_teachers WHERE class_id IN (" +
                   Placeholders(ids.size()) + ") ORDER BY class_id, user_id",
               ids));
  for (const auto& r : rows) by_id[r.Int(0)]->head_teacher_ids.push_back(r.Int(1));
  return Ok();
}

Result<core::CivilDate> ParseDate(const std::string& text, const std::string& field) {
  auto parsed = core::ParseCivilDate(text);
  if (!parsed) {
    Error e = parsed.error();
    e.code = "classes." + field;
    e.message = "日期无效（" + field + "）：" + e.message;
    e.message_en = "invalid date (" + field + "): " + e.message_en;
    e.field = field;
    return e;
  }
  return *parsed;
}

// A class's fields after normalization and validation, ready to store.
struct ValidClass {
  std::string name, organizer_name, host_venue, time_zone, target_trainees, description;
  std::optional<int64_t> organizer_unit_id;
  core::CivilDate start_date, end_date;
  int utc_offset_minutes = 0;
  int capacity = 0;
  ClassRules rules;
};

Status CheckText(const std::string& value, const char* field, const char* zh_name, size_t max_chars,
                 bool required) {
  if (required && value.empty()) {
    return Invalid(std::string("classes.") + field + ".required", std::string(zh_name) + "不能为空",
                   std::string(field) + " is required", field);
  }
  if (CharCount(value) > max_chars) {
    return Invalid(
        std::string("classes.") + field + ".too_long",
        std::string(zh_name) + "不能超过 " + std::to_string(max_chars) + " 个字",
        std::string(field) + " must be at most " + std::to_string(max_chars) + " characters",
        field);
  }
  return Ok();
}

Result<ValidClass> Validate(const ClassInput& in) {
  ValidClass v;
  v.name = core::NormalizeField(in.name);
  v.organizer_name = core::NormalizeField(in.organizer_name);
  v.host_venue = core::NormalizeField(in.host_venue);
  v.target_trainees = core::NormalizeField(in.target_trainees);
  v.description = in.description;
  v.organizer_unit_id = in.organizer_unit_id;
  PEIXUN_RETURN_IF_ERROR(CheckText(v.name, "name", "培训班名称", kMaxNameChars, true));
  PEIXUN_RETURN_IF_ERROR(
      CheckText(v.organizer_name, "organizer_name", "主办单位", kMaxNameChars, true));
  PEIXUN_RETURN_IF_ERROR(CheckText(v.host_venue, "host_venue", "承办单位", kMaxNameChars, true));
  PEIXUN_RETURN_IF_ERROR(
      CheckText(v.target_trainees, "target_trainees", "培训对象", kMaxTextChars, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(v.description, "description", "说明", kMaxTextChars, false));
  PEIXUN_ASSIGN_OR_RETURN(v.start_date, ParseDate(in.start_date, "start_date"));
  PEIXUN_ASSIGN_OR_RETURN(v.end_date, ParseDate(in.end_date, "end_date"));
  const int64_t days = core::DaysSinceEpoch(v.end_date) - core::DaysSinceEpoch(v.start_date) + 1;
  if (days < 1) {
    return Invalid("classes.dates.order", "结束日期不能早于开始日期",
                   "the end date must not be before the start date", "end_date");
  }
  if (days > kMaxClassDays) {
    return Invalid("classes.dates.too_long", "培训班不能超过 366 天",
                   "a class cannot last more than 366 days", "end_date");
  }
  v.time_zone = in.time_zone.empty() ? kDefaultTimeZone : in.time_zone;
  auto offset = UtcOffsetOfZone(v.time_zone);
  if (!offset) {
    std::string known;
    for (auto z : KnownTimeZones()) known += (known.empty() ? "" : ", ") + std::string(z);
    return Invalid("classes.time_zone", "不支持的时区：" + v.time_zone + "（可选：" + known + "）",
                   "unsupported time zone: " + v.time_zone + " (known: " + known + ")",
                   "time_zone");
  }
  v.utc_offset_minutes = *offset;
  if (in.capacity < 1 || in.capacity > kMaxClassCapacity) {
    return Invalid("classes.capacity", "计划人数应在 1–10000 之间",
                   "capacity must be within 1–10000", "capacity");
  }
  v.capacity = in.capacity;
  PEIXUN_ASSIGN_OR_RETURN(v.rules, ClassRulesFromJson(in.rules));
  return v;
}

ClassInput InputOf(const TrainingClass& c) {
  ClassInput in;
  in.name = c.name;
  in.organizer_unit_id = c.organizer_unit_id;
  in.organizer_name = c.organizer_name;
  in.host_venue = c.host_venue;
  in.start_date = core::FormatCivilDate(c.start_date);
  in.end_date = core::FormatCivilDate(c.end_date);
  in.time_zone = c.time_zone;
  in.capacity = c.capacity;
  in.target_trainees = c.target_trainees;
  in.description = c.description;
  in.rules = ClassRulesToJson(c.rules);
  return in;
}

Error MapWriteError(Error e) {
  if (e.code == store::kForeignKeyViolation) {
    return NotFound("classes.organizer_unit.not_found", "主办单位不在单位库中",
                    "the organizer unit does not exist", "organizer_unit_id");
  }
  return e;
}

// Locks the class's row until the transaction ends: an update, a status
// transition or a change of staff checks the class as it is before writing it, so
// two of them on one class run one at a time (a lost update otherwise).
Status LockClassRowIn(store::Tx& tx, int64_t id) {
  Result<store::Rows> rows =
      tx.Query("SELECT id FROM training_classes WHERE id = ?" + std::string(store::ForUpdate(tx)),
               {store::Int(id)});
  if (!rows) return std::move(rows).error();
  return Ok();
}

}  // namespace

int TrainingClass::Days() const {
  return static_cast<int>(core::DaysSinceEpoch(end_date) - core::DaysSinceEpoch(start_date) + 1);
}

Result<TrainingClass> ClassService::CreateIn(store::Tx& tx, const crypto::DataKey& key,
                                             const ClassInput& input, const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(ValidClass v, Validate(input));
  const int64_t now = NowMillis();
  auto inserted = tx.Query(
      "INSERT INTO training_classes (name, organizer_unit_id, organizer_name, host_venue, "
      "start_date, end_date, time_zone, utc_offset_minutes, capacity, target_trainees, "
      "description, status, rules_json, checkin_secret, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Text(v.name), IntOrNull(v.organizer_unit_id), Text(v.organizer_name), Text(v.host_venue),
       Text(core::FormatCivilDate(v.start_date)), Text(core::FormatCivilDate(v.end_date)),
       Text(v.time_zone), Int(v.utc_offset_minutes), Int(v.capacity), TextOrNull(v.target_trainees),
       TextOrNull(v.description), Text(ClassStatusCode(ClassStatus::kPlanning)),
       Text(ClassRulesToJson(v.rules).dump()), Text(SealCheckinSecret(key, NewCheckinSecret())),
       Int(now), Int(now)});
  if (!inserted) return MapWriteError(std::move(inserted).error());
  const int64_t id = (*inserted)[0].Int(0);
  PEIXUN_ASSIGN_OR_RETURN(TrainingClass created, GetIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(
      audit::RecordIn(tx, actor, "classes.create", "class", id, nullptr, ClassToJson(created)));
  return created;
}

Result<TrainingClass> ClassService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kColumns +
                                                         " FROM training_classes WHERE id = ?",
                                                     {Int(id)}));
  if (rows.empty()) return ClassNotFound(id);
  std::vector<TrainingClass> one{FromRow(rows[0])};
  PEIXUN_RETURN_IF_ERROR(LoadHeadTeachers(tx, one));
  return std::move(one.front());
}

Result<std::vector<TrainingClass>> ClassService::GetManyIn(store::Tx& tx,
                                                           const std::vector<int64_t>& ids) {
  std::vector<TrainingClass> out;
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    std::string list;
    for (size_t i = at; i < std::min(ids.size(), at + kChunk); ++i) {
      list += (list.empty() ? "" : ", ") + std::to_string(ids[i]);
    }
    // Ids written as integers (no bound parameters); the primary key.
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query(std::string("SELECT ") + kColumns +
                                         " FROM training_classes WHERE id IN (" + list + ")",
                                     {}));
    std::vector<TrainingClass> chunk;
    for (const auto& r : rows) chunk.push_back(FromRow(r));
    PEIXUN_RETURN_IF_ERROR(LoadHeadTeachers(tx, chunk));
    for (auto& k : chunk) out.push_back(std::move(k));
  }
  std::sort(out.begin(), out.end(),
            [](const TrainingClass& a, const TrainingClass& b) { return a.id < b.id; });
  return out;
}

Result<ClassPage> ClassService::ListIn(store::Tx& tx, const ClassQuery& query) {
  ClassPage page;
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (query.only_ids) {
    if (query.only_ids->empty()) return page;
    where += " AND id IN (" + Placeholders(query.only_ids->size()) + ")";
    for (int64_t id : *query.only_ids) params.push_back(Int(id));
  }
  if (query.status) {
    where += " AND status = ?";
    params.push_back(Text(ClassStatusCode(*query.status)));
  }
  const std::string search = core::NormalizeField(query.search);
  if (!search.empty()) {
    std::string pattern = "%";
    for (char ch : search) {
      if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
      pattern += ch;
    }
    pattern += '%';
    where += " AND name LIKE ? ESCAPE '\\'";
    params.push_back(Text(pattern));
  }
  PEIXUN_ASSIGN_OR_RETURN(store::Rows count,
                          tx.Query("SELECT count(*) FROM training_classes" + where, params));
  page.total = count[0].Int(0);
  std::string order;
  switch (query.order) {
    case ClassOrder::kStartDesc:
      order = " ORDER BY start_date DESC, id DESC";
      break;
    case ClassOrder::kStart:
      order = " ORDER BY start_date, id";
      break;
    case ClassOrder::kName:
      order = " ORDER BY name, id";
      break;
  }
  params.push_back(Int(std::clamp<int64_t>(query.limit, 1, 1000)));
  params.push_back(Int(std::max<int64_t>(query.offset, 0)));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + kColumns + " FROM training_classes" +
                                       where + order + " LIMIT ? OFFSET ?",
                                   params));
  for (const auto& r : rows) page.items.push_back(FromRow(r));
  PEIXUN_RETURN_IF_ERROR(LoadHeadTeachers(tx, page.items));
  return page;
}

Result<bool> ClassService::IsHeadTeacherIn(store::Tx& tx, int64_t class_id, int64_t user_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT 1 FROM class_head_teachers WHERE class_id = ? AND user_id = ?",
               {Int(class_id), Int(user_id)}));
  return !rows.empty();
}

Result<std::vector<int64_t>> ClassService::HeadedClassIdsIn(store::Tx& tx, int64_t user_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT class_id FROM class_head_teachers WHERE user_id = ? ORDER BY class_id",
               {Int(user_id)}));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::string> ClassService::CheckinSecretIn(store::Tx& tx, const crypto::DataKey& key,
                                                  int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT checkin_secret FROM training_classes WHERE id = ?", {Int(class_id)}));
  if (rows.empty()) return ClassNotFound(class_id);
  return OpenCheckinSecret(key, rows[0].Str(0));
}

Result<const crypto::DataKey*> ClassService::Key() const {
  if (!key_) {
    return Internal("classes.no_key", "this ClassService was made without the data key");
  }
  return key_;
}

Status ClassService::CheckEditableIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT status FROM training_classes WHERE id = ?", {Int(class_id)}));
  if (rows.empty()) return ClassNotFound(class_id);
  if (!CanEdit(ParseClassStatus(rows[0].Str(0)).value_or(ClassStatus::kPlanning))) {
    return Archived();
  }
  return Ok();
}

Result<TrainingClass> ClassService::Create(const ClassInput& input, const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(const crypto::DataKey* key, Key());
  return store::TransactValue<TrainingClass>(
      store_, [&](store::Tx& tx) { return CreateIn(tx, *key, input, actor); });
}

Result<TrainingClass> ClassService::Get(int64_t id) {
  return store::ReadValue<TrainingClass>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<ClassPage> ClassService::List(const ClassQuery& query) {
  return store::ReadValue<ClassPage>(store_, [&](store::Tx& tx) { return ListIn(tx, query); });
}

Result<ClassPage> ClassService::ListFor(const Principal& who, ClassQuery query) {
  if (who.role == Role::kTrainee) {
    std::vector<int64_t> ids;
    if (hooks_.enrolled_class_ids && who.person_id) ids = hooks_.enrolled_class_ids(*who.person_id);
    query.only_ids = std::move(ids);
  }
  return store::ReadValue<ClassPage>(store_, [&](store::Tx& tx) -> Result<ClassPage> {
    if (who.role == Role::kHeadTeacher) {
      PEIXUN_ASSIGN_OR_RETURN(query.only_ids, HeadedClassIdsIn(tx, who.user_id));
    }
    return ListIn(tx, query);
  });
}

Result<TrainingClass> ClassService::Update(int64_t id, const ClassPatch& patch,
                                           const Actor& actor) {
  return store::TransactValue<TrainingClass>(store_, [&](store::Tx& tx) -> Result<TrainingClass> {
    PEIXUN_RETURN_IF_ERROR(LockClassRowIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass before, GetIn(tx, id));
    if (!CanEdit(before.status)) return Archived();
    ClassInput in = InputOf(before);
    if (patch.name) in.name = *patch.name;
    if (patch.set_organizer_unit) in.organizer_unit_id = patch.organizer_unit_id;
    if (patch.organizer_name) in.organizer_name = *patch.organizer_name;
    if (patch.host_venue) in.host_venue = *patch.host_venue;
    if (patch.start_date) in.start_date = *patch.start_date;
    if (patch.end_date) in.end_date = *patch.end_date;
    if (patch.time_zone) in.time_zone = *patch.time_zone;
    if (patch.capacity) in.capacity = *patch.capacity;
    if (patch.target_trainees) in.target_trainees = *patch.target_trainees;
    if (patch.description) in.description = *patch.description;
    if (patch.rules) {
      if (!patch.rules->is_object()) {
        return Invalid("classes.rules.format", "规则应为 JSON 对象", "rules must be a JSON object",
                       "rules");
      }
      in.rules.merge_patch(*patch.rules);
    }
    PEIXUN_ASSIGN_OR_RETURN(ValidClass v, Validate(in));
    auto updated = tx.Exec(
        "UPDATE training_classes SET name = ?, organizer_unit_id = ?, organizer_name = ?, "
        "host_venue = ?, start_date = ?, end_date = ?, time_zone = ?, utc_offset_minutes = ?, "
        "capacity = ?, target_trainees = ?, description = ?, rules_json = ?, updated_at = ? "
        "WHERE id = ?",
        {Text(v.name), IntOrNull(v.organizer_unit_id), Text(v.organizer_name), Text(v.host_venue),
         Text(core::FormatCivilDate(v.start_date)), Text(core::FormatCivilDate(v.end_date)),
         Text(v.time_zone), Int(v.utc_offset_minutes), Int(v.capacity),
         TextOrNull(v.target_trainees), TextOrNull(v.description),
         Text(ClassRulesToJson(v.rules).dump()), Int(NowMillis()), Int(id)});
    if (!updated) return MapWriteError(std::move(updated).error());
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "classes.update", "class", id,
                                           ClassToJson(before), ClassToJson(after)));
    return after;
  });
}

Result<TrainingClass> ClassService::ChangeStatus(int64_t id, ClassStatus to, const Actor& actor) {
  return store::TransactValue<TrainingClass>(store_, [&](store::Tx& tx) -> Result<TrainingClass> {
    PEIXUN_RETURN_IF_ERROR(LockClassRowIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass before, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(CheckTransition(before.status, to));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE training_classes SET status = ?, updated_at = ? WHERE id = ?",
                {Text(ClassStatusCode(to)), Int(NowMillis()), Int(id)}));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "classes.status", "class", id,
                                           {{"status", ClassStatusCode(before.status)}},
                                           {{"status", ClassStatusCode(after.status)}}));
    return after;
  });
}

Result<TrainingClass> ClassService::SetHeadTeachers(int64_t id, const std::vector<int64_t>& ids,
                                                    const Actor& actor) {
  std::vector<int64_t> user_ids = ids;
  std::sort(user_ids.begin(), user_ids.end());
  user_ids.erase(std::unique(user_ids.begin(), user_ids.end()), user_ids.end());
  return store::TransactValue<TrainingClass>(store_, [&](store::Tx& tx) -> Result<TrainingClass> {
    PEIXUN_RETURN_IF_ERROR(LockClassRowIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass before, GetIn(tx, id));
    if (!CanEdit(before.status)) return Archived();
    for (int64_t user_id : user_ids) {
      PEIXUN_ASSIGN_OR_RETURN(auth::User user, auth::UserService::GetIn(tx, user_id));
      if (user.role != Role::kHeadTeacher || !user.active) {
        return Invalid("classes.head_teacher.role",
                       "用户 " + user.username + " 不是在用的班主任账号",
                       "user " + user.username + " is not an active head teacher", "user_ids");
      }
    }
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM class_head_teachers WHERE class_id = ?", {Int(id)}));
    for (int64_t user_id : user_ids) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO class_head_teachers (class_id, user_id) VALUES (?, ?)",
                  {Int(id), Int(user_id)}));
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE training_classes SET updated_at = ? WHERE id = ?",
                                   {Int(NowMillis()), Int(id)}));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "classes.head_teachers", "class", id,
                                           {{"head_teacher_ids", before.head_teacher_ids}},
                                           {{"head_teacher_ids", after.head_teacher_ids}}));
    return after;
  });
}

Result<TrainingClass> ClassService::Copy(int64_t id, const ClassCopyInput& input,
                                         const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(const crypto::DataKey* key, Key());
  return store::TransactValue<TrainingClass>(store_, [&](store::Tx& tx) -> Result<TrainingClass> {
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass source, GetIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(core::CivilDate start, ParseDate(input.start_date, "start_date"));
    const int64_t shift = core::DaysSinceEpoch(start) - core::DaysSinceEpoch(source.start_date);
    ClassInput in = InputOf(source);
    in.name = input.name;
    in.start_date = core::FormatCivilDate(start);
    in.end_date = core::FormatCivilDate(
        core::CivilDateFromDays(core::DaysSinceEpoch(source.end_date) + shift));
    PEIXUN_ASSIGN_OR_RETURN(TrainingClass copy, CreateIn(tx, *key, in, actor));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE training_classes SET copied_from = ? WHERE id = ?",
                                   {Int(id), Int(copy.id)}));
    const ClassCopy what{id, copy.id, static_cast<int>(shift)};
    for (const auto& copier : hooks_.on_copy) {
      PEIXUN_RETURN_IF_ERROR(copier(tx, what, actor));
    }
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(
        tx, actor, "classes.copy", "class", copy.id, nullptr,
        {{"from_class_id", id}, {"to_class_id", copy.id}, {"shift_days", what.shift_days}}));
    return GetIn(tx, copy.id);
  });
}

}  // namespace peixun::classes
