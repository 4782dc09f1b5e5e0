#include "modules/timetable/lecturer_service.h"

#include "core/clock.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/auth/user_service.h"
#include "modules/timetable/internal/field_checks.h"
#include "modules/timetable/timetable_json.h"

namespace peixun::timetable {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr char kColumns[] =
    "id, name, title, organization, topics, phone, user_id, created_at, updated_at";

Lecturer FromRow(const store::Row& r) {
  Lecturer l;
  l.id = r.Int(0);
  l.name = r.Str(1);
  l.title = r.Str(2);
  l.organization = r.Str(3);
  l.topics = r.Str(4);
  l.phone = r.Str(5);
  l.user_id = r.OptInt(6);
  l.created_at = r.Int(7);
  l.updated_at = r.Int(8);
  return l;
}

Result<LecturerInput> Validate(store::Tx& tx, const LecturerInput& raw,
                               std::optional<int64_t> self) {
  LecturerInput in = raw;
  in.name = core::NormalizeName(in.name);
  in.title = core::NormalizeField(in.title);
  in.organization = core::NormalizeField(in.organization);
  in.phone = core::NormalizeField(in.phone);
  PEIXUN_RETURN_IF_ERROR(CheckText(in.name, "name", "姓名", 50, true));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.title, "title", "职称", 50, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.organization, "organization", "单位", 100, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.topics, "topics", "专题", 1000, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.phone, "phone", "电话", 30, false));
  if (in.user_id) {
    PEIXUN_ASSIGN_OR_RETURN(auth::User user, auth::UserService::GetIn(tx, *in.user_id));
    if (user.role != Role::kLecturer) {
      return Invalid("timetable.lecturer.user_role", "关联账号必须是授课老师角色",
                     "the linked user must have the lecturer role", "user_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(auto taken, LecturerService::IdsOfUserIn(tx, *in.user_id));
    for (int64_t other : taken) {
      if (!self || other != *self) {
        return Conflict("timetable.lecturer.user_taken", "该账号已关联到另一位授课老师",
                        "the user is already linked to another lecturer", "user_id");
      }
    }
  }
  return in;
}

}  // namespace

Result<Lecturer> LecturerService::CreateIn(store::Tx& tx, const LecturerInput& raw,
                                           const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(LecturerInput in, Validate(tx, raw, std::nullopt));
  const int64_t now = NowMillis();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "INSERT INTO lecturers (name, title, organization, topics, phone, user_id, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Text(in.name), TextOrNull(in.title), TextOrNull(in.organization), TextOrNull(in.topics),
           TextOrNull(in.phone), IntOrNull(in.user_id), Int(now), Int(now)}));
  PEIXUN_ASSIGN_OR_RETURN(Lecturer created, GetIn(tx, rows[0].Int(0)));
  PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.lecturer.create", "lecturer",
                                         created.id, nullptr, LecturerToJson(created)));
  return created;
}

Result<Lecturer> LecturerService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM lecturers WHERE id = ?", {Int(id)}));
  if (rows.empty()) {
    return NotFound("timetable.lecturer.not_found", "授课老师不存在：" + std::to_string(id),
                    "lecturer not found: " + std::to_string(id), "lecturer_id");
  }
  return FromRow(rows[0]);
}

Result<std::vector<int64_t>> LecturerService::IdsOfUserIn(store::Tx& tx, int64_t user_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id FROM lecturers WHERE user_id = ? ORDER BY id", {Int(user_id)}));
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Result<Lecturer> LecturerService::Create(const LecturerInput& input, const Actor& actor) {
  return store::TransactValue<Lecturer>(store_,
                                        [&](store::Tx& tx) { return CreateIn(tx, input, actor); });
}

Result<Lecturer> LecturerService::Get(int64_t id) {
  return store::ReadValue<Lecturer>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<Lecturer>> LecturerService::List(const std::string& search) {
  return store::ReadValue<std::vector<Lecturer>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Lecturer>> {
        const std::string q = core::NormalizeField(search);
        std::vector<store::Value> params;
        std::string where;
        if (!q.empty()) {
          std::string pattern = "%";
          for (char ch : q) {
            if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
            pattern += ch;
          }
          where = " WHERE name LIKE ? ESCAPE '\\'";
          params.push_back(Text(pattern + "%"));
        }
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                                tx.Query(std::string("SELECT ") + kColumns + " FROM lecturers" +
                                             where + " ORDER BY name, id",
                                         params));
        std::vector<Lecturer> out;
        for (const auto& r : rows) out.push_back(FromRow(r));
        return out;
      });
}

Result<Lecturer> LecturerService::Update(int64_t id, const LecturerInput& raw, const Actor& actor) {
  return store::TransactValue<Lecturer>(store_, [&](store::Tx& tx) -> Result<Lecturer> {
    PEIXUN_ASSIGN_OR_RETURN(Lecturer before, GetIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(LecturerInput in, Validate(tx, raw, id));
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE lecturers SET name = ?, title = ?, organization = ?, topics = ?, phone = ?, "
        "user_id = ?, updated_at = ? WHERE id = ?",
        {Text(in.name), TextOrNull(in.title), TextOrNull(in.organization), TextOrNull(in.topics),
         TextOrNull(in.phone), IntOrNull(in.user_id), Int(NowMillis()), Int(id)}));
    PEIXUN_ASSIGN_OR_RETURN(Lecturer after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.lecturer.update", "lecturer", id,
                                           LecturerToJson(before), LecturerToJson(after)));
    return after;
  });
}

Status LecturerService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Lecturer before, GetIn(tx, id));
    auto deleted = tx.Exec("DELETE FROM lecturers WHERE id = ?", {Int(id)});
    if (!deleted) {
      if (deleted.error().code == store::kForeignKeyViolation) {
        return Conflict("timetable.lecturer.in_use", "该授课老师已排入课程，不能删除",
                        "the lecturer teaches scheduled sessions and cannot be deleted", "id");
      }
      return std::move(deleted).error();
    }
    return audit::RecordIn(tx, actor, "timetable.lecturer.delete", "lecturer", id,
                           LecturerToJson(before), nullptr);
  });
}

}  // namespace peixun::timetable
