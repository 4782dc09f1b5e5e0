// The organization tree's entry points for a user (org_for_user.h).
#include "modules/org/org_for_user.h"

#include "core/role_guard.h"
#include "modules/org/org_import.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"

namespace peixun::org {
namespace {

Status CheckReader(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison,
                           Role::kLecturer, Role::kLogistics});
}

Status CheckWriter(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer});
}

// A liaison asking for a unit outside their subtree gets 404, as if it did not exist.
Status CheckVisible(store::Store& store, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  Status st = CheckUnitInScope(store, who, id);
  if (!st && st.error().kind == ErrorKind::kForbidden) {
    return NotFound("org.not_found", "单位不存在：" + std::to_string(id),
                    "unit not found: " + std::to_string(id), "id");
  }
  return st;
}

}  // namespace

Result<std::vector<Unit>> ListUnits(store::Store& store, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  auto root = ScopeRoot(who);
  OrgService service(store);
  return root ? service.Subtree(*root) : service.All();
}

Result<Unit> GetUnit(store::Store& store, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckVisible(store, who, id));
  return OrgService(store).Get(id);
}

Result<std::vector<Unit>> UnitSubtree(store::Store& store, const Principal& who, int64_t root_id) {
  PEIXUN_RETURN_IF_ERROR(CheckVisible(store, who, root_id));
  return OrgService(store).Subtree(root_id);
}

Result<Unit> CreateUnit(store::Store& store, const Principal& who, const UnitInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return OrgService(store).Create(input, Actor::Of(who));
}

Result<Unit> UpdateUnit(store::Store& store, const Principal& who, int64_t id,
                        const UnitInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return OrgService(store).Update(id, input, Actor::Of(who));
}

Result<Unit> MoveUnit(store::Store& store, const Principal& who, int64_t id,
                      std::optional<int64_t> new_parent) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return OrgService(store).Move(id, new_parent, Actor::Of(who));
}

Status DeleteUnit(store::Store& store, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return OrgService(store).Delete(id, Actor::Of(who));
}

Result<ImportReport> ImportOrgs(store::Store& store, const io::Table& table,
                                const ImportOptions& options, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return ImportOrgs(store, table, options, Actor::Of(who));
}

Result<io::Table> ExportOrgs(store::Store& store, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  PEIXUN_ASSIGN_OR_RETURN(io::Table table, ExportOrgs(store));
  auto root = ScopeRoot(who);
  if (!root) return table;
  // A liaison's export holds only their subtree.
  PEIXUN_ASSIGN_OR_RETURN(auto units, OrgService(store).Subtree(*root));
  io::Table scoped;
  scoped.header = table.header;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    for (const auto& u : units) {
      if (u.name == table.rows[i][0]) {
        scoped.rows.push_back(table.rows[i]);
        break;
      }
    }
  }
  return scoped;
}

}  // namespace peixun::org
