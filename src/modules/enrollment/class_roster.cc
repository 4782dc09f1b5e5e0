#include "modules/enrollment/class_roster.h"

#include "core/role_guard.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/enrollment/internal/badge_token.h"
#include "modules/people/people_service.h"

namespace peixun::enrollment {
namespace {

struct ClassTrainees {
  std::string class_name;
  std::string secret;  // check-in secret, in clear; filled for badges only
  std::vector<people::Person> trainees;
};

// `secret_key` set: the check-in secret too.
Result<ClassTrainees> LoadIn(store::Tx& tx, const Principal& who, int64_t class_id,
                             const crypto::DataKey* secret_key) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer && who.role != Role::kHeadTeacher) {
    return MakeError(ErrorKind::kForbidden, "enrollment.forbidden", "您无权查看该培训班的学员名单",
                     "you may not see this class's trainees");
  }
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
  ClassTrainees out;
  out.class_name = c.name;
  if (secret_key) {
    PEIXUN_ASSIGN_OR_RETURN(out.secret,
                            classes::ClassService::CheckinSecretIn(tx, *secret_key, class_id));
  }
  PEIXUN_ASSIGN_OR_RETURN(out.trainees, ApprovedTraineesIn(tx, class_id));
  return out;
}

Result<ClassTrainees> Load(store::Store& store, const Principal& who, int64_t class_id,
                           const crypto::DataKey* secret_key = nullptr) {
  return store::ReadValue<ClassTrainees>(
      store, [&](store::Tx& tx) { return LoadIn(tx, who, class_id, secret_key); });
}

}  // namespace

Result<std::vector<people::Person>> ApprovedTraineesIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                          EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  return people::PeopleService::GetManyIn(tx, ids, people::NameOrder::kStroke);
}

Result<io::Table> RosterTable(store::Store& store, const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  PEIXUN_ASSIGN_OR_RETURN(ClassTrainees loaded, Load(store, who, class_id));
  io::Table table;
  table.header = {"序号", "姓名", "性别", "民族", "单位", "职务", "手机号"};
  for (size_t i = 0; i < loaded.trainees.size(); ++i) {
    const people::Person& p = loaded.trainees[i];
    table.rows.push_back(
        {std::to_string(i + 1), p.name, p.gender, p.ethnicity, p.unit_name, p.position, p.phone});
    table.source_rows.push_back(static_cast<int>(i) + 2);
  }
  return table;
}

Result<std::string> RosterPdfFile(store::Store& store, const Principal& who, int64_t class_id,
                                  const io::PdfProgress& progress) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  PEIXUN_ASSIGN_OR_RETURN(ClassTrainees loaded, Load(store, who, class_id));
  io::RosterDoc doc;
  doc.class_name = loaded.class_name;
  doc.subtitle = "按姓氏笔画排序";  // RosterPdf adds the head count
  for (const auto& p : loaded.trainees) {
    doc.trainees.push_back({p.name, p.gender, p.ethnicity, p.unit_name, p.position, p.phone});
  }
  return io::RosterPdf(doc, progress);
}

Result<BadgeSheet> BadgeSheetFor(store::Store& store, const crypto::DataKey& key,
                                 const Principal& who, int64_t class_id,
                                 const GroupLabels& group_labels) {
  PEIXUN_ASSIGN_OR_RETURN(ClassTrainees loaded, Load(store, who, class_id, &key));
  const std::map<int64_t, std::string> groups =
      group_labels ? group_labels(class_id) : std::map<int64_t, std::string>();
  BadgeSheet sheet;
  sheet.doc.class_name = loaded.class_name;
  for (const auto& p : loaded.trainees) {
    io::Badge badge;
    badge.name = p.name;
    badge.unit = p.unit_name;
    if (auto it = groups.find(p.id); it != groups.end()) badge.group = it->second;
    badge.qr_payload = BadgeUrl(class_id, BadgeToken(class_id, p.id, loaded.secret));
    sheet.doc.badges.push_back(std::move(badge));
    sheet.person_ids.push_back(p.id);
  }
  return sheet;
}

Result<std::string> BadgesPdfFile(store::Store& store, const crypto::DataKey& key,
                                  const Principal& who, int64_t class_id,
                                  const GroupLabels& group_labels,
                                  const io::PdfProgress& progress) {
  PEIXUN_ASSIGN_OR_RETURN(BadgeSheet sheet, BadgeSheetFor(store, key, who, class_id, group_labels));
  return io::BadgesPdf(sheet.doc, progress);
}

}  // namespace peixun::enrollment
