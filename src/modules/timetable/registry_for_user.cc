#include "modules/timetable/registry_for_user.h"

#include "core/role_guard.h"

namespace peixun::timetable {
namespace {

Status CheckReader(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison,
                           Role::kLecturer, Role::kLogistics});
}

Status CheckWriter(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer});
}

}  // namespace

Result<std::vector<Lecturer>> ListLecturers(LecturerService& service, const Principal& who,
                                            const std::string& search) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  return service.List(search);
}

Result<Lecturer> GetLecturer(LecturerService& service, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  return service.Get(id);
}

Result<Lecturer> CreateLecturer(LecturerService& service, const Principal& who,
                                const LecturerInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Create(input, Actor::Of(who));
}

Result<Lecturer> UpdateLecturer(LecturerService& service, const Principal& who, int64_t id,
                                const LecturerInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Update(id, input, Actor::Of(who));
}

Status DeleteLecturer(LecturerService& service, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Delete(id, Actor::Of(who));
}

Result<std::vector<Site>> ListSites(SiteService& service, const Principal& who,
                                    std::optional<SiteKind> kind) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  return service.List(kind);
}

Result<Site> GetSite(SiteService& service, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  return service.Get(id);
}

Result<Site> CreateSite(SiteService& service, const Principal& who, const SiteInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Create(input, Actor::Of(who));
}

Result<Site> UpdateSite(SiteService& service, const Principal& who, int64_t id,
                        const SiteInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Update(id, input, Actor::Of(who));
}

Status DeleteSite(SiteService& service, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  return service.Delete(id, Actor::Of(who));
}

Result<std::vector<ClassSession>> MySessions(SessionService& service, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kLecturer}));
  return service.ListForLecturerUser(who.user_id);
}

}  // namespace peixun::timetable
