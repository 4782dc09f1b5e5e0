// An exam's results as a table for xlsx/csv download: every approved trainee of
// the class in 姓氏笔画 order (those who took no attempt marked 未参加), their
// counted score, pass/fail, and the score of each question; then one row per
// question with its facility and discrimination (item statistics).
// Access as ExamService::Results (class staff only).
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "io/table.h"
#include "modules/assessment/exam_service.h"
#include "store/store.h"

namespace peixun::assessment {

Result<io::Table> ResultsTable(store::Store& store, ExamService& exams, const Principal& who,
                               int64_t exam_id);

}  // namespace peixun::assessment
