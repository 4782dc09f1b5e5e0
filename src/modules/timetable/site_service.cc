#include "modules/timetable/site_service.h"

#include "core/clock.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/timetable/internal/field_checks.h"
#include "modules/timetable/timetable_json.h"

namespace peixun::timetable {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr char kColumns[] =
    "id, name, kind, unit_id, address, contact_name, contact_phone, capacity, description, "
    "created_at, updated_at";

Site FromRow(const store::Row& r) {
  Site s;
  s.id = r.Int(0);
  s.name = r.Str(1);
  s.kind = ParseSiteKind(r.Str(2)).value_or(SiteKind::kCommunity);
  s.unit_id = r.OptInt(3);
  s.address = r.Str(4);
  s.contact_name = r.Str(5);
  s.contact_phone = r.Str(6);
  s.capacity = static_cast<int>(r.Int(7));
  s.description = r.Str(8);
  s.created_at = r.Int(9);
  s.updated_at = r.Int(10);
  return s;
}

struct ValidSite {
  SiteInput in;
  SiteKind kind = SiteKind::kCommunity;
};

Result<ValidSite> Validate(const SiteInput& raw) {
  ValidSite v{raw};
  SiteInput& in = v.in;
  in.name = core::NormalizeField(in.name);
  in.address = core::NormalizeField(in.address);
  in.contact_name = core::NormalizeName(in.contact_name);
  in.contact_phone = core::NormalizeField(in.contact_phone);
  PEIXUN_RETURN_IF_ERROR(CheckText(in.name, "name", "示范点名称", 100, true));
  auto kind = ParseSiteKind(core::NormalizeField(in.kind));
  if (!kind) {
    return Invalid("timetable.site.kind", "示范点类型应为 社区、非公企业 或 社会组织",
                   "site kind must be community, enterprise or social_org", "kind");
  }
  v.kind = *kind;
  PEIXUN_RETURN_IF_ERROR(CheckText(in.address, "address", "地址", 200, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.contact_name, "contact_name", "联系人", 50, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.contact_phone, "contact_phone", "联系电话", 30, false));
  PEIXUN_RETURN_IF_ERROR(CheckText(in.description, "description", "说明", 2000, false));
  PEIXUN_RETURN_IF_ERROR(CheckRange(in.capacity, "capacity", "可容纳人数", 1, kMaxSiteCapacity));
  return v;
}

Error MapWriteError(Error e) {
  if (e.code == store::kForeignKeyViolation) {
    return NotFound("timetable.site.unit_not_found", "示范点所属单位不存在",
                    "the site's unit does not exist", "unit_id");
  }
  return e;
}

}  // namespace

Result<Site> SiteService::CreateIn(store::Tx& tx, const SiteInput& raw, const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(ValidSite v, Validate(raw));
  const int64_t now = NowMillis();
  auto rows = tx.Query(
      "INSERT INTO sites (name, kind, unit_id, address, contact_name, contact_phone, capacity, "
      "description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Text(v.in.name), Text(SiteKindCode(v.kind)), IntOrNull(v.in.unit_id),
       TextOrNull(v.in.address), TextOrNull(v.in.contact_name), TextOrNull(v.in.contact_phone),
       Int(v.in.capacity), TextOrNull(v.in.description), Int(now), Int(now)});
  if (!rows) return MapWriteError(std::move(rows).error());
  PEIXUN_ASSIGN_OR_RETURN(Site created, GetIn(tx, (*rows)[0].Int(0)));
  PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.site.create", "site", created.id,
                                         nullptr, SiteToJson(created)));
  return created;
}

Result<Site> SiteService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM sites WHERE id = ?", {Int(id)}));
  if (rows.empty()) {
    return NotFound("timetable.site.not_found", "示范点不存在：" + std::to_string(id),
                    "site not found: " + std::to_string(id), "site_id");
  }
  return FromRow(rows[0]);
}

Result<Site> SiteService::Create(const SiteInput& input, const Actor& actor) {
  return store::TransactValue<Site>(store_,
                                    [&](store::Tx& tx) { return CreateIn(tx, input, actor); });
}

Result<Site> SiteService::Get(int64_t id) {
  return store::ReadValue<Site>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<Site>> SiteService::List(std::optional<SiteKind> kind) {
  return store::ReadValue<std::vector<Site>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Site>> {
        std::vector<store::Value> params;
        std::string where;
        if (kind) {
          where = " WHERE kind = ?";
          params.push_back(Text(SiteKindCode(*kind)));
        }
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                                tx.Query(std::string("SELECT ") + kColumns + " FROM sites" + where +
                                             " ORDER BY kind, name, id",
                                         params));
        std::vector<Site> out;
        for (const auto& r : rows) out.push_back(FromRow(r));
        return out;
      });
}

Result<Site> SiteService::Update(int64_t id, const SiteInput& raw, const Actor& actor) {
  return store::TransactValue<Site>(store_, [&](store::Tx& tx) -> Result<Site> {
    PEIXUN_ASSIGN_OR_RETURN(Site before, GetIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(ValidSite v, Validate(raw));
    auto updated = tx.Exec(
        "UPDATE sites SET name = ?, kind = ?, unit_id = ?, address = ?, contact_name = ?, "
        "contact_phone = ?, capacity = ?, description = ?, updated_at = ? WHERE id = ?",
        {Text(v.in.name), Text(SiteKindCode(v.kind)), IntOrNull(v.in.unit_id),
         TextOrNull(v.in.address), TextOrNull(v.in.contact_name), TextOrNull(v.in.contact_phone),
         Int(v.in.capacity), TextOrNull(v.in.description), Int(NowMillis()), Int(id)});
    if (!updated) return MapWriteError(std::move(updated).error());
    PEIXUN_ASSIGN_OR_RETURN(Site after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.site.update", "site", id,
                                           SiteToJson(before), SiteToJson(after)));
    return after;
  });
}

Status SiteService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Site before, GetIn(tx, id));
    auto deleted = tx.Exec("DELETE FROM sites WHERE id = ?", {Int(id)});
    if (!deleted) {
      if (deleted.error().code == store::kForeignKeyViolation) {
        return Conflict("timetable.site.in_use", "该示范点已排入现场教学，不能删除",
                        "sessions visit the site; it cannot be deleted", "id");
      }
      return std::move(deleted).error();
    }
    return audit::RecordIn(tx, actor, "timetable.site.delete", "site", id, SiteToJson(before),
                           nullptr);
  });
}

}  // namespace peixun::timetable
