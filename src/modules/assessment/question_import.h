// Questions to and from a table (xlsx or csv, UTF-8 or GB18030: io/table_transfer.h),
// with the same row-error report and all-or-nothing default as the roster import
// (core/import_report.h).
//
// Columns (Chinese or English headers, column_map.h): 题型 kind*, 题干 stem*,
// 选项A..选项J (option_a..option_j), 答案 answer*, 分值 points, 多选计分 credit
// (全对得分 / 部分得分, all_or_nothing / partial), 标签 tags (separated by 、 , ; |),
// 解析 explanation. 答案 holds: the letters of the correct options ("B", "ACD",
// "A,C"); 对/错 (正确/错误, √/×, T/F) for true/false; the accepted answers of a
// fill-in separated by | ; the rubric of a short answer.
//
// Every row is checked before anything is written (core::ValidateAnswerKey and the
// bank's rules); a stem repeated in the file, or already in the bank, is a row
// error (assessment.import.duplicate_in_file / assessment.question.duplicate).
// With any error nothing is written unless options.skip_bad_rows. The writing is
// one transaction, audited once (assessment.question.import).
#pragma once

#include <cstdint>

#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "io/table.h"
#include "store/store.h"

namespace peixun::assessment {

// 403 unless `who` manages banks; 404 for an unknown bank; 422
// assessment.import.columns when a required column is missing.
Result<ImportReport> ImportQuestions(store::Store& store, const Principal& who, int64_t bank_id,
                                     const io::Table& table, const ImportOptions& options,
                                     int64_t now_ms);

// The template to download: the header and one example row of each kind.
io::Table QuestionTemplate();

// Every live question of the bank in the import's columns (so an export imports
// back into another bank). Readers of banks only (question_bank_service.h).
Result<io::Table> ExportQuestions(store::Store& store, const Principal& who, int64_t bank_id);

}  // namespace peixun::assessment
