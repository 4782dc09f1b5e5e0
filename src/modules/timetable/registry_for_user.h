// The lecturer and site registries (授课老师库, 示范点库) and a lecturer's own
// sessions, for a user (routes, the CLI, jobs): staff read (403 auth.forbidden
// for trainees); admins and organizers write (403 auth.forbidden for others);
// "my sessions" is for lecturers only. Writes are audited as `who`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"

namespace peixun::timetable {

Result<std::vector<Lecturer>> ListLecturers(LecturerService& service, const Principal& who,
                                            const std::string& search);
Result<Lecturer> GetLecturer(LecturerService& service, const Principal& who, int64_t id);
Result<Lecturer> CreateLecturer(LecturerService& service, const Principal& who,
                                const LecturerInput& input);
Result<Lecturer> UpdateLecturer(LecturerService& service, const Principal& who, int64_t id,
                                const LecturerInput& input);
Status DeleteLecturer(LecturerService& service, const Principal& who, int64_t id);

Result<std::vector<Site>> ListSites(SiteService& service, const Principal& who,
                                    std::optional<SiteKind> kind);
Result<Site> GetSite(SiteService& service, const Principal& who, int64_t id);
Result<Site> CreateSite(SiteService& service, const Principal& who, const SiteInput& input);
Result<Site> UpdateSite(SiteService& service, const Principal& who, int64_t id,
                        const SiteInput& input);
Status DeleteSite(SiteService& service, const Principal& who, int64_t id);

// The sessions of every class taught by the lecturers linked to `who`, in time order.
Result<std::vector<ClassSession>> MySessions(SessionService& service, const Principal& who);

}  // namespace peixun::timetable
