// The printables of a class's trainees: the roster (花名册) as a table (for xlsx) and
// as a PDF, and the badges (胸牌) with each trainee's check-in QR code
// (badges.h). Trainees are the class's approved enrollments in 姓氏笔画 order
// (people's stroke keys).
//
// Access: admin, organizer and the class's head teachers; others 403
// (enrollment.forbidden / classes.forbidden), an unknown class 404 classes.not_found.
// Errors of the PDF functions are those of io/pdf_layouts.h.
//
// Thread-safe: each call runs its own read transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "io/pdf_layouts.h"
#include "io/table.h"
#include "modules/people/person.h"
#include "store/store.h"

namespace peixun::enrollment {

// The approved trainees of the class in 姓氏笔画 order.
Result<std::vector<people::Person>> ApprovedTraineesIn(store::Tx& tx, int64_t class_id);

// Columns 序号 姓名 性别 民族 单位 职务 手机号, one row per trainee.
Result<io::Table> RosterTable(store::Store& store, const Principal& who, int64_t class_id);

Result<std::string> RosterPdfFile(store::Store& store, const Principal& who, int64_t class_id,
                                  const io::PdfProgress& progress = {});

// person id → the label of their discussion group ("第三组"); the groups module
// answers (it comes after this one). Runs its own read transaction.
using GroupLabels = std::function<std::map<int64_t, std::string>(int64_t class_id)>;

// One badge per trainee: class name, name, unit, group (when `group_labels` knows
// it) and the QR code of BadgeUrl(class_id, BadgeToken(…)). `progress` reports the
// badges laid out (io/pdf_layouts.h), for long batches.
// The badges BadgesPdfFile lays out, before layout, with each badge's person id
// (same order), for callers that add to them (invites prints sign-in QR codes on
// their backs).
struct BadgeSheet {
  io::BadgeDoc doc;
  std::vector<int64_t> person_ids;
};
// `key` unseals the class's check-in secret (classes::ClassService::CheckinSecretIn).
Result<BadgeSheet> BadgeSheetFor(store::Store& store, const crypto::DataKey& key,
                                 const Principal& who, int64_t class_id,
                                 const GroupLabels& group_labels = {});

Result<std::string> BadgesPdfFile(store::Store& store, const crypto::DataKey& key,
                                  const Principal& who, int64_t class_id,
                                  const GroupLabels& group_labels = {},
                                  const io::PdfProgress& progress = {});

}  // namespace peixun::enrollment
