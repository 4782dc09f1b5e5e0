// An exam's results as an A4 PDF (io/pdf_document.h), beside the xlsx export
// (results_export.h): the class and exam, a summary line (trainees, sat, mean,
// pass rate, Cronbach's alpha), one row per approved trainee of the class in
// 姓氏笔画 order (score, pass/fail, 未参加 / 待阅卷 / 纸质), and one row per question
// (kind, facility, discrimination, option distribution, 存疑 when doubtful).
// Access as ExamService::Results (class staff only). Names print as stored, so
// 买买提·艾力 and 䶮 read back whole with pdftotext.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/assessment/exam_service.h"
#include "store/store.h"

namespace peixun::assessment {

Result<std::string> ResultsPdf(store::Store& store, ExamService& exams, const Principal& who,
                               int64_t exam_id);

}  // namespace peixun::assessment
