#include "modules/org/org_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/audit/audit_log.h"
#include "modules/org/internal/org_json.h"
#include "modules/org/unit_listeners.h"
#include "store/key_lock.h"

namespace peixun::org {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr char kColumns[] =
    "id, name, parent_id, kind, party_org_name, party_org_kind, secretary, contact_name, "
    "contact_phone, path, depth";
constexpr size_t kMaxNameChars = 100;

Unit FromRow(const store::Row& r) {
  Unit u;
  u.id = r.Int(0);
  u.name = r.Str(1);
  u.parent_id = r.OptInt(2);
  u.kind = ParseUnitKind(r.Str(3)).value_or(UnitKind::kOther);
  u.party_org_name = r.Str(4);
  u.party_org_kind = r.Str(5);
  u.secretary = r.Str(6);
  u.contact_name = r.Str(7);
  u.contact_phone = r.Str(8);
  u.path = r.Str(9);
  u.depth = static_cast<int>(r.Int(10));
  return u;
}

Result<std::vector<Unit>> QueryUnits(store::Tx& tx, const std::string& where,
                                     const std::vector<store::Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM org_units " + where, params));
  std::vector<Unit> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) out.push_back(FromRow(r));
  return out;
}

Error UnitNotFound(int64_t id, const std::string& field = "id") {
  return NotFound("org.not_found", "单位不存在：" + std::to_string(id),
                  "unit not found: " + std::to_string(id), field);
}

Error DuplicateName(const std::string& name) {
  return Conflict("org.name.duplicate", "同一上级单位下已有名为“" + name + "”的单位",
                  "a unit named \"" + name + "\" already exists under the same parent", "name");
}

}  // namespace

Status ValidateUnitInput(const UnitInput& input) {
  if (input.name.empty()) {
    return Invalid("org.name.required", "单位名称不能为空", "unit name is required", "name");
  }
  if (core::Utf8CharCount(input.name) > kMaxNameChars) {
    return Invalid("org.name.too_long", "单位名称不能超过 100 个字",
                   "unit name must be at most 100 characters", "name");
  }
  return Ok();
}

namespace {

// The tree's lock (store/key_lock.h) until the transaction ends: a unit's path is
// its parent's path plus its id, and a move rewrites a whole subtree's paths after
// checking for a cycle, so creating, moving and deleting units run one at a time.
// Renames need no lock (the sibling-name index keeps names apart).
Status LockTreeIn(store::Tx& tx) { return store::LockKeyIn(tx, "org.tree"); }

}  // namespace

Result<Unit> OrgService::CreateIn(store::Tx& tx, const UnitInput& raw, const Actor& actor) {
  UnitInput input = raw;
  input.name = core::NormalizeField(input.name);
  PEIXUN_RETURN_IF_ERROR(ValidateUnitInput(input));
  PEIXUN_RETURN_IF_ERROR(LockTreeIn(tx));
  std::string parent_path = "/";
  int depth = 0;
  if (input.parent_id) {
    auto parent = GetIn(tx, *input.parent_id);
    if (!parent) return UnitNotFound(*input.parent_id, "parent_id");
    parent_path = parent->path;
    depth = parent->depth + 1;
  }
  const int64_t now = NowMillis();
  // The path needs the new id: insert with a placeholder path, then set it.
  auto inserted = tx.Query(
      "INSERT INTO org_units (name, parent_id, kind, party_org_name, party_org_kind, secretary, "
      "contact_name, contact_phone, path, depth, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?) RETURNING id",
      {Text(input.name), IntOrNull(input.parent_id), Text(UnitKindCode(input.kind)),
       TextOrNull(input.party_org_name), TextOrNull(input.party_org_kind),
       TextOrNull(input.secretary), TextOrNull(input.contact_name), TextOrNull(input.contact_phone),
       Int(depth), Int(now), Int(now)});
  if (!inserted) {
    if (inserted.error().code == store::kUniqueViolation) return DuplicateName(input.name);
    return std::move(inserted).error();
  }
  const int64_t id = (*inserted)[0].Int(0);
  PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE org_units SET path = ? WHERE id = ?",
                                 {Text(parent_path + std::to_string(id) + "/"), Int(id)}));
  PEIXUN_ASSIGN_OR_RETURN(Unit unit, GetIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(
      audit::RecordIn(tx, actor, "org.create", "unit", id, nullptr, UnitToJson(unit)));
  return unit;
}

Result<Unit> OrgService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(auto units, QueryUnits(tx, "WHERE id = ?", {Int(id)}));
  if (units.empty()) return UnitNotFound(id);
  return std::move(units.front());
}

Result<std::vector<Unit>> OrgService::FindByNameIn(store::Tx& tx, const std::string& name) {
  return QueryUnits(tx, "WHERE name = ? ORDER BY id", {Text(name)});
}

Result<std::vector<Unit>> OrgService::AllIn(store::Tx& tx) {
  return QueryUnits(tx, "ORDER BY depth, id", {});
}

Result<std::vector<Unit>> OrgService::SubtreeIn(store::Tx& tx, int64_t root_id) {
  PEIXUN_ASSIGN_OR_RETURN(Unit root, GetIn(tx, root_id));
  return QueryUnits(tx, "WHERE path LIKE ? ORDER BY depth, id", {Text(root.path + "%")});
}

Result<bool> OrgService::IsWithinIn(store::Tx& tx, int64_t unit_id, int64_t ancestor_id) {
  PEIXUN_ASSIGN_OR_RETURN(Unit unit, GetIn(tx, unit_id));
  return IsWithin(unit, ancestor_id);
}

Result<std::vector<int64_t>> OrgService::SubtreeIdsIn(store::Tx& tx, int64_t root_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows root,
                          tx.Query("SELECT path FROM org_units WHERE id = ?", {Int(root_id)}));
  std::vector<int64_t> ids;
  if (root.empty()) return ids;
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT id FROM org_units WHERE path LIKE ? ORDER BY id",
                                   {Text(root[0].Str(0) + "%")}));
  ids.reserve(rows.size());
  for (const store::Row& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Result<std::map<int64_t, std::string>> OrgService::NamesIn(store::Tx& tx,
                                                           const std::vector<int64_t>& ids) {
  // Bounded IN lists keep every statement under both databases' limits on bound
  // parameters.
  constexpr size_t kChunk = 500;
  std::vector<int64_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::map<int64_t, std::string> out;
  for (size_t at = 0; at < unique.size(); at += kChunk) {
    const size_t n = std::min(kChunk, unique.size() - at);
    std::string marks;
    std::vector<store::Value> params;
    for (size_t i = 0; i < n; ++i) {
      marks += i ? ", ?" : "?";
      params.push_back(Int(unique[at + i]));
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT id, name FROM org_units WHERE id IN (" + marks + ")", params));
    for (const store::Row& r : rows) out.emplace(r.Int(0), r.Str(1));
  }
  return out;
}

Result<Unit> OrgService::Create(const UnitInput& input, const Actor& actor) {
  return store::TransactValue<Unit>(store_,
                                    [&](store::Tx& tx) { return CreateIn(tx, input, actor); });
}

Result<Unit> OrgService::Get(int64_t id) {
  return store::ReadValue<Unit>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<Unit>> OrgService::All() {
  return store::ReadValue<std::vector<Unit>>(store_, [](store::Tx& tx) { return AllIn(tx); });
}

Result<std::vector<Unit>> OrgService::Subtree(int64_t root_id) {
  return store::ReadValue<std::vector<Unit>>(store_,
                                             [&](store::Tx& tx) { return SubtreeIn(tx, root_id); });
}

Result<Unit> OrgService::Update(int64_t id, const UnitInput& raw, const Actor& actor) {
  UnitInput input = raw;
  input.name = core::NormalizeField(input.name);
  PEIXUN_RETURN_IF_ERROR(ValidateUnitInput(input));
  return store::TransactValue<Unit>(store_, [&](store::Tx& tx) -> Result<Unit> {
    PEIXUN_ASSIGN_OR_RETURN(Unit before, GetIn(tx, id));
    auto updated = tx.Exec(
        "UPDATE org_units SET name = ?, kind = ?, party_org_name = ?, party_org_kind = ?, "
        "secretary = ?, contact_name = ?, contact_phone = ?, updated_at = ? WHERE id = ?",
        {Text(input.name), Text(UnitKindCode(input.kind)), TextOrNull(input.party_org_name),
         TextOrNull(input.party_org_kind), TextOrNull(input.secretary),
         TextOrNull(input.contact_name), TextOrNull(input.contact_phone), Int(NowMillis()),
         Int(id)});
    if (!updated) {
      if (updated.error().code == store::kUniqueViolation) return DuplicateName(input.name);
      return std::move(updated).error();
    }
    PEIXUN_ASSIGN_OR_RETURN(Unit after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "org.update", "unit", id, UnitToJson(before),
                                           UnitToJson(after)));
    if (before.kind != after.kind) PEIXUN_RETURN_IF_ERROR(NotifyUnitKindChangedIn(tx, id));
    return after;
  });
}

Status OrgService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(LockTreeIn(tx));
    PEIXUN_ASSIGN_OR_RETURN(Unit before, GetIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows children,
        tx.Query("SELECT count(*) FROM org_units WHERE parent_id = ?", {Int(id)}));
    if (children[0].Int(0) > 0) {
      return Conflict("org.delete.has_children", "该单位下还有下级单位，不能删除",
                      "the unit still has sub-units and cannot be deleted", "id");
    }
    auto deleted = tx.Exec("DELETE FROM org_units WHERE id = ?", {Int(id)});
    if (!deleted && deleted.error().code == store::kForeignKeyViolation) {
      return Conflict("org.delete.in_use", "该单位仍有人员或其他记录引用，不能删除",
                      "people or other records still belong to the unit; it cannot be deleted",
                      "id");
    }
    if (!deleted) return std::move(deleted).error();
    return audit::RecordIn(tx, actor, "org.delete", "unit", id, UnitToJson(before), nullptr);
  });
}

Result<Unit> OrgService::Move(int64_t id, std::optional<int64_t> new_parent, const Actor& actor) {
  return store::TransactValue<Unit>(store_, [&](store::Tx& tx) -> Result<Unit> {
    PEIXUN_RETURN_IF_ERROR(LockTreeIn(tx));
    PEIXUN_ASSIGN_OR_RETURN(Unit unit, GetIn(tx, id));
    std::string parent_path = "/";
    int parent_depth = -1;
    if (new_parent) {
      auto parent = GetIn(tx, *new_parent);
      if (!parent) return UnitNotFound(*new_parent, "parent_id");
      if (parent->path.rfind(unit.path, 0) == 0) {
        return Conflict("org.move.cycle", "不能把单位移到它自己或它的下级单位之下",
                        "a unit cannot be moved under itself or one of its sub-units", "parent_id");
      }
      parent_path = parent->path;
      parent_depth = parent->depth;
    }
    const std::string new_path = parent_path + std::to_string(id) + "/";
    const int depth_shift = parent_depth + 1 - unit.depth;
    auto moved = tx.Exec("UPDATE org_units SET parent_id = ?, updated_at = ? WHERE id = ?",
                         {IntOrNull(new_parent), Int(NowMillis()), Int(id)});
    if (!moved) {
      if (moved.error().code == store::kUniqueViolation) return DuplicateName(unit.name);
      return std::move(moved).error();
    }
    // Rewrite the path prefix of the whole subtree in one statement.
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE org_units SET path = ? || substr(path, ?), depth = depth + ? WHERE path LIKE ?",
        {Text(new_path), Int(static_cast<int64_t>(unit.path.size()) + 1), Int(depth_shift),
         Text(unit.path + "%")}));
    PEIXUN_ASSIGN_OR_RETURN(Unit after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, actor, "org.move", "unit", id, UnitToJson(unit), UnitToJson(after)));
    return after;
  });
}

}  // namespace peixun::org
