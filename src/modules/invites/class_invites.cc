#include "modules/invites/class_invites.h"

#include <map>
#include <set>
#include <utility>

#include "core/local_time.h"
#include "core/role_guard.h"
#include "io/pdf_layouts.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/class_roster.h"
#include "modules/settings/public_base_url.h"

namespace peixun::invites {
namespace {

Error NotTraineeOfClass(int64_t person_id) {
  return Invalid(
      "invites.not_trainee", "人员 " + std::to_string(person_id) + " 不是本班已录取的学员",
      "person " + std::to_string(person_id) + " is not an approved trainee of this class",
      "person_ids");
}

// The role half of kManage, first, so a wrong role gets the router's 403 before
// any lookup or validation.
Status RequireManagerRole(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
}

// The class's approved trainees in stroke order, after the manage check.
Result<std::vector<people::Person>> TraineesFor(store::Store& store, const Principal& who,
                                                int64_t class_id) {
  return store::ReadValue<std::vector<people::Person>>(
      store, [&](store::Tx& tx) -> Result<std::vector<people::Person>> {
        PEIXUN_RETURN_IF_ERROR(
            classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
        return enrollment::ApprovedTraineesIn(tx, class_id);
      });
}

}  // namespace

Result<std::vector<IssuedInvite>> ClassInviteService::Issue(
    const Principal& who, int64_t class_id, const std::optional<std::vector<int64_t>>& person_ids,
    std::optional<int64_t> days) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> trainees, TraineesFor(store_, who, class_id));
  std::vector<people::Person> chosen;
  if (!person_ids) {
    chosen = std::move(trainees);
  } else {
    if (person_ids->size() > kMaxInvitesPerRequest) {
      return Invalid("invites.too_many", "一次最多 2000 人", "at most 2000 people at once",
                     "person_ids");
    }
    std::set<int64_t> wanted(person_ids->begin(), person_ids->end());
    std::set<int64_t> known;
    for (const auto& p : trainees) known.insert(p.id);
    for (int64_t id : *person_ids) {
      if (!known.count(id)) return NotTraineeOfClass(id);
    }
    for (auto& p : trainees) {
      if (wanted.count(p.id)) chosen.push_back(std::move(p));
    }
  }
  std::vector<int64_t> ids;
  ids.reserve(chosen.size());
  for (const auto& p : chosen) ids.push_back(p.id);
  PEIXUN_ASSIGN_OR_RETURN(std::vector<auth::CreatedInvite> made,
                          invites_.CreateMany(ids, days, who));
  std::vector<IssuedInvite> out;
  out.reserve(chosen.size());
  for (size_t i = 0; i < chosen.size(); ++i) {
    out.push_back(IssuedInvite{chosen[i].id, chosen[i].name, chosen[i].unit_name, made[i].url,
                               made[i].expires_at});
  }
  return out;
}

Result<std::string> ClassInviteService::PublicBaseUrl(const std::string& request_base_url) {
  PEIXUN_ASSIGN_OR_RETURN(
      std::string base,
      store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
        PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> setting, settings::PublicBaseUrlIn(tx));
        return setting.value_or(request_base_url);
      }));
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Result<std::string> ClassInviteService::SheetPdf(
    const Principal& who, int64_t class_id, const std::optional<std::vector<int64_t>>& person_ids,
    std::optional<int64_t> days, const std::string& request_base_url) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<IssuedInvite> issued, Issue(who, class_id, person_ids, days));
  io::InviteSlipDoc doc;
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    doc.class_name = c.name;
    if (!issued.empty()) {
      doc.expires =
          core::FormatLocalDate(issued.front().expires_at, c.utc_offset_minutes) + " 前有效";
    }
    return Ok();
  }));
  PEIXUN_ASSIGN_OR_RETURN(std::string base, PublicBaseUrl(request_base_url));
  for (const IssuedInvite& i : issued) {
    doc.slips.push_back(io::InviteSlip{i.name, i.unit_name, base + i.url});
  }
  return io::InviteSlipsPdf(doc);
}

Result<std::string> ClassInviteService::BadgesPdf(const Principal& who, int64_t class_id,
                                                  std::optional<int64_t> days,
                                                  const std::string& request_base_url,
                                                  const enrollment::GroupLabels& group_labels) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(enrollment::BadgeSheet sheet,
                          enrollment::BadgeSheetFor(store_, key_, who, class_id, group_labels));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<IssuedInvite> issued,
                          Issue(who, class_id, sheet.person_ids, days));
  PEIXUN_ASSIGN_OR_RETURN(std::string base, PublicBaseUrl(request_base_url));
  std::map<int64_t, std::string> links;
  for (const IssuedInvite& i : issued) links[i.person_id] = base + i.url;
  for (size_t k = 0; k < sheet.person_ids.size(); ++k) {
    sheet.doc.badges[k].back_qr_payload = links[sheet.person_ids[k]];
  }
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    sheet.doc.back_caption = "微信扫码登录学员页面";
    if (!issued.empty()) {
      sheet.doc.back_caption +=
          "，" + core::FormatLocalDate(issued.front().expires_at, c.utc_offset_minutes) +
          " 前有效，仅限本人使用";
    }
    return Ok();
  }));
  return io::BadgesPdf(sheet.doc);
}

Result<int64_t> ClassInviteService::Revoke(const Principal& who, int64_t class_id,
                                           int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> trainees, TraineesFor(store_, who, class_id));
  bool found = false;
  for (const auto& p : trainees) found = found || p.id == person_id;
  if (!found) return NotTraineeOfClass(person_id);
  return invites_.Revoke(person_id, who);
}

}  // namespace peixun::invites
