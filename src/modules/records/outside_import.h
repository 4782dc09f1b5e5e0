// Bulk import of outside hours (校外学时) from xlsx or csv (UTF-8 or GB18030,
// io/table_transfer.h), with the roster import's row-error report and its
// all-or-nothing default (core/import_report.h).
//
// Columns (Chinese or English headers, io/column_map.h): 人员编号 person_id or
// 身份证号 id_number (one of them per row) naming a registered person, 姓名 name*
// (must be that person's name), 类别 kind (外单位培训班 / 网络学习, class / online;
// 外单位培训班 when empty), 培训名称 title*, 主办单位 provider, 开始日期 start_date*,
// 结束日期 end_date*, 学时 hours (or 天数 days, converted by the targets' day rule),
// 证明编号 proof_ref*.
//
// Proof: a bulk row carries a written reference instead of a file: 证明编号, the
// number on the other organizer's certificate or the online platform's study record
// (its issuer is the row's 主办单位), which anyone can check with the issuer. It is
// stored as the entry's proof (proof_kind "ref", proof_name the reference). A row
// without it is a row error records.outside.proof, as an entry without a file is.
//
// Row errors: the single entry's codes (records.outside.kind / title / date / hours /
// proof), records.import.person (neither 人员编号 nor 身份证号, or no such person
// visible to the importer: a liaison sees their subtree only, and learns nothing of
// others), records.import.name_mismatch, records.import.duplicate_in_file (same
// person, title and dates as an earlier row) and records.outside.duplicate (already
// recorded and not rejected).
//
// Who: admin, organizer, liaison (403 records.forbidden for others). Rows land
// pending approval; `approve` (admin and organizer only, else 403) approves them at
// import, the importer being the approver. Audited per row: records.outside.create,
// and records.outside.approve when approved. The writing is one transaction.
#pragma once

#include <cstdint>

#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "io/table.h"
#include "store/store.h"

namespace peixun::records {

struct OutsideImportOptions {
  ImportOptions rows;    // dry run, skip bad rows
  bool approve = false;  // approve every imported row at once
};

// 422 import.column.missing when a required column is missing (naming it).
Result<ImportReport> ImportOutsideHours(store::Store& store, const crypto::DataKey& key,
                                        const Principal& who, const io::Table& table,
                                        const OutsideImportOptions& options, int64_t now_ms);

// The template to download: the header and two example rows.
io::Table OutsideImportTemplate();

}  // namespace peixun::records
