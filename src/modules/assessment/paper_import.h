// Paper exams (纸质考试): the scores of an exam taken on paper, typed into a sheet
// (xlsx or csv, UTF-8 or GB18030: io/table_transfer.h) and imported for the exam,
// with the same row-error report and all-or-nothing default as the roster import
// (core/import_report.h).
//
// Columns (Chinese or English headers, io/column_map.h): 序号 (ignored), 人员编号
// person_id, 姓名 name*, 单位 unit (ignored), 得分 score*. The template
// (PaperScoreTemplate) lists every approved trainee of the exam's class in 姓氏笔画
// order with their 人员编号 and an empty 得分.
//
// A row names its trainee by 人员编号 (then 姓名 must be theirs) or, without it, by
// 姓名 alone when exactly one approved trainee of the class has that name. 得分 is
// a number of points with at most two decimals, 0..the paper's total; 缺考 (or
// absent) leaves the trainee without a result. Row errors (field = the column):
//   assessment.paper.person       人员编号 not an approved trainee of the class
//   assessment.paper.name         姓名 does not match the 人员编号, or no trainee by
//                                 that name, or two trainees share it (人员编号 needed)
//   assessment.paper.score        not a number, more than two decimals, out of range
//   assessment.paper.duplicate    the trainee is on an earlier row too
//   assessment.paper.online       the trainee already took the exam online
// With any error nothing is written unless options.skip_bad_rows.
//
// What is written: per trainee one attempt submitted_by "paper" whose score is the
// imported total (exam_rows.h AttemptScore), so the exam's results, the trainee's
// result and completion (exam_outcomes.h) read it as the attempt's result.
// Importing again replaces a trainee's imported score (and 缺考 removes it). One
// transaction, audited once (assessment.paper.import, entity "exam").
//
// Access: classes::ClassNeed::kManage on the exam's class (403 otherwise); 404
// assessment.exam.not_found; 422 assessment.import.columns when 姓名 or 得分 is
// missing.
#pragma once

#include <cstdint>

#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "io/table.h"
#include "store/store.h"

namespace peixun::assessment {

Result<ImportReport> ImportPaperScores(store::Store& store, const Principal& who, int64_t exam_id,
                                       const io::Table& table, const ImportOptions& options,
                                       int64_t now_ms);

// The sheet to fill in: 序号, 人员编号, 姓名, 单位, 得分 (empty), one row per
// approved trainee of the class in 姓氏笔画 order. Same access as the import.
Result<io::Table> PaperScoreTemplate(store::Store& store, const Principal& who, int64_t exam_id);

// "85", "85.5", "85.25" as hundredths of a point; nullopt for anything else
// (negative numbers, more than two decimals, text). Exposed for tests.
std::optional<int> ParsePoints(const std::string& text);

}  // namespace peixun::assessment
